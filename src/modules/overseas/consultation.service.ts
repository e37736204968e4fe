/**
 * Expert consulting abroad [D 四(二)四] (docs/overseas.md): an enterprise asks (overseas layout,
 * rights protection, legal service at an exhibition); the national bureau or a workstation covering
 * one of the countries matches it with an expert of the talent pools and/or a service organisation,
 * ranked by how many of the topic's specialties they have; the matched expert or organisation answers.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { enterpriseOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOfGiven, query, sql, trusted } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { Person, Specialty } from '../person/person.entity.js';
import { PoolMembership, PUBLIC_POOLS, MembershipStatus } from '../talent/pool-membership.entity.js';
import { directoryEntry } from '../talent/expert-directory.js';
import { titleOn } from '../designation/designation.rules.js';
import { newestFirst, optionalText, regionOf, requiredText } from '../liaison/liaison.common.js';
import { ConsultingStatus, ConsultingTopic, OverseasConsultation } from './consultation.entity.js';
import { ConsultingCandidate } from './consultation.inputs.js';
import type { AnswerOverseasConsultingInput, CancelOverseasConsultingInput, MatchOverseasConsultingInput, OverseasConsultationFilter, RequestOverseasConsultingInput } from './consultation.inputs.js';
import { consultationVisibility, overseasActions } from './overseas.policy.js';
import { poolExpert } from './overseas.rules.js';
import { r20 } from './case.rules.js';
import { isCountry } from './workstation.service.js';

/** The specialties that answer each topic, the most specific first. */
export const TOPIC_SPECIALTIES: Readonly<Record<ConsultingTopic, readonly Specialty[]>> = {
  LAYOUT: [Specialty.OVERSEAS_PROTECTION, Specialty.PATENT_ANALYSIS_NAVIGATION, Specialty.STRATEGY],
  RIGHTS_PROTECTION: [Specialty.OVERSEAS_PROTECTION, Specialty.LITIGATION],
  EXHIBITION_LEGAL: [Specialty.OVERSEAS_PROTECTION, Specialty.LITIGATION, Specialty.TRADEMARKS_COPYRIGHT],
};

const stale = () => conflict('咨询请求已被修改，请刷新后重试', { field: 'version' });

