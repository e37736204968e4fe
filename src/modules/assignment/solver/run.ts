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
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadHighs } from './model.js';
import { packedBuffers, packProblem, resolveOptions, type SolverOptions, type SolverProblem, type SolverResult } from './problem.js';
import { solvePacked } from './solve.js';
import type { SolveRequest, SolveResponse } from './worker.js';

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

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

export async function solveAssignment(problem: SolverProblem, options: Partial<SolverOptions> = {}, control: SolveControl = {}): Promise<SolverResult> {
  // Validate on the caller's side: a malformed problem is the caller's error, not a worker failure.
  const packed = packProblem(problem, { adoptColumns: control.adoptColumns });
  const resolved = resolveOptions(options);
  const hardTimeoutMs = control.hardTimeoutMs ?? (resolved.timeLimitSeconds + HARD_TIMEOUT_GRACE_SECONDS) * 1000;
  const job = queue.then(() => runInWorker({ id: nextId++, problem: packed, options: resolved }, hardTimeoutMs));
  queue = job.catch(() => undefined);
  return job;
}

/** Terminates the idle worker (graceful shutdown; a later solve starts a new one). */
export async function stopAssignmentWorker(): Promise<void> {
  await queue;
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

function workerSpec(): { url: URL; execArgv: string[] } {
  // From source (vitest, tsx) the worker is a .ts file and needs tsx's loader; the compiled dist/
  // has worker.js beside run.js and plain node runs it (production has no devDependencies).
  // execArgv is always explicit, so the worker does not inherit the process's --import preloads.
  if (import.meta.url.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', tsx] };
  }
  return { url: new URL('./worker.js', import.meta.url), execArgv: [] };
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const { url, execArgv } = workerSpec();
  const w = new Worker(url, { execArgv });
  // Permanent listeners: an 'error' event without a listener would crash the process.
  const forget = () => {
    if (worker === w) worker = null;
  };
  w.on('error', forget);
  w.on('exit', forget);
  w.unref();
  worker = w;
  return w;
}

function runInWorker(request: SolveRequest, hardTimeoutMs: number): Promise<SolverResult> {
  return new Promise<SolverResult>((resolve, reject) => {
    const w = ensureWorker();
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      w.unref();
      settle();
    };
    const onMessage = (response: SolveResponse) => {
      if (response.id !== request.id) return;
      if (response.ok) finish(() => resolve(response.result));
      else finish(() => reject(Object.assign(new Error(response.message), { workerStack: response.stack })));
    };
    const onError = (error: Error) => finish(() => reject(new Error(`assignment solver worker failed: ${error.message}`, { cause: error })));
    const onExit = (code: number) => finish(() => reject(new Error(`assignment solver worker exited with code ${code} during a solve`)));
    const timer = setTimeout(() => {
      if (worker === w) worker = null;
      const seconds = Math.round(hardTimeoutMs / 100) / 10;
      const message = `assignment solve exceeded its hard timeout of ${seconds} s (time limit plus grace); the solver worker was terminated`;
      finish(() => reject(new Error(message)));
      void w.terminate();
    }, hardTimeoutMs);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.ref(); // keep the process alive while a solve is under way
    w.postMessage(request, packedBuffers(request.problem));
  });
}
