/**
 * IP commissioners [D 四(三)]: a bureau dispatches a member of a service team (SV2, SV3) to an
 * enterprise of its jurisdiction (the national bureau: any) for a term with a purpose. One person
 * serves at most `commissionerMaxEnterprises` enterprises on any one day (SV4, a programme setting):
 * every dispatch of a person is made under an advisory lock per person, so concurrent dispatches
 * are counted one after the other. A dispatch may be ended early by the bureau that made it; its
 * visits are service records (recordCommissionerVisit).
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay } from '../../common/policy.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { and, anyOf, query, sql, trusted, type Sql } from '../../common/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { lastDayOfYears } from '../designation/designation.rules.js';
import { Person } from '../person/person.entity.js';
import { personVisibility } from '../person/person.policy.js';
import { programmeService } from '../programme/programme.service.js';
import { bureauOf, dispatchVisibility, enterpriseRegionOf, serviceActions } from './service.policy.js';
import { activeServiceOrganization, factsOfRow, membershipCovering, PARAGRAPH, requiredText, visibleEnterprise } from './service.rules.js';
import { CommissionerDispatch } from './dispatch.entity.js';
import type { CommissionerDispatchFilter, DispatchCommissionerInput, EndCommissionerDispatchInput } from './dispatch.inputs.js';
import type { RecordCommissionerVisitInput } from './record.inputs.js';
import { checkContent, recordService } from './record.service.js';
import { ServiceRecord, ServiceType } from './service-record.entity.js';

/** The longest term of one dispatch. */
const TERM_YEARS = 3;

/** The status of dispatch alias `d` on `date` (the same rule as CommissionerDispatch.statusOn). */
export function dispatchStatus(d: string, date: string): Sql {
  const t = trusted(d);
  return sql`(case when ${t}.starts_on > ${date}::date then 'SCHEDULED' when coalesce(${t}.ended_on, ${t}.ends_on) >= ${date}::date then 'ACTIVE'
    when ${t}.ended_on is not null then 'ENDED_EARLY' else 'COMPLETED' end)`;
}

