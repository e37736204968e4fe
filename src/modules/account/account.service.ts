import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Context, UserViewer } from '../../context.js';
import { AppError, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { forbidden } from '../../common/errors.js';
import { isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { isUser, requireUser } from '../../common/viewer.policy.js';
import { IN_JURISDICTION } from './jurisdiction.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Region } from '../region/region.entity.js';
import { Session } from './session.entity.js';
import { User, UserRole } from './user.entity.js';
import { generatePassword, hashRefreshToken, newRefreshToken, signAccessToken } from './tokens.js';
import type { AuthPayload, ChangePasswordInput, CreateUserInput, LoginInput } from './account.inputs.js';
import { transaction } from '../../common/transaction.js';
import { beginLogin, beginPasswordCheck } from './throttle.js';

/** Argon2id (OWASP parameters: 19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);

/** Verifying against this when the account does not exist keeps the timing the same. */
let dummyHash: Promise<string> | undefined;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const USER_AUDIT_FIELDS = ['username', 'displayName', 'role', 'region', 'enterprise', 'organization', 'person', 'phone', 'email', 'disabled', 'passwordHash'] as const;

function checkPassword(problems: InputProblems, field: string, password: string): void {
  if ([...password].length < 10) problems.add(field, '密码至少 10 位');
  else if ([...password].length > 200) problems.add(field, '密码最长 200 位');
  else if (new Set(password).size < 4) problems.add(field, '密码过于简单');
}

// Minutes only, so that the message is the same for every locked name (retryAfterSeconds is exact).
const waitText = (seconds: number) => `${Math.ceil(seconds / 60)} 分钟`;

export function viewerOf(user: User, sessionId: string): UserViewer {
  return {
    kind: 'USER',
    userId: user.id,
    username: user.username,
    role: user.role,
    sessionId,
    regionCode: user.region?.unwrap().code ?? null,
    enterpriseId: user.enterprise?.id ?? null,
    organizationId: user.organization?.id ?? null,
    personId: user.person?.id ?? null,
  };
}

/** The jurisdiction a user's scope lies in (for provincial admins' management and the audit log). */
async function jurisdictionOfUser(em: EntityManager, user: User): Promise<string | null> {
  if (user.region) return user.region.unwrap().code;
  if (user.enterprise) return (await em.findOneOrFail(Enterprise, user.enterprise.id)).region.unwrap().code;
  if (user.organization) return (await em.findOneOrFail(ServiceOrganization, user.organization.id)).region?.unwrap().code ?? null;
  return null;
}

/** Only administrators manage accounts; everyone else is refused before anything is looked up. */
function requireAdmin(ctx: Context): UserViewer {
  const v = requireUser(ctx);
  if (v.role !== 'NATIONAL_ADMIN' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('无权管理用户');
  return v;
}

/**
 * A user the viewer may not see (users() and node()) is reported as not found, so that a
 * provincial admin cannot probe other jurisdictions' accounts.
 */
async function assertVisibleUser(em: EntityManager, ctx: Context, user: User, id: string): Promise<void> {
  const v = requireUser(ctx);
  if (v.role === 'NATIONAL_ADMIN' || v.userId === user.id) return;
  if (v.role === 'PROVINCIAL_ADMIN') {
    const rows = await em.execute(`select 1 from app_user u where u.id = ? and ${IN_JURISDICTION}`, [user.id, v.regionCode, v.regionCode, v.regionCode], 'all');
    if (rows.length) return;
  }
  throw notFound('用户', id);
}

/** National admins manage every user; a provincial admin manages enterprise and service-provider users of its jurisdiction. */
async function assertCanManage(em: EntityManager, ctx: Context, user: User): Promise<void> {
  const v = requireUser(ctx);
  if (v.role === 'NATIONAL_ADMIN') return;
  if (v.role === 'PROVINCIAL_ADMIN' && [UserRole.ENTERPRISE_USER, UserRole.SERVICE_PROVIDER].includes(user.role)) {
    if ((await jurisdictionOfUser(em, user)) === v.regionCode) return;
    throw forbidden('只能管理本辖区企业和服务机构的用户');
  }
  throw forbidden('无权管理用户');
}

async function issueSession(em: EntityManager, ctx: Context, user: User, familyId: string): Promise<AuthPayload> {
  const refresh = newRefreshToken();
  const expiresAt = new Date(Date.now() + ctx.config.refreshTokenTtl * 1000);
  em.create(Session, {
    user: user.id,
    familyId,
    tokenHash: refresh.hash,
    expiresAt,
    clientAddress: ctx.clientAddress?.slice(0, 64) ?? null,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
  });
  const access = await signAccessToken(ctx.config, viewerOf(user, familyId));
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: expiresAt,
    user,
  };
}

async function revokeFamilies(em: EntityManager, where: { familyId?: string; userId?: string }): Promise<number> {
  const res = where.familyId
    ? await em.execute('update session set revoked_at = now() where family_id = ? and revoked_at is null', [where.familyId], 'run')
    : await em.execute('update session set revoked_at = now() where user_id = ? and revoked_at is null', [where.userId], 'run');
  return (res as { affectedRows?: number }).affectedRows ?? 0;
}

export const accountService = {
  /**
   * Password login, throttled per (user name, client address) pair with growing delays, per
   * client address, and per user name for addresses it has not signed in from (see
   * beginLogin in ./throttle.ts and docs/security.md). The answer is the same whether or not the
   * account exists (or is disabled).
   */
  async login(ctx: Context, input: LoginInput): Promise<AuthPayload> {
    const username = input.username.trim().toLowerCase().slice(0, 64);
    const attempt = await beginLogin(ctx.throttle, ctx.config, username, ctx.clientAddress);
    if (attempt.refused) {
      throw new AppError('RATE_LIMITED', `登录失败次数过多，请 ${waitText(attempt.retryAfterSeconds)}后再试`, { retryAfterSeconds: attempt.retryAfterSeconds });
    }
    const user = username ? await ctx.em.findOne(User, { username }) : null;
    dummyHash ??= hashPassword('not-a-real-password-0000');
    const ok = await verify(user?.passwordHash ?? (await dummyHash), input.password.slice(0, 200)).catch(() => false);
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
  async refresh(ctx: Context, refreshToken: string): Promise<AuthPayload> {
    const tokenHash = hashRefreshToken(refreshToken);
    const result = await transaction(ctx.em, async (em) => {
      const session = await em.findOne(Session, { tokenHash }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
      if (!session) return { error: '会话无效，请重新登录' } as const;
      if (session.replacedAt || session.revokedAt) {
        await revokeFamilies(em, { familyId: session.familyId });
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

  /** Revokes the session of the given refresh token, or the caller's own session. */
  async logout(ctx: Context, refreshToken: string | null | undefined): Promise<boolean> {
    return transaction(ctx.em, async (em) => {
      let familyId: string | null = null;
      if (refreshToken) familyId = (await em.findOne(Session, { tokenHash: hashRefreshToken(refreshToken) }))?.familyId ?? null;
      else if (isUser(ctx.viewer)) familyId = ctx.viewer.sessionId;
      else throw new AppError('UNAUTHENTICATED', '请先登录，或提供刷新令牌');
      if (!familyId) return false;
      return (await revokeFamilies(em, { familyId })) > 0;
    });
  },

  async changePassword(ctx: Context, input: ChangePasswordInput): Promise<AuthPayload> {
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
      if (!(await verify(user.passwordHash, input.currentPassword.slice(0, 200)).catch(() => false))) {
        await attempt.failed();
        throw new AppError('UNAUTHENTICATED', '当前密码不正确');
      }
      await attempt.succeeded();
      const before = snapshot(user, USER_AUDIT_FIELDS);
      user.passwordHash = await hashPassword(input.newPassword);
      user.passwordChangedAt = new Date();
      await revokeFamilies(em, { userId: user.id });
      const payload = await issueSession(em, ctx, user, uuidv7());
      recordAudit(em, ctx, { operation: 'changePassword', objectType: 'User', objectId: user.id, jurisdiction: await jurisdictionOfUser(em, user), changes: changedFields(before, snapshot(user, USER_AUDIT_FIELDS), USER_AUDIT_FIELDS) });
      await em.flush();
      return payload;
    });
  },

  async createUser(ctx: Context, input: CreateUserInput): Promise<{ user: User; generatedPassword: string | null }> {
    requireAdmin(ctx);
    const problems = new InputProblems();
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) problems.add('username', '用户名应为 3–64 位小写字母、数字、点、下划线或连字符，以字母或数字开头');
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 100) problems.add('displayName', '显示名称应为 1–100 字');
    if (input.password != null) checkPassword(problems, 'password', input.password);
    const scope = {
      regionCode: input.regionCode ?? null,
      enterpriseId: input.enterpriseId ? expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId') : null,
      organizationId: input.organizationId ? expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') : null,
      personId: input.personId ? expectGlobalId(input.personId, 'Person', 'personId') : null,
    };
    const needed: Record<UserRole, keyof typeof scope | null> = {
      NATIONAL_ADMIN: null,
      PROVINCIAL_ADMIN: 'regionCode',
      ENTERPRISE_USER: 'enterpriseId',
      SERVICE_PROVIDER: 'organizationId',
      EXPERT: 'personId',
    };
    for (const [field, value] of Object.entries(scope)) {
      if (needed[input.role] === field && !value) problems.add(field, `角色 ${input.role} 需要此范围字段`);
      if (needed[input.role] !== field && value) problems.add(field, `角色 ${input.role} 不使用此范围字段`);
    }
    if (scope.regionCode && !ctx.reference.region(scope.regionCode)) problems.add('regionCode', `未知的省级辖区代码“${scope.regionCode}”`);
    problems.throwIfAny();

    const generatedPassword = input.password == null ? generatePassword() : null;
    const passwordHash = await hashPassword(input.password ?? generatedPassword!);
    return transaction(ctx.em, async (em) => {
      // An enterprise the viewer may not see is not found (same rule as the directory).
      if (scope.enterpriseId && !(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), scope.enterpriseId))) throw notFound('企业', input.enterpriseId!);
      if (scope.organizationId && !(await em.count(ServiceOrganization, scope.organizationId))) throw notFound('服务机构', input.organizationId!);
      if (scope.personId && !(await em.count(Person, scope.personId))) throw notFound('人员', input.personId!);
      const user = em.create(User, {
        username,
        displayName,
        passwordHash,
        role: input.role,
        region: scope.regionCode ? em.getReference(Region, scope.regionCode, { wrapped: true }) : null,
        enterprise: scope.enterpriseId,
        organization: scope.organizationId,
        person: scope.personId,
        phone: input.phone?.trim() || null,
        email: input.email?.trim() || null,
      });
      await assertCanManage(em, ctx, user);
      recordAudit(em, ctx, { operation: 'createUser', objectType: 'User', objectId: user.id, jurisdiction: await jurisdictionOfUser(em, user), changes: changedFields(null, snapshot(user, USER_AUDIT_FIELDS), USER_AUDIT_FIELDS) });
      await flushOrConflict(em, { duplicate: () => conflict(`用户名 ${username} 已被使用`, { field: 'username' }) });
      return { user, generatedPassword };
    });
  },

  async setDisabled(ctx: Context, id: string, disabled: boolean): Promise<User> {
    requireAdmin(ctx);
    const userId = expectGlobalId(id, 'User', 'id');
    return transaction(ctx.em, async (em) => {
      const user = await em.findOne(User, userId);
      if (!user) throw notFound('用户', id);
      await assertVisibleUser(em, ctx, user, id);
      await assertCanManage(em, ctx, user);
      if (isUser(ctx.viewer) && ctx.viewer.userId === user.id && disabled) throw forbidden('不能停用自己的账号');
      const before = snapshot(user, USER_AUDIT_FIELDS);
      user.disabled = disabled;
      if (disabled) await revokeFamilies(em, { userId: user.id });
      const changes = changedFields(before, snapshot(user, USER_AUDIT_FIELDS), USER_AUDIT_FIELDS);
      recordAudit(em, ctx, { operation: 'setUserDisabled', objectType: 'User', objectId: user.id, jurisdiction: await jurisdictionOfUser(em, user), changes });
      await em.flush();
      return user;
    });
  },

  async resetPassword(ctx: Context, id: string): Promise<{ user: User; temporaryPassword: string }> {
    requireAdmin(ctx);
    const userId = expectGlobalId(id, 'User', 'id');
    const temporaryPassword = generatePassword();
    const passwordHash = await hashPassword(temporaryPassword);
    return transaction(ctx.em, async (em) => {
      const user = await em.findOne(User, userId);
      if (!user) throw notFound('用户', id);
      await assertVisibleUser(em, ctx, user, id);
      await assertCanManage(em, ctx, user);
      const before = snapshot(user, USER_AUDIT_FIELDS);
      user.passwordHash = passwordHash;
      user.passwordChangedAt = new Date();
      await revokeFamilies(em, { userId: user.id });
      recordAudit(em, ctx, { operation: 'resetUserPassword', objectType: 'User', objectId: user.id, jurisdiction: await jurisdictionOfUser(em, user), changes: changedFields(before, snapshot(user, USER_AUDIT_FIELDS), USER_AUDIT_FIELDS) });
      await em.flush();
      return { user, temporaryPassword };
    });
  },

};
