/**
 * Hostile review of the statistics rollups (docs/reporting.md "Speed: rollups";
 * src/modules/reporting/rollup.sql.ts, statistics.sql.ts). The claim attacked: for every viewer,
 * `statistics` / `publicStatistics` answer the same from the rollup (config.statisticsRollups true)
 * as from the rows (false), at every committed state, under concurrent writes too; and no viewer
 * sees through the rollup rows its lists' visibility hides.
 *
 * Writes go through the real GraphQL mutations (enrol, reviewEnrolment, cancelEnrolment,
 * recordAttendance, completeTrainingSession, updatePerson, updateEnterprise,
 * setEnterpriseStatistics); only what no mutation does (moving or deleting a session, a rolled-back
 * transaction) is raw SQL. Each probe compares every query of a battery (many viewers, filters,
 * totals, bounds, two facts, AVG measures) between the two paths and lists the differing rows.
 *
 * Concurrency: two transactions are made to overlap for certain, without timing: a separate
 * connection holds the row lock of `data_version`, which every writing transaction takes at commit
 * (migrations/…_data_version.ts), so each mutation runs all its statements (and the rollup
 * triggers) and then waits to commit; once all of them wait, the lock is let go and they commit.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { insertPerson } from '../../seeds/factories.js';
import { createContext, type Viewer } from '../../src/context.js';
import { statisticsService, type StatisticsAnswer, type StatisticsRequest } from '../../src/modules/reporting/statistics.service.js';
import { foldRollups } from '../../src/modules/reporting/rollup.fold.js';
import { fixedClock } from '../../src/common/clock.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';

const TODAY = '2026-03-01';
const GD = '440000';
const SZ = '440300';
const BJ = '110000';
const XJ = '650000';

const ENROL = `mutation($s: ID!, $p: ID!) { enrol(input: { sessionId: $s, personId: $p }) { enrolment { id status } } }`;
const REVIEW = `mutation($id: ID!, $ok: Boolean!) { reviewEnrolment(input: { id: $id, approve: $ok, note: "审核" }) { enrolment { id status } } }`;
const CANCEL = `mutation($id: ID!) { cancelEnrolment(input: { id: $id, note: "冲突" }) { enrolment { id status } } }`;
const UPDATE_PERSON = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }`;
const UPDATE_ENTERPRISE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id } } }`;
const SET_STATISTICS = `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { created } }`;
const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { day } }`;
const COMPLETE = `mutation($s: ID!) { completeTrainingSession(input: { sessionId: $s }) { completed } }`;

const req = (r: Partial<StatisticsRequest> & Pick<StatisticsRequest, 'measures' | 'dimensions'>): StatisticsRequest => ({
  totals: 'CUBE',
  filters: [],
  having: [],
  fillEmpty: true,
  ...r,
});

const E = ['ENROLMENTS', 'COMPLETIONS'];
const FIG = ['STATISTICS_REPORTS', 'LICENSING_INCOME_SUM', 'LICENSING_INCOME_AVG', 'PLEDGE_FINANCING_AVG', 'IP_STAFF_AVG', 'INVENTION_APPLICATIONS_AVG'];

/** The queries asked by each viewer; `own` is the viewer's jurisdiction (Guangdong for viewers without one). */
function battery(own: string): { name: string; request: StatisticsRequest }[] {
  const other = own === BJ ? GD : BJ;
  const region = (values: string[]) => [{ dimension: 'REGION', values }];
  return [
    { name: 'region x status CUBE', request: req({ measures: E, dimensions: ['REGION', 'ENROLMENT_STATUS'] }) },
    { name: 'tier x month', request: req({ measures: E, dimensions: ['TRAINING_TIER', 'MONTH'], from: '2026-01-01', to: '2026-12-31' }) },
    { name: 'province x quarter GRAND', request: req({ measures: ['COMPLETIONS'], dimensions: ['PROVINCE', 'QUARTER'], from: '2026-01-01', to: '2026-12-31', totals: 'GRAND' }) },
    { name: 'year', request: req({ measures: E, dimensions: ['YEAR'], from: '2025-01-01', to: '2027-12-31' }) },
    { name: 'month, from mid-month', request: req({ measures: E, dimensions: ['MONTH'], from: '2026-03-15', to: '2026-12-31' }) },
    { name: 'month, to not a month end', request: req({ measures: E, dimensions: ['MONTH'], from: '2026-01-01', to: '2026-04-11' }) },
    { name: 'no dimension NONE', request: req({ measures: E, dimensions: [], totals: 'NONE' }) },
    { name: 'no dimension GRAND', request: req({ measures: E, dimensions: [], totals: 'GRAND' }) },
    { name: 'region x tier ROLLUP, fillEmpty false, having', request: req({ measures: E, dimensions: ['REGION', 'TRAINING_TIER'], totals: 'ROLLUP', fillEmpty: false, having: [{ measure: 'ENROLMENTS', op: 'GTE', value: 1 }] }) },
    { name: 'status NONE fillEmpty false', request: req({ measures: E, dimensions: ['ENROLMENT_STATUS'], totals: 'NONE', fillEmpty: false }) },
    { name: 'own region, month', request: req({ measures: E, dimensions: ['MONTH', 'ENROLMENT_STATUS'], from: '2026-01-01', to: '2026-12-31', filters: region([own]) }) },
    { name: 'own region, no dimension', request: req({ measures: E, dimensions: [], totals: 'NONE', filters: region([own]) }) },
    { name: 'own region and __none__', request: req({ measures: E, dimensions: ['REGION'], filters: region([own, '__none__']) }) },
    { name: 'other region', request: req({ measures: E, dimensions: ['ENROLMENT_STATUS'], filters: region([other]) }) },
    { name: 'own and other region', request: req({ measures: E, dimensions: ['REGION'], filters: region([own, other]) }) },
    { name: 'province 440000', request: req({ measures: E, dimensions: ['REGION'], filters: [{ dimension: 'PROVINCE', values: [GD] }] }) },
    { name: 'own region + province 440000', request: req({ measures: E, dimensions: ['PROVINCE'], filters: [...region([own]), { dimension: 'PROVINCE', values: [GD] }] }) },
    { name: 'own region, asOf in the past', request: req({ measures: E, dimensions: ['TRAINING_TIER'], filters: region([own]), asOf: '2020-01-01' }) },
    { name: 'own region, status filter', request: req({ measures: ['ENROLMENTS'], dimensions: ['TRAINING_TIER'], filters: [...region([own]), { dimension: 'ENROLMENT_STATUS', values: ['COMPLETED', 'BOOKED'] }] }) },
    { name: 'size class (not kept)', request: req({ measures: E, dimensions: ['SIZE_CLASS'] }) },
    { name: 'two facts with rollups', request: req({ measures: ['ENROLMENTS', 'STATISTICS_REPORTS'], dimensions: ['REGION'] }) },
    { name: 'two facts, own region', request: req({ measures: ['COMPLETIONS', 'LICENSING_INCOME_SUM'], dimensions: ['PROVINCE'], filters: region([own]) }) },
    { name: 'rollup fact + fact without rollup', request: req({ measures: ['ENROLMENTS', 'ENTERPRISES'], dimensions: ['REGION'], totals: 'GRAND' }) },
    { name: 'figures region x size x year', request: req({ measures: FIG, dimensions: ['REGION', 'SIZE_CLASS', 'YEAR'], from: '2023-01-01', to: '2026-12-31' }) },
    { name: 'figures own region, size x year, odd bounds', request: req({ measures: FIG, dimensions: ['SIZE_CLASS', 'YEAR'], from: '2024-07-09', to: '2026-02-02', filters: region([own]) }) },
    { name: 'figures, no dimension', request: req({ measures: FIG, dimensions: [], totals: 'NONE' }) },
    { name: 'figures, having on an average', request: req({ measures: FIG, dimensions: ['REGION', 'SIZE_CLASS'], totals: 'CUBE', having: [{ measure: 'LICENSING_INCOME_AVG', op: 'GT', value: 0.01 }] }) },
    { name: 'only from, a month start', request: req({ measures: E, dimensions: ['TRAINING_TIER'], from: '2026-05-01' }) },
    { name: 'only to, a month end', request: req({ measures: E, dimensions: ['TRAINING_TIER'], to: '2026-04-30' }) },
    { name: 'quarter from a month inside a quarter', request: req({ measures: E, dimensions: ['QUARTER'], from: '2026-02-01', to: '2026-05-31' }) },
    { name: 'year from April, to a leap day', request: req({ measures: E, dimensions: ['YEAR'], from: '2024-04-01', to: '2028-02-29' }) },
    { name: 'having LT with empty groups filled', request: req({ measures: E, dimensions: ['REGION', 'TRAINING_TIER'], having: [{ measure: 'ENROLMENTS', op: 'LT', value: 1 }] }) },
    { name: 'having EQ, fillEmpty false, own region', request: req({ measures: E, dimensions: ['ENROLMENT_STATUS'], fillEmpty: false, having: [{ measure: 'COMPLETIONS', op: 'EQ', value: 0 }], filters: region([own]) }) },
    { name: 'figures by month (refused both ways)', request: req({ measures: FIG, dimensions: ['MONTH'], from: '2026-01-01', to: '2026-12-31' }) },
  ];
}

