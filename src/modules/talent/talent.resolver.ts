import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Person } from '../person/person.entity.js';
import { ExpertDirectoryConnection, ExpertDirectoryFilter, expertDirectoryService } from './expert-directory.js';
import { PoolMembership, TalentPool } from './pool-membership.entity.js';
import {
  DecideNominationInput,
  DecideNominationPayload,
  NominateToPoolInput,
  NominateToPoolPayload,
  PoolMembershipConnection,
  PoolShare,
  RetirePoolMemberInput,
  RetirePoolMemberPayload,
} from './talent.inputs.js';
import { talentService } from './talent.service.js';

@Resolver(() => PoolMembership)
export class TalentResolver {
  @Mutation(() => NominateToPoolPayload, { description: '推荐进入人才库（企业：本企业人员；省局：本辖区人员）。同一人员同一人才库已有推荐或已在库时返回 CONFLICT。' })
  async nominateToPool(@Ctx() ctx: Context, @Arg('input', () => NominateToPoolInput, { description: '推荐。' }) input: NominateToPoolInput): Promise<NominateToPoolPayload> {
    return Object.assign(new NominateToPoolPayload(), { membership: await talentService.nominate(ctx, input) });
  }

  @Mutation(() => DecideNominationPayload, { description: '审核推荐（国家局）：入库（给出任期）或不予入选。' })
  async decideNomination(@Ctx() ctx: Context, @Arg('input', () => DecideNominationInput, { description: '结论。' }) input: DecideNominationInput): Promise<DecideNominationPayload> {
    return Object.assign(new DecideNominationPayload(), { membership: await talentService.decide(ctx, input) });
  }

  @Mutation(() => RetirePoolMemberPayload, { description: '人才库成员退出（国家局）。' })
  async retirePoolMember(@Ctx() ctx: Context, @Arg('input', () => RetirePoolMemberInput, { description: '退出。' }) input: RetirePoolMemberInput): Promise<RetirePoolMemberPayload> {
    return Object.assign(new RetirePoolMemberPayload(), { membership: await talentService.retire(ctx, input) });
  }

  @Query(() => PoolMembershipConnection, {
    description: '待审核的推荐，按 R18 顺序（示范企业人员优先，其次优势企业，再其他；同类按推荐时间先后）分页：国家局全部，省局本辖区人员的。',
  })
  pendingNominations(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('pool', () => TalentPool, { nullable: true, description: '人才库（不填：全部）。' }) pool?: TalentPool | null,
  ) {
    return talentService.pending(ctx, args, pool);
  }

  @Query(() => [PoolShare], { description: '各人才库在库成员中示范、优势企业人员的占比（公开统计）。' })
  poolShares(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<PoolShare[]> {
    return talentService.shares(ctx, year);
  }

  @Query(() => ExpertDirectoryConnection, { description: '公开专家名录：公开人才库中任期内的成员，只含公开信息，按姓名排序。' })
  expertDirectory(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ExpertDirectoryFilter, { nullable: true, description: '筛选。' }) filter?: ExpertDirectoryFilter | null,
  ) {
    return expertDirectoryService.page(ctx, args, filter);
  }

  @FieldResolver(() => Person, { nullable: true, description: '被推荐人（可见范围同人员记录：国家局、省局和本人，其他人为 null）。' })
  person(@Root() m: PoolMembership, @Ctx() ctx: Context): Promise<Person | null> {
    return ctx.loaders.person.visibleById.load(m.person.id);
  }
}
