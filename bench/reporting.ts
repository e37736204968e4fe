/**
 * npm run bench -- reporting [--enterprises 100000] [--enrolments 1000000] [--runs 200] [--reuse]
 *
 * The dashboard's statistics at the programme's scale (issue 15): a scratch database
 * (ipbench_reporting_<E>, rebuilt unless --reuse) with E enterprises over the 37 jurisdictions, a
 * title for about one in six, 200,000 people, 2,000 training sessions, the enrolments (five per
 * person at most; 60 % completed) and ten years of yearly IP figures per enterprise (E × 10 rows),
 * all made in SQL (insert … select generate_series). Then the built server in its own process
 * (production settings), over HTTP, each dashboard query `--runs` times:
 *
 * - cold: the data version is raised before each run (as any write does), so no cached answer is used;
 * - warm: the same query again at the same data version (the answer cache).
 *
 * Prints p50 / p95 / max per query and viewer. Then the rollups' side (docs/reporting.md "Speed"):
 * the same queries with STATISTICS_ROLLUPS=0 (the rows), the queries with 20,000 changes not yet
 * folded, and what the triggers add to a write (one enrolment's status, one enterprise's size: its
 * people's enrolments and its yearly figures re-keyed) with the rollup triggers on and off.
 * It prints; it never asserts (not a test).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/mikro-orm.config.js';
import { ensureDatabase, withDatabase } from '../src/database.js';
import { hashPassword } from '../src/modules/account/passwords.js';
import { loadReferenceData } from '../seeds/reference.js';
import { insertUser } from '../seeds/factories.js';
import { REGIONS } from '../seeds/reference/regions.js';
import { INDUSTRIES } from '../seeds/reference/industries.js';
import { adminUrl, buildIfStale, DEMO_PASSWORD, login, post, startServer } from './common.js';

const PEOPLE = 200_000;
const SESSIONS = 2_000;

/** The dashboard's queries: who asks, what. */
const QUERIES: { name: string; viewer: 'anonymous' | 'national' | 'guangdong'; query: string; variables: Record<string, unknown> }[] = [
  {
    name: 'public: titled enterprises by region',
    viewer: 'anonymous',
    query: `query($q: PublicStatisticsQuery!) { publicStatistics(query: $q) { rows { keys { value } values { value suppressed } } } }`,
    variables: { q: { measures: ['DEMONSTRATION_ENTERPRISES', 'ADVANTAGE_ENTERPRISES'], dimensions: ['REGION'] } },
  },
  {
    name: 'public: designations by year and level',
    viewer: 'anonymous',
    query: `query($q: PublicStatisticsQuery!) { publicStatistics(query: $q) { rows { keys { value } values { value suppressed } } } }`,
    variables: { q: { measures: ['DESIGNATIONS'], dimensions: ['YEAR', 'DESIGNATION_LEVEL'], fromYear: 2017, toYear: 2026 } },
  },
  {
    name: 'public: completions by year and tier',
    viewer: 'anonymous',
    query: `query($q: PublicStatisticsQuery!) { publicStatistics(query: $q) { rows { keys { value } values { value suppressed } } } }`,
    variables: { q: { measures: ['COMPLETIONS'], dimensions: ['YEAR', 'TRAINING_TIER'], fromYear: 2022, toYear: 2026 } },
  },
  {
    name: 'national: enrolments and completions by tier and month',
    viewer: 'national',
    query: `query($q: StatisticsQuery!) { statistics(query: $q) { rows { keys { value } values { value } } } }`,
    variables: { q: { measures: ['ENROLMENTS', 'COMPLETIONS'], dimensions: ['TRAINING_TIER', 'MONTH'], from: '2026-01-01', to: '2026-12-31' } },
  },
  {
    name: 'national: IP figures by province and year',
    viewer: 'national',
    query: `query($q: StatisticsQuery!) { statistics(query: $q) { rows { keys { value } values { value } } } }`,
    variables: { q: { measures: ['INVENTION_APPLICATIONS_SUM', 'VALID_INVENTION_PATENTS_SUM', 'LICENSING_INCOME_AVG'], dimensions: ['PROVINCE', 'YEAR'], from: '2022-01-01', to: '2026-12-31' } },
  },
  {
    name: 'Guangdong: its enrolments by month',
    viewer: 'guangdong',
    query: `query($q: StatisticsQuery!) { statistics(query: $q) { rows { keys { value } values { value } } } }`,
    variables: { q: { measures: ['ENROLMENTS', 'COMPLETIONS'], dimensions: ['MONTH'], from: '2026-01-01', to: '2026-12-31', filters: [{ dimension: 'REGION', values: ['440000'] }] } },
  },
  {
    name: 'Guangdong: enterprises and titles by size',
    viewer: 'guangdong',
    query: `query($q: StatisticsQuery!) { statistics(query: $q) { rows { keys { value } values { value } } } }`,
    variables: { q: { measures: ['ENTERPRISES', 'DEMONSTRATION_ENTERPRISES', 'ADVANTAGE_ENTERPRISES'], dimensions: ['SIZE_CLASS'], filters: [{ dimension: 'REGION', values: ['440000'] }] } },
  },
];

