import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Region } from '../region/region.entity.js';
import { ServiceOrganization } from './organization.entity.js';
import { canReadContacts } from './organization.policy.js';

@Resolver(() => ServiceOrganization)
export class OrganizationResolver {
  @FieldResolver(() => Region, { nullable: true, description: '所在辖区；驻外工作站为 null。' })
  region(@Root() o: ServiceOrganization, @Ctx() ctx: Context): Region | null {
    return o.region ? (ctx.reference.region(o.region.unwrap().code) ?? null) : null;
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
