/**
 * Service records [D 四(三), A 四(二)]: every service delivered to an enterprise, recorded by the
 * provider organisation's users (for their own organisation), the bureau of the enterprise's
 * jurisdiction or the national bureau; a record under a commissioner's dispatch by the commissioner's
 * organisation or the dispatching bureau. Records are corrected (updateServiceRecord) or voided with
 * a reason, never deleted; voided ones are left out of the lists unless asked for.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId, tryGlobalId } from '../../common/node.js';
import { assertMay } from '../../common/policy.js';
import { transaction } from '../../common/transaction.js';
import { organizationOf, requireUser } from '../../common/viewer.policy.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { and, anyOf, query, sql, type Sql } from '../../common/sql.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { enterpriseVisibility } from '../enterprise/enterprise.policy.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { enterpriseRegionOf, recordVisibility, serviceActions, type ServiceFacts } from './service.policy.js';
import { attachments, factsOfRow, optionalText, requiredText } from './service.rules.js';
import { ServiceRecord, ServiceRecordStatus, ServiceType } from './service-record.entity.js';
import { ServiceStation, StationStatus } from './station.entity.js';
import { CommissionerDispatch } from './dispatch.entity.js';
import { nestedFilter, recordConditions } from './record.filters.js';
import type { RecordServiceInput, ServiceRecordFilter, UpdateServiceRecordInput, VoidServiceRecordInput } from './record.inputs.js';

const FIELDS = ['type', 'servedOn', 'hours', 'summary', 'outcome', 'deliveredBy', 'attachmentIds', 'status', 'voidReason'] as const;
const DELIVERERS_MAX = 20;

/** What a record is made of, checked (ids decoded). */
export interface RecordSpec {
  enterpriseId: string;
  organizationId: string;
  type: ServiceType;
  servedOn: string;
  hours: number;
  summary: string;
  outcome: string | null;
  deliveredBy: string[];
  attachmentIds: string[];
  stationId: string | null;
  dispatchId: string | null;
}

/** The checks of the record's own fields (dates, hours, texts); problems collected. */
export function checkContent(ctx: Context, problems: InputProblems, input: { servedOn?: string | null; hours?: number | null; summary?: string | null; outcome?: string | null }, field = { servedOn: 'servedOn' }) {
  if (input.servedOn != null && input.servedOn > ctx.clock.today()) problems.add(field.servedOn, '不能晚于今日');
  if (input.hours != null && (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 1000 || Math.round(input.hours * 100) !== input.hours * 100)) problems.add('hours', '应大于 0、不超过 1000，至多两位小数');
  return {
    summary: input.summary === undefined ? undefined : requiredText(problems, 'summary', input.summary, 10_000),
    outcome: input.outcome === undefined ? undefined : optionalText(problems, 'outcome', input.outcome, 10_000),
  };
}

/** Person ids of `globalIds` (deduplicated), BAD_USER_INPUT on a malformed one. */
export function personIds(problems: InputProblems, globalIds: readonly string[] | null | undefined, field = 'deliveredByIds'): string[] {
  const list = globalIds ?? [];
  if (list.length > DELIVERERS_MAX) problems.add(field, `最多 ${DELIVERERS_MAX} 人`);
  return [
    ...new Set(
      list.map((id, i) => {
        const key = tryGlobalId(id, 'Person');
        if (!key) problems.add(`${field}.${i}`, '不是有效的人员 ID');
        return key ?? '';
      }),
    ),
  ];
}

/** Whether a provider organisation may record services for the enterprise: a public-directory enterprise, or one it serves at a station or by a commissioner. */
async function providerReaches(em: EntityManager, ctx: Context, orgId: string, enterpriseId: string): Promise<boolean> {
  const pub = enterpriseVisibility(ctx.viewer, ctx.clock.today(), 'e');
  const [row] = await query(
    em,
    sql`select 1 from enterprise e where e.id = ${enterpriseId}::uuid and (${pub ?? sql`true`}
          or exists (select 1 from service_station s where s.enterprise_id = e.id and s.organization_id = ${orgId}::uuid)
          or exists (select 1 from commissioner_dispatch d where d.enterprise_id = e.id and d.organization_id = ${orgId}::uuid))`,
  );
  return !!row;
}

