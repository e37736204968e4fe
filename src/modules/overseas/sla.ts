/**
 * Deadlines in business time on a workstation's own calendar (issue 17, docs/overseas.md): its time
 * zone, its weekly hours, its public holidays and its make-up working days (a weekend day worked,
 * on the hours of the weekday it stands in for). Time while a case waits on the enterprise (pauses)
 * does not count. Pure functions: local dates are walked by plain day arithmetic (never the server's
 * own zone), and an instant is open when the workstation's wall clock (the zone's rules, through
 * Intl) shows a time inside one of the day's intervals: a time skipped in spring is not open, a time
 * repeated in autumn is open both times; daylight-saving days count the real time they are open.
 *
 * - `addBusinessMinutes(calendar, start, minutes, pauses)`: the instant at which `minutes` of
 *   business time have passed since `start` (null while a pause that has not ended stops it);
 * - `businessMinutesBetween(calendar, from, to, pauses)`: the business time between two instants;
 * - `movedDeadline(old, next, start, changedAt, target, pauses)`: a calendar changed at `changedAt`
 *   keeps the business time already used on the old calendar and spends the rest on the new one.
 */

/** Minutes after local midnight: [from, to), to ≤ 1440. */
export type Interval = readonly [from: number, to: number];

export interface BusinessCalendar {
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** ISO weekday (1 Monday … 7 Sunday) → its open intervals, ascending, not overlapping. */
  weeklyHours: Readonly<Record<number, readonly Interval[]>>;
  /** Local dates (YYYY-MM-DD) closed whatever the weekday. */
  holidays: ReadonlySet<string>;
  /** Local dates (YYYY-MM-DD) worked although their weekday is closed → the weekday whose hours they keep. */
  workdays: ReadonlyMap<string, number>;
}

export interface Pause {
  from: Date;
  /** null: still paused. */
  to: Date | null;
}

/** Ten years of days without a single open minute means the calendar is never open. */
const MAX_DAYS = 3660;

/** A local calendar date, by day number since 1970-01-01 (pure arithmetic: no zone, no server clock). */
const dayOf = (ms: number) => Math.floor(ms / 86_400_000);
const ymd = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const isoWeekday = (day: number) => ((new Date(day * 86_400_000).getUTCDay() + 6) % 7) + 1;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock time at instant `t` in `zone`, as if it were UTC (ms). */
function wallOf(zone: string, t: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) + (t % 1000 + 1000) % 1000;
}

const offsetAt = (zone: string, t: number) => wallOf(zone, t) - t;
const HOUR = 3_600_000;

/** The stretches of constant UTC offset over [t0, t1): [start, end, offset] (a change found to the second). */
function stretches(zone: string, t0: number, t1: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = t0;
  let offset = offsetAt(zone, t0);
  for (let probe = t0 + 6 * HOUR; ; probe += 6 * HOUR) {
    const at = Math.min(probe, t1);
    const next = offsetAt(zone, at);
    if (next !== offset) {
      let lo = at - 6 * HOUR;
      let hi = at;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetAt(zone, mid) === offset) lo = mid;
        else hi = mid;
      }
      out.push([start, hi, offset]);
      start = hi;
      offset = offsetAt(zone, hi);
    }
    if (at >= t1) break;
  }
  out.push([start, t1, offset]);
  return out;
}

/**
 * The open intervals of a local date (day number), as instants, in order: every instant whose wall
 * clock shows a time inside one of the day's intervals. So a time skipped in spring is not open, and
 * a time repeated in autumn is open both times.
 */
