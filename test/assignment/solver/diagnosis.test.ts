/**
 * Infeasibility is diagnosed by region, and the top-K restriction never passes for infeasibility.
 */
import { describe, expect, it } from 'vitest';
import { solveAssignmentInline } from '../../../src/modules/assignment/solver/run.js';
import type { SolverEdge, SolverProblem } from '../../../src/modules/assignment/solver/problem.js';
import { checkResult } from './fixtures.js';

/**
 * Region '65': 14 enterprises whose only conflict-free officers are x1..x3 (3 seats each, 9 in
 * all). Region '11': 30 enterprises with 5 officers of their own (8 seats each), none eligible for
 * '65'. One more enterprise (region '54') has no eligible officer at all.
 */
function xinjiang(): SolverProblem {
  const officers = [
    ...[1, 2, 3].map((i) => ({ key: `x${i}`, capacity: 3 })),
    ...[1, 2, 3, 4, 5].map((i) => ({ key: `b${i}`, capacity: 8 })),
  ];
  const enterprises = [
    ...Array.from({ length: 14 }, (_, i) => ({ key: `xj${i}`, weight: 1, current: null, group: '65' })),
    ...Array.from({ length: 30 }, (_, i) => ({ key: `bj${i}`, weight: 1, current: null, group: '11' })),
    { key: 'lonely', weight: 1, current: null, group: '54' },
  ];
  const edges: SolverEdge[] = [];
  for (let e = 0; e < 14; e++) for (let o = 0; o < 3; o++) edges.push({ enterprise: e, officer: o, score: 50 + ((e + o) % 7) });
  for (let e = 14; e < 44; e++) for (let o = 3; o < 8; o++) edges.push({ enterprise: e, officer: o, score: 40 + ((e * o) % 11) });
  return { officers, enterprises, edges };
}

describe('infeasibility diagnosis', () => {
  it("reports region '65': 14 enterprises, 9 seats, 9 placed", async () => {
    const problem = xinjiang();
    const result = await solveAssignmentInline(problem, {});
    checkResult(problem, result);
    expect(result.status).toBe('INFEASIBLE');
    expect(result.shortfalls).toEqual([{ group: '65', enterprises: 14, demand: 14, capacity: 9, officers: ['x1', 'x2', 'x3'] }]);
    expect(result.noEligibleOfficer).toEqual([44]);
    const placed65 = result.assignment.slice(0, 14).filter((o) => o >= 0).length;
    expect(placed65).toBe(9);
    expect(result.assignment.slice(14, 44).every((o) => o >= 0)).toBe(true);
    expect(result.unassigned).toHaveLength(5 + 1);
  });

  it('counts demand in seats and reports every group of the violator, each with its own officers', async () => {
    // '65' (weights 2) and '54' (weight 1) share officer x1; '54' also has x2, with 1 seat. The
    // violator is both groups together: 3×2 + 2 = 8 seats wanted, x1 + x2 = 4 seats; '54' alone
    // would fit, but only by taking a seat of x1 that '65' lacks.
    const problem: SolverProblem = {
      officers: [{ key: 'x1', capacity: 3 }, { key: 'x2', capacity: 1 }],
      enterprises: [
        ...[0, 1, 2].map((i) => ({ key: `a${i}`, weight: 2, current: null, group: '65' })),
        ...[0, 1].map((i) => ({ key: `b${i}`, weight: 1, current: null, group: '54' })),
      ],
      edges: [
        ...[0, 1, 2].map((e) => ({ enterprise: e, officer: 0, score: 70 })),
        ...[3, 4].flatMap((e) => [{ enterprise: e, officer: 0, score: 60 }, { enterprise: e, officer: 1, score: 20 }]),
      ],
    };
    const result = await solveAssignmentInline(problem, {});
    checkResult(problem, result);
    expect(result.status).toBe('INFEASIBLE');
    expect(result.shortfalls).toEqual([
      { group: '65', enterprises: 3, demand: 6, capacity: 3, officers: ['x1'] },
      { group: '54', enterprises: 2, demand: 2, capacity: 4, officers: ['x1', 'x2'] },
    ]);
  });
});

describe('top-K candidates', () => {
  it('never cause a false infeasibility: the K best edges of everyone point to one full officer', async () => {
    // Officer 'star' (1 seat) is everyone's best and only top-1 candidate; the others have room.
    const officers = [{ key: 'star', capacity: 1 }, ...[1, 2, 3].map((i) => ({ key: `o${i}`, capacity: 4 }))];
    const enterprises = Array.from({ length: 10 }, (_, i) => ({ key: `e${i}`, weight: 1, current: null, group: '11' }));
    const edges = enterprises.flatMap((_, e) => [
      { enterprise: e, officer: 0, score: 100 },
      ...[1, 2, 3].map((o) => ({ enterprise: e, officer: o, score: 10 + ((e + o) % 5) })),
    ]);
    const problem = { officers, enterprises, edges };
    const restricted = await solveAssignmentInline(problem, { candidatesPerEnterprise: 1 });
    checkResult(problem, restricted);
    expect(restricted.status).toBe('OPTIMAL');
    expect(restricted.unassigned).toEqual([]);
    expect(restricted.stats.rounds).toBe(2);
    // Over all edges the optimum can only be as good or better (top-K is a restriction).
    const full = await solveAssignmentInline(problem, { candidatesPerEnterprise: 4 });
    expect(full.stats.rounds).toBe(1);
    expect(full.unassigned).toEqual([]);
    expect(restricted.objective).toBeLessThanOrEqual(full.objective);
  });

  it('never cause a false infeasibility with weights either', async () => {
    const officers = [{ key: 'star', capacity: 2 }, { key: 'wide', capacity: 12 }, { key: 'far', capacity: 12 }];
    const enterprises = Array.from({ length: 8 }, (_, i) => ({ key: `e${i}`, weight: 2, current: null, group: '11' }));
    const edges = enterprises.flatMap((_, e) => [
      { enterprise: e, officer: 0, score: 100 },
      { enterprise: e, officer: 1, score: 90 },
      { enterprise: e, officer: 2, score: 5 },
    ]);
    const problem = { officers, enterprises, edges };
    const result = await solveAssignmentInline(problem, { candidatesPerEnterprise: 2 });
    checkResult(problem, result);
    expect(result.status).toBe('OPTIMAL');
    expect(result.stats.rounds).toBeGreaterThanOrEqual(2);
  });
});
