/**
 * The solver's optimum equals a brute force over every feasible assignment, both scored with the
 * one exported objective (createObjective): the brute force does its own enumeration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../../src/modules/assignment/solver/objective.js';
import { solveAssignmentInline } from '../../../src/modules/assignment/solver/run.js';
import { checkResult, enumerateAssignments, instanceArbitrary, type Instance } from './fixtures.js';

async function compareWithBruteForce({ problem, options }: Instance): Promise<void> {
  const result = await solveAssignmentInline(problem, options);
  checkResult(problem, result);
  const objective = createObjective(problem, options);
  let best = -Infinity;
  enumerateAssignments(problem, (assignment) => {
    best = Math.max(best, objective(assignment));
  });
  expect(objective(result.assignment)).toBe(result.objective);
  // The MIP (weights > 1) stops at a relative gap of 1e-6; the network LP is exact.
  expect(Math.abs(result.objective - best)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(best)));
}

describe('optimality against brute force', () => {
  it('weights 1: equal objective on small random instances, with and without stability/balance', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ enterprises: 7, officers: 4, maxWeight: 1, maxCapacity: 5 }), compareWithBruteForce),
      { numRuns: 300, seed: 20240611 },
    );
  });

  it('weights 1–3 (MIP): equal objective on small random instances', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ enterprises: 6, officers: 4, maxWeight: 3, maxCapacity: 6 }), compareWithBruteForce),
      { numRuns: 60, seed: 97 },
    );
  });

  it('each balance tier counts: the third costs enough to send an enterprise to its second choice', async () => {
    // 7 enterprises, 4 officers × 5 seats: target ⌈7·5/20⌉ = 2, upper 2 + ⌈2/4⌉ = 3. Officer 0 beats
    // the others by 10 points: worth a second-tier seat (5), not a third-tier one (15).
    const problem = {
      officers: [0, 1, 2, 3].map((o) => ({ key: `o${o}`, capacity: 5 })),
      enterprises: Array.from({ length: 7 }, (_, i) => ({ key: `e${i}`, weight: 1, current: null, group: '11' })),
      edges: Array.from({ length: 7 }, (_, e) => [0, 1, 2, 3].map((o) => ({ enterprise: e, officer: o, score: o === 0 ? 100 : 90 }))).flat(),
    };
    await compareWithBruteForce({ problem, options: { balanceWeight: 5 } });
    const result = await solveAssignmentInline(problem, { balanceWeight: 5 });
    expect(result.assignment.filter((o) => o === 0)).toHaveLength(3);
  });

  it('with K below the number of officers the solve is still optimal whenever the K best edges hold an optimum', async () => {
    // Everyone prefers officer 0 (capacity 1): with K = 1 only one can be placed in round 1, so
    // the retry must bring in the other edges, and the result must equal the brute force.
    const problem = {
      officers: [{ key: 'a', capacity: 1 }, { key: 'b', capacity: 2 }, { key: 'c', capacity: 2 }],
      enterprises: [0, 1, 2, 3].map((i) => ({ key: `e${i}`, weight: 1, current: null, group: '11' })),
      edges: [0, 1, 2, 3].flatMap((e) => [
        { enterprise: e, officer: 0, score: 90 },
        { enterprise: e, officer: 1, score: 40 + e },
        { enterprise: e, officer: 2, score: 30 },
      ]),
    };
    await compareWithBruteForce({ problem, options: { candidatesPerEnterprise: 1, balanceWeight: 0 } });
  });
});