/** The data, in SQL: deterministic (hash-based), no factories (a million rows through them would take minutes). */
function dataSql(E: number): string[] {
  const regions = `array[${REGIONS.map((r) => `'${r.code}'`).join(',')}]`;
  const divisions = `array[${INDUSTRIES.filter((i) => i.level === 'DIVISION').map((i) => `'${i.code}'`).join(',')}]`;
  // h(i, salt): a pseudo-random integer ≥ 0 from i.
  const h = (i: string, salt: number) => `abs(hashint4(${i} * 7919 + ${salt}))`;
  return [
    `insert into enterprise (id, created_at, updated_at, credit_code, name, region_code, industry_code, size_class, founded_on, version)
     select ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
            timestamptz '2019-01-01 00:00+08' + (${h('i', 1)} % 2800) * interval '1 day' + (${h('i', 2)} % 86400) * interval '1 second', now(),
            '91' || lpad(i::text, 16, '0'), '基准企业' || i,
            (${regions})[1 + ${h('i', 3)} % ${REGIONS.length}], (${divisions})[1 + ${h('i', 4)} % 97],
            (array['LARGE','MEDIUM','SMALL','MICRO'])[1 + ${h('i', 5)} % 4], date '2000-01-01' + (${h('i', 6)} % 7000), 1
       from generate_series(1, ${E}) i`,
    `insert into designation (id, created_at, updated_at, enterprise_id, level, status, batch_year, valid_from, valid_until)
     select gen_random_uuid(), now(), now(), ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
            case when ${h('i', 7)} % 3 = 0 then 'DEMONSTRATION' else 'ADVANTAGE' end, 'ACTIVE', y, make_date(y, 9, 26), make_date(y + 3, 9, 25)
       from generate_series(1, ${E}) i, lateral (select 2017 + ${h('i', 8)} % 10 as y) b
      where ${h('i', 9)} % 6 = 0`,
    `insert into person (id, created_at, updated_at, name, employer_enterprise_id, region_code, category, version)
     select ('00000000-0000-7000-9000-' || lpad(to_hex(p), 12, '0'))::uuid, now(), now(), '学员' || p,
            case when p % 10 = 0 then null else ('00000000-0000-7000-8000-' || lpad(to_hex(1 + ${h('p', 10)} % ${E}), 12, '0'))::uuid end,
            (${regions})[1 + ${h('p', 11)} % ${REGIONS.length}], (array['SENIOR_EXECUTIVE','IP_MANAGER','IP_PRACTITIONER'])[1 + p % 3], 1
       from generate_series(1, ${PEOPLE}) p`,
    `insert into training_program (id, created_at, updated_at, title, tier, format, topics)
     select ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, now(), now(), '基准项目' || g,
            (array['SENIOR_EXECUTIVE','IP_MANAGER','IP_PRACTITIONER'])[1 + g % 3],
            (array['MANAGER_FORUM','MANAGEMENT_TRAINING','INDUSTRY_PRACTICE'])[1 + g % 3], '[]'
       from generate_series(1, 30) g`,
    `insert into training_session (id, created_at, updated_at, program_id, starts_on, ends_on, region_code, capacity, registration_closes_on)
     select ('00000000-0000-7000-b000-' || lpad(to_hex(s), 12, '0'))::uuid, now(), now(),
            ('00000000-0000-7000-a000-' || lpad(to_hex(1 + s % 30), 12, '0'))::uuid, d, d + 2,
            (${regions})[1 + ${h('s', 12)} % ${REGIONS.length}], 1000, d - 7
       from generate_series(1, ${SESSIONS}) s, lateral (select date '2022-01-01' + (${h('s', 13)} % 1800) as d) b`,
    // Five sessions per person at most, distinct (session_id, person_id): sessions p·7 + k·401.
    `insert into enrolment (id, created_at, updated_at, session_id, person_id, status, priority, requested_at, requested_by, history)
     select gen_random_uuid(), now(), now(), ('00000000-0000-7000-b000-' || lpad(to_hex(1 + (p * 7 + k * 401) % ${SESSIONS}), 12, '0'))::uuid,
            ('00000000-0000-7000-9000-' || lpad(to_hex(p), 12, '0'))::uuid,
            case when ${h('p * 5 + k', 14)} % 10 < 6 then 'COMPLETED' when ${h('p * 5 + k', 14)} % 10 < 8 then 'BOOKED' else 'CANCELLED' end,
            'NONE', timestamptz '2022-01-01 00:00+08' + (${h('p * 5 + k', 15)} % 1800) * interval '1 day', 'bench', '[]'
       from generate_series(1, ${PEOPLE}) p, generate_series(0, 4) k
      where (p::bigint * 5 + k) < $ENROLMENTS`,
    `insert into enterprise_statistics (id, created_at, updated_at, enterprise_id, year, invention_applications, invention_grants, valid_invention_patents, licensing_income, version)
     select gen_random_uuid(), now(), now(), ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, y,
            ${h('i * 10 + y', 16)} % 50, ${h('i * 10 + y', 17)} % 20, ${h('i * 10 + y', 18)} % 300, (${h('i * 10 + y', 19)} % 10000) / 10.0, 1
       from generate_series(1, ${E}) i, generate_series(2017, 2026) y`,
  ];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { enterprises: { type: 'string', default: '100000' }, enrolments: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '200' }, reuse: { type: 'boolean', default: false } },
  });
  const E = Number(values.enterprises);
  const ENROLMENTS = Math.min(Number(values.enrolments), PEOPLE * 5);
  const RUNS = Number(values.runs);
  const admin = adminUrl();
  const name = `ipbench_reporting_${E}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = (await client.query(`select 1 from pg_database where datname = $1`, [name])).rowCount! > 0;
  if (!values.reuse || !exists) await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
  const url = withDatabase(admin, name);
  if (!values.reuse || !exists) {
    await ensureDatabase(admin, name);
    const orm = await MikroORM.init(ormConfig(url, { debug: false }));
    await orm.migrator.up();
    await loadReferenceData(orm.em.fork());
    const em = orm.em.fork();
    const hash = await hashPassword(DEMO_PASSWORD);
    await insertUser(em, { username: 'national-admin', passwordHash: hash, role: 'NATIONAL_ADMIN' });
    await insertUser(em, { username: 'guangdong-admin', passwordHash: hash, role: 'PROVINCIAL_ADMIN', regionCode: '440000' });
    const t0 = Date.now();
    for (const statement of dataSql(E)) await em.execute(statement.replace('$ENROLMENTS', String(ENROLMENTS)));
    await em.execute('vacuum analyze');
    console.log(`data: ${E} enterprises, ${PEOPLE} people, ${SESSIONS} sessions, ${ENROLMENTS} enrolments, ${E * 10} yearly figures in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await orm.close(true);
  }
  await buildIfStale();
  const bump = new pg.Client({ connectionString: url });
  await bump.connect();
  await bump.query('select rpt_enrolment_fold(), rpt_enterprise_statistics_fold()');
  try {
    await measureQueries(url, bump, RUNS, {}, `${RUNS} runs each; cold = the data version raised before each run (no cached answer), warm = cached answer`);
    await measureQueries(url, bump, Math.min(RUNS, 10), { STATISTICS_ROLLUPS: '0' }, 'for comparison, the rows instead of the rollups (STATISTICS_ROLLUPS=0)');
    // 20,000 changes waiting for the fold: a status flipped and back (the sums stay, the delta grows).
    const { rows: picked } = await bump.query(`select id, status from enrolment where status in ('BOOKED', 'COMPLETED') order by id limit 10000`);
    for (const r of picked as { id: string; status: string }[]) {
      await bump.query(`update enrolment set status = 'CANCELLED' where id = $1`, [r.id]);
      await bump.query(`update enrolment set status = $2 where id = $1`, [r.id, r.status]);
    }
    const { rows: delta } = await bump.query('select count(*)::int as n from rpt_enrolment_delta');
    await measureQueries(url, bump, RUNS, {}, `with ${delta[0].n} changes not yet folded`);
    await bump.query('select rpt_enrolment_fold()');
    await measureWrites(bump);
  } finally {
    await bump.end();
  }
}

