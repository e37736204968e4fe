/**
 * Accounts (docs/permissions.md, "Accounts, people, organisations, audit"): who sees which user
 * accounts and their personal fields, who lists and manages them, and changing one's own password.
 */
import { action, inScope, scopeOf, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { or, sql, trusted, type Sql } from '../../common/sql.js';
import { isUser, jurisdictionOf } from '../../common/viewer.policy.js';
import { UserRole } from './user.entity.js';

/**
 * The jurisdiction a user's scope (alias of app_user) lies in, as an SQL expression: a provincial
 * admin's region, else its enterprise's or its service organisation's region; null for national
 * admins, experts and overseas stations' staff. (The scope check allows one of the three at most.)
 */
export function userJurisdiction(alias: string): Sql {
  const u = trusted(alias);
  return sql`coalesce(${u}.region_code,
    (select je.region_code from enterprise je where je.id = ${u}.enterprise_id),
    (select jo.region_code from service_organization jo where jo.id = ${u}.organization_id))`;
}

/** Users (alias) whose scope lies in the jurisdiction: its bureau's admins, and the staff of its enterprises and service organisations. */
export function usersInJurisdiction(alias: string, regionCode: string): Sql {
  return sql`${userJurisdiction(alias)} = ${regionCode}`;
}

/** What the account rules need to know of a user account: which it is, its role, and where its scope lies. */
export interface UserFacts extends ScopeFacts {
  userId: string;
  role: UserRole;
  /** The jurisdiction of its scope (userJurisdiction); null when it has none. */
  regionCode: string | null;
}

/** The accounts a provincial admin manages in its jurisdiction (not its own bureau's admins). */
const MANAGED_BY_PROVINCES: ReadonlySet<UserRole> = new Set([UserRole.ENTERPRISE_USER, UserRole.SERVICE_PROVIDER]);

export const accountActions = {
  changePassword: action({
    name: 'account.password.change',
    description: '修改本人的登录密码（须提供当前密码）',
    scopes: { EXPERT: 'self', SERVICE_PROVIDER: 'self', ENTERPRISE_USER: 'self', PROVINCIAL_ADMIN: 'self', NATIONAL_ADMIN: 'self' },
    refusal: '请先登录',
  }),
  /** One account and its personal fields (phone, e-mail); which rows exactly is userVisibility. */
  readUser: action<UserFacts>({
    name: 'account.user.read',
    description: '查看用户账号及其手机号、电子邮箱：国家局全部；省局本辖区企业和服务机构的用户及本局管理员；其他人只看本人的账号',
    scopes: { EXPERT: 'self', SERVICE_PROVIDER: 'self', ENTERPRISE_USER: 'self', PROVINCIAL_ADMIN: 'jurisdiction', NATIONAL_ADMIN: 'all' },
    refusal: '无权查看该用户',
    hideRefused: true,
  }),
  /** The `users` list (its rows: userVisibility). */
  listUsers: action({
    name: 'account.user.list',
    description: '查看用户列表（范围同 account.user.read）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction', NATIONAL_ADMIN: 'all' },
    refusal: '无权查看用户列表',
  }),
  /**
   * createUser, setUserDisabled, resetUserPassword. Asked first with no user (whether the viewer
   * manages accounts at all: refused before anything is looked up), then with the user.
   */
  manageUser: action<UserFacts | undefined>({
    name: 'account.user.manage',
    description: '创建用户、停用或启用用户、重置用户密码：国家局全部；省局只管本辖区企业和服务机构的用户（不含本局管理员）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction', NATIONAL_ADMIN: 'all' },
    allows: (viewer, user, scope) => !user || scope === 'all' || (MANAGED_BY_PROVINCES.has(user.role) && inScope(viewer, scope, user)),
    refusal: (viewer, user) => (user && jurisdictionOf(viewer) && MANAGED_BY_PROVINCES.has(user.role) ? '只能管理本辖区企业和服务机构的用户' : '无权管理用户'),
  }),
};

/**
 * User accounts (alias of app_user) a viewer may see, by its scope of account.user.read: all for the
 * national admin; the users of its jurisdiction (userJurisdiction) for a provincial admin; its own
 * account for everyone else signed in; none for the anonymous public.
 */
export const userVisibility: Visibility = (viewer, _today, alias) => {
  const scope = scopeOf(viewer, accountActions.readUser);
  if (scope === 'all') return null;
  const region = scope === 'jurisdiction' ? jurisdictionOf(viewer) : null;
  return or(region ? usersInJurisdiction(alias, region) : null, isUser(viewer) ? sql`${trusted(alias)}.id = ${viewer.userId}::uuid` : null);
};

export const accountPolicy: Policy = {
  actions: Object.values(accountActions),
  visibility: { User: userVisibility },
};
