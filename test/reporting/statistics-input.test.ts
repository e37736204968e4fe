/**
 * statistics (issue 15): what a query may not ask. Each refusal is BAD_USER_INPUT naming the
 * offending field in `extensions.fields` (and only it), comes before any SQL, and returns no data:
 * unknown or repeated measures and dimensions, a dimension a measure does not have, time without
 * bounds or with too many buckets, too many groups to list, filters on time or outside a
 * dimension's values, `having` on a measure not asked for, too many facts, and the input limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';

const STATS = `query($q: StatisticsQuery!) { statistics(query: $q) { rows { isTotal keys { value } values { measure value } } } }`;

type Query = Record<string, unknown>;
const region = (values: string[]) => ({ dimension: 'REGION', values });

describe('statistics: refused queries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  /** Runs q and expects one BAD_USER_INPUT naming exactly `fields` (atLeast: among others), no data and no SQL statement; returns the error. */
  async function refused(q: Query, fields: string[], options: { atLeast?: boolean } = {}) {
    const { result, queries } = await t.countQueries(() => t.gql(STATS, { q }));
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const named = ((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);
    expect(named).toEqual(options.atLeast ? expect.arrayContaining(fields) : fields);
    expect(queries).toEqual([]);
    return error;
  }

  async function accepted(q: Query): Promise<{ rows: { isTotal: boolean; keys: { value: string | null }[]; values: { value: number | null }[] }[] }> {
    return (await t.ok(STATS, { q })).statistics;
  }

  describe('measures', () => {
    it('an unknown measure is refused by the StatisticsMeasure enum, naming its position', async () => {
      const { result, queries } = await t.countQueries(() => t.gql(STATS, { q: { measures: ['ENTERPRISES', 'NO_SUCH_MEASURE'] } }));
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain('q.measures[1]');
      // The value is not echoed back.
      expect(result.errors![0]!.message).not.toContain('NO_SUCH_MEASURE');
      expect(queries).toEqual([]);
    });

    it('a measure asked twice: measures[i] of the repetition', async () => {
      const error = await refused({ measures: ['ENTERPRISES', 'DESIGNATIONS', 'ENTERPRISES'] }, ['measures[2]']);
      expect(error.message).toContain('ENTERPRISES');
    });

    it('no measure at all', async () => {
      await refused({ measures: [] }, ['measures']);
    });

    it('more than 4 facts in one query', async () => {
      // Five facts: enterprise, designation, enrolment, serviceRecord, enterpriseNeed.
      const error = await refused({ measures: ['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS', 'SERVICE_RECORDS', 'NEEDS'] }, ['measures']);
      expect(error.message).toContain('4');
      // Four facts, with several measures of one of them, are fine.
      const ok = await accepted({ measures: ['ENTERPRISES', 'DEMONSTRATION_ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS', 'COMPLETIONS', 'SERVICE_RECORDS'] });
      expect(ok.rows).toHaveLength(1);
    });
  });

  describe('dimensions', () => {
    it('a dimension a measure does not have: TRAINING_TIER with ENTERPRISES', async () => {
      const error = await refused({ measures: ['ENTERPRISES'], dimensions: ['REGION', 'TRAINING_TIER'] }, ['dimensions[1]']);
      expect(error.message).toContain('企业数');
    });

    it('a dimension only one of the measures has is named once, for that measure', async () => {
      const error = await refused({ measures: ['ENROLMENTS', 'ENTERPRISES'], dimensions: ['TRAINING_TIER'] }, ['dimensions[0]']);
      expect(error.message).toContain('企业数');
      expect(error.message).not.toContain('报名人次');
    });

    it('MONTH with a yearly measure (INVENTION_APPLICATIONS_SUM): only YEAR', async () => {
      const error = await refused({ measures: ['INVENTION_APPLICATIONS_SUM'], dimensions: ['MONTH'], from: '2025-01-01', to: '2025-12-31' }, ['dimensions[0]']);
      expect(error.message).toContain('YEAR');
      await refused({ measures: ['INVENTION_APPLICATIONS_SUM'], dimensions: ['QUARTER'], from: '2025-01-01', to: '2025-12-31' }, ['dimensions[0]']);
      expect((await accepted({ measures: ['INVENTION_APPLICATIONS_SUM'], dimensions: ['YEAR'], from: '2025-01-01', to: '2025-12-31' })).rows).toHaveLength(2);
    });

    it('a dimension asked twice', async () => {
      await refused({ measures: ['ENTERPRISES'], dimensions: ['REGION', 'REGION'] }, ['dimensions[1]']);
    });

    it('two time dimensions', async () => {
      await refused({ measures: ['ENTERPRISES'], dimensions: ['MONTH', 'YEAR'], from: '2025-01-01', to: '2025-12-31' }, ['dimensions']);
    });
  });

  describe('time', () => {
    it('a time dimension without from and to', async () => {
      await refused({ measures: ['ENTERPRISES'], dimensions: ['MONTH'] }, ['from'], { atLeast: true });
    });

    it('a time dimension without to names to', async () => {
      await refused({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2026-01-01' }, ['to']);
    });

    it('from after to', async () => {
      await refused({ measures: ['ENTERPRISES'], from: '2026-03-02', to: '2026-03-01' }, ['from']);
      await refused({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2026-03-02', to: '2026-03-01' }, ['from']);
      // One day is a range.
      expect((await accepted({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2026-03-01', to: '2026-03-01' })).rows).toHaveLength(2);
    });

    it('more than 120 time buckets; 120 are fine', async () => {
      const error = await refused({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2016-01-01', to: '2026-01-01' }, ['to']);
      expect(error.message).toContain('121');
      await refused({ measures: ['ENTERPRISES'], dimensions: ['QUARTER'], from: '1996-01-01', to: '2026-03-31' }, ['to']);
      const months = await accepted({ measures: ['ENTERPRISES'], dimensions: ['MONTH'], from: '2016-01-01', to: '2025-12-31' });
      expect(months.rows.filter((r) => !r.isTotal)).toHaveLength(120);
      expect(months.rows[0]!.keys[0]!.value).toBe('2016-01');
      expect(months.rows.at(-2)!.keys[0]!.value).toBe('2025-12');
      const quarters = await accepted({ measures: ['ENTERPRISES'], dimensions: ['QUARTER'], from: '1996-02-01', to: '2025-12-31' });
      expect(quarters.rows.filter((r) => !r.isTotal)).toHaveLength(120);
    });

    it('a filter on a time dimension: time is chosen with from/to', async () => {
      const error = await refused({ measures: ['ENTERPRISES'], filters: [{ dimension: 'MONTH', values: ['2026-01'] }] }, ['filters[0].dimension']);
      expect(error.message).toContain('from');
    });
  });

  it('too many groups to list with fillEmpty: REGION × INDUSTRY_DIVISION × MONTH over a year; fine with fillEmpty: false', async () => {
    const q = { measures: ['ENTERPRISES'], dimensions: ['REGION', 'INDUSTRY_DIVISION', 'MONTH'], from: '2025-01-01', to: '2025-12-31' };
    const error = await refused(q, ['dimensions']);
    expect(error.message).toContain('fillEmpty');
    const sparse = await accepted({ ...q, fillEmpty: false });
    // No enterprise in this database: the grand total only.
    expect(sparse.rows.map((r) => [r.isTotal, r.values[0]!.value])).toEqual([[true, 0]]);
  });

  describe('filters', () => {
    it('a value outside the dimension: jurisdiction 999999, size class HUGE, batch year "2025a"', async () => {
      const error = await refused({ measures: ['ENTERPRISES'], filters: [region(['440000', '999999'])] }, ['filters[0].values']);
      expect(error.message).toContain('999999');
      expect(error.message).not.toContain('440000');
      await refused({ measures: ['ENTERPRISES'], filters: [region(['440000']), { dimension: 'SIZE_CLASS', values: ['HUGE'] }] }, ['filters[1].values']);
      await refused({ measures: ['DESIGNATIONS'], filters: [{ dimension: 'BATCH_YEAR', values: ['2025a'] }] }, ['filters[0].values']);
      // The empty group (no value) is a value of every dimension.
      expect((await accepted({ measures: ['ENROLMENTS'], filters: [region(['__none__'])] })).rows).toHaveLength(1);
    });

    it('a planned city is a jurisdiction (REGION), not a province (PROVINCE)', async () => {
      expect((await accepted({ measures: ['ENTERPRISES'], filters: [region(['440300'])] })).rows).toHaveLength(1);
      await refused({ measures: ['ENTERPRISES'], filters: [{ dimension: 'PROVINCE', values: ['440300'] }] }, ['filters[0].values']);
    });

    it('an industry division (39) is not a section (INDUSTRY_SECTION)', async () => {
      expect((await accepted({ measures: ['ENTERPRISES'], filters: [{ dimension: 'INDUSTRY_SECTION', values: ['C'] }] })).rows).toHaveLength(1);
      await refused({ measures: ['ENTERPRISES'], filters: [{ dimension: 'INDUSTRY_SECTION', values: ['39'] }] }, ['filters[0].values']);
    });

    it('no values, a dimension filtered twice, a dimension the measure does not have', async () => {
      await refused({ measures: ['ENTERPRISES'], filters: [region([])] }, ['filters[0].values']);
      await refused({ measures: ['ENTERPRISES'], filters: [region(['440000']), region(['440300'])] }, ['filters[1].dimension']);
      await refused({ measures: ['ENTERPRISES'], filters: [{ dimension: 'TRAINING_TIER', values: ['IP_MANAGER'] }] }, ['filters[0].dimension']);
    });
  });

  it('having on a measure that is not asked for', async () => {
    await refused(
      { measures: ['ENTERPRISES'], dimensions: ['REGION'], having: [{ measure: 'ENTERPRISES', op: 'GT', value: 0 }, { measure: 'DESIGNATIONS', op: 'GT', value: 0 }] },
      ['having[1].measure'],
    );
  });

  it('every problem of a query is named at once', async () => {
    await refused(
      { measures: ['ENTERPRISES', 'ENTERPRISES'], dimensions: ['TRAINING_TIER'], from: '2026-02-01', to: '2026-01-01', filters: [region(['999999'])] },
      ['measures[1]', 'from', 'dimensions[0]', 'filters[0].values'],
    );
  });

  describe('input limits, before any work', () => {
    it.each([
      ['13 measures', { measures: Array.from({ length: 13 }, () => 'ENTERPRISES') }, 'query.measures'],
      ['4 dimensions', { measures: ['ENTERPRISES'], dimensions: ['REGION', 'SIZE_CLASS', 'INDUSTRY_DIVISION', 'DESIGNATION_LEVEL'] }, 'query.dimensions'],
      ['9 filters', { measures: ['ENTERPRISES'], filters: Array.from({ length: 9 }, () => region(['440000'])) }, 'query.filters'],
      ['201 values in a filter', { measures: ['ENTERPRISES'], filters: [region(Array.from({ length: 201 }, () => '440000'))] }, 'query.filters.0.values'],
      ['5 having conditions', { measures: ['ENTERPRISES'], having: Array.from({ length: 5 }, () => ({ measure: 'ENTERPRISES', op: 'GT', value: 0 })) }, 'query.having'],
    ])('%s', async (_name, q, field) => {
      await refused(q, [field]);
    });

    it('12 measures and 3 dimensions are within the limits', async () => {
      const measures = ['ENTERPRISES', 'DEMONSTRATION_ENTERPRISES', 'ADVANTAGE_ENTERPRISES', 'DESIGNATIONS', 'VALID_DESIGNATIONS', 'ENROLMENTS', 'COMPLETIONS', 'STATISTICS_REPORTS'];
      const twelve = [...measures, 'INVENTION_APPLICATIONS_SUM', 'INVENTION_APPLICATIONS_AVG', 'IP_STAFF_SUM', 'PCT_APPLICATIONS_SUM'];
      const result = await accepted({ measures: twelve, dimensions: ['PROVINCE', 'REGION', 'SIZE_CLASS'], fillEmpty: false });
      expect(result.rows.at(-1)!.values).toHaveLength(12);
    });
  });
});
