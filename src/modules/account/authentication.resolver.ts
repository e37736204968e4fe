import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import {
  ChangePasswordInput,
  ChangePasswordPayload,
  LoginInput,
  LoginPayload,
  LogoutInput,
  LogoutPayload,
  Me,
  RefreshSessionInput,
  RefreshSessionPayload,
  SessionTokens,
} from './authentication.inputs.js';
import { authenticationService } from './authentication.service.js';

@Resolver()
export class AuthenticationResolver {
  @Query(() => Me, { description: '当前请求者：是谁、角色与范围、可以做什么。' })
  async me(@Ctx() ctx: Context): Promise<Me> {
    return Object.assign(new Me(), await authenticationService.me(ctx));
  }

  @Mutation(() => LoginPayload, { description: '用户名密码登录；失败次数过多会被暂时拒绝。错误信息不区分“用户不存在”和“密码错误”。' })
  async login(@Ctx() ctx: Context, @Arg('input', () => LoginInput, { description: '用户名和密码。' }) input: LoginInput): Promise<LoginPayload> {
    return Object.assign(new LoginPayload(), await authenticationService.login(ctx, input));
  }

  @Mutation(() => RefreshSessionPayload, { description: '用刷新令牌换取新的令牌对（旧刷新令牌随即失效）。' })
  async refreshSession(
    @Ctx() ctx: Context,
    @Arg('input', () => RefreshSessionInput, { description: '刷新令牌。' }) input: RefreshSessionInput,
  ): Promise<RefreshSessionPayload> {
    return Object.assign(new RefreshSessionPayload(), await authenticationService.refresh(ctx, input.refreshToken));
  }

  @Mutation(() => LogoutPayload, { description: '退出登录，撤销会话：不带参数时撤销访问令牌所属的会话。' })
  async logout(
    @Ctx() ctx: Context,
    @Arg('input', () => LogoutInput, { defaultValue: {}, description: '可选的刷新令牌；省略 input 等于 {}。' }) input: LogoutInput,
  ): Promise<LogoutPayload> {
    return Object.assign(new LogoutPayload(), { revoked: await authenticationService.logout(ctx, input.refreshToken) });
  }

  @Mutation(() => ChangePasswordPayload, { description: '修改自己的密码。' })
  async changePassword(
    @Ctx() ctx: Context,
    @Arg('input', () => ChangePasswordInput, { description: '新旧密码。' }) input: ChangePasswordInput,
  ): Promise<ChangePasswordPayload> {
    return Object.assign(new ChangePasswordPayload(), { session: Object.assign(new SessionTokens(), await authenticationService.changePassword(ctx, input)) });
  }
}
