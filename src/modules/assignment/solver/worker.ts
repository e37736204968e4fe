/**
 * Worker-thread entry of the solver (run.ts starts it): solves one packed problem per message, so
 * a multi-second HiGHS run blocks this thread, not the server's event loop. The WebAssembly runtime
 * is loaded once and reused; each solve creates and disposes its own native HiGHS instance.
 */
import { serveJobs } from '../../../common/worker-thread.js';
import { loadHighs } from './model.js';
import type { PackedProblem, SolverOptions, SolverResult } from './problem.js';
import { solvePacked } from './solve.js';

export interface SolveRequest {
  id: number;
  problem: PackedProblem;
  options: SolverOptions;
}

serveJobs<SolveRequest, SolverResult>(async (request) => solvePacked(await loadHighs(), request.problem, request.options));
