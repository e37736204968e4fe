/**
 * Rollups (issue 15, docs/reporting.md "Speed"): a fact's cells, kept by statement triggers, answer
 * exactly what its rows answer. Random writes of every kind the cells depend on (enrolments made,
 * moved, cancelled and deleted; people changing employer or region; enterprises moving or resizing;
 * sessions moved; programmes retiered; yearly figures filed, corrected and withdrawn; a person
 * deleted, which cascades), with folds at random points, then each dashboard query for the national
 * admin, a provincial bureau (filtered to its own region, the rows it sees whole) and the public:
 * the answer read from the rollup equals the answer read from the rows. Also: the queries do read
 * the rollup, the database's trigger functions are what the declarations generate now, and a fold
 * changes no answer.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { createContext } from '../../src/context.js';
import type { Viewer } from '../../src/context.js';
import { statisticsService, type StatisticsRequest } from '../../src/modules/reporting/statistics.service.js';
import { foldRollups } from '../../src/modules/reporting/rollup.fold.js';
import { rollupFunctions } from '../../src/modules/reporting/rollup.sql.js';
import { reportingRegistry } from '../../src/reporting-registry.js';
import { fixedClock } from '../../src/common/clock.js';
import type { EntityManager } from '@mikro-orm/postgresql';

const TODAY = '2026-06-15';
const REGIONS = ['440000', '440300', '110000', '650000'];
const TIERS = ['SENIOR_EXECUTIVE', 'IP_MANAGER', 'IP_PRACTITIONER'];
const STATUSES = ['REQUESTED', 'BOOKED', 'COMPLETED', 'CANCELLED'];
const SIZES = ['LARGE', 'MEDIUM', 'SMALL', 'MICRO'];
const PEOPLE = 24;
const SESSIONS = 8;

const request = (r: Partial<StatisticsRequest> & Pick<StatisticsRequest, 'measures' | 'dimensions'>): StatisticsRequest => ({
  totals: 'CUBE',
  filters: [],
  having: [],
  fillEmpty: true,
  ...r,
});

/** The dashboards' queries, and the viewers who ask them. */
const QUERIES: { name: string; viewer: () => Viewer; request: StatisticsRequest }[] = [
  {
    name: 'national: enrolments and completions by tier and month',
    viewer: as.national,
    request: request({ measures: ['ENROLMENTS', 'COMPLETIONS'], dimensions: ['TRAINING_TIER', 'MONTH'], from: '2025-01-01', to: '2026-12-31' }),
  },
  {
    name: 'national: by region and status, rows with data only, with a having',
    viewer: as.national,
    request: request({ measures: ['ENROLMENTS'], dimensions: ['REGION', 'ENROLMENT_STATUS'], totals: 'ROLLUP', fillEmpty: false, having: [{ measure: 'ENROLMENTS', op: 'GTE', value: 2 }] }),
  },
  {
    name: 'national: by province and quarter',
    viewer: as.national,
    request: request({ measures: ['COMPLETIONS'], dimensions: ['PROVINCE', 'QUARTER'], from: '2025-04-01', to: '2026-09-30', totals: 'GRAND' }),
  },
  { name: 'national: no dimension', viewer: as.national, request: request({ measures: ['ENROLMENTS', 'COMPLETIONS'], dimensions: [], totals: 'NONE' }) },
  {
    name: 'national: IP figures by province and year',
    viewer: as.national,
    request: request({ measures: ['STATISTICS_REPORTS', 'INVENTION_APPLICATIONS_SUM', 'LICENSING_INCOME_SUM', 'LICENSING_INCOME_AVG', 'IP_STAFF_AVG'], dimensions: ['PROVINCE', 'YEAR'], from: '2023-01-01', to: '2026-12-31' }),
  },
  {
    name: 'Guangdong: its people’s enrolments by month',
    viewer: () => as.provincial('440000'),
    request: request({ measures: ['ENROLMENTS', 'COMPLETIONS'], dimensions: ['MONTH'], from: '2025-01-01', to: '2026-12-31', filters: [{ dimension: 'REGION', values: ['440000'] }] }),
  },
  {
    name: 'Shenzhen: its enterprises’ figures by size and year',
    viewer: () => as.provincial('440300'),
    request: request({ measures: ['STATISTICS_REPORTS', 'VALID_INVENTION_PATENTS_SUM', 'PLEDGE_FINANCING_AVG'], dimensions: ['SIZE_CLASS', 'YEAR'], from: '2024-01-01', to: '2026-12-31', filters: [{ dimension: 'REGION', values: ['440300'] }] }),
  },
];

