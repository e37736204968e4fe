/**
 * Annual summaries (R15 [D 五(一)]: "各省局于每年 11 月底前将示范企业培育工作年度总结报送专利管理司").
 * A provincial bureau starts its summary of a year (the year's figures for its jurisdiction filled
 * in from statistics), edits it, submits it; a first submission after 30 November of the year
 * (Asia/Shanghai, the programme's clock) is flagged late. The national bureau accepts it (then it is
 * locked: RULE_VIOLATION R15 on any change) or returns it with a reason for the bureau to resubmit.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOf, query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { newestFirst, optionalText, requiredText } from '../liaison/liaison.common.js';
import { STATISTICS_LIMITS, statisticsService } from '../reporting/statistics.service.js';
import { reportingRegistry } from '../../reporting-registry.js';
import { AnnualSummary, AnnualSummaryStatus, SUMMARY_SECTIONS } from './provincial.entity.js';
import type { AcceptAnnualSummaryInput, AnnualSummaryFilter, ReturnAnnualSummaryInput, StartAnnualSummaryInput, SubmitAnnualSummaryInput, UpdateAnnualSummaryInput } from './provincial.inputs.js';
import { dutyVisibility, provincialActions } from './provincial.policy.js';

export const R15 = { rule: 'R15', paragraph: '五(一)' } as const;
const FIELDS = [...SUMMARY_SECTIONS, 'status', 'late', 'returnReason'] as const;
const TEXT_MAX = 20_000;

/** R15: the last day to submit the summary of `year` (30 November, Asia/Shanghai). */
export const summaryDueOn = (year: number) => `${year}-11-30`;

/** The figures a summary is pre-filled with: stocks as of the year's end (or today), flows of the year. */
const STOCKS = ['DEMONSTRATION_ENTERPRISES', 'ADVANTAGE_ENTERPRISES', 'POOL_MEMBERS'];
const FLOWS = ['DESIGNATIONS', 'ENROLMENTS', 'COMPLETIONS', 'SERVICE_RECORDS', 'NEEDS', 'NEEDS_RESOLVED', 'DEMONSTRATION_APPLICATIONS_SUBMITTED', 'INVENTION_APPLICATIONS_SUM', 'VALID_INVENTION_PATENTS_SUM'];

/** The year's figures for the bureau's jurisdiction, as the bureau's own statistics count them. */
export async function summaryFigures(ctx: Context, regionCode: string, year: number): Promise<Record<string, unknown>> {
  const today = ctx.clock.today();
  const yearEnd = `${year}-12-31`;
  const asOf = today < yearEnd ? today : yearEnd;
  const region = [{ dimension: 'REGION', values: [regionCode] }];
  const base = { dimensions: [], totals: 'NONE' as const, filters: region, having: [], fillEmpty: true };
  const answers = [await statisticsService.statistics(ctx, { ...base, measures: STOCKS, asOf })];
  // A query joins at most STATISTICS_LIMITS.facts facts side by side: the flows in groups of them.
  const registry = reportingRegistry();
  const facts = [...new Set(FLOWS.map((m) => registry.measures.get(m)!.fact))];
  for (let i = 0; i < facts.length; i += STATISTICS_LIMITS.facts) {
    const group = facts.slice(i, i + STATISTICS_LIMITS.facts);
    const measures = FLOWS.filter((m) => group.includes(registry.measures.get(m)!.fact));
    answers.push(await statisticsService.statistics(ctx, { ...base, measures, from: `${year}-01-01`, to: yearEnd, asOf }));
  }
  const figures = answers.flatMap((answer) => answer.measures.map((m, i) => ({ measure: m.name, label: m.label, unit: m.unit, value: answer.rows[0]?.values[i]?.value ?? 0 })));
  return { asOf, regionCode, year, figures };
}

