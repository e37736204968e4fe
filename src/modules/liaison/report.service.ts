/**
 * Work information reports [D 五(一), R16]: a demonstration enterprise drafts and submits its
 * quarterly report by category, with attachments; the bureaus list their jurisdiction's submitted
 * reports and the demonstration enterprises that have not reported for a quarter.
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { assertMay, may } from '../../common/policy.js';
import { anyOf, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { enterpriseAttachments } from '../file/file.service.js';
import { liaisonActions, workReportVisibility } from './liaison.policy.js';
import { assertDemonstration, enterpriseForWrite, enterprisesByName, isDemonstrationOn, newestFirst, recordFacts, recordFilter, regionOf } from './liaison.common.js';
import { MissingWorkReport, type MissingWorkReportFilter, type SaveWorkReportInput, type WorkReportFilter, type WorkReportSectionInput } from './report.inputs.js';
import { periodDates, WorkReport, WorkReportCategory, WorkReportPeriod, WorkReportStatus, type WorkReportSection } from './work-report.entity.js';

const REPORT_FIELDS = ['status', 'sections', 'attachmentIds', 'submittedAt', 'submittedBy'] as const;
const CATEGORY_ORDER = Object.values(WorkReportCategory);
const SECTION_MAX = 5000;

/** A year and quarter a report may be about: this year or last, and a quarter that has begun. */
function checkPeriod(problems: InputProblems, year: number, period: WorkReportPeriod, today: string, fields = { year: 'year', period: 'period' }): void {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < thisYear - 1 || year > thisYear) problems.add(fields.year, `应为 ${thisYear - 1} 或 ${thisYear}`);
  else if (periodDates(year, period).startsOn > today) problems.add(fields.period, '该季度尚未开始');
}

/** The sections as stored: one per category, 1–5000 characters each, in the categories' order. */
function checkSections(problems: InputProblems, sections: WorkReportSectionInput[]): WorkReportSection[] {
  const seen = new Set<WorkReportCategory>();
  sections.forEach((s, i) => {
    if (seen.has(s.category)) problems.add(`sections.${i}.category`, '每个类别只能填写一项');
    seen.add(s.category);
    const length = [...s.content.trim()].length;
    if (length < 1 || length > SECTION_MAX) problems.add(`sections.${i}.content`, `应为 1–${SECTION_MAX} 字`);
  });
  return sections
    .map((s) => ({ category: s.category, content: s.content.trim() }))
    .sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
}