/** One write's time, p50/p95 over `runs`, with the rollup triggers on and then off. */
async function measureWrites(db: pg.Client): Promise<void> {
  const { rows: enrolments } = await db.query(`select id from enrolment order by id limit 400`);
  const { rows: enterprises } = await db.query(`select e.id from enterprise e where exists (select 1 from person p where p.employer_enterprise_id = e.id) order by e.id limit 200`);
  const time = async (statements: [string, unknown[]][]) => {
    const out: number[] = [];
    for (const [text, params] of statements) {
      const t = performance.now();
      await db.query(text, params);
      out.push(performance.now() - t);
    }
    out.sort((a, b) => a - b);
    return `${quantile(out, 0.5).toFixed(2).padStart(6)} ${quantile(out, 0.95).toFixed(2).padStart(6)}`;
  };
  const statusWrites = () => enrolments.map((r: { id: string }, i: number) => [`update enrolment set status = $2 where id = $1`, [r.id, i % 2 ? 'BOOKED' : 'COMPLETED']] as [string, unknown[]]);
  const sizeWrites = () => enterprises.map((r: { id: string }, i: number) => [`update enterprise set size_class = $2 where id = $1`, [r.id, ['LARGE', 'MEDIUM', 'SMALL', 'MICRO'][i % 4]]] as [string, unknown[]]);
  const tables = ['enrolment', 'enterprise'];
  console.log(`\none write (ms)                                            p50    p95`);
  console.log('an enrolment’s status, rollup triggers on'.padEnd(56), await time(statusWrites()));
  console.log('an enterprise’s size (re-keys its people and figures), on'.padEnd(56), await time(sizeWrites()));
  for (const t of tables) await db.query(`alter table ${t} disable trigger rpt_enrolment_update`);
  await db.query(`alter table enterprise disable trigger rpt_enterprise_statistics_update`);
  try {
    console.log('an enrolment’s status, rollup triggers off'.padEnd(56), await time(statusWrites()));
    console.log('an enterprise’s size, off'.padEnd(56), await time(sizeWrites()));
  } finally {
    for (const t of tables) await db.query(`alter table ${t} enable trigger rpt_enrolment_update`);
    await db.query(`alter table enterprise enable trigger rpt_enterprise_statistics_update`);
    // The writes made with the triggers off are not in the cells: rebuild them from the rows.
    await db.query('select rpt_enrolment_rebuild(), rpt_enterprise_statistics_rebuild()');
  }
}

