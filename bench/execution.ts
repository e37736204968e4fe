/**
 * npm run bench:execution [-- options]: the CPU cost of running an operation in the app, without HTTP.
 *
 * Builds the app in this process against an existing database (the one `npm run bench` builds) and
 * runs the read operations of bench/operations.ts through Apollo's executeOperation: parsing and
 * validation (cached after the first time), plugins, execution and SQL, but no HTTP, no auth hook
 * and no response cache. Reports the process's CPU time per operation (process.cpuUsage: user +
 * system, all threads) and the wall time, one operation at a time. The operations run in rounds,
 * each after a full GC, and the median round is reported with the range of rounds: the machines
 * here are shared, and a round now and then is slowed down by a neighbour. Caches keyed by the data
 * version (list counts) are as warm as on a serving process.
 *
 * With --compare, a second app is built with some settings changed (environment variables as
 * loadConfig reads them; the ORM and its pool are shared, so the DB_* settings do not apply) and the
 * two alternate round by round, so that both see the same neighbours; both must give the same
 * answers. Two apps share one heap: garbage one makes can be collected while the other runs (the
 * GC before each round limits that). To compare GC-heavy changes, also run each alone.
 *
 *   --url postgres://…        the database (default: BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/ipbench_100000)
 *   --n 2000                  operations per app and operation (after the warm-up)
 *   --warmup 200              operations per app and operation before measuring
 *   --rounds 10               rounds per operation (each runs n/rounds operations per app)
 *   --only a,b                only the operations whose name contains one of these
 *   --compare KEY=VALUE,…     a second app with these settings, e.g. --compare PAGE_SIZE_MAX=200
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, servingOrmOptions } from '../src/mikro-orm.config.js';
import { ReferenceData } from '../src/common/reference-data.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { buildApp, type App } from '../src/app.js';
import { ANONYMOUS, createContext, type Viewer } from '../src/context.js';
import { BY_ID, PAGE, PAGE_NO_COUNT } from './operations.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipbench_100000' },
    n: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '10' },
    only: { type: 'string' },
    compare: { type: 'string' },
  },
});
const N = Number(values.n);
const WARMUP = Number(values.warmup);
const ROUNDS = Math.max(1, Number(values.rounds));
const ONLY = values.only?.split(',').filter(Boolean);
const COMPARE = values.compare
  ? Object.fromEntries(
      values.compare.split(',').map((pair) => {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new Error(`--compare: "${pair}" is not KEY=VALUE`);
        return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      }),
    )
  : null;

// A full collection before each measured round (--expose-gc, without a command-line flag).
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const national: Viewer = { kind: 'USER', userId: '00000000-0000-7000-8000-000000000000', username: 'bench', role: 'NATIONAL_ADMIN', sessionId: '00000000-0000-7000-8000-000000000001' };

interface Op {
  name: string;
  viewer: Viewer;
  query: string;
  variables?: Record<string, unknown>;
}

function ops(enterpriseId: string): Op[] {
  const all: Op[] = [
    { name: 'directory page 20 + totalCount (national)', viewer: national, query: PAGE, variables: { first: 20 } },
    { name: 'directory page 20, no totalCount (national)', viewer: national, query: PAGE_NO_COUNT, variables: { first: 20 } },
    { name: 'enterprise by id with relations (public)', viewer: ANONYMOUS, query: BY_ID, variables: { id: enterpriseId } },
    { name: '{ __typename } (public)', viewer: ANONYMOUS, query: '{ __typename }' },
  ];
  return ONLY ? all.filter((op) => ONLY.some((o) => op.name.includes(o))) : all;
}

function settings(extra: Record<string, string> = {}): AppConfig {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RESPONSE_CACHE_MB: '0', ...extra } as NodeJS.ProcessEnv), healthDbGraceSeconds: 86_400 };
}

interface Subject {
  label: string;
  config: AppConfig;
  app?: App;
}

const subjects: Subject[] = [{ label: 'as configured', config: settings() }];
if (COMPARE) subjects.push({ label: Object.entries(COMPARE).map(([k, v]) => `${k}=${v}`).join(' '), config: settings(COMPARE) });

const orm = await MikroORM.init(ormConfig(values.url!, { debug: false, ...servingOrmOptions(subjects[0]!.config) }));
const reference = await ReferenceData.load(orm.em.fork());

async function run(subject: Subject, op: Op): Promise<Record<string, unknown>> {
  const contextValue = createContext({ em: orm.em, reference, config: subject.config }, { viewer: op.viewer });
  const response = await subject.app!.apollo.executeOperation({ query: op.query, variables: op.variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('incremental answer');
  const result = response.body.singleResult;
  if (result.errors?.length) throw new Error(`${op.name}: ${JSON.stringify(result.errors)}`);
  return result.data as Record<string, unknown>;
}

interface Round {
  cpu: number;
  wall: number;
}

/** CPU and wall µs per operation of `count` operations run one after another. */
async function measure(subject: Subject, op: Op, count: number): Promise<Round> {
  gc();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < count; i++) await run(subject, op);
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / count, wall: ((performance.now() - t0) * 1000) / count };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function summary(rounds: Round[]): { cpu: number; wall: number; range: string } {
  const cpu = rounds.map((r) => r.cpu);
  return { cpu: median(cpu), wall: median(rounds.map((r) => r.wall)), range: `${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}` };
}

