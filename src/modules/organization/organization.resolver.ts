import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Region } from '../region/region.entity.js';
import { ServiceOrganization } from './organization.entity.js';
import {
  CreateServiceOrganizationInput,
  CreateServiceOrganizationPayload,
  ServiceOrganizationConnection,
  ServiceOrganizationFilter,
  UpdateServiceOrganizationInput,
  UpdateServiceOrganizationPayload,
} from './organization.inputs.js';
import { canReadContacts } from './organization.policy.js';
import { organizationService } from './organization.service.js';

@Resolver(() => ServiceOrganization)
export class OrganizationResolver {
  @Query(() => ServiceOrganizationConnection, { description: '服务机构名录（公开；联系方式不公开），按名称排序，可按类别、状态、辖区（可按省汇总）、服务地区、服务领域和名称筛选。' })
  async serviceOrganizations(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ServiceOrganizationFilter, { nullable: true, description: '筛选条件。' }) filter?: ServiceOrganizationFilter | null,
  ) {
    return ServiceOrganizationConnection.from(await organizationService.list(ctx, filter, args));
  }

  @Mutation(() => CreateServiceOrganizationPayload, { description: '登记服务机构（国家局；省局登记本辖区的）。同类中同名的为 CONFLICT。' })
  async createServiceOrganization(@Ctx() ctx: Context, @Arg('input', () => CreateServiceOrganizationInput, { description: '服务机构。' }) input: CreateServiceOrganizationInput): Promise<CreateServiceOrganizationPayload> {
    return Object.assign(new CreateServiceOrganizationPayload(), { organization: await organizationService.create(ctx, input) });
  }

  @Mutation(() => UpdateServiceOrganizationPayload, { description: '修改服务机构的信息和状态（国家局；省局修改本辖区的）。' })
  async updateServiceOrganization(@Ctx() ctx: Context, @Arg('input', () => UpdateServiceOrganizationInput, { description: '修改。' }) input: UpdateServiceOrganizationInput): Promise<UpdateServiceOrganizationPayload> {
    return Object.assign(new UpdateServiceOrganizationPayload(), { organization: await organizationService.update(ctx, input) });
  }

  @FieldResolver(() => Region, { nullable: true, description: '所在辖区；驻外工作站为 null。' })
  region(@Root() o: ServiceOrganization, @Ctx() ctx: Context): Region | null {
    return o.region ? (ctx.reference.region(o.region.unwrap().code) ?? null) : null;
  }

  @FieldResolver(() => [Region], { description: '服务地区（省级辖区）。' })
  regionsServed(@Root() o: ServiceOrganization, @Ctx() ctx: Context): Region[] {
    return (o.regionsServed ?? []).map((code) => ctx.reference.region(code)).filter((r): r is Region => !!r);
  }

  @FieldResolver(() => String, { nullable: true, description: '联系人（国家局、所在辖区省局和本机构可见，其他人为 null）。' })
  contactName(@Root() o: ServiceOrganization, @Ctx() ctx: Context): string | null {
    return canReadContacts(ctx.viewer, o) ? (o.contactName ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话（国家局、所在辖区省局和本机构可见，其他人为 null）。' })
  contactPhone(@Root() o: ServiceOrganization, @Ctx() ctx: Context): string | null {
    return canReadContacts(ctx.viewer, o) ? (o.contactPhone ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系邮箱（可见范围同联系电话）。' })
  contactEmail(@Root() o: ServiceOrganization, @Ctx() ctx: Context): string | null {
    return canReadContacts(ctx.viewer, o) ? (o.contactEmail ?? null) : null;
  }
}
