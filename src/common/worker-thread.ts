/**
 * One long-lived worker thread that runs CPU-bound jobs (a HiGHS solve, a suppression audit) off the
 * server's event loop, one at a time (a queue: the jobs are single-threaded and memory-heavy, two at
 * once would only share the CPU). The worker stays alive between jobs, is started again after it
 * died, and is terminated when a job exceeds its hard timeout. The entry file answers each
 * `{ id, … }` message with a `WorkerResponse` (see `serveJobs`).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker, type Transferable } from 'node:worker_threads';

export type WorkerResponse<R> = { id: number; ok: true; result: R } | { id: number; ok: false; message: string; stack?: string };

/** The entry `name` (without extension) beside the module at `moduleUrl`: the .ts with tsx's loader from source, the compiled .js from dist/. */
export function workerEntry(moduleUrl: string, name: string): { url: URL; execArgv: string[] } {
  // execArgv is always explicit, so the worker does not inherit the process's --import preloads.
  if (moduleUrl.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
    return { url: new URL(`./${name}.ts`, moduleUrl), execArgv: ['--import', tsx] };
  }
  return { url: new URL(`./${name}.js`, moduleUrl), execArgv: [] };
}

/** In a worker's entry file: answers every message with `handle`'s result, or its error. */
export function serveJobs<Q extends { id: number }, R>(handle: (request: Q) => Promise<R> | R, transfer?: (result: R) => Transferable[]): void {
  if (!parentPort) throw new Error('this file must be started as a worker thread');
  const port = parentPort;
  port.on('message', (request: Q) => {
    void Promise.resolve()
      .then(() => handle(request))
      .then(
        (result): WorkerResponse<R> => ({ id: request.id, ok: true, result }),
        (error: unknown): WorkerResponse<R> => ({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
        }),
      )
      .then((response) => port.postMessage(response, response.ok && transfer ? transfer(response.result) : []));
  });
}

export class WorkerThread<Q, R> {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  /**
   * `label` names the job in errors ("assignment solve", "suppression audit"); `idleMs`: terminate
   * the worker after that long without a job, so an idle server gives its heap back (none: keep it).
   */
  constructor(
    private readonly entry: () => { url: URL; execArgv: string[] },
    private readonly label: string,
    private readonly idleMs?: number,
  ) {}

  /** Runs one job after those queued before it; rejects with the job's error, or when it exceeds `hardTimeoutMs` (the worker is then terminated). */
  run(request: Q, hardTimeoutMs: number, transfer: Transferable[] = []): Promise<R> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const job = this.queue.then(() => this.runNow({ ...request, id: this.nextId++ }, hardTimeoutMs, transfer));
    this.queue = job.catch(() => undefined);
    if (this.idleMs !== undefined) {
      const queued = this.queue;
      void queued.then(() => {
        if (this.queue !== queued) return;
        this.idleTimer = setTimeout(() => void this.stop(), this.idleMs);
        this.idleTimer.unref();
      });
    }
    return job;
  }

  /** Terminates the idle worker (graceful shutdown; a later job starts a new one). */
  async stop(): Promise<void> {
    await this.queue;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const { url, execArgv } = this.entry();
    const w = new Worker(url, { execArgv });
    // Permanent listeners: an 'error' event without a listener would crash the process.
    const forget = () => {
      if (this.worker === w) this.worker = null;
    };
    w.on('error', forget);
    w.on('exit', forget);
    w.unref();
    this.worker = w;
    return w;
  }

  private runNow(request: Q & { id: number }, hardTimeoutMs: number, transfer: Transferable[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const w = this.ensure();
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
      const onMessage = (response: WorkerResponse<R>) => {
        if (response.id !== request.id) return;
        if (response.ok) finish(() => resolve(response.result));
        else finish(() => reject(Object.assign(new Error(response.message), { workerStack: response.stack })));
      };
      const onError = (error: Error) => finish(() => reject(new Error(`${this.label} worker failed: ${error.message}`, { cause: error })));
      const onExit = (code: number) => finish(() => reject(new Error(`${this.label} worker exited with code ${code} during a job`)));
      const timer = setTimeout(() => {
        if (this.worker === w) this.worker = null;
        const seconds = Math.round(hardTimeoutMs / 100) / 10;
        finish(() => reject(Object.assign(new Error(`${this.label} exceeded its hard timeout of ${seconds} s; the worker was terminated`), { timedOut: true })));
        void w.terminate();
      }, hardTimeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.ref(); // keep the process alive while a job is under way
      w.postMessage(request, transfer);
    });
  }
}