function openOn(calendar: BusinessCalendar, day: number): [number, number][] {
  const date = ymd(day);
  if (calendar.holidays.has(date)) return [];
  const hours = calendar.workdays.has(date) ? calendar.weeklyHours[calendar.workdays.get(date)!] : calendar.weeklyHours[isoWeekday(day)];
  if (!hours?.length) return [];
  const midnight = day * 86_400_000;
  // Offsets lie within ±18 h: the instants showing this local date lie in this window.
  const parts = stretches(calendar.timeZone, midnight - 19 * HOUR, midnight + 43 * HOUR);
  const out: [number, number][] = [];
  for (const [from, to] of hours) {
    for (const [start, end, offset] of parts) {
      const a = Math.max(start, midnight + from * 60_000 - offset);
      const b = Math.min(end, midnight + to * 60_000 - offset);
      if (b > a) out.push([a, b]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** `[from, to)` minus the pauses, as ordered pieces. */
function unpaused(from: number, to: number, pauses: readonly Pause[]): [number, number][] {
  let pieces: [number, number][] = [[from, to]];
  for (const p of pauses) {
    const ps = p.from.getTime();
    const pe = p.to ? p.to.getTime() : Infinity;
    // A pause that ends before it starts stops nothing.
    if (pe <= ps) continue;
    pieces = pieces.flatMap(([s, e]) => (pe <= s || ps >= e ? [[s, e]] : ([[s, Math.min(e, ps)], [Math.max(s, pe), e]] as [number, number][]).filter(([a, b]) => b > a)));
  }
  return pieces;
}

/**
 * The business pieces from `start` on, day by day (each a [from, to) in ms), until `visit` says
 * enough (true) or an open pause stops the clock for good (false).
 */
function walk(calendar: BusinessCalendar, start: Date, pauses: readonly Pause[], visit: (from: number, to: number) => boolean): boolean {
  const stopped = Math.min(...pauses.filter((p) => p.to === null).map((p) => p.from.getTime()));
  // The local date of the start (an interval of the day before may still be open after midnight only through 24:00, which ends it).
  let day = dayOf(wallOf(calendar.timeZone, start.getTime()));
  let idle = 0;
  for (let i = 0; i < MAX_DAYS * 20; i++, day++) {
    if (day * 86_400_000 - 19 * HOUR > stopped) return false;
    const open = openOn(calendar, day);
    idle = open.length ? 0 : idle + 1;
    if (idle > MAX_DAYS) throw new Error('the calendar has no business hours');
    for (const [from, to] of open) {
      const s = Math.max(from, start.getTime());
      if (to <= s) continue;
      for (const [a, b] of unpaused(s, to, pauses)) if (visit(a, b)) return true;
    }
  }
  throw new Error('the deadline is beyond the calendar');
}

/**
 * The instant at which `minutes` of business time have passed since `start` (`start` itself for 0);
 * null when a pause that has not ended stops the clock before then (the case waits on the enterprise).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number, pauses: readonly Pause[] = []): Date | null {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError('minutes must be a finite number ≥ 0');
  return addBusinessMs(calendar, start, Math.round(minutes * 60_000), pauses);
}

/** addBusinessMinutes in whole milliseconds (no rounding drift when time is carried over). */
export function addBusinessMs(calendar: BusinessCalendar, start: Date, ms: number, pauses: readonly Pause[]): Date | null {
  if (ms === 0) return new Date(start.getTime());
  let left = ms;
  let end = start.getTime();
  const reached = walk(calendar, start, pauses, (from, to) => {
    if (to - from >= left) {
      end = from + left;
      return true;
    }
    left -= to - from;
    return false;
  });
  return reached ? new Date(end) : null;
}

/** The business time, in minutes (fractional), from `from` to `to` (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date, pauses: readonly Pause[] = []): number {
  return businessMsBetween(calendar, from, to, pauses) / 60_000;
}

export function businessMsBetween(calendar: BusinessCalendar, from: Date, to: Date, pauses: readonly Pause[]): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  walk(calendar, from, pauses, (a, b) => {
    if (a >= to.getTime()) return true;
    total += Math.min(b, to.getTime()) - a;
    return b >= to.getTime();
  });
  return total;
}

/** A clock carried over calendar changes: the business time used (ms) on the calendars in force before `since`. */
export interface Checkpoint {
  since: Date;
  usedMs: number;
}

/** The checkpoint moved to `at`, the time since the last one taken on `calendar` (the one in force until `at`). */
export function checkpointAt(calendar: BusinessCalendar, cp: Checkpoint, at: Date, pauses: readonly Pause[]): Checkpoint {
  if (at.getTime() <= cp.since.getTime()) return cp;
  return { since: at, usedMs: cp.usedMs + businessMsBetween(calendar, cp.since, at, pauses) };
}

/** When `targetMs` of business time are used, the rest spent on `calendar` from the checkpoint (null while an open pause stops it). */
export function dueFrom(calendar: BusinessCalendar, cp: Checkpoint, targetMs: number, pauses: readonly Pause[]): Date | null {
  return addBusinessMs(calendar, cp.since, Math.max(0, targetMs - cp.usedMs), pauses);
}

/**
 * The deadline after the calendar changed at `changedAt`: the business time used so far is taken on
 * the old calendar, the rest of `targetMinutes` is spent on the new one from `changedAt` (one change
 * of what cases do with checkpointAt and dueFrom, case.rules.ts; a deadline already passed stays).
 */
export function movedDeadline(old: BusinessCalendar, next: BusinessCalendar, start: Date, changedAt: Date, targetMinutes: number, pauses: readonly Pause[] = []): Date | null {
  if (!(targetMinutes >= 0) || !Number.isFinite(targetMinutes)) throw new RangeError('minutes must be a finite number ≥ 0');
  const target = Math.round(targetMinutes * 60_000);
  const cp = checkpointAt(old, { since: start, usedMs: 0 }, changedAt, pauses);
  if (cp.usedMs >= target) return addBusinessMs(old, start, target, pauses);
  return dueFrom(next, cp, target, pauses);
}
