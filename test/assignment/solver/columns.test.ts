/**
 * Edges as typed columns: in (enterprise, officer) order (what the assignment module builds) they are
 * packed without a sort; in any other order they are sorted; both solve exactly as the same edges
 * given as objects. A duplicate pair is refused either way.
 */
import { describe, expect, it } from 'vitest';
import { solveAssignmentInline } from '../../../src/modules/assignment/solver/run.js';
import type { SolverEdge, SolverProblem } from '../../../src/modules/assignment/solver/problem.js';
import { edgesOf, prng, regionalInstance } from './fixtures.js';

const columnsOf = (edges: readonly SolverEdge[]) => ({
  enterprise: Int32Array.from(edges, (e) => e.enterprise),
  officer: Int32Array.from(edges, (e) => e.officer),
  score: Float64Array.from(edges, (e) => e.score),
});

describe('edges as columns', () => {
  const problem = regionalInstance(120, 12, { seed: 41, slack: 1.1, conflict: 0.05 });
  const edges = [...edgesOf(problem)];
  const sorted = [...edges].sort((a, b) => a.enterprise - b.enterprise || a.officer - b.officer);
  const random = prng(7);
  const shuffled = [...edges].sort(() => random() - 0.5);
  const options = { stabilityWeight: 10, balanceWeight: 5 };

  it('sorted columns, shuffled columns and objects give the same plan', async () => {
    const byObjects = await solveAssignmentInline({ ...problem, edges }, options);
    const bySorted = await solveAssignmentInline({ ...problem, edges: columnsOf(sorted) } as SolverProblem, options);
    const byShuffled = await solveAssignmentInline({ ...problem, edges: columnsOf(shuffled) } as SolverProblem, options);
    expect(bySorted.objective).toBeCloseTo(byObjects.objective, 6);
    expect(byShuffled.objective).toBeCloseTo(byObjects.objective, 6);
    expect(bySorted.status).toBe(byObjects.status);
  });

  it('a duplicate pair is refused in sorted columns too', async () => {
    const twice = [sorted[0]!, ...sorted];
    await expect(solveAssignmentInline({ ...problem, edges: columnsOf(twice) } as SolverProblem, options)).rejects.toThrow(/duplicate edge/);
  });
});
