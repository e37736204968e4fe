/**
 * Service stations at demonstration enterprises [D 四(三)]: requested by the enterprise (SV1: a
 * current demonstration enterprise), approved with a named team (SV2: ACTIVE) or rejected with a
 * reason by the bureau of its jurisdiction, opened on a date (SV1 again on that day) and closed with
 * a date and a reason. At most one requested, approved or open station per enterprise: the partial
 * unique index service_station_open_unique, also under concurrency (CONFLICT).
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay, may, type Action } from '../../common/policy.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { and, anyOf, query, sql, type Sql } from '../../common/sql.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { enterpriseRegionOf, serviceActions, stationVisibility, type ServiceFacts } from './service.policy.js';
import { activeServiceOrganization, assertDemonstration, factsOfRow, optionalText, requiredText, visibleEnterprise } from './service.rules.js';
import { HELD_STATUSES, ServiceStation, StationStatus } from './station.entity.js';
import type {
  ApproveServiceStationInput,
  CloseServiceStationInput,
  OpenServiceStationInput,
  RejectServiceStationInput,
  RequestServiceStationInput,
  ServiceStationFilter,
  WithdrawServiceStationRequestInput,
} from './station.inputs.js';

const FIELDS = ['status', 'requestNote', 'organization', 'decidedOn', 'decisionNote', 'openedOn', 'closedOn', 'closeReason'] as const;
const DUPLICATE = '该企业已有待审核、已同意或运行中的服务站';

/**
 * Loads the station for a step (locked), answering NOT_FOUND when the viewer does not see it, and
 * the action's refusal when it sees it but may not take the step; checks the version.
 */
