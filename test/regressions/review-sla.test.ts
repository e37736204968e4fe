/**
 * Hostile review of the business-time deadline engine (src/modules/overseas/sla.ts): property tests
 * on random calendars (random intervals biased to the hours daylight-saving changes touch, intervals
 * ending at 1440), random zones, starts around DST transitions, holidays, make-up days and pauses,
 * plus targeted examples. An independent oracle reads the wall clock with Intl (no date-fns).
 * (The 'deadline at a DST change' generator calls businessMinutesBetween only to aim `m` at the change.)
 *
 * Defects these probes found in earlier versions of sla.ts (all pass on the wall-clock rewrite):
 * spring-forward `at()` moving a missing time forward (overlapping or vanishing intervals: round
 * trip, monotonicity, holiday/pause bringing a deadline forward); a repeated time resolved by the
 * server's own TZ, and a local date walked twice (Santiago, server in Sydney); after a skipped
 * midnight the walk's day drifting to 01:00, so an open pause dropped that day's first hour; first-
 * open/last-close on fall-back days overlapping; a reversed pause adding time; movedDeadline's
 * fractional `used` pushing a deadline at a closing time to the next opening.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, movedDeadline, type BusinessCalendar, type Interval, type Pause } from '../../src/modules/overseas/sla.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const Z = (s: string) => new Date(s);

/** Offset changes (UTC instants), checked against Intl. Sao Paulo's last DST (2018/19): midnight skipped / repeated. */
const TRANSITIONS: Record<string, string[]> = {
  'Asia/Shanghai': [],
  'Asia/Kolkata': [],
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'America/Sao_Paulo': ['2018-11-04T03:00:00Z', '2019-02-17T02:00:00Z'],
  'Australia/Sydney': ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'],
  'Pacific/Chatham': ['2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z'],
  // Chile: midnight skipped on 2026-09-06 (00:00 -04 → 01:00 -03), 23:00–24:00 of 2026-04-04 repeated.
  'America/Santiago': ['2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z'],
};
const ZONES = Object.keys(TRANSITIONS);

// ---------- independent oracle (Intl) ----------
const fmts = new Map<string, Intl.DateTimeFormat>();
function local(zone: string, ms: number): { date: string; minute: number; weekday: number } {
  let f = fmts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    fmts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, minute: Number(p.hour) * 60 + Number(p.minute) + (Number(p.second) + (((ms % 1000) + 1000) % 1000) / 1000) / 60, weekday };
}
function hoursOf(c: BusinessCalendar, date: string, weekday: number): readonly Interval[] {
  if (c.holidays.has(date)) return [];
  return (c.workdays.has(date) ? c.weeklyHours[c.workdays.get(date)!] : c.weeklyHours[weekday]) ?? [];
}
/** Wall-clock semantics: open when the local clock shows a time inside an interval of the local date. */
function openAt(c: BusinessCalendar, ms: number): boolean {
  const l = local(c.timeZone, ms);
  return hoursOf(c, l.date, l.weekday).some(([f, t]) => f <= l.minute && l.minute < t);
}
const pausedAt = (ps: readonly Pause[], ms: number) => ps.some((p) => p.from.getTime() <= ms && ms < (p.to ? p.to.getTime() : Infinity));
/** Brute force, minute by minute (from, to, pause ends minute-aligned; all offsets are multiples of 15 min). */
function bruteMinutes(c: BusinessCalendar, from: number, to: number, ps: readonly Pause[] = []): number {
  let n = 0;
  for (let t = from; t < to; t += MIN) if (openAt(c, t) && !pausedAt(ps, t)) n++;
  return n;
}
const offFmts = new Map<string, Intl.DateTimeFormat>();
function offsetAt(zone: string, ms: number): string {
  let f = offFmts.get(zone);
  if (!f) offFmts.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  return f.formatToParts(ms).find((x) => x.type === 'timeZoneName')!.value;
}
/** Any offset change from 2 days before `from` to 2 days after `to` (checked every 6 h, with Intl). */
function hasTransition(zone: string, from: number, to: number): boolean {
  const first = offsetAt(zone, from - 2 * DAY);
  for (let t = from - 2 * DAY; t <= to + 2 * DAY; t += DAY / 4) if (offsetAt(zone, t) !== first) return true;
  return offsetAt(zone, to + 2 * DAY) !== first;
}
/** The wall-clock minute shown at `ms` is shown again (or was shown) an hour apart: a repeated local time. */
function repeated(zone: string, ms: number): boolean {
  const a = local(zone, ms);
  return [ms - 3_600_000, ms + 3_600_000].some((t) => {
    const b = local(zone, t);
    return b.date === a.date && Math.floor(b.minute) === Math.floor(a.minute);
  });
}

