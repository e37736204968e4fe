/**
 * Several processes on one DATA_DIR without DATABASE_URL. The embedded PostgreSQL belongs to the
 * process that started it (recorded in DATA_DIR/pg.owner.json): `npm run jobs` next to a running
 * server joins its cluster as a guest and leaves it running; a second server refuses to start,
 * naming the first; once the owner is gone (kill -9), the next process cleans up the orphan.
 * The kill -9 → `npm start` recovery itself is covered by embedded-start.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ownerAlive, processStartTime } from '../../src/database.js';

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let dataDir: string;
const running: ChildProcess[] = [];

function run(script: string, env: Record<string, string>): Proc {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', SEED_DEMO: 'false', JOB_INTERVAL_SECONDS: '0', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env };
  delete fullEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function startServer(port: number): Promise<Proc> {
  const server = run('src/main.ts', { PORT: String(port) });
  const deadline = Date.now() + 120_000;
  while (!server.output().includes('GraphQL API ready')) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/** The postmaster's pid, from its lock file (undefined when there is none). */
function postmasterPid(): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

async function expectServing(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename enterprises(first: 1) { totalCount } }' }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: { __typename: string; enterprises: { totalCount: number } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(body.data?.__typename).toBe('Query');
  expect(body.data?.enterprises.totalCount).toBe(0); // a query through the database (no demo data here), not only the schema
  expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
}

describe('one DATA_DIR, several processes (embedded PostgreSQL)', () => {
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ip-shared-'));
  });
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // A postmaster orphaned by a failed assertion above: stop it before removing its directory.
    const pid = postmasterPid();
    if (pid) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        /* gone */
      }
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('recognises the owner by pid and process start time (a reused pid is not the owner)', () => {
    const startTime = processStartTime(process.pid);
    expect(ownerAlive({ pid: process.pid, startTime })).toBe(true);
    if (startTime !== null) expect(ownerAlive({ pid: process.pid, startTime: startTime + 1 })).toBe(false);
    expect(ownerAlive({ pid: 2 ** 22 + 1, startTime: null })).toBe(false); // above Linux's pid_max
  });

  it('jobs join a running server, a second server refuses, and a dead owner’s cluster is cleaned up', async () => {
    const port = await freePort();
    const first = await startServer(port);
    await expectServing(port);
    const postmaster = postmasterPid();
    expect(postmaster).toBeGreaterThan(0);
    const owner = JSON.parse(readFileSync(path.join(dataDir, 'pg.owner.json'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(first.child.pid);

    // (1) npm run jobs on the same DATA_DIR: runs against the server's cluster and leaves it running.
    const jobs = run('scripts/run-jobs.ts', {});
    const jobsCode = await jobs.exited;
    expect(jobs.output()).toContain('Done:');
    expect(jobs.output()).not.toContain('orphaned');
    expect(jobsCode).toBe(0);
    expect(postmasterPid()).toBe(postmaster);
    await expectServing(port);

    // (2) A second server on the same DATA_DIR refuses, naming the first, and changes nothing.
    const second = run('src/main.ts', { PORT: String(await freePort()) });
    const secondCode = await second.exited;
    expect(secondCode).not.toBe(0);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect(second.output()).toContain(dataDir);
    expect(second.output()).toContain('stop it first or use another DATA_DIR');
    expect(second.output()).not.toContain('GraphQL API ready');
    expect(postmasterPid()).toBe(postmaster);
    await expectServing(port);
    expect(first.child.exitCode).toBeNull();

    // (3) The owner dies without stopping its PostgreSQL: the next process (here the jobs script)
    // must not join the orphan but stop it and start a cluster of its own, then stop that too.
    first.child.kill('SIGKILL');
    await first.exited;
    const afterCrash = run('scripts/run-jobs.ts', {});
    const afterCrashCode = await afterCrash.exited;
    expect(afterCrash.output()).toContain(`stopping an orphaned PostgreSQL (pid ${postmaster})`);
    expect(afterCrash.output()).toContain('Done:');
    expect(afterCrashCode).toBe(0);
    expect(postmasterPid()).toBeUndefined();
    expect(existsSync(path.join(dataDir, 'pg.owner.json'))).toBe(false);

    // A server starts normally afterwards and stops cleanly, removing its ownership record.
    const third = await startServer(port);
    await expectServing(port);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(postmasterPid()).toBeUndefined();
    expect(existsSync(path.join(dataDir, 'pg.owner.json'))).toBe(false);
  }, 480_000);
});
