/**
 * HTTP test servers: the real application (src/app.ts buildApp, with its hardening and auth hook)
 * on the database of createTestApp(), optionally with other settings or an injected Redis client.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../src/config.js';
import type { Role } from '../../src/context.js';
import { buildApp } from '../../src/app.js';
import { createTestApp, type TestApp } from '../harness/app.js';

/** Headers of a real signed-in user (an account created and logged in through the API). */
export async function signedIn(h: HttpTestApp, role: Role = 'NATIONAL_ADMIN'): Promise<Record<string, string>> {
  const { accessToken } = await h.t.login(role);
  return { authorization: `Bearer ${accessToken}` };
}

export interface HttpTestApp {
  /** Database, ORM and Apollo-level helpers. */
  t: TestApp;
  config: AppConfig;
  fastify: FastifyInstance;
  /** Another server on the same database with other settings (and routes of the test's own); closed by close(). */
  variant(overrides: Partial<AppConfig>, redis?: Redis, extraRoutes?: (fastify: FastifyInstance) => void): Promise<FastifyInstance>;
  close(): Promise<void>;
}


/** The real application (src/app.ts) on the test database, with these settings. */
async function buildServer(t: TestApp, config: AppConfig, redis?: Redis, extraRoutes?: (fastify: FastifyInstance) => void): Promise<FastifyInstance> {
  const { fastify } = await buildApp({ config, orm: t.orm, reference: t.reference, redis });
  extraRoutes?.(fastify);
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
}

/** POSTs a JSON body (object, array or raw string) to /graphql. */
export async function post(
  fastify: FastifyInstance,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const response = await fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  let parsed: unknown = response.body;
  try {
    parsed = response.json();
  } catch {
    // not JSON
  }
  return { status: response.statusCode, headers: response.headers, body: parsed };
}

/** The codes of the errors in a GraphQL answer. */
export function codes(body: any): string[] {
  return (body?.errors ?? []).map((e: any) => e.extensions?.code);
}
