import { Field, InputType, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { User } from './user.entity.js';

@InputType('LoginInput', { description: '登录。' })
export class LoginInput {
  @Field(() => String, { description: '用户名。' })
  username!: string;

  @Field(() => String, { description: '密码。' })
  password!: string;
}

/** The token pair of a session and its user: the fields of LoginPayload, RefreshSessionPayload and ChangePasswordPayload.session. */
@ObjectType('SessionTokens', { description: '一次登录会话的令牌对：短期访问令牌与轮换的刷新令牌，以及登录的用户。' })
export class SessionTokens {
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

@ObjectType('LoginPayload', { description: 'login 的结果：新会话的令牌对与登录的用户。' })
export class LoginPayload extends SessionTokens {}

@InputType('RefreshSessionInput', { description: '用刷新令牌换取新的令牌对。' })
export class RefreshSessionInput {
  @Field(() => String, { description: '上次得到的刷新令牌。' })
  refreshToken!: string;
}

@ObjectType('RefreshSessionPayload', { description: 'refreshSession 的结果：同一会话的新令牌对（旧刷新令牌随即失效）。' })
export class RefreshSessionPayload extends SessionTokens {}

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

@InputType('ChangePasswordInput', { description: '修改自己的密码（其他会话随之失效）。' })
export class ChangePasswordInput {
  @Field(() => String, { description: '当前密码。' })
  currentPassword!: string;

  @Field(() => String, { description: '新密码（至少 10 位）。' })
  newPassword!: string;
}

@ObjectType('ChangePasswordPayload', { description: 'changePassword 的结果：新的令牌对（旧会话均已撤销）。' })
export class ChangePasswordPayload {
  @Field(() => SessionTokens, { description: '新的令牌对。' })
  session!: SessionTokens;
}

@ObjectType('Me', { description: '当前请求者：是谁、范围是什么、可以做什么。' })
export class Me {
  @Field(() => Boolean, { description: '是否已登录。' })
  authenticated!: boolean;

  @Field(() => User, { nullable: true, description: '登录的用户；匿名为 null。' })
  user!: User | null;

  @Field(() => String, { description: '角色；匿名为 ANONYMOUS。' })
  role!: string;

  @Field(() => [String], { description: '可执行的操作，形如 <操作>:<范围>，例如 enterprise.update:jurisdiction、account.user.manage:all（docs/permissions.md）。' })
  permissions!: string[];
}
