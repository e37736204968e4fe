import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay } from '../../common/policy.js';
import { buildConnection, pageWindow, type ConnectionArgs, type Cursor } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { holdsTitleOn, titleOn } from '../designation/designation.rules.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { and, query, sql, trusted } from '../../common/sql.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { EmployerLevel, MembershipStatus, PoolMembership, TalentPool } from './pool-membership.entity.js';
import { membershipVisibility, talentActions, type NomineeFacts } from './talent.policy.js';
import { PoolMembershipConnection, PoolShare } from './talent.inputs.js';
import { transaction } from '../../common/transaction.js';

/** The title the person's employer holds on `date` (R18 priority; the pools' shares). */
export async function employerLevelOn(em: EntityManager, enterpriseId: string | null | undefined, date: string): Promise<EmployerLevel> {
  const title = await titleOn(em, enterpriseId, date);
  return title === DesignationLevel.DEMONSTRATION ? EmployerLevel.DEMONSTRATION : title === DesignationLevel.ADVANTAGE ? EmployerLevel.ADVANTAGE : EmployerLevel.NONE;
}

/** The jurisdiction a person belongs to: their employer enterprise's, else their own region (personJurisdiction in SQL). */
async function jurisdictionOfPerson(em: EntityManager, person: Person): Promise<string | null> {
  if (person.employerEnterprise) return (await em.findOneOrFail(Enterprise, person.employerEnterprise.id)).region.unwrap().code;
  return person.regionCode ?? null;
}

/** What the talent rules need to know of a nominee. */
async function nomineeFacts(em: EntityManager, person: Person): Promise<NomineeFacts> {
  return { personId: person.id, enterpriseId: person.employerEnterprise?.id ?? null, regionCode: await jurisdictionOfPerson(em, person) };
}

/**
 * R18: the review order of nominations — demonstration-enterprise staff, then advantage, then the
 * others; oldest first within each. The rank in SQL (alias m of pool_membership; the same expression
 * as the partial index pool_membership_pending_idx) and in code, for the cursor.
 */
const PRIORITY_SQL = trusted(`(case m.employer_level when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end)`);
const PRIORITY: Record<EmployerLevel, number> = { [EmployerLevel.DEMONSTRATION]: 0, [EmployerLevel.ADVANTAGE]: 1, [EmployerLevel.NONE]: 2 };

/** The queue's cursor carries the whole key (priority, nominated_at, id): value `<priority>|<nominatedAt ISO>`. */
const PENDING_ORDER = 'R18';
const PENDING_VALUE = /^([0-2])\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/;
const pendingCursorOf = (m: PoolMembership): Cursor => ({ order: PENDING_ORDER, value: `${PRIORITY[m.employerLevel]}|${m.nominatedAt.toISOString()}`, id: m.id });
const pendingBound = (c: Cursor, op: '>' | '<') => {
  const [, priority, nominatedAt] = PENDING_VALUE.exec(String(c.value))!;
  return sql`(${PRIORITY_SQL}, m.nominated_at, m.id) ${trusted(op)} (${Number(priority)}::int, ${nominatedAt}::timestamptz, ${c.id}::uuid)`;
};

