/**
 * Worker-thread entry of the solver (run.ts starts it): solves one packed problem per message, so
 * a multi-second HiGHS run blocks this thread, not the server's event loop. The WebAssembly runtime
 * is loaded once and reused; each solve creates and disposes its own native HiGHS instance.
 */
import { parentPort } from 'node:worker_threads';
import { loadHighs } from './model.js';
import type { PackedProblem, SolverOptions, SolverResult } from './problem.js';
import { solvePacked } from './solve.js';

export interface SolveRequest {
  id: number;
  problem: PackedProblem;
  options: SolverOptions;
}

export type SolveResponse = { id: number; ok: true; result: SolverResult } | { id: number; ok: false; message: string; stack?: string };

if (!parentPort) throw new Error('solver/worker.js must be started as a worker thread (see run.ts)');
const port = parentPort;

port.on('message', (request: SolveRequest) => {
  void loadHighs()
    .then((highs) => solvePacked(highs, request.problem, request.options))
    .then(
      (result): SolveResponse => ({ id: request.id, ok: true, result }),
      (error: unknown): SolveResponse => ({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      }),
    )
    .then((response) => port.postMessage(response));
});
