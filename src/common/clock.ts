import { todayInChina } from './scalars.js';
import type { RehearsalClock } from './rehearsal-clock.js';

/**
 * The time as the programme sees it. Every rule that depends on "today" (validity, windows,
 * deadlines) reads it from the request's clock, so tests and demos can pin it.
 */
export interface Clock {
  now(): Date;
  /** Today's date in China Standard Time, YYYY-MM-DD. */
  today(): string;
  /** Set when the server runs on a rehearsal clock (never in production): what can move it. */
  readonly rehearsal?: RehearsalClock;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInChina(),
};

/**
 * The clock of one request: "today" is read once, the first time it is asked, and is the same for
 * the whole request (a request that straddles midnight does not mix two days).
 */
export function requestClock(clock: Clock): Clock {
  let today: string | undefined;
  return { now: () => clock.now(), today: () => (today ??= clock.today()), rehearsal: clock.rehearsal };
}

/** A clock stopped at `instant` (an ISO date or date-time; a date means its start in China Standard Time). */
export function fixedClock(instant: string): Clock {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(instant) ? new Date(`${instant}T00:00:00+08:00`) : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${instant}`);
  return { now: () => new Date(date), today: () => todayInChina(date) };
}
