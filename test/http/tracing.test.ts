/**
 * OpenTelemetry tracing (docs/operations.md, "Tracing"), on the server as it is started, with the
 * preload (src/telemetry/instrument.ts, as `npm start` and `npm run dev` load it):
 * - configured by OTEL_* variables, one GraphQL request over HTTP is one trace holding the HTTP
 *   server span, the GraphQL spans and the pg statements, and the spans still buffered at SIGTERM
 *   reach the collector before the process exits;
 * - not configured, nothing of OpenTelemetry is loaded (but the no-op API prom-client has always
 *   required) and nothing is registered;
 * - either way every log line is JSON, and the request's lines carry its id (and, traced, the trace id).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, freePort, withDatabase } from '../../src/database.js';
import { tracingEnabled } from '../../src/telemetry/tracing.js';

/** Resolves every module the process loads and, at exit, reports the OpenTelemetry ones and the API's global registrations. */
const RECORDER = `
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const packages = new Set();
const OTEL = /\\/node_modules\\/(@opentelemetry\\/[^/]+|@fastify\\/otel|import-in-the-middle|require-in-the-middle)\\//;
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    const hit = OTEL.exec(resolved.url);
    if (hit) packages.add(hit[1]);
    return resolved;
  },
});
process.on('exit', () => {
  const api = globalThis[Symbol.for('opentelemetry.js.api.1')];
  writeFileSync(process.env.TRACING_TEST_REPORT, JSON.stringify({ packages: [...packages].sort(), registered: Object.keys(api ?? {}).filter((k) => k !== 'version') }));
});
`;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
  /** Added here: the instrumentation scope and the resource's service.name. */
  scope: string;
  service?: string;
}
interface Run {
  lines: string[];
  report: { packages: string[]; registered: string[] };
  requestId: string;
  exitCode: number | null;
}

const SERVER = 2;
const CLIENT = 3;
const PAGE = 'query TracedPage { enterprises(first: 20) { totalCount edges { node { name region { name } } } } }';
const PASSWORD = 'demo-password-2026';

let tmp: string;
const databases: string[] = [];
/** Everything POSTed to the in-test OTLP/HTTP receiver (JSON: OTEL_EXPORTER_OTLP_PROTOCOL=http/json). */
const spans: OtlpSpan[] = [];
let receiver: http.Server;
let receiverUrl: string;
let traced: Run;
let untraced: Run;

async function cloneDatabase(): Promise<string> {
  const adminUrl = inject('adminUrl');
  const name = `iptest_tracing_${process.pid}_${databases.length}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // A template can be cloned only while nobody is connected to it; retry briefly if another file is cloning.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${inject('templateDb')}"`);
        break;
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  databases.push(name);
  return withDatabase(adminUrl, name);
}

