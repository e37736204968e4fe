/**
 * The rehearsal clock (training and staging servers; refused in production by src/config.ts).
 *
 * With `CLOCK_TODAY=2026-07-15` (or `CLOCK_OFFSET_DAYS=-140`) the programme's date starts there and
 * runs on with real time: `now()` is the real instant plus a whole number of days, so a day of the
 * rehearsal is a real day, and a national admin may move it forward (`advanceProgrammeClock`), never
 * back (records made on a later date must not come before records made on an earlier one).
 *
 * The offset lives in `system_meta` under one key, so that a restart (even `kill -9`) does not jump
 * back and every instance and `npm run jobs` share it:
 *
 *   { "anchor": "CLOCK_TODAY=2026-07-15", "offsetDays": -137, "advancedDays": 3, ... }
 *
 * - A server that starts with the same setting as the stored `anchor` takes the stored offset (with
 *   the advances); with another setting it starts a new rehearsal (a fresh offset, stored).
 * - A server that starts without a rehearsal setting ends the rehearsal: the row is deleted.
 * - `npm run jobs` with no setting of its own follows the stored rehearsal (unless in production).
 * - Running instances read the row every REFRESH_MS (and before each scheduled run), so an advance
 *   made on one instance reaches the others within that time; the instance that advanced has it at
 *   once. Offsets only grow in memory: a stale read never moves a clock back.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RehearsalSetting } from '../config.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { todayInChina } from './scalars.js';
import { advisoryLock, afterCommit, transaction } from './transaction.js';

export const PROGRAMME_CLOCK_KEY = 'programme-clock';
/** How often a running instance reads the stored offset (an advance made elsewhere reaches it within this). */
export const REFRESH_MS = 10_000;
const DAY_MS = 86_400_000;

/** What system_meta holds for the running rehearsal. */
export interface StoredRehearsal {
  /** The setting the rehearsal was started with (`CLOCK_TODAY=…` or `CLOCK_OFFSET_DAYS=…`). */
  anchor: string;
  /** Programme date minus real date, days (the configured start plus every advance). */
  offsetDays: number;
  /** Days added by advanceProgrammeClock since the rehearsal started. */
  advancedDays: number;
  /** The programme date the rehearsal started on, and the real instant it started. */
  startedOn: string;
  startedAt: string;
}

export function anchorOf(setting: RehearsalSetting): string {
  return setting.today !== undefined ? `CLOCK_TODAY=${setting.today}` : `CLOCK_OFFSET_DAYS=${setting.offsetDays ?? 0}`;
}

/** Whole days from date `a` to date `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

function parseStored(value: unknown): StoredRehearsal | null {
  const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!v || typeof v !== 'object') return null;
  const s = v as Partial<StoredRehearsal>;
  if (typeof s.anchor !== 'string' || !Number.isInteger(s.offsetDays)) return null;
  return { anchor: s.anchor, offsetDays: s.offsetDays!, advancedDays: Number.isInteger(s.advancedDays) ? s.advancedDays! : 0, startedOn: String(s.startedOn ?? ''), startedAt: String(s.startedAt ?? '') };
}

/** The stored rehearsal, if any (`forUpdate`: locks the row; inside a transaction only). */
export async function readStoredRehearsal(em: EntityManager, forUpdate = false): Promise<StoredRehearsal | null> {
  const rows = await em.execute<{ value: unknown }[]>(`select value from system_meta where key = ?${forUpdate ? ' for update' : ''}`, [PROGRAMME_CLOCK_KEY], 'all');
  return rows[0] ? parseStored(rows[0].value) : null;
}

