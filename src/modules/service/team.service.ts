/**
 * The members of service organisations and the yearly selection of quality teams [D 四(三), A 四(二)].
 * A person holds at most one membership of an organisation at a time (terms do not overlap), and an
 * organisation has at most MEMBERS_MAX members now or to come: both under an advisory lock per
 * organisation. A selection is unique per organisation, year and bureau (a unique constraint).
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay } from '../../common/policy.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { anyOf, FALSE, query, sql, type Sql } from '../../common/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { Person } from '../person/person.entity.js';
import { personVisibility } from '../person/person.policy.js';
import { OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { bureauOf, memberVisibility, NATIONAL_BUREAU, serviceActions } from './service.policy.js';
import { activeServiceOrganization, checkTerm, optionalText, requiredText } from './service.rules.js';
import { lastDayOf, OrganizationMember, SelectedServiceTeam } from './team.entity.js';
import type { AddOrganizationMemberInput, EndOrganizationMembershipInput, OrganizationMemberFilter, RevokeTeamSelectionInput, SelectedServiceTeamFilter, SelectServiceTeamInput } from './team.inputs.js';

/** Members of one organisation now or to come (ServiceOrganization.members lists those of today). */
export const MEMBERS_MAX = 200;
const QUALIFICATIONS_MAX = 10;