async function stationFor(em: EntityManager, ctx: Context, globalId: string, version: number, act: Action<ServiceFacts>): Promise<{ s: ServiceStation; facts: ServiceFacts }> {
  const id = expectGlobalId(globalId, 'ServiceStation', 'id');
  const s = await em.findOne(ServiceStation, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const seen = s && (await query(em, sql`select 1 from service_station v where ${and(sql`v.id = ${id}::uuid`, stationVisibility(ctx.viewer, ctx.clock.today(), 'v'))}`)).length > 0;
  if (!s || !seen) throw notFound('服务站', globalId);
  const facts = await factsOfRow(em, s);
  assertMay(ctx, act, facts);
  if (s.version !== version) throw conflict('服务站已被修改，请刷新后重试', { field: 'version', currentVersion: s.version });
  return { s, facts };
}

function audit(em: EntityManager, ctx: Context, operation: string, s: ServiceStation, facts: ServiceFacts, before: Record<string, unknown> | null, extra: Record<string, { before: unknown; after: unknown }> = {}) {
  recordAudit(em, ctx, { operation, objectType: 'ServiceStation', objectId: s.id, jurisdiction: facts.regionCode, changes: { ...changedFields(before, snapshot(s, FIELDS), FIELDS), ...extra } });
}

function expectStatus(s: ServiceStation, allowed: StationStatus[], step: string): void {
  if (!allowed.includes(s.status)) throw conflict(`该服务站当前状态为 ${s.status}，不能${step}`, { status: s.status });
}

export const stationService = {
  async request(ctx: Context, input: RequestServiceStationInput): Promise<ServiceStation> {
    const v = requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    assertMay(ctx, serviceActions.requestStation, { enterpriseId });
    const problems = new InputProblems();
    const note = requiredText(problems, 'note', input.note, 2_000);
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const enterprise = await visibleEnterprise(em, ctx, enterpriseId, input.enterpriseId);
      await assertDemonstration(em, enterprise.id, today, '申请设立知识产权服务站');
      if (await em.count(ServiceStation, { enterprise: enterpriseId, status: { $in: [...HELD_STATUSES] } })) throw conflict(DUPLICATE);
      const s = em.create(ServiceStation, { enterprise: enterpriseId, requestedOn: today, requestNote: note, requestedBy: v.username });
      audit(em, ctx, 'requestServiceStation', s, { enterpriseId, regionCode: enterprise.region.unwrap().code }, null);
      // The count above answers the ordinary case; the partial unique index holds it under concurrency.
      await flushOrConflict(em, { duplicate: () => conflict(DUPLICATE) });
      return s;
    });
  },

  async withdraw(ctx: Context, input: WithdrawServiceStationRequestInput): Promise<ServiceStation> {
    requireUser(ctx);
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await stationFor(em, ctx, input.id, input.version, serviceActions.requestStation);
      expectStatus(s, [StationStatus.REQUESTED], '撤回（只有待审核的申请可以撤回）');
      const before = snapshot(s, FIELDS);
      s.status = StationStatus.WITHDRAWN;
      audit(em, ctx, 'withdrawServiceStationRequest', s, facts, before);
      await flushOrConflict(em, { stale: () => conflict('服务站已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async approve(ctx: Context, input: ApproveServiceStationInput): Promise<ServiceStation> {
    assertMay(ctx, serviceActions.decideStation, undefined);
    const v = requireUser(ctx);
    const orgId = expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId');
    const problems = new InputProblems();
    const note = optionalText(problems, 'note', input.note, 2_000);
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await stationFor(em, ctx, input.id, input.version, serviceActions.decideStation);
      expectStatus(s, [StationStatus.REQUESTED], '审核（已审核过）');
      await assertDemonstration(em, s.enterprise.id, today, '设立知识产权服务站');
      const team = await activeServiceOrganization(em, orgId, input.organizationId, 'organizationId');
      const before = snapshot(s, FIELDS);
      s.status = StationStatus.APPROVED;
      s.organization = team as never;
      s.decidedOn = today;
      s.decidedBy = v.username;
      s.decisionNote = note;
      audit(em, ctx, 'approveServiceStation', s, facts, before, { team: { before: null, after: team.name } });
      await flushOrConflict(em, { stale: () => conflict('服务站已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async reject(ctx: Context, input: RejectServiceStationInput): Promise<ServiceStation> {
    assertMay(ctx, serviceActions.decideStation, undefined);
    const v = requireUser(ctx);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await stationFor(em, ctx, input.id, input.version, serviceActions.decideStation);
      expectStatus(s, [StationStatus.REQUESTED], '审核（已审核过）');
      const before = snapshot(s, FIELDS);
      s.status = StationStatus.REJECTED;
      s.decidedOn = ctx.clock.today();
      s.decidedBy = v.username;
      s.decisionNote = reason;
      audit(em, ctx, 'rejectServiceStation', s, facts, before);
      await flushOrConflict(em, { stale: () => conflict('服务站已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async open(ctx: Context, input: OpenServiceStationInput): Promise<ServiceStation> {
    requireUser(ctx);
    const today = ctx.clock.today();
    if (input.openedOn > today) throw badInput('openedOn', '不能晚于今日');
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await stationFor(em, ctx, input.id, input.version, serviceActions.openStation);
      expectStatus(s, [StationStatus.APPROVED], '建站（须先经省局同意）');
      if (input.openedOn < s.decidedOn!) throw badInput('openedOn', '不能早于省局同意之日');
      await assertDemonstration(em, s.enterprise.id, input.openedOn, '建站');
      await assertDemonstration(em, s.enterprise.id, today, '建站');
      await activeServiceOrganization(em, s.organization!.id, s.organization!.id, 'organizationId');
      const before = snapshot(s, FIELDS);
      s.status = StationStatus.OPEN;
      s.openedOn = input.openedOn;
      audit(em, ctx, 'openServiceStation', s, facts, before);
      await flushOrConflict(em, { stale: () => conflict('服务站已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  async close(ctx: Context, input: CloseServiceStationInput): Promise<ServiceStation> {
    requireUser(ctx);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    if (input.closedOn > ctx.clock.today()) problems.add('closedOn', '不能晚于今日');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await stationFor(em, ctx, input.id, input.version, serviceActions.closeStation);
      expectStatus(s, [StationStatus.APPROVED, StationStatus.OPEN], '撤站（只有已同意或运行中的可以撤站）');
      const from = s.openedOn ?? s.decidedOn!;
      if (input.closedOn < from) throw badInput('closedOn', s.openedOn ? '不能早于建站日期' : '不能早于省局同意之日');
      const before = snapshot(s, FIELDS);
      s.status = StationStatus.CLOSED;
      s.closedOn = input.closedOn;
      s.closeReason = reason;
      audit(em, ctx, 'closeServiceStation', s, facts, before);
      await flushOrConflict(em, { stale: () => conflict('服务站已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  /** The stations the viewer sees (the public: open ones), newest request first. */
  list(ctx: Context, filter: ServiceStationFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const where: (Sql | null)[] = [
      f.regionCodes ? anyOf(enterpriseRegionOf('s'), ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions)) : null,
      f.enterpriseId ? sql`s.enterprise_id = ${expectGlobalId(f.enterpriseId, 'Enterprise', 'filter.enterpriseId')}::uuid` : null,
      f.organizationId ? sql`s.organization_id = ${expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      f.statuses ? anyOf(sql`s.status`, f.statuses) : null,
      f.openOn ? sql`s.opened_on <= ${f.openOn}::date and (s.closed_on is null or s.closed_on > ${f.openOn}::date)` : null,
      f.openedFrom ? sql`s.opened_on >= ${f.openedFrom}::date` : null,
      f.openedTo ? sql`s.opened_on <= ${f.openedTo}::date` : null,
      f.requestedFrom ? sql`s.requested_on >= ${f.requestedFrom}::date` : null,
      f.requestedTo ? sql`s.requested_on <= ${f.requestedTo}::date` : null,
      stationVisibility(ctx.viewer, ctx.clock.today(), 's'),
    ];
    return keysetPage<ServiceStation>({
      query: filteredQuery(ctx.em, ServiceStation, 's', where),
      args,
      limits: ctx.config,
      orderKey: 'CREATED_AT:DESC',
      ascending: false,
      column: 's.created_at',
      idColumn: 's.id',
      cast: 'timestamptz',
      property: 'createdAt',
      value: (s) => s.createdAt.toISOString(),
      valueOk: (x) => typeof x === 'string' && !Number.isNaN(Date.parse(x)),
    });
  },

  /** Whether the viewer may read the station's record (notes, decisions, history). */
  mayReadRecord(ctx: Context, facts: ServiceFacts): boolean {
    return may(ctx.viewer, serviceActions.readStationRecord, facts);
  },
};
