/**
 * statistics (issue 15): a viewer's totals equal the sum of what it can list, for every role. Each
 * fact is counted under the visibility of the type its rows are listed as, so ENTERPRISES equals
 * the `enterprises` list's totalCount, DESIGNATIONS the designations of the enterprises it lists,
 * ENROLMENTS the rosters it sees; with the same filter on both sides; and the detail rows of an
 * additive measure add up to its grand total. The anonymous public gets UNAUTHENTICATED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { insertEnrolment, insertOrganization, insertPerson, insertProgram, insertSession, type DesignationRow } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const TODAY = '2026-06-15';

type Size = 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';
const valid = (level: DesignationRow['level']): DesignationRow => ({ level, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
/** Stored ACTIVE, but its validity ended: EXPIRED on TODAY. */
const lapsed = (level: DesignationRow['level']): DesignationRow => ({ level, status: 'ACTIVE', batchYear: 2021, validFrom: '2021-12-01', validUntil: '2024-11-30' });
const revoked: DesignationRow = { level: 'ADVANTAGE', status: 'REVOKED', batchYear: 2024, validFrom: '2024-12-01', validUntil: '2027-11-30' };

/** Ten enterprises; the public directory on TODAY is gd1, sz1, xp1 and bj1 (a title valid that day). */
const ENTERPRISES: { key: string; region: string; industry: string; size: Size; designations: DesignationRow[]; inventions?: number[] }[] = [
  { key: 'gd1', region: '440000', industry: '39', size: 'LARGE', designations: [valid('DEMONSTRATION')], inventions: [40, 44] },
  { key: 'gd2', region: '440000', industry: '65', size: 'SMALL', designations: [], inventions: [3] },
  { key: 'gd3', region: '440000', industry: '26', size: 'MEDIUM', designations: [lapsed('ADVANTAGE')] },
  { key: 'sz1', region: '440300', industry: '39', size: 'MEDIUM', designations: [valid('ADVANTAGE'), lapsed('DEMONSTRATION')], inventions: [12] },
  { key: 'sz2', region: '440300', industry: '73', size: 'MICRO', designations: [] },
  { key: 'xj1', region: '650000', industry: '44', size: 'SMALL', designations: [], inventions: [1, 2] },
  { key: 'xp1', region: '660000', industry: '01', size: 'LARGE', designations: [valid('ADVANTAGE')] },
  { key: 'xp2', region: '660000', industry: '39', size: 'SMALL', designations: [revoked], inventions: [5] },
  { key: 'bj1', region: '110000', industry: '65', size: 'LARGE', designations: [valid('ADVANTAGE')], inventions: [30] },
  { key: 'bj2', region: '110000', industry: '38', size: 'MEDIUM', designations: [] },
];

/** Every role, with the number of enterprises it lists (its jurisdiction or its own, plus the public directory). */
const ROLES: [name: string, enterprises: number][] = [
  ['national admin', 10],
  ['provincial admin 440000', 6],
  ['provincial admin 440300 (separately planned city)', 5],
  ['provincial admin 650000', 5],
  ['provincial admin 660000 (XPCC)', 5],
  ['enterprise user of an undesignated enterprise', 5],
  ['enterprise user of a designated enterprise', 4],
  ['expert', 4],
  ['service provider (host of a training program)', 4],
];

