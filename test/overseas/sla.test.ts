/**
 * The deadline engine of overseas cases (issue 17, src/modules/overseas/sla.ts): business time on a
 * workstation's calendar — its time zone, weekly hours, public holidays and make-up working days —
 * with pauses while a case waits on the enterprise, and a calendar change that keeps the time used.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, movedDeadline, type BusinessCalendar } from '../../src/modules/overseas/sla.js';

const NINE_TO_SIX: [number, number][] = [
  [9 * 60, 12 * 60],
  [13 * 60, 18 * 60],
];
const week = (days: number[], hours = NINE_TO_SIX) => Object.fromEntries(days.map((d) => [d, hours]));
const calendar = (timeZone: string, over: Partial<BusinessCalendar> = {}): BusinessCalendar => ({ timeZone, weeklyHours: week([1, 2, 3, 4, 5]), holidays: new Set(), workdays: new Map(), ...over });
const iso = (d: Date | null) => d!.toISOString();

describe('business-time deadlines', () => {
  it('counts only open hours in the calendar’s zone: Friday afternoon in Berlin plus 8 hours is Monday afternoon', () => {
    const berlin = calendar('Europe/Berlin');
    // Friday 2026-06-12 16:00 Berlin (UTC+2) = 14:00Z: 2 h on Friday, then Monday 09:00–12:00 (3 h), 13:00–16:00 (3 h).
    expect(iso(addBusinessMinutes(berlin, new Date('2026-06-12T14:00:00Z'), 8 * 60))).toBe('2026-06-15T14:00:00.000Z');
    // The same instant in Shanghai (22:00 local): nothing left on Friday; Monday 09:00 + 8 h of work = 18:00 local.
    expect(iso(addBusinessMinutes(calendar('Asia/Shanghai'), new Date('2026-06-12T14:00:00Z'), 8 * 60))).toBe('2026-06-15T10:00:00.000Z');
  });

  it('skips holidays and works make-up days (China’s National Day week and its Sunday worked)', () => {
    const cn = calendar('Asia/Shanghai', {
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
      workdays: new Map([['2026-10-10', 5]]),
    });
    // Wednesday 30 September 17:00 local: 1 h that day, then nothing until Thursday 8 October.
    expect(iso(addBusinessMinutes(cn, new Date('2026-09-30T09:00:00Z'), 2 * 60))).toBe('2026-10-08T02:00:00.000Z');
    // Friday 9 October 17:00 local + 2 h: 1 h that day, then Saturday 10 October (a make-up day) 09:00–10:00.
    expect(iso(addBusinessMinutes(cn, new Date('2026-10-09T09:00:00Z'), 2 * 60))).toBe('2026-10-10T02:00:00.000Z');
  });

  it('stops the clock while paused, also for an open pause', () => {
    const sh = calendar('Asia/Shanghai');
    const start = new Date('2026-06-15T01:00:00Z'); // Monday 09:00
    const pause = { from: new Date('2026-06-15T02:00:00Z'), to: new Date('2026-06-16T01:00:00Z') }; // 10:00 Mon → 09:00 Tue
    expect(iso(addBusinessMinutes(sh, start, 120, [pause]))).toBe('2026-06-16T02:00:00.000Z');
    // Still waiting on the enterprise: no deadline until the pause ends.
    expect(addBusinessMinutes(sh, start, 120, [{ from: pause.from, to: null }])).toBeNull();
    expect(iso(addBusinessMinutes(sh, start, 60, [{ from: pause.from, to: null }])!)).toBe('2026-06-15T02:00:00.000Z');
  });

  it('keeps the time used when the calendar changes, and spends the rest on the new one', () => {
    const before = calendar('Europe/Berlin');
    const after = calendar('Europe/Berlin', { holidays: new Set(['2026-06-16']) });
    const start = new Date('2026-06-15T07:00:00Z'); // Monday 09:00 Berlin
    const changedAt = new Date('2026-06-15T12:00:00Z'); // 14:00: 4 h used
    expect(businessMinutesBetween(before, start, changedAt)).toBe(240);
    // 16 h target: 4 used; 4 more on Monday (14:00–18:00); Tuesday is now a holiday; 8 on Wednesday → 18:00.
    expect(iso(movedDeadline(before, after, start, changedAt, 16 * 60))).toBe('2026-06-17T16:00:00.000Z');
    expect(iso(movedDeadline(before, before, start, changedAt, 16 * 60))).toBe(iso(addBusinessMinutes(before, start, 16 * 60)));
  });

  it('a calendar never open is an error, not a hang', () => {
    expect(() => addBusinessMinutes(calendar('Asia/Shanghai', { weeklyHours: {} }), new Date('2026-06-15T00:00:00Z'), 1)).toThrow(/no business hours/);
    expect(() => addBusinessMinutes(calendar('Asia/Shanghai'), new Date(), -1)).toThrow(RangeError);
  });

  const zones = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo');
  const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
  const days = fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 12 }).map((ns) => new Set(ns.map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10))));
  const cal = fc.record({ timeZone: zones, holidays: days, workdays: days }).map(({ timeZone, holidays, workdays }) => calendar(timeZone, { holidays, workdays: new Map([...workdays].map((d) => [d, 3])) }));
  const pauses = fc.array(fc.tuple(instant, fc.integer({ min: 1, max: 7 * 24 * 60 })), { maxLength: 3 }).map((ps) => ps.map(([from, m]) => ({ from, to: new Date(from.getTime() + m * 60_000) })));

  it('property: the business time up to a deadline is what was asked (any zone, holidays, make-up days, pauses)', () => {
    fc.assert(
      fc.property(cal, instant, fc.integer({ min: 0, max: 20_000 }), pauses, (c, start, minutes, ps) => {
        const deadline = addBusinessMinutes(c, start, minutes, ps)!;
        expect(deadline.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(Math.abs(businessMinutesBetween(c, start, deadline, ps) - minutes)).toBeLessThan(1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it('property: more minutes, a holiday more or a pause never bring a deadline earlier; a make-up day never later', () => {
    fc.assert(
      fc.property(cal, instant, fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 700 }), pauses, (c, start, minutes, n, ps) => {
        const base = addBusinessMinutes(c, start, minutes)!.getTime();
        expect(addBusinessMinutes(c, start, minutes + 30)!.getTime()).toBeGreaterThanOrEqual(base);
        const day = new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
        expect(addBusinessMinutes({ ...c, holidays: new Set([...c.holidays, day]) }, start, minutes)!.getTime()).toBeGreaterThanOrEqual(base);
        expect(addBusinessMinutes({ ...c, workdays: new Map([...c.workdays, [day, 1]]) }, start, minutes)!.getTime()).toBeLessThanOrEqual(base);
        expect(addBusinessMinutes(c, start, minutes, ps)!.getTime()).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 100 },
    );
  });

  it('property: a calendar open around the clock is plain elapsed time, across daylight-saving changes', () => {
    fc.assert(
      fc.property(zones, instant, fc.integer({ min: 0, max: 50_000 }), (timeZone, start, minutes) => {
        const always = calendar(timeZone, { weeklyHours: week([1, 2, 3, 4, 5, 6, 7], [[0, 1440]]) });
        expect(addBusinessMinutes(always, start, minutes)!.getTime()).toBe(start.getTime() + minutes * 60_000);
      }),
      { numRuns: 100 },
    );
  });
});