/** The dashboard's queries against a server started with `env`, each `runs` times cold and warm. */
async function measureQueries(url: string, bump: pg.Client, runs: number, env: Record<string, string>, title: string): Promise<void> {
  const server = await startServer(url, { RESPONSE_CACHE_MB: '0', ...env });
  try {
    const tokens = { anonymous: undefined, national: await login(server.base), guangdong: await login(server.base, 'guangdong-admin') };
    console.log(`\n${title}\n`);
    console.log('query'.padEnd(58), 'cold p50   p95    max  | warm p50   p95');
    for (const q of QUERIES) {
      const time = async () => {
        const t = performance.now();
        const token = tokens[q.viewer];
        const answer = await post(server.base, { query: q.query, variables: q.variables }, token ? { authorization: `Bearer ${token}` } : {});
        if (answer.errors) throw new Error(`${q.name}: ${JSON.stringify(answer.errors)}`);
        return performance.now() - t;
      };
      await time();
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) {
        await bump.query('update data_version set version = version + 1 where id = 1');
        cold.push(await time());
        warm.push(await time());
      }
      cold.sort((a, b) => a - b);
      warm.sort((a, b) => a - b);
      const ms = (x: number) => x.toFixed(1).padStart(6);
      console.log(q.name.padEnd(58), ms(quantile(cold, 0.5)), ms(quantile(cold, 0.95)), ms(cold.at(-1)!), ' |', ms(quantile(warm, 0.5)), ms(quantile(warm, 0.95)));
    }
  } finally {
    await server.stop();
  }
}
