import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { RegionCodeScalar } from '../../common/scalars.js';
import { User, UserRole } from './user.entity.js';

@InputType('LoginInput', { description: '登录。' })
export class LoginInput {
  @Field(() => String, { description: '用户名。' })
  username!: string;

  @Field(() => String, { description: '密码。' })
  password!: string;
}

@ObjectType('AuthPayload', { description: '登录或刷新会话的结果：短期访问令牌与轮换的刷新令牌。' })
export class AuthPayload {
  @Field(() => String, { description: '访问令牌（JWT），放在请求头 Authorization: Bearer <token> 中。' })
  accessToken!: string;

  @Field(() => DateTimeResolver, { description: '访问令牌的过期时间。' })
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: '刷新令牌：只能使用一次，用于换取新的令牌对；重复使用会使整个会话失效。' })
  refreshToken!: string;

  @Field(() => DateTimeResolver, { description: '刷新令牌的过期时间。' })
  refreshTokenExpiresAt!: Date;

  @Field(() => User, { description: '登录的用户。' })
  user!: User;
}

@InputType('RefreshSessionInput', { description: '用刷新令牌换取新的令牌对。' })
export class RefreshSessionInput {
  @Field(() => String, { description: '上次得到的刷新令牌。' })
  refreshToken!: string;
}

@InputType('LogoutInput', { description: '退出登录：撤销当前会话（或给出的刷新令牌所属的会话）。' })
export class LogoutInput {
  @Field(() => String, { nullable: true, description: '刷新令牌；不填时撤销访问令牌所属的会话。' })
  refreshToken?: string | null;
}

@ObjectType('LogoutPayload', { description: 'logout 的结果。' })
export class LogoutPayload {
  @Field(() => Boolean, { description: '是否撤销了一个仍有效的会话。' })
  revoked!: boolean;
}

@InputType('CreateUserInput', { description: '创建用户。范围字段须与角色相符：省局管理员填 regionCode，企业用户填 enterpriseId，服务机构用户填 organizationId，专家填 personId。' })
export class CreateUserInput {
  @Field(() => String, { description: '用户名：3–64 位小写字母、数字、点、下划线或连字符，以字母或数字开头。' })
  username!: string;

  @Field(() => String, { description: '显示名称。' })
  displayName!: string;

  @Field(() => UserRole, { description: '角色。' })
  role!: UserRole;

  @Field(() => RegionCodeScalar, { nullable: true, description: '省局管理员的辖区。' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '企业用户所属企业的全局 ID。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '服务机构用户所属机构的全局 ID。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '专家对应人员记录的全局 ID。' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: '初始密码（至少 10 位）；不填则生成一个，只在结果中返回一次。' })
  password?: string | null;

  @Field(() => String, { nullable: true, description: '手机号（个人信息）。' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱（个人信息）。' })
  email?: string | null;
}

@ObjectType('CreateUserPayload', { description: 'createUser 的结果。' })
export class CreateUserPayload {
  @Field(() => User, { description: '新用户。' })
  user!: User;

  @Field(() => String, { nullable: true, description: '系统生成的初始密码（未指定密码时），只显示这一次。' })
  generatedPassword!: string | null;
}

@InputType('SetUserDisabledInput', { description: '停用或启用用户；停用立即撤销其全部会话。' })
export class SetUserDisabledInput {
  @Field(() => ID, { description: '用户的全局 ID。' })
  id!: string;

  @Field(() => Boolean, { description: 'true 停用，false 启用。' })
  disabled!: boolean;
}

@ObjectType('SetUserDisabledPayload', { description: 'setUserDisabled 的结果。' })
export class SetUserDisabledPayload {
  @Field(() => User, { description: '用户。' })
  user!: User;
}

@InputType('ResetUserPasswordInput', { description: '重置用户密码：生成新密码并撤销其全部会话。' })
export class ResetUserPasswordInput {
  @Field(() => ID, { description: '用户的全局 ID。' })
  id!: string;
}

@ObjectType('ResetUserPasswordPayload', { description: 'resetUserPassword 的结果。' })
export class ResetUserPasswordPayload {
  @Field(() => User, { description: '用户。' })
  user!: User;

  @Field(() => String, { description: '新密码，只显示这一次；请通过安全渠道交给用户。' })
  temporaryPassword!: string;
}

@InputType('ChangePasswordInput', { description: '修改自己的密码（其他会话随之失效）。' })
export class ChangePasswordInput {
  @Field(() => String, { description: '当前密码。' })
  currentPassword!: string;

  @Field(() => String, { description: '新密码（至少 10 位）。' })
  newPassword!: string;
}

@ObjectType('ChangePasswordPayload', { description: 'changePassword 的结果：新的令牌对（旧会话均已撤销）。' })
export class ChangePasswordPayload {
  @Field(() => AuthPayload, { description: '新的令牌对。' })
  session!: AuthPayload;
}

@ObjectType('Me', { description: '当前请求者：是谁、范围是什么、可以做什么。' })
export class Me {
  @Field(() => Boolean, { description: '是否已登录。' })
  authenticated!: boolean;

  @Field(() => User, { nullable: true, description: '登录的用户；匿名为 null。' })
  user!: User | null;

  @Field(() => String, { description: '角色；匿名为 ANONYMOUS。' })
  role!: string;

  @Field(() => [String], { description: '可执行的操作，例如 enterprise:update:jurisdiction、user:manage:all。' })
  permissions!: string[];
}
