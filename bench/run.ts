/**
 * npm run bench [-- options]: the benchmark a reviewer reruns (not a test: it prints, never asserts).
 *
 * Builds (or reuses) a database of N demo enterprises on DATABASE_URL's server, starts the server as
 * its own process (`node dist/src/main.js`, production settings), and drives the operations below
 * over HTTP with autocannon at each connection count: req/s, p50/p99 latency, the server process's
 * CPU per request, and the SQL statements each operation runs. The numbers are compared with the
 * committed baseline (bench/baseline.json) so that a regression shows.
 *
 *   --enterprises 100000      size of the demo data set (the database is kept as ipbench_<N>; --fresh rebuilds it)
 *   --connections 32,64       autocannon connection counts
 *   --seconds 10              duration of each run
 *   --only a,b                only these operations
 *   --url http://host:port    drive a server that is already running (no database built, no process started)
 *   --compare URL             also run each operation against another GraphQL endpoint, alternating with ours;
 *   --compare-queries FILE    that endpoint's text for each operation: { "<operation>": { "query", "variables"?, "headers"? } }
 *   --baseline FILE           compare with this file (default bench/baseline.json); --update-baseline writes it
 */
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, freePort, withDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { loadReferenceData } from '../seeds/reference.js';
import { demoDataLoaded, DEMO_PASSWORD, loadDemoData } from '../seeds/demo.js';
import { ReferenceData } from '../src/common/reference-data.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/app.js';
import { createContext, type Viewer } from '../src/context.js';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '32,64' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    url: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    compare: { type: 'string' },
    'compare-queries': { type: 'string' },
    baseline: { type: 'string', default: 'bench/baseline.json' },
    'update-baseline': { type: 'boolean', default: false },
  },
});
const N = Number(values.enterprises);
const CONNECTIONS = values.connections!.split(',').map(Number);
const SECONDS = Number(values.seconds);

interface Operation {
  name: string;
  /** Who asks: the national admin (a token), or the public. */
  as: 'national' | 'public';
  query: string;
  variables?: Record<string, unknown>;
}

const PAGE = `query Directory($first: Int, $filter: EnterpriseFilter) {
  enterprises(first: $first, filter: $filter) { totalCount edges { node { id name creditCode region { name } industry { name } currentDesignation { level validUntil } } } pageInfo { endCursor hasNextPage } }
}`;
const PAGE_NO_COUNT = `query DirectoryNoCount($first: Int, $filter: EnterpriseFilter) {
  enterprises(first: $first, filter: $filter) { edges { node { id name creditCode region { name } industry { name } currentDesignation { level validUntil } } } pageInfo { endCursor hasNextPage } }
}`;
const BY_ID = `query Enterprise($id: ID!) {
  enterprise(id: $id) { id name creditCode sizeClass foundedOn stage region { name } industry { name } currentDesignation { level validFrom validUntil } designations { level status batchYear validFrom validUntil } }
}`;

function operations(enterpriseId: string): Operation[] {
  return [
    { name: 'directory page 20 + totalCount (national)', as: 'national', query: PAGE, variables: { first: 20 } },
    { name: 'directory page 20, no totalCount (national)', as: 'national', query: PAGE_NO_COUNT, variables: { first: 20 } },
    { name: 'enterprise by id with relations (public)', as: 'public', query: BY_ID, variables: { id: enterpriseId } },
    { name: '{ __typename } (public)', as: 'public', query: '{ __typename }' },
    { name: 'search 科技, public directory', as: 'public', query: PAGE, variables: { first: 20, filter: { search: '科技' } } },
    { name: 'search 深圳, public directory', as: 'public', query: PAGE, variables: { first: 20, filter: { search: '深圳' } } },
    { name: 'public directory, region 440000', as: 'public', query: PAGE, variables: { first: 20, filter: { regionCodes: ['440000'], includeSubJurisdictions: true } } },
  ];
}

// ---------------------------------------------------------------------------------------------

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function prepareDatabase(adminUrl: string): Promise<string> {
  const name = `ipbench_${N}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (values.fresh) await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await ensureDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  const orm = await MikroORM.init(ormConfig(url, { debug: false }));
  try {
    await orm.migrator.up();
    await loadReferenceData(orm.em.fork());
    if (!(await demoDataLoaded(orm.em.fork()))) {
      const t0 = Date.now();
      await loadDemoData(orm.em.fork(), { enterprises: N, log: (m) => process.stdout.write(`\r${m}   `) });
      console.log(`\ndemo data (${N} enterprises) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await orm.em.execute('vacuum analyze');
  } finally {
    await orm.close(true);
  }
  return url;
}

