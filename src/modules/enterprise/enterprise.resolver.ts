import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { connectionTypes, ConnectionArgs } from '../../common/pagination.js';
import { CreditCodeScalar } from '../../common/scalars.js';
import { tryGlobalId } from '../../common/node.js';
import { enterpriseActions, factsOf, hasFullEnterpriseAccess } from './enterprise.policy.js';
import { may } from '../../common/policy.js';
import { Region } from '../region/region.entity.js';
import { Industry } from '../industry/industry.entity.js';
import { Designation, DesignationLevel } from '../designation/designation.entity.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseStatistics } from './enterprise-statistics.entity.js';
import {
  CreateEnterpriseInput,
  CreateEnterprisePayload,
  EnterpriseFilter,
  EnterpriseOrder,
  SetEnterpriseStatisticsInput,
  SetEnterpriseStatisticsPayload,
  UpdateEnterpriseInput,
  UpdateEnterprisePayload,
} from './enterprise.inputs.js';
import { enterpriseService } from './enterprise.service.js';
import { currentDesignationOf } from '../designation/designation.rules.js';
import { asksForAny } from '../../common/selection.js';
import { designationsOf } from '../designation/designation.loaders.js';

/** `f` of a value, or of a promise's value (then a promise). */
function then<T, R>(value: T | Promise<T>, f: (v: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** Fields of an enterprise that read its designations: a page asking for one reads them with its rows. */
const asksForDesignations = asksForAny('currentDesignation', 'stage', 'designations');

export const { Connection: EnterpriseConnection } = connectionTypes(Enterprise, 'Enterprise', '企业');

export enum EnterpriseStage {
  NONE = 'NONE',
  STANDARD_IMPLEMENTATION = 'STANDARD_IMPLEMENTATION',
  ADVANTAGE = 'ADVANTAGE',
  DEMONSTRATION = 'DEMONSTRATION',
}
registerEnumType(EnterpriseStage, {
  name: 'EnterpriseStage',
  description: '“三阶段”培育路径中企业所处的阶段，由其记录推导。Stage on the three-stage path.',
  valuesConfig: {
    NONE: { description: '尚未进入培育路径' },
    STANDARD_IMPLEMENTATION: { description: '已通过 GB/T 29490 贯标认证' },
    ADVANTAGE: { description: '当前为有效的国家知识产权优势企业' },
    DEMONSTRATION: { description: '当前为有效的国家知识产权示范企业' },
  },
});

function fullAccess(ctx: Context, e: Enterprise): boolean {
  return hasFullEnterpriseAccess(ctx.viewer, factsOf(e));
}

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, { nullable: true, description: '按全局 ID 查询企业；不存在时返回 null。' })
  enterprise(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: '企业的全局 ID。' }) id: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Enterprise | null> {
    const key = tryGlobalId(id, 'Enterprise');
    if (!key) throw badInput([{ field: 'id', message: '不是有效的企业 ID' }]);
    return enterpriseService.findById(ctx, key, { designations: !!info && asksForDesignations(info) });
  }

  @Query(() => Enterprise, { nullable: true, description: '按统一社会信用代码查询企业；不存在时返回 null。' })
  enterpriseByCreditCode(
    @Ctx() ctx: Context,
    @Arg('code', () => CreditCodeScalar, { description: '统一社会信用代码。' }) code: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Enterprise | null> {
    return enterpriseService.findByCreditCode(ctx, code, { designations: !!info && asksForDesignations(info) });
  }

  @Query(() => EnterpriseConnection, { description: '企业名录：可筛选、排序，键集分页。' })
  async enterprises(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: '筛选条件。' }) filter?: EnterpriseFilter | null,
    @Arg('orderBy', () => EnterpriseOrder, { nullable: true, description: '排序，默认按名称升序。' }) orderBy?: EnterpriseOrder | null,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return EnterpriseConnection.from(await enterpriseService.list(ctx, filter, orderBy, args, { designations: !!info && asksForDesignations(info) }));
  }

  @FieldResolver(() => Region, { description: '所在省级辖区。' })
  region(@Root() e: Enterprise, @Ctx() ctx: Context): Region {
    return ctx.reference.region(e.region.unwrap().code)!;
  }

  @FieldResolver(() => Industry, { description: '所属行业（GB/T 4754-2017）。' })
  industry(@Root() e: Enterprise, @Ctx() ctx: Context): Industry {
    return ctx.reference.industry(e.industry.unwrap().code)!;
  }

  @FieldResolver(() => [Designation], { description: '全部认定记录，最新的在前。' })
  designations(@Root() e: Enterprise, @Ctx() ctx: Context): Designation[] | Promise<Designation[]> {
    return designationsOf(e, ctx.loaders.designation.byEnterprise);
  }

  // Synchronous when the designations were read with the page (designationsOf): no promise per row.
  @FieldResolver(() => Designation, { nullable: true, description: '今日有效的认定（示范企业优先于优势企业）；没有则为 null。' })
  currentDesignation(@Root() e: Enterprise, @Ctx() ctx: Context): Designation | null | Promise<Designation | null> {
    return then(designationsOf(e, ctx.loaders.designation.byEnterprise), (list) => currentDesignationOf(list, ctx.clock.today()));
  }

  @FieldResolver(() => EnterpriseStage, { description: '在“三阶段”培育路径中的阶段，由认定和贯标记录推导。' })
  stage(@Root() e: Enterprise, @Ctx() ctx: Context): EnterpriseStage | Promise<EnterpriseStage> {
    return then(designationsOf(e, ctx.loaders.designation.byEnterprise), (list) => {
      const current = currentDesignationOf(list, ctx.clock.today());
      if (current) return current.level === DesignationLevel.DEMONSTRATION ? EnterpriseStage.DEMONSTRATION : EnterpriseStage.ADVANTAGE;
      return e.standardCertifiedOn ? EnterpriseStage.STANDARD_IMPLEMENTATION : EnterpriseStage.NONE;
    });
  }

  @FieldResolver(() => String, { nullable: true, description: '联系人（个人信息：国家局、本辖区省局和本企业可见，其他人为 null）。' })
  contactName(@Root() e: Enterprise, @Ctx() ctx: Context): string | null {
    return fullAccess(ctx, e) ? (e.contactName ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话（个人信息，可见范围同联系人）。' })
  contactPhone(@Root() e: Enterprise, @Ctx() ctx: Context): string | null {
    return fullAccess(ctx, e) ? (e.contactPhone ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系邮箱（个人信息，可见范围同联系人）。' })
  contactEmail(@Root() e: Enterprise, @Ctx() ctx: Context): string | null {
    return fullAccess(ctx, e) ? (e.contactEmail ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '知识产权局内部备注：仅国家局和本辖区省局可见，其他人为 null。' })
  internalNotes(@Root() e: Enterprise, @Ctx() ctx: Context): string | null {
    return may(ctx.viewer, enterpriseActions.readInternalNotes, factsOf(e)) ? (e.internalNotes ?? null) : null;
  }

  @FieldResolver(() => [EnterpriseStatistics], {
    nullable: true,
    description: '年度知识产权统计，按年份升序。不属于公开信息：仅国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  statistics(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Arg('years', () => [Int], { nullable: true, description: '只返回这些年度；不填返回全部。' }) years?: number[] | null,
  ): Promise<EnterpriseStatistics[] | null> {
    if (years && years.length > 50) throw badInput([{ field: 'years', message: '最多 50 个年度' }]);
    if (!fullAccess(ctx, e)) return Promise.resolve(null);
    const list = years ? [...new Set(years)].sort((a, b) => a - b) : null;
    return ctx.loaders.enterprise.statisticsByEnterprise.load({ enterpriseId: e.id, years: list });
  }

  @Mutation(() => CreateEnterprisePayload, { description: '登记企业。信用代码重复返回 CONFLICT；辖区、行业未知返回 BAD_USER_INPUT。' })
  async createEnterprise(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateEnterpriseInput, { description: '企业信息。' }) input: CreateEnterpriseInput,
  ): Promise<CreateEnterprisePayload> {
    const payload = new CreateEnterprisePayload();
    payload.enterprise = await enterpriseService.create(ctx, input);
    return payload;
  }

  @Mutation(() => UpdateEnterprisePayload, { description: '修改企业信息（须回传版本号；版本过期返回 CONFLICT）。' })
  async updateEnterprise(
    @Ctx() ctx: Context,
    @Arg('input', () => UpdateEnterpriseInput, { description: '要修改的字段。' }) input: UpdateEnterpriseInput,
  ): Promise<UpdateEnterprisePayload> {
    const payload = new UpdateEnterprisePayload();
    payload.enterprise = await enterpriseService.update(ctx, input);
    return payload;
  }

  @Mutation(() => SetEnterpriseStatisticsPayload, { description: '登记或修改企业某一年度的知识产权统计数据。' })
  async setEnterpriseStatistics(
    @Ctx() ctx: Context,
    @Arg('input', () => SetEnterpriseStatisticsInput, { description: '年度数据。' }) input: SetEnterpriseStatisticsInput,
  ): Promise<SetEnterpriseStatisticsPayload> {
    const payload = new SetEnterpriseStatisticsPayload();
    Object.assign(payload, await enterpriseService.setStatistics(ctx, input));
    return payload;
  }
}

@Resolver(() => EnterpriseStatistics)
export class EnterpriseStatisticsResolver {
  @FieldResolver(() => Enterprise, { description: '所属企业。' })
  async enterprise(@Root() s: EnterpriseStatistics, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.enterprise.visibleById.load(s.enterprise.id))!;
  }
}
