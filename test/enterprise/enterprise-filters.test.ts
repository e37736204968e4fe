/**
 * enterprises(filter:): each condition of EnterpriseFilter on its own and combined, checked
 * against a small data set whose every attribute is chosen here, so that the expected rows of
 * any filter can be computed independently (the `matching` oracle below).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import type { DesignationRow } from '../../seeds/factories.js';

type Size = 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';
type Level = DesignationRow['level'];
type Status = DesignationRow['status'];

interface Spec {
  key: string;
  region: string;
  industry: string;
  size: Size;
  exportOriented: boolean;
  industryLeader: boolean;
  designations: DesignationRow[];
}

interface Filter {
  regionCodes?: string[];
  includeSubJurisdictions?: boolean;
  industryCodes?: string[];
  sizeClasses?: Size[];
  exportOriented?: boolean;
  industryLeader?: boolean;
  designation?: { levels?: Level[]; statuses?: Status[]; batchYears?: number[] };
  search?: string;
}

interface ListData {
  enterprises: { totalCount: number; edges: { node: { creditCode: string } }[] };
}

/** Today's date in China Standard Time (the API's notion of "today"). */
function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const TODAY = chinaToday();
const YESTERDAY = shiftDays(TODAY, -1);
const NEXT_YEAR = shiftDays(TODAY, 365);

const adv = (status: Status, batchYear: number, validFrom: string, validUntil: string): DesignationRow => ({ level: 'ADVANTAGE', status, batchYear, validFrom, validUntil });
const demo = (status: Status, batchYear: number, validFrom: string, validUntil: string): DesignationRow => ({ level: 'DEMONSTRATION', status, batchYear, validFrom, validUntil });

/** Parents of the divisions used below (GB/T 4754-2017). */
const SECTION_OF: Record<string, string> = { '39': 'C', '38': 'C', '26': 'C', '34': 'C', C: 'C', '65': 'I', '64': 'I', I: 'I', '44': 'D', '01': 'A', '73': 'M' };
/** Separately planned cities and the XPCC under their province. */
const PARENT_REGION: Record<string, string> = { '440300': '440000', '330200': '330000', '660000': '650000' };

const SPECS: Spec[] = [
  { key: 'gd1', region: '440000', industry: '39', size: 'LARGE', exportOriented: true, industryLeader: true, designations: [adv('ACTIVE', 2023, '2023-12-01', NEXT_YEAR)] },
  { key: 'gd2', region: '440000', industry: '65', size: 'SMALL', exportOriented: false, industryLeader: false, designations: [] },
  { key: 'sz1', region: '440300', industry: '39', size: 'MEDIUM', exportOriented: true, industryLeader: false, designations: [demo('ACTIVE', 2024, '2024-09-26', NEXT_YEAR)] },
  // Stored ACTIVE but its validity ended: reads as EXPIRED.
  { key: 'sz2', region: '440300', industry: 'C', size: 'MICRO', exportOriented: false, industryLeader: false, designations: [adv('ACTIVE', 2020, '2020-12-01', '2023-11-30')] },
  { key: 'xj1', region: '650000', industry: '44', size: 'MEDIUM', exportOriented: false, industryLeader: false, designations: [adv('CANCELLED', 2021, '2021-12-01', '2024-11-30')] },
  { key: 'xp1', region: '660000', industry: '01', size: 'SMALL', exportOriented: false, industryLeader: false, designations: [adv('REVOKED', 2022, '2022-12-01', '2025-11-30')] },
  {
    key: 'xp2', region: '660000', industry: '39', size: 'LARGE', exportOriented: true, industryLeader: true,
    designations: [demo('WITHDRAWN', 2019, '2019-09-26', '2022-09-25'), adv('ACTIVE', 2023, '2023-12-05', NEXT_YEAR)],
  },
  {
    key: 'bj1', region: '110000', industry: '65', size: 'LARGE', exportOriented: true, industryLeader: true,
    designations: [adv('EXPIRED', 2019, '2019-12-01', '2022-11-30'), demo('ACTIVE', 2023, '2023-09-26', NEXT_YEAR)],
  },
  // Last day of validity is today: still ACTIVE (validUntil is inclusive).
  { key: 'bj2', region: '110000', industry: '73', size: 'MEDIUM', exportOriented: false, industryLeader: false, designations: [adv('ACTIVE', 2022, shiftDays(TODAY, -1000), TODAY)] },
  // Validity ended yesterday: EXPIRED.
  { key: 'zj1', region: '330000', industry: '26', size: 'SMALL', exportOriented: true, industryLeader: false, designations: [adv('ACTIVE', 2022, shiftDays(TODAY, -1000), YESTERDAY)] },
  { key: 'nb1', region: '330200', industry: 'I', size: 'MICRO', exportOriented: false, industryLeader: false, designations: [] },
  { key: 'nb2', region: '330200', industry: '34', size: 'MEDIUM', exportOriented: true, industryLeader: false, designations: [demo('CANCELLED', 2022, '2022-09-26', '2025-09-25')] },
  {
    key: 'zj2', region: '330000', industry: '64', size: 'LARGE', exportOriented: false, industryLeader: true,
    designations: [demo('ACTIVE', 2021, '2021-09-26', '2024-09-25'), demo('ACTIVE', 2024, '2024-09-26', NEXT_YEAR)],
  },
  { key: 'gd3', region: '440000', industry: 'M', size: 'SMALL', exportOriented: false, industryLeader: false, designations: [] },
  { key: 'ah1', region: '340000', industry: '38', size: 'MICRO', exportOriented: true, industryLeader: false, designations: [adv('ACTIVE', 2024, '2024-12-01', NEXT_YEAR)] },
];

