/**
 * The public portal's response cache: answers to anonymous queries, kept for the data version
 * they were computed at (src/common/data-version.ts), so that a write makes them void at once.
 *
 * - Only anonymous requests (no Authorization header) are served from it or fill it; a signed-in
 *   viewer never is, and its answers say `Cache-Control: no-store`.
 * - An answer is kept only when it is a query's, had no error and was a 200; the key is the
 *   document (text or persisted-query hash), the operation name, the variables and the
 *   programme's date (statuses depend on it). GET and POST share entries.
 * - The version is read when the request arrives (a read sent after it, so any write a client saw
 *   committed is in it); an entry made from that read holds data at least that new.
 * - Kept in memory (RESPONSE_CACHE_MB, least recently used first out), and with Redis also in Redis
 *   under the version, so that the processes of a deployment share their work.
 * - Over GET (the trusted documents of the public portal, `?extensions={"persistedQuery":…}`) an
 *   answer carries an ETag (a revalidation with If-None-Match gets 304) and
 *   `Cache-Control: public, max-age=PUBLIC_CACHE_MAX_AGE_SECONDS` with `Vary: Authorization`,
 *   so that a CDN or browser in front can keep it too (0, the default: revalidate every time).
 * - The hit path keeps everything before the handler: rate limits, body limits, Apollo's CSRF rule
 *   for GET (a GET needs a preflighted header, or it is left to Apollo to refuse).
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { VersionedCache, type DataVersion } from '../common/data-version.js';
import type { Clock } from '../common/clock.js';

/** What the request and the GraphQL context share about a cacheable request. */
export interface CacheNote {
  key: string;
  version: string;
  /** Set by the Apollo plugin: the answer is a query's, without errors. */
  keep: boolean;
  /** The operation's name, as Apollo resolved it (for /metrics on a hit). */
  operationName?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheNote?: CacheNote;
  }
}

interface Entry {
  body: string;
  etag: string;
  operationName?: string;
}

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
const REDIS_PREFIX = 'ipapi:response:';
const REDIS_TTL_SECONDS = 600;

