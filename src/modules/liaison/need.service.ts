/**
 * Needs [D 五(一)]: submitted by a demonstration enterprise (R16), routed by the provincial bureau of
 * its jurisdiction (accept or reject; then assign to a service organisation or forward to the
 * national bureau, which assigns or rejects what it was sent: L2), an organisation of the routing
 * bureau's jurisdiction or a national one (L1), resolved by the organisation, closed or reopened by
 * the enterprise (at most NEED_REOPEN_LIMIT times: L3). Each step appends a need_event and an audit
 * entry, under a row lock and the need's version.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { conflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { assertMay, may, type Action } from '../../common/policy.js';
import { anyOf, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { isNational, jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { CommissionerDispatch } from '../service/dispatch.entity.js';
import { ConsultingSession, ConsultingSessionStatus } from '../consulting/session.entity.js';
import { SelectedServiceTeam } from '../service/team.entity.js';
import { EnterpriseNeed, FINAL_NEED_STATUSES, NeedAssigneeKind, NeedEvent, NeedLevel, NeedStatus } from './need.entity.js';
import { liaisonActions, needVisibility, type RecordFacts } from './liaison.policy.js';
import { assertDemonstration, enterpriseForWrite, newestFirst, optionalText, PARAGRAPH, recordFacts, recordFilter, regionOf, requiredText } from './liaison.common.js';
import type { AssignNeedInput, EnterpriseNeedFilter, SubmitNeedInput } from './need.inputs.js';

/** How often an enterprise may reopen one need (L3): after that it states a new need. */
export const NEED_REOPEN_LIMIT = 3;

const NEED_FIELDS = ['status', 'level', 'assigneeKind', 'organization', 'resolution', 'closedOn', 'reopenCount'] as const;

/** What the steps' actions are checked on: the need's enterprise, jurisdiction and assigned organisation. */
type NeedFacts = RecordFacts & { organizationId: string | null };

/** One step of a need: who may take it, from which statuses, and what it changes. */
interface Step {
  operation: string;
  /** What the step is called (Chinese), for the messages. */
  label: string;
  action: Action<NeedFacts>;
  from: readonly NeedStatus[];
  /** For the bureaus' steps: the level the need must be handled at for this viewer (L2). */
  routed?: boolean;
  apply(need: EnterpriseNeed, em: EntityManager): Promise<{ to: NeedStatus; note: string | null; organization?: ServiceOrganization | null }>;
}

/** L2: the provincial bureau routes its jurisdiction's needs until it forwards one; the national bureau routes what it was sent. */
function assertRoutingLevel(ctx: Context, need: EnterpriseNeed): void {
  const national = isNational(ctx.viewer);
  if (national && need.level !== NeedLevel.NATIONAL) {
    throw ruleViolation('L2', '该需求由企业所在辖区的省局办理；国家局办理省局转来的需求', { paragraph: PARAGRAPH, level: need.level });
  }
  if (!national && need.level !== NeedLevel.PROVINCIAL) {
    throw ruleViolation('L2', '该需求已转国家局办理', { paragraph: PARAGRAPH, level: need.level });
  }
}

/** L1: a provincial bureau assigns an organisation of its jurisdiction or a national one (no jurisdiction); the national bureau any. */
function assertAssignable(ctx: Context, organization: ServiceOrganization, field: string, ownChoice = true): void {
  if (organization.status !== OrganizationStatus.ACTIVE) {
    throw ruleViolation('L4', `${organization.name}当前状态为 ${organization.status}，不能交办`, { paragraph: PARAGRAPH, field, organizationStatus: organization.status });
  }
  if (!ownChoice) return;
  const region = jurisdictionOf(ctx.viewer);
  const orgRegion = organization.region ? organization.region.unwrap().code : null;
  if (region && orgRegion !== null && orgRegion !== region) {
    throw ruleViolation('L1', `${organization.name}不在本辖区（${region}）：省局只能交办本辖区登记的或全国性的服务机构，或将需求转国家局`, {
      paragraph: PARAGRAPH,
      field,
      organizationRegion: orgRegion,
    });
  }
}

