import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { type SqlCondition, Sql, sql, FALSE } from '../../common/sql.js';
import { badInput } from '../../common/errors.js';
import { toGlobalId } from '../../common/node.js';
import { ConnectionArgs, connectionTypes, filteredQuery, keysetPage, whereAnyOf } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Person, Specialty } from '../person/person.entity.js';
import { MembershipStatus, PoolMembership, PUBLIC_POOLS, TalentPool } from './pool-membership.entity.js';
import { talentService } from './talent.service.js';

@InputType('NominateToPoolInput', { description: '推荐人员进入人才库（企业：本企业人员；省局：本辖区人员）。' })
class NominateToPoolInput {
  @Field(() => ID, { description: '人员的全局 ID。' })
  personId!: string;
  @Field(() => TalentPool, { description: '人才库。' })
  pool!: TalentPool;
  @Field(() => String, { description: '推荐理由。' })
  reason!: string;
}

@InputType('DecideNominationInput', { description: '审核推荐（国家局）：入库须给出任期。' })
class DecideNominationInput {
  @Field(() => ID, { description: '推荐的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => Boolean, { description: 'true 入库，false 不予入选。' })
  admit!: boolean;
  @Field(() => DateScalar, { nullable: true, description: '任期开始。' })
  termStart?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '任期结束（含）。' })
  termEnd?: string | null;
  @Field(() => String, { nullable: true, description: '审核意见。' })
  note?: string | null;
}

