/**
 * publicStatistics end to end (docs/reporting.md, "Public figures"): anonymous access, only public
 * measures and dimensions (REGION, not its roll-up PROVINCE), stocks as of today and flows only by
 * year, the public scope, small-count suppression level by level with its threshold from the
 * programme settings, one table per year, the comparison of a jurisdiction with the nation (its own
 * bureau and the national bureau see it unsuppressed), and answers that follow the data version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import type { Viewer } from '../../src/context.js';
import { loadHighs } from '../../src/modules/assignment/solver/model.js';
import { interval, linesOf, type SuppressionReason, type TableCell } from '../../src/modules/reporting/suppression.js';

const TODAY = '2026-11-30';
const PUBLIC = `query($q: PublicStatisticsQuery!) { publicStatistics(query: $q) {
  measures { measure } dimensions { dimension } asOf from to dataVersion suppressionThreshold
  rows { isTotal keys { dimension value isTotal } values { measure value suppressed } }
  comparison { measure value label region national share suppressed } } }`;
const SETTINGS = `{ programmeSettings { version publicSuppressionThreshold } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version publicSuppressionThreshold } } }`;

interface Cell {
  measure: string;
  value: number | null;
  suppressed: boolean;
}
interface Row {
  isTotal: boolean;
  keys: { dimension: string; value: string | null; isTotal: boolean }[];
  values: Cell[];
}
interface Comparison {
  measure: string;
  value: string | null;
  label: string;
  region: number | null;
  national: number | null;
  share: number | null;
  suppressed: boolean;
}
interface Result {
  asOf: string;
  from: string | null;
  to: string | null;
  dataVersion: string | null;
  suppressionThreshold: number | null;
  rows: Row[];
  comparison: Comparison[] | null;
}

/** The cells of measure `m` by key ("440000", "*" for a total, "2025|110000" for two dimensions). */
const cellsOf = (result: Result, m = 0) => new Map(result.rows.map((r) => [r.keys.map((k) => k.value ?? '*').join('|'), r.values[m]!]));
/** The keys of the hidden cells of measure `m`, with their reason. */
const hiddenOf = (result: Result, m = 0) => Object.fromEntries([...cellsOf(result, m)].filter(([, c]) => c.suppressed).map(([k]) => [k, true]));
const codeOf = (r: GraphQLResult) => r.errors?.[0]?.extensions?.code;
const fieldsOf = (r: GraphQLResult) => ((r.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);

describe('publicStatistics', () => {
  let t: TestApp;
  const rng = randomFor(1515);
  /** Enterprises holding a title on TODAY. */
  const titled = async (regionCode: string, level: 'DEMONSTRATION' | 'ADVANTAGE', n: number) => {
    for (let i = 0; i < n; i++) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode });
      if (level === 'DEMONSTRATION') await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      else await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2024, validFrom: '2024-12-01', validUntil: '2027-11-30' });
    }
  };
  const pub = (q: Record<string, unknown>, viewer: Viewer = as.anonymous) => t.gql<{ publicStatistics: Result }>(PUBLIC, { q }, viewer);
  const ok = async (q: Record<string, unknown>, viewer: Viewer = as.anonymous) => {
    const r = await pub(q, viewer);
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data!.publicStatistics;
  };
  const setThreshold = async (value: number) => {
    const { programmeSettings } = await t.ok(SETTINGS);
    await t.ok(UPDATE_SETTINGS, { input: { version: programmeSettings.version, publicSuppressionThreshold: value } });
  };
  const DEMO = 'DEMONSTRATION_ENTERPRISES';
  const ADV = 'ADVANTAGE_ENTERPRISES';

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    // Demonstration enterprises: 6 Guangdong, 2 Beijing, 7 Shanghai, 4 Jiangsu (19).
    await titled('440000', 'DEMONSTRATION', 6);
    await titled('110000', 'DEMONSTRATION', 2);
    await titled('310000', 'DEMONSTRATION', 7);
    await titled('320000', 'DEMONSTRATION', 4);
    // Advantage enterprises: 2 Guangdong, 5 Beijing, 6 Shanghai (13).
    await titled('440000', 'ADVANTAGE', 2);
    await titled('110000', 'ADVANTAGE', 5);
    await titled('310000', 'ADVANTAGE', 6);
    // Outside the public scope: no title at all, and a title that ran out in 2025 (designated 2022).
    await makeEnterprise(t.orm.em, rng, { regionCode: '330000' });
    const lapsed = await makeEnterprise(t.orm.em, rng, { regionCode: '330000' });
    await makeDesignation(t.orm.em, lapsed, { level: 'ADVANTAGE', status: 'EXPIRED', batchYear: 2022, validFrom: '2022-01-10', validUntil: '2025-01-09' });
  });
  afterAll(() => t.close());

  describe('who may ask what', () => {
    it('anonymous may ask; the threshold is the programme setting (5)', async () => {
      const result = await ok({ measures: [DEMO, ADV] });
      expect(result.suppressionThreshold).toBe(5);
      expect(result.asOf).toBe(TODAY);
      const values = [DEMO, ADV].map((measure, i) => ({ measure, value: [19, 13][i], suppressed: false }));
      expect(result.rows).toEqual([{ isTotal: false, keys: [], values }]);
    });

    it('a non-public measure or dimension is BAD_USER_INPUT, naming the field', async () => {
      for (const [q, field] of [
        [{ measures: ['INVENTION_APPLICATIONS_SUM'] }, 'measures[0]'],
        [{ measures: [DEMO, 'ENTERPRISES'] }, 'measures[1]'],
        [{ measures: [ADV, 'VALID_DESIGNATIONS'] }, 'measures[1]'],
        [{ measures: [DEMO, 'STATISTICS_REPORTS'] }, 'measures[1]'],
        [{ measures: [DEMO], dimensions: ['PROVINCE'] }, 'dimensions[0]'],
        [{ measures: [DEMO], dimensions: ['REGION', 'INDUSTRY_DIVISION'] }, 'dimensions[1]'],
        [{ measures: ['DESIGNATIONS'], dimensions: ['MONTH'] }, 'dimensions[0]'],
        [{ measures: ['DESIGNATIONS'], dimensions: ['YEAR', 'QUARTER'] }, 'dimensions[1]'],
        [{ measures: ['ENROLMENTS'], dimensions: ['YEAR', 'ENROLMENT_STATUS'] }, 'dimensions[1]'],
      ] as const) {
        for (const viewer of [as.anonymous, as.national()]) {
          const r = await pub(q, viewer);
          expect(codeOf(r), JSON.stringify(q)).toBe('BAD_USER_INPUT');
          expect(fieldsOf(r), JSON.stringify(q)).toContain(field);
          expect(r.data?.publicStatistics ?? null).toBeNull();
        }
      }
      // Their public counterparts are answered (each alone: together, about 800 cells, more than the suppression audit takes on).
      expect((await ok({ measures: [DEMO], dimensions: ['INDUSTRY_SECTION'] })).rows.at(-1)!.values[0]!.value).toBe(19);
      expect((await ok({ measures: [DEMO], dimensions: ['REGION'] })).rows.at(-1)!.values[0]!.value).toBe(19);
      const tooLarge = await t.gql(PUBLIC, { q: { measures: [DEMO], dimensions: ['REGION', 'INDUSTRY_SECTION'] } }, as.anonymous);
      expect(codeOf(tooLarge)).toBe('BAD_USER_INPUT');
    });

    it('a stock is as of today (never by YEAR), a flow only by YEAR: BAD_USER_INPUT naming the measure', async () => {
      for (const [q, fields] of [
        [{ measures: [DEMO], dimensions: ['YEAR'] }, ['measures[0]']],
        [{ measures: ['DESIGNATIONS', 'POOL_MEMBERS'], dimensions: ['REGION', 'YEAR'] }, ['measures[1]']],
        [{ measures: ['DESIGNATIONS'] }, ['measures[0]']],
        [{ measures: ['POOL_MEMBERS', 'ENROLMENTS', 'COMPLETIONS', 'SERVICE_RECORDS'], dimensions: ['REGION'] }, ['measures[1]', 'measures[2]', 'measures[3]']],
      ] as const) {
        for (const viewer of [as.anonymous, as.national()]) {
          const r = await pub(q, viewer);
          expect(codeOf(r), JSON.stringify(q)).toBe('BAD_USER_INPUT');
          expect(fieldsOf(r).sort(), JSON.stringify(q)).toEqual(fields);
        }
      }
      expect((await ok({ measures: ['POOL_MEMBERS', DEMO] })).rows[0]!.values.map((v) => v.value)).toEqual([0, 19]);
      const flows = await ok({ measures: ['ENROLMENTS', 'COMPLETIONS', 'SERVICE_RECORDS', 'DESIGNATIONS'], dimensions: ['YEAR'], fromYear: 2024, toYear: 2025 });
      expect(flows.rows.map((r) => r.values.map((v) => v.value)).join(' ')).toBe('0,0,0,13 0,0,0,19');
    });

    it('more than two dimensions are refused', async () => {
      const r = await pub({ measures: [DEMO], dimensions: ['REGION', 'SIZE_CLASS', 'DESIGNATION_LEVEL'] });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    });
  });

  describe('suppression end to end', () => {
    it('a small jurisdiction is hidden as PRIMARY, and enough others that nothing can be subtracted', async () => {
      const result = await ok({ measures: [DEMO], dimensions: ['REGION'] });
      const cells = cellsOf(result);
      expect(result.suppressionThreshold).toBe(5);
      // Beijing (2) and Jiangsu (4) are small. With them alone hidden, 19 − 6 − 7 = 6 = Beijing + Jiangsu
      // would leave Beijing in 2 … 4 (Jiangsu ≥ 1): Guangdong (6, the smallest published non-zero) is hidden too.
      expect(hiddenOf(result)).toEqual({ '110000': true, '320000': true, '440000': true });
      expect(cells.get('110000')).toEqual({ measure: DEMO, value: null, suppressed: true });
      expect(cells.get('310000')).toMatchObject({ value: 7, suppressed: false });
      expect(cells.get('*')).toMatchObject({ value: 19, suppressed: false });
      expect(cells.get('120000')).toMatchObject({ value: 0, suppressed: false }); // zeros are published
      // The 37 jurisdictions, planned cities and the XPCC on their own, then the total.
      expect(cells.get('440300')).toMatchObject({ value: 0, suppressed: false });
      expect(cells.get('660000')).toMatchObject({ value: 0, suppressed: false });
      expect(result.rows).toHaveLength(38);
      // What a reader can subtract: total − published is not any one hidden cell.
      const published = [...cells].filter(([k, c]) => k !== '*' && !c.suppressed).reduce((s, [, c]) => s + c.value!, 0);
      expect(19 - published).toBe(12);
      expect(result.rows.at(-1)!.isTotal).toBe(true);
      expect(result.rows.filter((r) => r.isTotal)).toHaveLength(1);
    });

    it('the threshold comes from updateProgrammeSettings: at 3, Jiangsu (4) is no longer small', async () => {
      await setThreshold(3);
      try {
        const result = await ok({ measures: [DEMO], dimensions: ['REGION'] });
        expect(result.suppressionThreshold).toBe(3);
        // Beijing (2) alone is small; its partner is the smallest published non-zero cell, Jiangsu (4);
        // Jiangsu's bureau knows its own 4, so a third cell is hidden too (Guangdong, 6): suppression.ts "Owners".
        expect(hiddenOf(result)).toEqual({ '110000': true, '320000': true, '440000': true });
        expect(cellsOf(result).get('310000')).toMatchObject({ value: 7, suppressed: false });
      } finally {
        await setThreshold(5);
      }
      expect(hiddenOf(await ok({ measures: [DEMO], dimensions: ['REGION'] }))).toEqual({ '110000': true, '320000': true, '440000': true });
    });

    it('two dimensions: every margin and the grand total, and no line gives a hidden cell away', async () => {
      const result = await ok({ measures: [ADV, DEMO], dimensions: ['REGION', 'DESIGNATION_LEVEL'] });
      for (const m of [0, 1]) {
        const cells = cellsOf(result, m);
        expect(cells.get('*|*')).toMatchObject({ value: m === 0 ? 13 : 19, suppressed: false });
        // Each row line (jurisdiction × levels = its total) and column line (jurisdictions × level = level total).
        const lines = new Map<string, string[]>();
        for (const key of cells.keys()) {
          const [p, l] = key.split('|') as [string, string];
          if (p !== '*') lines.set(`col ${l}`, [...(lines.get(`col ${l}`) ?? [`*|${l}`]), key]);
          if (l !== '*') lines.set(`row ${p}`, [...(lines.get(`row ${p}`) ?? [`${p}|*`]), key]);
        }
        expect(lines.size).toBe(38 + 3); // 37 jurisdictions and the total; 2 levels and the total
        for (const [name, members] of lines) expect(members.filter((k) => cells.get(k)!.suppressed).length, `${m} ${name}`).not.toBe(1);
      }
      // Guangdong's advantage enterprises (2) are small; Beijing's (5) are not.
      expect(cellsOf(result, 0).get('440000|ADVANTAGE')).toMatchObject({ value: null, suppressed: true });
    });
  });

  describe('the public scope', () => {
    it('only enterprises holding a title today count; the national statistics count every one', async () => {
      const result = await ok({ measures: [DEMO, ADV], dimensions: ['REGION'] });
      const [cells, adv] = [cellsOf(result, 0), cellsOf(result, 1)];
      expect(cells.get('*')!.value! + adv.get('*')!.value!).toBe(32);
      expect(cells.get('330000')).toMatchObject({ value: 0, suppressed: false });
      expect(adv.get('330000')).toMatchObject({ value: 0, suppressed: false });
      const all = await t.ok(`query($q: StatisticsQuery!) { statistics(query: $q) { rows { keys { value } values { value } } } }`, {
        q: { measures: ['ENTERPRISES'], dimensions: ['REGION'], asOf: TODAY },
      });
      const value = (code: string | null) => all.statistics.rows.find((r: { keys: { value: string | null }[] }) => r.keys[0]!.value === code).values[0].value;
      expect(value('330000')).toBe(2);
      expect(value(null)).toBe(34);
    });

    it('the same for a national admin: public figures are the same for everyone', async () => {
      const q = { measures: [DEMO, ADV], dimensions: ['REGION'] };
      const [anonymous, national, provincial] = [await ok(q), await ok(q, as.national()), await ok(q, as.provincial('110000'))];
      expect(national.rows).toEqual(anonymous.rows);
      expect(provincial.rows).toEqual(anonymous.rows);
    });
  });

  describe('by year', () => {
    it('each year is its own table: no total over years, small years hidden', async () => {
      const result = await ok({ measures: ['DESIGNATIONS'], dimensions: ['YEAR'], fromYear: 2022, toYear: 2026 });
      expect([result.from, result.to]).toEqual(['2022-01-01', '2026-12-31']);
      expect(result.rows.some((r) => r.isTotal)).toBe(false);
      expect(Object.fromEntries([...cellsOf(result)].map(([k, c]) => [k, c.value]))).toEqual({ '2022': null, '2023': 0, '2024': 13, '2025': 19, '2026': 0 });
      expect(hiddenOf(result)).toEqual({ '2022': true });
    });

    it('year × jurisdiction: a total per year, none per jurisdiction over the years', async () => {
      const result = await ok({ measures: ['DESIGNATIONS'], dimensions: ['YEAR', 'REGION'], fromYear: 2024, toYear: 2025 });
      expect(result.rows.some((r) => r.keys[0]!.isTotal)).toBe(false);
      const cells = cellsOf(result);
      expect(cells.get('2024|*')).toMatchObject({ value: 13, suppressed: false });
      expect(cells.get('2025|*')).toMatchObject({ value: 19, suppressed: false });
      expect(result.rows.filter((r) => r.keys[1]!.isTotal).map((r) => r.keys[0]!.value)).toEqual(['2024', '2025']);
      // 2024: Guangdong's 2 advantage designations; 2025: Beijing 2 and Jiangsu 4.
      expect(hiddenOf(result)).toMatchObject({ '2024|440000': true, '2025|110000': true, '2025|320000': true });
      for (const year of ['2024', '2025']) {
        const hidden = [...cells].filter(([k, c]) => k.startsWith(`${year}|`) && c.suppressed);
        expect(hidden.length).not.toBe(1);
      }
    });

    it('by default the last ten years up to this one', async () => {
      const result = await ok({ measures: ['DESIGNATIONS'], dimensions: ['YEAR'] });
      expect([result.from, result.to]).toEqual(['2017-01-01', '2026-12-31']);
      expect(result.rows).toHaveLength(10);
    });

    it('years out of range, reversed, too many, or without YEAR are BAD_USER_INPUT', async () => {
      for (const q of [
        { fromYear: 2026, toYear: 2025 },
        { fromYear: 2025, toYear: 2027 },
        { fromYear: 1999, toYear: 2010 },
        { fromYear: 2005, toYear: 2025 },
        { toYear: 2027 },
      ]) {
        const r = await pub({ measures: ['DESIGNATIONS'], dimensions: ['YEAR'], ...q });
        expect(codeOf(r), JSON.stringify(q)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(r)).toContain('fromYear');
      }
      const r = await pub({ measures: [DEMO], dimensions: ['REGION'], fromYear: 2024 });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(r)).toEqual(['fromYear']);
      // Twenty years is the most: 2007 … 2026 is fine.
      expect((await ok({ measures: ['DESIGNATIONS'], dimensions: ['YEAR'], fromYear: 2007, toYear: 2026 })).rows).toHaveLength(20);
    });
  });

  describe('compareRegion', () => {
    const q = { measures: [ADV, DEMO], compareRegion: '440000' };
    /** The expected comparison over all values: a hidden region has no share. */
    const total = (measure: string, region: number | null, national: number) => ({ measure, value: null, label: '合计', region, national, share: region === null ? null : region / national, suppressed: region === null });

    it('the public sees a hidden own value suppressed (the share is then unknown), a published one with its share', async () => {
      const shanghai = as.provincial('310000');
      for (const viewer of [as.anonymous, shanghai, as.user('ENTERPRISE_USER', { enterpriseId: '00000000-0000-7000-8000-000000000000' })]) {
        // Guangdong: 2 advantage enterprises (PRIMARY), 6 demonstration ones (hidden as Beijing's and Jiangsu's partner).
        expect((await ok(q, viewer)).comparison).toEqual([total(ADV, null, 13), total(DEMO, null, 19)]);
        // Shanghai's 6 advantage enterprises are the third hidden cell of Guangdong's 2 (behind Beijing's 5, which
        // Beijing's bureau knows); its 7 demonstration enterprises are published.
        // Shanghai's own bureau sees its own figure unsuppressed.
        expect((await ok({ ...q, compareRegion: '310000' }, viewer)).comparison).toEqual([total(ADV, viewer === shanghai ? 6 : null, 13), total(DEMO, 7, 19)]);
      }
      // A planned city is a jurisdiction of its own.
      expect((await ok({ ...q, compareRegion: '440300' })).comparison![0]).toMatchObject({ region: 0, national: 13, share: 0, suppressed: false });
    });

    it("the region's own bureau and the national bureau see it unsuppressed; the table itself stays suppressed", async () => {
      for (const viewer of [as.provincial('440000'), as.national()]) {
        const result = await ok({ ...q, dimensions: ['REGION'] }, viewer);
        expect(result.comparison).toEqual([total(ADV, 2, 13), total(DEMO, 6, 19)]);
        expect(result.comparison![1]).toMatchObject({ region: 6, share: 6 / 19, suppressed: false });
        // The rows are the public table, the same as anonymous sees.
        expect(cellsOf(result, 0).get('440000')).toMatchObject({ value: null, suppressed: true });
        expect(result.rows).toEqual((await ok({ ...q, dimensions: ['REGION'] })).rows);
      }
    });

    it('by the first other dimension: one row per value and the total; the public sees what the public table shows', async () => {
      const q2 = { measures: [ADV, DEMO], dimensions: ['REGION', 'DESIGNATION_LEVEL'], compareRegion: '110000' };
      const own = await ok(q2, as.provincial('110000'));
      const level = { label: expect.any(String), suppressed: false };
      expect(own.comparison).toEqual([
        { measure: ADV, value: 'ADVANTAGE', ...level, region: 5, national: 13, share: 5 / 13 },
        { measure: ADV, value: 'DEMONSTRATION', ...level, region: 0, national: 0, share: null },
        total(ADV, 5, 13),
        { measure: DEMO, value: 'ADVANTAGE', ...level, region: 0, national: 0, share: null },
        { measure: DEMO, value: 'DEMONSTRATION', ...level, region: 2, national: 19, share: 2 / 19 },
        total(DEMO, 2, 19),
      ]);
      const table = await ok({ measures: [ADV, DEMO], dimensions: ['REGION', 'DESIGNATION_LEVEL'] });
      const anonymous = await ok(q2);
      expect(anonymous.comparison).toHaveLength(6);
      for (const row of anonymous.comparison!) {
        const cells = cellsOf(table, row.measure === ADV ? 0 : 1);
        const cell = cells.get(`110000|${row.value ?? '*'}`)!;
        expect(row, JSON.stringify(row)).toMatchObject({ region: cell.value, suppressed: cell.suppressed, national: cells.get(`*|${row.value ?? '*'}`)!.value });
      }
      expect(anonymous.comparison![4]).toMatchObject({ measure: DEMO, value: 'DEMONSTRATION', region: null, share: null, suppressed: true });
    });

    it('a flow is compared year by year, and only with YEAR', async () => {
      const q3 = { measures: ['DESIGNATIONS'], dimensions: ['YEAR'], fromYear: 2024, toYear: 2025 };
      const year = { measure: 'DESIGNATIONS', label: expect.any(String) };
      expect((await ok({ ...q3, compareRegion: '110000' }, as.provincial('110000'))).comparison).toEqual([
        { ...year, value: '2024', region: 5, national: 13, share: 5 / 13, suppressed: false },
        { ...year, value: '2025', region: 2, national: 19, share: 2 / 19, suppressed: false },
      ]);
      // The public sees what the public year × jurisdiction table shows.
      const table = cellsOf(await ok({ ...q3, dimensions: ['YEAR', 'REGION'] }));
      for (const code of ['110000', '310000', '440000']) {
        const rows = (await ok({ ...q3, compareRegion: code })).comparison!;
        expect(rows.map((r) => r.value)).toEqual(['2024', '2025']);
        for (const r of rows) expect(r, `${code} ${r.value}`).toMatchObject({ region: table.get(`${r.value}|${code}`)!.value, suppressed: table.get(`${r.value}|${code}`)!.suppressed, national: table.get(`${r.value}|*`)!.value });
      }
      expect(table.get('2025|310000')).toMatchObject({ value: 7, suppressed: false });
      const r = await pub({ measures: ['DESIGNATIONS'], compareRegion: '110000' });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(r)).toContain('measures[0]');
    });

    it('an unknown region is BAD_USER_INPUT', async () => {
      expect((await ok({ measures: [DEMO], compareRegion: '110000' })).comparison).toHaveLength(1);
      for (const code of ['999999', '44000', 'beijing']) expect(codeOf(await pub({ measures: [DEMO], compareRegion: code })), code).toBe('BAD_USER_INPUT');
    });
  });

  describe('public tables read together', () => {
    /** The true cells of `measure` by YEAR × REGION, per year (the national statistics, unsuppressed). */
    const cube = async (measure: string): Promise<TableCell[]> => {
      const data = await t.ok(`query($q: StatisticsQuery!) { statistics(query: $q) { rows { keys { value } values { value } } } }`, {
        q: { measures: [measure], dimensions: ['YEAR', 'REGION'], totals: 'CUBE', from: '2017-01-01', to: '2026-12-31', asOf: TODAY },
      });
      return data.statistics.rows
        .map((r: { keys: { value: string | null }[]; values: { value: number }[] }) => ({ key: r.keys.map((k) => k.value), value: r.values[0]!.value }))
        .filter((c: TableCell) => c.key[0] !== null);
    };

    it('a flow has no all-time figure; the year tables agree on every shared cell and together pin no hidden cell', async () => {
      for (const dimensions of [[], ['REGION'], ['SIZE_CLASS']]) {
        const r = await pub({ measures: ['DESIGNATIONS'], dimensions });
        expect(codeOf(r), JSON.stringify(dimensions)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(r)).toContain('measures[0]');
      }
      const years = cellsOf(await ok({ measures: ['DESIGNATIONS'], dimensions: ['YEAR'], fromYear: 2017, toYear: 2026 }));
      const byRegion = cellsOf(await ok({ measures: ['DESIGNATIONS'], dimensions: ['YEAR', 'REGION'], fromYear: 2017, toYear: 2026 }));
      // The per-year totals of the two-way table are the one-way table, hidden or published alike.
      expect(years.size).toBe(10);
      for (const [year, cell] of years) expect(byRegion.get(`${year}|*`), year).toEqual(cell);
      expect(years.get('2022')).toMatchObject({ value: null, suppressed: true });
      // What anyone can read: both tables.
      const published = new Map<string, number>();
      for (const [k, c] of byRegion) if (!c.suppressed) published.set(k, c.value!);
      for (const [k, c] of years) if (!c.suppressed) published.set(`${k}|*`, c.value!);
      const cells = await cube('DESIGNATIONS');
      const keyOf = (c: TableCell) => c.key.map((v) => v ?? '*').join('|');
      expect(cells).toHaveLength(byRegion.size);
      for (const c of cells) if (published.has(keyOf(c))) expect(published.get(keyOf(c)), keyOf(c)).toBe(c.value);
      const hidden = new Map<number, SuppressionReason>();
      cells.forEach((c, i) => {
        if (!published.has(keyOf(c))) hidden.set(i, c.value >= 1 && c.value <= 4 ? 'PRIMARY' : 'COMPLEMENTARY');
      });
      // A reader's interval for every small cell (the audit's own model: hidden cells ≥ 0, reasons not
      // published): it holds all of 1 … 4.
      const highs = await loadHighs();
      const lines = linesOf(cells);
      const intervals = Object.fromEntries([...hidden].filter(([, r]) => r === 'PRIMARY').map(([i]) => [keyOf(cells[i]!), interval(highs, cells, lines, hidden, i)]));
      expect(Object.keys(intervals).sort()).toEqual(['2022|*', '2022|330000', '2024|440000', '2025|110000', '2025|320000']);
      for (const [key, [min, max]] of Object.entries(intervals)) expect(min <= 1 && max >= 4, `${key}: ${min} … ${max}`).toBe(true);
    });

    it('level by level: a two-way table hides or publishes its margins exactly as the smaller tables do', async () => {
      for (const measure of [DEMO, ADV]) {
        const none = cellsOf(await ok({ measures: [measure] })).get('')!;
        const byRegion = cellsOf(await ok({ measures: [measure], dimensions: ['REGION'] }));
        const bySize = cellsOf(await ok({ measures: [measure], dimensions: ['SIZE_CLASS'] }));
        const two = cellsOf(await ok({ measures: [measure], dimensions: ['REGION', 'SIZE_CLASS'] }));
        expect(two.get('*|*'), measure).toEqual(none);
        expect(none).toMatchObject({ value: measure === DEMO ? 19 : 13, suppressed: false });
        for (const [k, c] of byRegion) if (k !== '*') expect(two.get(`${k}|*`), `${measure} ${k}|*`).toEqual(c);
        for (const [k, c] of bySize) if (k !== '*') expect(two.get(`*|${k}`), `${measure} *|${k}`).toEqual(c);
        expect(two.size).toBe(byRegion.size * bySize.size);
        // The one-way table's zeros and published figures stay published in the two-way one.
        expect(two.get('120000|*')).toMatchObject({ value: 0, suppressed: false });
        if (measure === DEMO) expect(two.get('310000|*')).toMatchObject({ value: 7, suppressed: false });
      }
    });
  });

  describe('determinism and the data version', () => {
    const q = { measures: [DEMO, ADV], dimensions: ['REGION'] };
    const aggregates = (queries: string[]) => queries.filter((s) => /grouping sets/i.test(s));

    it('the same data gives the same answer, the second time from the cache', async () => {
      const first = await t.countQueries(() => ok(q));
      const second = await t.countQueries(() => ok(q), { warm: true });
      expect(second.result).toEqual(first.result);
      expect(first.result.dataVersion).not.toBeNull();
      expect(aggregates(first.queries)).toHaveLength(1);
      expect(aggregates(second.queries)).toHaveLength(0);
    });

    it('after a change the data version moves and the answer follows', async () => {
      const before = await ok(q);
      await titled('110000', 'DEMONSTRATION', 5);
      const after = await t.countQueries(() => ok(q), { warm: true });
      expect(after.result.dataVersion).not.toBe(before.dataVersion);
      expect(aggregates(after.queries)).toHaveLength(1);
      expect(cellsOf(after.result, 0).get('*')!.value).toBe(24);
      expect(cellsOf(after.result, 1).get('*')!.value).toBe(13);
      // Beijing now has 7 demonstration enterprises: no longer small. Guangdong (6) is the partner of Jiangsu (4),
      // and, as Guangdong's bureau knows its own 6, Beijing (7, before Shanghai's 7 in key order) the third.
      expect(hiddenOf(after.result, 0)).toEqual({ '110000': true, '320000': true, '440000': true });
      expect(cellsOf(after.result, 0).get('310000')).toMatchObject({ value: 7, suppressed: false });
      expect(cellsOf(after.result, 1)).toEqual(cellsOf(before, 1));
    });
  });
});
