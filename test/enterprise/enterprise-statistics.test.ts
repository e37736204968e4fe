/**
 * setEnterpriseStatistics (create, then update with the record's version) and
 * Enterprise.statistics(years:).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { codeSeries, fieldsOf } from '../harness/credit-codes.js';
import { STATISTICS_COUNT_FIELDS } from '../../src/modules/enterprise/enterprise-statistics.entity.js';
import { toGlobalId } from '../../src/common/node.js';

const newCode = codeSeries(3_000_017, 15_485_863, '370200');

const THIS_YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

const COUNT_FIELDS = STATISTICS_COUNT_FIELDS;
const MONEY_FIELDS = ['licensingIncome', 'pledgeFinancing'] as const;
const ALL = [...COUNT_FIELDS, ...MONEY_FIELDS];

const STATS = `id year version createdAt updatedAt ${ALL.join(' ')} enterprise { id }`;
const SET = `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { created statistics { ${STATS} } } }`;

type Stats = Record<string, number | string | { id: string }> & { id: string; year: number; version: number; enterprise: { id: string } };

describe('enterprise statistics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function createEnterprise(): Promise<string> {
    const { createEnterprise } = await t.ok(
      `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id } } }`,
      { input: { creditCode: newCode(), name: '青岛海创智能装备有限公司', regionCode: '370200', industryCode: '35', sizeClass: 'MEDIUM', foundedOn: '2008-08-08' } },
    );
    return createEnterprise.enterprise.id;
  }

  async function set(input: Record<string, unknown>): Promise<{ created: boolean; statistics: Stats }> {
    return (await t.ok<{ setEnterpriseStatistics: { created: boolean; statistics: Stats } }>(SET, { input })).setEnterpriseStatistics;
  }

  async function statistics(enterpriseId: string, years?: number[]): Promise<Stats[]> {
    const query =
      years === undefined
        ? `query($id: ID!) { enterprise(id: $id) { statistics { ${STATS} } } }`
        : `query($id: ID!, $years: [Int!]) { enterprise(id: $id) { statistics(years: $years) { ${STATS} } } }`;
    const { enterprise } = await t.ok(query, years === undefined ? { id: enterpriseId } : { id: enterpriseId, years });
    return enterprise.statistics;
  }

  async function snapshot(): Promise<unknown[]> {
    return t.sql(`select id, enterprise_id, year, version, ${ALL.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ')}, updated_at
                    from enterprise_statistics order by enterprise_id, year`);
  }

  async function expectRejected(input: Record<string, unknown>, code: string) {
    const before = await snapshot();
    const result = await t.gql(SET, { input });
    expect(result.errors, JSON.stringify(result)).toBeDefined();
    expect(result.errors![0]!.extensions?.code, JSON.stringify(result.errors)).toBe(code);
    expect(result.data?.setEnterpriseStatistics ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
    return result.errors![0]!;
  }


  describe('create then update', () => {
    it('creates a year: created true, version 1, the given figures, 0 for the rest', async () => {
      const id = await createEnterprise();
      const { created, statistics: s } = await set({ enterpriseId: id, year: 2023, inventionApplications: 120, inventionGrants: 45, pctApplications: 6, licensingIncome: 1234.5 });
      expect(created).toBe(true);
      expect(s).toMatchObject({ year: 2023, version: 1, inventionApplications: 120, inventionGrants: 45, pctApplications: 6, licensingIncome: 1234.5, enterprise: { id } });
      for (const f of ALL) if (!['inventionApplications', 'inventionGrants', 'pctApplications', 'licensingIncome'].includes(f)) expect(s[f], f).toBe(0);
      expect(await statistics(id)).toEqual([s]);
    });

    it('amounts (万元) keep two decimals: more are refused (they would be rounded silently), two round-trip exactly', async () => {
      const id = await createEnterprise();
      await expectRejected({ enterpriseId: id, year: 2015, licensingIncome: 12.345 }, 'BAD_USER_INPUT');
      await expectRejected({ enterpriseId: id, year: 2015, pledgeFinancing: 0.125 }, 'BAD_USER_INPUT');
      expect(await statistics(id, [2015])).toEqual([]);
      const { statistics: s } = await set({ enterpriseId: id, year: 2015, licensingIncome: 12.35, pledgeFinancing: 0.1 });
      const [stored] = await statistics(id, [2015]);
      expect({ licensingIncome: s.licensingIncome, pledgeFinancing: s.pledgeFinancing }).toEqual({ licensingIncome: 12.35, pledgeFinancing: 0.1 });
      expect({ licensingIncome: stored!.licensingIncome, pledgeFinancing: stored!.pledgeFinancing }).toEqual({ licensingIncome: 12.35, pledgeFinancing: 0.1 });
    });

    it('updates with the version: created false, version + 1, given fields changed, others kept', async () => {
      const id = await createEnterprise();
      const first = (await set({ enterpriseId: id, year: 2022, inventionApplications: 10, ipStaff: 3, pledgeFinancing: 500 })).statistics;
      const { created, statistics: s } = await set({ enterpriseId: id, year: 2022, version: first.version, inventionApplications: 11, designGrants: 2 });
      expect(created).toBe(false);
      expect(s).toEqual({ ...first, inventionApplications: 11, designGrants: 2, version: first.version + 1, updatedAt: s.updatedAt });
      expect(s.id).toBe(first.id);
      expect(await statistics(id)).toEqual([s]);
      const rows = await t.sql<{ version: number }>('select version from enterprise_statistics where id in (select id from enterprise_statistics where year = 2022 and version > 1)');
      expect(rows).toEqual([{ version: first.version + 1 }]);
    });

    it('an update without the version → CONFLICT, nothing changed', async () => {
      const id = await createEnterprise();
      await set({ enterpriseId: id, year: 2021, inventionGrants: 7 });
      const error = await expectRejected({ enterpriseId: id, year: 2021, inventionGrants: 8 }, 'CONFLICT');
      expect(error.extensions).toMatchObject({ field: 'version', currentVersion: 1 });
      expect((await statistics(id))[0]).toMatchObject({ inventionGrants: 7, version: 1 });
    });

    it('an update with a stale version → CONFLICT, nothing changed', async () => {
      const id = await createEnterprise();
      const first = (await set({ enterpriseId: id, year: 2020, inventionGrants: 1 })).statistics;
      await set({ enterpriseId: id, year: 2020, version: first.version, inventionGrants: 2 });
      const error = await expectRejected({ enterpriseId: id, year: 2020, version: first.version, inventionGrants: 99 }, 'CONFLICT');
      expect(error.extensions).toMatchObject({ field: 'version' });
      expect((await statistics(id))[0]).toMatchObject({ inventionGrants: 2, version: first.version + 1 });
      await expectRejected({ enterpriseId: id, year: 2020, version: first.version + 7, inventionGrants: 99 }, 'CONFLICT');
    });

    it('years are independent: the same enterprise can hold several, other enterprises are untouched', async () => {
      const a = await createEnterprise();
      const b = await createEnterprise();
      await set({ enterpriseId: a, year: 2019, ipStaff: 1 });
      await set({ enterpriseId: a, year: 2018, ipStaff: 2 });
      const { created } = await set({ enterpriseId: b, year: 2019, ipStaff: 3 });
      expect(created).toBe(true);
      expect((await statistics(a)).map((s) => [s.year, s.ipStaff])).toEqual([[2018, 2], [2019, 1]]);
      expect((await statistics(b)).map((s) => [s.year, s.ipStaff])).toEqual([[2019, 3]]);
    });

    it('two concurrent creations of the same year → one created, one CONFLICT, one row', async () => {
      const id = await createEnterprise();
      const results = await Promise.all([
        t.gql(SET, { input: { enterpriseId: id, year: 2017, inventionGrants: 1 } }),
        t.gql(SET, { input: { enterpriseId: id, year: 2017, inventionGrants: 2 } }),
      ]);
      const failed = results.filter((r) => r.errors?.length);
      expect(failed, JSON.stringify(results)).toHaveLength(1);
      expect(failed[0]!.errors![0]!.extensions?.code, JSON.stringify(failed[0]!.errors)).toBe('CONFLICT');
      const stored = await statistics(id);
      expect(stored).toHaveLength(1);
      const winner = results.find((r) => !r.errors?.length)!.data as { setEnterpriseStatistics: { statistics: Stats } };
      expect(stored[0]!.inventionGrants).toBe(winner.setEnterpriseStatistics.statistics.inventionGrants);
    });

    it('two concurrent updates with the same version → one succeeds, one CONFLICT', async () => {
      const id = await createEnterprise();
      const first = (await set({ enterpriseId: id, year: 2016, ipStaff: 1 })).statistics;
      const results = await Promise.all([
        t.gql(SET, { input: { enterpriseId: id, year: 2016, version: first.version, ipStaff: 10 } }),
        t.gql(SET, { input: { enterpriseId: id, year: 2016, version: first.version, ipStaff: 20 } }),
      ]);
      const failed = results.filter((r) => r.errors?.length);
      expect(failed, JSON.stringify(results)).toHaveLength(1);
      expect(failed[0]!.errors![0]!.extensions?.code).toBe('CONFLICT');
      const winner = (results.find((r) => !r.errors?.length)!.data as { setEnterpriseStatistics: { statistics: Stats } }).setEnterpriseStatistics.statistics;
      expect(await statistics(id)).toEqual([winner]);
      expect(winner.version).toBe(first.version + 1);
    });
  });

  describe('rejected input stores nothing', () => {
    it.each(ALL)('a negative %s → BAD_USER_INPUT on that field', async (field) => {
      const id = await createEnterprise();
      const error = await expectRejected({ enterpriseId: id, year: 2022, [field]: -1 }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toContain(field);
    });

    it('a negative figure on update → BAD_USER_INPUT, the record unchanged', async () => {
      const id = await createEnterprise();
      const first = (await set({ enterpriseId: id, year: 2022, inventionGrants: 5 })).statistics;
      await expectRejected({ enterpriseId: id, year: 2022, version: first.version, inventionGrants: -5 }, 'BAD_USER_INPUT');
      expect(await statistics(id)).toEqual([first]);
    });

    it('next year (in China) → BAD_USER_INPUT on year', async () => {
      const id = await createEnterprise();
      const error = await expectRejected({ enterpriseId: id, year: THIS_YEAR + 1, inventionGrants: 1 }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toContain('year');
    });

    it.each([1979, 0, -2020, 2100])('year %i → BAD_USER_INPUT on year', async (year) => {
      const id = await createEnterprise();
      const error = await expectRejected({ enterpriseId: id, year }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toContain('year');
    });

    it('the current year and 1980 are accepted', async () => {
      const id = await createEnterprise();
      expect((await set({ enterpriseId: id, year: THIS_YEAR })).created).toBe(true);
      expect((await set({ enterpriseId: id, year: 1980 })).created).toBe(true);
    });

    it('amounts that are not finite or too large → BAD_USER_INPUT', async () => {
      const id = await createEnterprise();
      await expectRejected({ enterpriseId: id, year: 2022, licensingIncome: 1e12 }, 'BAD_USER_INPUT');
      await expectRejected({ enterpriseId: id, year: 2022, pledgeFinancing: -0.01 }, 'BAD_USER_INPUT');
    });

    it('several problems are reported together', async () => {
      const id = await createEnterprise();
      const error = await expectRejected({ enterpriseId: id, year: THIS_YEAR + 1, ipStaff: -1, licensingIncome: -1 }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toEqual(expect.arrayContaining(['year', 'ipStaff', 'licensingIncome']));
    });

    it('an unknown enterprise → NOT_FOUND', async () => {
      await expectRejected({ enterpriseId: toGlobalId('Enterprise', randomUUID()), year: 2022 }, 'NOT_FOUND');
    });

    it('a malformed enterprise id or the id of another type → BAD_USER_INPUT on enterpriseId', async () => {
      const { region } = await t.ok(`{ region(code: "370200") { id } }`);
      for (const enterpriseId of ['nonsense', region.id]) {
        const error = await expectRejected({ enterpriseId, year: 2022 }, 'BAD_USER_INPUT');
        expect(fieldsOf(error)).toContain('enterpriseId');
      }
    });
  });

  describe('Enterprise.statistics(years:)', () => {
    let id: string;
    beforeAll(async () => {
      id = await createEnterprise();
      // entered out of order on purpose
      for (const year of [2021, 2015, 2023, 2019, 2017]) await set({ enterpriseId: id, year, inventionGrants: year - 2000 });
    });

    it('without years returns every year, ascending', async () => {
      const all = await statistics(id);
      expect(all.map((s) => s.year)).toEqual([2015, 2017, 2019, 2021, 2023]);
      expect(all.map((s) => s.inventionGrants)).toEqual([15, 17, 19, 21, 23]);
      expect(all.every((s) => s.enterprise.id === id)).toBe(true);
    });

    it('with years returns just those years, ascending, whatever order they are asked in', async () => {
      expect((await statistics(id, [2023, 2015, 2019])).map((s) => s.year)).toEqual([2015, 2019, 2023]);
      expect((await statistics(id, [2017])).map((s) => s.year)).toEqual([2017]);
    });

    it('years with no record are simply absent; duplicates are returned once', async () => {
      expect((await statistics(id, [2016, 2021, 2030, 2021])).map((s) => s.year)).toEqual([2021]);
      expect(await statistics(id, [2000, 2001])).toEqual([]);
    });

    it('an empty years list returns nothing', async () => {
      expect(await statistics(id, [])).toEqual([]);
    });

    it('different years arguments in one request are answered separately', async () => {
      const { enterprise } = await t.ok(`query($id: ID!) { enterprise(id: $id) {
        a: statistics(years: [2023, 2015]) { year }
        b: statistics(years: [2017]) { year }
        c: statistics { year } } }`, { id });
      expect(enterprise.a.map((s: { year: number }) => s.year)).toEqual([2015, 2023]);
      expect(enterprise.b.map((s: { year: number }) => s.year)).toEqual([2017]);
      expect(enterprise.c.map((s: { year: number }) => s.year)).toEqual([2015, 2017, 2019, 2021, 2023]);
    });

    it('more than 50 years → BAD_USER_INPUT; 50 are fine', async () => {
      const years = (n: number) => Array.from({ length: n }, (_, k) => 1980 + k);
      expect((await statistics(id, years(50))).map((s) => s.year)).toEqual([2015, 2017, 2019, 2021, 2023]); // 1980–2029
      const result = await t.gql(`query($id: ID!, $years: [Int!]) { enterprise(id: $id) { statistics(years: $years) { year } } }`, { id, years: years(51) });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
    });

    it('an enterprise with no statistics returns an empty list', async () => {
      const other = await createEnterprise();
      expect(await statistics(other)).toEqual([]);
      expect(await statistics(other, [2023])).toEqual([]);
    });
  });
});