/** The links and people of a record, checked against its enterprise, organisation and date. */
async function checkLinks(em: EntityManager, ctx: Context, spec: RecordSpec, problems: InputProblems): Promise<CommissionerDispatch | null> {
  if (spec.type === ServiceType.STATION_WORK && !spec.stationId) problems.add('stationId', '服务站工作须关联服务站');
  if (spec.type === ServiceType.COMMISSIONER_VISIT && !spec.dispatchId) problems.add('dispatchId', '特派员走访须关联特派任务');
  if (spec.stationId) {
    const s = await em.findOne(ServiceStation, spec.stationId);
    if (!s || s.enterprise.id !== spec.enterpriseId || s.organization?.id !== spec.organizationId) problems.add('stationId', '不是该机构在该企业承担的服务站');
    else if (![StationStatus.OPEN, StationStatus.CLOSED].includes(s.status) || !s.openedOn || spec.servedOn < s.openedOn || (s.closedOn && spec.servedOn >= s.closedOn)) problems.add('servedOn', '不在该服务站的运行期内');
  }
  let dispatch: CommissionerDispatch | null = null;
  if (spec.dispatchId) {
    dispatch = await em.findOne(CommissionerDispatch, spec.dispatchId);
    if (!dispatch || dispatch.enterprise.id !== spec.enterpriseId || dispatch.organization.id !== spec.organizationId) problems.add('dispatchId', '不是该机构成员派往该企业的特派任务');
    else {
      if (spec.servedOn < dispatch.startsOn || spec.servedOn > dispatch.lastDay) problems.add('servedOn', `不在特派任期内（${dispatch.startsOn} 至 ${dispatch.lastDay}）`);
      assertMay(ctx, serviceActions.recordVisit, { organizationId: dispatch.organization.id, bureauCode: dispatch.bureauCode });
    }
  }
  if (spec.deliveredBy.length) {
    const members = await query<{ person_id: string }>(
      em,
      sql`select m.person_id from organization_member m where ${and(
        sql`m.organization_id = ${spec.organizationId}::uuid`,
        anyOf(sql`m.person_id`, spec.deliveredBy),
        sql`m.starts_on <= ${spec.servedOn}::date and coalesce(m.ended_on, m.ends_on, ${spec.servedOn}::date) >= ${spec.servedOn}::date`,
      )}`,
    );
    spec.deliveredBy.forEach((id, i) => {
      if (!members.some((m) => m.person_id === id)) problems.add(`deliveredByIds.${i}`, '不是该机构在服务当日在任的成员');
    });
  }
  problems.throwIfAny();
  return dispatch;
}

