/**
 * Stability: re-solving with `current` set from a previous plan keeps enterprises where they are.
 *
 * The bound: moving an enterprise that could stay changes its score by at most 100 (scores are in
 * [0, 100]), lightens one officer (penalty does not rise) and loads another by one seat (penalty
 * rises by at most 3 × balanceWeight), and gives up the stability bonus. With stabilityWeight >
 * 100 + 3 × balanceWeight, sending any such enterprise back to its current officer strictly improves
 * the objective whenever that officer has room. Here every officer has room for everyone, so the
 * optimum moves exactly the enterprises that capacity forces out, and no other.
 */
import { describe, expect, it } from 'vitest';
import { solveAssignmentInline } from '../../../src/modules/assignment/solver/run.js';
import type { SolverEdge, SolverProblem } from '../../../src/modules/assignment/solver/problem.js';
import { checkResult, prng } from './fixtures.js';

const BALANCE = 5;
const STABILITY = 200; // > 100 + 3 × BALANCE

function basePlan(nE: number, seed: number): SolverProblem {
  const random = prng(seed);
  const officers = Array.from({ length: 20 }, (_, o) => ({ key: `o${o}`, capacity: 400 }));
  const enterprises = Array.from({ length: nE }, (_, e) => ({ key: `e${e}`, weight: 1, current: null as number | null, group: String(e % 4) }));
  const edges: SolverEdge[] = [];
  for (let e = 0; e < nE; e++) {
    for (let o = 0; o < officers.length; o++) {
      if (random() < 0.1) continue; // conflicted
      edges.push({ enterprise: e, officer: o, score: (o % 4 === e % 4 ? 60 : 0) + Math.floor(random() * 41) });
    }
  }
  return { officers, enterprises, edges };
}

function moved(before: readonly number[], after: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, e) => e).filter((e) => before[e] !== after[e]);
}

describe('stability', () => {
  it('adding 50 enterprises moves none of the old ones when a large stability weight is set', async () => {
    const first = basePlan(350, 1);
    const old = { ...first, enterprises: first.enterprises.slice(0, 300), edges: (first.edges as SolverEdge[]).filter((e) => e.enterprise < 300) };
    const plan1 = await solveAssignmentInline(old, { balanceWeight: BALANCE });
    expect(plan1.status).toBe('OPTIMAL');

    const second = { ...first, enterprises: first.enterprises.map((e, i) => ({ ...e, current: i < 300 ? plan1.assignment[i]! : null })) };
    const plan2 = await solveAssignmentInline(second, { balanceWeight: BALANCE, stabilityWeight: STABILITY });
    checkResult(second, plan2);
    expect(plan2.status).toBe('OPTIMAL');
    expect(moved(plan1.assignment, plan2.assignment, 300)).toEqual([]);

    // Without the bonus this instance does reshuffle (the new enterprises raise the targets and
    // compete for the same officers): the stability term is what holds the plan in place.
    const free = await solveAssignmentInline(second, { balanceWeight: BALANCE, stabilityWeight: 0 });
    expect(moved(plan1.assignment, free.assignment, 300).length).toBeGreaterThan(0);
  });

  it('moves exactly the enterprises that a reduced capacity forces out', async () => {
    const problem = basePlan(300, 2);
    const plan1 = await solveAssignmentInline(problem, { balanceWeight: BALANCE });
    const load = problem.officers.map((_, o) => plan1.assignment.filter((a) => a === o).length);
    const busiest = [...load.keys()].sort((a, b) => load[b]! - load[a]! || a - b).slice(0, 2);
    expect(load[busiest[1]!]).toBeGreaterThanOrEqual(5);
    const shrunk: SolverProblem = {
      ...problem,
      officers: problem.officers.map((o, i) => (busiest.includes(i) ? { ...o, capacity: load[i]! - 5 } : o)),
      enterprises: problem.enterprises.map((e, i) => ({ ...e, current: plan1.assignment[i]! })),
    };
    const plan2 = await solveAssignmentInline(shrunk, { balanceWeight: BALANCE, stabilityWeight: STABILITY });
    checkResult(shrunk, plan2);
    const movers = moved(plan1.assignment, plan2.assignment, 300);
    expect(movers).toHaveLength(10);
    expect(movers.every((e) => busiest.includes(plan1.assignment[e]!))).toBe(true);
  });
});
