/**
 * What a plan says when not everyone can be placed [issue 14: "which constraints conflict"]: per
 * region, the regions together when an officer serves several, and an enterprise no officer can take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { bureauViewer, debuggable, demonstrationEnterprise, NATIONAL, registerOfficer } from './fixtures.js';

const GD = '440000';
const JS = '320000';
const XZ = '540000';
const COMPUTE = `mutation { computeAssignmentPlan(input: { mode: UNASSIGNED }) { plan { feasible shortfalls { message regionCode enterprises demand capacity officers } summary { enterprises added unassigned } } } }`;

describe('the diagnosis of a plan that cannot place everyone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(...debuggable());
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  it('an officer shared by two regions: each region’s line, and the regions together, whose figures show the shortfall', async () => {
    for (let i = 0; i < 4; i++) await demonstrationEnterprise(t, GD);
    for (let i = 0; i < 2; i++) await demonstrationEnterprise(t, JS);
    await registerOfficer(t, { bureau: NATIONAL, name: '共用联络员', capacity: 3, regions: [GD, JS] });
    const plan = (await t.ok<any>(COMPUTE, undefined, bureauViewer(NATIONAL))).computeAssignmentPlan.plan;
    expect(plan.feasible).toBe(false);
    expect(plan.summary).toEqual({ enterprises: 6, added: 3, unassigned: 3 });
    const [total, ...regions] = plan.shortfalls;
    expect(total).toMatchObject({ regionCode: NATIONAL, enterprises: 6, demand: 6, capacity: 3, officers: ['共用联络员'] });
    expect(total.message).toMatch(/^合计（.*广东省.*江苏省.*）：6 家企业需要 6 个名额/);
    expect(regions.map((r: any) => [r.regionCode, r.enterprises, r.capacity]).sort()).toEqual([
      [JS, 2, 3],
      [GD, 4, 3],
    ]);
  });

  it('a region no officer can take: said in so many words', async () => {
    const firm = await demonstrationEnterprise(t, XZ);
    // The Tibet bureau's only officer is conflicted with it.
    const officer = await registerOfficer(t, { bureau: XZ, name: '冲突联络员', capacity: 50, regions: [XZ] });
    await t.ok(`mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { ended } }`, { input: { officerId: officer.id, kind: 'RELATIVE', enterpriseId: firm.gid, detail: '兄弟任该企业总经理' } }, officer.viewer);
    const plan = (await t.ok<any>(COMPUTE, undefined, bureauViewer(XZ))).computeAssignmentPlan.plan;
    expect(plan.feasible).toBe(false);
    const tibet = plan.shortfalls.find((s: any) => s.regionCode === XZ);
    expect(tibet).toMatchObject({ enterprises: 1, demand: 1, capacity: 0, officers: [] });
    expect(tibet.message).toBe('西藏自治区：1 家企业没有任何可指派的联络员（候选人均存在利益冲突、不在岗、已暂停或已离岗）');
  });
});
