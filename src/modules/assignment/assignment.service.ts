/**
 * Assigning a bureau's liaison officers by hand [D 五(一), R17] (issue 14, items 3, 4, 6): the
 * candidates of an enterprise, assign or reassign with a reason, end an assignment, and the events
 * that end assignments (the title ended, the officer left or opted out, a conflict declared).
 *
 * Every write to one bureau's assignments runs under that bureau's advisory lock, so the capacity
 * check and the write cannot interleave with another assignment, a plan commit or a status change;
 * "one current assignment per enterprise and bureau" is a partial unique index besides.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, toGlobalId } from '../../common/node.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { assertMay, may } from '../../common/policy.js';
import { anyOf, query, sql, type Sql } from '../../common/sql.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { isNational, requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { enterpriseForWrite, isDemonstrationOn, newestFirst, requiredText } from '../liaison/liaison.common.js';
import { bureauOf, NATIONAL_BUREAU } from '../liaison/liaison.policy.js';
import { programmeService } from '../programme/programme.service.js';
import { AssignmentEndReason, AssignmentSource, LiaisonAssignment } from './assignment.entity.js';
import { assignmentActions, assignmentVisibility } from './assignment.policy.js';
import { candidatesFor, exclusionsOf } from './candidates.js';
import { LiaisonOfficer } from './officer.entity.js';
import { factorsOf, loadWorld, seatsOf } from './world.js';
import type { AssignLiaisonOfficerInput, EndLiaisonAssignmentInput, LiaisonAssignmentFilter } from './assignment.inputs.js';

/** The paragraph R17 cites. */
export const PARAGRAPH = '五(一)';
const FIELDS = ['officer', 'startsOn', 'endedOn', 'endReason', 'endNote'] as const;

/** The audit jurisdiction of a bureau's record: the province's code, or none for the national bureau (its admin reads all). */

/** Serialises the writes to one bureau's assignments (capacity, plan commits, status changes). */
export const lockBureau = (em: EntityManager, bureauCode: string) => advisoryLock(em, `liaison-assignment:${bureauCode}`);

/** Records an audit entry: a request's (recordAudit) or the scheduled transitions' (SYSTEM). */
export type Audit = (operation: string, objectType: string, objectId: string, jurisdiction: string | null, changes: Record<string, { before: unknown; after: unknown }>) => void;
export const requestAudit = (em: EntityManager, ctx: Context): Audit => (operation, objectType, objectId, jurisdiction, changes) =>
  recordAudit(em, ctx, { operation, objectType, objectId, jurisdiction, changes });

/**
 * Ends `rows` (current assignments) today with a reason; audited under `operation`. The caller
 * holds the bureau's lock (or ends only, which cannot break a capacity) and flushes.
 */
export async function endAssignments(em: EntityManager, rows: LiaisonAssignment[], end: { reason: AssignmentEndReason; note: string | null; by: string; today: string; operation: string }, audit: Audit): Promise<void> {
  if (rows.length === 0) return;
  const regions = new Map(
    (await query<{ id: string; region_code: string }>(em, sql`select id, region_code from enterprise where ${anyOf(sql`id`, rows.map((r) => r.enterprise.id))}`)).map((r) => [r.id, r.region_code]),
  );
  for (const a of rows) {
    const before = snapshot(a, FIELDS);
    a.endedOn = end.today < a.startsOn ? a.startsOn : end.today;
    a.endReason = end.reason;
    a.endNote = end.note;
    a.endedBy = end.by;
    audit(end.operation, 'LiaisonAssignment', a.id, regions.get(a.enterprise.id) ?? null, changedFields(before, snapshot(a, FIELDS), FIELDS));
  }
}

/** The R17 refusal for an enterprise the bureau does not assign to (not a demonstration enterprise today, or outside its jurisdiction). */
function notSubject(e: Enterprise, bureauCode: string) {
  const region = e.region.unwrap().code;
  if (bureauCode !== NATIONAL_BUREAU && region !== bureauCode) {
    return ruleViolation('R17', `${e.name}不在本局辖区：省局只为本辖区的示范企业指派联络员（${PARAGRAPH}）`, { paragraph: PARAGRAPH, condition: 'OUTSIDE_JURISDICTION' });
  }
  return ruleViolation('R17', `${e.name}今日不是有效的国家知识产权示范企业：联络员负责与示范企业的日常联系（${PARAGRAPH}）`, { paragraph: PARAGRAPH, condition: 'NOT_DEMONSTRATION' });
}