/** Apollo's CSRF rule (csrfPrevention): would Apollo run this request? */
function preflighted(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  if (type !== undefined) {
    const essence = type.split(';')[0]!.trim().toLowerCase();
    if (!SIMPLE_CONTENT_TYPES.includes(essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((h) => {
    const v = request.headers[h];
    return typeof v === 'string' && v.length > 0;
  });
}

interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The key of a request's answer, or null when it is not one to cache. */
function keyOf(request: FastifyRequest, today: string): string | null {
  let params: GraphQLParams;
  if (request.method === 'GET') {
    if (!preflighted(request)) return null;
    params = request.query as GraphQLParams;
  } else if (request.method === 'POST') {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) return null;
    params = request.body as GraphQLParams;
  } else return null;
  const query = params.query;
  const extensions = parsed(params.extensions) as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const hash = extensions?.persistedQuery?.sha256Hash;
  if (typeof query !== 'string' && typeof hash !== 'string') return null;
  if (params.operationName != null && typeof params.operationName !== 'string') return null;
  try {
    const variables = params.variables == null ? null : parsed(params.variables);
    if (variables === undefined) return null;
    return JSON.stringify([today, typeof query === 'string' ? query : null, typeof hash === 'string' ? hash : null, params.operationName ?? null, variables]);
  } catch {
    // Variables nested too deeply to write out: not a cacheable request (Apollo refuses it).
    return null;
  }
}

export interface ResponseCacheOptions {
  maxBytes: number;
  publicMaxAgeSeconds: number;
  clock: Clock;
  redis?: Redis | null;
  /** Counts hits, misses and bypasses (and what a hit answered) for /metrics. */
  count?: (result: 'hit' | 'miss' | 'bypass', operationName?: string, seconds?: number) => void;
}

export class ResponseCache {
  private readonly memory: VersionedCache<Entry>;

  constructor(
    private readonly version: DataVersion,
    private readonly options: ResponseCacheOptions,
  ) {
    this.memory = new VersionedCache<Entry>(options.maxBytes, (e) => e.body.length * 2 + e.etag.length * 2);
  }

  private headers(request: FastifyRequest, reply: FastifyReply, etag: string): void {
    reply.header('etag', etag);
    if (request.method === 'GET') {
      reply.header('cache-control', `public, max-age=${this.options.publicMaxAgeSeconds}${this.options.publicMaxAgeSeconds === 0 ? ', must-revalidate' : ''}`);
      reply.header('vary', 'Authorization');
    }
  }

  private async lookup(version: string, key: string): Promise<Entry | undefined> {
    const found = this.memory.get(version, key);
    if (found || !this.options.redis) return found;
    try {
      const raw = await this.options.redis.get(`${REDIS_PREFIX}${version}:${digest(key)}`);
      if (!raw) return undefined;
      const entry = JSON.parse(raw) as Entry & { key: string };
      if (entry.key !== key) return undefined;
      const kept = { body: entry.body, etag: entry.etag, operationName: entry.operationName };
      this.memory.set(version, key, kept);
      return kept;
    } catch {
      return undefined;
    }
  }

  private keep(note: CacheNote, body: string): Entry {
    const entry = { body, etag: `"${note.version}-${digest(body).slice(0, 16)}"`, operationName: note.operationName };
    this.memory.set(note.version, note.key, entry);
    this.options.redis
      ?.set(`${REDIS_PREFIX}${note.version}:${digest(note.key)}`, JSON.stringify({ ...entry, key: note.key }), 'EX', REDIS_TTL_SECONDS)
      .catch(() => undefined);
    return entry;
  }

  /** Forgets every answer (tests; an operator never needs to: a write makes them void). */
  clear(): void {
    this.memory.clear();
  }

  /** Call before the /graphql route is declared: its lookup runs last among the route's preHandlers (after the rate limits). */
  register(fastify: FastifyInstance): void {
    const lookup = async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.headers.authorization !== undefined || request.viewer?.kind !== 'ANONYMOUS') return;
      const key = keyOf(request, this.options.clock.today());
      if (key === null) return;
      const version = await this.version.current();
      if (version === null) {
        this.options.count?.('bypass');
        return;
      }
      const entry = await this.lookup(version, key);
      if (!entry) {
        this.options.count?.('miss');
        request.responseCacheNote = { key, version, keep: false };
        return;
      }
      this.options.count?.('hit', entry.operationName, reply.elapsedTime / 1000);
      this.headers(request, reply, entry.etag);
      if (request.method === 'GET' && request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(entry.body);
    };
    // Route-level, added after the rate limiter's (which attaches itself the same way): a hit
    // still counts against the client's budget and still gets its headers.
    fastify.addHook('onRoute', (route) => {
      if (route.url !== '/graphql') return;
      const before = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
      route.preHandler = [...before, lookup] as typeof route.preHandler;
    });

    fastify.addHook('onSend', async (request, reply, payload) => {
      if (request.routeOptions.url !== '/graphql') return payload;
      const note = request.responseCacheNote;
      if (note?.keep && reply.statusCode === 200 && typeof payload === 'string') {
        const entry = this.keep(note, payload);
        this.headers(request, reply, entry.etag);
      } else if (request.headers.authorization !== undefined && !reply.hasHeader('cache-control')) {
        // A signed-in viewer's answer is theirs: no shared cache may keep it.
        reply.header('cache-control', 'no-store');
      }
      return payload;
    });
  }

  /** Marks a request's answer worth keeping: a query's, without errors, for the anonymous viewer. */
  plugin(): ApolloServerPlugin<{ responseCacheNote?: CacheNote }> {
    return {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, operation, operationName, response }) {
            const note = contextValue.responseCacheNote;
            if (!note || operation?.operation !== 'query') return;
            if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
            if ((response.http.status ?? 200) !== 200) return;
            note.keep = true;
            note.operationName = operationName ?? undefined;
          },
        };
      },
    };
  }
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
