/**
 * The provincial bureau's check of a demonstration application [D 三(二)2, 三(一)1]: each
 * self-assessed item checked against the year's sheet (adjusted with a reason), the checked totals
 * that R1 then uses, and the bureau's attestation that the enterprise is a domestic backbone
 * enterprise with strong industry influence. Done on submitted applications of the provincial
 * route, again as often as needed until the recommendation.
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { conflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ApplicationRoute, ApplicationStatus, DemonstrationApplication, type IndicatorScore } from '../application/application.entity.js';
import { checkItems, MAX_ITEMS } from './assessment.js';
import type { CheckApplicationItemsInput } from './evaluation.inputs.js';
import { evaluationActions } from './evaluation.policy.js';

const CHECK_FIELDS = ['checkedScoreA', 'checkedScoreB', 'backboneStatement', 'backboneAttestedBy', 'backboneAttestedOn'] as const;

/** Each item's claimed and checked score (and reason), as the history shows them. */
const itemChecks = (items: readonly IndicatorScore[]) =>
  items.some((x) => x.checkedScore != null)
    ? items.map((x) => ({ table: x.table, code: x.code, claimedScore: x.score, checkedScore: x.checkedScore ?? null, reason: x.checkReason ?? null }))
    : null;

export const itemCheckService = {
  async check(ctx: Context, input: CheckApplicationItemsInput): Promise<DemonstrationApplication> {
    assertMay(ctx, evaluationActions.checkItems);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.applicationId, 'DemonstrationApplication', 'applicationId');
    const problems = new InputProblems();
    if (input.items.length > MAX_ITEMS) problems.add('items', `最多 ${MAX_ITEMS} 项`);
    const statement = input.backboneStatement == null ? null : input.backboneStatement.trim();
    if (statement !== null && (statement.length < 1 || statement.length > 2000)) problems.add('backboneStatement', '应为 1–2000 字（“国内骨干企业，行业影响力较强”的认定意见及依据）');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      // Locked like the provincial review: a check and a recommendation of the same application queue.
      const application = await em.findOne(DemonstrationApplication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!application) throw notFound('申报', input.applicationId);
      const enterprise = await em.findOneOrFail(Enterprise, application.enterprise.id);
      const regionCode = enterprise.region.unwrap().code;
      // R14: only the bureau of the enterprise's own jurisdiction; others do not see the application.
      if (!may(ctx.viewer, evaluationActions.checkItems, { regionCode })) throw notFound('申报', input.applicationId);
      if (application.route !== ApplicationRoute.PROVINCIAL) throw ruleViolation('R3', '直接向专利管理司申报的不经省局核查推荐', { paragraph: '三(二)3' });
      if (application.status !== ApplicationStatus.SUBMITTED) throw conflict('只能核查已提交、尚未审核推荐的申报', { status: application.status });
      if (application.version !== input.version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      const result = await checkItems(em, { year: application.year, items: application.indicators, checks: input.items });
      const before = snapshot(application, CHECK_FIELDS);
      const checksBefore = itemChecks(application.indicators);
      application.indicators = result.items;
      application.checkedScoreA = result.checkedScoreA;
      application.checkedScoreB = result.checkedScoreB;
      application.checkedAt = ctx.clock.now();
      application.checkedBy = v.username;
      if (statement) {
        application.backboneStatement = statement;
        application.backboneAttestedBy = v.username;
        application.backboneAttestedOn = ctx.clock.today();
      }
      recordAudit(em, ctx, {
        operation: 'checkApplicationItems',
        objectType: 'DemonstrationApplication',
        objectId: application.id,
        jurisdiction: regionCode,
        changes: {
          // The enterprise's totals beside the checked ones, and every item's claimed and checked score.
          claimedScores: { before: null, after: { A: application.scoreA ?? null, B: application.scoreB ?? null } },
          itemChecks: { before: checksBefore, after: itemChecks(result.items) },
          ...changedFields(before, snapshot(application, CHECK_FIELDS), CHECK_FIELDS),
        },
      });
      await em.flush();
      return application;
    });
  },
};
