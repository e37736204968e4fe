/**
 * Request hardening: security headers, CORS, rate limits and body checks (HTTP), operation limits,
 * persisted queries and trusted documents (GraphQL).
 *
 * How src/app.ts calls it (buildApp) — the order matters:
 *
 * ```ts
 * import { apolloHardening, createRedis, quitRedisOnClose, registerHttpHardening } from './http/hardening.js';
 * import { MemoryThrottleStore, RedisThrottleStore } from './modules/account/throttle.js';
 *
 * const fastify = Fastify({
 *   logger: …, requestIdHeader: false, genReqId: …, trustProxy: false,   // as now
 *   bodyLimit: config.bodyLimit,               // instead of 1_048_576: larger bodies get 413, unparsed
 *   requestTimeout: config.requestTimeoutMs,   // socket level: the whole request must arrive in time (slow clients)
 *   handlerTimeout: config.requestTimeoutMs,   // Fastify 5: 503 when the route has not answered in time
 * });
 * fastify.addHook('onSend', …x-request-id…);   // as now
 *
 * // One Redis client for the rate limits and the login throttling; undefined without REDIS_URL.
 * const redis = createRedis(config, fastify.log);
 * quitRedisOnClose(fastify, redis);
 * const throttle = deps.throttle ?? (redis ? new RedisThrottleStore(redis) : new MemoryThrottleStore());
 *
 * // 1. Hardening first: before registerAuth (so that its early 401 answers carry the security and
 * //    CORS headers; the rate limit still sees request.viewer, it runs in preHandler), before the
 * //    GraphiQL onRequest hook (same reason) and before every route (the rate limiter attaches
 * //    itself to routes as they are declared).
 * await registerHttpHardening(fastify, config, redis);
 * registerAuth(fastify, { config, orm });
 *
 * // 2. Apollo: drop app.ts's own `introspection:` line (it is in hardening.options; tsc flags the duplicate).
 * const hardening = apolloHardening(config);
 * const apollo = new ApolloServer<Context>({
 *   schema: await createSchema(),
 *   includeStacktraceInErrorResponses: false,
 *   formatError: createFormatError(fastify.log),
 *   ...hardening.options,
 *   validationRules: hardening.validationRules,
 *   plugins: [fastifyApolloDrainPlugin(fastify), ApolloServerPluginLandingPageDisabled(), ...hardening.plugins],
 * });
 * await apollo.start();
 * // 3. Then /healthz, /readyz, the GraphiQL hook and route, fastifyApollo(apollo) with
 * //    `viewer: request.viewer` in the context (the trusted-documents check reads contextValue.viewer) — as now.
 * ```
 *
 * PostgreSQL statement timeout. MikroORM 7 merges `driverOptions` into the `pg` Pool config and `pg`
 * sends `options` in each connection's startup packet (checked with 1234: `show statement_timeout`
 * gave '1234ms' and `select pg_sleep(2)` failed with "canceling statement due to statement timeout"):
 *
 * ```ts
 * MikroORM.init(ormConfig(url, { driverOptions: { options: `-c statement_timeout=${config.requestTimeoutMs}` } }))
 * ```
 * Only on the ORM that serves requests: prepareDatabase() runs the migrations and the demo seed on the
 * same ORM today, and an index build must not be cut off (open the serving ORM after those, or
 * `set local statement_timeout = 0` inside the migration transaction). With handlerTimeout at the
 * same value, the client gets 503 at the deadline and PostgreSQL cancels the statement about then:
 * no query outlives its request for long.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, GraphQLRequestContext, PersistedQueryOptions } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config.js';
import { errorBody } from './errors.js';
import { inputLimitsPlugin } from './input-limits.js';
import './request-viewer.js';

export const GRAPHQL_PATH = '/graphql';
/** Routes that load balancers poll: never rate limited. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz']);
/** The allow-list of operations an anonymous viewer may run when TRUSTED_DOCUMENTS=anonymous. */
export const TRUSTED_DOCUMENTS_FILE = path.resolve('trusted-documents/public-portal.json');

// ---------------------------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------------------------

