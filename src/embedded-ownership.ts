/**
 * Who owns the embedded PostgreSQL of a data directory. The process that starts a cluster records
 * itself beside it (`<DATA_DIR>/pg.owner.json`: pid, process start time, boot id, port); a later
 * process stops a running cluster only when that owner is gone (a crash left it orphaned), and
 * otherwise joins it (scripts) or refuses (a second server): see startEmbedded in database.ts.
 */
import fs from 'node:fs/promises';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * Linux: the start time of a process (field 22 of /proc/<pid>/stat, clock ticks since boot),
 * which with the pid identifies it even when the pid is later reused. Null elsewhere or when gone.
 */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) is in parentheses and may hold spaces; count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const value = Number(fields[22 - 3]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Linux: this boot's id, so that a record from before a reboot never matches a process of this one. */
export function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Who owns (started, and will stop) an embedded cluster: `<parent>/<cluster dir name>.owner.json`. */
export interface OwnerRecord {
  pid: number;
  /** processStartTime(pid) when recorded; null where unknown (not Linux). */
  startTime: number | null;
  /** bootId() when recorded. */
  bootId?: string | null;
  port?: number;
  /** ISO time the ownership was taken. */
  since?: string;
  /** The owner's command line, for messages. */
  command?: string;
}

/** The owner file sits beside the cluster: the cluster directory itself belongs to the postgres user when we run as root. */
export function ownerFile(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}.owner.json`);
}

export function readOwner(dir: string): OwnerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(ownerFile(dir), 'utf8')) as OwnerRecord;
    return Number.isInteger(record.pid) && record.pid > 0 ? record : undefined;
  } catch {
    return undefined; // missing, or unreadable: no owner we can trust
  }
}

/** The recorded owner is still running: the same pid, and (where known) the same process start time. */
export function ownerAlive(owner: Pick<OwnerRecord, 'pid' | 'startTime' | 'bootId'>): boolean {
  if (!processAlive(owner.pid)) return false;
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return false;
  if (owner.startTime === null || owner.startTime === undefined) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.startTime;
}

/**
 * Record this process as the owner of the cluster in `dir`. The record is created atomically
 * (written aside, then hard-linked into place, which fails when one exists), so of two processes
 * starting at once only one becomes the owner. A record whose owner is gone is replaced.
 * Returns the live owner instead when another process holds it.
 */
export async function claimOwnership(dir: string, port: number): Promise<OwnerRecord | undefined> {
  const file = ownerFile(dir);
  const record: OwnerRecord = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: bootId(),
    port,
    since: new Date().toISOString(),
    command: [path.basename(process.argv0 || 'node'), ...process.argv.slice(1)]
      .map((a) => (path.isAbsolute(a) ? path.relative(process.cwd(), a) || a : a))
      .join(' ')
      .slice(0, 200),
  };
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await fs.link(temp, file);
        return undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readOwner(dir);
      // Our own pid: a leftover (released on every path of ours), or a pid reused after a reboot.
      if (current && current.pid !== process.pid && ownerAlive(current)) return current;
      await fs.rm(file, { force: true }); // its owner is gone, or it is unreadable
    }
    throw new Error(`could not record the ownership of ${dir} in ${file}`);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Remove the owner record if it is still ours. */
export function releaseOwnership(dir: string): void {
  const owner = readOwner(dir);
  if (owner && owner.pid === process.pid) {
    try {
      unlinkSync(ownerFile(dir));
    } catch {
      /* already gone */
    }
  }
}

export interface Postmaster {
  pid: number;
  /** Resolved data directory it serves (line 2). */
  dir: string;
  /** When it started, seconds since the epoch (line 3). */
  started: number;
  port: number;
  /** `starting`, `ready`, `stopping`, `standby`, or '' (older servers or early start-up). */
  status: string;
}

/** postmaster.pid: pid, data directory, start time, port, socket directory, listen address, shared memory key, status. */
export function readPostmaster(dir: string): Postmaster | undefined {
  try {
    const lines = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), dir: lines[1]?.trim() ?? '', started: Number(lines[2]), port: Number(lines[3]), status: lines[7]?.trim() ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * A crashed parent (kill -9) leaves its PostgreSQL child running, or a stale postmaster.pid
 * behind. Either blocks the next start, so: stop an orphaned postmaster that serves this data
 * directory, and remove a lock file whose process is gone. Called only once this process owns the
 * directory (claimOwnership), i.e. when the previous owner is gone: a postmaster still running is
 * then an orphan, never a live server's database.
 */
export async function clearStaleLock(dir: string, log: (m: string) => void): Promise<void> {
  const lockFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const postmaster = readPostmaster(dir);
  const pid = postmaster?.pid ?? NaN;
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* not Linux, or the process is gone */
    }
    const ours = postmaster?.dir === path.resolve(dir) && (cmdline === '' || cmdline.includes('postgres'));
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
