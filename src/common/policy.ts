/**
 * Policies: the one place that answers "may this viewer see or do this".
 *
 * Each module's `<module>.policy.ts` declares
 * - its **actions**, each with a name (`enterprise.update`), a description, and per audience (a
 *   role, or the anonymous public) the **scope** it has (`all`, `jurisdiction`, `own`, …; absent:
 *   refused), plus, where the scope depends on the object, `allows(viewer, object)`;
 * - its **visibility** rules: per GraphQL type, the SQL condition of the rows a viewer may see
 *   (null: no restriction), used by lists, counts, node lookups and loaders alike.
 *
 * Services call `assertMay(ctx, action, object)` before acting; field resolvers and loaders ask
 * `may()` or the visibility SQL. `me.permissions` and the matrix in docs/permissions.md are
 * generated from the same declarations (`permissionsOf`, `scripts/permissions-doc.ts`), so they
 * cannot drift from what the code does.
 */
import type { Context, Role, Viewer } from '../context.js';
import { AppError } from './errors.js';
import { enterpriseOf, jurisdictionOf, organizationOf, personOf } from './viewer.policy.js';
import type { Sql } from './sql.js';

/** Who an action's scope is given to: each role, and the anonymous public. */
export const AUDIENCES = ['ANONYMOUS', 'EXPERT', 'SERVICE_PROVIDER', 'ENTERPRISE_USER', 'PROVINCIAL_ADMIN', 'NATIONAL_ADMIN'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How far a permission reaches; the words of the matrix. */
export const SCOPES = {
  all: '全部',
  jurisdiction: '本辖区',
  own: '本单位（本企业或本机构）',
  self: '本人',
  host: '承办的班次',
  public: '公开部分',
} as const;
export type Scope = keyof typeof SCOPES;

export interface Action<T = void> {
  /** `<module>.<thing>.<verb>`, e.g. `enterprise.update`, `training.session.run`. */
  name: string;
  /** What it lets one do (Chinese), for the matrix. */
  description: string;
  /** Per audience, the scope it has; an audience not listed may not do it at all. */
  scopes: Partial<Record<Audience, Scope>>;
  /**
   * Whether the viewer (whose audience has a scope) may do it to this object. Omitted: the scope
   * decides, through `inScope` on what the object says of itself (its jurisdiction, its
   * enterprise or organisation, its person), or, for an action on no object, the scope alone.
   */
  allows?: (viewer: Viewer, target: T, scope: Scope) => boolean;
  /** The FORBIDDEN message (Chinese) when refused. */
  refusal: string | ((viewer: Viewer, target: T) => string);
  /** A refusal that says only NOT_FOUND (the object must not be revealed), instead of FORBIDDEN. */
  hideRefused?: boolean;
}

/** Declares an action (typed by the object it applies to). */
export function action<T = void>(spec: Action<T>): Action<T> {
  return spec;
}

export function audienceOf(viewer: Viewer): Audience {
  return viewer.kind === 'USER' ? (viewer.role as Role) : 'ANONYMOUS';
}

/** The viewer's scope for an action, or null when its audience has none. */
export function scopeOf(viewer: Viewer, act: Action<never> | Action<unknown>): Scope | null {
  return act.scopes[audienceOf(viewer)] ?? null;
}

/** Whether the viewer may do `act` (to `target`). */
export function may<T>(viewer: Viewer, act: Action<T>, target: T): boolean;
export function may(viewer: Viewer, act: Action<void>): boolean;
export function may<T>(viewer: Viewer, act: Action<T>, target?: T): boolean {
  const scope = act.scopes[audienceOf(viewer)];
  if (!scope) return false;
  if (act.allows) return act.allows(viewer, target as T, scope);
  return target === undefined || target === null ? true : inScope(viewer, scope, target as ScopeFacts);
}

/** What an object says of itself for the scope check: where it belongs, and to whom. */
export interface ScopeFacts {
  /** The jurisdiction (provincial-level region code) it belongs to. */
  regionCode?: string | null;
  enterpriseId?: string | null;
  organizationId?: string | null;
  personId?: string | null;
  userId?: string | null;
}

/**
 * The meaning of the scopes, once: `all` everything; `jurisdiction` objects of the provincial
 * admin's jurisdiction; `own` objects of the viewer's enterprise or organisation; `self` the
 * viewer's own person record or account; `public` what is public anyway. `host` has no generic
 * meaning (an action with it says what it is through `allows`).
 */
export function inScope(viewer: Viewer, scope: Scope, target: ScopeFacts): boolean {
  switch (scope) {
    case 'all':
    case 'public':
      return true;
    case 'jurisdiction':
      return !!target.regionCode && jurisdictionOf(viewer) === target.regionCode;
    case 'own':
      return (!!target.enterpriseId && enterpriseOf(viewer) === target.enterpriseId) || (!!target.organizationId && organizationOf(viewer) === target.organizationId);
    case 'self':
      return (!!target.personId && personOf(viewer) === target.personId) || (!!target.userId && viewer.kind === 'USER' && viewer.userId === target.userId);
    case 'host':
      return false;
  }
}

/**
 * Throws unless the viewer may do `act` (to `target`): UNAUTHENTICATED for the anonymous public
 * when the action needs a login, else FORBIDDEN with the action's refusal (NOT_FOUND for actions
 * that must not reveal the object).
 */
export function assertMay<T>(ctx: Pick<Context, 'viewer'>, act: Action<T>, target: T): void;
export function assertMay(ctx: Pick<Context, 'viewer'>, act: Action<void>): void;
export function assertMay<T>(ctx: Pick<Context, 'viewer'>, act: Action<T>, target?: T): void {
  const viewer = ctx.viewer;
  if (may(viewer, act, target as T)) return;
  if (viewer.kind !== 'USER' && !act.scopes.ANONYMOUS) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (act.hideRefused) throw new AppError('NOT_FOUND', '未找到该对象');
  const message = typeof act.refusal === 'function' ? act.refusal(viewer, target as T) : act.refusal;
  throw new AppError('FORBIDDEN', message, { action: act.name });
}

/** Row visibility of one GraphQL type: the condition on `alias` of the rows the viewer may see (null: all). */
export type Visibility = (viewer: Viewer, today: string, alias: string) => Sql | null;

export interface Policy {
  actions: Action<never>[];
  /** Per GraphQL type name. */
  visibility?: Record<string, Visibility>;
}

/** The capability strings of `me.permissions`: `<action>:<scope>` for every action the viewer's audience has. */
export function permissionsOf(viewer: Viewer, policies: readonly Policy[]): string[] {
  const audience = audienceOf(viewer);
  const out: string[] = [];
  for (const policy of policies) for (const act of policy.actions) if (act.scopes[audience]) out.push(`${act.name}:${act.scopes[audience]}`);
  return out.sort();
}

/**
 * Refuses a viewer whose audience has no part in `act` at all (UNAUTHENTICATED for the public,
 * else FORBIDDEN), before anything is looked up; the object's own check follows once it is loaded.
 */
export function assertAudience<T>(ctx: Pick<Context, 'viewer'>, act: Action<T | undefined> | Action<T>): void {
  if (!scopeOf(ctx.viewer, act as Action<unknown>)) assertMay(ctx, act as Action<T | undefined>, undefined);
}