async function writeStored(em: EntityManager, stored: StoredRehearsal): Promise<void> {
  await em.execute(
    `insert into system_meta (key, value, updated_at) values (?, ?, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [PROGRAMME_CLOCK_KEY, JSON.stringify(stored)],
    'run',
  );
}

export class RehearsalClock implements Clock {
  private offset: number;

  /** `realNow`: the real time in milliseconds (tests may pin it; the server uses Date.now). */
  constructor(
    readonly anchor: string,
    offsetDays: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.offset = offsetDays;
  }

  get rehearsal(): RehearsalClock {
    return this;
  }

  /** Programme date minus real date, in days. */
  get offsetDays(): number {
    return this.offset;
  }

  now(): Date {
    return new Date(this.realNow() + this.offset * DAY_MS);
  }

  today(): string {
    return todayInChina(this.now());
  }

  /** The programme date this clock would show with `offsetDays`. */
  todayWith(offsetDays: number): string {
    return todayInChina(new Date(this.realNow() + offsetDays * DAY_MS));
  }

  /** Takes a stored offset if it is ahead of this one (never goes back); true when it moved. */
  adopt(offsetDays: number): boolean {
    if (offsetDays <= this.offset) return false;
    this.offset = offsetDays;
    return true;
  }

  /**
   * Moves the stored clock forward by `days` inside the caller's transaction (the row locked, so
   * concurrent advances on several instances add up); this instance follows once it commits.
   * `null` when the stored rehearsal is not this one (another setting, or ended).
   */
  async advanceStored(em: EntityManager, days: number): Promise<{ before: StoredRehearsal; after: StoredRehearsal } | null> {
    if (!em.isInTransaction()) throw new Error('advanceStored outside a transaction');
    const before = await readStoredRehearsal(em, true);
    if (!before || before.anchor !== this.anchor) return null;
    const after: StoredRehearsal = { ...before, offsetDays: Math.max(before.offsetDays, this.offset) + days, advancedDays: before.advancedDays + days };
    await writeStored(em, after);
    afterCommit(() => this.adopt(after.offsetDays));
    return { before, after };
  }

  /** Reads the stored offset and follows it when it is ahead (an advance made on another instance). */
  async refresh(em: EntityManager): Promise<'moved' | 'unchanged' | 'other-rehearsal'> {
    const stored = await readStoredRehearsal(em);
    if (!stored || stored.anchor !== this.anchor) return 'other-rehearsal';
    return this.adopt(stored.offsetDays) ? 'moved' : 'unchanged';
  }

  /** Refreshes every `intervalMs` until the returned function is called. */
  startRefreshing(em: EntityManager, onProblem: (message: string, error?: unknown) => void, intervalMs = REFRESH_MS): () => void {
    let warned = false;
    const timer = setInterval(() => {
      this.refresh(em.fork())
        .then((outcome) => {
          if (outcome === 'other-rehearsal' && !warned) {
            warned = true;
            onProblem(`the stored rehearsal clock is no longer ${this.anchor} (another instance started with another setting, or without one): this instance keeps its own date; give every instance the same CLOCK_TODAY/CLOCK_OFFSET_DAYS`);
          } else if (outcome !== 'other-rehearsal') warned = false;
        })
        .catch((error: unknown) => onProblem('could not read the stored rehearsal clock', error));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/**
 * The server's programme clock at start: a rehearsal clock when `setting` asks for one (resumed from
 * the database when it holds the same rehearsal, else started and stored), otherwise the system
 * clock, and then a stored rehearsal is ended (deleted) so that `npm run jobs` does not follow it.
 */
export async function openProgrammeClock(
  em: EntityManager,
  setting: RehearsalSetting | null,
  realNow: () => number = Date.now,
): Promise<{ clock: Clock; outcome: 'system' | 'ended' | 'resumed' | 'started'; stored: StoredRehearsal | null }> {
  return transaction(em, async (tx) => {
    await advisoryLock(tx, PROGRAMME_CLOCK_KEY);
    const stored = await readStoredRehearsal(tx, true);
    if (!setting) {
      if (!stored) return { clock: systemClock, outcome: 'system' as const, stored: null };
      await tx.execute('delete from system_meta where key = ?', [PROGRAMME_CLOCK_KEY], 'run');
      return { clock: systemClock, outcome: 'ended' as const, stored };
    }
    const anchor = anchorOf(setting);
    if (stored && stored.anchor === anchor) return { clock: new RehearsalClock(anchor, stored.offsetDays, realNow), outcome: 'resumed' as const, stored };
    const realToday = todayInChina(new Date(realNow()));
    const offsetDays = setting.today !== undefined ? daysBetween(realToday, setting.today) : (setting.offsetDays ?? 0);
    const clock = new RehearsalClock(anchor, offsetDays, realNow);
    const fresh: StoredRehearsal = { anchor, offsetDays, advancedDays: 0, startedOn: clock.today(), startedAt: new Date(realNow()).toISOString() };
    await writeStored(tx, fresh);
    return { clock, outcome: 'started' as const, stored: fresh };
  });
}

/**
 * The clock of `npm run jobs`: its own setting as a server would (but a run without one ends
 * nothing), else the stored rehearsal the servers are running, else the system clock. In
 * production a stored rehearsal is never followed.
 */
export async function joinProgrammeClock(
  em: EntityManager,
  setting: RehearsalSetting | null,
  production: boolean,
): Promise<{ clock: Clock; source: 'setting' | 'stored' | 'system'; ignored: StoredRehearsal | null }> {
  if (setting) return { clock: (await openProgrammeClock(em, setting)).clock, source: 'setting', ignored: null };
  const stored = await readStoredRehearsal(em);
  if (!stored) return { clock: systemClock, source: 'system', ignored: null };
  if (production) return { clock: systemClock, source: 'system', ignored: stored };
  return { clock: new RehearsalClock(stored.anchor, stored.offsetDays), source: 'stored', ignored: null };
}
