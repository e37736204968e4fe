/**
 * npm run bench [-- options]: the benchmark a reviewer reruns (not a test: it prints, never asserts).
 *
 * Builds (or reuses) a database of N demo enterprises on DATABASE_URL's server, starts the server as
 * its own process (`node dist/src/main.js`, production settings), and drives the operations of
 * bench/operations.ts over HTTP with autocannon at each connection count: req/s, p50/p99 latency,
 * the server process's CPU per request, and the SQL statements each operation runs. The last
 * operation is a write mix (updateEnterprise as the national admin over 256 enterprises in turn,
 * each with the version last seen; a CONFLICT is an answer, not a failure). The numbers are
 * compared with the committed baseline (bench/baseline.json) so that a regression shows.
 *
 *   --enterprises 100000      size of the demo data set (the database is kept as ipbench_<N>; --fresh rebuilds it)
 *   --connections 32,64       autocannon connection counts
 *   --seconds 10              duration of each run
 *   --only a,b                only the operations whose name contains one of these
 *   --response-cache on|off   off starts the server with RESPONSE_CACHE_MB=0, so that repeated anonymous
 *                             operations are computed each time instead of answered from the response cache
 *   --url http://host:port    drive a server that is already running (no database built, no process started)
 *   --compare URL             also run each operation against another GraphQL endpoint, alternating with ours
 *                             (its first answer is compared with ours first: a difference in the rows is printed);
 *   --compare-queries FILE    that endpoint's text for each operation: { "<operation>": { "query", "variables"?, "headers"? } }
 *                             ("$ENTERPRISE_ID" in it: the UUID of the enterprise looked up by id; see bench/peer/)
 *   --compare-pid PID         that endpoint's server process, for its CPU per request
 *   --baseline FILE           compare with this file (default bench/baseline.json); --update-baseline writes it
 *
 * npm run bench -- liaison [--enterprises 5000 --officers 300 --conflicts 0.02 --new 50]: the liaison-officer
 * plan at the national bureau's scale instead (bench/liaison.ts).
 *
 * npm run bench -- reporting [--enterprises 100000 --enrolments 1000000 --runs 200 --reuse]: the
 * dashboard's statistics on 100,000 enterprises and a million enrolment and yearly-figure rows (bench/reporting.ts).
 */
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import autocannon, { type Request as AutocannonRequest } from 'autocannon';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/mikro-orm.config.js';
import { ReferenceData } from '../src/common/reference-data.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/app.js';
import { createContext, type Viewer } from '../src/context.js';
import { adminUrl, buildIfStale, cpuMs, graphqlEndpoint, login, post, prepareDatabase, RotatingWrites, startServer, type GraphQLAnswer, type ServerProcess } from './common.js';
import { loadPeerQueries, operations, pickEnterprise, type Operation, type PeerQuery } from './operations.js';
import { dataDifference } from './peer/compare.js';

// `npm run bench -- liaison [options]`: the liaison-officer plan benchmark (bench/liaison.ts).
if (process.argv[2] === 'liaison') {
  await (await import('./liaison.js')).main(process.argv.slice(3));
  process.exit(0);
}
// `npm run bench -- reporting [options]`: the dashboard's statistics at scale (bench/reporting.ts).
if (process.argv[2] === 'reporting') {
  await (await import('./reporting.js')).main(process.argv.slice(3));
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '32,64' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    'response-cache': { type: 'string', default: 'on' },
    url: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    compare: { type: 'string' },
    'compare-queries': { type: 'string' },
    'compare-pid': { type: 'string' },
    baseline: { type: 'string', default: 'bench/baseline.json' },
    'update-baseline': { type: 'boolean', default: false },
  },
});
const N = Number(values.enterprises);
const CONNECTIONS = values.connections!.split(',').map(Number);
const SECONDS = Number(values.seconds);
const RESPONSE_CACHE = values['response-cache']!;
if (RESPONSE_CACHE !== 'on' && RESPONSE_CACHE !== 'off') throw new Error('--response-cache is on or off');
const PEER_PID = values['compare-pid'] ? Number(values['compare-pid']) : undefined;