const regionOf = (o: ServiceOrganization) => o.region?.unwrap().code ?? null;
const createdCursor = {
  orderKey: 'CREATED_AT:ASC',
  ascending: true,
  cast: 'timestamptz',
  property: 'createdAt',
  value: (r: { createdAt: Date }) => r.createdAt.toISOString(),
  valueOk: (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

export const teamService = {
  async addMember(ctx: Context, input: AddOrganizationMemberInput): Promise<OrganizationMember> {
    assertMay(ctx, serviceActions.manageMembers, undefined);
    const v = requireUser(ctx);
    const orgId = expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const problems = new InputProblems();
    checkTerm(problems, input.startsOn, input.endsOn, 'endsOn');
    const qualifications = [...new Set((input.qualifications ?? []).map((q) => q.trim()))];
    if (qualifications.length > QUALIFICATIONS_MAX) problems.add('qualifications', `最多 ${QUALIFICATIONS_MAX} 项`);
    qualifications.forEach((q, i) => {
      if (q.length < 1 || [...q].length > 50) problems.add(`qualifications.${i}`, '应为 1–50 字');
    });
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const o = await em.findOne(ServiceOrganization, orgId);
      if (!o) throw notFound('服务机构', input.organizationId);
      assertMay(ctx, serviceActions.manageMembers, { regionCode: regionOf(o) });
      if (o.status === OrganizationStatus.DISSOLVED) throw conflict('该服务机构已撤销，不能增加成员', { status: o.status });
      const visible = personVisibility(ctx.viewer, ctx.clock.today(), 'p');
      const [seen] = await query(em, sql`select 1 from person p where p.id = ${personId}::uuid${visible ? sql` and ${visible}` : sql``}`);
      if (!seen) throw notFound('人员', input.personId);
      // One organisation's memberships are changed one transaction at a time: terms and the count hold.
      await advisoryLock(em, `organization-members:${orgId}`);
      const end = input.endsOn ?? '9999-12-31';
      const [overlap] = await query<{ id: string }>(
        em,
        sql`select m.id from organization_member m where m.organization_id = ${orgId}::uuid and m.person_id = ${personId}::uuid
             and m.starts_on <= ${end}::date and coalesce(m.ended_on, m.ends_on, '9999-12-31'::date) >= ${input.startsOn}::date limit 1`,
      );
      if (overlap) throw conflict('该人员在这一期间已是该机构的成员（任期重叠）', { field: 'startsOn' });
      const [{ n }] = (await query<{ n: number }>(em, sql`select count(*)::int as n from organization_member m where m.organization_id = ${orgId}::uuid and coalesce(m.ended_on, m.ends_on, '9999-12-31'::date) >= ${ctx.clock.today()}::date`)) as [{ n: number }];
      if (n >= MEMBERS_MAX) throw conflict(`该机构的在任和待任成员已达 ${MEMBERS_MAX} 人`, { members: n });
      const member = em.create(OrganizationMember, { organization: orgId, person: personId, role: input.role, qualifications, startsOn: input.startsOn, endsOn: input.endsOn ?? null, addedBy: v.username });
      const name = (await em.findOneOrFail(Person, personId)).name;
      recordAudit(em, ctx, { operation: 'addOrganizationMember', objectType: 'OrganizationMember', objectId: member.id, jurisdiction: regionOf(o), changes: { person: { before: null, after: name }, role: { before: null, after: input.role }, term: { before: null, after: `${input.startsOn}–${input.endsOn ?? ''}` } } });
      await em.flush();
      return member;
    });
  },

  /** Ends a membership early; refused while the person is dispatched for the organisation beyond the new last day. */
  async endMembership(ctx: Context, input: EndOrganizationMembershipInput): Promise<OrganizationMember> {
    assertMay(ctx, serviceActions.manageMembers, undefined);
    const id = expectGlobalId(input.id, 'OrganizationMember', 'id');
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const m = await em.findOne(OrganizationMember, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!m) throw notFound('成员资格', input.id);
      const o = await em.findOneOrFail(ServiceOrganization, m.organization.id);
      assertMay(ctx, serviceActions.manageMembers, { regionCode: regionOf(o) });
      if (m.version !== input.version) throw conflict('成员资格已被修改，请刷新后重试', { field: 'version', currentVersion: m.version });
      if (m.endedOn) throw conflict('该成员资格已提前结束', { endedOn: m.endedOn });
      if (input.lastDay < m.startsOn) throw badInput('lastDay', '不能早于任期开始');
      if (m.endsOn && input.lastDay >= m.endsOn) throw badInput('lastDay', '应早于任期结束（任期届满无须办理）');
      // A commissioner's dispatches hold the membership (SV3): end them first.
      await advisoryLock(em, `commissioner:${m.person.id}`);
      const dispatched = await query<{ id: string; last_day: string }>(
        em,
        sql`select d.id, to_char(coalesce(d.ended_on, d.ends_on), 'YYYY-MM-DD') as last_day from commissioner_dispatch d
             where d.person_id = ${m.person.id}::uuid and d.organization_id = ${m.organization.id}::uuid and coalesce(d.ended_on, d.ends_on) > ${input.lastDay}::date`,
      );
      if (dispatched.length) throw conflict(`该人员作为特派员的派驻持续到 ${dispatched.map((d) => d.last_day).sort().at(-1)}，请先提前结束派驻`, { dispatches: dispatched.length });
      const before = lastDayOf(m);
      m.endedOn = input.lastDay;
      m.endReason = reason;
      recordAudit(em, ctx, { operation: 'endOrganizationMembership', objectType: 'OrganizationMember', objectId: m.id, jurisdiction: regionOf(o), changes: { lastDay: { before, after: input.lastDay }, reason: { before: null, after: reason } } });
      await flushOrConflict(em, { stale: () => conflict('成员资格已被修改，请刷新后重试', { field: 'version' }) });
      return m;
    });
  },

  /** Members the viewer may see (the bureaus all, an organisation its own, a person their own), in the order they were added. */
  members(ctx: Context, filter: OrganizationMemberFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const where: (Sql | null)[] = [
      f.organizationId ? sql`m.organization_id = ${expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      f.personId ? sql`m.person_id = ${expectGlobalId(f.personId, 'Person', 'filter.personId')}::uuid` : null,
      f.roles ? anyOf(sql`m.role`, f.roles) : null,
      f.currentOn ? sql`m.starts_on <= ${f.currentOn}::date and coalesce(m.ended_on, m.ends_on, ${f.currentOn}::date) >= ${f.currentOn}::date` : null,
      f.regionCodes ? sql`exists (select 1 from service_organization mo where mo.id = m.organization_id and ${anyOf(sql`mo.region_code`, ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions))})` : null,
      memberVisibility(ctx.viewer, ctx.clock.today(), 'm'),
    ];
    return keysetPage<OrganizationMember>({ query: filteredQuery(ctx.em, OrganizationMember, 'm', where), args, limits: ctx.config, column: 'm.created_at', idColumn: 'm.id', ...createdCursor });
  },

  async select(ctx: Context, input: SelectServiceTeamInput): Promise<SelectedServiceTeam> {
    assertMay(ctx, serviceActions.selectTeam, undefined);
    const v = requireUser(ctx);
    const bureauCode = bureauOf(ctx.viewer)!;
    const orgId = expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId');
    const problems = new InputProblems();
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.add('year', '应在 2000 到 2100 之间');
    checkTerm(problems, input.termStartsOn, input.termEndsOn, 'termEndsOn');
    if (input.termStartsOn > `${input.year}-12-31` || input.termEndsOn < `${input.year}-01-01`) problems.add('termStartsOn', '服务期须与该年度有交集');
    const note = optionalText(problems, 'note', input.note, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const o = await activeServiceOrganization(em, orgId, input.organizationId, 'organizationId');
      assertMay(ctx, serviceActions.selectTeam, { regionCode: regionOf(o), regionsServed: o.regionsServed });
      const s = em.create(SelectedServiceTeam, { organization: orgId, year: input.year, bureauCode, termStartsOn: input.termStartsOn, termEndsOn: input.termEndsOn, note, selectedBy: v.username });
      recordAudit(em, ctx, { operation: 'selectServiceTeam', objectType: 'SelectedServiceTeam', objectId: s.id, jurisdiction: bureauCode === NATIONAL_BUREAU ? null : bureauCode, changes: { organization: { before: null, after: o.name }, year: { before: null, after: input.year }, term: { before: null, after: `${input.termStartsOn}–${input.termEndsOn}` } } });
      await flushOrConflict(em, { duplicate: () => conflict('该机构已在本局该年度的名单中', { year: input.year }) });
      return s;
    });
  },

  async revokeSelection(ctx: Context, input: RevokeTeamSelectionInput): Promise<SelectedServiceTeam> {
    assertMay(ctx, serviceActions.revokeSelection, undefined);
    const id = expectGlobalId(input.id, 'SelectedServiceTeam', 'id');
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const s = await em.findOne(SelectedServiceTeam, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!s) throw notFound('入选记录', input.id);
      assertMay(ctx, serviceActions.revokeSelection, { bureauCode: s.bureauCode });
      if (s.version !== input.version) throw conflict('入选记录已被修改，请刷新后重试', { field: 'version', currentVersion: s.version });
      if (s.revokedOn) throw conflict('该入选已撤销', { revokedOn: s.revokedOn });
      s.revokedOn = ctx.clock.today();
      s.revokeReason = reason;
      recordAudit(em, ctx, { operation: 'revokeTeamSelection', objectType: 'SelectedServiceTeam', objectId: s.id, jurisdiction: s.bureauCode === NATIONAL_BUREAU ? null : s.bureauCode, changes: { revokedOn: { before: null, after: s.revokedOn }, reason: { before: null, after: reason } } });
      await flushOrConflict(em, { stale: () => conflict('入选记录已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  /** The public list of selected teams (no personal data), in the order they were selected. */
  selections(ctx: Context, filter: SelectedServiceTeamFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const rollUp = !!f.includeSubJurisdictions;
    const org = (condition: Sql) => sql`exists (select 1 from service_organization so where so.id = s.organization_id and ${condition})`;
    const where: (Sql | null)[] = [
      f.year != null ? sql`s.year = ${f.year}` : null,
      f.bureauCodes ? anyOf(sql`s.bureau_code`, ctx.reference.regionCodes(f.bureauCodes, rollUp)) : null,
      f.regionCodes ? org(anyOf(sql`so.region_code`, ctx.reference.regionCodes(f.regionCodes, rollUp))) : null,
      f.organizationId ? sql`s.organization_id = ${expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      f.specialties ? (f.specialties.length ? org(sql`jsonb_exists_any(so.specialties, array[${f.specialties}]::text[])`) : FALSE) : null,
      f.activeOn ? sql`s.term_starts_on <= ${f.activeOn}::date and s.term_ends_on >= ${f.activeOn}::date` : null,
      f.includeRevoked ? null : sql`s.revoked_on is null`,
    ];
    return keysetPage<SelectedServiceTeam>({ query: filteredQuery(ctx.em, SelectedServiceTeam, 's', where), args, limits: ctx.config, column: 's.created_at', idColumn: 's.id', ...createdCursor });
  },
};