type Op =
  | { kind: 'enrol'; person: number; session: number; status: number }
  | { kind: 'status'; pick: number; status: number }
  | { kind: 'unenrol'; pick: number }
  | { kind: 'employ'; person: number; enterprise: number | null }
  | { kind: 'reside'; person: number; region: number }
  | { kind: 'relocate'; enterprise: number; region: number; size: number }
  | { kind: 'reschedule'; session: number; month: number; region: number }
  | { kind: 'retier'; program: number; tier: number }
  | { kind: 'file'; enterprise: number; year: number; value: number }
  | { kind: 'correct'; pick: number; value: number }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'both'; person: number; enterprise: number; pick: number; status: number }
  | { kind: 'forget'; person: number }
  | { kind: 'fold' };

const n = (max: number) => fc.integer({ min: 0, max: max - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('enrol' as const), person: n(PEOPLE), session: n(SESSIONS), status: n(STATUSES.length) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('status' as const), pick: n(1000), status: n(STATUSES.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unenrol' as const), pick: n(1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('employ' as const), person: n(PEOPLE), enterprise: fc.option(n(8), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reside' as const), person: n(PEOPLE), region: n(REGIONS.length) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('relocate' as const), enterprise: n(8), region: n(REGIONS.length), size: n(SIZES.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reschedule' as const), session: n(SESSIONS), month: n(24), region: n(REGIONS.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retier' as const), program: n(TIERS.length), tier: n(TIERS.length) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('file' as const), enterprise: n(8), year: fc.integer({ min: 2022, max: 2026 }), value: n(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: n(1000), value: n(50) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pick: n(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('both' as const), person: n(PEOPLE), enterprise: n(8), pick: n(1000), status: n(STATUSES.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), person: n(PEOPLE) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fold' as const }) },
);

describe('statistics rollups', () => {
  let t: TestApp;
  const enterprises: string[] = [];
  const people: string[] = [];
  const sessions: string[] = [];
  const programs: string[] = [];
  let nextPerson = 0;

  const newPerson = async (i: number) => {
    const id = (await t.sql<{ id: string }>(`insert into person (id, created_at, updated_at, name, employer_enterprise_id, region_code, category) values (gen_random_uuid(), now(), now(), ?, ?, ?, 'IP_MANAGER') returning id`, [`学员${nextPerson++}`, i % 3 === 0 ? null : enterprises[i % enterprises.length], REGIONS[i % REGIONS.length]]))[0]!.id;
    people[i] = id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(15);
    for (let i = 0; i < 8; i++) enterprises.push((await makeEnterprise(t.orm.em, rng, { regionCode: REGIONS[i % REGIONS.length]!, sizeClass: SIZES[i % SIZES.length] as 'LARGE' })).id);
    for (let i = 0; i < PEOPLE; i++) await newPerson(i);
    for (const [i, tier] of TIERS.entries()) {
      programs.push((await t.sql<{ id: string }>(`insert into training_program (id, created_at, updated_at, title, tier, format, topics) values (gen_random_uuid(), now(), now(), ?, ?, 'MANAGEMENT_TRAINING', '[]') returning id`, [`项目${i}`, tier]))[0]!.id);
    }
    for (let s = 0; s < SESSIONS; s++) {
      const starts = `${2025 + (s % 2)}-${String(1 + ((s * 5) % 12)).padStart(2, '0')}-${String(1 + ((s * 7) % 28)).padStart(2, '0')}`;
      sessions.push(
        (await t.sql<{ id: string }>(`insert into training_session (id, created_at, updated_at, program_id, starts_on, ends_on, region_code, capacity, registration_closes_on) values (gen_random_uuid(), now(), now(), ?, ?::date, ?::date + 1, ?, 100, ?::date - 7) returning id`, [programs[s % 3], starts, starts, REGIONS[s % REGIONS.length], starts]))[0]!.id,
      );
    }
  });
  afterAll(() => t?.close());

  const contextFor = (viewer: Viewer, rollups: boolean) =>
    createContext({ em: t.orm.em, reference: t.reference, config: { ...t.config, statisticsRollups: rollups }, clock: fixedClock(TODAY) }, { viewer });

  const pick = async (table: string, i: number) => {
    const rows = await t.sql<{ id: string }>(`select id from ${table} order by id`);
    return rows.length ? rows[i % rows.length]!.id : null;
  };

  async function apply(o: Op): Promise<void> {
    switch (o.kind) {
      case 'enrol':
        await t.sql(`insert into enrolment (id, created_at, updated_at, session_id, person_id, status, priority, requested_at, requested_by, history) values (gen_random_uuid(), now(), now(), ?, ?, ?, 'NONE', now(), 'test', '[]') on conflict do nothing`, [sessions[o.session], people[o.person], STATUSES[o.status]]);
        return;
      case 'status': {
        const id = await pick('enrolment', o.pick);
        if (id) await t.sql(`update enrolment set status = ? where id = ?`, [STATUSES[o.status], id]);
        return;
      }
      case 'unenrol': {
        const id = await pick('enrolment', o.pick);
        if (id) await t.sql(`delete from enrolment where id = ?`, [id]);
        return;
      }
      case 'employ':
        await t.sql(`update person set employer_enterprise_id = ? where id = ?`, [o.enterprise === null ? null : enterprises[o.enterprise], people[o.person]]);
        return;
      case 'reside':
        await t.sql(`update person set region_code = ? where id = ?`, [REGIONS[o.region], people[o.person]]);
        return;
      case 'relocate':
        await t.sql(`update enterprise set region_code = ?, size_class = ? where id = ?`, [REGIONS[o.region], SIZES[o.size], enterprises[o.enterprise]]);
        return;
      case 'reschedule':
        await t.sql(`update training_session set starts_on = d, ends_on = d + 1, registration_closes_on = d - 7, region_code = ? from (select make_date(2025 + ?::int / 12, 1 + ?::int % 12, 15) as d) x where id = ?`, [REGIONS[o.region], o.month, o.month, sessions[o.session]]);
        return;
      case 'retier':
        await t.sql(`update training_program set tier = ? where id = ?`, [TIERS[o.tier], programs[o.program]]);
        return;
      case 'file':
        await t.sql(
          `insert into enterprise_statistics (id, created_at, updated_at, enterprise_id, year, invention_applications, valid_invention_patents, ip_staff, licensing_income, pledge_financing) values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?)
            on conflict (enterprise_id, year) do update set invention_applications = excluded.invention_applications, licensing_income = excluded.licensing_income`,
          [enterprises[o.enterprise], o.year, o.value, o.value * 3, o.value % 7, o.value * 12.37, o.value * 0.5],
        );
        return;
      case 'correct': {
        const id = await pick('enterprise_statistics', o.pick);
        if (id) await t.sql(`update enterprise_statistics set valid_invention_patents = ?, pledge_financing = ? where id = ?`, [o.value, o.value / 3, id]);
        return;
      }
      case 'withdraw': {
        const id = await pick('enterprise_statistics', o.pick);
        if (id) await t.sql(`delete from enterprise_statistics where id = ?`, [id]);
        return;
      }
      case 'both': {
        // Two tables in one transaction: each statement's change is taken against the other's state at that moment.
        const id = await pick('enrolment', o.pick);
        await t.orm.em.fork().transactional(async (em) => {
          await em.execute(`update person set employer_enterprise_id = ? where id = ?`, [enterprises[o.enterprise], people[o.person]]);
          if (id) await em.execute(`update enrolment set status = ? where id = ?`, [STATUSES[o.status], id]);
        });
        return;
      }
      case 'forget':
        // Cascades to the person's enrolments: the cells are rebuilt.
        await t.sql(`delete from person where id = ?`, [people[o.person]]);
        await newPerson(o.person);
        return;
      case 'fold':
        await foldRollups(t.orm.em);
        return;
    }
  }

  const answer = async (q: (typeof QUERIES)[number], rollups: boolean) => {
    const a = await statisticsService.statistics(contextFor(q.viewer(), rollups), q.request);
    return a.rows;
  };

  it('the dashboard queries read the rollups', async () => {
    for (const q of QUERIES) {
      const { queries } = await t.countQueries(() => answer(q, true));
      expect(queries.some((s) => /from rpt_(enrolment|enterprise_statistics) union all/.test(s)), q.name).toBe(true);
      const base = await t.countQueries(() => answer(q, false));
      expect(base.queries.some((s) => s.includes('rpt_')), q.name).toBe(false);
    }
  });

  it('a bureau without a filter to its own region, a size or industry the rollup does not keep, and a non-aligned period read the rows', async () => {
    const cases: [Viewer, StatisticsRequest][] = [
      [as.provincial('440000'), request({ measures: ['ENROLMENTS'], dimensions: ['MONTH'], from: '2025-01-01', to: '2026-12-31' })],
      [as.provincial('440000'), request({ measures: ['ENROLMENTS'], dimensions: ['MONTH'], from: '2025-01-01', to: '2026-12-31', filters: [{ dimension: 'REGION', values: ['440000', '440300'] }] })],
      [as.national(), request({ measures: ['ENROLMENTS'], dimensions: ['SIZE_CLASS'] })],
      [as.national(), request({ measures: ['ENROLMENTS'], dimensions: ['MONTH'], from: '2025-01-10', to: '2026-12-31' })],
      [as.national(), request({ measures: ['ENROLMENTS'], dimensions: ['MONTH'], from: '2025-01-01', to: '2026-12-30' })],
    ];
    for (const [viewer, r] of cases) {
      const { queries } = await t.countQueries(() => statisticsService.statistics(contextFor(viewer, true), r));
      expect(queries.some((s) => s.includes('rpt_')), JSON.stringify(r)).toBe(false);
    }
  });

  it('the rollup answers what the rows answer, after any writes and folds, for every viewer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        for (const q of QUERIES) expect(await answer(q, true), q.name).toEqual(await answer(q, false));
        const publicQuery = { measures: ['COMPLETIONS', 'ENROLMENTS'], dimensions: ['YEAR', 'TRAINING_TIER'], fromYear: 2025, toYear: 2026 };
        const [a, b] = await Promise.all([true, false].map((r) => statisticsService.publicStatistics(contextFor(as.anonymous, r), publicQuery)));
        expect(a!.rows).toEqual(b!.rows);
      }),
      { numRuns: 60 },
    );
  }, 240_000);

  it('concurrent writers to every source, folds running beside them and a rolled-back write leave the rollup equal to the rows', async () => {
    // As the mutations write: each transaction changes one kind of row (enrolments; a person's employer; an enterprise's place and size).
    const inTransaction = (fn: (em: EntityManager) => Promise<unknown>) => t.orm.em.fork().transactional(fn);
    const enrolments = Array.from({ length: 12 }, (_, w) =>
      inTransaction(async (em) => {
        for (let k = 0; k < 3; k++) {
          await em.execute(
            `insert into enrolment (id, created_at, updated_at, session_id, person_id, status, priority, requested_at, requested_by, history) values (gen_random_uuid(), now(), now(), ?, ?, ?, 'NONE', now(), 'test', '[]') on conflict do nothing`,
            [sessions[(w + k) % SESSIONS], people[(w * 3 + k) % PEOPLE], STATUSES[(w + k) % STATUSES.length]],
          );
        }
      }),
    );
    const employers = Array.from({ length: 8 }, (_, w) => inTransaction((em) => em.execute(`update person set employer_enterprise_id = ? where id = ?`, [enterprises[(w * 5) % enterprises.length], people[(w * 3 + 1) % PEOPLE]])));
    const places = Array.from({ length: 6 }, (_, w) =>
      inTransaction((em) => em.execute(`update enterprise set region_code = ?, size_class = ? where id = ?`, [REGIONS[(w + 1) % REGIONS.length], SIZES[w % SIZES.length], enterprises[w % enterprises.length]])),
    );
    const figures = Array.from({ length: 6 }, (_, w) =>
      inTransaction((em) =>
        em.execute(`insert into enterprise_statistics (id, created_at, updated_at, enterprise_id, year, invention_applications) values (gen_random_uuid(), now(), now(), ?, 2026, ?) on conflict (enterprise_id, year) do update set invention_applications = excluded.invention_applications`, [enterprises[(w * 3) % enterprises.length], w + 1]),
      ),
    );
    const folds = Array.from({ length: 6 }, () => foldRollups(t.orm.em));
    const rolledBack = inTransaction(async (em) => {
      await em.execute(`update enrolment set status = 'CANCELLED'`);
      await em.execute(`update enterprise_statistics set invention_applications = invention_applications + 100`);
      throw new Error('rolled back');
    }).catch(() => 'rolled back');
    const settled = await Promise.allSettled([...enrolments, ...employers, ...places, ...figures, ...folds, rolledBack]);
    expect(settled.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    for (const q of QUERIES) expect(await answer(q, true), q.name).toEqual(await answer(q, false));
  });

  it('a fold changes no answer, and leaves the cells a rebuild would make', async () => {
    await apply({ kind: 'enrol', person: 1, session: 2, status: 2 });
    await apply({ kind: 'relocate', enterprise: 1, region: 0, size: 0 });
    const before = await Promise.all(QUERIES.map((q) => answer(q, true)));
    expect(Number((await t.sql<{ n: string }>('select count(*) as n from rpt_enrolment_delta'))[0]!.n)).toBeGreaterThan(0);
    await foldRollups(t.orm.em);
    expect(Number((await t.sql<{ n: string }>('select count(*) as n from rpt_enrolment_delta'))[0]!.n)).toBe(0);
    expect(await Promise.all(QUERIES.map((q) => answer(q, true)))).toEqual(before);
    const cells = async (table: string) => t.sql(`select * from ${table} order by 1, 2, 3, 4`);
    const folded = [await cells('rpt_enrolment'), await cells('rpt_enterprise_statistics')];
    await t.sql('select rpt_enrolment_rebuild(), rpt_enterprise_statistics_rebuild()');
    expect([await cells('rpt_enrolment'), await cells('rpt_enterprise_statistics')]).toEqual(folded);
  });

  it('the database’s rollup functions are what the declarations generate (else: npm run rollups -- create <name>)', async () => {
    const registry = reportingRegistry();
    for (const fact of registry.facts.values()) {
      if (!fact.rollup) continue;
      for (const [name, body] of rollupFunctions(fact, registry.dimensions)) {
        const [row] = await t.sql<{ src: string }>(`select prosrc as src from pg_proc where proname = ?`, [name]);
        expect(row?.src, name).toBe(body);
      }
    }
  });
});