export const needService = {
  /** A demonstration enterprise states a need (R16); its provincial bureau receives it. */
  async submit(ctx: Context, input: SubmitNeedInput): Promise<EnterpriseNeed> {
    const v = requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    assertMay(ctx, liaisonActions.submitNeed, { enterpriseId });
    const problems = new InputProblems();
    const title = requiredText(problems, 'title', input.title, 200);
    const description = requiredText(problems, 'description', input.description, 5000);
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      await assertDemonstration(em, enterprise, today, '提出需求');
      const now = ctx.clock.now();
      const need = em.create(EnterpriseNeed, { enterprise: enterprise.id, category: input.category, title, description, urgency: input.urgency, submittedAt: now, submittedOn: today, submittedBy: v.username });
      em.create(NeedEvent, { need: need.id, at: now, actor: v.username, actorRole: v.role, fromStatus: null, toStatus: NeedStatus.SUBMITTED, note: null });
      recordAudit(em, ctx, {
        operation: 'submitNeed',
        objectType: 'EnterpriseNeed',
        objectId: need.id,
        jurisdiction: regionOf(enterprise),
        changes: { status: { before: null, after: NeedStatus.SUBMITTED }, category: { before: null, after: input.category }, urgency: { before: null, after: input.urgency }, title: { before: null, after: title } },
      });
      await em.flush();
      return need;
    });
  },

  accept(ctx: Context, input: { id: string; version: number; note?: string | null }) {
    const note = checked(ctx, (p) => optionalText(p, 'note', input.note, 1000));
    return take(ctx, input, {
      operation: 'acceptNeed',
      label: '受理',
      action: liaisonActions.routeNeed,
      from: [NeedStatus.SUBMITTED],
      routed: true,
      apply: async () => ({ to: NeedStatus.ACCEPTED, note }),
    });
  },

  reject(ctx: Context, input: { id: string; version: number; reason: string }) {
    const reason = checked(ctx, (p) => requiredText(p, 'reason', input.reason, 1000));
    return take(ctx, input, {
      operation: 'rejectNeed',
      label: '不予受理',
      action: liaisonActions.routeNeed,
      // The provincial bureau rejects a new need; the national bureau one it was sent.
      from: [NeedStatus.SUBMITTED, NeedStatus.FORWARDED],
      routed: true,
      apply: async (need) => {
        need.closedOn = ctx.clock.today();
        return { to: NeedStatus.REJECTED, note: reason };
      },
    });
  },

  /**
   * Assigns a need to a service organisation (L1, L4), to the enterprise's commissioner in office
   * today, or to a consulting session not yet started (L5); the organisation that answers for it
   * (the commissioner's team, the session's team) sees and resolves it.
   */
  assign(ctx: Context, input: AssignNeedInput) {
    const note = checked(ctx, (p) => {
      const given = [input.organizationId, input.dispatchId, input.consultingSessionId].filter((x) => x != null).length;
      if (given !== 1) p.add('organizationId', '服务机构、特派任务、问诊咨询场次三者填且只填一项');
      return optionalText(p, 'note', input.note, 1000);
    });
    const organizationId = input.organizationId != null ? expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') : null;
    const dispatchId = input.dispatchId != null ? expectGlobalId(input.dispatchId, 'CommissionerDispatch', 'dispatchId') : null;
    const sessionId = input.consultingSessionId != null ? expectGlobalId(input.consultingSessionId, 'ConsultingSession', 'consultingSessionId') : null;
    const today = ctx.clock.today();
    return take(ctx, input, {
      operation: 'assignNeed',
      label: '交办',
      action: liaisonActions.routeNeed,
      from: [NeedStatus.ACCEPTED, NeedStatus.FORWARDED, NeedStatus.REOPENED],
      routed: true,
      apply: async (need, em) => {
        let kind = NeedAssigneeKind.SERVICE_ORGANIZATION;
        let orgId = organizationId;
        need.dispatch = null;
        need.consultingSession = null;
        if (dispatchId) {
          const dispatch = await em.findOne(CommissionerDispatch, dispatchId);
          if (!dispatch || dispatch.enterprise.id !== need.enterprise.id) throw notFound('派驻该企业的特派任务', input.dispatchId!);
          if (dispatch.startsOn > today || dispatch.lastDay < today) {
            throw ruleViolation('L5', `该特派员的任期为 ${dispatch.startsOn} 至 ${dispatch.lastDay}，今日不在任`, { paragraph: PARAGRAPH, field: 'dispatchId' });
          }
          kind = NeedAssigneeKind.COMMISSIONER;
          orgId = dispatch.organization.id;
          need.dispatch = em.getReference(CommissionerDispatch, dispatch.id, { wrapped: true });
        } else if (sessionId) {
          // Read FOR SHARE: a cancellation of the session waits for this assignment, and this one sees a cancellation made.
          const session = await em.findOne(ConsultingSession, sessionId, { lockMode: LockMode.PESSIMISTIC_READ });
          if (!session) throw notFound('问诊咨询场次', input.consultingSessionId!);
          if (session.status !== ConsultingSessionStatus.SCHEDULED || session.startsAt <= ctx.clock.now()) {
            throw ruleViolation('L5', '只能交办尚未开始、未取消的问诊咨询场次', { paragraph: PARAGRAPH, field: 'consultingSessionId', sessionStatus: session.status });
          }
          // One the enterprise could book: its listing in force, serving the enterprise's jurisdiction.
          const selection = await em.findOneOrFail(SelectedServiceTeam, session.selection.id);
          const enterprise = await em.findOneOrFail(Enterprise, need.enterprise.id);
          const served = ctx.reference.regionCodes([session.regionCode], true);
          if (selection.revokedOn || !served.includes(enterprise.region.unwrap().code)) {
            throw ruleViolation('L5', selection.revokedOn ? '该场次的服务团队已被撤销入选，不能交办' : `该场次面向 ${session.regionCode} 辖区，企业无法预约`, { paragraph: PARAGRAPH, field: 'consultingSessionId' });
          }
          kind = NeedAssigneeKind.CONSULTING_SESSION;
          orgId = session.organization.id;
          need.consultingSession = em.getReference(ConsultingSession, session.id, { wrapped: true });
        }
        const organization = await em.findOne(ServiceOrganization, orgId!);
        if (!organization) throw notFound('服务机构', input.organizationId ?? orgId!);
        // L4 for all; L1 for an organisation the bureau picks (a commissioner or a session already serves the enterprise).
        assertAssignable(ctx, organization, 'organizationId', kind === NeedAssigneeKind.SERVICE_ORGANIZATION);
        need.assigneeKind = kind;
        need.organization = em.getReference(ServiceOrganization, organization.id, { wrapped: true });
        return { to: NeedStatus.ASSIGNED, note, organization };
      },
    });
  },

  forward(ctx: Context, input: { id: string; version: number; note: string }) {
    const note = checked(ctx, (p) => requiredText(p, 'note', input.note, 1000));
    return take(ctx, input, {
      operation: 'forwardNeed',
      label: '转国家局',
      action: liaisonActions.routeNeed,
      from: [NeedStatus.ACCEPTED, NeedStatus.REOPENED],
      routed: true,
      apply: async (need) => {
        // Checked on a need the viewer sees (an unknown one is NOT_FOUND first).
        if (isNational(ctx.viewer)) throw ruleViolation('L2', '转国家局是省局的办理方式', { paragraph: PARAGRAPH });
        need.level = NeedLevel.NATIONAL;
        need.assigneeKind = null;
        need.organization = null;
        need.dispatch = null;
        need.consultingSession = null;
        return { to: NeedStatus.FORWARDED, note };
      },
    });
  },

  resolve(ctx: Context, input: { id: string; version: number; resolution: string }) {
    const resolution = checked(ctx, (p) => requiredText(p, 'resolution', input.resolution, 5000));
    return take(ctx, input, {
      operation: 'resolveNeed',
      label: '办结',
      action: liaisonActions.resolveNeed,
      from: [NeedStatus.ASSIGNED],
      apply: async (need) => {
        const v = requireUser(ctx);
        need.resolution = resolution;
        need.resolvedAt = ctx.clock.now();
        need.resolvedBy = v.username;
        return { to: NeedStatus.RESOLVED, note: resolution };
      },
    });
  },

  close(ctx: Context, input: { id: string; version: number; note?: string | null }) {
    const note = checked(ctx, (p) => optionalText(p, 'note', input.note, 1000));
    return take(ctx, input, {
      operation: 'closeNeed',
      label: '确认办结',
      action: liaisonActions.submitNeed,
      from: [NeedStatus.RESOLVED],
      apply: async (need) => {
        need.closedOn = ctx.clock.today();
        return { to: NeedStatus.CLOSED, note };
      },
    });
  },

  reopen(ctx: Context, input: { id: string; version: number; reason: string }) {
    const reason = checked(ctx, (p) => requiredText(p, 'reason', input.reason, 1000));
    return take(ctx, input, {
      operation: 'reopenNeed',
      label: '重新打开',
      action: liaisonActions.submitNeed,
      from: [NeedStatus.RESOLVED],
      apply: async (need) => {
        if (need.reopenCount >= NEED_REOPEN_LIMIT) {
          throw ruleViolation('L3', `该需求已重新打开 ${need.reopenCount} 次，请确认办结后另行提出新的需求`, { paragraph: PARAGRAPH, limit: NEED_REOPEN_LIMIT });
        }
        need.reopenCount += 1;
        return { to: NeedStatus.REOPENED, note: reason };
      },
    });
  },

  /** Needs the viewer may see, newest first. */
  async list(ctx: Context, filter: EnterpriseNeedFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.readNeeds);
    const problems = new InputProblems();
    if (filter?.submittedFrom && filter.submittedTo && filter.submittedTo < filter.submittedFrom) problems.add('filter.submittedTo', '不能早于 submittedFrom');
    problems.throwIfAny();
    const where: (Sql | null)[] = [
      needVisibility(ctx.viewer, ctx.clock.today(), 'n'),
      ...recordFilter(ctx, 'n', filter),
      filter?.organizationId ? sql`n.organization_id = ${expectGlobalId(filter.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      filter?.statuses ? anyOf(sql`n.status`, filter.statuses) : null,
      filter?.open == null ? null : filter.open ? sql`n.status not in ('REJECTED', 'CLOSED')` : sql`n.status in ('REJECTED', 'CLOSED')`,
      filter?.categories ? anyOf(sql`n.category`, filter.categories) : null,
      filter?.urgencies ? anyOf(sql`n.urgency`, filter.urgencies) : null,
      filter?.level ? sql`n.level = ${filter.level}` : null,
      filter?.submittedFrom ? sql`n.submitted_on >= ${filter.submittedFrom}::date` : null,
      filter?.submittedTo ? sql`n.submitted_on <= ${filter.submittedTo}::date` : null,
    ];
    return newestFirst(ctx, EnterpriseNeed, 'n', where, args);
  },
};

/** Checks one input field (collecting its problem) before anything is read. */
/** The step's own input checks, once the viewer is known to be signed in (UNAUTHENTICATED comes first). */
function checked<T>(ctx: Context, check: (problems: InputProblems) => T): T {
  requireUser(ctx);
  const problems = new InputProblems();
  const value = check(problems);
  problems.throwIfAny();
  return value;
}

/**
 * Takes one step on a need: locked, visible to the viewer (else NOT_FOUND), the step's action on it
 * (else FORBIDDEN), its level for the bureaus (L2), one of the statuses it starts from and the
 * version the client saw (else CONFLICT); then the change, its event and its audit entry.
 */
async function take(ctx: Context, input: { id: string; version: number }, step: Step): Promise<EnterpriseNeed> {
  const v = requireUser(ctx);
  const id = expectGlobalId(input.id, 'EnterpriseNeed', 'id');
  return transaction(ctx.em, async (em) => {
    const need = await em.findOne(EnterpriseNeed, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const enterprise = need ? await em.findOneOrFail(Enterprise, need.enterprise.id) : null;
    const facts: NeedFacts | null = enterprise && need ? { ...recordFacts(enterprise), organizationId: need.organization?.id ?? null } : null;
    if (!need || !facts || !may(ctx.viewer, liaisonActions.readNeeds, facts)) throw notFound('需求', input.id);
    assertMay(ctx, step.action, facts);
    if (step.routed) assertRoutingLevel(ctx, need);
    if (!step.from.includes(need.status)) {
      const final = FINAL_NEED_STATUSES.includes(need.status);
      throw conflict(final ? '该需求已终结' : `需求当前为 ${need.status}，不能${step.label}`, { status: need.status, allowedFrom: step.from });
    }
    if (need.version !== input.version) throw conflict('需求已被他人办理，请刷新后重试', { field: 'version', currentVersion: need.version });
    const before = snapshot(need, NEED_FIELDS);
    const from = need.status;
    const { to, note, organization } = await step.apply(need, em);
    need.status = to;
    em.create(NeedEvent, { need: need.id, at: ctx.clock.now(), actor: v.username, actorRole: v.role, fromStatus: from, toStatus: to, note, organization: organization?.id ?? null });
    recordAudit(em, ctx, {
      operation: step.operation,
      objectType: 'EnterpriseNeed',
      objectId: need.id,
      jurisdiction: regionOf(enterprise!),
      changes: { ...changedFields(before, snapshot(need, NEED_FIELDS), NEED_FIELDS), ...(note ? { note: { before: null, after: note } } : {}) },
    });
    await em.flush();
    return need;
  });
}
