/**
 * The cultivation period of an advantage title [A 四]: the yearly progress reports, the provincial
 * mid-term check, the exits (a failed check, a voluntary withdrawal) and the list a bureau follows
 * its titles by. Completion needs no step: a period that ran to its last day is completed (R2).
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { and, sql, type Sql } from '../../common/sql.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { factsOf, isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { enterpriseAttachments } from '../file/file.service.js';
import { programmeService } from '../programme/programme.service.js';
import type { ProgrammeSettings } from '../programme/programme-settings.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from '../designation/designation.entity.js';
import { lastDayOfYears, monthsAfter, validOn, yearsBefore } from '../designation/designation.rules.js';
import { addDays } from '../programme/working-days.js';
import { assertGoodStanding } from '../application/eligibility.js';
import { CultivationReport, MidTermCheck } from './advantage.entity.js';
import { advantageActions, advantageRecordVisibility } from './advantage.policy.js';
import {
  Cultivation,
  CultivationYear,
  type AdvantageCultivationFilter,
  type RecordMidTermCheckInput,
  type SubmitCultivationReportInput,
  type WithdrawFromCultivationInput,
} from './advantage.inputs.js';

const regionOf = (e: Enterprise) => e.region.unwrap().code;

/** The number of whole years of a cultivation period (validFrom..validUntil). */
export function periodYears(d: Pick<Designation, 'validFrom' | 'validUntil'>): number {
  for (let n = 1; n <= 20; n++) if (lastDayOfYears(d.validFrom, n) >= d.validUntil) return n;
  return 20;
}

/** An advantage designation the viewer may act on by `check`; NOT_FOUND when invisible or not an advantage title. */
async function advantageTitle(em: EntityManager, ctx: Context, globalId: string, lock = true): Promise<{ d: Designation; enterprise: Enterprise }> {
  const id = expectGlobalId(globalId, 'Designation', 'designationId');
  const d = await em.findOne(Designation, id, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!d || d.level !== DesignationLevel.ADVANTAGE) throw notFound('优势企业认定', globalId);
  const enterprise = await em.findOneOrFail(Enterprise, d.enterprise.id);
  if (!(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), enterprise.id))) throw notFound('优势企业认定', globalId);
  return { d, enterprise };
}

/** The cultivation period of an advantage designation as of `today`: years, reports due, the mid-term check, completion. */
export function cultivationOf(d: Designation, reports: readonly CultivationReport[], check: MidTermCheck | null, today: string, settings: Pick<ProgrammeSettings, 'advantageMidTermAfterMonths' | 'advantageReportDueDays'>): Cultivation {
  const n = periodYears(d);
  // Reports are followed up during the period and until the last one is due; an old period is history.
  const followedOn = (date: string) => date <= addDays(d.validUntil, settings.advantageReportDueDays);
  const years = Array.from({ length: n }, (_, i) => {
    const startsOn = yearsBefore(d.validFrom, -i);
    const endsOn = i === n - 1 ? d.validUntil : lastDayOfYears(d.validFrom, i + 1);
    const reportDueOn = addDays(endsOn, settings.advantageReportDueDays);
    const report = reports.find((r) => r.cultivationYear === i + 1) ?? null;
    const ended = d.endedOn != null && d.endedOn <= endsOn;
    return Object.assign(new CultivationYear(), { cultivationYear: i + 1, startsOn, endsOn, reportDueOn, report, overdue: !report && !ended && today > reportDueOn && followedOn(today) });
  });
  const endedOn = d.endedOn ?? null;
  const completed = d.validUntil < today && (!endedOn || endedOn > d.validUntil);
  return Object.assign(new Cultivation(), { startsOn: d.validFrom, endsOn: d.validUntil, years, midTermOpensOn: monthsAfter(d.validFrom, settings.advantageMidTermAfterMonths), midTermCheck: check, completed, endedOn });
}

