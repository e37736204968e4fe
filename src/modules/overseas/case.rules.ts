/**
 * R20 and the case clocks (docs/domain.md, docs/overseas.md): who takes a case, in which order it
 * moves, and its deadlines in the handling office's business time (sla.ts), kept as a checkpoint —
 * the business time used on the calendars in force before `clockSince` — so that a calendar change
 * or a reassignment keeps the time already used and spends the rest on the new calendar.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ruleViolation } from '../../common/errors.js';
import { CalendarDay, CalendarDayKind } from '../programme/calendar-day.entity.js';
import { OrganizationKind, type ServiceOrganization } from '../organization/organization.entity.js';
import { checkpointAt, dueFrom, type BusinessCalendar, type Pause } from './sla.js';
import { CaseChannel, CaseClock, CaseStatus, CaseUrgency, DeadlineState, type ProtectionCase, type ProtectionCaseDeadline } from './case.entity.js';
import { OverseasWorkstation } from './workstation.entity.js';
import { calendarOf } from './workstation.service.js';

export const R20_PARAGRAPHS = 'D 四(二)一, A 四(三)';

export function r20(condition: string, message: string, extensions: Record<string, unknown> = {}) {
  return ruleViolation('R20', message, { condition, paragraph: R20_PARAGRAPHS, ...extensions });
}

/** The flow [D 四(二)一 "需求收集、信息反馈、协调应对"]: each open status's next one; any open case may be closed. */
export const NEXT: Readonly<Record<CaseStatus, CaseStatus | null>> = {
  RECEIVED: CaseStatus.ACKNOWLEDGED,
  ACKNOWLEDGED: CaseStatus.FEEDBACK_GIVEN,
  FEEDBACK_GIVEN: CaseStatus.RESPONDING,
  RESPONDING: CaseStatus.CLOSED,
  CLOSED: null,
};

/** The clock a status meets when the case reaches it. */
export const MEETS: Partial<Record<CaseStatus, CaseClock>> = {
  ACKNOWLEDGED: CaseClock.FIRST_RESPONSE,
  FEEDBACK_GIVEN: CaseClock.FEEDBACK,
  CLOSED: CaseClock.RESOLUTION,
};

/**
 * Default targets in business hours by urgency: first response, information fed back, resolution
 * (assumption: the plans name none; the national bureau sets them per channel, type and urgency
 * with setCaseDeadlineTarget). With 8 open hours a day: 2, 5 and 50 working days for a normal case.
 */
export const DEFAULT_TARGET_HOURS: Readonly<Record<CaseUrgency, readonly [number, number, number]>> = {
  NORMAL: [16, 40, 400],
  URGENT: [8, 24, 200],
  CRITICAL: [4, 8, 80],
};

/** A deadline warns once this share of its target is used. */
export const WARN_SHARE = 0.75;

/**
 * The rights-protection assistance centres' weekly hours (China's official working days and
 * holidays, Asia/Shanghai; assumption: the usual office hours of a Chinese public institution).
 */
export const CENTRE_HOURS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

/** The kind of organisation that takes a channel's cases. */
export const HANDLER_KIND: Readonly<Record<CaseChannel, OrganizationKind>> = {
  OVERSEAS: OrganizationKind.OVERSEAS_STATION,
  DOMESTIC: OrganizationKind.RIGHTS_PROTECTION_CENTER,
};

/** China's official working-day calendar (the programme's) as a centre's business calendar. */
export async function chinaCalendar(em: EntityManager): Promise<BusinessCalendar> {
  // Past the identity map: the programme's calendar change deletes and re-creates its days (keyed by date).
  const days = await em.find(CalendarDay, {}, { disableIdentityMap: true });
  const weeklyHours: Record<number, (readonly [number, number])[]> = {};
  for (let d = 1; d <= 5; d++) weeklyHours[d] = [...CENTRE_HOURS];
  return {
    timeZone: 'Asia/Shanghai',
    weeklyHours,
    holidays: new Set(days.filter((d) => d.kind === CalendarDayKind.HOLIDAY).map((d) => d.date)),
    workdays: new Map(days.filter((d) => d.kind === CalendarDayKind.WORKDAY).map((d) => [d.date, 1])),
  };
}