async function load(ctx: Context, em: EntityManager, globalId: string): Promise<AnnualSummary> {
  const id = expectGlobalId(globalId, 'AnnualSummary', 'id');
  const rule = dutyVisibility(ctx.viewer, ctx.clock.today(), 's');
  const [row] = await query<{ id: string }>(em, sql`select s.id from annual_summary s where s.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
  if (!row) throw notFound('年度总结', globalId);
  return em.findOneOrFail(AnnualSummary, row.id, { refresh: true });
}

function checkVersion(s: AnnualSummary, version: number): void {
  if (s.version !== version) throw conflict('年度总结已被修改，请刷新后重试', { field: 'version', currentVersion: s.version });
}

/** R15: an accepted summary is locked; others may only be changed in the states given. */
function assertEditable(s: AnnualSummary, allowed: readonly AnnualSummaryStatus[], what: string): void {
  if (s.status === AnnualSummaryStatus.ACCEPTED) throw ruleViolation(R15.rule, `${s.year} 年度总结已由国家局接收，已锁定，不能再${what}`, { paragraph: R15.paragraph, status: s.status });
  if (!allowed.includes(s.status)) throw conflict(`年度总结当前为 ${s.status}，不能${what}`, { status: s.status });
}

export const summaryService = {
  async start(ctx: Context, input: StartAnnualSummaryInput): Promise<AnnualSummary> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.writeSummary);
    const regionCode = jurisdictionOf(ctx.viewer)!;
    const thisYear = Number(ctx.clock.today().slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear) throw badInput('year', `应在 2000 到 ${thisYear} 之间`);
    const figures = await summaryFigures(ctx, regionCode, input.year);
    return transaction(ctx.em, async (em) => {
      const summary = em.create(AnnualSummary, { bureauCode: regionCode, year: input.year, figures });
      recordAudit(em, ctx, { operation: 'startAnnualSummary', objectType: 'AnnualSummary', objectId: summary.id, jurisdiction: regionCode, changes: { year: { before: null, after: input.year } } });
      await flushOrConflict(em, { duplicate: () => conflict(`本局 ${input.year} 年度总结已存在`, { year: input.year }) });
      return summary;
    });
  },

  async update(ctx: Context, input: UpdateAnnualSummaryInput): Promise<AnnualSummary> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.writeSummary);
    const problems = new InputProblems();
    const texts = Object.fromEntries(
      SUMMARY_SECTIONS.filter((f) => input.sections?.[f] !== undefined && input.sections?.[f] !== null).map((f) => [f, optionalText(problems, `sections.${f}`, input.sections![f], TEXT_MAX)]),
    );
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const s = await load(ctx, em, input.id);
      assertMay(ctx, provincialActions.writeSummary, { regionCode: s.bureauCode });
      assertEditable(s, [AnnualSummaryStatus.DRAFT, AnnualSummaryStatus.RETURNED], '修改');
      checkVersion(s, input.version);
      const before = snapshot(s, FIELDS);
      Object.assign(s, texts);
      if (input.refreshFigures) s.figures = await summaryFigures(ctx, s.bureauCode, s.year);
      recordAudit(em, ctx, { operation: 'updateAnnualSummary', objectType: 'AnnualSummary', objectId: s.id, jurisdiction: s.bureauCode, changes: { ...changedFields(before, snapshot(s, FIELDS), FIELDS), ...(input.refreshFigures ? { figures: { before: null, after: '（已刷新）' } } : {}) } });
      await flushOrConflict(em, { stale: () => conflict('年度总结已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  /** Submits (or resubmits after a return); the first submission after 30 November is late (R15). */
  async submit(ctx: Context, input: SubmitAnnualSummaryInput): Promise<AnnualSummary> {
    const user = requireUser(ctx);
    assertMay(ctx, provincialActions.writeSummary);
    return transaction(ctx.em, async (em) => {
      const s = await load(ctx, em, input.id);
      assertMay(ctx, provincialActions.writeSummary, { regionCode: s.bureauCode });
      assertEditable(s, [AnnualSummaryStatus.DRAFT, AnnualSummaryStatus.RETURNED], '报送');
      checkVersion(s, input.version);
      const missing = SUMMARY_SECTIONS.filter((f) => !s[f]);
      if (missing.length) throw ruleViolation(R15.rule, `年度总结尚未写完：${missing.join('、')}`, { paragraph: R15.paragraph, missing });
      const before = snapshot(s, FIELDS);
      if (!s.submittedAt) {
        s.submittedAt = ctx.clock.now();
        s.submittedBy = user.username;
        s.late = ctx.clock.today() > summaryDueOn(s.year);
      }
      s.status = AnnualSummaryStatus.SUBMITTED;
      recordAudit(em, ctx, { operation: 'submitAnnualSummary', objectType: 'AnnualSummary', objectId: s.id, jurisdiction: s.bureauCode, changes: changedFields(before, snapshot(s, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('年度总结已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async accept(ctx: Context, input: AcceptAnnualSummaryInput): Promise<AnnualSummary> {
    const user = requireUser(ctx);
    assertMay(ctx, provincialActions.reviewSummary);
    return transaction(ctx.em, async (em) => {
      const s = await load(ctx, em, input.id);
      assertEditable(s, [AnnualSummaryStatus.SUBMITTED], '接收');
      checkVersion(s, input.version);
      const before = snapshot(s, FIELDS);
      s.status = AnnualSummaryStatus.ACCEPTED;
      s.acceptedAt = ctx.clock.now();
      s.acceptedBy = user.username;
      recordAudit(em, ctx, { operation: 'acceptAnnualSummary', objectType: 'AnnualSummary', objectId: s.id, jurisdiction: s.bureauCode, changes: changedFields(before, snapshot(s, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('年度总结已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async returnToBureau(ctx: Context, input: ReturnAnnualSummaryInput): Promise<AnnualSummary> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.reviewSummary);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const s = await load(ctx, em, input.id);
      assertEditable(s, [AnnualSummaryStatus.SUBMITTED], '退回');
      checkVersion(s, input.version);
      const before = snapshot(s, FIELDS);
      s.status = AnnualSummaryStatus.RETURNED;
      s.returnReason = reason;
      recordAudit(em, ctx, { operation: 'returnAnnualSummary', objectType: 'AnnualSummary', objectId: s.id, jurisdiction: s.bureauCode, changes: changedFields(before, snapshot(s, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('年度总结已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async list(ctx: Context, filter: AnnualSummaryFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, provincialActions.read);
    const f = filter ?? {};
    return newestFirst(ctx, AnnualSummary, 's', [
        f.year != null ? sql`s.year = ${f.year}::int` : null,
        f.status?.length ? anyOf(sql`s.status`, f.status) : null,
        f.late != null ? sql`s.late = ${f.late}` : null,
        dutyVisibility(ctx.viewer, ctx.clock.today(), 's'),
      ], args);
  },

  /** Every provincial bureau's summary of `year` and whether it is overdue (the national bureau's view; a bureau sees its own row). */
  async overview(ctx: Context, year: number) {
    requireUser(ctx);
    assertMay(ctx, provincialActions.read);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', '应在 2000 到 2100 之间');
    const today = ctx.clock.today();
    const rule = dutyVisibility(ctx.viewer, today, 's');
    const summaries = await query<{ id: string }>(ctx.em, sql`select s.id from annual_summary s where s.year = ${year}::int${rule ? sql` and ${rule}` : sql``}`);
    const loaded = summaries.length ? await ctx.em.find(AnnualSummary, { id: { $in: summaries.map((r) => r.id) } }, { refresh: true }) : [];
    const own = jurisdictionOf(ctx.viewer);
    const bureaus = ctx.reference.regions.filter((r) => !own || r.code === own);
    return {
      year,
      dueOn: summaryDueOn(year),
      bureaus: bureaus.map((r) => {
        const summary = loaded.find((s) => s.bureauCode === r.code) ?? null;
        const submitted = !!summary?.submittedAt;
        return { bureauCode: r.code, regionName: r.name, summary, overdue: !submitted && today > summaryDueOn(year) };
      }),
    };
  },
};