// ---------- generators ----------
const POOL = [0, 30, 60, 90, 120, 135, 150, 165, 180, 195, 200, 210, 225, 240, 270, 300, 480, 540, 720, 780, 1020, 1080, 1320, 1380, 1410, 1439, 1440];
const PRESETS: Interval[][] = [
  [],
  [
    [540, 720],
    [780, 1080],
  ],
  [[0, 1440]],
  [[1320, 1440]],
  [
    [0, 150],
    [180, 240],
  ],
  [[150, 200]],
  [[120, 180]],
];
const dayHours: fc.Arbitrary<Interval[]> = fc.oneof(
  fc.constantFrom(...PRESETS),
  fc.uniqueArray(fc.oneof(fc.constantFrom(...POOL), fc.integer({ min: 0, max: 1440 })), { minLength: 0, maxLength: 6 }).map((bs) => {
    const s = [...bs].sort((a, b) => a - b);
    const out: Interval[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push([s[i]!, s[i + 1]!]);
    return out;
  }),
);
const weekly = fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours).map((ds) => {
  const w: Record<number, Interval[]> = Object.fromEntries(ds.map((d, i) => [i + 1, d]));
  const total = ds.flat().reduce((n, [f, t]) => n + t - f, 0);
  // At least 2 h a week, so 20 000 minutes stay within a few years of walking.
  if (total < 120) w[3] = [...(w[3] ?? []).filter(([, t]) => t <= 540), [540, 1020]];
  return w;
});

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A start near one of the zone's transitions (usually) or anywhere in 2026–27; minute-aligned or not. */
const startIn = (zone: string) => {
  const near = TRANSITIONS[zone]!.map((s) => fc.integer({ min: -4 * 24 * 60, max: 4 * 24 * 60 }).map((m) => Date.parse(s) + m * MIN));
  const anywhere = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / MIN, max: Date.parse('2027-12-31T00:00:00Z') / MIN }).map((m) => m * MIN);
  const minuteAligned = near.length ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...near) }, { weight: 1, arbitrary: anywhere }) : anywhere;
  return fc.tuple(minuteAligned, fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: MIN - 1 }) })).map(([m, ms]) => m + ms);
};
const pausesNear = (start: number, openEnded: boolean) =>
  fc.array(
    fc.record({
      off: fc.integer({ min: -3 * 24 * 60, max: 12 * 24 * 60 }),
      len: fc.oneof(fc.integer({ min: 1, max: 3 * 24 * 60 }), openEnded ? fc.constant(null) : fc.integer({ min: 1, max: 600 })),
    }),
    { maxLength: 4 },
  ).map((xs) => xs.map(({ off, len }): Pause => ({ from: new Date(start + off * MIN), to: len === null ? null : new Date(start + (off + len) * MIN) })));

interface Scenario {
  c: BusinessCalendar;
  start: number;
  pauses: Pause[];
}
const scenario = (openEnded = false) =>
  fc.constantFrom(...ZONES).chain((zone) =>
    startIn(zone).chain((start) =>
      fc
        .record({
          weeklyHours: weekly,
          holidays: fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 8 }),
          workdays: fc.array(fc.tuple(fc.integer({ min: -2, max: 40 }), fc.integer({ min: 1, max: 7 })), { maxLength: 4 }),
          pauses: pausesNear(start, openEnded),
        })
        .map(
          ({ weeklyHours, holidays, workdays, pauses }): Scenario => ({
            c: {
              timeZone: zone,
              weeklyHours,
              holidays: new Set(holidays.map((n) => dateOf(start + n * DAY))),
              workdays: new Map(workdays.map(([n, w]) => [dateOf(start + n * DAY), w])),
            },
            start,
            pauses,
          }),
        ),
    ),
  );
/** Starts from 36 h before to 6 h after a DST change, every day on the same hours (DST-biased). */
const dstDayHours: fc.Arbitrary<Interval[]> = fc.oneof(
  fc.constantFrom(...PRESETS.filter((p) => p.length)),
  fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 2, maxLength: 6 }).map((bs) => {
    const s = [...bs].sort((a, b) => a - b);
    const out: Interval[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push([s[i]!, s[i + 1]!]);
    return out;
  }),
);
const dstScenario = () =>
  fc.constantFrom(...ZONES.filter((z) => TRANSITIONS[z]!.length)).chain((zone) =>
    fc
      .record({
        tr: fc.constantFrom(...TRANSITIONS[zone]!),
        off: fc.integer({ min: -36 * 60, max: 6 * 60 }),
        hours: dstDayHours,
        pauses: fc.array(fc.record({ off: fc.integer({ min: -600, max: 48 * 60 }), len: fc.integer({ min: 1, max: 600 }) }), { maxLength: 2 }),
      })
      .map(({ tr, off, hours, pauses }): Scenario => {
        const start = Date.parse(tr) + off * MIN;
        return {
          c: { timeZone: zone, weeklyHours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, hours])), holidays: new Set(), workdays: new Map() },
          start,
          pauses: pauses.map((p) => ({ from: new Date(start + p.off * MIN), to: new Date(start + (p.off + p.len) * MIN) })),
        };
      }),
  );
/** Deadlines steered to land within ±2 h of business time around the DST change itself. */
const dstEdge = () =>
  dstScenario().chain((s) => {
    const tr = TRANSITIONS[s.c.timeZone]!.map(Date.parse).find((t) => t > s.start - 3 * DAY && t < s.start + 3 * DAY) ?? s.start;
    const toEdge = Math.round(businessMinutesBetween(s.c, new Date(s.start), new Date(Math.max(tr, s.start)), s.pauses));
    return fc.oneof(fc.integer({ min: -120, max: 120 }), fc.integer({ min: -10, max: 40 })).map((d): [Scenario, number] => [s, Math.max(0, toEdge + d)]);
  });
