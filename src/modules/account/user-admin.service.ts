/**
 * User administration: the `users` list, creating accounts, disabling and enabling them, resetting
 * their passwords, and who sees an account's personal fields. Who may do what: account.policy.ts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { conflict, flushOrConflict, forbidden, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { filteredQuery, keysetPage, type ConnectionArgs, type ConnectionShape } from '../../common/pagination.js';
import { assertMay, may, scopeOf } from '../../common/policy.js';
import { anyOfGiven, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { isUser } from '../../common/viewer.policy.js';
import { isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Region } from '../region/region.entity.js';
import { accountActions, userVisibility, usersInJurisdiction } from './account.policy.js';
import { checkPassword, hashPassword } from './passwords.js';
import { revokeSessions } from './sessions.js';
import { generatePassword } from './tokens.js';
import type { CreateUserInput, ResetUserPasswordInput, SetUserDisabledInput, UserFilter } from './user-admin.inputs.js';
import { auditUserChange, factsOfUser, userSnapshot } from './user-records.js';
import { User, UserRole } from './user.entity.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

type ScopeField = 'regionCode' | 'enterpriseId' | 'organizationId' | 'personId';

/** The scope field each role needs, and the only one it may have (the database checks the same: app_user_scope_check). */
const SCOPE_FIELD: Record<UserRole, ScopeField | null> = {
  NATIONAL_ADMIN: null,
  PROVINCIAL_ADMIN: 'regionCode',
  ENTERPRISE_USER: 'enterpriseId',
  SERVICE_PROVIDER: 'organizationId',
  EXPERT: 'personId',
};

/** A user the viewer may see (userVisibility), inside the caller's transaction; one it may not see is NOT_FOUND like one that does not exist. */
async function visibleUser(em: EntityManager, ctx: Context, userId: string, globalId: string): Promise<User> {
  const qb = em.createQueryBuilder(User, 'u').where({ id: userId });
  const visible = userVisibility(ctx.viewer, ctx.clock.today(), 'u');
  if (visible) qb.andWhere(visible.sql, [...visible.params]);
  const user = await qb.getSingleResult();
  if (!user) throw notFound('用户', globalId);
  return user;
}

/** A user the viewer may see and manage: NOT_FOUND when it may not see it, FORBIDDEN when it may see but not manage it. */
async function managedUser(em: EntityManager, ctx: Context, userId: string, globalId: string): Promise<User> {
  const user = await visibleUser(em, ctx, userId, globalId);
  assertMay(ctx, accountActions.manageUser, await factsOfUser(em, user));
  return user;
}

export const userAdminService = {
  /** The `users` list: the accounts the viewer may see (userVisibility), by user name. */
  async list(ctx: Context, args: ConnectionArgs, filter: UserFilter | null | undefined): Promise<ConnectionShape<User>> {
    assertMay(ctx, accountActions.listUsers);
    const where = [
      userVisibility(ctx.viewer, ctx.clock.today(), 'u'),
      anyOfGiven(sql`u.role`, filter?.roles),
      filter?.regionCode ? usersInJurisdiction('u', filter.regionCode) : null,
      filter?.disabled != null ? sql`u.disabled = ${filter.disabled}` : null,
    ].filter((condition): condition is Sql => condition !== null);
    return keysetPage<User>({
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
  },

  /** A personal field of an account (phone, e-mail): for those who may read the account (account.user.read), else null. */
  async personalField(ctx: Context, user: User, field: 'phone' | 'email'): Promise<string | null> {
    const facts = { userId: user.id, role: user.role, regionCode: null };
    // Everything, or the own account: no need to know where the account lies.
    let allowed = may(ctx.viewer, accountActions.readUser, facts);
    if (!allowed && scopeOf(ctx.viewer, accountActions.readUser) === 'jurisdiction') {
      allowed = may(ctx.viewer, accountActions.readUser, { ...facts, regionCode: await ctx.loaders.account.jurisdictionByUser.load(user.id) });
    }
    return allowed ? (user[field] ?? null) : null;
  },

  async create(ctx: Context, input: CreateUserInput): Promise<{ user: User; generatedPassword: string | null }> {
    assertMay(ctx, accountActions.manageUser, undefined);
    const problems = new InputProblems();
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) problems.add('username', '用户名应为 3–64 位小写字母、数字、点、下划线或连字符，以字母或数字开头');
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 100) problems.add('displayName', '显示名称应为 1–100 字');
    if (input.password != null) checkPassword(problems, 'password', input.password);
    const scope: Record<ScopeField, string | null> = {
      regionCode: input.regionCode ?? null,
      enterpriseId: input.enterpriseId ? expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId') : null,
      organizationId: input.organizationId ? expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') : null,
      personId: input.personId ? expectGlobalId(input.personId, 'Person', 'personId') : null,
    };
    for (const [field, value] of Object.entries(scope)) {
      if (SCOPE_FIELD[input.role] === field && !value) problems.add(field, `角色 ${input.role} 需要此范围字段`);
      if (SCOPE_FIELD[input.role] !== field && value) problems.add(field, `角色 ${input.role} 不使用此范围字段`);
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
      assertMay(ctx, accountActions.manageUser, await factsOfUser(em, user));
      await auditUserChange(em, ctx, 'createUser', user, null);
      await flushOrConflict(em, { duplicate: () => conflict(`用户名 ${username} 已被使用`, { field: 'username' }) });
      return { user, generatedPassword };
    });
  },

  /** Disables (revoking every session) or enables an account; nobody disables their own. */
  async setDisabled(ctx: Context, input: SetUserDisabledInput): Promise<User> {
    assertMay(ctx, accountActions.manageUser, undefined);
    const userId = expectGlobalId(input.id, 'User', 'id');
    return transaction(ctx.em, async (em) => {
      const user = await managedUser(em, ctx, userId, input.id);
      if (input.disabled && isUser(ctx.viewer) && ctx.viewer.userId === user.id) throw forbidden('不能停用自己的账号');
      const before = userSnapshot(user);
      user.disabled = input.disabled;
      if (input.disabled) await revokeSessions(em, ctx, { userId: user.id });
      await auditUserChange(em, ctx, 'setUserDisabled', user, before);
      await em.flush();
      return user;
    });
  },

  /** Gives an account a new generated password (shown once) and revokes every session of it. */
  async resetPassword(ctx: Context, input: ResetUserPasswordInput): Promise<{ user: User; temporaryPassword: string }> {
    assertMay(ctx, accountActions.manageUser, undefined);
    const userId = expectGlobalId(input.id, 'User', 'id');
    const temporaryPassword = generatePassword();
    const passwordHash = await hashPassword(temporaryPassword);
    return transaction(ctx.em, async (em) => {
      const user = await managedUser(em, ctx, userId, input.id);
      const before = userSnapshot(user);
      user.passwordHash = passwordHash;
      user.passwordChangedAt = new Date();
      await revokeSessions(em, ctx, { userId: user.id });
      await auditUserChange(em, ctx, 'resetUserPassword', user, before);
      await em.flush();
      return { user, temporaryPassword };
    });
  },
};