interface Result {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number | null;
  failures: number;
}

/** What autocannon sends: one fixed body, or a request built each time (the write mix). */
type Load = { body: string; headers: Record<string, string> } | { request: AutocannonRequest };

async function measure(endpoint: string, load: Load, connections: number, pid?: number): Promise<Result> {
  const before = pid ? cpuMs(pid) : 0;
  const result = await autocannon({
    url: graphqlEndpoint(endpoint),
    method: 'POST',
    connections,
    duration: SECONDS,
    ...('body' in load ? { headers: { 'content-type': 'application/json', ...load.headers }, body: load.body } : { requests: [load.request] }),
  });
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
async function statementCounts(url: string, ops: Operation[], writes: RotatingWrites | undefined): Promise<Map<string, number>> {
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
      const variables = op.write && writes ? writes.nextVariables() : op.variables;
      recording = [];
      const response = await app.apollo.executeOperation({ query: op.query, variables }, { contextValue: ctx });
      out.set(op.name, recording.length);
      recording = null;
      if (op.write && writes && response.body.kind === 'single') writes.record((variables as { input: { id: string } }).input.id, response.body.singleResult as GraphQLAnswer);
    }
  } finally {
    await app.fastify.close();
    await orm.close(true);
  }
  return out;
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '-' : n.toFixed(digits));

type Row = Result & { statements?: number; answers?: Record<string, number>; peer?: Result };

