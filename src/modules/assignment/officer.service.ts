/**
 * A bureau's liaison officers (issue 14, items 1, 2, 6): registering bureau staff accounts as
 * officers, their capacity and knowledge, opting out, resuming and leaving (their enterprises go
 * back to the unassigned list), and the conflicts of interest they declare (an assignment that
 * conflicts ends at once).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { assertMay, may } from '../../common/policy.js';
import { isCalendarDate } from '../../common/scalars.js';
import { anyOf, query, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { User, UserRole } from '../account/user.entity.js';
import { IndustryLevel } from '../industry/industry.entity.js';
import { enterpriseForWrite, newestFirst, optionalText, requiredText } from '../liaison/liaison.common.js';
import { bureauJurisdiction, NATIONAL_BUREAU } from '../liaison/liaison.policy.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { AssignmentEndReason, LiaisonAssignment } from './assignment.entity.js';
import { assignmentActions, conflictVisibility, officerVisibility } from './assignment.policy.js';
import { assignmentService, endAssignments, lockBureau, requestAudit } from './assignment.service.js';
import { conflictPairs } from './conflicts.js';
import { LiaisonConflictDeclaration, LiaisonConflictKind, LiaisonOfficer, LiaisonOfficerStatus, type LiaisonOfficerAbsence } from './officer.entity.js';
import type {
  DeclareLiaisonConflictInput,
  LiaisonOfficerFilter,
  OfficerProfileInput,
  RegisterLiaisonOfficerInput,
  SetLiaisonOfficerStatusInput,
  UpdateLiaisonOfficerInput,
  WithdrawLiaisonConflictInput,
} from './assignment.inputs.js';

const FIELDS = ['name', 'capacity', 'regions', 'industrySections', 'languages', 'absences', 'person', 'status', 'statusNote'] as const;
const DECLARED = new Set([LiaisonConflictKind.FORMER_EMPLOYER, LiaisonConflictKind.RELATIVE, LiaisonConflictKind.SHAREHOLDING, LiaisonConflictKind.SERVICE_ORGANIZATION, LiaisonConflictKind.OTHER]);

/** The profile fields given, checked; problems are collected, not thrown. */
function checkProfile(ctx: Context, problems: InputProblems, input: OfficerProfileInput): Partial<Pick<LiaisonOfficer, 'capacity' | 'regions' | 'industrySections' | 'languages' | 'absences'>> & { personId?: string | null } {
  const out: ReturnType<typeof checkProfile> = {};
  if (input.capacity !== undefined) {
    if (input.capacity === null || !Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 500) problems.add('capacity', '应为 1–500 的整数');
    else out.capacity = input.capacity;
  }
  if (input.regions != null) {
    const codes = [...new Set(input.regions)];
    if (codes.length > 40) problems.add('regions', '至多 40 个');
    for (const c of codes) if (!ctx.reference.region(c)) problems.add('regions', `${c} 不是省级辖区或计划单列市的代码`);
    out.regions = codes;
  }
  if (input.industrySections != null) {
    const codes = [...new Set(input.industrySections.map((s) => s.trim().toUpperCase()))];
    if (codes.length > 20) problems.add('industrySections', '至多 20 个');
    for (const c of codes) if (ctx.reference.industry(c)?.level !== IndustryLevel.SECTION) problems.add('industrySections', `${c} 不是行业门类（A–T）`);
    out.industrySections = codes;
  }
  if (input.languages != null) {
    const codes = [...new Set(input.languages.map((s) => s.trim().toLowerCase()))];
    if (codes.length > 10) problems.add('languages', '至多 10 个');
    for (const c of codes) if (!/^[a-z]{2}$/.test(c)) problems.add('languages', `${c} 不是 ISO 639-1 语言代码（两个字母）`);
    out.languages = codes;
  }
  if (input.absences != null) {
    if (input.absences.length > 20) problems.add('absences', '至多 20 段');
    const list: LiaisonOfficerAbsence[] = [];
    input.absences.forEach((a, i) => {
      if (!isCalendarDate(a.from) || !isCalendarDate(a.until) || a.until < a.from) problems.add(`absences.${i}`, '截止日不能早于起始日');
      const reason = optionalText(problems, `absences.${i}.reason`, a.reason, 200);
      list.push({ from: a.from, until: a.until, reason });
    });
    out.absences = list.sort((a, b) => a.from.localeCompare(b.from));
  }
  if (input.personId !== undefined) out.personId = input.personId === null ? null : expectGlobalId(input.personId, 'Person', 'personId');
  return out;
}

