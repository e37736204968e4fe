/**
 * The OpenTelemetry SDK of this server, started by the preload (instrument.ts) only when tracing is
 * configured; nothing else imports this module.
 *
 * Spans of one request, in one trace (an incoming `traceparent` is honoured):
 * - `POST /graphql` (kind SERVER, @fastify/otel: method, route, status, `request.id`) and its
 *   `handler - …` child;
 * - GraphQL: `graphql.parse`, `graphql.validate` (only when the operation is not in Apollo's document
 *   cache), the execution (`query Name` / `mutation Name`) and the resolvers: list items merged
 *   (`enterprises.edges.*.node`), plain property reads skipped, at most RESOLVE_DEPTH levels deep;
 * - pg: one `pg.query:<command> <database>` per SQL statement and one `pg-pool.connect` per wait for
 *   a pooled connection; statements outside a request (migrations, scheduled jobs, the data-version
 *   listener) are not traced, and parameter values never are.
 * Exporter, protocol, endpoint, sampler, batching and resource come from the standard OTEL_*
 * variables (docs/operations.md, "Tracing").
 */
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { TracingHandle } from './tracing.js';

export const DEFAULT_SERVICE_NAME = 'ip-enterprise-api';

/** Resolvers deeper than this (`enterprises.edges.*.node.region` is 4) report to their parent field's span. */
const RESOLVE_DEPTH = 4;

/** Probes and scrapes: frequent, and nothing to learn from their traces. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface Tracing extends TracingHandle {
  /** The packages the instrumentations patch: what the ESM loader hook needs to intercept. */
  hookedModules: string[];
}

export function startTracing(env: NodeJS.ProcessEnv): Tracing {
  const instrumentations = [
    // Added to every Fastify instance as it is created (diagnostics channel), so app.ts is unchanged.
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      // A span per lifecycle hook would be ~10 more per request (auth, limits, headers, cache).
      instrumentHooks: false,
      ignorePaths: ({ url }) => UNTRACED_PATHS.has(url.split('?', 1)[0]!),
      requestHook: (span, request) => {
        // The semantic-conventions name of an HTTP server span: method and route, never the raw URL.
        span.updateName(`${request.method} ${request.routeOptions.url ?? ''}`.trim());
        // The id the client gets in x-request-id and the log lines carry: a trace found from a complaint.
        span.setAttribute('request.id', request.id);
      },
    }),
    new GraphQLInstrumentation({
      mergeItems: true,
      ignoreTrivialResolveSpans: true,
      depth: RESOLVE_DEPTH,
      // Literal values in the operation (a password in a login mutation) are replaced by `*`.
      allowValues: false,
    }),
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    // trace_id / span_id / trace_flags in the log lines written while a span is active.
    new PinoInstrumentation({ disableLogSending: true }),
  ];
  const named = Boolean(env.OTEL_SERVICE_NAME?.trim()) || /(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  const sdk = new NodeSDK({
    serviceName: named ? undefined : DEFAULT_SERVICE_NAME,
    // Traces only: the SDK's default would also push OTLP metrics and logs (metrics are Prometheus
    // at /metrics); an operator who sets OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER gets them.
    ...(wanted(env.OTEL_METRICS_EXPORTER) ? {} : { metricReaders: [] }),
    ...(wanted(env.OTEL_LOGS_EXPORTER) ? {} : { logRecordProcessors: [] }),
    instrumentations,
  });
  sdk.start();
  return {
    hookedModules: [...new Set(instrumentations.flatMap((i) => i.getModuleDefinitions().map((d) => d.name)))],
    shutdown: () => sdk.shutdown(),
  };
}

function wanted(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return Boolean(v) && v !== 'none';
}
