/**
 * Working days by the official calendar: Monday to Friday, except public holidays (HOLIDAY), plus
 * the weekend days declared working days (WORKDAY). The exceptions are data (calendar_day).
 */
export type Exceptions = ReadonlyMap<string, 'HOLIDAY' | 'WORKDAY'>;

function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, exceptions: Exceptions): boolean {
  const exception = exceptions.get(date);
  if (exception) return exception === 'WORKDAY';
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/**
 * The last day of a period of `n` working days that starts on `start`: `start` itself counts as
 * the first when it is a working day (a notice published on a Monday with n = 10 ends on the
 * second Friday, holidays aside).
 */
export function lastOfWorkingDays(start: string, n: number, exceptions: Exceptions): string {
  if (!Number.isInteger(n) || n < 1) throw new Error('n must be a positive integer');
  let date = start;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(date, exceptions)) counted += 1;
    if (counted === n) return date;
    date = addDays(date, 1);
  }
}

/** Number of working days from `from` to `to`, both included (0 when to < from). */
export function countWorkingDays(from: string, to: string, exceptions: Exceptions): number {
  let n = 0;
  for (let date = from; date <= to; date = addDays(date, 1)) if (isWorkingDay(date, exceptions)) n += 1;
  return n;
}
