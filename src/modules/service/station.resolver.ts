import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Transition } from '../audit/history.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Region } from '../region/region.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import type { ServiceFacts } from './service.policy.js';
import { ServiceStation } from './station.entity.js';
import {
  ApproveServiceStationInput,
  ApproveServiceStationPayload,
  CloseServiceStationInput,
  CloseServiceStationPayload,
  OpenServiceStationInput,
  OpenServiceStationPayload,
  RejectServiceStationInput,
  RejectServiceStationPayload,
  RequestServiceStationInput,
  RequestServiceStationPayload,
  ServiceStationConnection,
  ServiceStationFilter,
  WithdrawServiceStationRequestInput,
  WithdrawServiceStationRequestPayload,
} from './station.inputs.js';
import { stationService } from './station.service.js';
import { ServiceRecordConnection, ServiceRecordListFilter } from './record.inputs.js';
import { nestedFilter } from './record.filters.js';

/** The facts of a station the rules need (its enterprise's jurisdiction through the batched loader). */
async function factsOf(ctx: Context, s: ServiceStation): Promise<ServiceFacts | null> {
  const e = await ctx.loaders.service.enterpriseFacts.load(s.enterprise.id);
  return e ? { enterpriseId: e.id, regionCode: e.regionCode, organizationId: s.organization?.id ?? null } : null;
}

/** `value` when the viewer reads the station's record (notes, decisions), else null. */
async function withRecord<T>(ctx: Context, s: ServiceStation, value: () => T | Promise<T>): Promise<T | null> {
  const facts = await factsOf(ctx, s);
  return facts && stationService.mayReadRecord(ctx, facts) ? value() : null;
}

@Resolver(() => ServiceStation)
export class ServiceStationResolver {
  @Query(() => ServiceStationConnection, {
    description: '示范企业知识产权服务站（申请新的在前）：公众只见运行中的（企业名称、服务团队、辖区、建站日期）；企业、所在辖区省局、指定的服务团队和国家局另见申请与审核。可按企业所在辖区（可按省汇总）、企业、服务团队、状态、某日运行中、建站和申请日期筛选。',
  })
  async serviceStations(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ServiceStationFilter, { nullable: true, description: '筛选条件。' }) filter?: ServiceStationFilter | null,
  ) {
    return ServiceStationConnection.from(await stationService.list(ctx, filter, args));
  }

  @Mutation(() => RequestServiceStationPayload, { description: '申请设立本企业的知识产权服务站（企业用户）：须现为示范企业（SV1，四(三)）；已有待审核、已同意或运行中的为 CONFLICT。' })
  async requestServiceStation(@Ctx() ctx: Context, @Arg('input', () => RequestServiceStationInput, { description: '申请。' }) input: RequestServiceStationInput) {
    return Object.assign(new RequestServiceStationPayload(), { station: await stationService.request(ctx, input) });
  }

  @Mutation(() => WithdrawServiceStationRequestPayload, { description: '撤回待审核的服务站申请（企业用户）。' })
  async withdrawServiceStationRequest(@Ctx() ctx: Context, @Arg('input', () => WithdrawServiceStationRequestInput, { description: '撤回。' }) input: WithdrawServiceStationRequestInput) {
    return Object.assign(new WithdrawServiceStationRequestPayload(), { station: await stationService.withdraw(ctx, input) });
  }

  @Mutation(() => ApproveServiceStationPayload, { description: '同意设立服务站并指定服务团队（企业所在辖区的省局）：企业须仍为示范企业（SV1），团队须为正常状态（SV2）。' })
  async approveServiceStation(@Ctx() ctx: Context, @Arg('input', () => ApproveServiceStationInput, { description: '同意。' }) input: ApproveServiceStationInput) {
    return Object.assign(new ApproveServiceStationPayload(), { station: await stationService.approve(ctx, input) });
  }

  @Mutation(() => RejectServiceStationPayload, { description: '不同意设立服务站（企业所在辖区的省局），附理由。' })
  async rejectServiceStation(@Ctx() ctx: Context, @Arg('input', () => RejectServiceStationInput, { description: '不同意。' }) input: RejectServiceStationInput) {
    return Object.assign(new RejectServiceStationPayload(), { station: await stationService.reject(ctx, input) });
  }

  @Mutation(() => OpenServiceStationPayload, { description: '登记建站（所在辖区省局、指定的服务团队、国家局）：建站日企业须为示范企业（SV1）。' })
  async openServiceStation(@Ctx() ctx: Context, @Arg('input', () => OpenServiceStationInput, { description: '建站。' }) input: OpenServiceStationInput) {
    return Object.assign(new OpenServiceStationPayload(), { station: await stationService.open(ctx, input) });
  }

  @Mutation(() => CloseServiceStationPayload, { description: '撤站（所在辖区省局、企业本身、国家局），附日期和理由。' })
  async closeServiceStation(@Ctx() ctx: Context, @Arg('input', () => CloseServiceStationInput, { description: '撤站。' }) input: CloseServiceStationInput) {
    return Object.assign(new CloseServiceStationPayload(), { station: await stationService.close(ctx, input) });
  }

  @FieldResolver(() => String, { description: '设站企业的名称（公开）。' })
  async enterpriseName(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(s.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => Region, { nullable: true, description: '设站企业所在的辖区（公开）。' })
  async region(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<Region | null> {
    const e = await ctx.loaders.service.enterpriseFacts.load(s.enterprise.id);
    return e ? (ctx.reference.region(e.regionCode) ?? null) : null;
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '设站企业（按企业名录的可见范围，看不到的为 null）。' })
  enterprise(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(s.enterprise.id);
  }

  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '指定的服务团队（同意前为 null）。' })
  async organization(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<ServiceOrganization | null> {
    return s.organization ? ctx.loaders.organization.byId.load(s.organization.id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '企业的需求说明（企业本身、所在辖区省局、服务团队和国家局可见，其他人为 null）。' })
  requestNote(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<string | null> {
    return withRecord(ctx, s, () => s.requestNote);
  }

  @FieldResolver(() => String, { nullable: true, description: '省局的审核意见或不同意的理由（可见范围同需求说明）。' })
  decisionNote(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<string | null> {
    return withRecord(ctx, s, () => s.decisionNote ?? null);
  }

  @FieldResolver(() => String, { nullable: true, description: '撤站理由（可见范围同需求说明）。' })
  closeReason(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<string | null> {
    return withRecord(ctx, s, () => s.closeReason ?? null);
  }

  @FieldResolver(() => [Transition], { nullable: true, description: '全部状态变化：申请、撤回、审核、建站、撤站（可见范围同需求说明，其他人为 null）。' })
  history(@Root() s: ServiceStation, @Ctx() ctx: Context): Promise<Transition[] | null> {
    return withRecord(ctx, s, () => ctx.loaders.audit.historyByObject.load(`ServiceStation:${s.id}`));
  }

  @FieldResolver(() => ServiceRecordConnection, { description: '在本服务站提供的服务记录（服务日期新的在前；按服务记录的可见范围，公众为空）。' })
  async serviceRecords(
    @Root() s: ServiceStation,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ServiceRecordListFilter, { nullable: true, description: '筛选条件。' }) filter?: ServiceRecordListFilter | null,
  ) {
    return ServiceRecordConnection.from(await ctx.loaders.service.recordsByStation.page(s.id, nestedFilter(filter), args, ctx.config));
  }
}
