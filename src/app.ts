import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { SessionCache } from './modules/account/session-cache.js';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from './common/clock.js';
import { attachDataVersion, DataVersion } from './common/data-version.js';
import { ResponseCache } from './http/response-cache.js';
import { registerRequestTimeout } from './http/request-timeout.js';
import type { AppConfig } from './config.js';
import { createContext, type Context } from './context.js';
import type { ReferenceData } from './common/reference-data.js';
import { createSchema } from './schema.js';
import { createFormatError, errorReportingPlugin, registerErrorHandler } from './http/errors.js';
import { DatabaseHealth, registerHealthRoutes } from './http/health.js';
import { Metrics } from './http/metrics.js';
import { graphiqlAsset, graphiqlHtml } from './http/graphiql.js';
import { registerAuth } from './http/auth.js';
import { registerFileRoutes } from './http/files.js';
import { registerExportRoutes } from './http/exports.js';
import { registerDashboardRoutes } from './http/dashboard.js';
import { startExports } from './modules/reporting/export.service.js';
import { startRollupFolding } from './modules/reporting/rollup.fold.js';
import { LocalFileStorage, type FileStorage } from './modules/file/storage.js';
import path from 'node:path';
import { apolloHardening, createRedis, quitRedisOnClose, registerHttpHardening } from './http/hardening.js';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleStore } from './modules/account/throttle.js';

export interface AppDeps {
  config: AppConfig;
  orm: MikroORM;
  reference: ReferenceData;
  throttle?: ThrottleStore;
  /** A Redis client to use instead of one made from config.redisUrl (the caller closes it). */
  redis?: Redis;
  /** The programme's clock (default: the system clock). */
  clock?: Clock;
  /** Where uploads go (default: DATA_DIR/files on disk). */
  storage?: FileStorage;
  /** Where log lines go (default: standard output); tests read them. */
  logStream?: { write(line: string): void };
  /**
   * The server's own rounds: the export runner's (resume pending jobs at start, drop expired files,
   * take back jobs a killed process left, every minute) and folding the statistics rollups
   * (ROLLUP_FOLD_SECONDS). On in the server (src/main.ts), off where the app is built for tests and
   * benchmarks, which make their exports on demand and fold by hand.
   */
  backgroundRounds?: boolean;
}

