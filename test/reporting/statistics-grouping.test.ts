/**
 * statistics (issue 15): how rows are grouped and totalled. Roll-ups of jurisdictions into provinces
 * (separately planned cities, the XPCC), calendar buckets in Asia/Shanghai with empty buckets
 * filled, `having` on the finest rows only, several facts side by side without fan-out, CUBE /
 * NONE / GRAND, statuses as of a date, averages that are averages at every level, one statement
 * per query and the answer cache. Each test uses jurisdictions of its own (and filters on them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { insertEnrolment, insertPerson, insertProgram, insertSession } from '../../seeds/factories.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';

const TODAY = '2026-06-15';
const STATS = `query($q: StatisticsQuery!) {
  statistics(query: $q) { asOf from to dataVersion rows { isTotal keys { dimension value label isTotal } values { measure value } } }
}`;

interface Row {
  isTotal: boolean;
  keys: { dimension: string; value: string | null; label: string; isTotal: boolean }[];
  values: { measure: string; value: number | null }[];
}
type Size = 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';

/** A row as [key values (null for a total)..., measure values...]: short to compare. */
const flat = (r: Row) => [...r.keys.map((k) => (k.isTotal ? null : k.value)), ...r.values.map((v) => v.value)];

describe('statistics: grouping, totals and time', () => {
  let t: TestApp;
  const rng = randomFor(1516);
  const enterprise = (regionCode: string, sizeClass: Size = 'MEDIUM') => makeEnterprise(t.orm.em, rng, { regionCode, sizeClass });
  const rows = async (q: Record<string, unknown>): Promise<Row[]> => (await t.ok<{ statistics: { rows: Row[] } }>(STATS, { q })).statistics.rows;
  let drill: Enterprise;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    // Roll-ups and averages: 440000 ×2, 440300 ×1, 650000 ×1, 660000 ×3; invention applications in 2025.
    const [gd1, gd2] = [await enterprise('440000'), await enterprise('440000')];
    const sz = await enterprise('440300');
    await enterprise('650000');
    const xp = await enterprise('660000');
    await enterprise('660000');
    await enterprise('660000');
    for (const [e, n] of [[gd1, 10], [gd2, 20], [sz, 60], [xp, 90]] as const) await makeStatistics(t.orm.em, e, { year: 2025, inventionApplications: n });
    // CUBE: 320000 LARGE ×2, SMALL; 330000 SMALL, MICRO.
    for (const [r, s] of [['320000', 'LARGE'], ['320000', 'LARGE'], ['320000', 'SMALL'], ['330000', 'SMALL'], ['330000', 'MICRO']] as const) await enterprise(r, s);
    // Drill-across: one enterprise in 510000 with 3 designations, 2 yearly reports and 2 enrolments of its staff.
    drill = await enterprise('510000');
    for (const [year, level] of [[2019, 'ADVANTAGE'], [2022, 'ADVANTAGE'], [2025, 'DEMONSTRATION']] as const) {
      await makeDesignation(t.orm.em, drill, { level, status: 'ACTIVE', batchYear: year, validFrom: `${year}-12-01`, validUntil: `${year + 3}-11-30` });
    }
    for (const year of [2024, 2025]) await makeStatistics(t.orm.em, drill, { year, inventionApplications: 7 });
    const program = await insertProgram(t.orm.em, { title: '知识产权管理实务', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' });
    const session = await insertSession(t.orm.em, { programId: program, startsOn: '2026-05-10', endsOn: '2026-05-11', capacity: 30, registrationClosesOn: '2026-05-01' });
    for (const name of ['员工甲', '员工乙']) {
      const person = await insertPerson(t.orm.em, { name, employerEnterpriseId: drill.id, category: 'IP_MANAGER' });
      await insertEnrolment(t.orm.em, { sessionId: session, personId: person, statuses: ['BOOKED'], priority: 'DEMONSTRATION', requestedAt: new Date('2026-04-01T02:00:00Z'), requestedBy: 'x' });
    }
  });
  afterAll(() => t.close());

  it('ROLLUP over [PROVINCE, REGION]: Shenzhen under Guangdong, the XPCC under Xinjiang, each province’s subtotal after its jurisdictions, the grand total last', async () => {
    const result = await rows({ measures: ['ENTERPRISES'], dimensions: ['PROVINCE', 'REGION'] });
    const [{ regions, provinces, enterprises }] = await t.sql<{ regions: number; provinces: number; enterprises: number }>(
      `select count(*)::int as regions, count(*) filter (where parent_code is null)::int as provinces, (select count(*)::int from enterprise) as enterprises from region`,
    );
    // Every jurisdiction (empty ones with 0), one subtotal per province, one grand total.
    expect(result.filter((r) => !r.isTotal)).toHaveLength(regions);
    expect(result.filter((r) => r.keys[1]!.isTotal && !r.keys[0]!.isTotal)).toHaveLength(provinces);
    expect(result.at(-1)!.keys.every((k) => k.isTotal)).toBe(true);
    expect(result.filter((r) => r.keys[0]!.isTotal)).toHaveLength(1);
    expect(result.at(-1)!.values[0]!.value).toBe(enterprises);

    const guangdong = result.filter((r) => r.keys[0]!.value === '440000');
    expect(guangdong.map(flat)).toEqual([
      ['440000', '440000', 2],
      ['440000', '440300', 1],
      ['440000', null, 3],
    ]);
    expect(guangdong[2]!.keys[0]!.label).toBe('广东省（含深圳）');
    expect(guangdong[1]!.keys[1]!.label).toBe('深圳市');
    expect(result.filter((r) => r.keys[0]!.value === '650000').map(flat)).toEqual([
      ['650000', '650000', 1],
      ['650000', '660000', 3],
      ['650000', null, 4],
    ]);
    // A jurisdiction never appears outside its province, and subtotals come right after their group.
    const province = new Map((await t.sql<{ code: string; province: string }>(`select code, coalesce(parent_code, code) as province from region`)).map((r) => [r.code, r.province]));
    for (const r of result.filter((x) => !x.isTotal)) expect([r.keys[1]!.value, r.keys[0]!.value]).toEqual([r.keys[1]!.value, province.get(r.keys[1]!.value!)]);
    const subtotals = result.filter((r) => r.keys[1]!.isTotal && !r.keys[0]!.isTotal);
    expect(subtotals.reduce((n, r) => n + r.values[0]!.value!, 0)).toBe(enterprises);
    for (const s of subtotals) {
      const i = result.indexOf(s);
      expect(result[i - 1]!.keys[0]!.value).toBe(s.keys[0]!.value);
      expect(result[i + 1]!.keys[0]!.value).not.toBe(s.keys[0]!.value);
    }
  });

  describe('time buckets in Asia/Shanghai', () => {
    // 530000: created at these instants (UTC).
    const CREATED = ['2026-01-31T16:30:00Z', '2026-01-31T15:59:00Z', '2025-12-31T16:00:00Z', '2026-03-31T16:30:00Z', '2025-12-31T15:59:59Z'];
    const yunnan = [{ dimension: 'REGION', values: ['530000'] }];
    beforeAll(async () => {
      for (const at of CREATED) {
        const e = await enterprise('530000');
        await t.sql(`update enterprise set created_at = ? where id = ?`, [at, e.id]);
      }
    });

    it('MONTH: 16:30 UTC on 31 January is February in Beijing; the bounds are Beijing days; an empty month is 0', async () => {
      const result = await rows({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2026-01-01', to: '2026-03-31', filters: yunnan });
      // January: 23:59 on the 31st and 00:00 on the 1st (Beijing); February: 00:30 on the 1st; March: none; 1 April and 31 December out.
      expect(result.map(flat)).toEqual([
        ['2026-01', 2],
        ['2026-02', 1],
        ['2026-03', 0],
        [null, 3],
      ]);
      expect(result.map((r) => r.keys[0]!.label)).toEqual(['2026年1月', '2026年2月', '2026年3月', '合计']);
    });

    it('fillEmpty: false lists only the months with data', async () => {
      const result = await rows({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2026-01-01', to: '2026-03-31', filters: yunnan, fillEmpty: false });
      expect(result.map(flat)).toEqual([
        ['2026-01', 2],
        ['2026-02', 1],
        [null, 3],
      ]);
    });

    it('QUARTER and YEAR: values 2026-Q1 and 2026, with their labels', async () => {
      const quarters = await rows({ measures: ['ENTERPRISES'], dimensions: ['QUARTER'], from: '2025-10-01', to: '2026-09-30', filters: yunnan });
      expect(quarters.map(flat)).toEqual([
        ['2025-Q4', 1],
        ['2026-Q1', 3],
        ['2026-Q2', 1],
        ['2026-Q3', 0],
        [null, 5],
      ]);
      expect(quarters[1]!.keys[0]!.label).toBe('2026年第1季度');
      const years = await rows({ measures: ['ENTERPRISES'], dimensions: ['YEAR'], from: '2025-01-01', to: '2026-12-31', filters: yunnan, totals: 'NONE' });
      expect(years.map((r) => [...flat(r), r.keys[0]!.label])).toEqual([
        ['2025', 1, '2025年'],
        ['2026', 4, '2026年'],
      ]);
    });
  });

  it('having applies to the finest rows only: subtotals and the total stay totals of every group', async () => {
    const q = { measures: ['ENTERPRISES'], dimensions: ['PROVINCE', 'REGION'], filters: [{ dimension: 'PROVINCE', values: ['440000', '650000'] }] };
    expect((await rows({ ...q, having: [{ measure: 'ENTERPRISES', op: 'GTE', value: 2 }] })).map(flat)).toEqual([
      ['440000', '440000', 2],
      ['440000', null, 3],
      ['650000', '660000', 3],
      ['650000', null, 4],
      [null, null, 7],
    ]);
    // No finest row passes: the subtotals and the total remain.
    expect((await rows({ ...q, having: [{ measure: 'ENTERPRISES', op: 'LT', value: 0 }] })).map(flat)).toEqual([
      ['440000', null, 3],
      ['650000', null, 4],
      [null, null, 7],
    ]);
  });

  it('measures of four facts side by side: no fan-out (1 enterprise, 3 designations, 2 enrolments, 2 reports)', async () => {
    const result = await rows({
      measures: ['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS', 'STATISTICS_REPORTS'],
      dimensions: ['REGION'],
      filters: [{ dimension: 'REGION', values: ['510000'] }],
    });
    expect(result.map(flat)).toEqual([
      ['510000', 1, 3, 2, 2],
      [null, 1, 3, 2, 2],
    ]);
    expect(result[0]!.values.map((v) => v.measure)).toEqual(['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS', 'STATISTICS_REPORTS']);
    // And by its size class too (every fact maps it).
    const bySize = await rows({ measures: ['DESIGNATIONS', 'ENROLMENTS', 'ENTERPRISES'], dimensions: ['SIZE_CLASS'], filters: [{ dimension: 'REGION', values: ['510000'] }], fillEmpty: false });
    expect(bySize.map(flat)).toEqual([
      ['MEDIUM', 3, 2, 1],
      [null, 3, 2, 1],
    ]);
  });

  describe('CUBE, ROLLUP, GRAND and NONE on [REGION, SIZE_CLASS]', () => {
    const q = { measures: ['ENTERPRISES'], dimensions: ['REGION', 'SIZE_CLASS'], filters: [{ dimension: 'REGION', values: ['320000', '330000'] }] };
    const DETAIL = [
      ['320000', 'LARGE', 2],
      ['320000', 'MEDIUM', 0],
      ['320000', 'SMALL', 1],
      ['320000', 'MICRO', 0],
      ['330000', 'LARGE', 0],
      ['330000', 'MEDIUM', 0],
      ['330000', 'SMALL', 1],
      ['330000', 'MICRO', 1],
    ];
    const of = (region: string) => DETAIL.filter((d) => d[0] === region);

    it('CUBE: row margins, column margins and the grand total', async () => {
      expect((await rows({ ...q, totals: 'CUBE' })).map(flat)).toEqual([
        ...of('320000'),
        ['320000', null, 3],
        ...of('330000'),
        ['330000', null, 2],
        [null, 'LARGE', 2],
        [null, 'MEDIUM', 0],
        [null, 'SMALL', 2],
        [null, 'MICRO', 1],
        [null, null, 5],
      ]);
    });

    it('ROLLUP: row margins and the grand total, no column margins', async () => {
      expect((await rows({ ...q, totals: 'ROLLUP' })).map(flat)).toEqual([...of('320000'), ['320000', null, 3], ...of('330000'), ['330000', null, 2], [null, null, 5]]);
    });

    it('GRAND: the detail rows and the grand total only; NONE: the detail rows only', async () => {
      expect((await rows({ ...q, totals: 'GRAND' })).map(flat)).toEqual([...DETAIL, [null, null, 5]]);
      const none = await rows({ ...q, totals: 'NONE' });
      expect(none.map(flat)).toEqual(DETAIL);
      expect(none.some((r) => r.isTotal)).toBe(false);
    });
  });

  it('DESIGNATION_STATUS is taken on asOf: valid until 2026-03-01 is ACTIVE on 2026-02-01 and EXPIRED on 2026-04-01', async () => {
    const e = await enterprise('340000');
    await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2022, validFrom: '2023-03-02', validUntil: '2026-03-01' });
    const q = { measures: ['DESIGNATIONS', 'VALID_DESIGNATIONS'], dimensions: ['DESIGNATION_STATUS'], filters: [{ dimension: 'REGION', values: ['340000'] }], totals: 'NONE', fillEmpty: false };
    const on = async (asOf: string) => {
      const { statistics } = await t.ok(STATS, { q: { ...q, asOf } });
      expect(statistics.asOf).toBe(asOf);
      return statistics.rows.map(flat);
    };
    expect(await on('2026-02-01')).toEqual([['ACTIVE', 1, 1]]);
    expect(await on('2026-03-01')).toEqual([['ACTIVE', 1, 1]]);
    expect(await on('2026-04-01')).toEqual([['EXPIRED', 1, 0]]);
    // Without asOf: today.
    expect((await t.ok(STATS, { q })).statistics).toMatchObject({ asOf: TODAY, rows: [{ keys: [{ value: 'EXPIRED' }] }] });
  });

  it('a non-additive measure (INVENTION_APPLICATIONS_AVG) is an average at every level, not a sum of averages; null where there is nothing', async () => {
    const result = await rows({
      measures: ['INVENTION_APPLICATIONS_AVG', 'INVENTION_APPLICATIONS_SUM', 'STATISTICS_REPORTS'],
      dimensions: ['PROVINCE', 'REGION'],
      filters: [{ dimension: 'PROVINCE', values: ['440000', '650000'] }],
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(result.map(flat)).toEqual([
      ['440000', '440000', 15, 30, 2],
      ['440000', '440300', 60, 60, 1],
      ['440000', null, 30, 90, 3],
      ['650000', '650000', null, 0, 0],
      ['650000', '660000', 90, 90, 1],
      ['650000', null, 90, 90, 1],
      [null, null, 45, 180, 4],
    ]);
    // Nothing at all: null, not 0.
    const empty = await rows({ measures: ['INVENTION_APPLICATIONS_AVG'], filters: [{ dimension: 'REGION', values: ['650000'] }] });
    expect(empty.map(flat)).toEqual([[null]]);
  });

  it('a filter on a dimension of the same family limits the listed groups too (fillEmpty lists only groups that can match)', async () => {
    // Grouped by jurisdiction, filtered to the province of Guangdong: 440000 and 440300, not every other jurisdiction with 0.
    const byRegion = await rows({ measures: ['ENTERPRISES'], dimensions: ['REGION'], filters: [{ dimension: 'PROVINCE', values: ['440000'] }] });
    expect(byRegion.map(flat)).toEqual([
      ['440000', 2],
      ['440300', 1],
      [null, 3],
    ]);
    // Grouped by province, filtered to the XPCC: Xinjiang's group only.
    const byProvince = await rows({ measures: ['ENTERPRISES'], dimensions: ['PROVINCE'], filters: [{ dimension: 'REGION', values: ['660000'] }] });
    expect(byProvince.map(flat)).toEqual([
      ['650000', 3],
      [null, 3],
    ]);
  });

  describe('one statement per query, and the answer cache', () => {
    const one = { measures: ['ENTERPRISES'] };
    const many = { measures: ['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS'], dimensions: ['REGION', 'SIZE_CLASS'], totals: 'CUBE' };

    it('the statement count does not grow with the measures, facts and dimensions', async () => {
      const cost = async (q: Record<string, unknown>) => (await t.countQueries(() => t.ok(STATS, { q }))).queries;
      const small = await cost(one);
      const large = await cost(many);
      const medium = await cost({ measures: ['ENTERPRISES', 'INVENTION_APPLICATIONS_SUM'], dimensions: ['PROVINCE', 'REGION'], from: '2025-01-01', to: '2025-12-31' });
      console.info(`statistics statements: 1 measure = ${small.length}; 3 measures of 3 facts × 2 dimensions = ${large.length}; 2 facts × 2 dimensions = ${medium.length}`);
      expect(large.length).toBe(small.length);
      expect(medium.length).toBe(small.length);
      expect(small.length).toBeLessThanOrEqual(2);
      for (const qs of [small, large, medium]) expect(qs.filter((s) => s.includes('spine')).length).toBe(1);
    });

    it('a repeated identical query is answered from the cache, with the same data version; a write is seen at once', async () => {
      const first = await t.countQueries(() => t.ok(STATS, { q: many }));
      expect(first.queries.filter((s) => s.includes('spine'))).toHaveLength(1);
      const again = await t.countQueries(() => t.ok(STATS, { q: many }), { warm: true });
      expect(again.queries).toEqual([]);
      expect(again.result).toEqual(first.result);
      // Another viewer's same query is its own statement (its visibility is in it), not the national answer.
      const provincial = await t.countQueries(() => t.ok(STATS, { q: many }, as.provincial('440000')), { warm: true });
      expect(provincial.queries.filter((s) => s.includes('spine'))).toHaveLength(1);
      expect(provincial.result).not.toEqual(first.result);
      // A committed write raises the data version: the next answer is computed again and counts it.
      const hainan = { measures: ['ENTERPRISES'], filters: [{ dimension: 'REGION', values: ['460000'] }] };
      const before = await t.ok(STATS, { q: hainan });
      expect(before.statistics.rows.map(flat)).toEqual([[0]]);
      await enterprise('460000');
      const after = await t.countQueries(() => t.ok(STATS, { q: hainan }), { warm: true });
      expect(after.result.statistics.rows.map(flat)).toEqual([[1]]);
      expect(after.result.statistics.dataVersion).not.toBe(before.statistics.dataVersion);
      expect(after.queries.filter((s) => s.includes('spine'))).toHaveLength(1);
    });
  });
});
