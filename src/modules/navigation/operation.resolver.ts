import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { IpOperation } from './operation.entity.js';
import {
  IpOperationConnection,
  IpOperationFilter,
  RecordIpOperationInput,
  RecordIpOperationPayload,
  UpdateIpOperationInput,
  UpdateIpOperationPayload,
  VoidIpOperationInput,
  VoidIpOperationPayload,
} from './operation.inputs.js';
import { operationService } from './operation.service.js';

@Resolver(() => IpOperation)
export class IpOperationResolver {
  @Query(() => IpOperationConnection, { description: '知识产权运营记录（转让、许可、质押融资、作价出资、证券化），签订日期新的在前：企业看本企业的，省局看本辖区企业的，国家局看全部。' })
  async ipOperations(
    @Ctx() ctx: Context,
    @Arg('filter', () => IpOperationFilter, { nullable: true, description: '筛选。' }) filter: IpOperationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return IpOperationConnection.from(await operationService.list(ctx, filter, args));
  }

  @Mutation(() => RecordIpOperationPayload, { description: '登记企业的一项知识产权运营（企业本身、所在辖区省局或国家局）。' })
  async recordIpOperation(@Ctx() ctx: Context, @Arg('input', () => RecordIpOperationInput, { description: '运营。' }) input: RecordIpOperationInput): Promise<RecordIpOperationPayload> {
    return Object.assign(new RecordIpOperationPayload(), { operation: await operationService.record(ctx, input) });
  }

  @Mutation(() => UpdateIpOperationPayload, { description: '修改运营记录。' })
  async updateIpOperation(@Ctx() ctx: Context, @Arg('input', () => UpdateIpOperationInput, { description: '修改。' }) input: UpdateIpOperationInput): Promise<UpdateIpOperationPayload> {
    return Object.assign(new UpdateIpOperationPayload(), { operation: await operationService.update(ctx, input) });
  }

  @Mutation(() => VoidIpOperationPayload, { description: '作废运营记录（附理由）：不再计入统计。' })
  async voidIpOperation(@Ctx() ctx: Context, @Arg('input', () => VoidIpOperationInput, { description: '作废。' }) input: VoidIpOperationInput): Promise<VoidIpOperationPayload> {
    return Object.assign(new VoidIpOperationPayload(), { operation: await operationService.void(ctx, input) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  async enterpriseName(@Root() o: IpOperation, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(o.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '企业（按企业名录的可见范围，看不到的为 null）。' })
  enterprise(@Root() o: IpOperation, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(o.enterprise.id);
  }
}
