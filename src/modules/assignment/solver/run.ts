/**
 * Entry points of the solver.
 *
 * solveAssignment runs the solve in a worker thread (worker.ts): a HiGHS run is synchronous
 * WebAssembly and takes seconds, which must not stall the server's event loop. One solve at a time
 * per process (a queue): the solver is single-threaded and memory-heavy, so two at once would only
 * share the CPU and double the peak memory. The worker stays alive between solves and is started
 * again after it died or was terminated. A hard timeout (time limit + 30 s) terminates it should
 * HiGHS ignore its own limit.
 *
 * solveAssignmentInline runs the same code on the calling thread (tests, benchmarks).
 */
import { WorkerThread, workerEntry } from '../../../common/worker-thread.js';
import { loadHighs } from './model.js';
import { packedBuffers, packProblem, resolveOptions, type SolverOptions, type SolverProblem, type SolverResult } from './problem.js';
import { solvePacked } from './solve.js';
import type { SolveRequest } from './worker.js';

/** Added to options.timeLimitSeconds before the worker is terminated. */
export const HARD_TIMEOUT_GRACE_SECONDS = 30;

export interface SolveControl {
  /** Overrides the hard timeout (ms); for tests of the termination path. */
  hardTimeoutMs?: number;
  /** The caller gives up its edge columns: they go to the worker uncopied (then detached). */
  adoptColumns?: boolean;
}

export async function solveAssignmentInline(problem: SolverProblem, options: Partial<SolverOptions> = {}): Promise<SolverResult> {
  const packed = packProblem(problem);
  const resolved = resolveOptions(options);
  return solvePacked(await loadHighs(), packed, resolved);
}

const thread = new WorkerThread<Omit<SolveRequest, 'id'>, SolverResult>(() => workerEntry(import.meta.url, 'worker'), 'assignment solve');

export async function solveAssignment(problem: SolverProblem, options: Partial<SolverOptions> = {}, control: SolveControl = {}): Promise<SolverResult> {
  // Validate on the caller's side: a malformed problem is the caller's error, not a worker failure.
  const packed = packProblem(problem, { adoptColumns: control.adoptColumns });
  const resolved = resolveOptions(options);
  const hardTimeoutMs = control.hardTimeoutMs ?? (resolved.timeLimitSeconds + HARD_TIMEOUT_GRACE_SECONDS) * 1000;
  return thread.run({ problem: packed, options: resolved }, hardTimeoutMs, packedBuffers(packed));
}

/** Terminates the idle worker (graceful shutdown; a later solve starts a new one). */
export function stopAssignmentWorker(): Promise<void> {
  return thread.stop();
}
