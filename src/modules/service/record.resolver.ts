import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Transition } from '../audit/history.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ServiceRecord } from './service-record.entity.js';
import { ServiceStation } from './station.entity.js';
import { CommissionerDispatch } from './dispatch.entity.js';
import {
  RecordServiceInput,
  RecordServicePayload,
  ServicePerson,
  ServiceRecordConnection,
  ServiceRecordFilter,
  ServiceRecordListFilter,
  UpdateServiceRecordInput,
  UpdateServiceRecordPayload,
  VoidServiceRecordInput,
  VoidServiceRecordPayload,
} from './record.inputs.js';
import { recordService } from './record.service.js';
import { nestedFilter } from './record.filters.js';

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @Query(() => ServiceRecordConnection, {
    description: '服务记录（服务日期新的在前）：企业本身、所在辖区省局、提供服务的机构和国家局可见，不公开；可按企业所在辖区（可按省汇总）、企业、机构、服务站、特派任务、类型、服务日期筛选；默认不含已作废的。',
  })
  async serviceRecords(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ServiceRecordFilter, { nullable: true, description: '筛选条件。' }) filter?: ServiceRecordFilter | null,
  ) {
    return ServiceRecordConnection.from(await recordService.list(ctx, filter, args));
  }

  @Mutation(() => RecordServicePayload, { description: '登记一次服务（服务机构为本机构提供的服务；省局为本辖区企业；国家局）。' })
  async recordService(@Ctx() ctx: Context, @Arg('input', () => RecordServiceInput, { description: '服务。' }) input: RecordServiceInput): Promise<RecordServicePayload> {
    return Object.assign(new RecordServicePayload(), { record: await recordService.record(ctx, input) });
  }

  @Mutation(() => UpdateServiceRecordPayload, { description: '修改服务记录（登记的范围同 recordService；已作废的不能改）。' })
  async updateServiceRecord(@Ctx() ctx: Context, @Arg('input', () => UpdateServiceRecordInput, { description: '修改。' }) input: UpdateServiceRecordInput): Promise<UpdateServiceRecordPayload> {
    return Object.assign(new UpdateServiceRecordPayload(), { record: await recordService.update(ctx, input) });
  }

  @Mutation(() => VoidServiceRecordPayload, { description: '作废服务记录（附理由）：不再计入统计，记录和历史保留。' })
  async voidServiceRecord(@Ctx() ctx: Context, @Arg('input', () => VoidServiceRecordInput, { description: '作废。' }) input: VoidServiceRecordInput): Promise<VoidServiceRecordPayload> {
    return Object.assign(new VoidServiceRecordPayload(), { record: await recordService.void(ctx, input) });
  }

  @FieldResolver(() => String, { description: '接受服务的企业名称。' })
  async enterpriseName(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(r.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '接受服务的企业（按企业名录的可见范围，看不到的为 null）。' })
  enterprise(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(r.enterprise.id);
  }

  @FieldResolver(() => ServiceOrganization, { description: '提供服务的机构。' })
  async organization(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(r.organization.id))!;
  }

  @FieldResolver(() => ServiceStation, { nullable: true, description: '所属的服务站（没有的为 null）。' })
  async station(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<ServiceStation | null> {
    return r.station ? ctx.loaders.service.stationById.load(r.station.id) : null;
  }

  @FieldResolver(() => CommissionerDispatch, { nullable: true, description: '所属的特派任务（没有的为 null）。' })
  async dispatch(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<CommissionerDispatch | null> {
    return r.dispatch ? ctx.loaders.service.dispatchById.load(r.dispatch.id) : null;
  }

  @FieldResolver(() => [ServicePerson], { description: '提供服务的人员（最多 20 人）：姓名；人员记录按人员的可见范围。' })
  async deliveredBy(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<ServicePerson[]> {
    const [names, people] = await Promise.all([ctx.loaders.service.personName.loadMany(r.deliveredBy), ctx.loaders.person.visibleById.loadMany(r.deliveredBy)]);
    return r.deliveredBy.map((_, i) => Object.assign(new ServicePerson(), { name: typeof names[i] === 'string' ? names[i] : '', person: people[i] instanceof Error ? null : (people[i] ?? null) }));
  }

  @FieldResolver(() => [StoredFile], { description: '附件（最多 30 个；按文件的可见范围）。' })
  async attachments(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return (await ctx.loaders.file.visibleById.loadMany(r.attachmentIds)).filter((f): f is StoredFile => f instanceof StoredFile);
  }

  @FieldResolver(() => [Transition], { description: '全部变化：登记、修改、作废（操作者、时间、理由）。' })
  history(@Root() r: ServiceRecord, @Ctx() ctx: Context): Promise<Transition[]> {
    return ctx.loaders.audit.historyByObject.load(`ServiceRecord:${r.id}`);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseServiceResolver {
  @FieldResolver(() => ServiceRecordConnection, { description: '企业接受的服务记录（服务日期新的在前）：企业本身、所在辖区省局、提供服务的机构（只见本机构的）和国家局可见，其他人为空。' })
  async serviceRecords(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ServiceRecordListFilter, { nullable: true, description: '筛选条件。' }) filter?: ServiceRecordListFilter | null,
  ) {
    return ServiceRecordConnection.from(await ctx.loaders.service.recordsByEnterprise.page(e.id, nestedFilter(filter), args, ctx.config));
  }

  @FieldResolver(() => ServiceStation, { nullable: true, description: '企业待审核、已同意或运行中的知识产权服务站（至多一个；按服务站的可见范围）。' })
  serviceStation(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<ServiceStation | null> {
    return ctx.loaders.service.heldStation.load(e.id);
  }
}