export interface App {
  fastify: FastifyInstance;
  apollo: ApolloServer<Context>;
  /** Sessions found valid recently (contexts made outside HTTP share it, so their revocations reach it). */
  sessions: SessionCache;
  /** The data version and the caches keyed by it (counts, the public response cache). */
  dataVersion: DataVersion;
  responseCache: ResponseCache | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** TRUST_PROXY=<n>: believe the last n hops of X-Forwarded-For (Fastify's number form, which its typings omit). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** A URL for the log: the path, and of the query string only a well-formed operation name. */
export function redactedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const operation = /(?:^|&)operationName=([A-Za-z_][A-Za-z0-9_]{0,99})(?:&|$)/.exec(url.slice(q + 1))?.[1];
  return `${url.slice(0, q)}?[redacted]${operation ? ` operationName=${operation}` : ''}`;
}

/** Builds the HTTP server: /graphql (+ GraphiQL for browsers), /healthz, /readyz. Not yet listening. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, orm, reference } = deps;
  const clock = deps.clock ?? systemClock;
  const fastify = Fastify({
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // Query strings never reach the log: a GET /graphql carries variables (a password, a token).
      serializers: {
        req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({ method: req.method, url: redactedUrl(req.url), host: req.hostname, remoteAddress: req.ip }),
      },
    },
    bodyLimit: config.bodyLimit,
    // The whole request must arrive in time (slow clients); the route must answer in time (503,
    // src/http/request-timeout.ts).
    requestTimeout: config.requestTimeoutMs,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Which proxies may tell us the client's address (X-Forwarded-For): rate limits, login
    // throttling and the audit log use request.ip.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  });
  registerErrorHandler(fastify);
  registerRequestTimeout(fastify, config.requestTimeoutMs);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // The programme's date, on every answer: a rehearsal server is never taken for production.
    reply.header('x-programme-date', clock.today());
  });
  // A rehearsal clock follows advances made on other instances (src/common/rehearsal-clock.ts).
  if (clock.rehearsal) {
    const stop = clock.rehearsal.startRefreshing(orm.em, (message, error) => fastify.log.warn({ component: 'clock', err: error }, message));
    fastify.addHook('onClose', async () => stop());
  }

  // One Redis client (when configured) for the rate limits and the login throttling.
  const redis = deps.redis ?? createRedis(config, fastify.log);
  if (!deps.redis) quitRedisOnClose(fastify, redis);
  const throttle = deps.throttle ?? (redis ? new RedisThrottleStore(redis) : new MemoryThrottleStore());

  // Hardening before the auth hook, the GraphiQL hook and every route (see src/http/hardening.ts).
  await registerHttpHardening(fastify, config, redis);
  // Valid sessions remembered briefly; revocations shared through Redis when there is one.
  const sessions = new SessionCache(config.sessionCacheSeconds * 1000);
  if (redis) await sessions.connect(redis);
  fastify.addHook('onClose', () => sessions.close());
  registerAuth(fastify, { config, orm, sessions });

  const metrics = new Metrics();
  metrics.register(fastify, config.metricsToken);

  // The data version (caches' invalidation) on a connection of its own; the response cache for the
  // public portal's anonymous queries (src/http/response-cache.ts).
  const dataVersion = new DataVersion(orm.config.get('clientUrl')!, fastify.log);
  await dataVersion.start();
  attachDataVersion(orm.config, dataVersion);
  fastify.addHook('onClose', () => dataVersion.close());
  const responseCache =
    config.responseCacheMb > 0
      ? new ResponseCache(dataVersion, {
          maxBytes: config.responseCacheMb * 1_048_576,
          publicMaxAgeSeconds: config.publicCacheMaxAgeSeconds,
          clock,
          redis,
          count: (result, name, seconds) => metrics.cacheResult(result, name, seconds),
        })
      : null;
  responseCache?.register(fastify);
  const hardening = apolloHardening(config);
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError({ production: config.nodeEnv === 'production' }),
    ...hardening.options,
    validationRules: hardening.validationRules,
    // No cache hints are used: without this, Apollo's cache-control plugin wraps every field resolver.
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      errorReportingPlugin(fastify.log),
      metrics.plugin(),
      ...(responseCache ? [responseCache.plugin() as ApolloServerPlugin<Context>] : []),
      ...hardening.plugins,
    ],
  });
  await apollo.start();

  const storage = deps.storage ?? new LocalFileStorage(path.join(config.dataDir, 'files'));
  await registerFileRoutes(fastify, { config, orm, reference, clock: deps.clock, storage });
  registerExportRoutes(fastify, { config, orm, reference, clock: deps.clock });
  const stopExports = startExports({ orm, config, reference, clock: deps.clock, storage, schema: createSchema, log: fastify.log }, { rounds: deps.backgroundRounds ?? false });
  fastify.addHook('onClose', () => stopExports());
  const stopFolding = startRollupFolding(orm.em, deps.backgroundRounds ? config.rollupFoldSeconds : 0, fastify.log);
  fastify.addHook('onClose', () => stopFolding());
  registerDashboardRoutes(fastify);

  registerHealthRoutes(fastify, new DatabaseHealth(orm.em, config.healthDbGraceSeconds), clock);

  if (config.graphiql) {
    fastify.addHook('onRequest', async (request, reply) => {
      const accept = request.headers.accept ?? '';
      if (request.method === 'GET' && request.url === '/graphql' && accept.includes('text/html')) {
        return reply.type('text/html; charset=utf-8').send(graphiqlHtml('/graphql', '/graphiql', clock.rehearsal ? clock.today() : undefined));
      }
    });
    fastify.get<{ Params: { file: string } }>('/graphiql/:file', async (request, reply) => {
      const asset = graphiqlAsset(request.params.file);
      if (!asset) return reply.code(404).send({ error: 'not found' });
      return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
    });
  }

  await fastify.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: async (request) =>
      createContext(
        { em: orm.em, reference, config, throttle, clock: deps.clock, sessions },
        {
          requestId: request.id,
          clientAddress: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          viewer: request.viewer,
          responseCacheNote: request.responseCacheNote,
        },
      ),
  });

  return { fastify, apollo, sessions, dataVersion, responseCache };
}
