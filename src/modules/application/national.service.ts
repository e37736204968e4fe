import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { badInput, conflict, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ApplicationRoute, ApplicationStatus, DemonstrationApplication } from './application.entity.js';
import { applicationActions } from './application.policy.js';
import { assertGoodStanding } from './eligibility.js';
import { programmeService } from '../programme/programme.service.js';
import { NationalDecision, type ReviewApplicationNationallyInput } from './national.inputs.js';

/** The fields of an application that the national steps change (recorded in its history). */
export const NATIONAL_FIELDS = ['status', 'nationalComments', 'noticeId', 'designationId'] as const;

/** The jurisdiction of each application's enterprise, by application id: one query. */
export async function jurisdictionsOf(em: EntityManager, apps: readonly DemonstrationApplication[]): Promise<Map<string, string>> {
  const ids = [...new Set(apps.map((a) => a.enterprise.id))];
  const enterprises = ids.length ? await em.find(Enterprise, { id: { $in: ids } }) : [];
  const regionOf = new Map(enterprises.map((e) => [e.id, e.region.unwrap().code]));
  return new Map(apps.map((a) => [a.id, regionOf.get(a.enterprise.id)!]));
}

export const nationalService = {
  /** The national review [D 三(二)3] of a recommended application, or of a direct one (R3). */
  async review(ctx: Context, input: ReviewApplicationNationallyInput): Promise<DemonstrationApplication> {
    assertMay(ctx, applicationActions.reviewNationally);
    const id = expectGlobalId(input.id, 'DemonstrationApplication', 'id');
    const comments = input.comments?.trim() || null;
    if (input.decision === NationalDecision.FAIL && !comments) throw badInput([{ field: 'comments', message: '不合格须附评审意见' }]);
    return transaction(ctx.em, async (em) => {
      const app = await em.findOne(DemonstrationApplication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!app) throw notFound('申报', input.id);
      const pass = input.decision === NationalDecision.PASS;
      const ready = app.status === ApplicationStatus.RECOMMENDED || (app.status === ApplicationStatus.SUBMITTED && app.route === ApplicationRoute.DIRECT);
      // Until the designation the national bureau may still fail an application that passed (new facts:
      // an incident, a ban): before its notice opens, or during it (that takes it out of the list).
      const withdrawable = !pass && (app.status === ApplicationStatus.PASSED_REVIEW || app.status === ApplicationStatus.IN_NOTICE);
      if (!ready && !withdrawable) throw conflict(pass ? '只能评审省局已推荐的申报，或直接申报的申报' : '只能评审省局已推荐、直接申报、评审合格待公示或公示中的申报', { status: app.status });
      if (app.version !== input.version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: app.version });
      const enterprise = await em.findOneOrFail(Enterprise, app.enterprise.id);
      if (pass) await assertGoodStanding(em, '不能评审为合格', [{ enterpriseId: enterprise.id, label: enterprise.name }], ctx.clock.today(), await programmeService.settings(em));
      const before = snapshot(app, NATIONAL_FIELDS);
      app.status = input.decision === NationalDecision.PASS ? ApplicationStatus.PASSED_REVIEW : ApplicationStatus.FAILED_REVIEW;
      app.nationalComments = comments;
      app.nationalReviewedAt = ctx.clock.now();
      const jurisdiction = enterprise.region.unwrap().code;
      recordAudit(em, ctx, { operation: 'reviewApplicationNationally', objectType: 'DemonstrationApplication', objectId: app.id, jurisdiction, changes: changedFields(before, snapshot(app, NATIONAL_FIELDS), NATIONAL_FIELDS) });
      await em.flush();
      return app;
    });
  },
};
