/**
 * D 三(二)3: the public notice lasts 10 working days "by the official calendar": weekends off,
 * public holidays off, make-up working days on some weekends. The calendar is data the national
 * admin maintains (setWorkingDayCalendar), not code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';
import { countWorkingDays, isWorkingDay, lastOfWorkingDays } from '../../src/modules/programme/working-days.js';

const SET = `mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year maintained days { date kind name } } } }`;
const PERIOD = `query($start: Date!, $n: Int!) { workingDayPeriod(start: $start, workingDays: $n) { start workingDays end } }`;

describe('working-day calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('the rule itself (pure)', () => {
    const none = new Map<string, 'HOLIDAY' | 'WORKDAY'>();
    it('weekdays are working days, weekends are not', () => {
      expect(isWorkingDay('2026-11-23', none)).toBe(true); // Monday
      expect(isWorkingDay('2026-11-22', none)).toBe(false); // Sunday
    });
    it('a period starting on a working day counts it as the first: 10 working days from a Monday end on the second Friday', () => {
      expect(lastOfWorkingDays('2026-11-23', 10, none)).toBe('2026-12-04');
      expect(countWorkingDays('2026-11-23', '2026-12-04', none)).toBe(10);
    });
    it('a period starting on a weekend begins on the next working day', () => {
      expect(lastOfWorkingDays('2026-11-22', 1, none)).toBe('2026-11-23');
    });
  });

  it('setting a year\'s calendar again with the same days keeps them (it once emptied the year)', async () => {
    const input = { year: 2032, days: [{ date: '2032-01-01', kind: 'HOLIDAY', name: '元旦' }] };
    await t.ok(SET, { input });
    const again = await t.ok(SET, { input });
    expect(again.setWorkingDayCalendar.calendar.days).toEqual([{ date: '2032-01-01', kind: 'HOLIDAY', name: '元旦' }]);
    expect(await t.sql('select count(*)::int as n from calendar_day where year = 2032')).toEqual([{ n: 1 }]);
    await t.sql('delete from calendar_day where year = 2032'); // the next case starts from an empty calendar
  });

  it('D 三(二)3: only the national admin maintains the calendar; others are refused and nothing is stored', async () => {
    const input = { year: 2025, days: calendarDays(CALENDARS[0]!) };
    for (const [viewer, code] of [
      [as.anonymous, 'UNAUTHENTICATED'],
      [as.provincial('440000'), 'FORBIDDEN'],
      [as.enterprise('00000000-0000-7000-8000-000000000000'), 'FORBIDDEN'],
    ] as const) {
      const result = await t.gql(SET, { input }, viewer);
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await t.sql('select 1 from calendar_day')).toEqual([]);
  });

  it('D 三(二)3: a notice of 10 working days skips the National Day week and counts the make-up Saturday', async () => {
    for (const seed of CALENDARS) await t.ok(SET, { input: { year: seed.year, days: calendarDays(seed) } });
    // 2025: 9-29 (Mon) and 9-30 (Tue) work; 10-1…10-8 off; 10-9 Thu, 10-10 Fri, 10-11 Sat (make-up) work.
    const { workingDayPeriod } = await t.ok(PERIOD, { start: '2025-09-29', n: 10 }, as.anonymous);
    // 9-29, 9-30, 10-9, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16, 10-17
    expect(workingDayPeriod).toEqual({ start: '2025-09-29', workingDays: 10, end: '2025-10-17' });
    // The Sunday make-up day before it (9-28) is a working day: a notice published that day counts it.
    expect((await t.ok(PERIOD, { start: '2025-09-28', n: 1 })).workingDayPeriod.end).toBe('2025-09-28');
    // Across the Spring Festival 2026: 2-13 (Fri) … 2-14 (make-up Sat) … holidays to 2-23 … 2-24.
    expect((await t.ok(PERIOD, { start: '2026-02-13', n: 3 })).workingDayPeriod.end).toBe('2026-02-24');
  });

  it('a year whose calendar is not maintained cannot be counted in: RULE_VIOLATION CALENDAR_NOT_MAINTAINED', async () => {
    const result = await t.gql(PERIOD, { start: '2026-12-20', n: 10 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CALENDAR_NOT_MAINTAINED', year: 2027 });
  });

  it('replacing a year is whole and audited; the calendar is public', async () => {
    await t.ok(SET, { input: { year: 2027, days: [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }] } });
    const replaced = await t.ok(SET, { input: { year: 2027, days: [{ date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' }] } });
    expect(replaced.setWorkingDayCalendar.calendar).toEqual({ year: 2027, maintained: true, days: [{ date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' }] });
    const read = await t.ok(`{ workingDayCalendar(year: 2027) { maintained days { date } } none: workingDayCalendar(year: 2030) { maintained days { date } } }`, undefined, as.anonymous);
    expect(read).toEqual({ workingDayCalendar: { maintained: true, days: [{ date: '2027-10-01' }] }, none: { maintained: false, days: [] } });
    const audit = await t.sql<{ operation: string; object_id: string }>("select operation, object_id from audit_entry where operation = 'setWorkingDayCalendar' and object_id = '2027'");
    expect(audit).toHaveLength(2);
  });

  it('bad input is BAD_USER_INPUT with the fields, and nothing is stored', async () => {
    const before = await t.sql('select * from calendar_day where year = 2028');
    const result = await t.gql(SET, {
      input: {
        year: 2028,
        days: [
          { date: '2028-01-03', kind: 'WORKDAY', name: '周一不能是调休上班日' },
          { date: '2028-05-01', kind: 'HOLIDAY', name: '劳动节' },
          { date: '2028-05-01', kind: 'HOLIDAY', name: '重复' },
          { date: '2031-01-01', kind: 'HOLIDAY', name: '太远' },
        ],
      },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['days.0.kind', 'days.2.date', 'days.3.date']);
    expect(await t.sql('select * from calendar_day where year = 2028')).toEqual(before);
  });
});