/** The business calendar of the office handling a case: a workstation's own, or China's for a centre. */
export async function handlerCalendar(em: EntityManager, handler: ServiceOrganization | { id: string; kind: OrganizationKind }): Promise<BusinessCalendar> {
  if (handler.kind === OrganizationKind.RIGHTS_PROTECTION_CENTER) return chinaCalendar(em);
  const w = await em.findOne(OverseasWorkstation, { organization: handler.id });
  if (!w) throw r20('NO_WORKSTATION_PROFILE', '受理单位没有工作站资料（时区、办公时间），无法计算时限');
  return calendarOf(em, w);
}

/** The lock a calendar change takes exclusively and a case's clock operations share (per handling office). */
export const calendarLockKey = (handler: { id: string; kind: OrganizationKind }) =>
  handler.kind === OrganizationKind.RIGHTS_PROTECTION_CENTER ? 'working-day-calendar' : `handler-calendar:${handler.id}`;

export async function shareCalendarLock(em: EntityManager, handler: { id: string; kind: OrganizationKind }): Promise<void> {
  await em.execute('select pg_advisory_xact_lock_shared(hashtext(?))', [calendarLockKey(handler)], 'all');
}

export const pausesOf = (c: ProtectionCase): Pause[] => c.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/** Takes the business time used up to `at` on `calendar` (the one in force until now) into the case's checkpoint. */
export function checkpoint(c: ProtectionCase, calendar: BusinessCalendar, at: Date): void {
  const cp = checkpointAt(calendar, { since: c.clockSince, usedMs: c.usedMs }, at, pausesOf(c));
  c.clockSince = cp.since;
  c.usedMs = cp.usedMs;
}

/**
 * Sets the open deadlines (not met, not already passed at the checkpoint) from the checkpoint on
 * `calendar`: null while a pause that has not ended stops the clock first. Returns whether any moved.
 */
export function schedule(c: ProtectionCase, deadlines: readonly ProtectionCaseDeadline[], calendar: BusinessCalendar): boolean {
  const pauses = pausesOf(c);
  const cp = { since: c.clockSince, usedMs: c.usedMs };
  let moved = false;
  for (const d of deadlines) {
    if (d.metAt || (d.dueAt && d.dueAt.getTime() <= cp.since.getTime())) continue;
    const target = d.targetMinutes * 60_000;
    const due = dueFrom(calendar, cp, target, pauses);
    if ((due?.getTime() ?? null) !== (d.dueAt?.getTime() ?? null)) moved = true;
    d.dueAt = due;
    if (!(d.warnAt && d.warnAt.getTime() <= cp.since.getTime())) d.warnAt = dueFrom(calendar, cp, Math.round(target * WARN_SHARE), pauses);
  }
  return moved;
}

/** A deadline's state at `now`. */
export function deadlineState(d: Pick<ProtectionCaseDeadline, 'dueAt' | 'warnAt' | 'metAt'>, now: Date): DeadlineState {
  if (d.metAt) return d.dueAt && d.metAt.getTime() > d.dueAt.getTime() ? DeadlineState.MET_LATE : DeadlineState.MET;
  if (!d.dueAt) return DeadlineState.PAUSED;
  // Done at the due instant is on time; after it, breached.
  if (now.getTime() > d.dueAt.getTime()) return DeadlineState.BREACHED;
  if (d.warnAt && now.getTime() >= d.warnAt.getTime()) return DeadlineState.AT_RISK;
  return DeadlineState.ON_TRACK;
}

export const CLOCK_ORDER: readonly CaseClock[] = [CaseClock.FIRST_RESPONSE, CaseClock.FEEDBACK, CaseClock.RESOLUTION];
