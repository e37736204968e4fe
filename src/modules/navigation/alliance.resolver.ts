import { Arg, Args, Ctx, Field, FieldResolver, Float, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { may } from '../../common/policy.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { AllianceFundEntry, PatentAlliance, PatentAllianceMember } from './alliance.entity.js';
import {
  AddAllianceMemberInput,
  AddAllianceMemberPayload,
  AllianceFundEntryConnection,
  CreatePatentAllianceInput,
  CreatePatentAlliancePayload,
  DissolvePatentAllianceInput,
  DissolvePatentAlliancePayload,
  PatentAllianceConnection,
  PatentAllianceFilter,
  RecordAllianceFundEntryInput,
  RecordAllianceFundEntryPayload,
  RemoveAllianceMemberInput,
  RemoveAllianceMemberPayload,
} from './alliance.inputs.js';
import { allianceService } from './alliance.service.js';
import { navigationActions } from './navigation.policy.js';

@ObjectType('AllianceFund', { description: '联合防御基金：余额和累计收支（元）。' })
export class AllianceFund {
  @Field(() => Float, { description: '余额。' })
  balance!: number;
  @Field(() => Float, { description: '累计出资。' })
  contributed!: number;
  @Field(() => Float, { description: '累计支出。' })
  paidOut!: number;
}

@Resolver(() => PatentAlliance)
export class PatentAllianceResolver {
  @Query(() => PatentAllianceConnection, { description: '产业专利联盟（公开），新建立的在前：名称、行业、牵头企业、成员；基金只有有权查看的才有。' })
  async patentAlliances(
    @Ctx() ctx: Context,
    @Arg('filter', () => PatentAllianceFilter, { nullable: true, description: '筛选。' }) filter: PatentAllianceFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return PatentAllianceConnection.from(await allianceService.list(ctx, filter, args));
  }

  @Mutation(() => CreatePatentAlliancePayload, { description: '建立产业专利联盟（牵头企业本身、其所在辖区省局或国家局）。' })
  async createPatentAlliance(@Ctx() ctx: Context, @Arg('input', () => CreatePatentAllianceInput, { description: '联盟。' }) input: CreatePatentAllianceInput): Promise<CreatePatentAlliancePayload> {
    return Object.assign(new CreatePatentAlliancePayload(), { alliance: await allianceService.create(ctx, input) });
  }

  @Mutation(() => AddAllianceMemberPayload, { description: '联盟增加成员。' })
  async addAllianceMember(@Ctx() ctx: Context, @Arg('input', () => AddAllianceMemberInput, { description: '成员。' }) input: AddAllianceMemberInput): Promise<AddAllianceMemberPayload> {
    return Object.assign(new AddAllianceMemberPayload(), { member: await allianceService.addMember(ctx, input) });
  }

  @Mutation(() => RemoveAllianceMemberPayload, { description: '成员退出联盟。' })
  async removeAllianceMember(@Ctx() ctx: Context, @Arg('input', () => RemoveAllianceMemberInput, { description: '退出。' }) input: RemoveAllianceMemberInput): Promise<RemoveAllianceMemberPayload> {
    return Object.assign(new RemoveAllianceMemberPayload(), { member: await allianceService.removeMember(ctx, input) });
  }

  @Mutation(() => RecordAllianceFundEntryPayload, { description: '登记联合防御基金的一笔出资或支出（支出不能超过余额）。' })
  async recordAllianceFundEntry(@Ctx() ctx: Context, @Arg('input', () => RecordAllianceFundEntryInput, { description: '收支。' }) input: RecordAllianceFundEntryInput): Promise<RecordAllianceFundEntryPayload> {
    return Object.assign(new RecordAllianceFundEntryPayload(), { entry: await allianceService.recordFundEntry(ctx, input) });
  }

  @Mutation(() => DissolvePatentAlliancePayload, { description: '解散联盟（基金须已支出完毕；在册成员随之退出）。' })
  async dissolvePatentAlliance(@Ctx() ctx: Context, @Arg('input', () => DissolvePatentAllianceInput, { description: '解散。' }) input: DissolvePatentAllianceInput): Promise<DissolvePatentAlliancePayload> {
    return Object.assign(new DissolvePatentAlliancePayload(), { alliance: await allianceService.dissolve(ctx, input) });
  }

  @FieldResolver(() => String, { description: '牵头企业名称。' })
  async leadEnterpriseName(@Root() a: PatentAlliance, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(a.leadEnterprise.id))?.name ?? '';
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '牵头企业（按企业名录的可见范围）。' })
  leadEnterprise(@Root() a: PatentAlliance, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(a.leadEnterprise.id);
  }

  @FieldResolver(() => [PatentAllianceMember], { description: '成员（在册的在前，按加入日期）：名称、类别、加入和退出日期。' })
  members(@Root() a: PatentAlliance, @Ctx() ctx: Context): Promise<PatentAllianceMember[]> {
    return ctx.loaders.navigation.membersByAlliance.load(a.id);
  }

  @FieldResolver(() => AllianceFund, { nullable: true, description: '联合防御基金（在册成员企业、牵头企业所在辖区省局和国家局可见，其他人为 null）。' })
  async fund(@Root() a: PatentAlliance, @Ctx() ctx: Context): Promise<AllianceFund | null> {
    if (!may(ctx.viewer, navigationActions.readAllianceFund)) return null;
    const totals = await ctx.loaders.navigation.fundTotals.load(a.id);
    return totals ? Object.assign(new AllianceFund(), totals) : null;
  }

  @FieldResolver(() => AllianceFundEntryConnection, { description: '基金的收支，日期新的在前（无权查看基金的为空）。' })
  async fundEntries(@Root() a: PatentAlliance, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return AllianceFundEntryConnection.from(await ctx.loaders.navigation.fundEntriesByAlliance.page(a.id, null, args, ctx.config));
  }
}

@Resolver(() => PatentAllianceMember)
export class PatentAllianceMemberResolver {
  @FieldResolver(() => Enterprise, { nullable: true, description: '成员企业（按企业名录的可见范围；非企业成员为 null）。' })
  enterprise(@Root() m: PatentAllianceMember, @Ctx() ctx: Context): Promise<Enterprise | null> | null {
    return m.enterprise ? ctx.loaders.enterprise.visibleById.load(m.enterprise.id) : null;
  }
}

@Resolver(() => AllianceFundEntry)
export class AllianceFundEntryResolver {
  @FieldResolver(() => String, { description: '成员名称。' })
  async memberName(@Root() e: AllianceFundEntry, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.navigation.memberName.load(e.member.id)) ?? '';
  }
}


