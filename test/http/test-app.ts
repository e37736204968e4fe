/**
 * HTTP test server with the request hardening of src/http/hardening.ts.
 *
 * TEMPORARY: src/app.ts does not call the hardening yet, so this builds Fastify + Apollo the way
 * app.ts does, with the calls shown at the top of hardening.ts, on the database, ORM and reference
 * data of createTestApp(). Once app.ts is integrated, `buildServer` becomes
 * `(await buildApp({ config, orm: t.orm, reference: t.reference })).fastify` and the stand-in
 * user hook goes (tests that need a signed-in user then send a real access token).
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../src/config.js';
import { createContext, type Context, type Role, type Viewer } from '../../src/context.js';
import { createSchema } from '../../src/schema.js';
import { createFormatError } from '../../src/http/errors.js';
import { graphiqlAsset, graphiqlHtml } from '../../src/http/graphiql.js';
import { registerAuth } from '../../src/http/auth.js';
import { apolloHardening, registerHttpHardening } from '../../src/http/hardening.js';
import { createTestApp, type TestApp } from '../harness/app.js';

/** Stand-in for the auth hook: `x-test-user: <id>` makes the request a signed-in user's (`x-test-role`, default NATIONAL_ADMIN). */
export const TEST_USER_HEADER = 'x-test-user';
export const TEST_ROLE_HEADER = 'x-test-role';

export interface HttpTestApp {
  /** Database, ORM and Apollo-level helpers. */
  t: TestApp;
  config: AppConfig;
  fastify: FastifyInstance;
  /** Another server on the same database with other settings (and routes of the test's own); closed by close(). */
  variant(overrides: Partial<AppConfig>, redis?: Redis, extraRoutes?: (fastify: FastifyInstance) => void): Promise<FastifyInstance>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

async function buildServer(t: TestApp, config: AppConfig, redis?: Redis, extraRoutes?: (fastify: FastifyInstance) => void): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeoutMs,
    handlerTimeout: config.requestTimeoutMs,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: false,
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerHttpHardening(fastify, config, redis);
  registerAuth(fastify, { config, orm: t.orm });
  // Stand-in for a signed-in user (after the real auth hook, which makes everyone else anonymous).
  fastify.addHook('onRequest', async (request) => {
    const id = request.headers[TEST_USER_HEADER];
    if (typeof id === 'string' && id) {
      const role = (request.headers[TEST_ROLE_HEADER] as Role | undefined) ?? 'NATIONAL_ADMIN';
      request.viewer = { kind: 'USER', userId: id, username: `user-${id}`, role, sessionId: randomUUID() } satisfies Viewer;
    }
  });

  const hardening = apolloHardening(config);
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(fastify.log),
    ...hardening.options,
    validationRules: hardening.validationRules,
    plugins: [fastifyApolloDrainPlugin(fastify), ApolloServerPluginLandingPageDisabled(), ...hardening.plugins],
  });
  await apollo.start();

  fastify.get('/healthz', async () => ({ status: 'ok' }));
  fastify.get('/readyz', async () => ({ status: 'ready' }));
  extraRoutes?.(fastify);
  if (config.graphiql) {
    fastify.addHook('onRequest', async (request, reply) => {
      const accept = request.headers.accept ?? '';
      if (request.method === 'GET' && request.url === '/graphql' && accept.includes('text/html')) {
        return reply.type('text/html; charset=utf-8').send(graphiqlHtml('/graphql', '/graphiql'));
      }
    });
    fastify.get<{ Params: { file: string } }>('/graphiql/:file', async (request, reply) => {
      const asset = graphiqlAsset(request.params.file);
      if (!asset) return reply.code(404).send({ error: 'not found' });
      return reply.type(asset.type).send(asset.body);
    });
  }
  await fastify.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: async (request) =>
      createContext(
        { em: t.orm.em, reference: t.reference, config },
        { requestId: request.id, clientAddress: request.ip, userAgent: request.headers['user-agent'] ?? null, viewer: request.viewer },
      ),
  });
  await fastify.ready();
  return fastify;
}

export async function createHttpTestApp(overrides: Partial<AppConfig> = {}, redis?: Redis): Promise<HttpTestApp> {
  const t = await createTestApp(overrides);
  const servers: FastifyInstance[] = [];
  const fastify = await buildServer(t, t.config, redis);
  servers.push(fastify);
  return {
    t,
    config: t.config,
    fastify,
    async variant(more, variantRedis, extraRoutes) {
      const server = await buildServer(t, { ...t.config, ...more }, variantRedis, extraRoutes);
      servers.push(server);
      return server;
    },
    async close() {
      for (const server of servers) await server.close();
      await t.close();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  ms: number;
}

/** POSTs a JSON body (object, array or raw string) to /graphql and measures the time to the answer. */
export async function post(
  fastify: FastifyInstance,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const started = performance.now();
  const response = await fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const ms = performance.now() - started;
  let parsed: unknown = response.body;
  try {
    parsed = response.json();
  } catch {
    // not JSON
  }
  return { status: response.statusCode, headers: response.headers, body: parsed, ms };
}

/** The codes of the errors in a GraphQL answer. */
export function codes(body: any): string[] {
  return (body?.errors ?? []).map((e: any) => e.extensions?.code);
}