export const cultivationService = {
  /**
   * The enterprise reports its progress for one year of the cultivation period: once the year has
   * begun; a report may be revised (with its version) until its due date.
   */
  async submitReport(ctx: Context, input: SubmitCultivationReportInput): Promise<CultivationReport> {
    const v = requireUser(ctx);
    const progress = input.progress.trim();
    const nextSteps = input.nextSteps.trim();
    const problems = new InputProblems();
    if (progress.length < 1 || [...progress].length > 20_000) problems.add('progress', '应为 1–20000 字');
    if (nextSteps.length < 1 || [...nextSteps].length > 20_000) problems.add('nextSteps', '应为 1–20000 字');
    problems.throwIfAny();
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const { d, enterprise } = await advantageTitle(em, ctx, input.designationId);
      assertMay(ctx, advantageActions.report, { enterpriseId: enterprise.id });
      const n = periodYears(d);
      if (!Number.isInteger(input.cultivationYear) || input.cultivationYear < 1 || input.cultivationYear > n) throw badInput([{ field: 'cultivationYear', message: `应在 1 到 ${n} 之间` }]);
      const cultivation = cultivationOf(d, [], null, today, settings);
      const year = cultivation.years[input.cultivationYear - 1]!;
      if (today < year.startsOn) throw ruleViolation('A5', `培育期第 ${input.cultivationYear} 年自 ${year.startsOn} 开始，届时方可报告`, { paragraph: '优势 四', startsOn: year.startsOn });
      if (d.endedOn && d.endedOn <= year.startsOn) throw ruleViolation('A5', `培育已于 ${d.endedOn} 终止`, { paragraph: '优势 四', endedOn: d.endedOn });
      const attachmentIds = input.attachmentIds ? await enterpriseAttachments(em, enterprise.id, input.attachmentIds) : undefined;
      let report = await em.findOne(CultivationReport, { designation: d.id, cultivationYear: input.cultivationYear });
      const fields = ['progress', 'nextSteps', 'attachmentIds'] as const;
      const before = report ? snapshot(report, fields) : null;
      if (report) {
        if (input.version == null || input.version !== report.version) throw conflict('报告已被修改，请刷新后重试', { field: 'version', currentVersion: report.version });
        if (today > year.reportDueOn) throw ruleViolation('A5', `第 ${input.cultivationYear} 年的报告已过提交期限（${year.reportDueOn}），不能再修改`, { paragraph: '优势 四', dueOn: year.reportDueOn });
      } else {
        report = em.create(CultivationReport, { designation: d.id, enterprise: enterprise.id, cultivationYear: input.cultivationYear, progress, nextSteps, submittedAt: ctx.clock.now(), submittedBy: v.username });
      }
      report.progress = progress;
      report.nextSteps = nextSteps;
      if (attachmentIds) report.attachmentIds = attachmentIds;
      report.submittedAt = ctx.clock.now();
      report.submittedBy = v.username;
      recordAudit(em, ctx, { operation: 'submitCultivationReport', objectType: 'CultivationReport', objectId: report.id, jurisdiction: regionOf(enterprise), changes: { ...changedFields(before, snapshot(report, fields), fields), late: { before: null, after: today > year.reportDueOn } } });
      await flushOrConflict(em, { duplicate: () => conflict('该年度的报告已由他人同时提交，请刷新后修改'), stale: () => conflict('报告已被修改，请刷新后重试', { field: 'version' }) });
      return report;
    });
  },

  /**
   * The provincial mid-term check [A 四]: once per period, from `advantageMidTermAfterMonths` after
   * its start while the title is valid. Passing needs the reports due so far and good standing
   * (R12/R13); a failed check ends the cultivation (the title ends today; no ban).
   */
  async recordMidTermCheck(ctx: Context, input: RecordMidTermCheckInput): Promise<{ check: MidTermCheck; designation: Designation }> {
    assertMay(ctx, advantageActions.midTermCheck);
    const v = requireUser(ctx);
    const notes = input.notes.trim();
    if (notes.length < 1 || notes.length > 5000) throw badInput([{ field: 'notes', message: '应为 1–5000 字' }]);
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const { d, enterprise } = await advantageTitle(em, ctx, input.designationId);
      if (!may(ctx.viewer, advantageActions.midTermCheck, { regionCode: regionOf(enterprise) })) throw notFound('优势企业认定', input.designationId);
      if (!d.isValidOn(today)) throw conflict('该优势企业认定今日不在培育期内', { status: d.statusOn(today) });
      if (await em.findOne(MidTermCheck, { designation: d.id })) throw conflict('该培育期已做过中期检查');
      const reports = await em.find(CultivationReport, { designation: d.id });
      const cultivation = cultivationOf(d, reports, null, today, settings);
      if (today < cultivation.midTermOpensOn) throw ruleViolation('A6', `中期检查自培育期开始 ${settings.advantageMidTermAfterMonths} 个月后（${cultivation.midTermOpensOn}）办理`, { paragraph: '优势 四', opensOn: cultivation.midTermOpensOn });
      if (input.passed) {
        const missing = cultivation.years.filter((y) => y.reportDueOn < today && !y.report).map((y) => y.cultivationYear);
        if (missing.length) throw ruleViolation('A5', `第 ${missing.join('、')} 年的进展报告逾期未交，中期检查只能记为不通过`, { paragraph: '优势 四', missingYears: missing });
        await assertGoodStanding(em, '中期检查不能通过', [{ enterpriseId: enterprise.id, label: enterprise.name }], today, settings);
      }
      const check = em.create(MidTermCheck, { designation: d.id, enterprise: enterprise.id, checkedOn: today, passed: input.passed, notes, checkedBy: v.username });
      const before = snapshot(d, ['status', 'endedOn']);
      if (!input.passed) {
        d.status = DesignationStatus.CANCELLED;
        d.endedOn = today;
      }
      recordAudit(em, ctx, {
        operation: 'recordMidTermCheck',
        objectType: 'Designation',
        objectId: d.id,
        jurisdiction: regionOf(enterprise),
        changes: { ...changedFields(before, snapshot(d, ['status', 'endedOn']), ['status', 'endedOn']), midTermCheck: { before: null, after: { passed: input.passed, notes } } },
      });
      await flushOrConflict(em, { duplicate: () => conflict('该培育期已做过中期检查') });
      return { check, designation: d };
    });
  },

  /** Voluntary exit from the cultivation (the enterprise, or its bureau on its behalf): the title ends today; no ban. */
  async withdraw(ctx: Context, input: WithdrawFromCultivationInput): Promise<Designation> {
    requireUser(ctx);
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 2000) throw badInput([{ field: 'reason', message: '应为 1–2000 字' }]);
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const { d, enterprise } = await advantageTitle(em, ctx, input.designationId);
      assertMay(ctx, advantageActions.withdraw, factsOf(enterprise));
      if (!d.isValidOn(today)) throw conflict('该优势企业认定今日不在培育期内', { status: d.statusOn(today) });
      const before = snapshot(d, ['status', 'endedOn']);
      d.status = DesignationStatus.WITHDRAWN;
      d.endedOn = today;
      recordAudit(em, ctx, { operation: 'withdrawFromCultivation', objectType: 'Designation', objectId: d.id, jurisdiction: regionOf(enterprise), changes: { ...changedFields(before, snapshot(d, ['status', 'endedOn']), ['status', 'endedOn']), reason: { before: null, after: reason } } });
      await em.flush();
      return d;
    });
  },

  /**
   * The advantage titles a bureau follows (its jurisdiction; the national admin any or all), the
   * earliest start first, with the filters a bureau works by: current, mid-term check due, a report
   * overdue. The conditions are the same rules as `cultivationOf`, in SQL.
   */
  async cultivations(ctx: Context, filter: AdvantageCultivationFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    const regionCode = filter?.regionCode ?? jurisdictionOf(ctx.viewer);
    assertMay(ctx, advantageActions.list, regionCode ? { regionCode } : undefined);
    if (regionCode && !ctx.reference.region(regionCode)) throw badInput([{ field: 'filter.regionCode', message: '未知的省级辖区' }]);
    const today = ctx.clock.today();
    const settings = await ctx.loaders.programme.settings();
    // Cultivation year k of d runs from valid_from + (k-1) years to the day before valid_from + k years (the last one to valid_until).
    const yearEnd = sql`least((d.valid_from + make_interval(years => k))::date - 1, d.valid_until)`;
    const overdue = sql`exists (select 1 from generate_series(1, 20) k
        where (d.valid_from + make_interval(years => k - 1))::date <= d.valid_until
          and ${yearEnd} + ${settings.advantageReportDueDays}::int < ${today}::date
          and (d.ended_on is null or d.ended_on > ${yearEnd})
          and ${today}::date <= d.valid_until + ${settings.advantageReportDueDays}::int
          and not exists (select 1 from cultivation_report cr where cr.designation_id = d.id and cr.cultivation_year = k))`;
    const midTermDue = and(
      validOn('d', today),
      sql`(d.valid_from + make_interval(months => ${settings.advantageMidTermAfterMonths}::int))::date <= ${today}::date`,
      sql`not exists (select 1 from mid_term_check mc where mc.designation_id = d.id)`,
    );
    const conditions: (Sql | null)[] = [
      sql`d.level = ${DesignationLevel.ADVANTAGE}`,
      regionCode ? sql`exists (select 1 from enterprise re where re.id = d.enterprise_id and re.region_code = ${regionCode})` : null,
      filter?.batchYear != null ? sql`d.batch_year = ${filter.batchYear}` : null,
      filter?.current == null ? null : filter.current ? validOn('d', today) : sql`not ${validOn('d', today)}`,
      filter?.midTermCheckDue == null ? null : filter.midTermCheckDue ? midTermDue : sql`not ${midTermDue}`,
      filter?.reportOverdue == null ? null : filter.reportOverdue ? overdue : sql`not ${overdue}`,
      advantageRecordVisibility(ctx.viewer, today, 'd'),
    ];
    return keysetPage<Designation>({
      query: filteredQuery(ctx.em, Designation, 'd', conditions),
      args,
      limits: ctx.config,
      orderKey: 'VALID_FROM:ASC',
      ascending: true,
      column: 'd.valid_from',
      idColumn: 'd.id',
      cast: 'date',
      property: 'validFrom',
      value: (d) => d.validFrom,
      valueOk: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
    });
  },

  /** The cultivation of an advantage designation, with the enterprise's whole record; else (or for a demonstration title) null. */
  async cultivationFor(ctx: Context, d: Designation): Promise<Cultivation | null> {
    if (d.level !== DesignationLevel.ADVANTAGE) return null;
    const e = await ctx.loaders.enterprise.visibleById.load(d.enterprise.id);
    if (!e || !may(ctx.viewer, advantageActions.read, factsOf(e))) return null;
    const [reports, check, settings] = await Promise.all([ctx.loaders.advantage.reportsByDesignation.load(d.id), ctx.loaders.advantage.checkByDesignation.load(d.id), ctx.loaders.programme.settings()]);
    return cultivationOf(d, reports, check, ctx.clock.today(), settings);
  },
};
