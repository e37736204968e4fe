/**
 * Properties on random instances up to 60 enterprises × 12 officers, checked against an
 * independent max flow (fixtures.ts): capacities and conflicts are respected, everyone is placed
 * exactly when that is possible, and an INFEASIBLE result comes with a genuine Hall violator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveAssignmentInline } from '../../../src/modules/assignment/solver/run.js';
import type { SolverProblem, SolverResult } from '../../../src/modules/assignment/solver/problem.js';
import { checkResult, eligibleOfficers, enumerateAssignments, independentMaxFlow, instanceArbitrary } from './fixtures.js';

/** The union of the reported groups has more demand than the union of their officers has seats. */
function checkShortfalls(problem: SolverProblem, result: SolverResult): { demand: number; capacity: number } {
  const capacityOf = new Map(problem.officers.map((o) => [o.key, o.capacity]));
  const officers = new Set<string>();
  let demand = 0;
  for (const s of result.shortfalls) {
    expect(s.enterprises).toBeGreaterThan(0);
    expect(s.demand).toBeGreaterThanOrEqual(s.enterprises);
    expect(s.capacity).toBe(s.officers.reduce((sum, key) => sum + capacityOf.get(key)!, 0));
    s.officers.forEach((key) => officers.add(key));
    demand += s.demand;
  }
  const capacity = [...officers].reduce((sum, key) => sum + capacityOf.get(key)!, 0);
  if (result.shortfalls.length > 0) expect(demand).toBeGreaterThan(capacity);
  return { demand, capacity };
}

async function checkInstance(problem: SolverProblem, options: object): Promise<void> {
  const result = await solveAssignmentInline(problem, options);
  checkResult(problem, result); // capacity, edges only, status/unassigned consistency
  const eligible = eligibleOfficers(problem);
  const edgedDemand = problem.enterprises.reduce((sum, e, i) => sum + (eligible[i]!.length > 0 ? e.weight : 0), 0);
  const flow = independentMaxFlow(problem);
  const unitWeights = problem.enterprises.every((e) => e.weight === 1);
  const missing = result.unassigned.filter((e) => eligible[e]!.length > 0);
  const { demand, capacity } = checkShortfalls(problem, result);
  if (unitWeights) {
    // Everyone who can be placed is placed (top-K included), and the violator accounts for
    // every enterprise left out: its deficit is exactly the max-flow deficit.
    expect(problem.enterprises.length - result.unassigned.length).toBe(flow);
    expect(demand - capacity).toBe(missing.length);
  } else {
    // Splittable flow is a relaxation: if it cannot route everything, nothing can.
    if (flow < edgedDemand) expect(missing.length).toBeGreaterThan(0);
    if (flow < edgedDemand) expect(demand - capacity).toBe(edgedDemand - flow);
    // A weighted packing can fail where the flow succeeds; then no Hall violator exists to report.
    if (missing.length > 0 && flow === edgedDemand) expect(result.shortfalls).toEqual([]);
  }
  // Nobody without an edge is placed, and nobody with one is reported as having none.
  expect(result.noEligibleOfficer.every((e) => eligible[e]!.length === 0)).toBe(true);
}

describe('solver properties on random instances', () => {
  it('weights 1, up to 60 × 12, K from 1 to 10', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ enterprises: 60, minEnterprises: 10, officers: 12, maxWeight: 1, maxCapacity: 8, kOptions: [1, 2, 3, 10] }), ({ problem, options }) =>
        checkInstance(problem, options),
      ),
      { numRuns: 150, seed: 4242 },
    );
  });

  it('weights 1–3, up to 60 × 12', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ enterprises: 60, minEnterprises: 10, officers: 12, maxWeight: 3, maxCapacity: 16, kOptions: [2, 10] }), ({ problem, options }) =>
        checkInstance(problem, options),
      ),
      { numRuns: 80, seed: 777 },
    );
  });

  it('weights 1–3 on instances small enough to enumerate: everyone is placed exactly when some assignment places everyone', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ enterprises: 7, officers: 3, maxWeight: 3, maxCapacity: 6, conflictOneIn: 3, kOptions: [1, 10] }), async ({ problem, options }) => {
        let complete = false;
        enumerateAssignments(problem, (a) => {
          complete ||= a.every((o) => o >= 0);
        });
        const result = await solveAssignmentInline(problem, options);
        expect(result.status === 'OPTIMAL').toBe(complete);
      }),
      { numRuns: 150, seed: 31337 },
    );
  });
});