export const talentService = {
  /** An enterprise nominates its own staff; a provincial bureau, people of its jurisdiction [D 四(四)一]. */
  async nominate(ctx: Context, input: { personId: string; pool: TalentPool; reason: string }): Promise<PoolMembership> {
    const v = requireUser(ctx);
    assertMay(ctx, talentActions.nominate, undefined);
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 2000) throw badInput([{ field: 'reason', message: '应为 1–2000 字' }]);
    return transaction(ctx.em, async (em) => {
      const person = await em.findOne(Person, personId);
      if (!person) throw notFound('人员', input.personId);
      const nominee = await nomineeFacts(em, person);
      assertMay(ctx, talentActions.nominate, nominee);
      const open = await em.count(PoolMembership, { person: personId, pool: input.pool, status: { $in: [MembershipStatus.NOMINATED, MembershipStatus.ADMITTED] } });
      if (open) throw conflict('该人员已被推荐或已在该人才库中');
      const membership = em.create(PoolMembership, {
        person: personId,
        pool: input.pool,
        employerLevel: await employerLevelOn(em, person.employerEnterprise?.id, ctx.clock.today()),
        reason,
        nominatedBy: v.username,
        nominatorRole: v.role,
        nominatedAt: ctx.clock.now(),
      });
      recordAudit(em, ctx, { operation: 'nominateToPool', objectType: 'PoolMembership', objectId: membership.id, jurisdiction: nominee.regionCode, changes: { status: { before: null, after: 'NOMINATED' }, pool: { before: null, after: input.pool } } });
      // The check above answers the ordinary case; the partial unique index (pool_membership_open_unique) holds it under concurrency.
      await flushOrConflict(em, { duplicate: () => conflict('该人员已被推荐或已在该人才库中') });
      return membership;
    });
  },

  /** The national admin admits (with a term) or declines a nomination. */
  async decide(ctx: Context, input: { id: string; version: number; admit: boolean; termStart?: string | null; termEnd?: string | null; note?: string | null }): Promise<PoolMembership> {
    assertMay(ctx, talentActions.decideNomination);
    const id = expectGlobalId(input.id, 'PoolMembership', 'id');
    if (input.admit && (!input.termStart || !input.termEnd || input.termEnd < input.termStart)) throw badInput([{ field: 'termEnd', message: '入库须给出任期，且结束不早于开始' }]);
    return transaction(ctx.em, async (em) => {
      const m = await em.findOne(PoolMembership, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!m) throw notFound('推荐', input.id);
      if (m.status !== MembershipStatus.NOMINATED) throw conflict('该推荐已处理', { status: m.status });
      if (m.version !== input.version) throw conflict('推荐已被修改，请刷新后重试', { field: 'version', currentVersion: m.version });
      m.status = input.admit ? MembershipStatus.ADMITTED : MembershipStatus.DECLINED;
      m.termStart = input.admit ? input.termStart : null;
      m.termEnd = input.admit ? input.termEnd : null;
      m.decisionNote = input.note?.trim() || null;
      const person = await em.findOneOrFail(Person, m.person.id);
      recordAudit(em, ctx, { operation: 'decideNomination', objectType: 'PoolMembership', objectId: m.id, jurisdiction: await jurisdictionOfPerson(em, person), changes: { status: { before: 'NOMINATED', after: m.status }, term: { before: null, after: input.admit ? `${m.termStart}–${m.termEnd}` : null } } });
      await em.flush();
      return m;
    });
  },

  async retire(ctx: Context, input: { id: string; version: number; retiredOn: string }): Promise<PoolMembership> {
    assertMay(ctx, talentActions.retireMember);
    const id = expectGlobalId(input.id, 'PoolMembership', 'id');
    return transaction(ctx.em, async (em) => {
      const m = await em.findOne(PoolMembership, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!m) throw notFound('成员资格', input.id);
      if (m.status !== MembershipStatus.ADMITTED) throw conflict('只有在库成员可以退出', { status: m.status });
      if (m.version !== input.version) throw conflict('成员资格已被修改，请刷新后重试', { field: 'version', currentVersion: m.version });
      if (m.termStart && input.retiredOn < m.termStart) throw badInput([{ field: 'retiredOn', message: '不能早于任期开始' }]);
      m.status = MembershipStatus.RETIRED;
      m.retiredOn = input.retiredOn;
      const person = await em.findOneOrFail(Person, m.person.id);
      recordAudit(em, ctx, { operation: 'retirePoolMember', objectType: 'PoolMembership', objectId: m.id, jurisdiction: await jurisdictionOfPerson(em, person), changes: { status: { before: 'ADMITTED', after: 'RETIRED' }, retiredOn: { before: null, after: input.retiredOn } } });
      await em.flush();
      return m;
    });
  },

  /**
   * Pending nominations in R18 order, a page at a time (keyset on priority, nominated_at, id): the
   * national admin all, a provincial admin those of its jurisdiction's people (membershipVisibility).
   */
  async pending(ctx: Context, args: ConnectionArgs, pool: TalentPool | null | undefined) {
    assertMay(ctx, talentActions.readNominations);
    const window = pageWindow(args, PENDING_ORDER, ctx.config, (x) => typeof x === 'string' && PENDING_VALUE.test(x));
    // The status as a literal, so that the planner matches the partial index's predicate.
    const where = and(sql`m.status = 'NOMINATED'`, pool ? sql`m.pool = ${pool}` : null, membershipVisibility(ctx.viewer, ctx.clock.today(), 'm'));
    const dir = trusted(window.backward ? 'desc' : 'asc');
    const rows =
      window.limit === 0
        ? []
        : await query(
            ctx.em,
            sql`select m.* from pool_membership m
                 where ${and(where, window.after && pendingBound(window.after, '>'), window.before && pendingBound(window.before, '<'))}
                 order by ${PRIORITY_SQL} ${dir}, m.nominated_at ${dir}, m.id ${dir} limit ${window.limit + 1}`,
          );
    const memberships = rows.map((row) => ctx.em.map(PoolMembership, row));
    const totalCount = async () => (await query<{ n: number }>(ctx.em, sql`select count(*)::int as n from pool_membership m where ${where}`))[0]!.n;
    return PoolMembershipConnection.from(buildConnection(memberships, window, pendingCursorOf, totalCount));
  },

  /**
   * The plan's figure [D 四(四)一]: of each pool's members active at the end of `year` (or today, for
   * the current year), how many work at demonstration and at advantage enterprises (their employer's
   * title on that date). Computed in SQL.
   */
  async shares(ctx: Context, year: number): Promise<PoolShare[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput([{ field: 'year', message: '应在 2000 到 2100 之间' }]);
    const today = ctx.clock.today();
    const date = `${year}-12-31` < today ? `${year}-12-31` : today;
    const rows = await query<{ pool: string; members: number; demonstration: number; advantage: number }>(
      ctx.em,
      sql`with active as (
         select m.pool, p.employer_enterprise_id as enterprise_id from pool_membership m join person p on p.id = m.person_id
          where m.status in ('ADMITTED', 'RETIRED') and m.term_start <= ${date}::date and m.term_end >= ${date}::date and (m.retired_on is null or m.retired_on > ${date}::date)
       ), levels as (
         select a.pool,
                ${holdsTitleOn('a.enterprise_id', date, [DesignationLevel.DEMONSTRATION])} as demo,
                ${holdsTitleOn('a.enterprise_id', date, [DesignationLevel.ADVANTAGE])} as adv
           from active a
       )
       select pool, count(*)::int as members, count(*) filter (where demo)::int as demonstration, count(*) filter (where adv and not demo)::int as advantage
         from levels group by pool order by pool`,
    );
    return Object.values(TalentPool).map((pool) => {
      const r = rows.find((x) => x.pool === pool) ?? { members: 0, demonstration: 0, advantage: 0 };
      return Object.assign(new PoolShare(), {
        pool,
        date,
        members: r.members,
        demonstration: r.demonstration,
        advantage: r.advantage,
        demonstrationShare: r.members ? r.demonstration / r.members : 0,
        advantageShare: r.members ? r.advantage / r.members : 0,
      });
    });
  },
};