/**
 * The shared Redis client (rate limits, login throttling), or undefined when REDIS_URL is unset.
 * It fails fast instead of queueing: with the offline queue off, a command sent while Redis is
 * unreachable is rejected at once, so a Redis outage slows no request (the rate limiter then lets
 * requests through, see skipOnError below). Connects immediately; wait for 'ready' if you must.
 */
export function createRedis(config: Pick<AppConfig, 'redisUrl'>, log?: { warn(obj: object, msg: string): void }): Redis | undefined {
  if (!config.redisUrl) return undefined;
  const redis = new Redis(config.redisUrl, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Reconnect forever, backing off to 2 s between attempts.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  // Without a listener an 'error' event would crash the process.
  let last = '';
  redis.on('error', (error: Error) => {
    if (error.message !== last) log?.warn({ err: error }, 'redis error');
    last = error.message;
  });
  redis.on('ready', () => (last = ''));
  return redis;
}

/** Closes the Redis client when the Fastify instance closes (after in-flight requests are done). */
export function quitRedisOnClose(fastify: FastifyInstance, redis: Redis | undefined): void {
  if (!redis) return;
  fastify.addHook('onClose', async () => {
    if (redis.status === 'end') return;
    try {
      await redis.quit();
    } catch {
      redis.disconnect();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  const accept = request.headers.accept ?? '';
  const type = accept.includes('application/graphql-response+json') ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8';
  return reply.code(status).type(type).send(errorBody(code, message));
}

/** Keys that let a payload reach prototypes or a query language other than ours (Mongo-style `$ne`, raw SQL fragments). */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' || key.startsWith('$') || key.startsWith('__raw');
}

/** The first forbidden key anywhere in a parsed JSON value (iterative: deep nesting cannot overflow the stack). */
export function findForbiddenKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (isForbiddenKey(key)) return key;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return null;
}

/** What Fastify's own JSON parser refuses (it would use secure-json-parse): `__proto__`, and `constructor.prototype`. */
function hasPrototypePoisoning(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    const record = current as Record<string, unknown>;
    if (Object.hasOwn(record, '__proto__')) return true;
    const ctor = Object.hasOwn(record, 'constructor') ? record.constructor : undefined;
    if (ctor !== null && typeof ctor === 'object' && Object.hasOwn(ctor, 'prototype')) return true;
    for (const key of Object.keys(record)) stack.push(record[key]);
  }
  return false;
}

function httpError(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function isGraphQLRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url === GRAPHQL_PATH;
}

/**
 * Content Security Policy for everything we serve: only our own origin, no inline script, no
 * plugins, not framable. The GraphiQL page (GET /graphql from a browser) needs one inline <script>
 * and inline styles; rather than 'unsafe-inline' for scripts or no CSP at all on that page, its
 * answer gets the same policy plus the sha256 of each inline <script> in that very response (computed
 * in onSend, so it always matches what we send) and 'unsafe-inline' for styles only (GraphiQL and
 * CodeMirror set style attributes; styles cannot run code). Its assets come from /graphiql/* on our
 * own origin ('self'); its fonts are data: URIs inside graphiql.css; it needs no eval.
 * `upgrade-insecure-requests` (helmet's default) is left out: on plain-HTTP intranet deployments it
 * would make browsers fetch /graphiql/*.js over https and break the page; HSTS covers TLS sites.
 */
const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

function cspHeader(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** The CSP for an HTML page we generate: our policy plus the hashes of its inline scripts. */
export function htmlPageCsp(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  return cspHeader({ ...CSP_DIRECTIVES, 'script-src': ["'self'", ...hashes], 'style-src': ["'self'", "'unsafe-inline'"] });
}

/**
 * Helmet headers, CORS, rate limits, JSON body checks for /graphql. Call once on the root instance,
 * before declaring routes (see the top of this file).
 */
export async function registerHttpHardening(fastify: FastifyInstance, config: AppConfig, redis?: Redis): Promise<void> {
  // --- security headers -------------------------------------------------------------------------
  await fastify.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // API answers are not to be embedded or read by other sites' pages except through CORS.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || typeof payload !== 'string' || pathOf(request.url) !== GRAPHQL_PATH) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    reply.header('content-security-policy', htmlPageCsp(payload));
    return payload;
  });

  // --- CORS -------------------------------------------------------------------------------------
  // Empty allow-list: CORS stays off (no Access-Control-* headers), so browsers allow same origin only.
  await fastify.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
    strictPreflight: true,
  });

  // --- JSON bodies ------------------------------------------------------------------------------
  // Fastify's JSON parser rejects `__proto__` itself, as a bare "invalid JSON" error; for /graphql we
  // want the GraphQL error shape and a code, so the /graphql body is parsed with JSON.parse (which
  // only makes an own, harmless `__proto__` property) and refused in preValidation below. Other
  // routes keep Fastify's behaviour (400 on prototype poisoning).
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(httpError(400, 'FST_ERR_CTP_EMPTY_JSON_BODY', "Body cannot be empty when content-type is set to 'application/json'"), undefined);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      done(httpError(400, 'FST_ERR_CTP_INVALID_JSON_BODY', "Body is not valid JSON but content-type is set to 'application/json'"), undefined);
      return;
    }
    if (!isGraphQLRoute(request) && hasPrototypePoisoning(json)) {
      done(httpError(400, 'FST_ERR_CTP_INVALID_JSON_BODY', "Body is not valid JSON but content-type is set to 'application/json'"), undefined);
      return;
    }
    done(null, json);
  });

  fastify.addHook('preValidation', async (request, reply) => {
    if (!isGraphQLRoute(request)) return;
    if (request.method === 'POST' && Array.isArray(request.body)) {
      return sendError(request, reply, 400, 'BAD_REQUEST', '不支持批量请求：每个请求只能包含一个 GraphQL 操作。');
    }
    let key: string | null = null;
    if (request.method === 'POST') {
      key = findForbiddenKey(request.body);
    } else if (request.method === 'GET') {
      const query = request.query as Record<string, unknown> | undefined;
      for (const name of ['variables', 'extensions']) {
        const raw = query?.[name];
        for (const text of Array.isArray(raw) ? raw : [raw]) {
          if (typeof text !== 'string') continue;
          try {
            key ??= findForbiddenKey(JSON.parse(text));
          } catch {
            // Not JSON: Apollo answers 400 for it.
          }
        }
      }
    }
    if (key !== null) {
      return sendError(request, reply, 400, 'BAD_USER_INPUT', `输入有误：请求中不允许出现键名“${key.slice(0, 40)}”（__proto__、constructor、prototype、以 $ 或 __raw 开头的键）。`);
    }
  });

  // --- rate limits ------------------------------------------------------------------------------
  // Keyed per signed-in user (so colleagues behind one NAT do not share a budget) or per client address
  // (IPv6: per /56, the plugin's default). In preHandler, i.e. after the auth onRequest hook has set
  // request.viewer. With Redis the counts are shared by every instance; when Redis is unreachable the
  // limiter lets requests through (skipOnError) rather than failing every request.
  await fastify.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'ip-api:rate-limit:' } : {}),
    skipOnError: true,
    keyGenerator: (request) => {
      const viewer = request.viewer as FastifyRequest['viewer'] | undefined;
      return viewer?.kind === 'USER' ? `user:${viewer.userId}` : `addr:${fastifyRateLimit.normalizeIP(request.ip)}`;
    },
    max: (_request, key) => (key.startsWith('user:') ? config.rateLimitPerUser : config.rateLimitPerAddress),
    allowList: (request) => UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const body = errorBody('RATE_LIMITED', `请求过于频繁：每分钟最多 ${context.max} 次，请 ${seconds} 秒后再试。`, { retryAfterSeconds: seconds });
      // The plugin throws what this returns and Fastify's error handler sends it as the body;
      // statusCode sets the status and stays out of the JSON.
      Object.defineProperty(body, 'statusCode', { value: context.statusCode, enumerable: false });
      return body;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// GraphQL