async function officerFor(em: EntityManager, ctx: Context, globalId: string, field = 'officerId'): Promise<LiaisonOfficer> {
  const id = expectGlobalId(globalId, 'LiaisonOfficer', field);
  const officer = await em.findOne(LiaisonOfficer, id);
  if (!officer || !may(ctx.viewer, assignmentActions.readOfficers, officer)) throw notFound('联络员', globalId);
  return officer;
}

export const assignmentService = {
  officerFor,

  /** The candidates of an enterprise for the viewer's bureau (or, for the national admin, any bureau's). */
  async candidates(ctx: Context, enterpriseGlobalId: string, bureauCode: string | null | undefined) {
    requireUser(ctx);
    if (bureauCode != null && !/^\d{6}$/.test(bureauCode)) throw badInput([{ field: 'bureauCode', message: '应为 6 位代码' }]);
    const bureau = bureauCode ?? bureauOf(ctx.viewer) ?? '';
    // The bureau that assigns sees its candidates; the national bureau also any province's (as it reads their officers).
    assertMay(ctx, isNational(ctx.viewer) ? assignmentActions.readOfficers : assignmentActions.assign, { bureauCode: bureau });
    const enterprise = await enterpriseForWrite(ctx.em, ctx, enterpriseGlobalId);
    const settings = await programmeService.settings(ctx.em);
    const world = await loadWorld(ctx.em, bureau, ctx.clock.today(), settings.liaisonCapacityBasis, [enterprise.id]);
    const subject = world.enterprises[0];
    if (!subject) throw notSubject(enterprise, bureau);
    const officers = new Map((await ctx.em.find(LiaisonOfficer, { bureauCode: bureau })).map((o) => [o.id, o]));
    const list = candidatesFor(ctx.reference, world, subject, ctx.viewer).slice(0, 500);
    return { enterprise, bureauCode: bureau, candidates: list.map((c) => ({ ...c, officer: officers.get(c.officer.id)! })) };
  },

  /** Assign or reassign by hand (R17; the officer's bureau): refused with the candidate list's reasons. */
  async assign(ctx: Context, input: AssignLiaisonOfficerInput): Promise<{ assignment: LiaisonAssignment; previous: LiaisonAssignment | null }> {
    const v = requireUser(ctx);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 500);
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const read = await officerFor(em, ctx, input.officerId);
      assertMay(ctx, assignmentActions.assign, read);
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      await lockBureau(em, read.bureauCode);
      const officer = await em.findOneOrFail(LiaisonOfficer, read.id, { refresh: true });
      const settings = await programmeService.settings(em);
      const world = await loadWorld(em, officer.bureauCode, today, settings.liaisonCapacityBasis, [enterprise.id]);
      const subject = world.enterprises[0];
      if (!subject) throw notSubject(enterprise, officer.bureauCode);
      const o = world.officers.find((x) => x.id === officer.id)!;
      const current = world.current[0] ?? null;
      if (current?.officer_id === officer.id) throw conflict(`${officer.name}已是${enterprise.name}的现任联络员`, { assignmentId: toGlobalId('LiaisonAssignment', current.id) });
      const exclusions = exclusionsOf(world, o, subject, ctx.viewer);
      if (exclusions.length) {
        throw ruleViolation('R17', `不能指派：${exclusions.map((x) => x.message).join('；')}`, { paragraph: PARAGRAPH, condition: exclusions[0]!.code, conditions: exclusions.map((x) => x.code) });
      }
      let previous: LiaisonAssignment | null = null;
      if (current) {
        previous = await em.findOneOrFail(LiaisonAssignment, current.id);
        await endAssignments(em, [previous], { reason: AssignmentEndReason.REASSIGNED, note: reason, by: v.username, today, operation: 'assignLiaisonOfficer' }, requestAudit(em, ctx));
        await em.flush();
      }
      const assignment = em.create(LiaisonAssignment, {
        enterprise: enterprise.id,
        officer: officer.id,
        bureauCode: officer.bureauCode,
        startsOn: today,
        seats: seatsOf(subject, world.basis),
        source: AssignmentSource.MANUAL,
        reason,
        factors: factorsOf(ctx.reference, world, o, subject, null, world.loads.get(o.id) ?? 0),
        assignedBy: v.username,
      });
      recordAudit(em, ctx, { operation: 'assignLiaisonOfficer', objectType: 'LiaisonAssignment', objectId: assignment.id, jurisdiction: subject.region_code, changes: changedFields(null, snapshot(assignment, FIELDS), FIELDS) });
      await flushOrConflict(em, { duplicate: () => conflict('该企业的联络员已由他人同时指派，请刷新后重试') });
      return { assignment, previous };
    });
  },

  /** End a current assignment by hand (the enterprise is unassigned until the next). */
  async end(ctx: Context, input: EndLiaisonAssignmentInput): Promise<LiaisonAssignment> {
    const v = requireUser(ctx);
    const id = expectGlobalId(input.assignmentId, 'LiaisonAssignment', 'assignmentId');
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 500);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const [visible] = await query<{ bureau_code: string }>(em, sql`select a.bureau_code from liaison_assignment a where a.id = ${id}::uuid and ${assignmentVisibility(ctx.viewer, ctx.clock.today(), 'a') ?? sql`true`}`);
      if (!visible) throw notFound('指派', input.assignmentId);
      assertMay(ctx, assignmentActions.assign, { bureauCode: visible.bureau_code });
      await lockBureau(em, visible.bureau_code);
      const assignment = await em.findOneOrFail(LiaisonAssignment, id, { refresh: true });
      if (assignment.endedOn) throw conflict('该指派已结束', { endedOn: assignment.endedOn });
      await endAssignments(em, [assignment], { reason: AssignmentEndReason.ENDED, note: reason, by: v.username, today: ctx.clock.today(), operation: 'endLiaisonAssignment' }, requestAudit(em, ctx));
      await em.flush();
      return assignment;
    });
  },

  /** Assignments, newest first, as the viewer may see them (the enterprise its own). */
  list(ctx: Context, filter: LiaisonAssignmentFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, assignmentActions.readAssignments);
    const where: (Sql | null)[] = [assignmentVisibility(ctx.viewer, ctx.clock.today(), 'a')];
    if (filter?.enterpriseId) where.push(sql`a.enterprise_id = ${expectGlobalId(filter.enterpriseId, 'Enterprise', 'filter.enterpriseId')}::uuid`);
    if (filter?.officerId) where.push(sql`a.officer_id = ${expectGlobalId(filter.officerId, 'LiaisonOfficer', 'filter.officerId')}::uuid`);
    if (filter?.bureauCode) {
      if (!/^\d{6}$/.test(filter.bureauCode)) throw badInput([{ field: 'filter.bureauCode', message: '应为 6 位代码' }]);
      where.push(sql`a.bureau_code = ${filter.bureauCode}`);
    }
    if (filter?.current != null) where.push(filter.current ? sql`a.ended_on is null` : sql`a.ended_on is not null`);
    return newestFirst(ctx, LiaisonAssignment, 'a', where, args);
  },

  /**
   * Events [R17]: the current assignments of enterprises that no longer hold a demonstration title
   * on `today` (expired, cancelled, withdrawn, revoked) end with TITLE_ENDED; a provincial bureau's
   * assignment of an enterprise now registered elsewhere ends (ENDED, 企业已迁出本辖区). Run by the
   * scheduled transitions, and by a revocation for its enterprise at once. Only ends: no capacity at stake.
   */
  async endWithoutTitle(em: EntityManager, today: string, audit: Audit, enterpriseId?: string): Promise<number> {
    const ids = await query<{ id: string }>(
      em,
      sql`select a.id from liaison_assignment a where a.ended_on is null ${enterpriseId ? sql`and a.enterprise_id = ${enterpriseId}::uuid` : sql``}
        and not ${isDemonstrationOn('a.enterprise_id', today)}
        order by a.id for update of a`,
    );
    const rows = ids.length ? await em.find(LiaisonAssignment, { id: { $in: ids.map((r) => r.id) } }) : [];
    await endAssignments(em, rows, { reason: AssignmentEndReason.TITLE_ENDED, note: null, by: 'SYSTEM', today, operation: 'endAssignmentWithoutTitle' }, audit);
    await em.flush();
    // A provincial bureau's assignment of an enterprise now registered in another jurisdiction.
    const moved = await query<{ id: string }>(
      em,
      sql`select a.id from liaison_assignment a join enterprise e on e.id = a.enterprise_id
        where a.ended_on is null and a.bureau_code <> ${NATIONAL_BUREAU} and e.region_code <> a.bureau_code
          ${enterpriseId ? sql`and a.enterprise_id = ${enterpriseId}::uuid` : sql``}
        order by a.id for update of a`,
    );
    const away = moved.length ? await em.find(LiaisonAssignment, { id: { $in: moved.map((r) => r.id) } }) : [];
    await endAssignments(em, away, { reason: AssignmentEndReason.ENDED, note: '企业已迁出本辖区', by: 'SYSTEM', today, operation: 'endAssignmentOutsideJurisdiction' }, audit);
    await em.flush();
    return rows.length + away.length;
  },
};