/** What the API must report as the status of a designation today. */
function effectiveStatus(d: DesignationRow): Status {
  return d.status === 'ACTIVE' && d.validUntil < TODAY ? 'EXPIRED' : d.status;
}

/** The oracle: does an enterprise of this spec satisfy the filter? */
function matches(s: Spec, f: Filter): boolean {
  if (f.regionCodes) {
    const ok = f.regionCodes.includes(s.region) || (!!f.includeSubJurisdictions && PARENT_REGION[s.region] !== undefined && f.regionCodes.includes(PARENT_REGION[s.region]!));
    if (!ok) return false;
  }
  if (f.industryCodes && !f.industryCodes.some((c) => c === s.industry || c === SECTION_OF[s.industry])) return false;
  if (f.sizeClasses && !f.sizeClasses.includes(s.size)) return false;
  if (f.exportOriented != null && s.exportOriented !== f.exportOriented) return false;
  if (f.industryLeader != null && s.industryLeader !== f.industryLeader) return false;
  if (f.designation) {
    const { levels, statuses, batchYears } = f.designation;
    const any = s.designations.some(
      (d) => (!levels || levels.includes(d.level)) && (!statuses || statuses.includes(effectiveStatus(d))) && (!batchYears || batchYears.includes(d.batchYear)),
    );
    if (!any) return false;
  }
  return true;
}

const LIST = `
  query List($filter: EnterpriseFilter, $first: Int) {
    enterprises(filter: $filter, first: $first) { totalCount edges { node { creditCode } } }
  }`;