type Rows = StatisticsAnswer['rows'];
const line = (r: Rows[number]) => `${r.keys.map((k) => (k.isTotal ? '*' : k.value)).join('|')} => ${r.values.map((v) => v.value).join(',')}`;

/** The rows present in one answer and not the other, both ways ([] when equal, order included). */
function diff(name: string, fromRollup: Rows | string, fromRows: Rows | string): string[] {
  if (typeof fromRollup === 'string' || typeof fromRows === 'string') return fromRollup === fromRows ? [] : [`${name}: rollup ${JSON.stringify(fromRollup).slice(0, 200)} / rows ${JSON.stringify(fromRows).slice(0, 200)}`];
  const a = fromRollup.map(line);
  const b = fromRows.map(line);
  if (a.join('\n') === b.join('\n')) return [];
  const onlyA = a.filter((x) => !b.includes(x));
  const onlyB = b.filter((x) => !a.includes(x));
  return [`${name}: rollup-only [${onlyA.join('; ')}] rows-only [${onlyB.join('; ')}]${onlyA.length + onlyB.length === 0 ? ' (order differs)' : ''}`];
}

describe('review: statistics rollups', () => {
  let t: TestApp;
  let url: string;
  const ent: Record<string, string> = {};
  const people: Record<string, string> = {};
  const sessions: Record<string, string> = {};
  const enrolments: Record<string, string> = {};
  let organization: string;

  const gid = (type: string, id: string) => toGlobalId(type, id);
  const contextFor = (viewer: Viewer, rollups: boolean) =>
    createContext({ em: t.orm.em, reference: t.reference, config: { ...t.config, statisticsRollups: rollups }, clock: fixedClock(TODAY) }, { viewer });

  const viewers = (): { name: string; viewer: Viewer; own: string }[] => [
    { name: 'national', viewer: as.national(), own: GD },
    { name: 'GD bureau', viewer: as.provincial(GD), own: GD },
    { name: 'SZ bureau', viewer: as.provincial(SZ), own: SZ },
    { name: 'BJ bureau', viewer: as.provincial(BJ), own: BJ },
    { name: 'XJ bureau', viewer: as.provincial(XJ), own: XJ },
    { name: 'enterprise user', viewer: as.enterprise(ent.gd!), own: GD },
    { name: 'expert', viewer: as.user('EXPERT', { personId: people.a }), own: GD },
    { name: 'service provider', viewer: as.user('SERVICE_PROVIDER', { organizationId: organization }), own: GD },
  ];

  const ask = async (viewer: Viewer, request: StatisticsRequest, rollups: boolean): Promise<Rows | string> => {
    try {
      return (await statisticsService.statistics(contextFor(viewer, rollups), request)).rows;
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };

  /** Every viewer's every query, and the public tables, from the rollup and from the rows: the differences. */
  async function mismatches(only?: (v: string) => boolean): Promise<string[]> {
    t.forgetCaches();
    const out: string[] = [];
    for (const v of viewers()) {
      if (only && !only(v.name)) continue;
      for (const q of battery(v.own)) {
        const [a, b] = [await ask(v.viewer, q.request, true), await ask(v.viewer, q.request, false)];
        out.push(...diff(`${v.name} / ${q.name}`, a, b));
      }
    }
    for (const dims of [['YEAR', 'TRAINING_TIER'], ['YEAR', 'REGION'], ['YEAR']]) {
      const query = { measures: ['COMPLETIONS', 'ENROLMENTS'], dimensions: dims, fromYear: 2025, toYear: 2026 };
      const [a, b] = await Promise.all([true, false].map((r) => statisticsService.publicStatistics(contextFor(as.anonymous, r), query)));
      out.push(...diff(`public / ${dims.join(' x ')}`, a!.rows, b!.rows));
      if (JSON.stringify(a!.unsuppressed) !== JSON.stringify(b!.unsuppressed)) out.push(`public / ${dims.join(' x ')}: unsuppressed differ`);
    }
    return out;
  }

  const version = async (table: string, id: string) => (await t.sql<{ version: number }>(`select version from ${table} where id = ?`, [id]))[0]!.version;
  const employ = async (person: string, enterprise: string | null) =>
    t.ok(UPDATE_PERSON, { input: { id: gid('Person', people[person]!), version: await version('person', people[person]!), employerEnterpriseId: enterprise ? gid('Enterprise', enterprise) : null } });
  const moveEnterprise = async (key: string, change: { regionCode?: string; sizeClass?: string }) =>
    t.ok(UPDATE_ENTERPRISE, { input: { id: gid('Enterprise', ent[key]!), version: await version('enterprise', ent[key]!), ...change } });
  const enrol = async (person: string, session: string, viewer?: Viewer) => {
    const r = await t.ok(ENROL, { s: gid('TrainingSession', sessions[session]!), p: gid('Person', people[person]!) }, viewer);
    enrolments[`${person}@${session}`] = r.enrol.enrolment.id;
    return r.enrol.enrolment;
  };
  const file = async (key: string, year: number, figures: Record<string, number>, v?: number) =>
    t.ok(SET_STATISTICS, { input: { enterpriseId: gid('Enterprise', ent[key]!), year, ...(v ? { version: v } : {}), ...figures } });

  /** Puts the cells back to what the rows say (after a probe that broke them), so that the next probe starts exact. */
  const rebuild = () => t.sql('select rpt_enrolment_rebuild(), rpt_enterprise_statistics_rebuild()');

  /**
   * Runs the operations in overlapping transactions: each runs all its statements and then waits
   * at commit on data_version's row lock, held by another connection; once every one waits (or has
   * failed), the lock goes and they commit.
   */
  async function overlapping(ops: (() => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]> {
    const holder = new pg.Client({ connectionString: url });
    // Polled on a connection of its own: pg_stat_activity is read once per transaction.
    const watcher = new pg.Client({ connectionString: url });
    await holder.connect();
    await watcher.connect();
    try {
      await holder.query('begin');
      await holder.query('update data_version set version = version where id = 1');
      let settled = 0;
      const running = ops.map((op) =>
        op().then(
          (value): PromiseSettledResult<unknown> => ({ status: 'fulfilled', value }),
          (reason): PromiseSettledResult<unknown> => ({ status: 'rejected', reason }),
        ).finally(() => settled++),
      );
      for (let i = 0; ; i++) {
        const { rows } = await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and wait_event_type = 'Lock' and pid <> $1`,
          [(holder as unknown as { processID: number }).processID],
        );
        if (rows[0]!.n + settled >= ops.length) break;
        if (i > 3000) throw new Error(`overlapping: only ${rows[0]!.n} of ${ops.length} transactions reached their commit`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await holder.query('rollback');
      return await Promise.all(running);
    } finally {
      await holder.end();
      await watcher.end();
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    url = t.orm.config.get('clientUrl')!;
    const rng = randomFor(2026);
    ent.gd = (await makeEnterprise(t.orm.em, rng, { regionCode: GD, sizeClass: 'LARGE' })).id;
    ent.sz = (await makeEnterprise(t.orm.em, rng, { regionCode: SZ, sizeClass: 'SMALL' })).id;
    ent.bj = (await makeEnterprise(t.orm.em, rng, { regionCode: BJ, sizeClass: 'MEDIUM' })).id;
    ent.xj = (await makeEnterprise(t.orm.em, rng, { regionCode: XJ, sizeClass: 'MICRO' })).id;
    ent.gd2 = (await makeEnterprise(t.orm.em, rng, { regionCode: GD, sizeClass: 'MICRO' })).id;
    organization = randomUUID();
    const manager = (await t.ok(`mutation { createTrainingProgram(input: { title: "管理", tier: IP_MANAGER, format: MANAGEMENT_TRAINING }) { program { id } } }`)).createTrainingProgram.program.id;
    const practice = (await t.ok(`mutation { createTrainingProgram(input: { title: "实务", tier: IP_PRACTITIONER, format: INDUSTRY_PRACTICE }) { program { id } } }`)).createTrainingProgram.program.id;
    const session = async (program: string, startsOn: string, endsOn: string, regionCode: string, approvalRequired = false) =>
      (
        await t.ok(
          `mutation($p: ID!, $s: Date!, $e: Date!, $r: RegionCode!, $a: Boolean) { createTrainingSession(input: { programId: $p, startsOn: $s, endsOn: $e, capacity: 3, registrationClosesOn: "2026-03-10", regionCode: $r, approvalRequired: $a, place: "会场" }) { session { id } } }`,
          { p: program, s: startsOn, e: endsOn, r: regionCode, a: approvalRequired },
        )
      ).createTrainingSession.session.id as string;
    // Global ids kept raw: sessions by their database id for SQL, converted for GraphQL.
    const raw = (g: string) => fromGlobalId(g)!.key;
    sessions.gdApr = raw(await session(manager, '2026-04-01', '2026-04-03', GD));
    sessions.bjMay = raw(await session(manager, '2026-05-31', '2026-06-02', BJ, true));
    sessions.szMar = raw(await session(practice, '2026-03-30', '2026-03-31', SZ));
    sessions.xjJun = raw(await session(manager, '2026-06-30', '2026-06-30', XJ));
    // Deleted by a probe below.
    sessions.bjDoomed = raw(await session(manager, '2026-05-04', '2026-05-05', BJ));
    const person = async (key: string, employer: string | null, regionCode: string | null, category = 'IP_MANAGER') => {
      people[key] = await insertPerson(t.orm.em, { name: `人员${key}`, employerEnterpriseId: employer, regionCode, category: category as 'IP_MANAGER' });
    };
    await person('a', ent.gd!, null);
    await person('b', ent.sz!, GD);
    await person('c', ent.bj!, XJ);
    await person('d', null, GD);
    await person('e', null, null);
    await person('f', ent.xj!, null);
    await person('g', ent.gd2!, BJ);
    await person('h', ent.gd!, null);
    await person('pa', ent.sz!, null, 'IP_PRACTITIONER');
    await person('pb', null, BJ, 'IP_PRACTITIONER');
    for (const p of ['pa', 'pb']) await enrol(p, 'szMar');
    for (const p of ['a', 'b', 'c', 'd']) await enrol(p, 'gdApr');
    // The Beijing session needs approval: enrolled by the employers (not its host), they wait for review.
    await enrol('e', 'bjMay');
    await enrol('f', 'bjMay', as.enterprise(ent.xj!));
    await enrol('g', 'bjMay', as.enterprise(ent.gd2!));
    await enrol('a', 'bjMay', as.enterprise(ent.gd!));
    for (const p of ['h', 'c']) await enrol(p, 'xjJun');
    for (const p of ['a', 'c']) await enrol(p, 'bjDoomed');
    await file('gd', 2025, { inventionApplications: 7, ipStaff: 3, licensingIncome: 0.01, pledgeFinancing: 333333333333.33 });
    await file('gd2', 2025, { inventionApplications: 1, ipStaff: 1, licensingIncome: 0.02, pledgeFinancing: 0.01 });
    await file('sz', 2025, { inventionApplications: 2, ipStaff: 2, licensingIncome: 0.02, pledgeFinancing: 999999999999.99 });
    await file('bj', 2024, { inventionApplications: 5, ipStaff: 7, licensingIncome: 12345.67, pledgeFinancing: 0.07 });
    await file('xj', 2026, { inventionApplications: 0, ipStaff: 0, licensingIncome: 0, pledgeFinancing: 0 });
  }, 60_000);
  afterAll(() => t?.close());

  it('sanity: the national bureau, a bureau filtered to its own region and the public do read the rollups; the others do not', async () => {
    const reads = async (viewer: Viewer, r: StatisticsRequest) => (await t.countQueries(() => statisticsService.statistics(contextFor(viewer, true), r))).queries.some((s) => s.includes('from rpt_'));
    expect(await reads(as.national(), battery(GD)[0]!.request)).toBe(true);
    expect(await reads(as.provincial(GD), battery(GD)[10]!.request)).toBe(true);
    expect(await reads(as.provincial(SZ), battery(SZ)[24]!.request)).toBe(true);
    expect(await reads(as.provincial(GD), battery(GD)[13]!.request)).toBe(false);
    expect(await reads(as.enterprise(ent.gd!), battery(GD)[10]!.request)).toBe(false);
    expect(await reads(as.user('EXPERT', { personId: people.a }), battery(GD)[0]!.request)).toBe(false);
    expect(await mismatches()).toEqual([]);
  });

  it('sequential writes through the mutations (review, cancel, employer, residence, enterprise region and size, figures, session moved, attendance and completion, folds): equal after each', async () => {
    const steps: [string, () => Promise<unknown>][] = [
      ['approve a requested enrolment', () => t.ok(REVIEW, { id: enrolments['g@bjMay'], ok: true })],
      ['decline one', () => t.ok(REVIEW, { id: enrolments['f@bjMay'], ok: false })],
      ['cancel a booked one (the waitlist moves up)', () => t.ok(CANCEL, { id: enrolments['b@gdApr'] })],
      ['fold', () => foldRollups(t.orm.em)],
      ['person a changes employer GD -> BJ', () => employ('a', ent.bj!)],
      ['person d gets an employer in XJ', () => employ('d', ent.xj!)],
      ['person g loses its employer (falls back to its own region BJ)', () => employ('g', null)],
      ['person e gets a residence (was __none__)', async () => t.ok(UPDATE_PERSON, { input: { id: gid('Person', people.e!), version: await version('person', people.e!), regionCode: SZ } })],
      ['enterprise sz moves to XJ and becomes LARGE', () => moveEnterprise('sz', { regionCode: XJ, sizeClass: 'LARGE' })],
      ['enterprise gd becomes MICRO', () => moveEnterprise('gd', { sizeClass: 'MICRO' })],
      ['figures corrected', async () => file('gd', 2025, { licensingIncome: 0.05, ipStaff: 4 }, (await t.sql<{ version: number }>(`select version from enterprise_statistics where enterprise_id = ? and year = 2025`, [ent.gd]))[0]!.version)],
      ['figures filed', () => file('gd2', 2024, { licensingIncome: 1.11, pledgeFinancing: 2.22, ipStaff: 1 })],
      ['fold', () => foldRollups(t.orm.em)],
      ['session moved to another month and region (SQL: no mutation moves a session)', () => t.sql(`update training_session set starts_on = '2026-07-01', ends_on = '2026-07-01', region_code = ? where id = ?`, [BJ, sessions.xjJun])],
      ['enterprise sz moves back to SZ', () => moveEnterprise('sz', { regionCode: SZ })],
    ];
    const failures: string[] = [];
    for (const [name, step] of steps) {
      await step();
      for (const m of await mismatches()) failures.push(`after "${name}": ${m}`);
    }
    // Attendance and completion of the Guangdong session.
    t.setToday('2026-04-03');
    for (const day of ['2026-04-01', '2026-04-02', '2026-04-03']) {
      await t.ok(ATTEND, { input: { sessionId: gid('TrainingSession', sessions.gdApr!), day, presentPersonIds: [gid('Person', people.a!), ...(day < '2026-04-03' ? [gid('Person', people.c!)] : [])] } });
    }
    t.setToday('2026-04-04');
    await t.ok(COMPLETE, { s: gid('TrainingSession', sessions.gdApr!) });
    t.setToday(TODAY);
    for (const m of await mismatches()) failures.push(`after completion: ${m}`);
    expect(failures).toEqual([]);
  }, 60_000);

  it('a rolled-back transaction and a session deleted (cascade) in a transaction that also inserts enrolments leave the answers equal', async () => {
    await t.orm.em
      .fork()
      .transactional(async (em) => {
        await em.execute(`update enrolment set status = 'COMPLETED'`);
        await em.execute(`update person set employer_enterprise_id = ?`, [ent.xj]);
        await em.execute(`update enterprise_statistics set licensing_income = licensing_income + 0.01`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await mismatches((v) => v === 'national' || v === 'GD bureau')).toEqual([]);
    await t.orm.em.fork().transactional(async (em) => {
      await em.execute(
        `insert into enrolment (id, created_at, updated_at, session_id, person_id, status, priority, requested_at, requested_by, history) values (gen_random_uuid(), now(), now(), ?, ?, 'BOOKED', 'NONE', now(), 'test', '[]'), (gen_random_uuid(), now(), now(), ?, ?, 'COMPLETED', 'NONE', now(), 'test', '[]')`,
        [sessions.szMar, people.e, sessions.xjJun, people.e],
      );
      await em.execute(`update person set employer_enterprise_id = ? where id = ?`, [ent.gd2, people.e]);
      await em.execute(`delete from training_session where id = ?`, [sessions.szMar]);
      await em.execute(`insert into enrolment (id, created_at, updated_at, session_id, person_id, status, priority, requested_at, requested_by, history) values (gen_random_uuid(), now(), now(), ?, ?, 'BOOKED', 'NONE', now(), 'test', '[]')`, [sessions.gdApr, people.e]);
    });
    expect(await mismatches()).toEqual([]);
  }, 30_000);

  it('AVG measures agree to the last bit with odd amounts (cents, 1/3s, amounts near the cap)', async () => {
    const amounts = [0.01, 0.02, 0.02, 333333333333.33, 999999999999.99, 0.07, 1.01, 2.03];
    for (const [i, key] of ['gd', 'gd2', 'sz', 'bj', 'xj', 'gd', 'gd2', 'sz'].entries()) {
      const year = 2020 + (i % 3);
      await file(key, year, { licensingIncome: amounts[i]!, pledgeFinancing: amounts[(i + 3) % amounts.length]!, ipStaff: i * 7 + 1, inventionApplications: (i * 13) % 5 });
    }
    await foldRollups(t.orm.em);
    const q = req({ measures: FIG, dimensions: ['REGION', 'YEAR'], from: '2020-01-01', to: '2026-12-31' });
    const a = await ask(as.national(), q, true);
    const b = await ask(as.national(), q, false);
    expect(diff('AVG by region x year', a, b)).toEqual([]);
    expect(await mismatches((v) => v === 'national' || v.endsWith('bureau'))).toEqual([]);
  }, 30_000);

  // --- Concurrency: the rollup triggers compute each statement's change against what that transaction sees of the other tables.

  it('CONCURRENT enrol || the person changes employer (two mutations, overlapping): equal, and no bureau sees another region’s enrolment', async () => {
    await rebuild();
    await employ('h', ent.gd!);
    const results = await overlapping([() => enrol('h', 'gdApr'), () => employ('h', ent.bj!)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    // Person h now works in Beijing: its Guangdong-session enrolment is Beijing's (the Guangdong bureau sees it only as the session's host, not by the region filter).
    const gdOwn = req({ measures: ['ENROLMENTS'], dimensions: [], totals: 'NONE', filters: [{ dimension: 'REGION', values: [GD] }] });
    const leak = diff('GD bureau, filter REGION 440000', await ask(as.provincial(GD), gdOwn, true), await ask(as.provincial(GD), gdOwn, false));
    const all = await mismatches((v) => v === 'national' || v === 'GD bureau' || v === 'BJ bureau');
    await rebuild();
    expect([...leak, ...all]).toEqual([]);
  }, 30_000);

  it('CONCURRENT an enrolment cancelled || the person changes employer: equal', async () => {
    await rebuild();
    const results = await overlapping([() => t.ok(CANCEL, { id: enrolments['c@xjJun'] }), () => employ('c', ent.gd!)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const all = await mismatches((v) => v === 'national' || v === 'GD bureau' || v === 'BJ bureau');
    await rebuild();
    expect(all).toEqual([]);
  }, 30_000);

  it('CONCURRENT yearly figures filed || the enterprise moved to another region and resized: equal', async () => {
    await rebuild();
    const results = await overlapping([() => file('gd2', 2023, { licensingIncome: 5.55, ipStaff: 9, inventionApplications: 4 }), () => moveEnterprise('gd2', { regionCode: BJ, sizeClass: 'LARGE' })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const all = await mismatches((v) => v === 'national' || v === 'GD bureau' || v === 'BJ bureau');
    await rebuild();
    expect(all).toEqual([]);
  }, 30_000);

  it('CONCURRENT a person joins an enterprise || that enterprise moves region: equal', async () => {
    await rebuild();
    const results = await overlapping([() => employ('d', ent.sz!), () => moveEnterprise('sz', { regionCode: XJ })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const all = await mismatches((v) => v === 'national' || v === 'SZ bureau' || v === 'XJ bureau');
    await rebuild();
    expect(all).toEqual([]);
  }, 30_000);

  it('CONCURRENT a session deleted (cascade, rebuild at commit) || a person of that session changes employer (SQL: no mutation deletes a session)', async () => {
    await rebuild();
    const one = new pg.Client({ connectionString: url });
    const two = new pg.Client({ connectionString: url });
    await one.connect();
    await two.connect();
    try {
      await one.query('begin');
      await two.query('begin');
      await one.query('delete from training_session where id = $1', [sessions.bjDoomed]);
      await two.query('update person set employer_enterprise_id = $1 where id = $2', [ent.xj, people.a]);
      // The rebuild at one's commit waits for two's change (its delta); both commit, or PostgreSQL breaks
      // a deadlock (40P01) by rolling one back: either way the cells must equal the rows.
      const settled = await Promise.allSettled([one.query('commit'), two.query('commit')]);
      for (const r of settled) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('40P01');
    } finally {
      await one.end();
      await two.end();
    }
    const all = await mismatches((v) => v === 'national' || v === 'XJ bureau' || v === 'BJ bureau');
    await rebuild();
    expect(all).toEqual([]);
  }, 30_000);

  it('CONCURRENT, not forced: enrolments and employer changes sent at the same time, 24 times', async () => {
    await rebuild();
    await t.sql(`update training_session set registration_closes_on = '2026-12-31'`);
    for (let i = 0; i < 24; i++) {
      const key = `r${i}`;
      people[key] = await insertPerson(t.orm.em, { name: `人员${key}`, employerEnterpriseId: ent.gd!, category: 'IP_MANAGER' });
      await Promise.all([enrol(key, ['gdApr', 'bjMay', 'xjJun'][i % 3]!), employ(key, ent.bj!)]);
    }
    const all = await mismatches((v) => v === 'national');
    await rebuild();
    expect(all).toEqual([]);
  }, 30_000);

  it('CONCURRENT many writers (enrolments, people moved between employers, enterprises resized) with folds beside them: equal', async () => {
    await rebuild();
    await t.sql(`update training_session set registration_closes_on = '2026-12-31'`);
    const ops: (() => Promise<unknown>)[] = [
      () => enrol('g', 'xjJun'),
      () => enrol('d', 'bjMay'),
      () => employ('g', ent.xj!),
      () => employ('d', ent.bj!),
      () => moveEnterprise('bj', { sizeClass: 'MICRO', regionCode: SZ }),
      () => t.ok(CANCEL, { id: enrolments['e@bjMay'] }),
      () => foldRollups(t.orm.em),
    ];
    const results = await overlapping(ops);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 300))).toEqual([]);
    await foldRollups(t.orm.em);
    const all = await mismatches((v) => v === 'national' || v.endsWith('bureau'));
    await rebuild();
    expect(all).toEqual([]);
  }, 30_000);
});
