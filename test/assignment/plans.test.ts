/**
 * Plans for a whole bureau [R17; issue 14 item 5]: computed by the solver in a worker thread,
 * previewed (per officer and per enterprise), edited row by row, committed in one transaction
 * (refused when the data changed since), re-planned with stability; infeasibility diagnosed by
 * region; the figures of the liaison work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { as } from '../harness/app.js';
import { errorOf } from '../liaison/world.js';
import { assign, bureauViewer, demonstrationEnterprise, registerOfficer } from './fixtures.js';
import { buildProblem } from '../../src/modules/assignment/plan.service.js';
import { factorsOf, loadWorld } from '../../src/modules/assignment/world.js';
import { AssignmentPlanMode } from '../../src/modules/assignment/plan.entity.js';
import { LiaisonCapacityBasis } from '../../src/modules/programme/programme-settings.entity.js';
import { debuggable } from './fixtures.js';

const GD = '440000';
const XJ = '650000';
const ZJ = '330000';
const COMPUTE = `mutation($input: ComputeAssignmentPlanInput!) { computeAssignmentPlan(input: $input) { plan { id version status feasible objective stabilityWeight shortfalls { message regionCode enterprises demand capacity officers } } } }`;
const PREVIEW = `query($id: ID!) { node(id: $id) { ... on AssignmentPlan { id version status feasible
  summary { enterprises added moved kept unassigned edited }
  officers { officer { id name } added kept removed loadAfter capacity }
  rows(first: 100) { totalCount edges { node { enterprise { id } officer { id } previousOfficer { id } seats edited factors { region total } } } } } } }`;
const COMMIT = `mutation($input: CommitAssignmentPlanInput!) { commitAssignmentPlan(input: $input) { plan { status } started ended kept } }`;
const EDIT = `mutation($input: EditAssignmentPlanRowInput!) { editAssignmentPlanRow(input: $input) { plan { version } } }`;

describe('assignment plans', () => {
  let t: TestApp;
  const gd = bureauViewer(GD);
  beforeAll(async () => {
    t = await createTestApp(...debuggable());
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  const preview = async (id: string, viewer = gd) => (await t.ok<any>(PREVIEW, { id }, viewer)).node;

  it('no complete plan: the answer names the region, its enterprises and the seats open to them', async () => {
    const xj = bureauViewer(XJ);
    for (let i = 0; i < 14; i++) await demonstrationEnterprise(t, XJ);
    const a = await registerOfficer(t, { bureau: XJ, capacity: 5, name: '阿联络', regions: [XJ] });
    await registerOfficer(t, { bureau: XJ, capacity: 4, name: '巴联络', regions: [XJ] });
    // A third officer is conflicted with everything it could take: it is away today.
    const away = await registerOfficer(t, { bureau: XJ, capacity: 20, name: '休假联络' });
    const version = (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonOfficer { version } } }`, { id: away.id }, xj)).node.version;
    await t.ok(`mutation($input: UpdateLiaisonOfficerInput!) { updateLiaisonOfficer(input: $input) { officer { id } } }`, { input: { officerId: away.id, version, absences: [{ from: '2026-06-01', until: '2026-07-31', reason: '借调' }] } }, xj);
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, xj)).computeAssignmentPlan.plan;
    expect(plan.feasible).toBe(false);
    expect(plan.shortfalls).toEqual([
      { message: expect.stringContaining('新疆'), regionCode: XJ, enterprises: 14, demand: 14, capacity: 9, officers: expect.arrayContaining(['阿联络', '巴联络']) },
    ]);
    const p = await preview(plan.id, xj);
    expect(p.summary).toMatchObject({ enterprises: 14, added: 9, unassigned: 5 });
    expect(p.officers.find((o: any) => o.officer.id === a.id)).toMatchObject({ added: 5, loadAfter: 5, capacity: 5 });
  });

  it('compute → preview → edit → commit; the data changing in between refuses the commit', async () => {
    const firms = [];
    for (let i = 0; i < 6; i++) firms.push(await demonstrationEnterprise(t, GD));
    const officers = [];
    for (const name of ['甲', '乙', '丙']) officers.push(await registerOfficer(t, { bureau: GD, capacity: 3, name: `${name}联络`, regions: [GD] }));
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gd)).computeAssignmentPlan.plan;
    expect(plan).toMatchObject({ status: 'DRAFT', feasible: true, shortfalls: [], stabilityWeight: 20 });
    let p = await preview(plan.id);
    expect(p.summary).toEqual({ enterprises: 6, added: 6, moved: 0, kept: 0, unassigned: 0, edited: 0 });
    // Balanced: equal fit, so every officer gets its capacity-proportional share (2 each).
    expect(p.officers.map((o: any) => o.loadAfter).sort()).toEqual([2, 2, 2]);
    expect(p.rows.edges.every((e: any) => e.node.factors.region === 40)).toBe(true);

    // Edit one row to another officer (capacity within the plan is checked: 3 at most).
    const row = p.rows.edges[0].node;
    const target = officers.find((o) => o.id !== row.officer.id)!;
    const edited = await t.ok<any>(EDIT, { input: { planId: plan.id, enterpriseId: row.enterprise.id, officerId: target.id, note: '企业点名', version: p.version } }, gd);
    p = await preview(plan.id);
    expect(p.version).toBe(edited.editAssignmentPlanRow.plan.version);
    expect(p.summary.edited).toBe(1);
    expect(errorOf(await t.gql(EDIT, { input: { planId: plan.id, enterpriseId: row.enterprise.id, officerId: target.id, version: p.version - 1 } }, gd)).code).toBe('CONFLICT');
    // Overfilling an officer within the plan is refused.
    const others = p.rows.edges.filter((e: any) => e.node.officer.id !== target.id);
    const fill = await t.gql(EDIT, { input: { planId: plan.id, enterpriseId: others[0].node.enterprise.id, officerId: target.id, version: p.version } }, gd);
    expect(errorOf(fill)).toMatchObject({ code: 'RULE_VIOLATION', condition: 'FULL' });

    // Someone assigns by hand meanwhile: the commit is refused.
    const late = await demonstrationEnterprise(t, GD);
    await assign(t, GD, late.gid, officers[0]!.id);
    const refused = errorOf(await t.gql(COMMIT, { input: { planId: plan.id, version: p.version } }, gd));
    expect(refused).toMatchObject({ code: 'CONFLICT', reason: 'DATA_CHANGED' });
    const [{ n }] = await t.sql<{ n: number }>(`select count(*)::int as n from liaison_assignment where source = 'PLAN'`);
    expect(n).toBe(0);

    // Recompute and commit: every enterprise assigned within capacity, each with its factors.
    const again = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gd)).computeAssignmentPlan.plan;
    const committed = await t.ok<any>(COMMIT, { input: { planId: again.id, version: again.version } }, gd);
    expect(committed.commitAssignmentPlan).toEqual({ plan: { status: 'COMMITTED' }, started: 6, ended: 0, kept: 0 });
    expect(errorOf(await t.gql(COMMIT, { input: { planId: again.id, version: again.version } }, gd)).code).toBe('CONFLICT');
    const loads = await t.sql<{ seats: number }>(`select count(*)::int as seats from liaison_assignment where bureau_code = '${GD}' and ended_on is null group by officer_id`);
    expect(loads.every((l) => l.seats <= 3)).toBe(true);
    const current = await t.sql<{ n: number }>(`select count(*)::int as n from liaison_assignment where bureau_code = '${GD}' and ended_on is null and source = 'PLAN' and factors is not null`);
    expect(current[0]!.n).toBe(6);
  });

  it('a re-plan after new designations keeps the existing assignments (stability) and places the new ones', async () => {
    for (let i = 0; i < 2; i++) await demonstrationEnterprise(t, GD);
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'REBALANCE' } }, gd)).computeAssignmentPlan.plan;
    const p = await preview(plan.id);
    expect(p.summary).toMatchObject({ added: 2, moved: 0, unassigned: 0 });
    expect(p.summary.kept).toBe(p.summary.enterprises - 2);
    const done = await t.ok<any>(COMMIT, { input: { planId: plan.id, version: plan.version } }, gd);
    expect(done.commitAssignmentPlan).toMatchObject({ started: 2, ended: 0 });
  });

  it('a re-plan keeps hand assignments (made for a stated reason) unless asked not to', async () => {
    const SZ = '440300';
    const sz = bureauViewer(SZ);
    const firm = await demonstrationEnterprise(t, SZ, { industryCode: 'C' });
    const poor = await registerOfficer(t, { bureau: SZ, name: '深圳甲', capacity: 5 });
    const good = await registerOfficer(t, { bureau: SZ, name: '深圳乙', capacity: 5, regions: [SZ], industrySections: ['C'] });
    await assign(t, SZ, firm.gid, poor.id, '企业点名要求');
    const kept = (await t.ok<any>(COMPUTE, { input: { mode: 'REBALANCE' } }, sz)).computeAssignmentPlan.plan;
    expect((await preview(kept.id, sz)).summary.enterprises).toBe(0);
    const free = (await t.ok<any>(COMPUTE, { input: { mode: 'REBALANCE', keepManualAssignments: false } }, sz)).computeAssignmentPlan.plan;
    const rows = (await preview(free.id, sz)).rows.edges.map((e: any) => e.node);
    expect(rows).toEqual([expect.objectContaining({ officer: { id: good.id }, previousOfficer: { id: poor.id } })]);
  });

  it('the solver is given the fit the preview explains: every edge’s score is factorsOf’s total (load aside)', async () => {
    const world = await loadWorld(t.orm.em.fork(), GD, '2026-06-15', LiaisonCapacityBasis.COUNT);
    const { officers, planned, problem, currentOf } = buildProblem(t, world, AssignmentPlanMode.REBALANCE, false);
    expect(problem.edges.score.length).toBeGreaterThan(10);
    for (let i = 0; i < problem.edges.score.length; i++) {
      const e = planned[problem.edges.enterprise[i]!]!;
      const o = officers[problem.edges.officer[i]!]!;
      expect(problem.edges.score[i]).toBeCloseTo(factorsOf(t.reference, world, o, e, currentOf.get(e.id)?.officer_id ?? null, null).total, 6);
    }
  });

  it('plans are the bureau’s own: another province and the enterprises neither see nor compute them', async () => {
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gd)).computeAssignmentPlan.plan;
    expect((await t.ok<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: plan.id }, as.provincial(ZJ))).node).toBeNull();
    expect((await t.ok<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: plan.id }, as.national())).node).toEqual({ id: plan.id });
    const firm = await demonstrationEnterprise(t, GD);
    expect(errorOf(await t.gql(COMPUTE, { input: { mode: 'UNASSIGNED' } }, as.enterprise(firm.id))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(COMMIT, { input: { planId: plan.id, version: plan.version } }, as.national())).code).toBe('FORBIDDEN');
    await t.ok(`mutation($input: DiscardAssignmentPlanInput!) { discardAssignmentPlan(input: $input) { plan { status } } }`, { input: { planId: plan.id } }, gd);
    expect(errorOf(await t.gql(COMPUTE, { input: { mode: 'UNASSIGNED', stabilityWeight: 101 } }, gd)).code).toBe('BAD_USER_INPUT');
  });

  it('the figures: load per officer, the unassigned by region, days to assignment, contacts per assignment', async () => {
    const firm = (await t.sql<{ enterprise_id: string }>(`select enterprise_id from liaison_assignment where bureau_code = '${GD}' and ended_on is null limit 1`))[0]!.enterprise_id;
    const { toGlobalId } = await import('../../src/common/node.js');
    await t.ok(`mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } } }`, { input: { enterpriseId: toGlobalId('Enterprise', firm), contactedOn: '2026-06-15', channel: 'PHONE', subject: '了解需求', summary: '电话了解企业的专利导航需求。' } }, gd);
    const report = (await t.ok<any>(`{ liaisonAssignmentReport { bureauCode officers { officer { name } enterprises seats capacity contacts } regions { region { code } enterprises unassigned } averageDaysToAssignment contactsPerAssignment } }`, undefined, gd)).liaisonAssignmentReport;
    expect(report.bureauCode).toBe(GD);
    expect(report.officers.reduce((s: number, o: any) => s + o.contacts, 0)).toBe(1);
    expect(report.officers.every((o: any) => o.seats <= o.capacity)).toBe(true);
    expect(report.regions).toEqual([{ region: { code: GD }, enterprises: expect.any(Number), unassigned: 1 }]);
    // Designated 2025-09-26, assigned 2026-06-15: 262 days.
    expect(report.averageDaysToAssignment).toBe(262);
    expect(report.contactsPerAssignment).toBeGreaterThan(0);
    expect(errorOf(await t.gql(`{ liaisonAssignmentReport(bureauCode: "${GD}") { bureauCode } }`, undefined, as.provincial(ZJ))).code).toBe('FORBIDDEN');
  });
});
