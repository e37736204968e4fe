/**
 * The liaison-officer part of the demo's showcase (seeds/showcase-assignment.ts) [D 五(一), R17]:
 * officers registered by the national bureau, a committed plan, a reassignment with its reason, an
 * officer opting out, the Guangdong bureau's own officer, a draft re-plan that still commits.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';

const TODAY = '2026-11-22';

describe('demo showcase: liaison officers and their assignments', () => {
  let t: TestApp;
  let huachuang: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 200, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
    const [row] = await t.sql<{ id: string }>(`select id from enterprise where name = '广东华创智能装备股份有限公司'`);
    huachuang = row!.id;
  }, 180_000);
  afterAll(() => t.close());

  it('the national bureau’s officers, a committed plan, every officer within capacity', async () => {
    const officers = (await t.ok<any>(`{ liaisonOfficers(first: 20, filter: { bureauCode: "100000" }) { totalCount edges { node { name status load capacity } } } }`)).liaisonOfficers;
    expect(officers.totalCount).toBe(5);
    expect(officers.edges.every((e: any) => e.node.load <= e.node.capacity)).toBe(true);
    expect(officers.edges.find((e: any) => e.node.name === '李晓梅').node).toMatchObject({ status: 'OPTED_OUT', load: 0 });
    const plans = (await t.ok<any>(`{ assignmentPlans(first: 5) { edges { node { id version status mode feasible summary { added } } } } }`)).assignmentPlans.edges.map((e: any) => e.node);
    expect(plans.map((p: any) => [p.status, p.mode])).toEqual([
      ['DRAFT', 'REBALANCE'],
      ['COMMITTED', 'UNASSIGNED'],
    ]);
    expect(plans[1].summary.added).toBeGreaterThan(10);
    // The draft still applies: nothing it depends on changed since.
    const committed = await t.ok<any>(`mutation($input: CommitAssignmentPlanInput!) { commitAssignmentPlan(input: $input) { plan { status } } }`, { input: { planId: plans[0].id, version: plans[0].version } });
    expect(committed.commitAssignmentPlan.plan.status).toBe('COMMITTED');
  });

  it('广东华创 sees its officers (the national bureau’s, reassigned with a reason, and the province’s), without the factors', async () => {
    const mine = (await t.ok<any>(`{ liaisonAssignments(first: 10) { edges { node { bureauCode officerName current reason endReason factors { total } officer { id } } } } }`, undefined, as.enterprise(huachuang))).liaisonAssignments.edges.map((e: any) => e.node);
    expect(mine.filter((a: any) => a.current).map((a: any) => a.bureauCode).sort()).toEqual(['100000', '440000']);
    expect(mine.find((a: any) => a.endReason === 'REASSIGNED')).toBeTruthy();
    // The hand reassignment's reason stays in the history (the committed re-plan above may have moved it since).
    expect(mine.some((a: any) => a.bureauCode === '100000' && a.reason?.includes('海外维权'))).toBe(true);
    expect(mine.every((a: any) => a.factors === null && a.officer === null && a.officerName)).toBe(true);
  });

  it('the opted-out officer’s enterprises went back with the reason in their history; the conflict is the national admin’s to read', async () => {
    const ended = await t.sql<{ n: number }>(`select count(*)::int as n from liaison_assignment where end_reason = 'OFFICER_OPTED_OUT'`);
    expect(ended[0]!.n).toBeGreaterThan(0);
    const declarations = (await t.ok<any>(`{ liaisonConflictDeclarations(first: 5) { edges { node { kind detail officer { name } } } } }`)).liaisonConflictDeclarations.edges;
    expect(declarations.map((e: any) => [e.node.kind, e.node.officer.name])).toEqual([['SHAREHOLDING', '王建国']]);
    expect((await t.ok<any>(`{ liaisonConflictDeclarations(first: 5) { totalCount } }`, undefined, as.provincial('440000'))).liaisonConflictDeclarations.totalCount).toBe(0);
    const report = (await t.ok<any>(`{ liaisonAssignmentReport { officers { officer { name } seats } regions { unassigned } averageDaysToAssignment } }`)).liaisonAssignmentReport;
    expect(report.officers).toHaveLength(5);
  });
});