try {
  for (const subject of subjects) subject.app = await buildApp({ config: subject.config, orm, reference });

  const pick = await run(subjects[0]!, { name: 'pick', viewer: ANONYMOUS, query: '{ enterprises(first: 1) { edges { node { id } } } }' });
  const enterpriseId = (pick.enterprises as { edges: { node: { id: string } }[] }).edges[0]?.node.id;
  if (!enterpriseId) throw new Error('no enterprise in the public directory: is the database seeded?');

  const head = ['operation', ...subjects.flatMap((s) => [`CPU µs/op (${s.label})`, 'rounds']), ...(COMPARE ? ['change'] : []), ...subjects.map((s) => `wall µs/op (${s.label})`)];
  const rows: string[][] = [];
  for (const op of ops(enterpriseId)) {
    if (subjects.length > 1) {
      const answers = await Promise.all(subjects.map((s) => run(s, op)));
      if (!answers.every((a) => isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(answers[0]))))) throw new Error(`${op.name}: the apps answer differently`);
    }
    for (let i = 0; i < WARMUP; i++) for (const s of subjects) await run(s, op);
    const rounds = subjects.map((): Round[] => []);
    const per = Math.max(1, Math.round(N / ROUNDS));
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so that neither always follows the other.
      const order = subjects.map((_, i) => i);
      if (r % 2) order.reverse();
      for (const i of order) rounds[i]!.push(await measure(subjects[i]!, op, per));
    }
    const sums = rounds.map(summary);
    const change = COMPARE ? ((sums[1]!.cpu - sums[0]!.cpu) / sums[0]!.cpu) * 100 : 0;
    rows.push([
      op.name,
      ...sums.flatMap((s) => [s.cpu.toFixed(0), s.range]),
      ...(COMPARE ? [`${change >= 0 ? '+' : ''}${change.toFixed(1)} %`] : []),
      ...sums.map((s) => s.wall.toFixed(0)),
    ]);
    console.log(`${op.name}: ${sums.map((s, i) => `${s.cpu.toFixed(0)} µs CPU/op (${s.range}) ${subjects[i]!.label}`).join(', ')}`);
  }

  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(
    `\n${N} operations per ${subjects.length > 1 ? 'app and ' : ''}operation in ${ROUNDS} ${subjects.length > 1 ? 'alternating ' : ''}rounds (after ${WARMUP} warm-up), one at a time; median round (range of rounds); ${values.url!.replace(/\/\/[^@]*@/, '//')}`,
  );
  console.log(line(head));
  console.log(`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
} finally {
  for (const { app } of subjects) await app?.fastify.close();
  await orm.close(true);
}