export const recordService = {
  /**
   * Creates a record inside the caller's transaction: the enterprise (visible to the viewer, or for a
   * provider reached by it), the organisation, the write scope, links, people and attachments.
   */
  async create(em: EntityManager, ctx: Context, spec: RecordSpec, globalIds: { enterpriseId: string; organizationId: string }, operation = 'recordService'): Promise<ServiceRecord> {
    const v = requireUser(ctx);
    const enterprise = await em.findOne(Enterprise, spec.enterpriseId);
    const reached = enterprise && (organizationOf(ctx.viewer) ? await providerReaches(em, ctx, spec.organizationId, enterprise.id) : (await query(em, sql`select 1 from enterprise e where ${and(sql`e.id = ${enterprise.id}::uuid`, enterpriseVisibility(ctx.viewer, ctx.clock.today(), 'e'))}`)).length > 0);
    if (!enterprise || !reached) throw notFound('企业', globalIds.enterpriseId);
    const org = await em.findOne(ServiceOrganization, spec.organizationId);
    if (!org) throw notFound('服务机构', globalIds.organizationId);
    const facts: ServiceFacts = { enterpriseId: enterprise.id, regionCode: enterprise.region.unwrap().code, organizationId: org.id };
    assertMay(ctx, serviceActions.writeRecord, facts);
    const problems = new InputProblems();
    await checkLinks(em, ctx, spec, problems);
    spec.attachmentIds = await attachments(em, ctx, spec.attachmentIds, { enterpriseId: enterprise.id, organizationId: org.id });
    const { enterpriseId, organizationId, stationId, dispatchId, ...content } = spec;
    const r = em.create(ServiceRecord, { ...content, enterprise: enterpriseId, organization: organizationId, station: stationId, dispatch: dispatchId, recordedBy: v.username, recorderRole: v.role });
    recordAudit(em, ctx, { operation, objectType: 'ServiceRecord', objectId: r.id, jurisdiction: facts.regionCode, changes: { ...changedFields(null, snapshot(r, FIELDS), FIELDS), organization: { before: null, after: org.name } } });
    return r;
  },

  async record(ctx: Context, input: RecordServiceInput): Promise<ServiceRecord> {
    assertMay(ctx, serviceActions.writeRecord, undefined);
    const problems = new InputProblems();
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    const orgGlobal = input.organizationId ?? null;
    const organizationId = orgGlobal ? expectGlobalId(orgGlobal, 'ServiceOrganization', 'organizationId') : organizationOf(ctx.viewer);
    if (!organizationId) problems.add('organizationId', '须指明提供服务的机构');
    const { summary, outcome } = checkContent(ctx, problems, input);
    const deliveredBy = personIds(problems, input.deliveredByIds);
    const stationId = input.stationId ? expectGlobalId(input.stationId, 'ServiceStation', 'stationId') : null;
    const dispatchId = input.dispatchId ? expectGlobalId(input.dispatchId, 'CommissionerDispatch', 'dispatchId') : null;
    problems.throwIfAny();
    const spec: RecordSpec = { enterpriseId, organizationId: organizationId!, type: input.type, servedOn: input.servedOn, hours: input.hours, summary: summary!, outcome: outcome ?? null, deliveredBy, attachmentIds: input.attachmentIds ?? [], stationId, dispatchId };
    return transaction(ctx.em, async (em) => {
      const r = await recordService.create(em, ctx, spec, { enterpriseId: input.enterpriseId, organizationId: orgGlobal ?? organizationId! });
      await em.flush();
      return r;
    });
  },

  /** Loads a record for a change: visible (else NOT_FOUND), in the viewer's write scope, current, at `version`. */
  async forChange(em: EntityManager, ctx: Context, globalId: string, version: number): Promise<{ r: ServiceRecord; facts: ServiceFacts }> {
    const id = expectGlobalId(globalId, 'ServiceRecord', 'id');
    const r = await em.findOne(ServiceRecord, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const seen = r && (await query(em, sql`select 1 from service_record v where ${and(sql`v.id = ${id}::uuid`, recordVisibility(ctx.viewer, ctx.clock.today(), 'v'))}`)).length > 0;
    if (!r || !seen) throw notFound('服务记录', globalId);
    const facts = await factsOfRow(em, r);
    assertMay(ctx, serviceActions.writeRecord, facts);
    if (r.dispatch) {
      const d = await em.findOneOrFail(CommissionerDispatch, r.dispatch.id);
      assertMay(ctx, serviceActions.recordVisit, { organizationId: d.organization.id, bureauCode: d.bureauCode });
    }
    if (r.version !== version) throw conflict('服务记录已被修改，请刷新后重试', { field: 'version', currentVersion: r.version });
    if (r.status !== ServiceRecordStatus.RECORDED) throw conflict('该服务记录已作废', { status: r.status });
    return { r, facts };
  },

  async update(ctx: Context, input: UpdateServiceRecordInput): Promise<ServiceRecord> {
    assertMay(ctx, serviceActions.writeRecord, undefined);
    const problems = new InputProblems();
    if (input.type === null) problems.add('type', '不能清空');
    if (input.servedOn === null) problems.add('servedOn', '不能清空');
    if (input.hours === null) problems.add('hours', '不能清空');
    const { summary, outcome } = checkContent(ctx, problems, input);
    const deliveredBy = input.deliveredByIds === undefined ? undefined : personIds(problems, input.deliveredByIds);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const { r, facts } = await recordService.forChange(em, ctx, input.id, input.version);
      const before = snapshot(r, FIELDS);
      const spec: RecordSpec = {
        enterpriseId: r.enterprise.id,
        organizationId: r.organization.id,
        type: input.type ?? r.type,
        servedOn: input.servedOn ?? r.servedOn,
        hours: input.hours ?? r.hours,
        summary: summary ?? r.summary,
        outcome: outcome !== undefined ? outcome : (r.outcome ?? null),
        deliveredBy: deliveredBy ?? r.deliveredBy,
        attachmentIds: r.attachmentIds,
        stationId: r.station?.id ?? null,
        dispatchId: r.dispatch?.id ?? null,
      };
      await checkLinks(em, ctx, spec, new InputProblems());
      if (input.attachmentIds != null) spec.attachmentIds = await attachments(em, ctx, input.attachmentIds, { enterpriseId: r.enterprise.id, organizationId: r.organization.id });
      Object.assign(r, { type: spec.type, servedOn: spec.servedOn, hours: spec.hours, summary: spec.summary, outcome: spec.outcome, deliveredBy: spec.deliveredBy, attachmentIds: spec.attachmentIds });
      recordAudit(em, ctx, { operation: 'updateServiceRecord', objectType: 'ServiceRecord', objectId: r.id, jurisdiction: facts.regionCode, changes: changedFields(before, snapshot(r, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('服务记录已被修改，请刷新后重试', { field: 'version' }) });
      return r;
    });
  },

  async void(ctx: Context, input: VoidServiceRecordInput): Promise<ServiceRecord> {
    assertMay(ctx, serviceActions.writeRecord, undefined);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const { r, facts } = await recordService.forChange(em, ctx, input.id, input.version);
      const before = snapshot(r, FIELDS);
      r.status = ServiceRecordStatus.VOIDED;
      r.voidReason = reason;
      recordAudit(em, ctx, { operation: 'voidServiceRecord', objectType: 'ServiceRecord', objectId: r.id, jurisdiction: facts.regionCode, changes: changedFields(before, snapshot(r, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('服务记录已被修改，请刷新后重试', { field: 'version' }) });
      return r;
    });
  },

  /** The records the viewer sees, newest service first. */
  list(ctx: Context, filter: ServiceRecordFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const id = (value: string | null | undefined, type: string, field: string) => (value ? expectGlobalId(value, type, `filter.${field}`) : null);
    const enterpriseId = id(f.enterpriseId, 'Enterprise', 'enterpriseId');
    const organizationId = id(f.organizationId, 'ServiceOrganization', 'organizationId');
    const stationId = id(f.stationId, 'ServiceStation', 'stationId');
    const dispatchId = id(f.dispatchId, 'CommissionerDispatch', 'dispatchId');
    if (f.servedFrom && f.servedTo && f.servedTo < f.servedFrom) throw badInput('filter.servedTo', '不能早于 servedFrom');
    const where: (Sql | null)[] = [
      ...recordConditions(nestedFilter(f), 'r'),
      f.regionCodes ? anyOf(enterpriseRegionOf('r'), ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions)) : null,
      enterpriseId ? sql`r.enterprise_id = ${enterpriseId}::uuid` : null,
      organizationId ? sql`r.organization_id = ${organizationId}::uuid` : null,
      stationId ? sql`r.station_id = ${stationId}::uuid` : null,
      dispatchId ? sql`r.dispatch_id = ${dispatchId}::uuid` : null,
      recordVisibility(ctx.viewer, ctx.clock.today(), 'r'),
    ];
    return keysetPage<ServiceRecord>({
      query: filteredQuery(ctx.em, ServiceRecord, 'r', where),
      args,
      limits: ctx.config,
      orderKey: 'SERVED_ON:DESC',
      ascending: false,
      column: 'r.served_on',
      idColumn: 'r.id',
      cast: 'date',
      property: 'servedOn',
      value: (r) => r.servedOn,
      valueOk: (x) => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x),
    });
  },
};