// ---------------------------------------------------------------------------------------------

/** The trusted documents: sha256 (hex, of the exact query text) → query text. */
export function loadTrustedDocuments(file = TRUSTED_DOCUMENTS_FILE): Map<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    const actual = createHash('sha256').update(text).digest('hex');
    if (actual !== hash) throw new Error(`${file}: the hash of a document is ${actual}, listed as ${hash}; run \`npx tsx scripts/trusted-documents.ts\``);
    documents.set(hash, text);
  }
  return documents;
}

interface ViewerContext {
  viewer?: { kind: string };
}

function limitRejection(message: string, limit: string, max: number) {
  // propagateOnRejection: false keeps armor from adding its English error; we report ours instead.
  // Apollo turns it into GRAPHQL_VALIDATION_FAILED with HTTP 400 and keeps `limit` and `max`.
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) => {
        context?.reportError(new GraphQLError(message, { extensions: { limit, max } }));
      },
    ],
  };
}

/**
 * Armor's rules walk fragment spreads recursively: a chain of some 3,000 fragments overflows the
 * stack (only possible when GRAPHQL_MAX_TOKENS is raised far above its default). A stack overflow
 * inside validation would be an HTTP 500; this turns it into the rule's validation error (400).
 */
function guardRecursion(rule: ValidationRule, message: string, limit: string, max: number, reported: WeakSet<object>): ValidationRule {
  return (context) => {
    const visitor = rule(context) as unknown as { OperationDefinition?: { enter?: (...args: unknown[]) => unknown } };
    const enter = visitor.OperationDefinition?.enter;
    if (!enter) return visitor as ReturnType<ValidationRule>;
    return {
      OperationDefinition: {
        enter(...args: unknown[]) {
          try {
            return enter.apply(visitor, args);
          } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            // Reported once per request, not once per armor rule.
            if (!reported.has(context)) context.reportError(new GraphQLError(message, { extensions: { limit, max } }));
            reported.add(context);
            return undefined;
          }
        },
      },
    } as ReturnType<ValidationRule>;
  };
}

