import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, InputProblems, ruleViolation } from '../../common/errors.js';
import { run, sql } from '../../common/sql.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { CalendarDay, CalendarDayKind } from './calendar-day.entity.js';
import { ProgrammeSettings } from './programme-settings.entity.js';
import type { SetWorkingDayCalendarInput, UpdateProgrammeSettingsInput } from './programme.inputs.js';
import { lastOfWorkingDays, type Exceptions } from './working-days.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { programmeActions } from './programme.policy.js';

const SETTING_RANGES: Record<Exclude<keyof UpdateProgrammeSettingsInput, 'version' | 'applicationClosesBy' | 'advantageApproval' | 'liaisonCapacityBasis'>, [number, number, boolean]> = {
  scoreThresholdA: [0, 100, false],
  scoreThresholdB: [0, 100, false],
  advantageCultivationYears: [1, 10, true],
  recommendationQuotaPercent: [1, 100, true],
  noticeWorkingDays: [1, 60, true],
  designationValidityYears: [1, 10, true],
  filingMonths: [1, 24, true],
  banYears: [0, 10, true],
  revocationLookbackYears: [1, 10, true],
  trainingCompletionPercent: [1, 100, true],
  advantageMidTermAfterMonths: [1, 120, true],
  advantageReportDueDays: [1, 365, true],
  advantageNoticeWorkingDays: [0, 60, true],
  commissionerMaxEnterprises: [1, 50, true],
  liaisonStabilityWeight: [0, 100, true],
  publicSuppressionThreshold: [2, 50, true],
  priorityExaminationQuota: [0, 10_000, true],
};
const SETTING_FIELDS = Object.keys(SETTING_RANGES) as (keyof typeof SETTING_RANGES)[];
const AUDITED_FIELDS = [...SETTING_FIELDS, 'applicationClosesBy', 'advantageApproval', 'liaisonCapacityBasis'] as const;

/** A month-day that exists in every year (29 February does not). */
export function isMonthDay(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(2025, Number(m[1]) - 1, Number(m[2])));
  return date.getUTCMonth() === Number(m[1]) - 1 && date.getUTCDate() === Number(m[2]);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput([{ field: 'year', message: '应在 2000 到 2100 之间' }]);
}

/**
 * A module whose deadlines run on the official working-day calendar: called inside the transaction
 * that changes it, before the change; what it returns runs after the change, in the same transaction.
 */
export type WorkingDayCalendarListener = (em: EntityManager, ctx: Context) => Promise<() => Promise<void>>;
const calendarListeners: WorkingDayCalendarListener[] = [];
export function onWorkingDayCalendarChange(listener: WorkingDayCalendarListener): void {
  calendarListeners.push(listener);
}

