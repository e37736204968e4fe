/**
 * Prometheus metrics at GET /metrics (text format), for the operator's dashboards:
 * - `graphql_requests_total{operation, outcome}` and `graphql_request_duration_seconds{operation}`:
 *   per operation name, with bounded cardinality (an unnamed or unknown-shaped name is `anonymous`,
 *   and past 200 distinct names the rest count as `other`);
 * - `graphql_errors_total{code}`: errors by their extensions.code;
 * - `graphql_response_cache_total{result}`: anonymous requests answered from the response cache or not;
 * - `http_requests_total{route, status}`: every HTTP answer by route pattern and status class;
 * - `db_pool_connections{state}` (total, idle, waiting) and `db_pool_acquire_timeouts_total`;
 * - Node's own (prom-client defaults): event-loop lag, GC, heap, RSS, CPU, handles.
 * With METRICS_TOKEN set, /metrics wants `Authorization: Bearer <token>`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a pool tells about itself (pg.Pool). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The serving pools of this process (registered by the ORM options when a pool is created). */
const pools = new Set<PoolStats>();
let acquireTimeouts = 0;

export function registerPool(pool: PoolStats): void {
  pools.add(pool);
}

export function countAcquireTimeout(): void {
  acquireTimeouts += 1;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATIONS = 200;

export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly http: Counter<'route' | 'status'>;
  private readonly responseCache: Counter<'result'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations by name and outcome (ok, error).', labelNames: ['operation', 'outcome'], registers: [this.registry] });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its answer, by operation name.',
      labelNames: ['operation'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers: [this.registry],
    });
    this.errors = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors by extensions.code.', labelNames: ['code'], registers: [this.registry] });
    this.responseCache = new Counter({
      name: 'graphql_response_cache_total',
      help: 'Anonymous requests and the response cache: hit (answered from it; also counted in graphql_requests_total and the duration histogram), miss, bypass (data version unknown).',
      labelNames: ['result'],
      registers: [this.registry],
    });
    this.http = new Counter({ name: 'http_requests_total', help: 'HTTP answers by route pattern and status class.', labelNames: ['route', 'status'], registers: [this.registry] });
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the serving pool: total, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        let total = 0;
        let idle = 0;
        let waiting = 0;
        for (const p of pools) {
          total += p.totalCount;
          idle += p.idleCount;
          waiting += p.waitingCount;
        }
        this.set({ state: 'total' }, total);
        this.set({ state: 'idle' }, idle);
        this.set({ state: 'waiting' }, waiting);
      },
    });
    new Gauge({
      name: 'db_pool_acquire_timeouts_total',
      help: 'Requests that found no free pooled connection within DB_ACQUIRE_TIMEOUT_MS (answered 503).',
      registers: [this.registry],
      collect() {
        this.set(acquireTimeouts);
      },
    });
  }

  /** The label of an operation name: bounded, whatever clients send. */
  private label(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATIONS) return 'other';
    this.names.add(name);
    return name;
  }

  /** The response cache's outcome for an anonymous request (src/http/response-cache.ts). */
  cacheResult(result: 'hit' | 'miss' | 'bypass', operationName?: string, seconds?: number): void {
    this.responseCache.inc({ result });
    if (result !== 'hit') return;
    const operation = this.label(operationName);
    this.requests.inc({ operation, outcome: 'ok' });
    if (seconds !== undefined) this.duration.observe({ operation }, seconds);
  }

  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ request, operationName, response, errors }) => {
            const operation = this.label(operationName ?? request.operationName);
            const failed = (errors?.length ?? 0) > 0 || (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
            this.requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
            this.duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
            if (response.body.kind === 'single') {
              for (const e of response.body.singleResult.errors ?? []) this.errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
            }
          },
        };
      },
    };
  }

  register(fastify: FastifyInstance, token: string | undefined): void {
    fastify.addHook('onResponse', async (request, reply) => {
      this.http.inc({ route: request.routeOptions.url ?? 'unknown', status: `${Math.floor(reply.statusCode / 100)}xx` });
    });
    fastify.get('/metrics', async (request, reply) => {
      if (token && request.headers.authorization !== `Bearer ${token}`) return reply.code(401).header('www-authenticate', 'Bearer').send('unauthorized\n');
      return reply.type(this.registry.contentType).send(await this.registry.metrics());
    });
  }
}
