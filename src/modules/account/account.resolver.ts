import { Arg, Args, Ctx, Field, FieldResolver, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { forbidden } from '../../common/errors.js';
import { isUser, jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { type SqlCondition, Sql } from '../../common/sql.js';
import { ConnectionArgs, connectionTypes, filteredQuery, keysetPage, whereAnyOf } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { Region } from '../region/region.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { User, UserRole } from './user.entity.js';
import {
  AuthPayload,
  ChangePasswordInput,
  ChangePasswordPayload,
  CreateUserInput,
  CreateUserPayload,
  LoginInput,
  LogoutInput,
  LogoutPayload,
  Me,
  RefreshSessionInput,
  ResetUserPasswordInput,
  ResetUserPasswordPayload,
  SetUserDisabledInput,
  SetUserDisabledPayload,
} from './account.inputs.js';
import { accountService } from './account.service.js';
import { IN_JURISDICTION } from './jurisdiction.js';
import { permissionsOf } from '../../common/policy.js';
import { policies } from '../../policies.js';

export const { Connection: UserConnection } = connectionTypes(User, 'User', '用户');

@InputType('UserFilter', { description: '用户列表筛选。' })
export class UserFilter {
  @Field(() => [UserRole], { nullable: true, description: '角色之一。' })
  roles?: UserRole[] | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '范围所在辖区（省局管理员本人、辖区内企业或机构的用户）。' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否停用。' })
  disabled?: boolean | null;
}


/** Personal fields of a user: national admin, the user, and a provincial admin of the user's jurisdiction (enterprise/provider users). */
async function canReadUserPersonal(ctx: Context, user: User): Promise<boolean> {
  const v = ctx.viewer;
  if (!isUser(v)) return false;
  if (v.role === 'NATIONAL_ADMIN' || v.userId === user.id) return true;
  const region = jurisdictionOf(v);
  if (!region) return false;
  const rows = await ctx.em.execute(`select 1 from app_user u where u.id = ? and ${IN_JURISDICTION}`, [user.id, region, region, region]);
  return rows.length > 0;
}

@Resolver(() => User)
export class AccountResolver {
  @Query(() => Me, { description: '当前请求者：是谁、角色与范围、可以做什么。' })
  async me(@Ctx() ctx: Context): Promise<Me> {
    const me = new Me();
    me.authenticated = isUser(ctx.viewer);
    me.user = isUser(ctx.viewer) ? await ctx.em.findOne(User, ctx.viewer.userId) : null;
    me.role = isUser(ctx.viewer) ? ctx.viewer.role : 'ANONYMOUS';
    me.permissions = permissionsOf(ctx.viewer, policies());
    return me;
  }

  @Query(() => UserConnection, { description: '用户列表：国家局看全部；省局看本辖区企业和服务机构的用户及本局管理员。' })
  async users(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => UserFilter, { nullable: true, description: '筛选。' }) filter?: UserFilter | null,
  ) {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('无权查看用户列表');
    const where: SqlCondition[] = [];
    if (v.role === 'PROVINCIAL_ADMIN') where.push(new Sql(IN_JURISDICTION, [v.regionCode, v.regionCode, v.regionCode]));
    where.push(...whereAnyOf('u.role in (?)', filter?.roles));
    if (filter?.regionCode) where.push(new Sql(IN_JURISDICTION, [filter.regionCode, filter.regionCode, filter.regionCode]));
    if (filter?.disabled != null) where.push(new Sql('u.disabled = ?', [filter.disabled]));
    const page = await keysetPage<User>({
      query: filteredQuery(ctx.em, User, 'u', where),
      args,
      limits: ctx.config,
      orderKey: 'USERNAME:ASC',
      ascending: true,
      column: 'u.username',
      idColumn: 'u.id',
      cast: 'text',
      property: 'username',
      value: (u) => u.username,
      valueOk: (x) => typeof x === 'string' && x.length <= 64,
    });
    return UserConnection.from(page);
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
    return u.organization ? ctx.em.findOne(ServiceOrganization, u.organization.id) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: '专家对应的人员记录。' })
  async person(@Root() u: User, @Ctx() ctx: Context): Promise<Person | null> {
    return u.person ? ctx.em.findOne(Person, u.person.id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '手机号（个人信息：仅国家局、本人和所属辖区省局可见，其他人为 null）。' })
  async phone(@Root() u: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await canReadUserPersonal(ctx, u)) ? (u.phone ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '电子邮箱（个人信息，可见范围同手机号）。' })
  async email(@Root() u: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await canReadUserPersonal(ctx, u)) ? (u.email ?? null) : null;
  }

  @Mutation(() => AuthPayload, { description: '用户名密码登录；失败次数过多会被暂时拒绝。错误信息不区分“用户不存在”和“密码错误”。' })
  login(@Ctx() ctx: Context, @Arg('input', () => LoginInput, { description: '用户名和密码。' }) input: LoginInput): Promise<AuthPayload> {
    return accountService.login(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: '用刷新令牌换取新的令牌对（旧刷新令牌随即失效）。' })
  refreshSession(@Ctx() ctx: Context, @Arg('input', () => RefreshSessionInput, { description: '刷新令牌。' }) input: RefreshSessionInput): Promise<AuthPayload> {
    return accountService.refresh(ctx, input.refreshToken);
  }

  @Mutation(() => LogoutPayload, { description: '退出登录，撤销会话。' })
  async logout(@Ctx() ctx: Context, @Arg('input', () => LogoutInput, { nullable: true, description: '可选的刷新令牌。' }) input?: LogoutInput | null): Promise<LogoutPayload> {
    const payload = new LogoutPayload();
    payload.revoked = await accountService.logout(ctx, input?.refreshToken);
    return payload;
  }

  @Mutation(() => ChangePasswordPayload, { description: '修改自己的密码。' })
  async changePassword(@Ctx() ctx: Context, @Arg('input', () => ChangePasswordInput, { description: '新旧密码。' }) input: ChangePasswordInput): Promise<ChangePasswordPayload> {
    const payload = new ChangePasswordPayload();
    payload.session = await accountService.changePassword(ctx, input);
    return payload;
  }

  @Mutation(() => CreateUserPayload, { description: '创建用户：国家局可在任何范围创建；省局只能为本辖区的企业和服务机构创建用户。' })
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput, { description: '用户信息。' }) input: CreateUserInput): Promise<CreateUserPayload> {
    return Object.assign(new CreateUserPayload(), await accountService.createUser(ctx, input));
  }

  @Mutation(() => SetUserDisabledPayload, { description: '停用或启用用户（范围同 createUser）。' })
  async setUserDisabled(@Ctx() ctx: Context, @Arg('input', () => SetUserDisabledInput, { description: '用户与状态。' }) input: SetUserDisabledInput): Promise<SetUserDisabledPayload> {
    return Object.assign(new SetUserDisabledPayload(), { user: await accountService.setDisabled(ctx, input.id, input.disabled) });
  }

  @Mutation(() => ResetUserPasswordPayload, { description: '重置用户密码（范围同 createUser），返回一次性显示的新密码。' })
  async resetUserPassword(@Ctx() ctx: Context, @Arg('input', () => ResetUserPasswordInput, { description: '用户。' }) input: ResetUserPasswordInput): Promise<ResetUserPasswordPayload> {
    return Object.assign(new ResetUserPasswordPayload(), await accountService.resetPassword(ctx, input.id));
  }
}