export const dispatchService = {
  async dispatch(ctx: Context, input: DispatchCommissionerInput): Promise<CommissionerDispatch> {
    assertMay(ctx, serviceActions.dispatch, undefined);
    const v = requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const orgId = expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId');
    const problems = new InputProblems();
    if (input.endsOn < input.startsOn) problems.add('endsOn', '不能早于任期开始');
    else if (input.endsOn > lastDayOfYears(input.startsOn, TERM_YEARS)) problems.add('endsOn', `任期最长 ${TERM_YEARS} 年`);
    const purpose = requiredText(problems, 'purpose', input.purpose, 2_000);
    problems.throwIfAny();
    const { commissionerMaxEnterprises: max } = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const enterprise = await visibleEnterprise(em, ctx, enterpriseId, input.enterpriseId);
      const regionCode = enterprise.region.unwrap().code;
      assertMay(ctx, serviceActions.dispatch, { regionCode });
      const visible = personVisibility(ctx.viewer, ctx.clock.today(), 'p');
      const person = (await query(em, sql`select 1 from person p where ${and(sql`p.id = ${personId}::uuid`, visible)}`)).length ? await em.findOne(Person, personId) : null;
      if (!person) throw notFound('人员', input.personId);
      const org = await activeServiceOrganization(em, orgId, input.organizationId, 'organizationId');
      // Every dispatch of this person, one transaction at a time (endOrganizationMembership takes the
      // same lock): the membership and the count below stay true until commit.
      await advisoryLock(em, `commissioner:${personId}`);
      if (!(await membershipCovering(em, orgId, personId, input.startsOn, input.endsOn))) {
        throw ruleViolation('SV3', `${person.name}不是“${org.name}”在整个任期（${input.startsOn} 至 ${input.endsOn}）内在任的成员，不能作为其特派员派出`, { paragraph: PARAGRAPH });
      }
      const overlapping = await query<{ enterprise_id: string; starts_on: string; last_day: string }>(
        em,
        sql`select d.enterprise_id, to_char(d.starts_on, 'YYYY-MM-DD') as starts_on, to_char(coalesce(d.ended_on, d.ends_on), 'YYYY-MM-DD') as last_day
              from commissioner_dispatch d
             where d.person_id = ${personId}::uuid and d.starts_on <= ${input.endsOn}::date and coalesce(d.ended_on, d.ends_on) >= ${input.startsOn}::date`,
      );
      if (overlapping.some((d) => d.enterprise_id === enterpriseId)) throw conflict('该人员在这一期间已派驻该企业（任期重叠）', { field: 'startsOn' });
      // SV4: the most enterprises served on any one day of the new term (a change happens only on a start day).
      const days = [input.startsOn, ...overlapping.map((d) => d.starts_on).filter((d) => d > input.startsOn)];
      const peak = Math.max(0, ...days.map((day) => overlapping.filter((d) => d.starts_on <= day && d.last_day >= day).length));
      if (peak + 1 > max) {
        throw ruleViolation('SV4', `${person.name}在该任期内已同时服务 ${peak} 家企业，一名特派员同时服务的企业不超过 ${max} 家（规则设置 commissionerMaxEnterprises）`, { paragraph: PARAGRAPH, max, concurrent: peak });
      }
      const d = em.create(CommissionerDispatch, { person: personId, organization: orgId, enterprise: enterpriseId, bureauCode: bureauOf(ctx.viewer)!, purpose, startsOn: input.startsOn, endsOn: input.endsOn, dispatchedBy: v.username });
      recordAudit(em, ctx, { operation: 'dispatchCommissioner', objectType: 'CommissionerDispatch', objectId: d.id, jurisdiction: regionCode, changes: { commissioner: { before: null, after: person.name }, organization: { before: null, after: org.name }, term: { before: null, after: `${input.startsOn}–${input.endsOn}` }, purpose: { before: null, after: purpose } } });
      await em.flush();
      return d;
    });
  },

  async end(ctx: Context, input: EndCommissionerDispatchInput): Promise<CommissionerDispatch> {
    assertMay(ctx, serviceActions.endDispatch, undefined);
    const id = expectGlobalId(input.id, 'CommissionerDispatch', 'id');
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const d = await em.findOne(CommissionerDispatch, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const seen = d && (await query(em, sql`select 1 from commissioner_dispatch v where ${and(sql`v.id = ${id}::uuid`, dispatchVisibility(ctx.viewer, ctx.clock.today(), 'v'))}`)).length > 0;
      if (!d || !seen) throw notFound('特派任务', input.id);
      assertMay(ctx, serviceActions.endDispatch, { bureauCode: d.bureauCode });
      if (d.version !== input.version) throw conflict('特派任务已被修改，请刷新后重试', { field: 'version', currentVersion: d.version });
      if (d.endedOn) throw conflict('该派驻已提前结束', { endedOn: d.endedOn });
      if (input.lastDay < d.startsOn) throw badInput('lastDay', '不能早于任期开始');
      if (input.lastDay >= d.endsOn) throw badInput('lastDay', '应早于任期结束（任期届满无须办理）');
      const [visit] = await query<{ last: string | null }>(em, sql`select to_char(max(r.served_on), 'YYYY-MM-DD') as last from service_record r where r.dispatch_id = ${d.id}::uuid and r.status = 'RECORDED'`);
      if (visit?.last && input.lastDay < visit.last) throw badInput('lastDay', `不能早于最近一次走访（${visit.last}）`);
      d.endedOn = input.lastDay;
      d.endReason = reason;
      const facts = await factsOfRow(em, d);
      recordAudit(em, ctx, { operation: 'endCommissionerDispatch', objectType: 'CommissionerDispatch', objectId: d.id, jurisdiction: facts.regionCode, changes: { lastDay: { before: d.endsOn, after: input.lastDay }, reason: { before: null, after: reason } } });
      await flushOrConflict(em, { stale: () => conflict('特派任务已被修改，请刷新后重试', { field: 'version' }) });
      return d;
    });
  },

  /** A commissioner's visit: a COMMISSIONER_VISIT service record under the dispatch, delivered by the commissioner. */
  async recordVisit(ctx: Context, input: RecordCommissionerVisitInput): Promise<{ record: ServiceRecord; dispatch: CommissionerDispatch }> {
    assertMay(ctx, serviceActions.recordVisit, undefined);
    const id = expectGlobalId(input.dispatchId, 'CommissionerDispatch', 'dispatchId');
    const problems = new InputProblems();
    const { summary, outcome } = checkContent(ctx, problems, { servedOn: input.visitedOn, hours: input.hours, summary: input.summary, outcome: input.outcome }, { servedOn: 'visitedOn' });
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const seen = (await query(em, sql`select 1 from commissioner_dispatch v where ${and(sql`v.id = ${id}::uuid`, dispatchVisibility(ctx.viewer, ctx.clock.today(), 'v'))}`)).length > 0;
      const dispatch = seen ? await em.findOne(CommissionerDispatch, id) : null;
      if (!dispatch) throw notFound('特派任务', input.dispatchId);
      assertMay(ctx, serviceActions.recordVisit, { organizationId: dispatch.organization.id, bureauCode: dispatch.bureauCode });
      if (input.visitedOn < dispatch.startsOn || input.visitedOn > dispatch.lastDay) throw badInput('visitedOn', `不在特派任期内（${dispatch.startsOn} 至 ${dispatch.lastDay}）`);
      const spec = {
        enterpriseId: dispatch.enterprise.id,
        organizationId: dispatch.organization.id,
        type: ServiceType.COMMISSIONER_VISIT,
        servedOn: input.visitedOn,
        hours: input.hours,
        summary: summary!,
        outcome: outcome ?? null,
        deliveredBy: [dispatch.person.id],
        attachmentIds: input.attachmentIds ?? [],
        stationId: null,
        dispatchId: dispatch.id,
      };
      const record = await recordService.create(em, ctx, spec, { enterpriseId: dispatch.enterprise.id, organizationId: dispatch.organization.id }, 'recordCommissionerVisit');
      await em.flush();
      return { record, dispatch };
    });
  },

  /** The dispatches the viewer sees, latest start first. */
  list(ctx: Context, filter: CommissionerDispatchFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const today = ctx.clock.today();
    const id = (value: string | null | undefined, type: string, field: string) => (value ? expectGlobalId(value, type, `filter.${field}`) : null);
    const enterpriseId = id(f.enterpriseId, 'Enterprise', 'enterpriseId');
    const organizationId = id(f.organizationId, 'ServiceOrganization', 'organizationId');
    const personId = id(f.personId, 'Person', 'personId');
    if (f.activeFrom && f.activeTo && f.activeTo < f.activeFrom) throw badInput('filter.activeTo', '不能早于 activeFrom');
    const where: (Sql | null)[] = [
      f.regionCodes ? anyOf(enterpriseRegionOf('d'), ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions)) : null,
      enterpriseId ? sql`d.enterprise_id = ${enterpriseId}::uuid` : null,
      organizationId ? sql`d.organization_id = ${organizationId}::uuid` : null,
      personId ? sql`d.person_id = ${personId}::uuid` : null,
      f.statuses ? anyOf(dispatchStatus('d', today), f.statuses) : null,
      f.activeFrom ? sql`coalesce(d.ended_on, d.ends_on) >= ${f.activeFrom}::date` : null,
      f.activeTo ? sql`d.starts_on <= ${f.activeTo}::date` : null,
      dispatchVisibility(ctx.viewer, today, 'd'),
    ];
    return keysetPage<CommissionerDispatch>({
      query: filteredQuery(ctx.em, CommissionerDispatch, 'd', where),
      args,
      limits: ctx.config,
      orderKey: 'STARTS_ON:DESC',
      ascending: false,
      column: 'd.starts_on',
      idColumn: 'd.id',
      cast: 'date',
      property: 'startsOn',
      value: (d) => d.startsOn,
      valueOk: (x) => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x),
    });
  },
};