/** A request the viewer may see, row-locked for a write (NOT_FOUND otherwise). */
async function loadForWrite(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<OverseasConsultation> {
  const id = expectGlobalId(globalId, 'OverseasConsultation', 'id');
  const rule = consultationVisibility(ctx.viewer, ctx.clock.today(), 'oc');
  const [row] = await query<{ id: string }>(em, sql`select oc.id from overseas_consultation oc where oc.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update of oc`);
  if (!row) throw notFound('咨询请求', globalId);
  const c = await em.findOneOrFail(OverseasConsultation, id, { refresh: true, populate: ['enterprise'] });
  if (c.version !== version) throw conflict('咨询请求已被修改，请刷新后重试', { field: 'version', currentVersion: c.version });
  return c;
}

/** The organisations of the workstations covering any of `countries`. */
async function coveringOrganizations(em: EntityManager, countries: readonly string[]): Promise<string[]> {
  const rows = await query<{ id: string }>(em, sql`select w.organization_id as id from overseas_workstation w where jsonb_exists_any(w.countries_covered, array[${[...countries]}]::text[])`);
  return rows.map((r) => r.id);
}

const audit = (em: EntityManager, ctx: Context, operation: string, c: OverseasConsultation, changes: Record<string, { before: unknown; after: unknown }>) =>
  recordAudit(em, ctx, { operation, objectType: 'OverseasConsultation', objectId: c.id, jurisdiction: regionOf(c.enterprise.unwrap()), changes });

export const consultationService = {
  async request(ctx: Context, input: RequestOverseasConsultingInput): Promise<OverseasConsultation> {
    const user = requireUser(ctx);
    assertAudience(ctx, overseasActions.requestConsulting);
    const problems = new InputProblems();
    const question = requiredText(problems, 'question', input.question, 20_000);
    const countryCodes = [...new Set(input.countryCodes.map((c) => c.trim().toUpperCase()))];
    if (countryCodes.length < 1 || countryCodes.length > 30) problems.add('countryCodes', '应有 1–30 个国家');
    countryCodes.forEach((c, i) => (!isCountry(c) || c === 'CN') && problems.add(`countryCodes.${i}`, `“${c}”不是中国以外的 ISO 3166-1 两位字母国家代码`));
    const exhibition = optionalText(problems, 'exhibition', input.exhibition, 200);
    if (input.topic === ConsultingTopic.EXHIBITION_LEGAL) {
      if (!exhibition) problems.add('exhibition', '展会法律服务须注明展会');
      if (!input.exhibitionOpensOn) problems.add('exhibitionOpensOn', '展会法律服务须注明开幕日期');
    } else if (exhibition || input.exhibitionOpensOn) problems.add('exhibition', '只有展会法律服务才填展会');
    problems.throwIfAny();
    const enterpriseId = enterpriseOf(ctx.viewer)!;
    assertMay(ctx, overseasActions.requestConsulting, { enterpriseId });
    return transaction(ctx.em, async (em) => {
      const enterprise = await em.findOneOrFail(Enterprise, enterpriseId);
      // R20: the overseas mechanisms serve the programme's enterprises.
      if (!(await titleOn(em, enterprise.id, ctx.clock.today()))) {
        throw r20('NO_TITLE', `${enterprise.name}今日不是有效的示范企业或优势企业：海外专家咨询服务面向培育工作的企业（D 四(二)四）`, { enterpriseId });
      }
      const c = em.create(OverseasConsultation, { enterprise, topic: input.topic, countryCodes, question, exhibition, exhibitionOpensOn: input.exhibitionOpensOn ?? null, requestedBy: user.username });
      audit(em, ctx, 'requestOverseasConsulting', c, { topic: { before: null, after: input.topic }, countryCodes: { before: null, after: countryCodes } });
      await em.flush();
      return c;
    });
  },

  /** Experts of the public pools and service organisations for a request, the best fit first (at most `first` of each). */
  async candidates(ctx: Context, globalId: string, first: number): Promise<ConsultingCandidate[]> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.matchConsulting);
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badInput('first', '应为 1–20');
    const id = expectGlobalId(globalId, 'OverseasConsultation', 'id');
    const rule = consultationVisibility(ctx.viewer, ctx.clock.today(), 'oc');
    const [row] = await query<{ id: string }>(ctx.em, sql`select oc.id from overseas_consultation oc where oc.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``}`);
    if (!row) throw notFound('咨询请求', globalId);
    const c = await ctx.em.findOneOrFail(OverseasConsultation, id);
    const covering = await coveringOrganizations(ctx.em, c.countryCodes);
    assertMay(ctx, overseasActions.matchConsulting, { coveringOrganizationIds: covering });
    // Candidates are for matching: an answered or cancelled request takes none.
    if (c.status === ConsultingStatus.ANSWERED || c.status === ConsultingStatus.CANCELLED) throw conflict(`咨询请求已${c.status === ConsultingStatus.ANSWERED ? '答复' : '取消'}，不再对接`, { status: c.status });
    const wanted = TOPIC_SPECIALTIES[c.topic];
    const today = ctx.clock.today();
    const score = (own: readonly Specialty[]) => wanted.filter((s) => own.includes(s));
    const experts = await query<{ id: string }>(
      ctx.em,
      sql`select p.id from person p
        where jsonb_exists_any(p.specialties, array[${[...wanted]}]::text[])
          and exists (select 1 from pool_membership m where m.person_id = p.id and m.status = 'ADMITTED' and m.pool in (${[...PUBLIC_POOLS]}) and m.term_start <= ${today}::date and m.term_end >= ${today}::date)
        order by (select count(*) from jsonb_array_elements_text(p.specialties) s where s in (${[...wanted]})) desc, p.specialties @> ${JSON.stringify([wanted[0]])}::jsonb desc, p.name, p.id
        limit ${first}`,
    );
    const orgs = await query<{ id: string }>(
      ctx.em,
      sql`select o.id from service_organization o
        where o.status = ${OrganizationStatus.ACTIVE} and o.kind in (${[OrganizationKind.AGENCY, OrganizationKind.OVERSEAS_STATION]})
          and (jsonb_exists_any(o.specialties, array[${[...wanted]}]::text[]) or o.id in (select w.organization_id from overseas_workstation w where jsonb_exists_any(w.countries_covered, array[${c.countryCodes}]::text[])))
        order by (o.id in (select w.organization_id from overseas_workstation w where jsonb_exists_any(w.countries_covered, array[${c.countryCodes}]::text[]))) desc,
          (select count(*) from jsonb_array_elements_text(o.specialties) s where s in (${[...wanted]})) desc, o.name, o.id
        limit ${first}`,
    );
    const people = experts.length ? await ctx.em.find(Person, { id: { $in: experts.map((e) => e.id) } }) : [];
    const memberships = people.length ? await ctx.em.find(PoolMembership, { person: { $in: people.map((p) => p.id) }, status: MembershipStatus.ADMITTED, pool: { $in: [...PUBLIC_POOLS] } }) : [];
    const organizations = orgs.length ? await ctx.em.find(ServiceOrganization, { id: { $in: orgs.map((o) => o.id) } }) : [];
    return [
      ...experts.map(({ id: pid }) => {
        const p = people.find((x) => x.id === pid)!;
        return Object.assign(new ConsultingCandidate(), { expert: directoryEntry(p, memberships, today), organization: null, matchedSpecialties: score(p.specialties) });
      }),
      ...orgs.map(({ id: oid }) => {
        const o = organizations.find((x) => x.id === oid)!;
        return Object.assign(new ConsultingCandidate(), { expert: null, organization: o, matchedSpecialties: score(o.specialties) });
      }),
    ];
  },

  async match(ctx: Context, input: MatchOverseasConsultingInput): Promise<OverseasConsultation> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.matchConsulting);
    if (!input.expertId && !input.organizationId) throw badInput('expertId', '至少对接一位专家或一个服务机构');
    return transaction(ctx.em, async (em) => {
      const c = await loadForWrite(ctx, em, input.id, input.version);
      assertMay(ctx, overseasActions.matchConsulting, { coveringOrganizationIds: await coveringOrganizations(em, c.countryCodes) });
      if (c.status !== ConsultingStatus.OPEN && c.status !== ConsultingStatus.MATCHED) throw conflict(`咨询请求已${c.status === ConsultingStatus.ANSWERED ? '答复' : '取消'}`, { status: c.status });
      const expert = input.expertId ? await poolExpert(em, input.expertId, ctx.clock.today(), 'expertId') : null;
      const organization = input.organizationId ? await em.findOne(ServiceOrganization, expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId')) : null;
      if (input.organizationId && !organization) throw notFound('服务机构', input.organizationId);
      if (organization && organization.status !== OrganizationStatus.ACTIVE) throw badInput('organizationId', '该服务机构不在正常状态');
      const before = { expert: c.expert?.id ?? null, organization: c.organization?.id ?? null };
      c.expert = expert as never;
      c.organization = organization as never;
      c.status = ConsultingStatus.MATCHED;
      c.matchedAt = ctx.clock.now();
      audit(em, ctx, 'matchOverseasConsulting', c, { expert: { before: before.expert, after: expert?.id ?? null }, organization: { before: before.organization, after: organization?.id ?? null } });
      await flushOrConflict(em, { stale });
      return c;
    });
  },

  async answer(ctx: Context, input: AnswerOverseasConsultingInput): Promise<OverseasConsultation> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.answerConsulting);
    const problems = new InputProblems();
    const advice = requiredText(problems, 'advice', input.advice, 20_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const c = await loadForWrite(ctx, em, input.id, input.version);
      assertMay(ctx, overseasActions.answerConsulting, { personId: c.expert?.id ?? null, organizationId: c.organization?.id ?? null });
      if (c.status !== ConsultingStatus.MATCHED) throw conflict(c.status === ConsultingStatus.OPEN ? '咨询请求尚未对接' : `咨询请求已${c.status === ConsultingStatus.ANSWERED ? '答复' : '取消'}`, { status: c.status });
      c.advice = advice;
      c.status = ConsultingStatus.ANSWERED;
      c.answeredAt = ctx.clock.now();
      audit(em, ctx, 'answerOverseasConsulting', c, { status: { before: ConsultingStatus.MATCHED, after: ConsultingStatus.ANSWERED } });
      await flushOrConflict(em, { stale });
      return c;
    });
  },

  async cancel(ctx: Context, input: CancelOverseasConsultingInput): Promise<OverseasConsultation> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.requestConsulting);
    return transaction(ctx.em, async (em) => {
      const c = await loadForWrite(ctx, em, input.id, input.version);
      assertMay(ctx, overseasActions.requestConsulting, { enterpriseId: c.enterprise.id });
      if (c.status === ConsultingStatus.ANSWERED || c.status === ConsultingStatus.CANCELLED) throw conflict(`咨询请求已${c.status === ConsultingStatus.ANSWERED ? '答复' : '取消'}`, { status: c.status });
      const before = c.status;
      c.status = ConsultingStatus.CANCELLED;
      audit(em, ctx, 'cancelOverseasConsulting', c, { status: { before, after: ConsultingStatus.CANCELLED } });
      await flushOrConflict(em, { stale });
      return c;
    });
  },

  list(ctx: Context, filter: OverseasConsultationFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    const f = filter ?? {};
    const code = f.countryCode?.trim().toUpperCase();
    if (code && !isCountry(code)) throw badInput('filter.countryCode', '不是 ISO 3166-1 两位字母国家代码');
    return newestFirst(ctx, OverseasConsultation, 'oc', [
      anyOfGiven(trusted('oc.status'), f.statuses),
      anyOfGiven(trusted('oc.topic'), f.topics),
      code ? sql`oc.country_codes @> jsonb_build_array(${code}::text)` : null,
      consultationVisibility(ctx.viewer, ctx.clock.today(), 'oc'),
    ], args);
  },
};
