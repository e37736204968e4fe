/**
 * The worker-thread path: same answer as the inline solve, the event loop keeps running during a
 * national-size solve, errors and the hard timeout come back as rejections, and a terminated
 * worker is replaced.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { solveAssignment, solveAssignmentInline, stopAssignmentWorker } from '../../../src/modules/assignment/solver/run.js';
import type { SolverResult } from '../../../src/modules/assignment/solver/problem.js';
import { checkResult, regionalInstance } from './fixtures.js';

const withoutTiming = (r: SolverResult) => ({ ...r, stats: { ...r.stats, solveMs: 0 } });

function medium() {
  const problem = regionalInstance(600, 40, { seed: 7, slack: 1.1 });
  problem.enterprises.forEach((e, i) => (e.current = i % 3 === 0 ? i % 40 : null));
  return problem;
}

afterAll(() => stopAssignmentWorker());

describe('solveAssignment (worker thread)', () => {
  it('returns the same result as the inline solve, also for concurrent calls (queued)', async () => {
    const problem = medium();
    const options = { stabilityWeight: 15 };
    const inline = await solveAssignmentInline(problem, options);
    checkResult(problem, inline);
    const viaWorker = await Promise.all([solveAssignment(problem, options), solveAssignment(problem, options), solveAssignment(problem, options)]);
    for (const r of viaWorker) expect(withoutTiming(r)).toEqual(withoutTiming(inline));
    // Same input, same output: a second inline solve agrees too.
    expect(withoutTiming(await solveAssignmentInline(problem, options))).toEqual(withoutTiming(inline));
  });

  it('does not block the event loop during a 5,000 × 300 solve', async () => {
    const problem = regionalInstance(5000, 300, { seed: 11 });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    try {
      const result = await solveAssignment(problem, {});
      expect(result.status).toBe('OPTIMAL');
      expect(result.assignment.every((o) => o >= 0)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it("rejects with the worker's error message", async () => {
    await expect(solveAssignment(medium(), { timeLimitSeconds: 1e-9 })).rejects.toThrow(/time limit/);
  });

  it('rejects malformed input on the calling side', async () => {
    const problem = medium();
    await expect(solveAssignment({ ...problem, officers: [{ key: 'x', capacity: 1.5 }] }, {})).rejects.toThrow(RangeError);
  });

  it('terminates a solve that exceeds the hard timeout, then serves the next solve with a new worker', async () => {
    const problem = medium();
    await solveAssignment(problem, {}); // the worker is up: the timeout below strikes inside HiGHS
    const larger = regionalInstance(2000, 150, { seed: 3 });
    await expect(solveAssignment(larger, {}, { hardTimeoutMs: 100 })).rejects.toThrow(/hard timeout.*worker was terminated/);
    const next = await solveAssignment(problem, {});
    expect(withoutTiming(next)).toEqual(withoutTiming(await solveAssignmentInline(problem, {})));
  });
});