async function applyProfile(em: EntityManager, officer: LiaisonOfficer, profile: ReturnType<typeof checkProfile>): Promise<void> {
  const { personId, ...rest } = profile;
  Object.assign(officer, rest);
  if (personId !== undefined) {
    if (personId && !(await em.findOne(Person, personId))) throw badInput([{ field: 'personId', message: '没有这条人员记录' }]);
    officer.person = personId ? em.getReference(Person, personId) as never : null;
  }
}

/** The officer of a global id, loaded with `em` for a write; NOT_FOUND unless the viewer sees it. */
async function officerForWrite(em: EntityManager, ctx: Context, globalId: string, field = 'officerId'): Promise<LiaisonOfficer> {
  const officer = await assignmentService.officerFor(em, ctx, globalId, field);
  await lockBureau(em, officer.bureauCode);
  return em.findOneOrFail(LiaisonOfficer, officer.id, { refresh: true });
}

export const officerService = {
  async register(ctx: Context, input: RegisterLiaisonOfficerInput): Promise<LiaisonOfficer> {
    requireUser(ctx);
    const userId = expectGlobalId(input.userId, 'User', 'userId');
    const problems = new InputProblems();
    if (input.capacity == null) problems.add('capacity', '必填');
    const profile = checkProfile(ctx, problems, input);
    const name = input.name == null ? null : requiredText(problems, 'name', input.name, 100);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const user = await em.findOne(User, userId);
      if (!user || (user.role !== UserRole.NATIONAL_ADMIN && user.role !== UserRole.PROVINCIAL_ADMIN)) {
        throw badInput([{ field: 'userId', message: '联络员应为国家局或省局工作人员的账号' }]);
      }
      const bureauCode = user.role === UserRole.NATIONAL_ADMIN ? NATIONAL_BUREAU : user.region!.code;
      assertMay(ctx, assignmentActions.manageOfficers, { bureauCode });
      if (user.disabled) throw badInput([{ field: 'userId', message: '该账号已停用' }]);
      const officer = em.create(LiaisonOfficer, { user: user.id, bureauCode, name: name ?? user.displayName, capacity: profile.capacity! });
      await applyProfile(em, officer, profile);
      recordAudit(em, ctx, { operation: 'registerLiaisonOfficer', objectType: 'LiaisonOfficer', objectId: officer.id, jurisdiction: bureauJurisdiction(bureauCode), changes: changedFields(null, snapshot(officer, FIELDS), FIELDS) });
      await flushOrConflict(em, { duplicate: () => conflict('该账号已登记为联络员') });
      return officer;
    });
  },

  async update(ctx: Context, input: UpdateLiaisonOfficerInput): Promise<LiaisonOfficer> {
    requireUser(ctx);
    const problems = new InputProblems();
    const profile = checkProfile(ctx, problems, input);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const officer = await officerForWrite(em, ctx, input.officerId);
      assertMay(ctx, assignmentActions.manageOfficers, officer);
      if (officer.version !== input.version) throw conflict('联络员已被他人修改，请刷新后重试', { currentVersion: officer.version });
      const before = snapshot(officer, FIELDS);
      await applyProfile(em, officer, profile);
      if (profile.capacity !== undefined) {
        const [row] = await query<{ seats: number }>(em, sql`select coalesce(sum(seats), 0)::int as seats from liaison_assignment where officer_id = ${officer.id}::uuid and ended_on is null`);
        if ((row?.seats ?? 0) > profile.capacity) {
          throw badInput([{ field: 'capacity', message: `${officer.name}现已使用 ${row!.seats} 个名额，容量不能低于此数（先改派或结束部分指派，或用方案重新均衡）` }]);
        }
      }
      recordAudit(em, ctx, { operation: 'updateLiaisonOfficer', objectType: 'LiaisonOfficer', objectId: officer.id, jurisdiction: bureauJurisdiction(officer.bureauCode), changes: changedFields(before, snapshot(officer, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('联络员已被他人修改，请刷新后重试') });
      return officer;
    });
  },

  /** Opt out, resume or leave; opting out and leaving end the officer's current assignments today. */
  async setStatus(ctx: Context, input: SetLiaisonOfficerStatusInput): Promise<{ officer: LiaisonOfficer; ended: number }> {
    const v = requireUser(ctx);
    const problems = new InputProblems();
    const note = input.status === LiaisonOfficerStatus.ACTIVE ? optionalText(problems, 'note', input.note, 500) : requiredText(problems, 'note', input.note, 500);
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const officer = await officerForWrite(em, ctx, input.officerId);
      assertMay(ctx, assignmentActions.manageOfficers, officer);
      if (officer.version !== input.version) throw conflict('联络员已被他人修改，请刷新后重试', { currentVersion: officer.version });
      if (officer.status === LiaisonOfficerStatus.LEFT) throw conflict(`${officer.name}已离岗，不能再改变状态（重新任用请重新登记）`);
      if (officer.status === input.status) throw conflict(`${officer.name}的状态已是 ${input.status}`);
      const before = snapshot(officer, FIELDS);
      officer.status = input.status;
      officer.statusNote = note;
      officer.statusChangedOn = today;
      let ended = 0;
      if (input.status !== LiaisonOfficerStatus.ACTIVE) {
        const rows = await em.find(LiaisonAssignment, { officer: officer.id, endedOn: null }, { orderBy: { id: 'asc' } });
        const reason = input.status === LiaisonOfficerStatus.LEFT ? AssignmentEndReason.OFFICER_LEFT : AssignmentEndReason.OFFICER_OPTED_OUT;
        // The note is the officer's (it may be personal: an illness); the enterprises see only the reason code.
        await endAssignments(em, rows, { reason, note: null, by: v.username, today, operation: 'setLiaisonOfficerStatus' }, requestAudit(em, ctx));
        ended = rows.length;
      }
      recordAudit(em, ctx, { operation: 'setLiaisonOfficerStatus', objectType: 'LiaisonOfficer', objectId: officer.id, jurisdiction: bureauJurisdiction(officer.bureauCode), changes: changedFields(before, snapshot(officer, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('联络员已被他人修改，请刷新后重试') });
      return { officer, ended };
    });
  },

  /** Declare a conflict; a current assignment it now conflicts with ends today (CONFLICT_DECLARED). */
  async declareConflict(ctx: Context, input: DeclareLiaisonConflictInput): Promise<{ declaration: LiaisonConflictDeclaration; ended: number }> {
    const v = requireUser(ctx);
    const problems = new InputProblems();
    const detail = requiredText(problems, 'detail', input.detail, 500);
    if (!DECLARED.has(input.kind)) problems.add('kind', '只能申报 FORMER_EMPLOYER、RELATIVE、SHAREHOLDING、SERVICE_ORGANIZATION 或 OTHER（其余由数据推导）');
    const byOrganization = input.kind === LiaisonConflictKind.SERVICE_ORGANIZATION;
    if (byOrganization && (!input.organizationId || input.enterpriseId)) problems.add('organizationId', 'SERVICE_ORGANIZATION 须给出服务机构，不给企业');
    if (!byOrganization && (!input.enterpriseId || input.organizationId)) problems.add('enterpriseId', '须给出企业，不给服务机构');
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const officer = await officerForWrite(em, ctx, input.officerId);
      assertMay(ctx, assignmentActions.declareConflict, { bureauCode: officer.bureauCode, officerUserId: officer.user.id });
      const declaration = em.create(LiaisonConflictDeclaration, { officer: officer.id, kind: input.kind, detail, declaredBy: v.username });
      if (byOrganization) {
        const orgId = expectGlobalId(input.organizationId!, 'ServiceOrganization', 'organizationId');
        if (!(await em.findOne(ServiceOrganization, orgId))) throw notFound('服务机构', input.organizationId!);
        declaration.organization = em.getReference(ServiceOrganization, orgId) as never;
      } else {
        declaration.enterprise = (await enterpriseForWrite(em, ctx, input.enterpriseId!)) as never;
      }
      // The bureau's log says that its officer declared one, not what (the kind is part of the reason a
      // province is not told; the declaration itself holds it for the national admin).
      const jurisdiction = bureauJurisdiction(officer.bureauCode);
      recordAudit(em, ctx, { operation: 'declareLiaisonConflict', objectType: 'LiaisonConflictDeclaration', objectId: declaration.id, jurisdiction, changes: { officer: { before: null, after: officer.id } } });
      await em.flush();
      const hit = await query<{ enterprise_id: string }>(em, conflictPairs(sql`o.id = ${officer.id}::uuid`, sql`e.id in (select ca.enterprise_id from liaison_assignment ca where ca.officer_id = ${officer.id}::uuid and ca.ended_on is null)`, today));
      const rows = hit.length ? await em.find(LiaisonAssignment, { officer: officer.id, endedOn: null, enterprise: { $in: [...new Set(hit.map((h) => h.enterprise_id))] } }) : [];
      await endAssignments(em, rows, { reason: AssignmentEndReason.CONFLICT_DECLARED, note: null, by: v.username, today, operation: 'declareLiaisonConflict' }, requestAudit(em, ctx));
      await em.flush();
      return { declaration, ended: rows.length };
    });
  },

  async withdrawConflict(ctx: Context, input: WithdrawLiaisonConflictInput): Promise<LiaisonConflictDeclaration> {
    const v = requireUser(ctx);
    const id = expectGlobalId(input.declarationId, 'LiaisonConflictDeclaration', 'declarationId');
    return transaction(ctx.em, async (em) => {
      const declaration = await em.findOne(LiaisonConflictDeclaration, id, { populate: ['officer'] });
      const officer = declaration?.officer.unwrap();
      const facts = officer ? { bureauCode: officer.bureauCode, officerUserId: officer.user.id } : null;
      if (!declaration || !officer || !facts) throw notFound('利益冲突申报', input.declarationId);
      if (!may(ctx.viewer, assignmentActions.declareConflict, facts)) {
        if (!may(ctx.viewer, assignmentActions.readConflicts, facts)) throw notFound('利益冲突申报', input.declarationId);
        assertMay(ctx, assignmentActions.declareConflict, facts);
      }
      await lockBureau(em, officer.bureauCode);
      if (declaration.withdrawnAt) throw conflict('该申报已撤回');
      declaration.withdrawnAt = ctx.clock.now();
      declaration.withdrawnBy = v.username;
      recordAudit(em, ctx, { operation: 'withdrawLiaisonConflict', objectType: 'LiaisonConflictDeclaration', objectId: declaration.id, jurisdiction: bureauJurisdiction(officer.bureauCode), changes: { withdrawnAt: { before: null, after: declaration.withdrawnAt.toISOString() } } });
      await em.flush();
      return declaration;
    });
  },

  list(ctx: Context, filter: LiaisonOfficerFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, assignmentActions.readOfficers, undefined);
    const where: (Sql | null)[] = [officerVisibility(ctx.viewer, ctx.clock.today(), 'o')];
    if (filter?.bureauCode) where.push(sql`o.bureau_code = ${filter.bureauCode}`);
    if (filter?.statuses?.length) where.push(anyOf(sql`o.status`, filter.statuses));
    return newestFirst(ctx, LiaisonOfficer, 'o', where, args);
  },

  declarations(ctx: Context, officerGlobalId: string | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    const where: (Sql | null)[] = [conflictVisibility(ctx.viewer, ctx.clock.today(), 'c')];
    if (officerGlobalId) where.push(sql`c.officer_id = ${expectGlobalId(officerGlobalId, 'LiaisonOfficer', 'officerId')}::uuid`);
    return newestFirst(ctx, LiaisonConflictDeclaration, 'c', where, args);
  },

  /** Every conflict (declared or derived) of an officer with the enterprises its bureau assigns: the national admin and the officer only. */
  async conflictsOf(ctx: Context, officerGlobalId: string) {
    requireUser(ctx);
    const officer = await assignmentService.officerFor(ctx.em, ctx, officerGlobalId);
    assertMay(ctx, assignmentActions.readConflicts, { officerUserId: officer.user.id });
    const scope = officer.bureauCode === NATIONAL_BUREAU ? sql`true` : sql`e.region_code = ${officer.bureauCode}`;
    const rows = await query<{ enterprise_id: string; kind: LiaisonConflictKind; detail: string }>(ctx.em, sql`select enterprise_id, kind, detail from (${conflictPairs(sql`o.id = ${officer.id}::uuid`, scope, ctx.clock.today())}) x order by enterprise_id, kind limit 1000`);
    const enterprises = await ctx.loaders.enterprise.visibleById.loadMany(rows.map((r) => r.enterprise_id));
    return rows.map((r, i) => ({ enterprise: enterprises[i], kind: r.kind, detail: r.detail })).filter((r) => r.enterprise && !(r.enterprise instanceof Error));
  },
};
