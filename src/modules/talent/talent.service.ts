import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { forbidden } from '../../common/errors.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { recordAudit } from '../audit/audit.service.js';
import { holdsTitleOn, titleOn } from '../designation/designation.rules.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { query, sql } from '../../common/sql.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { EmployerLevel, MembershipStatus, PoolMembership, type TalentPool } from './pool-membership.entity.js';
import { transaction } from '../../common/transaction.js';

/** The title the person's employer holds on `date` (R18 priority; the pools' shares). */
export async function employerLevelOn(em: EntityManager, enterpriseId: string | null | undefined, date: string): Promise<EmployerLevel> {
  const title = await titleOn(em, enterpriseId, date);
  return title === DesignationLevel.DEMONSTRATION ? EmployerLevel.DEMONSTRATION : title === DesignationLevel.ADVANTAGE ? EmployerLevel.ADVANTAGE : EmployerLevel.NONE;
}

/** The jurisdiction a person belongs to: their employer enterprise's, else their own region. */
async function jurisdictionOfPerson(em: EntityManager, person: Person): Promise<string | null> {
  if (person.employerEnterprise) return (await em.findOneOrFail(Enterprise, person.employerEnterprise.id)).region.unwrap().code;
  return person.regionCode ?? null;
}

export const talentService = {
  /** An enterprise nominates its own staff; a provincial bureau, people of its jurisdiction [D 四(四)一]. */
  async nominate(ctx: Context, input: { personId: string; pool: TalentPool; reason: string }): Promise<PoolMembership> {
    const v = requireUser(ctx);
    if (v.role !== 'ENTERPRISE_USER' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('人才库推荐由企业（本企业人员）或省局（本辖区）提出');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 2000) throw badInput([{ field: 'reason', message: '应为 1–2000 字' }]);
    return transaction(ctx.em, async (em) => {
      const person = await em.findOne(Person, personId);
      if (!person) throw notFound('人员', input.personId);
      const jurisdiction = await jurisdictionOfPerson(em, person);
      const allowed = v.role === 'ENTERPRISE_USER' ? person.employerEnterprise?.id === v.enterpriseId : jurisdiction === v.regionCode;
      if (!allowed) throw forbidden(v.role === 'ENTERPRISE_USER' ? '只能推荐本企业的人员' : '只能推荐本辖区的人员');
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
      recordAudit(em, ctx, { operation: 'nominateToPool', objectType: 'PoolMembership', objectId: membership.id, jurisdiction, changes: { status: { before: null, after: 'NOMINATED' }, pool: { before: null, after: input.pool } } });
      // The check above answers the ordinary case; the partial unique index (pool_membership_open_unique) holds it under concurrency.
      await flushOrConflict(em, { duplicate: () => conflict('该人员已被推荐或已在该人才库中') });
      return membership;
    });
  },

  /** The national admin admits (with a term) or declines a nomination. */
  async decide(ctx: Context, input: { id: string; version: number; admit: boolean; termStart?: string | null; termEnd?: string | null; note?: string | null }): Promise<PoolMembership> {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN') throw forbidden('人才库入库由国家局决定');
    const id = expectGlobalId(input.id, 'PoolMembership', 'id');
    if (input.admit && (!input.termStart || !input.termEnd || input.termEnd < input.termStart)) throw badInput([{ field: 'termEnd', message: '入库须给出任期，且结束不早于开始' }]);
    return transaction(ctx.em, async (em) => {
      const m = await em.findOne(PoolMembership, id, { lockMode: 4 });
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
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN') throw forbidden('人才库成员退出由国家局办理');
    const id = expectGlobalId(input.id, 'PoolMembership', 'id');
    return transaction(ctx.em, async (em) => {
      const m = await em.findOne(PoolMembership, id, { lockMode: 4 });
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

  /** Pending nominations, R18 order: demonstration-enterprise staff, then advantage, then others; oldest first within each. */
  async pending(ctx: Context, pool: TalentPool | null | undefined): Promise<PoolMembership[]> {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('无权查看推荐');
    const params: unknown[] = [];
    let where = `m.status = 'NOMINATED'`;
    if (pool) {
      where += ' and m.pool = ?';
      params.push(pool);
    }
    if (v.role === 'PROVINCIAL_ADMIN') {
      where += ` and coalesce((select e.region_code from enterprise e where e.id = p.employer_enterprise_id), p.region_code) = ?`;
      params.push(v.regionCode);
    }
    const rows = await ctx.em.execute<{ id: string }[]>(
      `select m.id from pool_membership m join person p on p.id = m.person_id where ${where}
        order by case m.employer_level when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end, m.nominated_at, m.id limit 1000`,
      params,
    );
    const found = await ctx.em.find(PoolMembership, { id: { $in: rows.map((r) => r.id) } });
    return rows.map((r) => found.find((f) => f.id === r.id)!);
  },

  /**
   * The plan's figure [D 四(四)一]: of each pool's members active at the end of `year` (or today, for
   * the current year), how many work at demonstration and at advantage enterprises (their employer's
   * title on that date). Computed in SQL.
   */
  async shares(ctx: Context, year: number) {
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
    return { date, rows };
  },
};
