/**
 * Cultivation plans [D 五(一)]: "各省局……制定本区域示范企业培育工作总体方案"; its contents [D 三(三)1]:
 * "培育目标、工作计划、组织管理、政策支持、资金保障、督导检查". A provincial bureau drafts its plan for a
 * period (at most 10 years), edits the draft and publishes it; a new draft for the period is the next
 * revision and publishing it supersedes the previous one. One bureau's periods never overlap. The
 * national bureau reads every bureau's plans, a provincial bureau its own, nobody else any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import type { Viewer } from '../../src/context.js';

const GD = '440000';
const JS = '320000';
const ZJ = '330000';
const TODAY = '2026-11-20';

const FIELDS = `id bureauCode periodStart periodEnd revision status title goals workPlan organization policySupport funding supervision publishedAt publishedBy version`;
const DRAFT = `mutation($input: DraftCultivationPlanInput!) { draftCultivationPlan(input: $input) { plan { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateCultivationPlanInput!) { updateCultivationPlan(input: $input) { plan { ${FIELDS} } } }`;
const PUBLISH = `mutation($input: PublishCultivationPlanInput!) { publishCultivationPlan(input: $input) { plan { ${FIELDS} } } }`;
const LIST = `query($filter: CultivationPlanFilter, $first: Int) { cultivationPlans(filter: $filter, first: $first) { totalCount edges { node { ${FIELDS} } } } }`;

/** The six parts of [D 三(三)1] and a title. */
const SECTIONS = {
  title: '广东省示范企业培育工作总体方案',
  goals: '培育示范企业 100 家',
  workPlan: '分三年推进',
  organization: '省局牵头，地市配合',
  policySupport: '优先推荐各类项目',
  funding: '省级专项资金',
  supervision: '年度督导检查',
};

interface Plan {
  id: string;
  bureauCode: string;
  periodStart: number;
  periodEnd: number;
  revision: number;
  status: string;
  publishedAt: Date | null;
  publishedBy: string | null;
  version: number;
  [field: string]: unknown;
}

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string; message: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code), message: error.message };
}

