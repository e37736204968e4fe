/**
 * npm run bench -- liaison [--enterprises 5000] [--officers 300] [--conflicts 0.02] [--new 50]
 *
 * The liaison-officer plan at the national bureau's scale (issue 14): a scratch database
 * (ipbench_liaison_<E>x<O>, rebuilt each run) with E demonstration enterprises over every
 * jurisdiction (titles valid 2025-09-26 … 2028-09-25), O national officers (each knowing 2–5
 * regions, 1–3 industry sections, Chinese and sometimes English or Uyghur; capacities summing to
 * about 1.2 × E) and a share of the officer × enterprise pairs declared conflicted. Then the built
 * server in its own process (production settings), over HTTP as the national admin:
 *
 * 1. computeAssignmentPlan (UNASSIGNED): read the world, solve (HiGHS in a worker), store the rows;
 * 2. the preview: summary, every officer's added/kept/removed/load, the first 100 rows with factors;
 * 3. commitAssignmentPlan;
 * 4. N new designations, then a REBALANCE plan: how many existing assignments it moves.
 *
 * Prints the time of each step as the client sees it, the solver's own figures, the server's peak
 * RSS (main thread and solver worker) and the moves. It prints; it never asserts (not a test).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/mikro-orm.config.js';
import { readFileSync } from 'node:fs';
import { ReferenceData } from '../src/common/reference-data.js';
import { ensureDatabase, withDatabase } from '../src/database.js';
import { hashPassword } from '../src/modules/account/passwords.js';
import { loadReferenceData } from '../seeds/reference.js';
import { creditCodeFor, insertUser } from '../seeds/factories.js';
import { Random } from '../seeds/random.js';
import { adminUrl, buildIfStale, DEMO_PASSWORD, login, post, rssBytes, startServer } from './common.js';

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      enterprises: { type: 'string', default: '5000' },
      officers: { type: 'string', default: '300' },
      conflicts: { type: 'string', default: '0.02' },
      new: { type: 'string', default: '50' },
    },
  });
  const E = Number(values.enterprises);
  const O = Number(values.officers);
  const CONFLICTS = Number(values.conflicts);
  const NEW = Number(values.new);
  const rng = new Random(20_260_920);
  const random = () => rng.next();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

  const admin = adminUrl();
  const name = `ipbench_liaison_${E}x${O}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
  await ensureDatabase(admin, name);
  const url = withDatabase(admin, name);
  const orm = await MikroORM.init(ormConfig(url, { debug: false }));
  await orm.migrator.up();
  await loadReferenceData(orm.em.fork());
  const reference = await ReferenceData.load(orm.em.fork());
  const regions = reference.regions.map((r) => r.code);
  const sections = reference.industries.filter((i) => i.level === 'SECTION').map((i) => i.code);
  const divisions = reference.industries.filter((i) => i.level === 'DIVISION').map((i) => i.code);
  const em = orm.em.fork();
  const t0 = Date.now();

  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    const chunk = Math.floor(30_000 / columns.length);
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await em.execute(`insert into ${table} (${columns.join(', ')}) values ${part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`, part.flat(), 'run');
    }
  };
  const now = new Date();
  const enterprises = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => {
      const region = pick(regions);
      return [uuidv7(), now, now, creditCodeFor(region, offset + i), `基准示范企业${offset + i}有限公司`, region, pick(divisions), pick(['LARGE', 'MEDIUM', 'SMALL', 'MICRO']), '2005-01-01', random() < 0.35, false, 1];
    });
  const ENTERPRISE_COLUMNS = ['id', 'created_at', 'updated_at', 'credit_code', 'name', 'region_code', 'industry_code', 'size_class', 'founded_on', 'export_oriented', 'industry_leader', 'version'];
  const designate = async (rows: unknown[][]) => {
    await insert('enterprise', ENTERPRISE_COLUMNS, rows);
    await insert('designation', ['id', 'created_at', 'updated_at', 'enterprise_id', 'level', 'status', 'batch_year', 'valid_from', 'valid_until'], rows.map((r) => [uuidv7(), now, now, r[0], 'DEMONSTRATION', 'ACTIVE', 2025, '2025-09-26', '2028-09-25']));
  };
  const firms = enterprises(E, 0);
  await designate(firms);
  const capacity = Math.ceil((1.2 * E) / O);
  const officerIds: string[] = [];
  const users: unknown[][] = [];
  const officers: unknown[][] = [];
  for (let i = 0; i < O; i++) {
    const userId = uuidv7();
    const id = uuidv7();
    officerIds.push(id);
    users.push([userId, now, now, `bench-officer-${i}`, `联络员${i}`, 'x', 'NATIONAL_ADMIN', false, now, 1]);
    const knows = [...new Set(Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(regions)))];
    const industry = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(sections)))];
    const languages = ['zh', ...(random() < 0.4 ? ['en'] : []), ...(knows.includes('650000') ? ['ug'] : [])];
    officers.push([id, now, now, userId, '100000', `联络员${i}`, capacity, JSON.stringify(knows), JSON.stringify(industry), JSON.stringify(languages), '[]', 'ACTIVE', 1]);
  }
  await insert('app_user', ['id', 'created_at', 'updated_at', 'username', 'display_name', 'password_hash', 'role', 'disabled', 'password_changed_at', 'version'], users);
  await insert('liaison_officer', ['id', 'created_at', 'updated_at', 'user_id', 'bureau_code', 'name', 'capacity', 'regions', 'industry_sections', 'languages', 'absences', 'status', 'version'], officers);
  const conflicted = new Set<string>();
  const conflictRows: unknown[][] = [];
  const target = Math.round(CONFLICTS * E * O);
  while (conflictRows.length < target) {
    const e = Math.floor(random() * E);
    const o = Math.floor(random() * O);
    if (conflicted.has(`${e}|${o}`)) continue;
    conflicted.add(`${e}|${o}`);
    conflictRows.push([uuidv7(), now, now, officerIds[o], 'OTHER', firms[e]![0], '基准：利害关系', 'bench']);
  }
  await insert('liaison_conflict', ['id', 'created_at', 'updated_at', 'officer_id', 'kind', 'enterprise_id', 'detail', 'declared_by'], conflictRows);
  await em.execute('vacuum analyze');
  console.log(`data: ${E} demonstration enterprises, ${O} officers (capacity ${capacity} each), ${conflictRows.length} conflicted pairs, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await insertUser(em, { username: 'national-admin', passwordHash: await hashPassword(DEMO_PASSWORD), role: 'NATIONAL_ADMIN' });
  await orm.close(true);

  // The server as it runs in production (node dist/src/main.js), its own process: its times as a
  // client sees them, its peak RSS (VmHWM: the main thread and the solver's worker together).
  await buildIfStale();
  const server = await startServer(url, { REQUEST_TIMEOUT_MS: '300000' });
  const pid = server.child.pid!;
  const peakMb = () => Number(/^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  console.log(`server started: RSS ${(rssBytes(pid) / 2 ** 20).toFixed(0)} MB`);
  const token = await login(server.base);
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const answer = await post(server.base, { query, variables }, { authorization: `Bearer ${token}` }, 300_000);
    if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const out = await fn();
    const ms = performance.now() - start;
    console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak RSS ${peakMb().toFixed(0)} MB`);
    return [out, ms];
  };
  const COMPUTE = `mutation($input: ComputeAssignmentPlanInput!) { computeAssignmentPlan(input: $input) { plan { id version feasible objective shortfalls { message } } } }`;
  const PREVIEW = `query($id: ID!) { node(id: $id) { ... on AssignmentPlan { summary { enterprises added moved kept unassigned } officers { officer { name } added kept removed loadAfter capacity }
    rows(first: 100) { totalCount edges { node { enterprise { name } officer { name } previousOfficer { name } factors { region industry continuity language total } } } } } } }`;

  const [plan, computeMs] = await timed('computeAssignmentPlan (read, solve, store)', () => gql(COMPUTE, { input: { mode: 'UNASSIGNED' } }));
  const stats = await statsOf(url);
  const [preview, previewMs] = await timed('preview (summary, 300 officers, 100 rows)', () => gql(PREVIEW, { id: plan.computeAssignmentPlan.plan.id }));
  console.log(`${'solve + preview'.padEnd(44)} ${((computeMs + previewMs) / 1000).toFixed(2).padStart(7)} s   (target < 5 s)`);
  console.log(`  solver: ${JSON.stringify(stats)}`);
  const loads = preview.node.officers.map((o: any) => o.loadAfter);
  const mean = loads.reduce((a: number, b: number) => a + b, 0) / loads.length;
  console.log(`  feasible ${plan.computeAssignmentPlan.plan.feasible}; summary ${JSON.stringify(preview.node.summary)}; load mean ${mean.toFixed(1)}, max ${Math.max(...loads)}, min ${Math.min(...loads)}`);
  await timed('commitAssignmentPlan', () => gql(`mutation($input: CommitAssignmentPlanInput!) { commitAssignmentPlan(input: $input) { started } }`, { input: { planId: plan.computeAssignmentPlan.plan.id, version: plan.computeAssignmentPlan.plan.version } }));

  await designate(enterprises(NEW, E));
  const [replan] = await timed(`REBALANCE after ${NEW} new designations`, () => gql(COMPUTE, { input: { mode: 'REBALANCE' } }));
  const summary = (await gql(PREVIEW, { id: replan.computeAssignmentPlan.plan.id })).node.summary;
  console.log(`  re-plan: ${summary.added} added (new), ${summary.moved} existing moved, ${summary.kept} kept, ${summary.unassigned} unassigned (stability weight 20)`);
  console.log(`peak RSS of the server process (main + worker): ${peakMb().toFixed(0)} MB   (target < 500 MB)`);
  await server.stop();
}

/** The solver's figures the plan stored (stats is not in the API: it is for us). */
async function statsOf(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select stats from liaison_assignment_plan order by created_at desc limit 1')).rows[0]?.stats;
  } finally {
    await client.end();
  }
}