async function main() {
  let base = values.url;
  let server: ServerProcess | undefined;
  let dbUrl: string | undefined;
  if (!base) {
    dbUrl = await prepareDatabase(adminUrl(), N, { fresh: values.fresh });
    await buildIfStale();
    server = await startServer(dbUrl, RESPONSE_CACHE === 'off' ? { RESPONSE_CACHE_MB: '0' } : {});
    base = server.base;
  }
  try {
    const token = await login(base);
    const auth = { authorization: `Bearer ${token}` };
    const enterprise = await pickEnterprise(base);
    let ops = operations(enterprise.id);
    if (values.only) ops = ops.filter((o) => values.only!.split(',').some((s) => o.name.includes(s)));
    const writes = ops.some((o) => o.write) ? await RotatingWrites.load(base, token) : undefined;

    const compareQueries: Record<string, PeerQuery> = values['compare-queries'] ? loadPeerQueries(values['compare-queries'], enterprise) : {};
    const statements = dbUrl ? await statementCounts(dbUrl, ops, writes) : new Map<string, number>();
    const rows: Record<string, Record<string, Row>> = {};

    const cacheNote = values.url ? 'response cache as configured there' : `response cache ${RESPONSE_CACHE}${RESPONSE_CACHE === 'off' ? ' (RESPONSE_CACHE_MB=0)' : ''}`;
    console.log(`\n${N} enterprises, ${SECONDS} s per run, ${cacheNote}${values.compare ? `, compared with ${values.compare}` : ''}`);
    console.log(`by id: enterprise ${enterprise.uuid}`);
    console.log(
      `${'operation'.padEnd(50)} ${'conn'.padStart(4)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'cpu ms'.padStart(7)} ${'sql'.padStart(4)} ${'fail'.padStart(5)}` +
        (values.compare ? `  ${'peer req/s'.padStart(10)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'cpu ms'.padStart(7)} ${'ratio'.padStart(6)}` : ''),
    );
    for (const op of ops) {
      const headers = op.as === 'national' ? auth : {};
      const first = op.write ? undefined : await post(base, { query: op.query, variables: op.variables }, headers);
      if (first?.errors) throw new Error(`${op.name}: ${JSON.stringify(first.errors)}`);
      let alt = values.compare ? compareQueries[op.name] : undefined;
      if (alt) {
        const theirs = await post(values.compare!, { query: alt.query, variables: alt.variables }, alt.headers ?? {});
        const difference = theirs.errors ? `errors ${JSON.stringify(theirs.errors).slice(0, 300)}` : dataDifference(first?.data, theirs.data);
        if (theirs.errors) alt = undefined;
        // Measured all the same when the rows differ, but a ratio over different answers means little.
        if (difference) console.log(`${op.name}: the compared endpoint's answer differs (${difference})${alt ? '' : '; not measured there'}`);
      }
      rows[op.name] = {};
      for (const c of CONNECTIONS) {
        writes?.resetAnswers();
        const load: Load = op.write && writes ? { request: writes.request() } : { body: JSON.stringify({ query: op.query, variables: op.variables }), headers };
        const ours = await measure(base, load, c, server?.child.pid);
        const answers = op.write && writes ? Object.fromEntries(writes.answers) : undefined;
        if (op.write && writes) ours.failures += writes.failures;
        const peer = alt ? await measure(values.compare!, { body: JSON.stringify({ query: alt.query, variables: alt.variables }), headers: alt.headers ?? {} }, c, PEER_PID) : undefined;
        rows[op.name]![String(c)] = { ...ours, statements: statements.get(op.name), answers, peer };
        console.log(
          `${op.name.padEnd(50)} ${String(c).padStart(4)} ${fmt(ours.rps).padStart(8)} ${fmt(ours.p50).padStart(6)} ${fmt(ours.p99).padStart(6)} ${fmt(ours.cpuMsPerRequest, 2).padStart(7)} ${fmt(statements.get(op.name)).padStart(4)} ${String(ours.failures).padStart(5)}` +
            (peer ? `  ${fmt(peer.rps).padStart(10)} ${fmt(peer.p50).padStart(6)} ${fmt(peer.p99).padStart(6)} ${fmt(peer.cpuMsPerRequest, 2).padStart(7)} ${(peer.rps > 0 ? (ours.rps / peer.rps).toFixed(2) : '-').padStart(6)}${peer.failures ? `  peer fail ${peer.failures}` : ''}` : '') +
            (answers ? `  answers: ${writes!.summary()}` : ''),
        );
      }
    }

    if (values['update-baseline']) {
      writeFileSync(values.baseline!, `${JSON.stringify({ enterprises: N, seconds: SECONDS, responseCache: RESPONSE_CACHE, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`);
      console.log(`\nwrote ${values.baseline}`);
    } else if (existsSync(values.baseline!)) {
      const baseline = JSON.parse(readFileSync(values.baseline!, 'utf8')) as { responseCache?: string; rows: typeof rows };
      if ((baseline.responseCache ?? 'on') !== RESPONSE_CACHE) {
        console.log(`\n${values.baseline} was measured with the response cache ${baseline.responseCache ?? 'on'}: not compared`);
      } else {
        console.log(`\nagainst ${values.baseline} (req/s and CPU per request; a change over 20 % is marked !)`);
        for (const [name, byConn] of Object.entries(rows)) {
          for (const [c, r] of Object.entries(byConn)) {
            const b = baseline.rows[name]?.[c];
            if (!b) continue;
            const rps = r.rps / b.rps - 1;
            const cpu = r.cpuMsPerRequest !== null && b.cpuMsPerRequest ? r.cpuMsPerRequest / b.cpuMsPerRequest - 1 : 0;
            const mark = rps < -0.2 || cpu > 0.2 ? ' !' : '';
            console.log(`${name.padEnd(50)} ${c.padStart(4)} req/s ${(rps * 100).toFixed(0).padStart(5)} %  cpu ${(cpu * 100).toFixed(0).padStart(5)} %${mark}`);
          }
        }
      }
    }
  } finally {
    await server?.stop();
  }
}

await main();