/** name, generator, runs (the DST generators are cheap: short walks). */
const GENS: [string, () => fc.Arbitrary<[Scenario, number]>, number][] = [
  ['random calendars', () => fc.tuple(scenario(), fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 20_000 }))), 120],
  ['DST days', () => fc.tuple(dstScenario(), fc.integer({ min: 0, max: 1500 })), 600],
  ['deadline at a DST change', dstEdge, 1000],
];
const minutes = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 20_000 }));
const show = (s: Scenario) => ({ zone: s.c.timeZone, start: iso(new Date(s.start)), weeklyHours: s.c.weeklyHours, holidays: [...s.c.holidays], workdays: [...s.c.workdays], pauses: s.pauses.map((p) => [iso(p.from), iso(p.to)]) });

const RUNS = 120;
const withCtx = <T>(ctx: unknown, f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw new Error(`${(e as Error).message}\n  context: ${JSON.stringify(ctx)}`);
  }
};

describe('review: sla — properties', () => {
  for (const [name, gen, runs] of GENS) {
    it(`[${name}] round trip: businessMinutesBetween(t, addBusinessMinutes(t, m, p), p) = m`, () => {
      fc.assert(
        fc.property(gen(), ([s, m]) => {
          const d = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
          withCtx({ ...show(s), m, deadline: iso(d) }, () => {
            expect(d).not.toBeNull();
            expect(d.getTime()).toBeGreaterThanOrEqual(s.start);
            expect(Math.abs(businessMinutesBetween(s.c, new Date(s.start), d, s.pauses) - m)).toBeLessThan(1e-6);
          });
        }),
        { numRuns: runs },
      );
    });
  }

  it('round trip on ordinary days only (no DST change within 2 days): control', () => {
    fc.assert(
      fc.property(scenario(), fc.integer({ min: 0, max: 3000 }), (s, m) => {
        const d = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
        fc.pre(!hasTransition(s.c.timeZone, s.start, d.getTime()));
        expect(Math.abs(businessMinutesBetween(s.c, new Date(s.start), d, s.pauses) - m)).toBeLessThan(1e-6);
      }),
      { numRuns: RUNS },
    );
  });

  it('open-ended pauses: a deadline (or null) consistent with the time available before the pause', () => {
    fc.assert(
      fc.property(scenario(true), minutes, (s, m) => {
        const d = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses);
        const stop = Math.min(...s.pauses.filter((p) => p.to === null).map((p) => p.from.getTime()));
        withCtx({ ...show(s), m, deadline: iso(d) }, () => {
          if (d === null) {
            expect(stop).toBeLessThan(Infinity);
            // null only if the time before the open pause is short of m
            expect(businessMinutesBetween(s.c, new Date(s.start), new Date(Math.max(stop, s.start)), s.pauses)).toBeLessThan(m);
          } else {
            expect(d.getTime()).toBeLessThanOrEqual(Math.max(stop, s.start));
            expect(Math.abs(businessMinutesBetween(s.c, new Date(s.start), d, s.pauses) - m)).toBeLessThan(1e-6);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] monotone in minutes: more minutes never give an earlier deadline`, () => {
      fc.assert(
        fc.property(gen(), fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 600 })), ([s, m], k) => {
          const a = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
          const b = addBusinessMinutes(s.c, new Date(s.start), m + k, s.pauses)!;
          withCtx({ ...show(s), m, k, a: iso(a), b: iso(b) }, () => expect(b.getTime()).toBeGreaterThanOrEqual(a.getTime()));
        }),
        { numRuns: runs },
      );
    });
  }

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] a holiday more never makes a deadline earlier`, () => {
      fc.assert(
        fc.property(gen(), fc.integer({ min: -1, max: 30 }), ([s, m], n) => {
          const base = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
          const day = dateOf(s.start + n * DAY);
          const more = addBusinessMinutes({ ...s.c, holidays: new Set([...s.c.holidays, day]) }, new Date(s.start), m, s.pauses)!;
          withCtx({ ...show(s), m, day, base: iso(base), more: iso(more) }, () => expect(more.getTime()).toBeGreaterThanOrEqual(base.getTime()));
        }),
        { numRuns: runs },
      );
    });
  }

  it('a make-up day on a date closed by its weekday never makes a deadline later', () => {
    fc.assert(
      fc.property(scenario(), minutes, fc.integer({ min: -1, max: 30 }), fc.integer({ min: 1, max: 7 }), (s, m, n, w) => {
        const day = dateOf(s.start + n * DAY);
        const wd = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
        fc.pre(!(s.c.weeklyHours[wd] ?? []).length && !s.c.workdays.has(day));
        const base = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
        const more = addBusinessMinutes({ ...s.c, workdays: new Map([...s.c.workdays, [day, w]]) }, new Date(s.start), m, s.pauses)!;
        withCtx({ ...show(s), m, day, w, base: iso(base), more: iso(more) }, () => expect(more.getTime()).toBeLessThanOrEqual(base.getTime()));
      }),
      { numRuns: RUNS },
    );
  });

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] a pause more never makes a deadline earlier`, () => {
      fc.assert(
        fc.property(gen(), fc.integer({ min: -2 * 24 * 60, max: 10 * 24 * 60 }), fc.integer({ min: 1, max: 3 * 24 * 60 }), ([s, m], off, len) => {
          const base = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
          const p: Pause = { from: new Date(s.start + off * MIN), to: new Date(s.start + (off + len) * MIN) };
          const more = addBusinessMinutes(s.c, new Date(s.start), m, [...s.pauses, p])!;
          withCtx({ ...show(s), m, extra: [iso(p.from), iso(p.to)], base: iso(base), more: iso(more) }, () => expect(more.getTime()).toBeGreaterThanOrEqual(base.getTime()));
        }),
        { numRuns: runs },
      );
    });
  }

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] a pause entirely outside business hours (wall-clock oracle), before the start or after the deadline changes nothing`, () => {
      fc.assert(
        fc.property(gen(), fc.integer({ min: -2 * 24 * 60, max: 10 * 24 * 60 }), fc.integer({ min: 1, max: 900 }), ([s, m], off, len) => {
          const from = s.start - (s.start % MIN) + off * MIN;
          fc.pre(bruteMinutes(s.c, from, from + len * MIN) === 0 && !repeated(s.c.timeZone, from) && !repeated(s.c.timeZone, from + len * MIN - 1));
          const base = addBusinessMinutes(s.c, new Date(s.start), m)!;
          const closed = addBusinessMinutes(s.c, new Date(s.start), m, [{ from: new Date(from), to: new Date(from + len * MIN) }])!;
          const before = addBusinessMinutes(s.c, new Date(s.start), m, [{ from: new Date(s.start - 5 * DAY), to: new Date(s.start) }])!;
          withCtx({ ...show(s), m, closedPause: [iso(new Date(from)), len], base: iso(base), closed: iso(closed) }, () => {
            expect(iso(closed)).toBe(iso(base));
            expect(iso(before)).toBe(iso(base));
          });
        }),
        { numRuns: runs, maxSkipsPerRun: 200 },
      );
    });
  }

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] an open pause that begins at the deadline changes nothing`, () => {
      fc.assert(
        fc.property(gen(), ([s, m]) => {
          const base = addBusinessMinutes(s.c, new Date(s.start), m)!;
          const after = addBusinessMinutes(s.c, new Date(s.start), m, [{ from: base, to: null }]);
          withCtx({ ...show(s), m, base: iso(base) }, () => expect(iso(after)).toBe(iso(base)));
        }),
        { numRuns: runs },
      );
    });
  }

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] the deadline lies in an open, unpaused interval or at its end (wall-clock oracle)`, () => {
      fc.assert(
        fc.property(gen(), ([s, m0]) => {
          const m = Math.max(1, m0);
          const d = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses)!;
          const just = d.getTime() - 1;
          fc.pre(!repeated(s.c.timeZone, just));
          withCtx({ ...show(s), m, deadline: iso(d), local: local(s.c.timeZone, just) }, () => {
            expect(openAt(s.c, just)).toBe(true);
            expect(pausedAt(s.pauses, just)).toBe(false);
          });
        }),
        { numRuns: runs },
      );
    });
  }

  it('businessMinutesBetween agrees with a minute-by-minute wall-clock count (days without a DST change)', () => {
    fc.assert(
      fc.property(scenario(), fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), (s, off, len) => {
        const from = s.start - (s.start % MIN) + off * MIN;
        fc.pre(!hasTransition(s.c.timeZone, from, from + len * MIN));
        const ps = s.pauses.map((p) => ({ from: new Date(p.from.getTime() - (p.from.getTime() % MIN)), to: p.to && new Date(p.to.getTime() - (p.to.getTime() % MIN)) }));
        expect(businessMinutesBetween(s.c, new Date(from), new Date(from + len * MIN), ps)).toBe(bruteMinutes(s.c, from, from + len * MIN, ps));
      }),
      { numRuns: 80 },
    );
  });

  it('businessMinutesBetween agrees with a minute-by-minute wall-clock count across spring-forward days (local times that do not exist are not open)', () => {
    const springs: Record<string, string> = {
      'Europe/Berlin': '2026-03-29T01:00:00Z',
      'America/New_York': '2026-03-08T07:00:00Z',
      'America/Sao_Paulo': '2018-11-04T03:00:00Z',
      'Australia/Sydney': '2026-10-03T16:00:00Z',
      'Pacific/Chatham': '2026-09-26T14:00:00Z',
      'America/Santiago': '2026-09-06T04:00:00Z',
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(springs)), weekly, (zone, weeklyHours) => {
        const c: BusinessCalendar = { timeZone: zone, weeklyHours, holidays: new Set(), workdays: new Map() };
        const from = Date.parse(springs[zone]!) - DAY;
        const to = from + 2 * DAY;
        withCtx({ zone, weeklyHours }, () => expect(businessMinutesBetween(c, new Date(from), new Date(to))).toBe(bruteMinutes(c, from, to)));
      }),
      { numRuns: 80 },
    );
  });

  it('businessMinutesBetween agrees with a minute-by-minute wall-clock count across fall-back days (a repeated local time is open both times)', () => {
    const falls: Record<string, string> = {
      'Europe/Berlin': '2026-10-25T01:00:00Z',
      'America/New_York': '2026-11-01T06:00:00Z',
      'America/Sao_Paulo': '2019-02-17T02:00:00Z',
      'Australia/Sydney': '2026-04-04T16:00:00Z',
      'Pacific/Chatham': '2026-04-04T14:00:00Z',
      'America/Santiago': '2026-04-05T03:00:00Z',
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(falls)), weekly, (zone, weeklyHours) => {
        const c: BusinessCalendar = { timeZone: zone, weeklyHours, holidays: new Set(), workdays: new Map() };
        const from = Date.parse(falls[zone]!) - DAY;
        const to = from + 2 * DAY;
        withCtx({ zone, weeklyHours }, () => expect(businessMinutesBetween(c, new Date(from), new Date(to))).toBe(bruteMinutes(c, from, to)));
      }),
      { numRuns: 80 },
    );
  });

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] business time between two instants never exceeds the time elapsed`, () => {
      fc.assert(
        fc.property(gen(), fc.integer({ min: 1, max: 3 * 24 * 60 }), ([s], len) => {
          const to = s.start + len * MIN;
          withCtx({ ...show(s), to: iso(new Date(to)) }, () => expect(businessMinutesBetween(s.c, new Date(s.start), new Date(to), s.pauses)).toBeLessThanOrEqual(len));
        }),
        { numRuns: Math.min(runs, 300) },
      );
    });
  }

  it('a 24/7 calendar is plain elapsed time in every zone, across DST (incl. a skipped and a repeated midnight)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES).chain((z) => fc.tuple(fc.constant(z), startIn(z))), fc.integer({ min: 0, max: 20_000 }), ([zone, start], m) => {
        const always: BusinessCalendar = { timeZone: zone, weeklyHours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [[0, 1440]]])), holidays: new Set(), workdays: new Map() };
        expect(addBusinessMinutes(always, new Date(start), m)!.getTime()).toBe(start + m * MIN);
        expect(businessMinutesBetween(always, new Date(start), new Date(start + m * MIN))).toBe(m);
      }),
      { numRuns: RUNS },
    );
  });

  for (const [name, gen, runs] of GENS) {
    it(`[${name}] movedDeadline with next === old is the plain deadline (also for a change at an arbitrary millisecond)`, () => {
      fc.assert(
        fc.property(gen(), fc.integer({ min: -DAY, max: 20 * DAY }), ([s, m], off) => {
          const changedAt = new Date(s.start + off);
          const plain = addBusinessMinutes(s.c, new Date(s.start), m, s.pauses);
          const moved = movedDeadline(s.c, s.c, new Date(s.start), changedAt, m, s.pauses);
          withCtx({ ...show(s), m, changedAt: iso(changedAt) }, () => expect(iso(moved)).toBe(iso(plain)));
        }),
        { numRuns: runs },
      );
    });
  }

  it('movedDeadline keeps the time used on the old calendar and spends only the rest on the new one', () => {
    fc.assert(
      fc.property(scenario(), scenario(), minutes, fc.integer({ min: -DAY / MIN, max: (20 * DAY) / MIN }), (s, s2, m, off) => {
        const next: BusinessCalendar = { ...s2.c, timeZone: s2.c.timeZone };
        const start = new Date(s.start);
        const changedAt = new Date(s.start - (s.start % MIN) + off * MIN);
        const used = businessMinutesBetween(s.c, start, changedAt, s.pauses);
        const d = movedDeadline(s.c, next, start, changedAt, m, s.pauses)!;
        withCtx({ old: show(s), next: show(s2), m, changedAt: iso(changedAt), used, d: iso(d) }, () => {
          if (used >= m) expect(iso(d)).toBe(iso(addBusinessMinutes(s.c, start, m, s.pauses)));
          else {
            const from = changedAt.getTime() > start.getTime() ? changedAt : start;
            expect(d.getTime()).toBeGreaterThanOrEqual(from.getTime());
            expect(Math.abs(businessMinutesBetween(next, from, d, s.pauses) - (m - used))).toBeLessThan(1e-6);
          }
        });
      }),
      { numRuns: 80 },
    );
  });
});

describe('review: sla — targeted examples', () => {
  const tzBefore = process.env.TZ;
  afterEach(() => {
    if (tzBefore === undefined) delete process.env.TZ;
    else process.env.TZ = tzBefore;
  });
  const every = (hours: Interval[], zone: string, over: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
    timeZone: zone,
    weeklyHours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, hours])),
    holidays: new Set(),
    workdays: new Map(),
    ...over,
  });

  it('spring forward (Berlin 2026-03-29, 02:00→03:00): 00:00–02:30 and 03:00–04:00 open 3 h of real time, no overlap', () => {
    const c = every(
      [
        [0, 150],
        [180, 240],
      ],
      'Europe/Berlin',
    );
    const midnight = Z('2026-03-28T23:00:00Z'); // 00:00 CET
    // Wall clock: 00:00–02:00 CET (2 h), 02:00–02:30 does not exist, 03:00–04:00 CEST (1 h) = 3 h.
    expect.soft(businessMinutesBetween(c, midnight, Z('2026-03-29T22:00:00Z')), 'open time on the day').toBe(180);
    // More minutes, earlier deadline?
    const d150 = addBusinessMinutes(c, midnight, 150)!;
    const d151 = addBusinessMinutes(c, midnight, 151)!;
    expect.soft(d151.getTime(), `monotone: +150 → ${iso(d150)}, +151 → ${iso(d151)}`).toBeGreaterThan(d150.getTime());
    expect.soft(businessMinutesBetween(c, midnight, d151), 'round trip of 151').toBe(151);
  });

  it('spring forward: a holiday or a pause on the day before cannot bring a deadline forward (Berlin, Sat 10:00–10:20, Sun 00:00–02:30 + 03:00–04:00)', () => {
    const c: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weeklyHours: {
        6: [[600, 620]],
        7: [
          [0, 150],
          [180, 240],
        ],
      },
      holidays: new Set(),
      workdays: new Map(),
    };
    const sat = Z('2026-03-27T23:00:00Z'); // Saturday 2026-03-28 00:00 CET
    const plain = addBusinessMinutes(c, sat, 160)!; // 20 min Saturday + 140 on Sunday → 02:20 CET = 01:20Z
    const hol = addBusinessMinutes({ ...c, holidays: new Set(['2026-03-28']) }, sat, 160)!;
    const paused = addBusinessMinutes(c, sat, 160, [{ from: Z('2026-03-28T08:00:00Z'), to: Z('2026-03-28T10:00:00Z') }])!;
    expect.soft(iso(plain)).toBe('2026-03-29T01:20:00.000Z');
    expect.soft(hol.getTime(), `holiday: ${iso(plain)} → ${iso(hol)}`).toBeGreaterThanOrEqual(plain.getTime());
    expect.soft(paused.getTime(), `pause: ${iso(plain)} → ${iso(paused)}`).toBeGreaterThanOrEqual(plain.getTime());
  });

  it('spring forward: an interval starting in the missing hour keeps its existing part (Berlin 02:30–03:20 → 03:00–03:20 CEST, 20 min)', () => {
    const c = every([[150, 200]], 'Europe/Berlin');
    expect(businessMinutesBetween(c, Z('2026-03-28T23:00:00Z'), Z('2026-03-29T22:00:00Z'))).toBe(20);
    expect(iso(addBusinessMinutes(c, Z('2026-03-28T23:00:00Z'), 10))).toBe('2026-03-29T01:10:00.000Z');
  });

  it('Chatham spring forward (2026-09-27, 02:45→03:45): 03:00–04:00 is only 03:45–04:00, 15 min', () => {
    const c = every([[180, 240]], 'Pacific/Chatham');
    // 2026-09-27 00:00 +12:45 = 2026-09-26T11:15Z; next midnight +13:45 = 2026-09-27T10:15Z.
    expect(businessMinutesBetween(c, Z('2026-09-26T11:15:00Z'), Z('2026-09-27T10:15:00Z'))).toBe(15);
  });

  it('fall back: the result does not depend on the server’s own time zone (Berlin 2026-10-25 02:00–03:00 local)', () => {
    const c = every([[120, 180]], 'Europe/Berlin');
    const run = () => iso(addBusinessMinutes(c, Z('2026-10-24T22:00:00Z'), 30));
    const out: Record<string, string | null> = {};
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      out[tz] = run();
    }
    expect(new Set(Object.values(out)).size, JSON.stringify(out)).toBe(1);
  });

  it('fall back, property: any calendar gives the same deadlines whatever the server’s time zone', () => {
    const results = (s: Scenario, m: number) => {
      const out: Record<string, string | null> = {};
      for (const tz of ['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney']) {
        process.env.TZ = tz;
        out[tz] = iso(addBusinessMinutes(s.c, new Date(s.start), m, s.pauses));
      }
      return out;
    };
    for (const [, gen, runs] of GENS)
      fc.assert(
        fc.property(gen(), ([s, m]) => {
          const out = results(s, m);
          withCtx({ ...show(s), m, out }, () => expect(new Set(Object.values(out)).size).toBe(1));
        }),
        { numRuns: Math.min(runs, 300) },
      );
  });

  it('a local date is walked once whatever the server’s time zone (Santiago falls back on 2026-04-05, server in Sydney)', () => {
    // Saturday 2026-04-04 09:00–12:00 and 13:00–18:00 in Santiago (-03): 480 minutes that day, then the next Saturday.
    const c: BusinessCalendar = {
      timeZone: 'America/Santiago',
      weeklyHours: {
        6: [
          [540, 720],
          [780, 1080],
        ],
      },
      holidays: new Set(),
      workdays: new Map(),
    };
    const start = Z('2026-04-04T06:57:00Z');
    const out: Record<string, unknown> = {};
    for (const tz of ['UTC', 'Asia/Shanghai', 'Australia/Sydney']) {
      process.env.TZ = tz;
      out[tz] = { day: businessMinutesBetween(c, start, Z('2026-04-05T06:00:00Z')), deadline: iso(addBusinessMinutes(c, start, 481)) };
    }
    expect(out).toEqual(Object.fromEntries(Object.keys(out).map((tz) => [tz, { day: 480, deadline: '2026-04-11T13:01:00.000Z' }])));
  });

  it('fall back (New York 2026-11-01, 01:00–02:00 twice): 00:00–01:30 local is open 1.5 h + the repeated half hour', () => {
    const c = every([[0, 90]], 'America/New_York');
    // Wall clock 00:00–01:30 EDT (1.5 h) and again 01:00–01:30 EST (0.5 h).
    expect(businessMinutesBetween(c, Z('2026-11-01T04:00:00Z'), Z('2026-11-02T05:00:00Z'))).toBe(120);
  });

  it('fall back: two intervals whose gap lies in the repeated hour do not overlap (Berlin 2026-10-25, 00:00–02:15 and 02:45–23:00)', () => {
    const c = every(
      [
        [0, 135],
        [165, 1380],
      ],
      'Europe/Berlin',
    );
    const midnight = Z('2026-10-24T22:00:00Z'); // 00:00 CEST
    const eleven = Z('2026-10-25T22:00:00Z'); // 23:00 CET: 25 h later
    // Wall clock: 00:00–02:15 CEST (135), 02:45–03:00 CEST (15), 02:00–02:15 CET (15), 02:45–23:00 CET (1215) = 1380 of 1500 elapsed.
    expect.soft(businessMinutesBetween(c, midnight, eleven), 'open time on the day').toBe(1380);
    const d16 = addBusinessMinutes(c, Z('2026-10-25T01:00:00Z'), 16)!; // from 02:00 CET
    expect.soft(businessMinutesBetween(c, Z('2026-10-25T01:00:00Z'), d16), `round trip of 16 (deadline ${iso(d16)})`).toBe(16);
  });

  it('intervals ending at 1440 join the next day’s 00:00 seamlessly, also on DST days and at a skipped midnight', () => {
    const night = every(
      [
        [0, 60],
        [1380, 1440],
      ],
      'Europe/Berlin',
    );
    // 23:30 local + 60 min = 00:30 next day.
    expect(iso(addBusinessMinutes(night, Z('2026-06-15T21:30:00Z'), 60))).toBe('2026-06-15T22:30:00.000Z');
    // Across Berlin's spring forward (the night 28→29 March, 23:30 CET): 00:30 CET.
    expect(iso(addBusinessMinutes(night, Z('2026-03-28T22:30:00Z'), 60))).toBe('2026-03-28T23:30:00.000Z');
    // Sao Paulo 2018-11-03 23:30 (-03) + 60 min: midnight does not exist; 23:30–24:00 then 01:00–01:30 (-02).
    const sp = every(
      [
        [0, 120],
        [1380, 1440],
      ],
      'America/Sao_Paulo',
    );
    expect(iso(addBusinessMinutes(sp, Z('2018-11-04T02:30:00Z'), 60))).toBe('2018-11-04T03:30:00.000Z');
    // Sao Paulo 2019-02-16 23:00–24:00 happens twice (-02 then -03): 2 h of open time.
    const late = every([[1380, 1440]], 'America/Sao_Paulo');
    expect(businessMinutesBetween(late, Z('2019-02-16T12:00:00Z'), Z('2019-02-17T12:00:00Z'))).toBe(120);
  });

  it('odd zones: a skipped date (Pacific/Apia, 2011-12-30), a 30-minute DST (Australia/Lord_Howe), 24/7 and office hours', () => {
    for (const [zone, start] of [
      ['Pacific/Apia', '2011-12-28T20:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T10:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T10:00:00Z'],
    ] as const) {
      const always = every([[0, 1440]], zone);
      const office = every(
        [
          [540, 720],
          [780, 1080],
        ],
        zone,
      );
      const t = Z(start);
      for (const m of [1, 600, 1440, 4000]) {
        expect.soft(addBusinessMinutes(always, t, m)!.getTime(), `${zone} 24/7 +${m}`).toBe(t.getTime() + m * MIN);
        const d = addBusinessMinutes(office, t, m)!;
        expect.soft(businessMinutesBetween(office, t, d), `${zone} office round trip ${m}`).toBe(m);
        expect.soft(bruteMinutes(office, t.getTime(), d.getTime()), `${zone} office wall clock ${m}`).toBe(m);
      }
    }
    // Apia skipped Friday 2011-12-30 entirely: Thursday 17:00 + 120 min of office time = Saturday 10:00 (+14).
    expect.soft(iso(addBusinessMinutes(every([[540, 1080]], 'Pacific/Apia'), Z('2011-12-30T03:00:00Z'), 120))).toBe('2011-12-30T20:00:00.000Z');
  });

  it('a calendar never open throws promptly (no hours, only empty lists, only holidays, make-up days onto closed weekdays)', () => {
    const start = Z('2026-06-15T00:00:00Z');
    const none = (over: Partial<BusinessCalendar>): BusinessCalendar => ({ timeZone: 'Asia/Shanghai', weeklyHours: {}, holidays: new Set(), workdays: new Map(), ...over });
    expect(() => addBusinessMinutes(none({}), start, 1)).toThrow(/no business hours/);
    expect(() => addBusinessMinutes(none({ weeklyHours: { 1: [], 2: [] } }), start, 1)).toThrow(/no business hours/);
    expect(() => addBusinessMinutes(none({ weeklyHours: { 0: [[540, 600]], 8: [[540, 600]] } }), start, 1)).toThrow(/no business hours/);
    expect(() => addBusinessMinutes(none({ workdays: new Map([['2026-06-20', 6]]) }), start, 1)).toThrow(/no business hours/);
    expect(() => businessMinutesBetween(none({}), start, Z('2026-06-16T00:00:00Z'))).toThrow(/no business hours/);
    expect(() => movedDeadline(none({}), none({}), start, Z('2026-06-16T00:00:00Z'), 10)).toThrow(/no business hours/);
  });

  it('a calendar whose only intervals are empty ([t, t)) throws rather than loops for ever', () => {
    const c: BusinessCalendar = { timeZone: 'Asia/Shanghai', weeklyHours: { 1: [[600, 600]] }, holidays: new Set(), workdays: new Map() };
    expect(() => addBusinessMinutes(c, Z('2026-06-15T00:00:00Z'), 1)).toThrow();
  });

  it('negative, NaN and infinite minutes throw RangeError (also through movedDeadline)', () => {
    const c = every([[540, 1020]], 'Asia/Shanghai');
    const t = Z('2026-06-15T00:00:00Z');
    for (const m of [-1, -1e-9, NaN, Infinity, -Infinity]) expect(() => addBusinessMinutes(c, t, m), String(m)).toThrow(RangeError);
    for (const m of [-1, NaN, Infinity]) expect(() => movedDeadline(c, c, t, Z('2026-06-15T05:00:00Z'), m), String(m)).toThrow(RangeError);
  });

  it('an invalid start or an unknown zone is an error, not a silent result', () => {
    const c = every([[540, 1020]], 'Asia/Shanghai');
    expect(() => addBusinessMinutes(c, new Date(NaN), 10)).toThrow();
    expect(() => addBusinessMinutes(every([[540, 1020]], 'Mars/Olympus'), Z('2026-06-15T00:00:00Z'), 10)).toThrow();
  });

  it('businessMinutesBetween with an open pause counts the time before it and returns (a case currently waiting)', () => {
    const c = every([[540, 1080]], 'Asia/Shanghai');
    const from = Z('2026-06-15T01:00:00Z'); // 09:00
    const pause: Pause = { from: Z('2026-06-15T02:30:00Z'), to: null }; // 10:30, still paused
    expect(businessMinutesBetween(c, from, Z('2026-06-20T00:00:00Z'), [pause])).toBe(90);
    expect(addBusinessMinutes(c, from, 90, [pause])?.toISOString()).toBe('2026-06-15T02:30:00.000Z');
    expect(addBusinessMinutes(c, from, 91, [pause])).toBeNull();
    // An open pause that began before the start: no time at all.
    expect(businessMinutesBetween(c, from, Z('2026-06-20T00:00:00Z'), [{ from: Z('2026-06-01T00:00:00Z'), to: null }])).toBe(0);
  });

  it('fractional minutes: the round trip holds to the millisecond a Date can hold', () => {
    const c = every([[540, 1020]], 'Asia/Kolkata');
    const t = Z('2026-06-15T03:30:00Z');
    for (const m of [0.5, 1 / 3, 10.0001, 123.456789]) expect(Math.abs(businessMinutesBetween(c, t, addBusinessMinutes(c, t, m)!) - m), String(m)).toBeLessThanOrEqual(1 / 60_000);
  });

  it('an open pause after a skipped midnight (Chile, 2026-09-06 00:00 → 01:00) still counts the time before it that day', () => {
    const c = every([[0, 60]], 'America/Santiago');
    const start = Z('2026-09-05T15:00:00Z'); // Saturday 11:00 -04
    // Sunday 00:00–01:00 does not exist; Monday 00:00–01:00 -03 = 60 min; Tuesday 00:00–00:30 -03 = 30 min.
    const plain = addBusinessMinutes(c, start, 90);
    expect(iso(plain)).toBe('2026-09-08T03:30:00.000Z');
    const open: Pause = { from: Z('2026-09-08T03:30:00Z'), to: null }; // Tuesday 00:30 -03, still paused
    expect.soft(iso(addBusinessMinutes(c, start, 90, [open])), 'deadline reached as the pause begins').toBe('2026-09-08T03:30:00.000Z');
    expect.soft(businessMinutesBetween(c, start, Z('2026-09-20T00:00:00Z'), [open]), 'time before the open pause').toBe(90);
  });

  it('a pause whose end lies before its start (bad data) never adds business time', () => {
    const c = every([[540, 1080]], 'Asia/Shanghai');
    const start = Z('2026-06-15T01:00:00Z'); // Monday 09:00
    const reversed: Pause = { from: Z('2026-06-15T03:00:00Z'), to: Z('2026-06-15T02:00:00Z') };
    expect.soft(businessMinutesBetween(c, start, Z('2026-06-15T10:00:00Z'), [reversed]), 'a 9-hour day').toBeLessThanOrEqual(540);
    expect.soft(addBusinessMinutes(c, start, 240, [reversed])!.getTime(), 'deadline').toBeGreaterThanOrEqual(addBusinessMinutes(c, start, 240)!.getTime());
  });

  it('movedDeadline: a change at an odd millisecond on the same calendar does not shift the deadline (Friday 09:00 + 540 min = Friday 18:00)', () => {
    const c: BusinessCalendar = { timeZone: 'Asia/Shanghai', weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [[540, 1080]]])), holidays: new Set(), workdays: new Map() };
    const start = Z('2026-06-19T01:00:00Z'); // Friday 09:00
    expect(iso(addBusinessMinutes(c, start, 540))).toBe('2026-06-19T10:00:00.000Z');
    const out = Object.fromEntries([1, 4, 7, 9, 333, 59_999].map((ms) => [ms, iso(movedDeadline(c, c, start, new Date(start.getTime() + ms), 540))]));
    expect(out).toEqual(Object.fromEntries(Object.keys(out).map((ms) => [ms, '2026-06-19T10:00:00.000Z'])));
  });
});
