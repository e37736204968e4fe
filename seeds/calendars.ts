/**
 * Official working-day calendars (国务院办公厅关于部分节假日安排的通知) for the demo data set:
 * public holidays and the weekend days worked instead. In production the national admin enters
 * each year's calendar with setWorkingDayCalendar when the State Council publishes it; check these
 * against the published notice before relying on them.
 */
export interface CalendarSeed {
  year: number;
  holidays: [from: string, to: string, name: string][];
  workdays: [date: string, name: string][];
}

export const CALENDARS: CalendarSeed[] = [
  {
    year: 2025,
    holidays: [
      ['2025-01-01', '2025-01-01', '元旦'],
      ['2025-01-28', '2025-02-04', '春节'],
      ['2025-04-04', '2025-04-06', '清明节'],
      ['2025-05-01', '2025-05-05', '劳动节'],
      ['2025-05-31', '2025-06-02', '端午节'],
      ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
    ],
    workdays: [
      ['2025-01-26', '春节调休上班'],
      ['2025-02-08', '春节调休上班'],
      ['2025-04-27', '劳动节调休上班'],
      ['2025-09-28', '国庆节调休上班'],
      ['2025-10-11', '国庆节调休上班'],
    ],
  },
  {
    year: 2026,
    holidays: [
      ['2026-01-01', '2026-01-03', '元旦'],
      ['2026-02-15', '2026-02-23', '春节'],
      ['2026-04-04', '2026-04-06', '清明节'],
      ['2026-05-01', '2026-05-05', '劳动节'],
      ['2026-06-19', '2026-06-21', '端午节'],
      ['2026-09-25', '2026-09-27', '中秋节'],
      ['2026-10-01', '2026-10-07', '国庆节'],
    ],
    workdays: [
      ['2026-01-04', '元旦调休上班'],
      ['2026-02-14', '春节调休上班'],
      ['2026-02-28', '春节调休上班'],
      ['2026-05-09', '劳动节调休上班'],
      ['2026-09-20', '国庆节调休上班'],
      ['2026-10-10', '国庆节调休上班'],
    ],
  },
];

/** The calendar's exception days, one per date. */
export function calendarDays(seed: CalendarSeed): { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }[] {
  const days: { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }[] = [];
  for (const [from, to, name] of seed.holidays) {
    for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
      days.push({ date: d.toISOString().slice(0, 10), kind: 'HOLIDAY', name });
    }
  }
  for (const [date, name] of seed.workdays) days.push({ date, kind: 'WORKDAY', name });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
