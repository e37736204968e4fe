/**
 * Authentication: who is asking (`me`), password login with throttling (./throttle.ts), refresh
 * token rotation, logout, and changing one's own password. Sessions and tokens: ./sessions.ts,
 * ./tokens.ts; passwords: ./passwords.ts.
 */
import { LockMode } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import type { Context } from '../../context.js';
import { AppError, InputProblems } from '../../common/errors.js';
import { assertMay, permissionsOf } from '../../common/policy.js';
import { transaction } from '../../common/transaction.js';
import { isUser, requireUser } from '../../common/viewer.policy.js';
import { policies } from '../../policies.js';
import { accountActions } from './account.policy.js';
import type { ChangePasswordInput, LoginInput } from './authentication.inputs.js';
import { checkPassword, hashPassword, verifyPassword } from './passwords.js';
import { issueSession, revokeSessions, type IssuedSession } from './sessions.js';
import { Session } from './session.entity.js';
import { beginLogin, beginPasswordCheck } from './throttle.js';
import { hashRefreshToken } from './tokens.js';
import { auditUserChange, userSnapshot } from './user-records.js';
import { User } from './user.entity.js';

// Minutes only, so that the message is the same for every locked name (retryAfterSeconds is exact).
const waitText = (seconds: number) => `${Math.ceil(seconds / 60)} 分钟`;

export const authenticationService = {
  /** The viewer: its account, its role, and every capability the policies give it. */
  async me(ctx: Context): Promise<{ authenticated: boolean; user: User | null; role: string; permissions: string[] }> {
    const v = ctx.viewer;
    return {
      authenticated: isUser(v),
      user: isUser(v) ? await ctx.em.findOne(User, v.userId) : null,
      role: isUser(v) ? v.role : 'ANONYMOUS',
      permissions: permissionsOf(v, policies()),
    };
  },

  /**
   * Password login, throttled per (user name, client address) pair with growing delays, per
   * client address, and per user name for addresses it has not signed in from (see
   * beginLogin in ./throttle.ts and docs/security.md). The answer is the same whether or not the
   * account exists (or is disabled).
   */
  async login(ctx: Context, input: LoginInput): Promise<IssuedSession> {
    const username = input.username.trim().toLowerCase().slice(0, 64);
    const attempt = await beginLogin(ctx.throttle, ctx.config, username, ctx.clientAddress);
    if (attempt.refused) {
      throw new AppError('RATE_LIMITED', `登录失败次数过多，请 ${waitText(attempt.retryAfterSeconds)}后再试`, { retryAfterSeconds: attempt.retryAfterSeconds });
    }
    const user = username ? await ctx.em.findOne(User, { username }) : null;
    const ok = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !ok || user.disabled) {
      await attempt.failed();
      throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
    }
    await attempt.succeeded();
    return transaction(ctx.em, async (em) => {
      const fresh = await em.findOneOrFail(User, user.id);
      fresh.lastLoginAt = new Date();
      const payload = await issueSession(em, ctx, fresh, uuidv7());
      await em.flush();
      return payload;
    });
  },

  /** Rotates a refresh token. A token used twice means it leaked: the whole session family is revoked. */
  async refresh(ctx: Context, refreshToken: string): Promise<IssuedSession> {
    const tokenHash = hashRefreshToken(refreshToken);
    const result = await transaction(ctx.em, async (em) => {
      const session = await em.findOne(Session, { tokenHash }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session) return { error: '会话无效，请重新登录' } as const;
      if (session.replacedAt || session.revokedAt) {
        await revokeSessions(em, ctx, { familyId: session.familyId });
        return { error: '刷新令牌已使用过，会话已被撤销，请重新登录', reuse: true } as const;
      }
      if (session.expiresAt <= new Date()) return { error: '会话已过期，请重新登录' } as const;
      const user = await em.findOneOrFail(User, session.user.id);
      if (user.disabled) return { error: '会话无效，请重新登录' } as const;
      session.replacedAt = new Date();
      const payload = await issueSession(em, ctx, user, session.familyId);
      await em.flush();
      return { payload } as const;
    });
    if ('error' in result) throw new AppError('UNAUTHENTICATED', result.error!);
    return result.payload;
  },

  /** Revokes the session of the given refresh token, or the caller's own session; whether an open one was revoked. */
  async logout(ctx: Context, refreshToken: string | null | undefined): Promise<boolean> {
    return transaction(ctx.em, async (em) => {
      let familyId: string | null = null;
      if (refreshToken) familyId = (await em.findOne(Session, { tokenHash: hashRefreshToken(refreshToken) }))?.familyId ?? null;
      else if (isUser(ctx.viewer)) familyId = ctx.viewer.sessionId;
      else throw new AppError('UNAUTHENTICATED', '请先登录，或提供刷新令牌');
      if (!familyId) return false;
      return (await revokeSessions(em, ctx, { familyId })) > 0;
    });
  },

  /** Changes the viewer's own password: every session of the account is revoked, and a new one is returned. */
  async changePassword(ctx: Context, input: ChangePasswordInput): Promise<IssuedSession> {
    assertMay(ctx, accountActions.changePassword);
    const v = requireUser(ctx);
    const problems = new InputProblems();
    checkPassword(problems, 'newPassword', input.newPassword);
    problems.throwIfAny();
    // Guessing the current password with a stolen access token is throttled per session.
    const attempt = await beginPasswordCheck(ctx.throttle, ctx.config, v.userId, v.sessionId);
    if (attempt.refused) {
      throw new AppError('RATE_LIMITED', `密码错误次数过多，请 ${waitText(attempt.retryAfterSeconds)}后再试`, { retryAfterSeconds: attempt.retryAfterSeconds });
    }
    return transaction(ctx.em, async (em) => {
      const user = await em.findOneOrFail(User, v.userId);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await attempt.failed();
        throw new AppError('UNAUTHENTICATED', '当前密码不正确');
      }
      await attempt.succeeded();
      const before = userSnapshot(user);
      user.passwordHash = await hashPassword(input.newPassword);
      user.passwordChangedAt = new Date();
      await revokeSessions(em, ctx, { userId: user.id });
      const payload = await issueSession(em, ctx, user, uuidv7());
      await auditUserChange(em, ctx, 'changePassword', user, before);
      await em.flush();
      return payload;
    });
  },
};
