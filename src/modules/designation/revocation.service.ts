import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { factsOf, isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, tryGlobalId } from '../../common/node.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { assignmentService, requestAudit } from '../assignment/assignment.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { programmeService } from '../programme/programme.service.js';
import { ApplicationBan, BanReason } from './ban.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';
import { IncidentKind, type PenaltyArea, RevocationIncident } from './incident.entity.js';
import type { RecordIncidentInput, RevokeDesignationInput } from './revocation.inputs.js';
import { transaction } from '../../common/transaction.js';
import { designationActions } from './designation.policy.js';
import { lastDayOfYears, yearsBefore } from './designation.rules.js';

const INCIDENT_FIELDS = ['kind', 'penaltyArea', 'occurredOn', 'description', 'evidence'] as const;
const DESIGNATION_FIELDS = ['status', 'endedOn'] as const;

function r12(condition: string, message: string, extensions: Record<string, unknown> = {}) {
  return ruleViolation('R12', message, { condition, paragraph: 'D 三(四)', ...extensions });
}

export const revocationService = {
  async recordIncident(ctx: Context, input: RecordIncidentInput): Promise<RevocationIncident> {
    assertMay(ctx, designationActions.recordIncident);
    requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    const problems = new InputProblems();
    const today = ctx.clock.today();
    if (input.occurredOn > today) problems.add('occurredOn', '不能晚于今日');
    if (input.occurredOn < '1990-01-01') problems.add('occurredOn', '不能早于 1990 年');
    if ((input.kind === IncidentKind.ADMINISTRATIVE_PENALTY) !== (input.penaltyArea != null)) {
      problems.add('penaltyArea', input.kind === IncidentKind.ADMINISTRATIVE_PENALTY ? '行政处罚须注明领域' : '只有行政处罚才有领域');
    }
    const description = input.description.trim();
    const evidence = input.evidence.trim();
    if (description.length < 1 || description.length > 2000) problems.add('description', '应为 1–2000 字');
    if (evidence.length < 1 || evidence.length > 2000) problems.add('evidence', '应为 1–2000 字');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await em.findOne(Enterprise, enterpriseId);
      if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, today, enterpriseId))) throw notFound('企业', input.enterpriseId);
      assertMay(ctx, designationActions.recordIncident, factsOf(enterprise));
      const incident = revocationService.createIncident(em, ctx, enterprise, { kind: input.kind, penaltyArea: input.penaltyArea ?? null, occurredOn: input.occurredOn, description, evidence });
      await em.flush();
      return incident;
    });
  },

  /**
   * (Inside the caller's transaction, checked by it.) Records an incident of one of the five kinds,
   * audited: recordIncident, and a dishonesty credit record of such a kind (overseas module), so
   * that the same facts are never typed twice.
   */
  createIncident(em: EntityManager, ctx: Context, enterprise: Enterprise, fields: { kind: IncidentKind; penaltyArea: PenaltyArea | null; occurredOn: string; description: string; evidence: string }): RevocationIncident {
    const incident = em.create(RevocationIncident, { enterprise: enterprise.id, ...fields, recordedBy: requireUser(ctx).username });
    recordAudit(em, ctx, {
      operation: 'recordIncident',
      objectType: 'RevocationIncident',
      objectId: incident.id,
      jurisdiction: enterprise.region.unwrap().code,
      changes: changedFields(null, snapshot(incident, INCIDENT_FIELDS), INCIDENT_FIELDS),
    });
    return incident;
  },

  /**
   * R12 [D 三(四)]: the national admin revokes a valid demonstration title when an incident of the
   * five kinds falls within the last 3 years (a setting); a 2-year ban (a setting) starts that day.
   * The designation row is locked, so two revocations at once cannot both pass.
   */
  async revoke(ctx: Context, input: RevokeDesignationInput): Promise<{ designation: Designation; ban: ApplicationBan | null }> {
    assertMay(ctx, designationActions.revoke);
    const designationId = expectGlobalId(input.designationId, 'Designation', 'designationId');
    const problems = new InputProblems();
    const incidentIds = input.incidentIds.map((id, i) => {
      const key = tryGlobalId(id, 'RevocationIncident');
      if (!key) problems.add(`incidentIds.${i}`, '不是有效的违规情形 ID');
      return key;
    });
    if (input.incidentIds.length === 0) problems.add('incidentIds', '至少给出一项违规情形');
    if (input.incidentIds.length > 50) problems.add('incidentIds', '最多 50 项');
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 2000) problems.add('reason', '应为 1–2000 字');
    problems.throwIfAny();
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const designation = await em.findOne(Designation, designationId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!designation) throw notFound('认定', input.designationId);
      const owner = await em.findOneOrFail(Enterprise, designation.enterprise.id);
      // A bureau revokes only its jurisdiction's advantage titles; it does not see other jurisdictions' records.
      const target = { regionCode: owner.region.unwrap().code, level: designation.level };
      if (!may(ctx.viewer, designationActions.revoke, target)) {
        if (target.level === DesignationLevel.ADVANTAGE) throw notFound('认定', input.designationId);
        assertMay(ctx, designationActions.revoke, target);
      }
      if (designation.statusOn(today) !== DesignationStatus.ACTIVE) {
        throw r12('DESIGNATION_NOT_ACTIVE', '该认定今日不是有效状态，无需撤销', { status: designation.statusOn(today) });
      }
      const incidents = await em.find(RevocationIncident, { id: { $in: incidentIds as string[] } });
      const foreign = incidentIds.filter((id) => !incidents.some((i) => i.id === id && i.enterprise.id === designation.enterprise.id));
      if (foreign.length) throw notFound('该企业的违规情形', foreign.join(', '));
      const since = yearsBefore(today, settings.revocationLookbackYears);
      if (!incidents.some((i) => i.occurredOn >= since && i.occurredOn <= today)) {
        throw r12('NO_INCIDENT_WITHIN_LOOKBACK', `作为依据的情形须有一项发生在近 ${settings.revocationLookbackYears} 年内（${since} 以后）`, { since });
      }
      const before = snapshot(designation, DESIGNATION_FIELDS);
      designation.status = DesignationStatus.REVOKED;
      designation.endedOn = today;
      const enterprise = await em.findOneOrFail(Enterprise, designation.enterprise.id);
      // banYears may be set to 0: then no ban follows.
      const ban =
        settings.banYears > 0
          ? em.create(ApplicationBan, {
              enterprise: enterprise.id,
              designation: designation.id,
              reason: BanReason.REVOKED,
              startsOn: today,
              endsOn: lastDayOfYears(today, settings.banYears),
            })
          : null;
      const jurisdiction = enterprise.region.unwrap().code;
      recordAudit(em, ctx, {
        operation: 'revokeDesignation',
        objectType: 'Designation',
        objectId: designation.id,
        jurisdiction,
        changes: {
          ...changedFields(before, snapshot(designation, DESIGNATION_FIELDS), DESIGNATION_FIELDS),
          reason: { before: null, after: reason },
          incidents: { before: null, after: incidents.map((i) => i.id) },
          ban: { before: null, after: ban ? `${ban.startsOn}–${ban.endsOn}` : null },
        },
      });
      await em.flush();
      // R17: the bureaus' liaison officers stop being assigned to an enterprise that lost its title.
      await assignmentService.endWithoutTitle(em, today, requestAudit(em, ctx), enterprise.id);
      return { designation, ban };
    });
  },
};
