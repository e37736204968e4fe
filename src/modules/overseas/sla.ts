/**
 * Deadlines in business time on a workstation's own calendar (issue 17, docs/overseas.md): its time
 * zone, its weekly hours, its public holidays and its make-up working days (a weekend day worked,
 * on the hours of the weekday it stands in for). Time while a case waits on the enterprise (pauses)
 * does not count. Pure functions on date-fns and @date-fns/tz: local times are turned into instants
 * in the calendar's zone day by day, so daylight-saving changes fall where they fall.
 *
 * - `addBusinessMinutes(calendar, start, minutes, pauses)`: the instant at which `minutes` of
 *   business time have passed since `start` (null while a pause that has not ended stops it);
 * - `businessMinutesBetween(calendar, from, to, pauses)`: the business time between two instants;
 * - `movedDeadline(old, next, start, changedAt, target, pauses)`: a calendar changed at `changedAt`
 *   keeps the business time already used on the old calendar and spends the rest on the new one.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

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

/** The open intervals of a local date, as instants, in order. */
function openOn(calendar: BusinessCalendar, day: TZDate): [number, number][] {
  const date = format(day, 'yyyy-MM-dd');
  if (calendar.holidays.has(date)) return [];
  const isoWeekday = ((day.getDay() + 6) % 7) + 1;
  const hours = calendar.workdays.has(date) ? calendar.weeklyHours[calendar.workdays.get(date)!] : calendar.weeklyHours[isoWeekday];
  return (hours ?? []).map(([from, to]) => [at(calendar, day, from), at(calendar, day, to)]);
}

/** The instant of `minute` after local midnight of `day` in the calendar's zone (a minute skipped by DST moves forward). */
function at(calendar: BusinessCalendar, day: TZDate, minute: number): number {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minute / 60), minute % 60, 0, 0, calendar.timeZone).getTime();
}

/** `[from, to)` minus the pauses, as ordered pieces. */
function unpaused(from: number, to: number, pauses: readonly Pause[]): [number, number][] {
  let pieces: [number, number][] = [[from, to]];
  for (const p of pauses) {
    const ps = p.from.getTime();
    const pe = p.to ? p.to.getTime() : Infinity;
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
  let day = new TZDate(start.getTime(), calendar.timeZone);
  day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 0, 0, 0, 0, calendar.timeZone);
  let idle = 0;
  for (let i = 0; i < MAX_DAYS * 20; i++) {
    if (day.getTime() > stopped) return false;
    const open = openOn(calendar, day);
    idle = open.length ? 0 : idle + 1;
    if (idle > MAX_DAYS) throw new Error('the calendar has no business hours');
    for (const [from, to] of open) {
      const s = Math.max(from, start.getTime());
      if (to <= s) continue;
      for (const [a, b] of unpaused(s, to, pauses)) if (visit(a, b)) return true;
    }
    day = new TZDate(addDays(day, 1).getTime(), calendar.timeZone);
  }
  throw new Error('the deadline is beyond the calendar');
}

/**
 * The instant at which `minutes` of business time have passed since `start` (`start` itself for 0);
 * null when a pause that has not ended stops the clock before then (the case waits on the enterprise).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number, pauses: readonly Pause[] = []): Date | null {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError('minutes must be a finite number ≥ 0');
  if (minutes === 0) return new Date(start.getTime());
  let left = minutes * 60_000;
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
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  walk(calendar, from, pauses, (a, b) => {
    if (a >= to.getTime()) return true;
    total += Math.min(b, to.getTime()) - a;
    return b >= to.getTime();
  });
  return total / 60_000;
}

/**
 * The deadline after the calendar changed at `changedAt`: the business time used so far is taken on
 * the old calendar, the rest of `targetMinutes` is spent on the new one from `changedAt`.
 */
export function movedDeadline(old: BusinessCalendar, next: BusinessCalendar, start: Date, changedAt: Date, targetMinutes: number, pauses: readonly Pause[] = []): Date | null {
  const used = businessMinutesBetween(old, start, changedAt, pauses);
  if (used >= targetMinutes) return addBusinessMinutes(old, start, targetMinutes, pauses);
  return addBusinessMinutes(next, changedAt.getTime() > start.getTime() ? changedAt : start, targetMinutes - used, pauses);
}
