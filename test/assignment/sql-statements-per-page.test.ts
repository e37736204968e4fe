/**
 * No query per row in the assignment module's lists: officers (with bureau and load), assignments
 * (with enterprise, officer, officer name, factors), conflict declarations and a plan's rows (with
 * enterprise, officer, previous officer) cost the same statements for a page of 5 as of 40.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import type { Viewer } from '../../src/context.js';
import { assign, bureauViewer, debuggable, demonstrationEnterprise, registerOfficer } from './fixtures.js';

const GD = '440000';
const N = 45;

describe('assignment lists: SQL statements do not grow with the page size', () => {
  let t: TestApp;
  let planId = '';
  const gd = bureauViewer(GD);
  beforeAll(async () => {
    t = await createTestApp(...debuggable());
    t.setToday('2026-06-15');
    const officers = [];
    for (let i = 0; i < N; i++) officers.push(await registerOfficer(t, { bureau: GD, capacity: 3, regions: [GD], name: `广东联络员${String(i).padStart(2, '0')}` }));
    const firms = [];
    for (let i = 0; i < N; i++) firms.push(await demonstrationEnterprise(t, GD));
    for (let i = 0; i < N; i++) {
      await assign(t, GD, firms[i]!.gid, officers[i]!.id);
      await t.ok(`mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { ended } }`, { input: { officerId: officers[i]!.id, kind: 'OTHER', enterpriseId: firms[(i + 1) % N]!.gid, detail: `利害关系 ${i}` } }, gd);
    }
    // The declarations ended no assignment (each is about the next firm); a rebalance plan has a row per firm.
    planId = (await t.ok<any>(`mutation { computeAssignmentPlan(input: { mode: REBALANCE, keepManualAssignments: false }) { plan { id } } }`, undefined, gd)).computeAssignmentPlan.plan.id;
  }, 240_000);
  afterAll(() => t.close());

  const LISTS: Record<string, (first: number) => string> = {
    liaisonOfficers: (first) => `{ liaisonOfficers(first: ${first}) { totalCount edges { node { name capacity load enterpriseCount bureau { name } absences { from } } } } }`,
    liaisonAssignments: (first) => `{ liaisonAssignments(first: ${first}) { totalCount edges { node { startsOn officerName officer { name load } enterprise { name } factors { total } } } } }`,
    liaisonConflictDeclarations: (first) => `{ liaisonConflictDeclarations(first: ${first}) { totalCount edges { node { kind detail enterpriseName officer { name } } } } }`,
    planRows: (first) => `query { node(id: "${planId}") { ... on AssignmentPlan { rows(first: ${first}) { totalCount edges { node { seats enterprise { name } officer { name } previousOfficer { name } factors { total } } } } } } }`,
  };

  async function statements(field: string, first: number, viewer: Viewer) {
    const { result, queries } = await t.countQueries(() => t.ok<any>(LISTS[field]!(first), undefined, viewer));
    const data = field === 'planRows' ? result.node.rows : result[field];
    return { data, count: queries.length };
  }

  for (const field of Object.keys(LISTS)) {
    it(`${field}: the same statements for 5 rows as for 40`, async () => {
      const viewers = field === 'liaisonConflictDeclarations' ? [as.national()] : [as.national(), gd];
      for (const viewer of viewers) {
        const five = await statements(field, 5, viewer);
        const forty = await statements(field, 40, viewer);
        expect(five.data.totalCount).toBe(N);
        expect(forty.data.edges).toHaveLength(40);
        expect(forty.count, `${field}: ${forty.count} statements for 40 rows, ${five.count} for 5`).toBe(five.count);
        expect(five.count).toBeLessThanOrEqual(8);
      }
    });
  }

  it('assignmentPlans: a page of plans with their summary and per-officer figures costs the same statements for 1 plan as for 4', async () => {
    for (let i = 0; i < 3; i++) await t.ok(`mutation { computeAssignmentPlan(input: { mode: REBALANCE, keepManualAssignments: false }) { plan { id } } }`, undefined, gd);
    const page = (first: number) => `{ assignmentPlans(first: ${first}) { totalCount edges { node { status summary { enterprises kept } officers { officer { name } kept loadAfter capacity } } } } }`;
    const one = await t.countQueries(() => t.ok<any>(page(1), undefined, gd));
    const four = await t.countQueries(() => t.ok<any>(page(4), undefined, gd));
    expect(four.result.assignmentPlans.edges).toHaveLength(4);
    expect(four.result.assignmentPlans.edges.every((e: any) => e.node.summary.enterprises === N && e.node.officers.length === N && e.node.officers.every((o: any) => o.loadAfter === 1))).toBe(true);
    expect(four.queries.length, `${four.queries.length} statements for 4 plans, ${one.queries.length} for 1`).toBe(one.queries.length);
  });

  it('the nested values are really there', async () => {
    const rows = (await statements('liaisonAssignments', 40, gd)).data.edges.map((e: any) => e.node);
    expect(rows.every((r: any) => r.officer.name === r.officerName && r.officer.load === 1 && r.enterprise.name && r.factors.total > 0)).toBe(true);
    const plan = (await statements('planRows', 40, gd)).data.edges.map((e: any) => e.node);
    expect(plan.every((r: any) => r.officer?.name && r.previousOfficer?.name && r.enterprise.name)).toBe(true);
  });
});
