/**
 * Cultivation plans [D 三(三)1, 五(一)]: each provincial bureau's overall plan for its region
 * ("本区域示范企业培育工作总体方案": 培育目标、工作计划、组织管理、政策支持、资金保障、督导检查), one per
 * period. A bureau drafts a revision, edits it, publishes it: the published one is the period's
 * current plan and the one before is kept, superseded. Periods of one bureau never overlap (a
 * superseded revision's years are history: a shortened revision frees the years after it).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { newestFirst, requiredText } from '../liaison/liaison.common.js';
import { CultivationPlan, CultivationPlanStatus, PLAN_SECTIONS } from './provincial.entity.js';
import type { CultivationPlanFilter, CultivationPlanSections, DraftCultivationPlanInput, PublishCultivationPlanInput, UpdateCultivationPlanInput } from './provincial.inputs.js';
import { dutyVisibility, provincialActions } from './provincial.policy.js';

const FIELDS = ['title', ...PLAN_SECTIONS, 'status'] as const;
const SECTION_MAX = 20_000;

function checked(sections: CultivationPlanSections, problems: InputProblems) {
  return {
    title: requiredText(problems, 'sections.title', sections.title, 200),
    ...Object.fromEntries(PLAN_SECTIONS.map((f) => [f, requiredText(problems, `sections.${f}`, sections[f], SECTION_MAX)])),
  } as Pick<CultivationPlan, 'title' | (typeof PLAN_SECTIONS)[number]>;
}

const lockBureau = (em: EntityManager, bureauCode: string) => advisoryLock(em, `cultivation-plan:${bureauCode}`);

async function loadDraft(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<CultivationPlan> {
  const id = expectGlobalId(globalId, 'CultivationPlan', 'id');
  const rule = dutyVisibility(ctx.viewer, ctx.clock.today(), 'p');
  const [row] = await query<{ id: string; bureau_code: string }>(em, sql`select p.id, p.bureau_code from cultivation_plan p where p.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``}`);
  if (!row) throw notFound('培育工作总体方案', globalId);
  assertMay(ctx, provincialActions.writePlan, { regionCode: row.bureau_code });
  await lockBureau(em, row.bureau_code);
  const plan = await em.findOneOrFail(CultivationPlan, row.id, { refresh: true });
  if (plan.version !== version) throw conflict('方案已被修改，请刷新后重试', { field: 'version', currentVersion: plan.version });
  if (plan.status !== CultivationPlanStatus.DRAFT) throw conflict('只能修改或发布草稿；已发布的方案请起草新的修订', { status: plan.status });
  return plan;
}

export const planService = {
  /** A new draft revision of the bureau's plan for a period (a period that overlaps another of its periods is refused). */
  async draft(ctx: Context, input: DraftCultivationPlanInput): Promise<CultivationPlan> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.writePlan);
    const bureauCode = jurisdictionOf(ctx.viewer)!;
    const problems = new InputProblems();
    if (!Number.isInteger(input.periodStart) || input.periodStart < 2000 || input.periodStart > 2100) problems.add('periodStart', '应在 2000 到 2100 之间');
    if (!Number.isInteger(input.periodEnd) || input.periodEnd < input.periodStart || input.periodEnd > input.periodStart + 9) problems.add('periodEnd', '应不早于第一年，且方案期至多 10 年');
    const content = checked(input.sections, problems);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      await lockBureau(em, bureauCode);
      const [overlap] = await query<{ period_start: number; period_end: number }>(
        em,
        sql`select period_start, period_end from cultivation_plan where bureau_code = ${bureauCode} and period_start <> ${input.periodStart}::int and status <> 'SUPERSEDED'
          and period_start <= ${input.periodEnd}::int and period_end >= ${input.periodStart}::int limit 1`,
      );
      if (overlap) throw conflict(`与本局 ${overlap.period_start}–${overlap.period_end} 年的方案期重叠`, { periodStart: overlap.period_start, periodEnd: overlap.period_end });
      const [{ next, draft }] = (await query<{ next: number; draft: string | null }>(
        em,
        sql`select coalesce(max(revision), 0) + 1 as next, max(id::text) filter (where status = 'DRAFT') as draft from cultivation_plan where bureau_code = ${bureauCode} and period_start = ${input.periodStart}::int`,
      )) as [{ next: number; draft: string | null }];
      if (draft) throw conflict('该方案期已有草稿：请修改它（updateCultivationPlan）', { draftId: draft });
      const plan = em.create(CultivationPlan, { bureauCode, periodStart: input.periodStart, periodEnd: input.periodEnd, revision: Number(next), ...content });
      recordAudit(em, ctx, { operation: 'draftCultivationPlan', objectType: 'CultivationPlan', objectId: plan.id, jurisdiction: bureauCode, changes: changedFields(null, snapshot(plan, FIELDS), FIELDS) });
      await flushOrConflict(em, { duplicate: () => conflict('该方案期已有草稿或同一修订号，请刷新后重试') });
      return plan;
    });
  },

  async update(ctx: Context, input: UpdateCultivationPlanInput): Promise<CultivationPlan> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.writePlan);
    const problems = new InputProblems();
    const content = checked(input.sections, problems);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const plan = await loadDraft(ctx, em, input.id, input.version);
      const before = snapshot(plan, FIELDS);
      Object.assign(plan, content);
      recordAudit(em, ctx, { operation: 'updateCultivationPlan', objectType: 'CultivationPlan', objectId: plan.id, jurisdiction: plan.bureauCode, changes: changedFields(before, snapshot(plan, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('方案已被修改，请刷新后重试', { field: 'version' }) });
      return plan;
    });
  },

  /** The draft becomes the period's current plan; the previously published revision is superseded. */
  async publish(ctx: Context, input: PublishCultivationPlanInput): Promise<CultivationPlan> {
    const user = requireUser(ctx);
    assertMay(ctx, provincialActions.writePlan);
    return transaction(ctx.em, async (em) => {
      const plan = await loadDraft(ctx, em, input.id, input.version);
      await em.nativeUpdate(CultivationPlan, { bureauCode: plan.bureauCode, periodStart: plan.periodStart, status: CultivationPlanStatus.PUBLISHED }, { status: CultivationPlanStatus.SUPERSEDED });
      const before = snapshot(plan, FIELDS);
      plan.status = CultivationPlanStatus.PUBLISHED;
      plan.publishedAt = ctx.clock.now();
      plan.publishedBy = user.username;
      recordAudit(em, ctx, { operation: 'publishCultivationPlan', objectType: 'CultivationPlan', objectId: plan.id, jurisdiction: plan.bureauCode, changes: changedFields(before, snapshot(plan, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('方案已被修改，请刷新后重试', { field: 'version' }) });
      return plan;
    });
  },

  async list(ctx: Context, filter: CultivationPlanFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, provincialActions.read);
    const f = filter ?? {};
    return newestFirst(ctx, CultivationPlan, 'p', [
        f.bureauCode ? sql`p.bureau_code = ${f.bureauCode}` : null,
        f.year != null ? sql`p.period_start <= ${f.year}::int and p.period_end >= ${f.year}::int` : null,
        f.currentOnly ? sql`p.status = 'PUBLISHED'` : null,
        dutyVisibility(ctx.viewer, ctx.clock.today(), 'p'),
      ], args);
  },
};