const APOLLO_REQUEST_MESSAGES: Record<string, string> = {
  'provided sha does not match query': '持久化查询的 sha256 与查询文本不符（provided sha does not match query）。',
  'Unsupported persisted query version': '不支持的持久化查询版本（Unsupported persisted query version）。',
};

const TOKEN_LIMIT = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens/;

/**
 * Operation limits and persisted operations for Apollo. `options` is spread into the ApolloServer
 * config; `validationRules` and `plugins` are added to it (see the top of this file).
 */
export function apolloHardening(config: AppConfig): {
  plugins: ApolloServerPlugin<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- any context
  validationRules: ValidationRule[];
  options: {
    allowBatchedHttpRequests: false;
    csrfPrevention: true;
    persistedQueries: PersistedQueryOptions;
    hideSchemaDetailsFromClientErrors: true;
    introspection: boolean;
    parseOptions: ParseOptions;
  };
} {
  const armorConfig: GraphQLArmorConfig = {
    maxDepth: { n: config.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...limitRejection(`查询嵌套过深：最多 ${config.maxDepth} 层。`, 'MAX_DEPTH', config.maxDepth) },
    maxAliases: { n: config.maxAliases, ...limitRejection(`别名过多：一个操作最多 ${config.maxAliases} 个别名。`, 'MAX_ALIASES', config.maxAliases) },
    maxDirectives: { n: config.maxDirectives, ...limitRejection(`指令过多：一个操作最多 ${config.maxDirectives} 个指令。`, 'MAX_DIRECTIVES', config.maxDirectives) },
    // Cost = (2 per object field + 1 per scalar field) × the literal `first`/`last` of each list.
    // Armor's default multiplies by 1.5 per level too, which puts the portal's directory page
    // (trusted-documents/PublicEnterpriseDirectory.graphql) with `first: 100`, the documented maximum,
    // at ~9,800: over the default limit of 5,000. With 1 it costs 3,100. Depth and tokens bound the
    // nesting separately (nested lists without `first` are not multiplied: armor cannot know their size).
    costLimit: {
      maxCost: config.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...limitRejection(`查询代价过高（上限 ${config.maxCost}）：请减少字段、嵌套或每页条数。`, 'MAX_COST', config.maxCost),
    },
    // Armor's token limit throws inside an Apollo plugin hook, which Apollo 5 answers with HTTP 500.
    // graphql-js counts tokens itself (parseOptions.maxTokens below): HTTP 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    // Apollo's own hideSchemaDetailsFromClientErrors removes "Did you mean …" suggestions.
    blockFieldSuggestion: { enabled: false },
  };
  const armor = new ApolloArmor(armorConfig).protect();
  const overflowReported = new WeakSet<object>();

  const trustedMode = config.trustedDocuments === 'anonymous';
  const trusted = trustedMode || existsSync(TRUSTED_DOCUMENTS_FILE) ? loadTrustedDocuments() : new Map<string, string>();

  const hardeningPlugin: ApolloServerPlugin<ViewerContext> = {
    async requestDidStart(requestContext: GraphQLRequestContext<ViewerContext>) {
      // A hash-only request (automatic persisted query) for a trusted document works without a
      // prior registration: fill in the text, Apollo checks it against the hash and caches it.
      const { request } = requestContext;
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      if (request.query === undefined && typeof persisted?.sha256Hash === 'string') {
        const text = trusted.get(persisted.sha256Hash);
        if (text !== undefined) request.query = text;
      }
      const refused = (queryHash: string | undefined) =>
        trustedMode && requestContext.contextValue.viewer?.kind !== 'USER' && !(queryHash !== undefined && trusted.has(queryHash));
      return {
        async didResolveOperation(ctx) {
          // Runs after parsing and validation (so after the operation limits), before execution and
          // before an APQ registration is stored. A thrown error is answered with its http status.
          // (Earlier hooks cannot refuse: an error thrown there is a 500. So an invalid unlisted
          // query still gets its validation errors, without "did you mean" suggestions.)
          if (!refused(ctx.queryHash)) return;
          throw new GraphQLError('未登录用户只能执行公开门户登记的查询（trusted documents）；请登录后再试，或使用公开门户提供的查询。', {
            extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } },
          });
        },
        async didEncounterErrors(ctx) {
          for (const error of ctx.errors) {
            const match = TOKEN_LIMIT.exec(error.message);
            if (match) error.message = `查询过长：一个文档最多 ${match[1]} 个词法单元（token）。`;
            // Apollo raises a few request errors with an HTTP status but no code (APQ hash mismatch,
            // unknown APQ version); uncoded they would be masked and logged as internal errors.
            const extensions = error.extensions as Record<string, unknown>;
            const status = (extensions.http as { status?: number } | undefined)?.status;
            if (extensions.code === undefined && status !== undefined && status >= 400 && status < 500) {
              extensions.code = 'BAD_REQUEST';
              error.message = APOLLO_REQUEST_MESSAGES[error.message] ?? error.message;
            }
          }
        },
      };
    },
  };

  return {
    // Armor's typings import @apollo/server's CommonJS declarations, ours the ESM ones: same objects at run time.
    plugins: [
      ...(armor.plugins as unknown as ApolloServerPlugin<any>[]), // eslint-disable-line @typescript-eslint/no-explicit-any
      hardeningPlugin as ApolloServerPlugin<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
      inputLimitsPlugin({ listMax: config.inputListMax, codeListMax: config.inputCodeListMax, stringMax: config.inputStringMax }) as ApolloServerPlugin<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    ],
    validationRules: armor.validationRules.map((rule) =>
      guardRecursion(rule, `查询过于复杂（片段嵌套过深），最多 ${config.maxDepth} 层。`, 'MAX_DEPTH', config.maxDepth, overflowReported),
    ),
    options: {
      allowBatchedHttpRequests: false,
      csrfPrevention: true,
      // Automatic persisted queries in Apollo's bounded in-memory cache (per process).
      persistedQueries: { ttl: 24 * 3600 },
      hideSchemaDetailsFromClientErrors: true,
      introspection: config.nodeEnv !== 'production',
      parseOptions: { maxTokens: config.maxTokens },
    },
  };
}