export const reportService = {
  /** Creates or updates the enterprise's draft for a quarter; only the fields named change. */
  async save(ctx: Context, input: SaveWorkReportInput): Promise<WorkReport> {
    const v = requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    assertMay(ctx, liaisonActions.writeReport, { enterpriseId });
    const today = ctx.clock.today();
    const problems = new InputProblems();
    checkPeriod(problems, input.year, input.period, today);
    const sections = input.sections ? checkSections(problems, input.sections) : undefined;
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      await assertDemonstration(em, enterprise, today, '报送工作信息');
      const attachmentIds = input.attachmentIds ? await enterpriseAttachments(em, enterprise.id, input.attachmentIds) : undefined;
      let report = await em.findOne(WorkReport, { enterprise: enterprise.id, year: input.year, period: input.period });
      const before = report ? snapshot(report, REPORT_FIELDS) : null;
      if (report) {
        if (report.status !== WorkReportStatus.DRAFT) throw conflict('该季度的工作信息已报送，不能再修改', { status: report.status });
        if (input.version == null || input.version !== report.version) throw conflict('工作信息已被修改，请刷新后重试', { field: 'version', currentVersion: report.version });
      } else {
        report = em.create(WorkReport, { enterprise: enterprise.id, year: input.year, period: input.period, updatedBy: v.username });
      }
      if (sections) report.sections = sections;
      if (attachmentIds) report.attachmentIds = attachmentIds;
      report.updatedBy = v.username;
      recordAudit(em, ctx, { operation: 'saveWorkReport', objectType: 'WorkReport', objectId: report.id, jurisdiction: regionOf(enterprise), changes: changedFields(before, snapshot(report, REPORT_FIELDS), REPORT_FIELDS) });
      await flushOrConflict(em, {
        duplicate: () => conflict('该企业该季度的工作信息已由他人创建，请刷新后修改'),
        stale: () => conflict('工作信息已被修改，请刷新后重试', { field: 'version' }),
      });
      return report;
    });
  },

  /** Submits a draft with at least one category filled in (R16: by a current demonstration enterprise). */
  async submit(ctx: Context, input: { id: string; version: number }): Promise<WorkReport> {
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'WorkReport', 'id');
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const report = await em.findOne(WorkReport, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const enterprise = report ? await em.findOneOrFail(Enterprise, report.enterprise.id) : null;
      // A draft is the enterprise's alone: to anyone else it does not exist.
      const own = !!enterprise && may(ctx.viewer, liaisonActions.writeReport, { enterpriseId: enterprise.id });
      if (!report || !enterprise || !(own || (report.status === WorkReportStatus.SUBMITTED && may(ctx.viewer, liaisonActions.readReports, recordFacts(enterprise))))) throw notFound('工作信息报送', input.id);
      assertMay(ctx, liaisonActions.writeReport, { enterpriseId: enterprise.id });
      if (report.status !== WorkReportStatus.DRAFT) throw conflict('该季度的工作信息已报送', { status: report.status });
      if (report.version !== input.version) throw conflict('工作信息已被修改，请刷新后重试', { field: 'version', currentVersion: report.version });
      if (report.sections.length === 0) throw badInput([{ field: 'sections', message: '报送前至少填写一个类别的内容' }]);
      await assertDemonstration(em, enterprise, today, '报送工作信息');
      const before = snapshot(report, REPORT_FIELDS);
      report.status = WorkReportStatus.SUBMITTED;
      report.submittedAt = ctx.clock.now();
      report.submittedBy = v.username;
      report.updatedBy = v.username;
      recordAudit(em, ctx, { operation: 'submitWorkReport', objectType: 'WorkReport', objectId: report.id, jurisdiction: regionOf(enterprise), changes: changedFields(before, snapshot(report, REPORT_FIELDS), REPORT_FIELDS) });
      await em.flush();
      return report;
    });
  },

  /** Reports the viewer may see, newest first (drafts only to their enterprise). */
  async list(ctx: Context, filter: WorkReportFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.readReports);
    const where: (Sql | null)[] = [
      workReportVisibility(ctx.viewer, ctx.clock.today(), 'r'),
      ...recordFilter(ctx, 'r', filter),
      filter?.year != null ? sql`r.year = ${filter.year}` : null,
      filter?.periods ? anyOf(sql`r.period`, filter.periods) : null,
      filter?.statuses ? anyOf(sql`r.status`, filter.statuses) : null,
      filter?.categories ? sql`exists (select 1 from jsonb_array_elements(r.sections) s where ${anyOf(sql`s->>'category'`, filter.categories)})` : null,
    ];
    return newestFirst(ctx, WorkReport, 'r', where, args);
  },

  /**
   * The bureau's list [R16]: the enterprises of its jurisdiction (the national bureau: all, or by
   * region) that held a demonstration title on the quarter's last day (or today, for the current
   * quarter) and have not submitted a report for it, by name.
   */
  async missing(ctx: Context, year: number, period: WorkReportPeriod, filter: MissingWorkReportFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.listMissingReports);
    const today = ctx.clock.today();
    const problems = new InputProblems();
    checkPeriod(problems, year, period, today);
    problems.throwIfAny();
    const { endsOn } = periodDates(year, period);
    const asOf = endsOn < today ? endsOn : today;
    const region = jurisdictionOf(ctx.viewer);
    const where: (Sql | null)[] = [
      region ? sql`e.region_code = ${region}` : null,
      isDemonstrationOn('e.id', asOf),
      sql`not exists (select 1 from work_report wr where wr.enterprise_id = e.id and wr.year = ${year} and wr.period = ${period} and wr.status = 'SUBMITTED')`,
      ...recordFilter(ctx, 'e', filter, { enterpriseAlias: true }),
    ];
    const page = await enterprisesByName(ctx, where, args);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: Object.assign(new MissingWorkReport(), { enterprise: edge.node, year, period }) })) };
  },
};
