import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Transition } from '../audit/history.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { Bureau } from '../region/bureau.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { CommissionerDispatch, DispatchStatus } from './dispatch.entity.js';
import {
  CommissionerDispatchConnection,
  CommissionerDispatchFilter,
  DispatchCommissionerInput,
  DispatchCommissionerPayload,
  EndCommissionerDispatchInput,
  EndCommissionerDispatchPayload,
} from './dispatch.inputs.js';
import { dispatchService } from './dispatch.service.js';
import { RecordCommissionerVisitInput, RecordCommissionerVisitPayload, ServiceRecordConnection, ServiceRecordListFilter } from './record.inputs.js';
import { nestedFilter } from './record.filters.js';

@Resolver(() => CommissionerDispatch)
export class CommissionerDispatchResolver {
  @Query(() => CommissionerDispatchConnection, {
    description: '知识产权特派员的派驻（任期开始晚的在前）：企业本身、所在辖区省局、特派员所在服务机构、特派员本人和国家局可见；可按企业所在辖区（可按省汇总）、企业、服务机构、特派员、今日状态、任期与某期间有交集筛选。',
  })
  async commissionerDispatches(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => CommissionerDispatchFilter, { nullable: true, description: '筛选条件。' }) filter?: CommissionerDispatchFilter | null,
  ) {
    return CommissionerDispatchConnection.from(await dispatchService.list(ctx, filter, args));
  }

  @Mutation(() => DispatchCommissionerPayload, {
    description: '派出知识产权特派员（四(三)）：省局派往本辖区企业，国家局派往任何企业；特派员须为正常状态服务机构（SV2）在整个任期内的成员（SV3），同时服务的企业不超过规则设置 commissionerMaxEnterprises（SV4）；同一人员同一企业任期重叠为 CONFLICT。',
  })
  async dispatchCommissioner(@Ctx() ctx: Context, @Arg('input', () => DispatchCommissionerInput, { description: '派驻。' }) input: DispatchCommissionerInput): Promise<DispatchCommissionerPayload> {
    return Object.assign(new DispatchCommissionerPayload(), { dispatch: await dispatchService.dispatch(ctx, input) });
  }

  @Mutation(() => EndCommissionerDispatchPayload, { description: '提前结束派驻（派出的省局；国家局），附原因。' })
  async endCommissionerDispatch(@Ctx() ctx: Context, @Arg('input', () => EndCommissionerDispatchInput, { description: '结束。' }) input: EndCommissionerDispatchInput): Promise<EndCommissionerDispatchPayload> {
    return Object.assign(new EndCommissionerDispatchPayload(), { dispatch: await dispatchService.end(ctx, input) });
  }

  @Mutation(() => RecordCommissionerVisitPayload, { description: '记录特派员走访（特派员所在服务机构、派出的知识产权局、国家局）：同时是一条 COMMISSIONER_VISIT 服务记录，服务人员为特派员。' })
  async recordCommissionerVisit(@Ctx() ctx: Context, @Arg('input', () => RecordCommissionerVisitInput, { description: '走访。' }) input: RecordCommissionerVisitInput): Promise<RecordCommissionerVisitPayload> {
    return Object.assign(new RecordCommissionerVisitPayload(), await dispatchService.recordVisit(ctx, input));
  }

  @FieldResolver(() => DispatchStatus, { description: '今日的状态。' })
  status(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): DispatchStatus {
    return d.statusOn(ctx.clock.today());
  }

  @FieldResolver(() => String, { description: '特派员姓名（联系方式等个人信息见 commissioner，按人员的可见范围）。' })
  async commissionerName(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.personName.load(d.person.id)) ?? '';
  }

  @FieldResolver(() => Person, { nullable: true, description: '特派员的人员记录（国家局、省局和本人可见，其他人为 null）。' })
  commissioner(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Promise<Person | null> {
    return ctx.loaders.person.visibleById.load(d.person.id);
  }

  @FieldResolver(() => ServiceOrganization, { description: '特派员所在的服务机构。' })
  async organization(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(d.organization.id))!;
  }

  @FieldResolver(() => String, { description: '派往企业的名称。' })
  async enterpriseName(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(d.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '派往的企业（按企业名录的可见范围，看不到的为 null）。' })
  enterprise(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(d.enterprise.id);
  }

  @FieldResolver(() => Bureau, { nullable: true, description: '派出的知识产权局。' })
  bureau(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Bureau | null {
    return ctx.reference.bureau(d.bureauCode) ?? null;
  }

  @FieldResolver(() => [Transition], { description: '全部变化：派出、提前结束（操作者、时间、原因）。' })
  history(@Root() d: CommissionerDispatch, @Ctx() ctx: Context): Promise<Transition[]> {
    return ctx.loaders.audit.historyByObject.load(`CommissionerDispatch:${d.id}`);
  }

  @FieldResolver(() => ServiceRecordConnection, { description: '走访及其他在本任务下的服务记录（服务日期新的在前）。' })
  async visits(
    @Root() d: CommissionerDispatch,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ServiceRecordListFilter, { nullable: true, description: '筛选条件。' }) filter?: ServiceRecordListFilter | null,
  ) {
    return ServiceRecordConnection.from(await ctx.loaders.service.recordsByDispatch.page(d.id, nestedFilter(filter), args, ctx.config));
  }
}