describe('enterprises(filter:)', () => {
  let t: TestApp;
  const codeOf = new Map<string, string>(); // spec key → credit code
  const keyOf = new Map<string, string>(); // credit code → spec key

  /** The spec keys the API returns for a filter; also checks that totalCount is the number of matching rows. */
  async function keys(filter: Filter | null): Promise<string[]> {
    const data = await t.ok<ListData>(LIST, { filter, first: 100 });
    const got = data.enterprises.edges.map((e) => keyOf.get(e.node.creditCode) ?? `?${e.node.creditCode}`);
    expect(data.enterprises.totalCount).toBe(got.length);
    return got.sort();
  }

  function expected(filter: Filter): string[] {
    return SPECS.filter((s) => matches(s, filter))
      .map((s) => s.key)
      .sort();
  }

  /** Asserts the API returns exactly the oracle's rows, and that they are the ones listed. */
  async function check(filter: Filter, listed: string[]): Promise<void> {
    expect(expected(filter)).toEqual([...listed].sort()); // the oracle agrees with the hand-written expectation
    expect(await keys(filter)).toEqual([...listed].sort());
  }

  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(41);
    for (const s of SPECS) {
      const e = await makeEnterprise(t.orm.em, rng, {
        regionCode: s.region,
        industryCode: s.industry,
        sizeClass: s.size,
        exportOriented: s.exportOriented,
        industryLeader: s.industryLeader,
      });
      for (const d of s.designations) await makeDesignation(t.orm.em, e, d);
      codeOf.set(s.key, e.creditCode);
      keyOf.set(e.creditCode, s.key);
    }
  });
  afterAll(() => t.close());

  it('without a filter (or with an empty one) returns every enterprise', async () => {
    const all = SPECS.map((s) => s.key).sort();
    expect(await keys(null)).toEqual(all);
    expect(await keys({})).toEqual(all);
  });

  describe('region', () => {
    it('a province code alone excludes its separately planned cities (440000 does not include Shenzhen 440300)', async () => {
      await check({ regionCodes: ['440000'] }, ['gd1', 'gd2', 'gd3']);
      await check({ regionCodes: ['440000'], includeSubJurisdictions: false }, ['gd1', 'gd2', 'gd3']);
    });

    it('includeSubJurisdictions: true rolls Shenzhen 440300 up into Guangdong 440000', async () => {
      await check({ regionCodes: ['440000'], includeSubJurisdictions: true }, ['gd1', 'gd2', 'gd3', 'sz1', 'sz2']);
    });

    it('includeSubJurisdictions: true rolls the XPCC 660000 up into Xinjiang 650000', async () => {
      await check({ regionCodes: ['650000'] }, ['xj1']);
      await check({ regionCodes: ['650000'], includeSubJurisdictions: true }, ['xj1', 'xp1', 'xp2']);
    });

    it('a separately planned city or the XPCC on its own is just itself, rolled up or not', async () => {
      await check({ regionCodes: ['440300'] }, ['sz1', 'sz2']);
      await check({ regionCodes: ['440300'], includeSubJurisdictions: true }, ['sz1', 'sz2']);
      await check({ regionCodes: ['660000'], includeSubJurisdictions: true }, ['xp1', 'xp2']);
    });

    it('several codes are OR-ed; roll-up applies to each', async () => {
      await check({ regionCodes: ['440000', '110000'] }, ['gd1', 'gd2', 'gd3', 'bj1', 'bj2']);
      await check({ regionCodes: ['330000', '650000'], includeSubJurisdictions: true }, ['zj1', 'zj2', 'nb1', 'nb2', 'xj1', 'xp1', 'xp2']);
      // Naming the city as well as its rolled-up province does not duplicate rows.
      await check({ regionCodes: ['330000', '330200'], includeSubJurisdictions: true }, ['zj1', 'zj2', 'nb1', 'nb2']);
    });

    it('includeSubJurisdictions without regionCodes does not restrict anything', async () => {
      expect(await keys({ includeSubJurisdictions: true })).toEqual(SPECS.map((s) => s.key).sort());
    });

    it('a region code that is not six digits is BAD_USER_INPUT', async () => {
      const result = await t.gql(LIST, { filter: { regionCodes: ['44'] }, first: 10 });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('industry', () => {
    it('a division code matches only that division', async () => {
      await check({ industryCodes: ['39'] }, ['gd1', 'sz1', 'xp2']);
    });

    it('a section letter includes its divisions (C includes 39) and enterprises classified at the section itself', async () => {
      await check({ industryCodes: ['C'] }, ['gd1', 'sz1', 'sz2', 'xp2', 'zj1', 'nb2', 'ah1']);
      await check({ industryCodes: ['I'] }, ['gd2', 'bj1', 'nb1', 'zj2']);
    });

    it('several codes are OR-ed, sections and divisions mixed', async () => {
      await check({ industryCodes: ['I', '44', '73'] }, ['gd2', 'bj1', 'nb1', 'zj2', 'xj1', 'bj2']);
      await check({ industryCodes: ['C', '39'] }, ['gd1', 'sz1', 'sz2', 'xp2', 'zj1', 'nb2', 'ah1']);
    });

    it('an unknown industry code is BAD_USER_INPUT naming filter.industryCodes in extensions.fields', async () => {
      for (const codes of [['ZZ'], ['C', '99'], ['390']]) {
        const result = await t.gql<ListData>(LIST, { filter: { industryCodes: codes }, first: 10 });
        expect(result.errors, JSON.stringify(codes)).toBeDefined();
        const error = result.errors![0]!;
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        const fields = error.extensions?.fields as { field: string; message: string }[];
        expect(Array.isArray(fields)).toBe(true);
        expect(fields.map((f) => f.field)).toContain('filter.industryCodes');
        expect(result.data ?? null).toBeNull();
      }
    });
  });

  describe('size, export orientation, industry leadership', () => {
    it('sizeClasses: one or several classes', async () => {
      await check({ sizeClasses: ['LARGE'] }, ['gd1', 'xp2', 'bj1', 'zj2']);
      await check({ sizeClasses: ['SMALL', 'MICRO'] }, ['gd2', 'sz2', 'xp1', 'zj1', 'nb1', 'gd3', 'ah1']);
    });

    it('exportOriented true and false partition the enterprises', async () => {
      const yes = await keys({ exportOriented: true });
      const no = await keys({ exportOriented: false });
      expect(yes).toEqual(expected({ exportOriented: true }));
      expect(no).toEqual(expected({ exportOriented: false }));
      expect(yes).toEqual(['ah1', 'bj1', 'gd1', 'nb2', 'sz1', 'xp2', 'zj1']);
      expect([...yes, ...no].sort()).toEqual(SPECS.map((s) => s.key).sort());
    });

    it('industryLeader true and false partition the enterprises', async () => {
      await check({ industryLeader: true }, ['gd1', 'xp2', 'bj1', 'zj2']);
      const no = await keys({ industryLeader: false });
      expect(no).toEqual(expected({ industryLeader: false }));
      expect(no).not.toContain('gd1');
      expect(no).toHaveLength(SPECS.length - 4);
    });
  });

  describe('designation', () => {
    it('levels', async () => {
      await check({ designation: { levels: ['DEMONSTRATION'] } }, ['sz1', 'xp2', 'bj1', 'nb2', 'zj2']);
      await check({ designation: { levels: ['ADVANTAGE'] } }, ['gd1', 'sz2', 'xj1', 'xp1', 'xp2', 'bj1', 'bj2', 'zj1', 'ah1']);
      await check({ designation: { levels: ['ADVANTAGE', 'DEMONSTRATION'] } }, ['gd1', 'sz1', 'sz2', 'xj1', 'xp1', 'xp2', 'bj1', 'bj2', 'zj1', 'nb2', 'zj2', 'ah1']);
    });

    it('statuses: ACTIVE means within validity today (the last day included); an ACTIVE designation past validUntil is not ACTIVE', async () => {
      await check({ designation: { statuses: ['ACTIVE'] } }, ['gd1', 'sz1', 'xp2', 'bj1', 'bj2', 'zj2', 'ah1']);
    });

    it('statuses: EXPIRED includes ACTIVE designations whose validUntil has passed, as well as stored EXPIRED ones', async () => {
      // sz2 and zj1 are stored ACTIVE with validUntil in the past (zj1: yesterday); bj1 is stored EXPIRED; zj2 has an old ACTIVE round.
      await check({ designation: { statuses: ['EXPIRED'] } }, ['sz2', 'zj1', 'bj1', 'zj2']);
    });

    it('statuses: CANCELLED, REVOKED, WITHDRAWN, and several at once', async () => {
      await check({ designation: { statuses: ['CANCELLED'] } }, ['xj1', 'nb2']);
      await check({ designation: { statuses: ['REVOKED'] } }, ['xp1']);
      await check({ designation: { statuses: ['WITHDRAWN'] } }, ['xp2']);
      await check({ designation: { statuses: ['CANCELLED', 'REVOKED'] } }, ['xj1', 'nb2', 'xp1']);
    });

    it('batchYears', async () => {
      await check({ designation: { batchYears: [2023] } }, ['gd1', 'xp2', 'bj1']);
      await check({ designation: { batchYears: [2019, 2024] } }, ['sz1', 'xp2', 'bj1', 'zj2', 'ah1']);
      await check({ designation: { batchYears: [2030] } }, []);
    });

    it('all conditions must hold on the same designation', async () => {
      // bj1 has an ADVANTAGE (expired) and an ACTIVE DEMONSTRATION: it is not an active advantage enterprise.
      await check({ designation: { levels: ['ADVANTAGE'], statuses: ['ACTIVE'] } }, ['gd1', 'xp2', 'bj2', 'ah1']);
      // Current demonstration enterprises (the example in the schema).
      await check({ designation: { levels: ['DEMONSTRATION'], statuses: ['ACTIVE'] } }, ['sz1', 'bj1', 'zj2']);
      // zj2: its 2021 round is expired, its 2024 round active.
      await check({ designation: { levels: ['DEMONSTRATION'], statuses: ['EXPIRED'], batchYears: [2021] } }, ['zj2']);
      await check({ designation: { statuses: ['ACTIVE'], batchYears: [2021] } }, []);
      // xp2: WITHDRAWN is its 2019 demonstration, not its 2023 advantage designation.
      await check({ designation: { levels: ['ADVANTAGE'], statuses: ['WITHDRAWN'] } }, []);
    });

    it('an empty designation filter matches enterprises with at least one designation', async () => {
      await check({ designation: {} }, ['gd1', 'sz1', 'sz2', 'xj1', 'xp1', 'xp2', 'bj1', 'bj2', 'zj1', 'nb2', 'zj2', 'ah1']);
    });

    it('Designation.status reads EXPIRED for an ACTIVE designation past its validUntil, and reports stored statuses as they are', async () => {
      const q = `query One($filter: EnterpriseFilter) {
        enterprises(filter: $filter, first: 100) { edges { node { creditCode designations { level batchYear status validUntil } } } }
      }`;
      const data = await t.ok<{ enterprises: { edges: { node: { creditCode: string; designations: { level: Level; batchYear: number; status: Status; validUntil: string }[] } }[] } }>(q);
      const byKey = new Map(data.enterprises.edges.map((e) => [keyOf.get(e.node.creditCode)!, e.node.designations]));
      const statusOf = (key: string, level: Level, batchYear: number) => byKey.get(key)!.find((d) => d.level === level && d.batchYear === batchYear)?.status;
      expect(statusOf('sz2', 'ADVANTAGE', 2020)).toBe('EXPIRED');
      expect(statusOf('zj1', 'ADVANTAGE', 2022)).toBe('EXPIRED');
      expect(statusOf('bj2', 'ADVANTAGE', 2022)).toBe('ACTIVE');
      expect(statusOf('gd1', 'ADVANTAGE', 2023)).toBe('ACTIVE');
      expect(statusOf('bj1', 'ADVANTAGE', 2019)).toBe('EXPIRED');
      expect(statusOf('zj2', 'DEMONSTRATION', 2021)).toBe('EXPIRED');
      expect(statusOf('zj2', 'DEMONSTRATION', 2024)).toBe('ACTIVE');
      expect(statusOf('xj1', 'ADVANTAGE', 2021)).toBe('CANCELLED');
      expect(statusOf('nb2', 'DEMONSTRATION', 2022)).toBe('CANCELLED');
      expect(statusOf('xp1', 'ADVANTAGE', 2022)).toBe('REVOKED');
      expect(statusOf('xp2', 'DEMONSTRATION', 2019)).toBe('WITHDRAWN');
      // The status shown and the status filtered on agree for every designation.
      for (const s of SPECS) {
        for (const d of s.designations) expect(statusOf(s.key, d.level, d.batchYear), `${s.key} ${d.level} ${d.batchYear}`).toBe(effectiveStatus(d));
      }
    });
  });

  describe('empty lists match nothing', () => {
    const empties: [string, Filter][] = [
      ['regionCodes', { regionCodes: [] }],
      ['regionCodes rolled up', { regionCodes: [], includeSubJurisdictions: true }],
      ['industryCodes', { industryCodes: [] }],
      ['sizeClasses', { sizeClasses: [] }],
      ['designation.levels', { designation: { levels: [] } }],
      ['designation.statuses', { designation: { statuses: [] } }],
      ['designation.batchYears', { designation: { batchYears: [] } }],
    ];
    for (const [name, filter] of empties) {
      it(`${name}: []`, async () => {
        const data = await t.ok<ListData>(LIST, { filter, first: 100 });
        expect(data.enterprises.edges).toEqual([]);
        expect(data.enterprises.totalCount).toBe(0);
      });
    }
  });

  describe('combinations (conditions are AND-ed)', () => {
    it('region rolled up + industry section + export orientation', async () => {
      await check({ regionCodes: ['440000'], includeSubJurisdictions: true, industryCodes: ['C'], exportOriented: true }, ['gd1', 'sz1']);
    });

    it('region + current demonstration enterprises', async () => {
      await check({ regionCodes: ['110000'], designation: { levels: ['DEMONSTRATION'], statuses: ['ACTIVE'] } }, ['bj1']);
    });

    it('size + industry leader + not export oriented', async () => {
      await check({ sizeClasses: ['LARGE'], industryLeader: true, exportOriented: false }, ['zj2']);
    });

    it('every condition at once', async () => {
      await check(
        {
          regionCodes: ['650000', '440000'],
          includeSubJurisdictions: true,
          industryCodes: ['C'],
          sizeClasses: ['LARGE', 'MEDIUM'],
          exportOriented: true,
          industryLeader: true,
          designation: { levels: ['ADVANTAGE'], statuses: ['ACTIVE'], batchYears: [2023] },
        },
        ['gd1', 'xp2'],
      );
    });

    it('conditions that contradict each other match nothing', async () => {
      await check({ regionCodes: ['440300'], industryCodes: ['I'] }, []);
    });

    it('a filter combined with search matches only rows satisfying both', async () => {
      const name = (await t.sql<{ name: string }>('select name from enterprise where credit_code = ?', [codeOf.get('gd1')])).at(0)!.name;
      expect(await keys({ search: name, regionCodes: ['440000'] })).toEqual(['gd1']);
      expect(await keys({ search: name, regionCodes: ['110000'] })).toEqual([]);
    });
  });

  describe('totalCount', () => {
    it('counts every matching row, independent of the page size', async () => {
      const filter: Filter = { regionCodes: ['440000', '330000'], includeSubJurisdictions: true };
      const want = expected(filter);
      expect(want.length).toBeGreaterThan(4);
      const page = await t.ok<ListData>(LIST, { filter, first: 2 });
      expect(page.enterprises.edges).toHaveLength(2);
      expect(page.enterprises.totalCount).toBe(want.length);
      const none = await t.ok<ListData>(LIST, { filter, first: 0 });
      expect(none.enterprises.totalCount).toBe(want.length);
    });

    it('equals the number of rows reached by paging through the filtered list', async () => {
      const filter: Filter = { designation: { statuses: ['ACTIVE', 'EXPIRED'] } };
      const q = `query P($filter: EnterpriseFilter, $after: String) {
        enterprises(filter: $filter, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { creditCode } } }
      }`;
      type Page = { enterprises: ListData['enterprises'] & { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let i = 0; i < 20; i++) {
        const page: Page = await t.ok<Page>(q, { filter, after });
        total = page.enterprises.totalCount;
        seen.push(...page.enterprises.edges.map((e) => keyOf.get(e.node.creditCode)!));
        if (!page.enterprises.pageInfo.hasNextPage) break;
        after = page.enterprises.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual(expected(filter));
      expect(total).toBe(seen.length);
    });
  });
});