const STATS = `query($q: StatisticsQuery!) { statistics(query: $q) { rows { isTotal keys { dimension value isTotal } values { measure value } } } }`;
const LIST = `query($f: EnterpriseFilter, $after: String) {
  enterprises(filter: $f, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id designations { id } } } }
}`;
const ROSTERS = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on TrainingSession { enrolments(first: 1) { totalCount } } } }`;

interface Row {
  isTotal: boolean;
  keys: { dimension: string; value: string | null; isTotal: boolean }[];
  values: { measure: string; value: number | null }[];
}
type Filter = { dimension: string; values: string[] };

describe('statistics: a viewer’s totals equal the sum of what it can list', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const sessions: string[] = [];
  let expertPerson = '';
  let host = '';

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(1515);
    for (const spec of ENTERPRISES) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: spec.region, industryCode: spec.industry, sizeClass: spec.size });
      ids[spec.key] = e.id;
      for (const d of spec.designations) await makeDesignation(t.orm.em, e, d);
      for (const [i, n] of (spec.inventions ?? []).entries()) await makeStatistics(t.orm.em, e, { year: 2024 + i, inventionApplications: n });
    }
    const em = t.orm.em;
    host = await insertOrganization(em, { name: '某知识产权培训基地', kind: 'TRAINING_BASE', regionCode: '440000' });
    const hosted = await insertProgram(em, { title: '知识产权管理实务', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING', hostId: host });
    const national = await insertProgram(em, { title: '企业知识产权战略', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' });
    const session = (programId: string, startsOn: string, regionCode: string | null) =>
      insertSession(em, { programId, startsOn, endsOn: startsOn, capacity: 50, registrationClosesOn: '2026-03-01', regionCode });
    const s1 = await session(hosted, '2026-05-10', '440000');
    const s2 = await session(national, '2026-04-01', '650000');
    const s3 = await session(national, '2026-07-01', null);
    sessions.push(...[s1, s2, s3].map((s) => toGlobalId('TrainingSession', s)));
    const person = (name: string, employerEnterpriseId: string | null, regionCode: string | null = null) =>
      insertPerson(em, { name, employerEnterpriseId, regionCode, category: 'IP_MANAGER' });
    const p = {
      gd1: await person('广东甲', ids.gd1!),
      gd2: await person('广东乙', ids.gd2!),
      sz2: await person('深圳乙', ids.sz2!),
      xp2: await person('兵团乙', ids.xp2!),
      bj1: await person('北京甲', ids.bj1!),
      // No employer: their own jurisdiction, or none at all.
      free: await person('新疆个人', null, '650000'),
      none: await person('无辖区', null, null),
      expert: await person('专家', null, '110000'),
    };
    expertPerson = p.expert;
    const enrol = (sessionId: string, personId: string, status: string, requestedBy = 'someone-else') =>
      insertEnrolment(em, { sessionId, personId, statuses: [status], priority: 'NONE', requestedAt: new Date('2026-02-20T02:00:00Z'), requestedBy });
    await enrol(s1, p.gd1, 'COMPLETED');
    await enrol(s1, p.sz2, 'BOOKED');
    await enrol(s1, p.xp2, 'COMPLETED');
    await enrol(s1, p.expert, 'COMPLETED');
    await enrol(s2, p.gd2, 'BOOKED');
    await enrol(s2, p.free, 'COMPLETED');
    await enrol(s2, p.bj1, 'CANCELLED');
    await enrol(s3, p.none, 'BOOKED');
    // Made by a provincial bureau (the username every test provincial admin has): visible to it through requested_by.
    await enrol(s3, p.gd1, 'BOOKED', 'test-provincial_admin');
    await enrol(s3, p.xp2, 'WAITLISTED');
  });
  afterAll(() => t.close());

  function viewer(role: string): Viewer {
    if (role === 'national admin') return as.national();
    const region = /provincial admin (\d{6})/.exec(role)?.[1];
    if (region) return as.provincial(region);
    if (role.startsWith('enterprise user of an undesignated')) return as.enterprise(ids.gd2!);
    if (role.startsWith('enterprise user of a designated')) return as.enterprise(ids.sz1!);
    if (role === 'expert') return as.user('EXPERT', { personId: expertPerson });
    return as.user('SERVICE_PROVIDER', { organizationId: host });
  }

  async function statistics(v: Viewer, q: Record<string, unknown>): Promise<Row[]> {
    return (await t.ok<{ statistics: { rows: Row[] } }>(STATS, { q }, v)).statistics.rows;
  }

  /** The single row of a query without dimensions, as measure → value. */
  async function totals(v: Viewer, measures: string[], filters: Filter[] = []): Promise<Record<string, number | null>> {
    const rows = await statistics(v, { measures, filters });
    expect(rows).toHaveLength(1);
    return Object.fromEntries(rows[0]!.values.map((c) => [c.measure, c.value]));
  }

  /** What the viewer lists: the enterprises' totalCount, and the designations of every enterprise listed (all pages). */
  async function listed(v: Viewer, filter: Record<string, unknown> | null = null): Promise<{ enterprises: number; designations: number }> {
    let after: string | null = null;
    let designations = 0;
    let seen = 0;
    let total = 0;
    for (;;) {
      const page: any = (await t.ok(LIST, { f: filter, after }, v)).enterprises;
      total = page.totalCount;
      seen += page.edges.length;
      designations += page.edges.reduce((n: number, e: any) => n + e.node.designations.length, 0);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toBe(total);
    return { enterprises: total, designations };
  }

  /** The enrolments the viewer sees on the sessions' rosters (a roster it may not see counts 0). */
  async function rostered(v: Viewer): Promise<number> {
    const { nodes } = await t.ok(ROSTERS, { ids: sessions }, v);
    return nodes.reduce((n: number, s: any) => n + (s.enrolments?.totalCount ?? 0), 0);
  }

  it('the anonymous public is refused statistics (UNAUTHENTICATED), before any SQL', async () => {
    const { result, queries } = await t.countQueries(() => t.gql(STATS, { q: { measures: ['ENTERPRISES'] } }, as.anonymous));
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    expect(queries).toEqual([]);
  });

  it.each(ROLES)('%s: ENTERPRISES, DESIGNATIONS and ENROLMENTS equal what it lists', async (role, expected) => {
    const v = viewer(role);
    const got = await totals(v, ['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS']);
    const list = await listed(v);
    expect(list.enterprises).toBe(expected);
    expect(got).toEqual({ ENTERPRISES: list.enterprises, DESIGNATIONS: list.designations, ENROLMENTS: await rostered(v) });
    // Asked alone, each is the same number (another fact in the query changes nothing).
    for (const m of ['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS']) expect(await totals(v, [m])).toEqual({ [m]: got[m] });
  });

  it('the roles see different rows: the test data tells them apart', async () => {
    const enrolments = async (role: string) => (await totals(viewer(role), ['ENROLMENTS'])).ENROLMENTS;
    // All ten; the 440000 bureau: its session s1 (4), its people (gd1 twice, gd2) and the one it made; 650000: its session s2 (3)
    // and the one it made (every test bureau has the same username); the expert: their own.
    expect(await enrolments('national admin')).toBe(10);
    expect(await enrolments('provincial admin 440000')).toBe(6);
    expect(await enrolments('provincial admin 650000')).toBe(4);
    expect(await enrolments('provincial admin 660000 (XPCC)')).toBe(3);
    expect(await enrolments('enterprise user of an undesignated enterprise')).toBe(1);
    expect(await enrolments('expert')).toBe(1);
    expect(await enrolments('service provider (host of a training program)')).toBe(4);
    expect((await totals(viewer('national admin'), ['DESIGNATIONS'])).DESIGNATIONS).toBe(7);
    expect((await totals(viewer('expert'), ['DESIGNATIONS'])).DESIGNATIONS).toBe(5);
  });

  /** Filters of statistics and the same rows chosen by the directory's filter. */
  const FILTERS: [name: string, statistics: Filter[], list: Record<string, unknown>][] = [
    ['REGION 440000 (without Shenzhen)', [{ dimension: 'REGION', values: ['440000'] }], { regionCodes: ['440000'] }],
    ['REGION 440300 and 660000', [{ dimension: 'REGION', values: ['440300', '660000'] }], { regionCodes: ['440300', '660000'] }],
    ['PROVINCE 440000 and 650000 (with Shenzhen and the XPCC)', [{ dimension: 'PROVINCE', values: ['440000', '650000'] }], { regionCodes: ['440000', '650000'], includeSubJurisdictions: true }],
    ['SIZE_CLASS LARGE and SMALL', [{ dimension: 'SIZE_CLASS', values: ['LARGE', 'SMALL'] }], { sizeClasses: ['LARGE', 'SMALL'] }],
    ['INDUSTRY_SECTION C', [{ dimension: 'INDUSTRY_SECTION', values: ['C'] }], { industryCodes: ['C'] }],
    ['INDUSTRY_DIVISION 39 and 65', [{ dimension: 'INDUSTRY_DIVISION', values: ['39', '65'] }], { industryCodes: ['39', '65'] }],
    [
      'REGION 440000 and 440300 with SIZE_CLASS MEDIUM',
      [{ dimension: 'REGION', values: ['440000', '440300'] }, { dimension: 'SIZE_CLASS', values: ['MEDIUM'] }],
      { regionCodes: ['440000', '440300'], sizeClasses: ['MEDIUM'] },
    ],
  ];

  describe.each(ROLES)('%s, with a filter', (role) => {
    it.each(FILTERS)('%s: ENTERPRISES and DESIGNATIONS equal the filtered list', async (_name, filters, filter) => {
      const v = viewer(role);
      const list = await listed(v, filter);
      expect(await totals(v, ['ENTERPRISES', 'DESIGNATIONS'], filters)).toEqual({ ENTERPRISES: list.enterprises, DESIGNATIONS: list.designations });
    });
  });

  it('a filtered total is not the unfiltered one (the filters take effect)', async () => {
    const v = viewer('national admin');
    expect(await totals(v, ['ENTERPRISES'], [{ dimension: 'REGION', values: ['440000'] }])).toEqual({ ENTERPRISES: 3 });
    expect(await totals(v, ['ENTERPRISES'], [{ dimension: 'PROVINCE', values: ['440000'] }])).toEqual({ ENTERPRISES: 5 });
    expect(await totals(v, ['ENTERPRISES'], [{ dimension: 'INDUSTRY_SECTION', values: ['C'] }])).toEqual({ ENTERPRISES: 5 });
  });

  const ADDITIVE = ['ENTERPRISES', 'DEMONSTRATION_ENTERPRISES', 'DESIGNATIONS', 'VALID_DESIGNATIONS', 'ENROLMENTS', 'COMPLETIONS', 'STATISTICS_REPORTS', 'INVENTION_APPLICATIONS_SUM'];

  describe.each(['REGION', 'SIZE_CLASS'])('Σ of detail rows == grand total row, by %s', (dimension) => {
    it.each(ROLES)('%s', async (role) => {
      const v = viewer(role);
      const whole = await totals(v, ADDITIVE);
      for (const fillEmpty of [true, false]) {
        const rows = await statistics(v, { measures: ADDITIVE, dimensions: [dimension], totals: 'GRAND', fillEmpty });
        const grand = rows.filter((r) => r.isTotal);
        expect(grand).toHaveLength(1);
        expect(rows.at(-1)).toBe(grand[0]);
        expect(grand[0]!.keys).toEqual([{ dimension, value: null, isTotal: true }]);
        const details = rows.filter((r) => !r.isTotal);
        expect(new Set(details.map((r) => r.keys[0]!.value)).size).toBe(details.length);
        for (const [i, m] of ADDITIVE.entries()) {
          const sum = details.reduce((n, r) => n + r.values[i]!.value!, 0);
          expect({ m, fillEmpty, sum }).toEqual({ m, fillEmpty, sum: grand[0]!.values[i]!.value });
          expect({ m, fillEmpty, total: grand[0]!.values[i]!.value }).toEqual({ m, fillEmpty, total: whole[m] });
        }
        if (!fillEmpty) for (const r of details) expect(r.values.some((c) => c.value !== 0)).toBe(true);
      }
    });
  });

  it('trainees with no jurisdiction and no employer are a group of their own (__none__), inside the totals', async () => {
    const rows = await statistics(viewer('national admin'), { measures: ['ENROLMENTS'], dimensions: ['REGION'], totals: 'GRAND', fillEmpty: false });
    const at = (value: string | null) => rows.find((r) => r.keys[0]!.value === value)?.values[0]!.value;
    expect(at('__none__')).toBe(1);
    // By the trainee's employer, else their own jurisdiction: gd1 ×2 and gd2 in 440000, the independent trainee in 650000.
    expect({ gd: at('440000'), sz: at('440300'), xj: at('650000'), xp: at('660000'), bj: at('110000') }).toEqual({ gd: 3, sz: 1, xj: 1, xp: 2, bj: 2 });
    expect(at(null)).toBe(10);
  });
});