async function startServer(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JWT_SECRET: 'benchmark-secret-of-at-least-32-characters',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JOB_INTERVAL_SECONDS: '0',
      RATE_LIMIT_PER_ADDRESS: '1000000',
      RATE_LIMIT_PER_USER: '1000000',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  const deadline = Date.now() + 180_000;
  while (!out.includes('GraphQL API ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base: `http://127.0.0.1:${port}`, child };
}

async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number | null;
  failures: number;
}

async function measure(base: string, body: string, headers: Record<string, string>, connections: number, pid?: number): Promise<Result> {
  const before = pid ? cpuMs(pid) : 0;
  const result = await autocannon({ url: `${base}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration: SECONDS });
  const cpu = pid ? cpuMs(pid) - before : null;
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: cpu !== null && requests ? cpu / requests : null,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** SQL statements of each operation, counted in an app of this process on the same database. */
async function statementCounts(url: string, ops: Operation[]): Promise<Map<string, number>> {
  let recording: string[] | null = null;
  const orm = await MikroORM.init(ormConfig(url, { debug: ['query'], logger: (m: string) => recording && m.startsWith('[query]') && recording.push(m), colors: false }));
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), healthDbGraceSeconds: 86_400 };
  const reference = await ReferenceData.load(orm.em.fork());
  const app = await buildApp({ config, orm, reference });
  const out = new Map<string, number>();
  const national: Viewer = { kind: 'USER', userId: '00000000-0000-7000-8000-000000000000', username: 'bench', role: 'NATIONAL_ADMIN', sessionId: '00000000-0000-7000-8000-000000000001' };
  try {
    for (const op of ops) {
      const ctx = createContext({ em: orm.em, reference, config }, { viewer: op.as === 'national' ? national : { kind: 'ANONYMOUS' } });
      recording = [];
      await app.apollo.executeOperation({ query: op.query, variables: op.variables }, { contextValue: ctx });
      out.set(op.name, recording.length);
      recording = null;
    }
  } finally {
    await app.fastify.close();
    await orm.close(true);
  }
  return out;
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '-' : n.toFixed(digits));

async function main() {
  let base = values.url;
  let child: ChildProcess | undefined;
  let dbUrl: string | undefined;
  if (!base) {
    const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    dbUrl = await prepareDatabase(withDatabase(admin, 'postgres'));
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
    ({ base, child } = await startServer(dbUrl));
  }
  try {
    const login = await post(base, { query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', variables: { i: { username: 'national-admin', password: DEMO_PASSWORD } } });
    const token = login.data?.login?.accessToken as string;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login)}`);
    const auth = { authorization: `Bearer ${token}` };
    const pick = await post(base, { query: '{ enterprises(first: 1, filter: { designatedAsOf: "2026-12-01" }) { edges { node { id } } } }' });
    const enterpriseId = pick.data?.enterprises?.edges?.[0]?.node?.id as string;
    let ops = operations(enterpriseId);
    if (values.only) ops = ops.filter((o) => values.only!.split(',').some((s) => o.name.includes(s)));

    const compareQueries = values['compare-queries'] ? (JSON.parse(readFileSync(values['compare-queries'], 'utf8')) as Record<string, { query: string; variables?: unknown; headers?: Record<string, string> }>) : {};
    const statements = dbUrl ? await statementCounts(dbUrl, ops) : new Map<string, number>();
    const rows: Record<string, Record<string, Result & { statements?: number; peer?: Result }>> = {};

    console.log(`\n${N} enterprises, ${SECONDS} s per run${values.compare ? `, compared with ${values.compare}` : ''}`);
    console.log(`${'operation'.padEnd(46)} ${'conn'.padStart(4)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'cpu ms'.padStart(7)} ${'sql'.padStart(4)} ${'fail'.padStart(5)}${values.compare ? `  ${'peer req/s'.padStart(10)} ${'ratio'.padStart(6)}` : ''}`);
    for (const op of ops) {
      const first = await post(base, { query: op.query, variables: op.variables }, op.as === 'national' ? auth : {});
      if (first.errors) throw new Error(`${op.name}: ${JSON.stringify(first.errors)}`);
      rows[op.name] = {};
      for (const c of CONNECTIONS) {
        const ours = await measure(base, JSON.stringify({ query: op.query, variables: op.variables }), op.as === 'national' ? auth : {}, c, child?.pid);
        let peer: Result | undefined;
        const alt = compareQueries[op.name];
        if (values.compare && alt) peer = await measure(values.compare, JSON.stringify({ query: alt.query, variables: alt.variables }), alt.headers ?? {}, c);
        rows[op.name]![String(c)] = { ...ours, statements: statements.get(op.name), peer };
        console.log(
          `${op.name.padEnd(46)} ${String(c).padStart(4)} ${fmt(ours.rps).padStart(8)} ${fmt(ours.p50).padStart(6)} ${fmt(ours.p99).padStart(6)} ${fmt(ours.cpuMsPerRequest, 2).padStart(7)} ${fmt(statements.get(op.name)).padStart(4)} ${String(ours.failures).padStart(5)}` +
            (peer ? `  ${fmt(peer.rps).padStart(10)} ${(ours.rps / peer.rps).toFixed(2).padStart(6)}` : ''),
        );
      }
    }

    if (values['update-baseline']) {
      writeFileSync(values.baseline!, `${JSON.stringify({ enterprises: N, seconds: SECONDS, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`);
      console.log(`\nwrote ${values.baseline}`);
    } else if (existsSync(values.baseline!)) {
      const baseline = JSON.parse(readFileSync(values.baseline!, 'utf8')) as { rows: typeof rows };
      console.log(`\nagainst ${values.baseline} (req/s and CPU per request; a change over 20 % is marked !)`);
      for (const [name, byConn] of Object.entries(rows)) {
        for (const [c, r] of Object.entries(byConn)) {
          const b = baseline.rows[name]?.[c];
          if (!b) continue;
          const rps = r.rps / b.rps - 1;
          const cpu = r.cpuMsPerRequest !== null && b.cpuMsPerRequest ? r.cpuMsPerRequest / b.cpuMsPerRequest - 1 : 0;
          const mark = rps < -0.2 || cpu > 0.2 ? ' !' : '';
          console.log(`${name.padEnd(46)} ${c.padStart(4)} req/s ${(rps * 100).toFixed(0).padStart(5)} %  cpu ${(cpu * 100).toFixed(0).padStart(5)} %${mark}`);
        }
      }
    }
  } finally {
    child?.kill('SIGTERM');
  }
}

await main();