describe('cultivation plans [D 三(三)1, 五(一)]: each provincial bureau’s plan for its region', () => {
  let t: TestApp;
  let enterpriseId = '';
  const national = as.national();
  const bureau = (region: string): Viewer => as.provincial(region);

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    enterpriseId = (await makeEnterprise(t.orm.em, randomFor(1505), { regionCode: GD })).id;
  });
  afterAll(() => t.close());

  async function draft(region: string, periodStart: number, periodEnd: number, sections: Record<string, string> = SECTIONS): Promise<Plan> {
    return (await t.ok(DRAFT, { input: { periodStart, periodEnd, sections } }, bureau(region))).draftCultivationPlan.plan;
  }
  async function update(p: Plan, sections: Record<string, string>): Promise<Plan> {
    return (await t.ok(UPDATE, { input: { id: p.id, version: p.version, sections } }, bureau(p.bureauCode))).updateCultivationPlan.plan;
  }
  async function publish(p: Plan): Promise<Plan> {
    return (await t.ok(PUBLISH, { input: { id: p.id, version: p.version } }, bureau(p.bureauCode))).publishCultivationPlan.plan;
  }
  /** Every stored plan (all columns) and the number of audit entries: what a refusal must leave as it was. */
  const everything = async () => ({
    plans: (await t.sql<{ json: string }>(`select row_to_json(p)::text as json from cultivation_plan p order by id`)).map((r) => r.json),
    audit: (await t.sql<{ n: number }>(`select count(*)::int as n from audit_entry`))[0]!.n,
  });
  const fieldsOf = (result: Parameters<typeof errorOf>[0]) => (errorOf(result).fields as { field: string }[]).map((f) => f.field);

  it('draft: the title and all six parts are required, the period at most 10 years; a refusal stores nothing', async () => {
    t.setToday(TODAY);
    const before = await everything();
    const gd = bureau(GD);
    expect(errorOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2030, sections: { ...SECTIONS, goals: '' } } }, gd))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(fieldsOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2030, sections: { ...SECTIONS, goals: '' } } }, gd))).toEqual(['sections.goals']);
    expect(fieldsOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2030, sections: { ...SECTIONS, title: '   ', supervision: ' ' } } }, gd))).toEqual(['sections.title', 'sections.supervision']);
    for (const part of ['workPlan', 'organization', 'policySupport', 'funding']) {
      expect(fieldsOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2030, sections: { ...SECTIONS, [part]: '' } } }, gd))).toEqual([`sections.${part}`]);
    }
    // 2026–2035 is ten years; 2026–2036 eleven; an end before the start.
    expect(fieldsOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2036, sections: SECTIONS } }, gd))).toEqual(['periodEnd']);
    expect(fieldsOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2025, sections: SECTIONS } }, gd))).toEqual(['periodEnd']);
    expect(fieldsOf(await t.gql(DRAFT, { input: { periodStart: 1999, periodEnd: 2001, sections: SECTIONS } }, gd))).toContain('periodStart');
    expect(await everything()).toEqual(before);
  });

  it('draft, update the draft, publish: PUBLISHED with publishedBy; each step audited', async () => {
    t.setToday(TODAY);
    const p = await draft(GD, 2026, 2030);
    expect(p).toMatchObject({ bureauCode: GD, periodStart: 2026, periodEnd: 2030, revision: 1, status: 'DRAFT', publishedAt: null, publishedBy: null, version: 1, ...SECTIONS });
    const edited = await update(p, { ...SECTIONS, goals: '培育示范企业 120 家', funding: '省级专项资金 5000 万元' });
    expect(edited).toMatchObject({ status: 'DRAFT', goals: '培育示范企业 120 家', funding: '省级专项资金 5000 万元', workPlan: SECTIONS.workPlan, version: 2 });
    // Update replaces all the parts, so they are all required again.
    expect(fieldsOf(await t.gql(UPDATE, { input: { id: p.id, version: edited.version, sections: { ...SECTIONS, organization: '' } } }, bureau(GD)))).toEqual(['sections.organization']);
    // A stale version.
    expect(errorOf(await t.gql(UPDATE, { input: { id: p.id, version: 1, sections: SECTIONS } }, bureau(GD)))).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(errorOf(await t.gql(PUBLISH, { input: { id: p.id, version: 1 } }, bureau(GD))).code).toBe('CONFLICT');
    const published = await publish(edited);
    expect(published).toMatchObject({ status: 'PUBLISHED', revision: 1, publishedBy: 'test-provincial_admin', publishedAt: new Date(`${TODAY}T00:00:00+08:00`), goals: '培育示范企业 120 家' });
    const [raw] = await t.sql<{ id: string }>(`select id::text from cultivation_plan where bureau_code = ? and period_start = 2026 and revision = 1`, [GD]);
    const log = await t.sql<{ operation: string; jurisdiction: string }>(`select operation, jurisdiction from audit_entry where object_id = ? order by at, id`, [raw!.id]);
    expect(log).toEqual([
      { operation: 'draftCultivationPlan', jurisdiction: GD },
      { operation: 'updateCultivationPlan', jurisdiction: GD },
      { operation: 'publishCultivationPlan', jurisdiction: GD },
    ]);
  });

  it('revisions: one draft a period at a time; the next draft is revision 2, publishing it supersedes revision 1; published and superseded ones are not edited', async () => {
    t.setToday(TODAY);
    const [first] = (await t.ok(LIST, { filter: { bureauCode: GD, year: 2026 } }, bureau(GD))).cultivationPlans.edges.map((e: any) => e.node as Plan);
    expect(first).toMatchObject({ revision: 1, status: 'PUBLISHED' });
    // A published revision cannot be changed or published again.
    expect(errorOf(await t.gql(UPDATE, { input: { id: first!.id, version: first!.version, sections: SECTIONS } }, bureau(GD))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: first!.id, version: first!.version } }, bureau(GD))).code).toBe('CONFLICT');
    const second = await draft(GD, 2026, 2030, { ...SECTIONS, title: '广东省方案（修订）' });
    expect(second).toMatchObject({ revision: 2, status: 'DRAFT' });
    // While it is a draft, another draft of the same period is refused, whatever its end year.
    const before = await everything();
    expect(errorOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2030, sections: SECTIONS } }, bureau(GD))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2028, sections: SECTIONS } }, bureau(GD))).code).toBe('CONFLICT');
    expect(await everything()).toEqual(before);
    // Revision 1 stays current until revision 2 is published.
    const current = async () => (await t.ok(LIST, { filter: { bureauCode: GD, year: 2027, currentOnly: true } }, national)).cultivationPlans.edges.map((e: any) => [e.node.revision, e.node.title]);
    expect(await current()).toEqual([[1, SECTIONS.title]]);
    const published = await publish(second);
    expect(published).toMatchObject({ revision: 2, status: 'PUBLISHED' });
    expect(await current()).toEqual([[2, '广东省方案（修订）']]);
    const all = (await t.ok(LIST, { filter: { bureauCode: GD } }, national)).cultivationPlans.edges.map((e: any) => [e.node.revision, e.node.status]);
    expect(all).toEqual([
      [2, 'PUBLISHED'],
      [1, 'SUPERSEDED'],
    ]);
    const superseded = (await t.ok(`query($id: ID!) { node(id: $id) { ... on CultivationPlan { status version } } }`, { id: first!.id }, bureau(GD))).node;
    expect(superseded.status).toBe('SUPERSEDED');
    expect(errorOf(await t.gql(UPDATE, { input: { id: first!.id, version: superseded.version, sections: SECTIONS } }, bureau(GD))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: first!.id, version: superseded.version } }, bureau(GD))).code).toBe('CONFLICT');
  });

  it('periods: one bureau’s periods never overlap; another bureau may use the same years', async () => {
    t.setToday(TODAY);
    const before = await everything();
    for (const [start, end] of [[2028, 2032], [2021, 2026], [2030, 2030], [2020, 2029]] as const) {
      expect(errorOf(await t.gql(DRAFT, { input: { periodStart: start, periodEnd: end, sections: SECTIONS } }, bureau(GD))), `${start}–${end}`).toMatchObject({ code: 'CONFLICT', periodStart: 2026, periodEnd: 2030 });
    }
    expect(await everything()).toEqual(before);
    // The years next to it are free; Jiangsu may plan for the same years as Guangdong.
    expect(await draft(GD, 2031, 2035)).toMatchObject({ revision: 1, periodStart: 2031, status: 'DRAFT' });
    expect(await draft(GD, 2021, 2025)).toMatchObject({ revision: 1, periodStart: 2021 });
    expect(await draft(JS, 2026, 2030, { ...SECTIONS, title: '江苏省示范企业培育工作总体方案' })).toMatchObject({ bureauCode: JS, revision: 1, periodStart: 2026 });
    expect(errorOf(await t.gql(DRAFT, { input: { periodStart: 2028, periodEnd: 2030, sections: SECTIONS } }, bureau(JS))).code).toBe('CONFLICT');
  });

  it('two concurrent drafts of the same bureau and period: one draft and one CONFLICT', async () => {
    t.setToday(TODAY);
    const results = await Promise.all([0, 1].map(() => t.gql(DRAFT, { input: { periodStart: 2026, periodEnd: 2030, sections: SECTIONS } }, bureau(ZJ))));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => errorOf(r).code)).toEqual(['CONFLICT']);
    expect((await t.sql<{ n: number }>(`select count(*)::int as n from cultivation_plan where bureau_code = ?`, [ZJ]))[0]!.n).toBe(1);
  });

  it('roles: only a provincial bureau drafts and publishes, and only its own; a refusal stores nothing', async () => {
    t.setToday(TODAY);
    const js = (await t.ok(LIST, { filter: { bureauCode: JS, year: 2026 } }, bureau(JS))).cultivationPlans.edges[0].node as Plan;
    expect(js.status).toBe('DRAFT');
    const before = await everything();
    const input = { periodStart: 2040, periodEnd: 2042, sections: SECTIONS };
    for (const viewer of [national, as.enterprise(enterpriseId), as.user('EXPERT'), as.user('SERVICE_PROVIDER')]) {
      expect(errorOf(await t.gql(DRAFT, { input }, viewer)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(UPDATE, { input: { id: js.id, version: js.version, sections: SECTIONS } }, viewer)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(PUBLISH, { input: { id: js.id, version: js.version } }, viewer)).code).toBe('FORBIDDEN');
    }
    expect(errorOf(await t.gql(DRAFT, { input }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: js.id, version: js.version } }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    // Another bureau does not even see it.
    for (const other of [bureau(GD), bureau(ZJ)]) {
      expect(errorOf(await t.gql(UPDATE, { input: { id: js.id, version: js.version, sections: { ...SECTIONS, title: '别人改的' } } }, other)).code).toBe('NOT_FOUND');
      expect(errorOf(await t.gql(PUBLISH, { input: { id: js.id, version: js.version } }, other)).code).toBe('NOT_FOUND');
      expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: js.id }, other)).node).toBeNull();
    }
    expect(await everything()).toEqual(before);
    expect(await publish(js)).toMatchObject({ status: 'PUBLISHED', bureauCode: JS });
  });

  it('reading: the national bureau reads every bureau’s plans, a provincial bureau its own; nobody else', async () => {
    t.setToday(TODAY);
    const stored = (await t.sql<{ bureau_code: string; n: number }>(`select bureau_code, count(*)::int as n from cultivation_plan group by bureau_code`)).reduce<Record<string, number>>((o, r) => ({ ...o, [r.bureau_code]: r.n }), {});
    const all = (await t.ok(LIST, { first: 100 }, national)).cultivationPlans;
    expect(all.totalCount).toBe(Object.values(stored).reduce((a, b) => a + b, 0));
    expect([...new Set(all.edges.map((e: any) => e.node.bureauCode))].sort()).toEqual([JS, ZJ, GD].sort());
    for (const region of [GD, JS, ZJ]) {
      const own = (await t.ok(LIST, { first: 100 }, bureau(region))).cultivationPlans;
      expect(own.totalCount).toBe(stored[region]);
      expect(own.edges.every((e: any) => e.node.bureauCode === region)).toBe(true);
    }
    // Asking for another bureau's plans gives nothing, not them.
    expect((await t.ok(LIST, { filter: { bureauCode: JS } }, bureau(GD))).cultivationPlans.totalCount).toBe(0);
    expect((await t.ok(LIST, {}, bureau('110000'))).cultivationPlans.totalCount).toBe(0);
    for (const viewer of [as.enterprise(enterpriseId), as.user('EXPERT'), as.user('SERVICE_PROVIDER')]) expect(errorOf(await t.gql(LIST, {}, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(LIST, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
  });

  it('cultivationPlans(filter: { year, currentOnly: true }): the current published plan covering that year', async () => {
    t.setToday(TODAY);
    const current = async (viewer: Viewer, year: number, bureauCode?: string) =>
      (await t.ok(LIST, { filter: { year, currentOnly: true, ...(bureauCode ? { bureauCode } : {}) } }, viewer)).cultivationPlans.edges.map((e: any) => `${e.node.bureauCode} ${e.node.periodStart}–${e.node.periodEnd} r${e.node.revision} ${e.node.status}`);
    // Guangdong: 2026–2030 revision 2 current (revision 1 superseded); 2031–2035 and 2021–2025 still drafts.
    expect(await current(bureau(GD), 2028)).toEqual([`${GD} 2026–2030 r2 PUBLISHED`]);
    expect(await current(bureau(GD), 2030)).toEqual([`${GD} 2026–2030 r2 PUBLISHED`]);
    expect(await current(bureau(GD), 2033)).toEqual([]);
    expect(await current(bureau(GD), 2024)).toEqual([]);
    // Without currentOnly the drafts and the superseded revision are there too.
    const covering2028 = (await t.ok(LIST, { filter: { year: 2028 } }, bureau(GD))).cultivationPlans.edges.map((e: any) => `r${e.node.revision} ${e.node.status}`);
    expect(covering2028).toEqual(['r2 PUBLISHED', 'r1 SUPERSEDED']);
    const draft2031 = (await t.ok(LIST, { filter: { year: 2033 } }, bureau(GD))).cultivationPlans.edges[0].node as Plan;
    await publish(draft2031);
    expect(await current(bureau(GD), 2033)).toEqual([`${GD} 2031–2035 r1 PUBLISHED`]);
    // The national bureau: every bureau's current plan for the year, or one bureau's.
    expect((await current(national, 2028)).sort()).toEqual([`${GD} 2026–2030 r2 PUBLISHED`, `${JS} 2026–2030 r1 PUBLISHED`].sort());
    expect(await current(national, 2028, JS)).toEqual([`${JS} 2026–2030 r1 PUBLISHED`]);
    // A bureau's own view never includes another's current plan.
    expect(await current(bureau(JS), 2033)).toEqual([]);
  });

  it('periods: a superseded revision’s years are history, not the bureau’s period (a shortened revision frees the years after it)', async () => {
    t.setToday(TODAY);
    const TJ = '120000';
    await publish(await draft(TJ, 2026, 2030));
    const shorter = await draft(TJ, 2026, 2028);
    // While revision 1 (to 2030) is current, 2029 is still covered.
    expect(errorOf(await t.gql(DRAFT, { input: { periodStart: 2029, periodEnd: 2033, sections: SECTIONS } }, bureau(TJ))).code).toBe('CONFLICT');
    await publish(shorter);
    expect((await t.ok(LIST, { filter: { year: 2029, currentOnly: true } }, bureau(TJ))).cultivationPlans.totalCount).toBe(0);
    // Now the current plan ends in 2028: the next period may start in 2029.
    const next = await t.gql(DRAFT, { input: { periodStart: 2029, periodEnd: 2033, sections: SECTIONS } }, bureau(TJ));
    expect(next.errors?.[0]?.message, '2029–2033 after the 2026 plan was revised to end in 2028').toBeUndefined();
    expect(next.data?.draftCultivationPlan.plan).toMatchObject({ periodStart: 2029, revision: 1, status: 'DRAFT' });
  });

  it('a part may be as long as the schema says (“每部分 1–20000 字”): 5,000 characters are accepted', async () => {
    t.setToday(TODAY);
    const long = '培'.repeat(5000);
    const result = await t.gql(DRAFT, { input: { periodStart: 2050, periodEnd: 2052, sections: { ...SECTIONS, goals: long } } }, bureau(GD));
    expect(result.errors, JSON.stringify(result.errors?.[0]?.extensions)).toBeUndefined();
    expect(result.data?.draftCultivationPlan.plan.goals).toHaveLength(5000);
  });
});