export const programmeService = {
  /** The settings row, created with the work plans' defaults on first use. */
  async settings(em: EntityManager): Promise<ProgrammeSettings> {
    const found = await em.findOne(ProgrammeSettings, 1);
    if (found) return found;
    await run(
      em,
      sql`insert into programme_settings (id, score_threshold_a, score_threshold_b, advantage_cultivation_years, recommendation_quota_percent, notice_working_days, designation_validity_years, filing_months, ban_years, revocation_lookback_years, training_completion_percent, version, updated_at)
          values (1, 75, 80, 3, 10, 10, 3, 6, 2, 3, 80, 1, now()) on conflict (id) do nothing`,
    );
    return em.findOneOrFail(ProgrammeSettings, 1, { refresh: true });
  },

  async updateSettings(ctx: Context, input: UpdateProgrammeSettingsInput): Promise<ProgrammeSettings> {
    assertMay(ctx, programmeActions.updateSettings);
    const v = requireUser(ctx);
    const problems = new InputProblems();
    for (const field of SETTING_FIELDS) {
      const value = input[field];
      if (value === undefined) continue;
      const [min, max, integer] = SETTING_RANGES[field];
      if (value === null) problems.add(field, '不能清空');
      else if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) problems.add(field, `应在 ${min} 到 ${max} 之间`);
    }
    if (input.advantageApproval === null) problems.add('advantageApproval', '不能清空');
    if (input.liaisonCapacityBasis === null) problems.add('liaisonCapacityBasis', '不能清空');
    if (input.applicationClosesBy === null) problems.add('applicationClosesBy', '不能清空');
    else if (input.applicationClosesBy !== undefined && !isMonthDay(input.applicationClosesBy)) problems.add('applicationClosesBy', '应为 MM-DD 格式的日期（例如 07-31）');
    problems.throwIfAny();
    await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const settings = await em.findOneOrFail(ProgrammeSettings, 1);
      if (settings.version !== input.version) throw conflict('规则已被他人修改，请刷新后重试', { field: 'version', currentVersion: settings.version });
      const before = snapshot(settings, AUDITED_FIELDS);
      for (const field of SETTING_FIELDS) {
        const value = input[field];
        if (value != null) settings[field] = value;
      }
      if (input.applicationClosesBy != null) settings.applicationClosesBy = input.applicationClosesBy;
      if (input.advantageApproval != null) settings.advantageApproval = input.advantageApproval;
      if (input.liaisonCapacityBasis != null) settings.liaisonCapacityBasis = input.liaisonCapacityBasis;
      settings.updatedBy = v.username;
      recordAudit(em, ctx, { operation: 'updateProgrammeSettings', objectType: 'ProgrammeSettings', objectId: '1', jurisdiction: null, changes: changedFields(before, snapshot(settings, AUDITED_FIELDS), AUDITED_FIELDS) });
      await em.flush();
      return settings;
    });
  },

  /** A year's calendar (public); a year outside 2000–2100 is BAD_USER_INPUT. */
  async calendarOf(em: EntityManager, year: number): Promise<{ year: number; maintained: boolean; days: CalendarDay[] }> {
    checkYear(year);
    return programmeService.calendar(em, year);
  },

  async calendar(em: EntityManager, year: number): Promise<{ year: number; maintained: boolean; days: CalendarDay[] }> {
    const days = await em.find(CalendarDay, { year }, { orderBy: { date: 'asc' } });
    return { year, maintained: days.length > 0, days };
  },

  /** Replaces a year's exceptions; one transaction, audited. */
  async setCalendar(ctx: Context, input: SetWorkingDayCalendarInput) {
    assertMay(ctx, programmeActions.setCalendar);
    const problems = new InputProblems();
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.add('year', '应在 2000 到 2100 之间');
    if (input.days.length > 100) problems.add('days', '一年最多 100 个例外日');
    const seen = new Set<string>();
    input.days.forEach((d, i) => {
      const y = Number(d.date.slice(0, 4));
      // A make-up working day can fall in the neighbouring year (e.g. a Spring Festival shift on a late-December weekend).
      if (Math.abs(y - input.year) > 1) problems.add(`days.${i}.date`, '日期应在该年或相邻年份');
      if (seen.has(d.date)) problems.add(`days.${i}.date`, '日期重复');
      seen.add(d.date);
      const dow = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      if (d.kind === CalendarDayKind.WORKDAY && dow !== 0 && dow !== 6) problems.add(`days.${i}.kind`, '调休上班日应为周六或周日');
      const name = d.name.trim();
      if (name.length < 1 || name.length > 50) problems.add(`days.${i}.name`, '名称应为 1–50 字');
    });
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      // Replacing a year's days (and checking them against the other years) is one step at a time.
      await advisoryLock(em, 'working-day-calendar');
      // Read past the identity map: the days are deleted and created again below, and a managed copy
      // of a day would turn its re-creation into a no-op (setting the same calendar twice emptied it).
      const before = await em.find(CalendarDay, { year: input.year }, { orderBy: { date: 'asc' }, disableIdentityMap: true });
      // What runs on this calendar (the assistance centres' deadlines) sees it before and after the change.
      const followUps = [];
      for (const listener of calendarListeners) followUps.push(await listener(em, ctx));
      const taken = await em.find(CalendarDay, { date: { $in: [...seen] }, year: { $ne: input.year } });
      if (taken.length) throw conflict(`日期已记入其他年份的日历：${taken.map((d) => d.date).join('、')}`);
      await em.nativeDelete(CalendarDay, { year: input.year });
      for (const d of input.days) em.create(CalendarDay, { date: d.date, year: input.year, kind: d.kind, name: d.name.trim() });
      const describe = (list: { date: string; kind: string; name: string }[]) => list.map((d) => `${d.date} ${d.kind} ${d.name}`).sort();
      recordAudit(em, ctx, {
        operation: 'setWorkingDayCalendar',
        objectType: 'WorkingDayCalendar',
        objectId: String(input.year),
        jurisdiction: null,
        changes: { days: { before: describe(before), after: describe(input.days) } },
      });
      await em.flush();
      for (const followUp of followUps) await followUp();
      return programmeService.calendar(em, input.year);
    });
  },

  /** The exceptions of every year a period starting on `start` may reach; a year not maintained is a rule violation. */
  async exceptionsFrom(em: EntityManager, start: string, years = 2): Promise<Exceptions> {
    const first = Number(start.slice(0, 4));
    const wanted = Array.from({ length: years }, (_, i) => first + i);
    const rows = await em.find(CalendarDay, { year: { $in: wanted } });
    const maintained = new Set(rows.map((r) => r.year));
    return Object.assign(new Map(rows.map((r) => [r.date, r.kind as 'HOLIDAY' | 'WORKDAY'])), { maintained, wanted });
  },

  /** A period of `workingDays` (1–250) working days from `start`, with its last day. */
  async period(em: EntityManager, start: string, workingDays: number): Promise<{ start: string; workingDays: number; end: string }> {
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 250) throw badInput([{ field: 'workingDays', message: '应在 1 到 250 之间' }]);
    return { start, workingDays, end: await programmeService.lastOfWorkingDays(em, start, workingDays) };
  },

  /** The last day of `n` working days from `start` (start counts when it is a working day). */
  async lastOfWorkingDays(em: EntityManager, start: string, n: number): Promise<string> {
    const exceptions = (await programmeService.exceptionsFrom(em, start)) as Exceptions & { maintained: Set<number>; wanted: number[] };
    const end = lastOfWorkingDays(start, n, exceptions);
    for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
      if (!exceptions.maintained.has(y)) {
        throw ruleViolation('CALENDAR_NOT_MAINTAINED', `${y} 年的工作日历尚未录入（国家局按国务院办公厅通知维护），无法按工作日计算期限`, { year: y });
      }
    }
    return end;
  },
};