/** Starts the server with the preload, runs a login and one page of 20 enterprises over HTTP, stops it with SIGTERM. */
async function run(label: string, otel: Record<string, string>): Promise<Run> {
  const [databaseUrl, port] = await Promise.all([cloneDatabase(), freePort()]);
  const report = path.join(tmp, `${label}.json`);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OTEL_') && k !== 'REDIS_URL') env[k] = v;
  Object.assign(env, otel, {
    TRACING_TEST_REPORT: report,
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(tmp, label),
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'true',
    DEMO_ENTERPRISES: '20',
    JOB_INTERVAL_SECONDS: '0',
  });
  const args = ['--import', path.join(tmp, 'recorder.mjs'), '--import', 'tsx', '--import', './src/telemetry/instrument.ts', 'src/main.ts'];
  const child = spawn(process.execPath, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let requestId = '';
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('GraphQL API ready')) {
      if (child.exitCode !== null) throw new Error(`${label} server exited early:\n${out}\n${err}`);
      if (Date.now() > deadline) throw new Error(`${label} server did not start:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const post = async (query: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      return { body: (await res.json()) as { data?: any; errors?: unknown[] }, requestId: res.headers.get('x-request-id')! };
    };
    const login = await post(`mutation { login(input: { username: "national-admin", password: "${PASSWORD}" }) { accessToken } }`);
    expect(login.body.errors, label).toBeUndefined();
    requestId = `tracing-${label}-${randomUUID().slice(0, 8)}`;
    const page = await post(PAGE, { authorization: `Bearer ${login.body.data.login.accessToken}`, 'x-request-id': requestId });
    expect(page.body.errors, label).toBeUndefined();
    expect(page.body.data.enterprises.edges).toHaveLength(20);
    expect(page.requestId).toBe(requestId);
  } finally {
    child.kill('SIGTERM');
  }
  const exitCode = await exited;
  return { lines: out.split('\n').filter(Boolean), report: JSON.parse(await fs.readFile(report, 'utf8')), requestId, exitCode };
}

const attr = (span: OtlpSpan, key: string) => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};

describe('OpenTelemetry tracing', () => {
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ipapi-tracing-'));
    await fs.writeFile(path.join(tmp, 'recorder.mjs'), RECORDER);
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          for (const rs of JSON.parse(body).resourceSpans ?? []) {
            const service = rs.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value?.stringValue;
            for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) spans.push({ ...s, scope: ss.scope.name, service });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // Both servers at once (a start is most of this file's time).
    [traced, untraced] = await Promise.all([
      run('traced', {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
        // Nothing is exported on the batch timer within the test: what arrives was flushed at SIGTERM.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      }),
      run('untraced', {}),
    ]);
  }, 120_000);

  afterAll(async () => {
    receiver?.close();
    for (const name of databases) await dropDatabase(inject('adminUrl'), name).catch(() => undefined);
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('is switched on by the standard OTEL_* variables only', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingEnabled({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBe(false);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('traces one GraphQL request as one trace: HTTP server span, GraphQL spans and pg statements, flushed at SIGTERM', () => {
    expect(traced.exitCode).toBe(0);
    const execution = spans.filter((s) => s.name === 'query TracedPage');
    expect(execution).toHaveLength(1);
    const trace = spans.filter((s) => s.traceId === execution[0]!.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));

    const server = trace.filter((s) => s.kind === SERVER);
    expect(server).toHaveLength(1);
    expect(server[0]).toMatchObject({ name: 'POST /graphql', scope: '@fastify/otel' });
    expect(server[0]!.parentSpanId || undefined).toBeUndefined();
    expect(attr(server[0]!, 'http.route')).toBe('/graphql');
    expect(Number(attr(server[0]!, 'http.response.status_code'))).toBe(200);
    expect(attr(server[0]!, 'request.id')).toBe(traced.requestId);

    const graphql = trace.filter((s) => s.scope === '@opentelemetry/instrumentation-graphql');
    expect(graphql.map((s) => s.name)).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'query TracedPage', 'graphql.resolve enterprises']));
    const queries = trace.filter((s) => s.scope === '@opentelemetry/instrumentation-pg' && s.name.startsWith('pg.query:'));
    expect(queries.length).toBeGreaterThanOrEqual(2); // the page and its count, at least
    for (const q of queries) expect(q.kind).toBe(CLIENT);
    // Every span of the trace hangs from the HTTP server span.
    for (const s of trace) {
      let at: OtlpSpan | undefined = s;
      while (at?.parentSpanId) at = byId.get(at.parentSpanId);
      expect(at, s.name).toBe(server[0]);
    }
    // A page of 20 is a few dozen spans, not one per row and field (list items merged).
    expect(trace.length).toBeLessThan(60);
    expect(trace.filter((s) => /\.\d+\./.test(s.name))).toEqual([]);

    // The login request is a trace of its own; nothing anywhere holds the password.
    expect(spans.some((s) => s.name === 'mutation' && s.traceId !== execution[0]!.traceId)).toBe(true);
    expect(JSON.stringify(spans)).not.toContain(PASSWORD);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['ip-enterprise-api']));

    // The request's log lines carry its id, and (in the request's span) the trace id.
    const lines = traced.lines.map((l) => JSON.parse(l) as { reqId?: string; trace_id?: string; msg?: string });
    const mine = lines.filter((l) => l.reqId === traced.requestId);
    expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(mine.find((l) => l.msg === 'request completed')?.trace_id).toBe(execution[0]!.traceId);

    expect(traced.report.packages).toEqual(expect.arrayContaining(['@opentelemetry/sdk-node', '@fastify/otel', '@opentelemetry/instrumentation-pg', 'import-in-the-middle']));
    expect(traced.report.registered).toEqual(expect.arrayContaining(['trace', 'context', 'propagation']));
  });

  it('not configured, loads nothing of OpenTelemetry and registers nothing', () => {
    expect(untraced.exitCode).toBe(0);
    // prom-client (GET /metrics) has always required @opentelemetry/api, the no-op API without an SDK.
    expect(untraced.report.packages.filter((p) => p !== '@opentelemetry/api')).toEqual([]);
    expect(untraced.report.registered).toEqual([]);
    const lines = untraced.lines.map((l) => JSON.parse(l) as { reqId?: string; trace_id?: string; msg?: string });
    const mine = lines.filter((l) => l.reqId === untraced.requestId);
    expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(lines.filter((l) => l.trace_id)).toEqual([]);
  });

  it('writes every log line as JSON, and every request line with its request id', () => {
    for (const { lines } of [traced, untraced]) {
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) {
        expect(() => JSON.parse(line), line).not.toThrow();
        const entry = JSON.parse(line) as { reqId?: string; req?: unknown; res?: unknown };
        if (entry.req || entry.res) expect(entry.reqId, line).toEqual(expect.any(String));
      }
    }
  });
});
