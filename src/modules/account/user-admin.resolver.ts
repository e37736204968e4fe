import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Region } from '../region/region.entity.js';
import {
  CreateUserInput,
  CreateUserPayload,
  ResetUserPasswordInput,
  ResetUserPasswordPayload,
  SetUserDisabledInput,
  SetUserDisabledPayload,
  UserConnection,
  UserFilter,
} from './user-admin.inputs.js';
import { userAdminService } from './user-admin.service.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserAdminResolver {
  @Query(() => UserConnection, { description: '用户列表，按用户名排序：国家局看全部；省局看本辖区企业和服务机构的用户及本局管理员。' })
  async users(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => UserFilter, { nullable: true, description: '筛选。' }) filter?: UserFilter | null,
  ) {
    return UserConnection.from(await userAdminService.list(ctx, args, filter));
  }

  @FieldResolver(() => Region, { nullable: true, description: '省局管理员的辖区。' })
  region(@Root() u: User, @Ctx() ctx: Context): Region | null {
    return u.region ? (ctx.reference.region(u.region.unwrap().code) ?? null) : null;
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '企业用户所属企业（请求者可见时）。' })
  async enterprise(@Root() u: User, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return u.enterprise ? ctx.loaders.enterprise.visibleById.load(u.enterprise.id) : null;
  }

  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '服务机构用户所属机构。' })
  async organization(@Root() u: User, @Ctx() ctx: Context): Promise<ServiceOrganization | null> {
    return u.organization ? ctx.loaders.organization.byId.load(u.organization.id) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: '专家对应的人员记录。' })
  async person(@Root() u: User, @Ctx() ctx: Context): Promise<Person | null> {
    return u.person ? ctx.loaders.person.visibleById.load(u.person.id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '手机号（个人信息：仅国家局、本人和所属辖区省局可见，其他人为 null）。' })
  phone(@Root() u: User, @Ctx() ctx: Context): Promise<string | null> {
    return userAdminService.personalField(ctx, u, 'phone');
  }

  @FieldResolver(() => String, { nullable: true, description: '电子邮箱（个人信息，可见范围同手机号）。' })
  email(@Root() u: User, @Ctx() ctx: Context): Promise<string | null> {
    return userAdminService.personalField(ctx, u, 'email');
  }

  @Mutation(() => CreateUserPayload, { description: '创建用户：国家局可在任何范围创建；省局只能为本辖区的企业和服务机构创建用户。' })
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput, { description: '用户信息。' }) input: CreateUserInput): Promise<CreateUserPayload> {
    return Object.assign(new CreateUserPayload(), await userAdminService.create(ctx, input));
  }

  @Mutation(() => SetUserDisabledPayload, { description: '停用或启用用户（范围同 createUser）。' })
  async setUserDisabled(
    @Ctx() ctx: Context,
    @Arg('input', () => SetUserDisabledInput, { description: '用户与状态。' }) input: SetUserDisabledInput,
  ): Promise<SetUserDisabledPayload> {
    return Object.assign(new SetUserDisabledPayload(), { user: await userAdminService.setDisabled(ctx, input) });
  }

  @Mutation(() => ResetUserPasswordPayload, { description: '重置用户密码（范围同 createUser），返回一次性显示的新密码。' })
  async resetUserPassword(
    @Ctx() ctx: Context,
    @Arg('input', () => ResetUserPasswordInput, { description: '用户。' }) input: ResetUserPasswordInput,
  ): Promise<ResetUserPasswordPayload> {
    return Object.assign(new ResetUserPasswordPayload(), await userAdminService.resetPassword(ctx, input));
  }
}