@InputType('RetirePoolMemberInput', { description: '人才库成员退出（国家局）。' })
class RetirePoolMemberInput {
  @Field(() => ID, { description: '成员资格的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => DateScalar, { description: '退出日期。' })
  retiredOn!: string;
}

@ObjectType('PoolMembershipPayload', { description: '人才库操作的结果。' })
class PoolMembershipPayload {
  @Field(() => PoolMembership, { description: '推荐或成员资格。' })
  membership!: PoolMembership;
}

@ObjectType('PoolShare', { description: '某人才库某日在库成员中示范、优势企业人员的数量和占比（四(四)一）。' })
class PoolShare {
  @Field(() => TalentPool, { description: '人才库。' })
  pool!: TalentPool;
  @Field(() => DateScalar, { description: '统计日（年末；当年为今日）。' })
  date!: string;
  @Field(() => Int, { description: '在库成员数。' })
  members!: number;
  @Field(() => Int, { description: '其中示范企业人员。' })
  demonstration!: number;
  @Field(() => Int, { description: '其中优势企业人员（不含同时为示范企业者）。' })
  advantage!: number;
  @Field(() => Float, { description: '示范企业人员占比（0–1）。' })
  demonstrationShare!: number;
  @Field(() => Float, { description: '优势企业人员占比（0–1）。' })
  advantageShare!: number;
}

@InputType('ExpertDirectoryFilter', { description: '专家名录筛选。' })
class ExpertDirectoryFilter {
  @Field(() => [TalentPool], { nullable: true, description: '公开的人才库之一（专家咨询委员会、专家库、师资库）。' })
  pools?: TalentPool[] | null;
  @Field(() => [Specialty], { nullable: true, description: '专业领域之一。' })
  specialties?: Specialty[] | null;
  @Field(() => [String], { nullable: true, description: '技术领域（IPC）之一，前缀匹配，例如 H01 匹配 H01L。' })
  technicalFields?: string[] | null;
  @Field(() => [RegionCodeScalar], { nullable: true, description: '所在辖区之一。' })
  regionCodes?: string[] | null;
}

/** What the public expert directory shows of a person: public fields only. */
@ObjectType('ExpertDirectoryEntry', { description: '公开专家名录中的一项（仅公开信息，不含任何个人联系方式）。' })
export class ExpertDirectoryEntry {
  @Field(() => ID, { description: '条目 ID。' })
  id!: string;
  @Field(() => String, { description: '姓名。' })
  name!: string;
  @Field(() => String, { nullable: true, description: '工作单位。' })
  employer!: string | null;
  @Field(() => String, { nullable: true, description: '职务或职称。' })
  title!: string | null;
  @Field(() => RegionCodeScalar, { nullable: true, description: '所在辖区。' })
  regionCode!: string | null;
  @Field(() => [Specialty], { description: '专业领域。' })
  specialties!: Specialty[];
  @Field(() => [String], { description: '技术领域。' })
  technicalFields!: string[];
  @Field(() => [TalentPool], { description: '所在的公开人才库。' })
  pools!: TalentPool[];
}

/** The public face of a person: public fields only, and the public pools they serve in today. */
export function directoryEntry(p: Person, memberships: PoolMembership[], today: string): ExpertDirectoryEntry {
  return Object.assign(new ExpertDirectoryEntry(), {
    id: toGlobalId('ExpertDirectoryEntry', p.id),
    name: p.name,
    employer: p.employer ?? null,
    title: p.title ?? null,
    regionCode: p.regionCode ?? null,
    specialties: p.specialties,
    technicalFields: p.technicalFields,
    pools: [...new Set(memberships.filter((m) => m.person.id === p.id && m.termStart! <= today && m.termEnd! >= today).map((m) => m.pool))],
  });
}

const { Connection: ExpertDirectoryConnection } = connectionTypes(ExpertDirectoryEntry, 'ExpertDirectory', '专家名录');

@Resolver(() => PoolMembership)
export class TalentResolver {
  @Mutation(() => PoolMembershipPayload, { description: '推荐进入人才库（企业或省局）。' })
  async nominateToPool(@Ctx() ctx: Context, @Arg('input', () => NominateToPoolInput, { description: '推荐。' }) input: NominateToPoolInput) {
    return Object.assign(new PoolMembershipPayload(), { membership: await talentService.nominate(ctx, input) });
  }

  @Mutation(() => PoolMembershipPayload, { description: '审核推荐（国家局）。' })
  async decideNomination(@Ctx() ctx: Context, @Arg('input', () => DecideNominationInput, { description: '结论。' }) input: DecideNominationInput) {
    return Object.assign(new PoolMembershipPayload(), { membership: await talentService.decide(ctx, input) });
  }

  @Mutation(() => PoolMembershipPayload, { description: '成员退出（国家局）。' })
  async retirePoolMember(@Ctx() ctx: Context, @Arg('input', () => RetirePoolMemberInput, { description: '退出。' }) input: RetirePoolMemberInput) {
    return Object.assign(new PoolMembershipPayload(), { membership: await talentService.retire(ctx, input) });
  }

  @Query(() => [PoolMembership], { description: '待审核的推荐（R18：示范企业人员优先，其次优势企业，再按推荐时间）：国家局全部，省局本辖区。' })
  pendingNominations(@Ctx() ctx: Context, @Arg('pool', () => TalentPool, { nullable: true, description: '人才库。' }) pool?: TalentPool | null) {
    return talentService.pending(ctx, pool);
  }

  @Query(() => [PoolShare], { description: '各人才库在库成员中示范、优势企业人员的占比（公开统计）。' })
  async poolShares(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<PoolShare[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput([{ field: 'year', message: '应在 2000 到 2100 之间' }]);
    const { date, rows } = await talentService.shares(ctx, year);
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
  }

  @Query(() => ExpertDirectoryConnection, { description: '公开专家名录：公开人才库中任期内的成员，只含公开信息。' })
  async expertDirectory(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ExpertDirectoryFilter, { nullable: true, description: '筛选。' }) filter?: ExpertDirectoryFilter | null,
  ) {
    const today = ctx.clock.today();
    const pools = (filter?.pools ?? PUBLIC_POOLS).filter((p) => PUBLIC_POOLS.includes(p));
    const where: SqlCondition[] = [
      pools.length
        ? sql`exists (select 1 from pool_membership m where m.person_id = p.id and m.status = 'ADMITTED' and m.pool in (${pools}) and m.term_start <= ${today}::date and m.term_end >= ${today}::date)`
        : FALSE,
    ];
    where.push(...whereAnyOf('jsonb_exists_any(p.specialties, array[?]::text[])', filter?.specialties));
    if (filter?.technicalFields) {
      const prefixes = filter.technicalFields.map((f) => f.trim().toUpperCase()).filter(Boolean);
      where.push(prefixes.length ? new Sql(`exists (select 1 from jsonb_array_elements_text(p.technical_fields) f where ${prefixes.map(() => 'f like ?').join(' or ')})`, prefixes.map((x) => `${x.replace(/[\\%_]/g, '')}%`)) : new Sql('false', []));
    }
    where.push(...whereAnyOf('p.region_code in (?)', filter?.regionCodes));
    const page = await keysetPage<Person>({
      query: filteredQuery(ctx.em, Person, 'p', where),
      args,
      limits: ctx.config,
      orderKey: 'NAME:ASC',
      ascending: true,
      column: 'p.name',
      idColumn: 'p.id',
      cast: 'text',
      property: 'name',
      value: (p) => p.name,
      valueOk: (x) => typeof x === 'string' && x.length <= 100,
    });
    const ids = page.edges.map((e) => e.node.id);
    const memberships = ids.length ? await ctx.em.find(PoolMembership, { person: { $in: ids }, status: MembershipStatus.ADMITTED, pool: { $in: [...PUBLIC_POOLS] } }) : [];
    return ExpertDirectoryConnection.from({
      ...page,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: directoryEntry(e.node, memberships, today),
      })),
    });
  }

  @FieldResolver(() => Person, { nullable: true, description: '被推荐人（可见范围同人员记录）。' })
  async person(@Root() m: PoolMembership, @Ctx() ctx: Context): Promise<Person | null> {
    const p = await ctx.em.findOne(Person, m.person.id);
    const v = ctx.viewer;
    const visible = v.kind === 'USER' && (v.role === 'NATIONAL_ADMIN' || v.role === 'PROVINCIAL_ADMIN' || v.personId === m.person.id);
    return visible ? p : null;
  }
}
