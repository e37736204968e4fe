/**
 * Who may see and change what (docs/permissions.md). Row visibility is expressed as SQL so that
 * lists, counts, node lookups and nested edges all apply the same rule in the database.
 */
import type { Context, UserViewer, Viewer } from '../context.js';
import { AppError } from './errors.js';
import { VALID_ON_PARAMS, VALID_ON_SQL } from '../modules/designation/designation.entity.js';

export function isUser(v: Viewer): v is UserViewer {
  return v.kind === 'USER';
}

export function isNational(v: Viewer): boolean {
  return isUser(v) && v.role === 'NATIONAL_ADMIN';
}

/** The provincial admin's jurisdiction, or null. */
export function jurisdictionOf(v: Viewer): string | null {
  return isUser(v) && v.role === 'PROVINCIAL_ADMIN' ? (v.regionCode ?? null) : null;
}

export function requireUser(ctx: Context): UserViewer {
  if (!isUser(ctx.viewer)) throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.viewer;
}

export function forbidden(message = '无权执行此操作'): AppError {
  return new AppError('FORBIDDEN', message);
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Enterprises in the public directory: those holding a designation valid today (alias `e`). */
export function publicDirectoryCondition(today: string, alias = 'e'): SqlCondition {
  return {
    sql: `exists (select 1 from designation pd where pd.enterprise_id = ${alias}.id and ${VALID_ON_SQL('pd')})`,
    params: VALID_ON_PARAMS(today),
  };
}

/**
 * The enterprises (alias `e`) the viewer may see at all: everything for the national admin;
 * its jurisdiction plus the public directory for a provincial admin; its own enterprise plus
 * the public directory for an enterprise user; the public directory for everyone else.
 * Returns null when no restriction applies.
 */
export function enterpriseVisibility(viewer: Viewer, today: string, alias = 'e'): SqlCondition | null {
  if (isNational(viewer)) return null;
  const pub = publicDirectoryCondition(today, alias);
  const jurisdiction = jurisdictionOf(viewer);
  if (jurisdiction) return { sql: `(${alias}.region_code = ? or ${pub.sql})`, params: [jurisdiction, ...pub.params] };
  if (isUser(viewer) && viewer.role === 'ENTERPRISE_USER' && viewer.enterpriseId) {
    return { sql: `(${alias}.id = ?::uuid or ${pub.sql})`, params: [viewer.enterpriseId, ...pub.params] };
  }
  return pub;
}

/** Whether the viewer sees the whole record of an enterprise (not only its public profile). */
export function hasFullEnterpriseAccess(viewer: Viewer, enterprise: { id: string; regionCode: string }): boolean {
  if (isNational(viewer)) return true;
  if (jurisdictionOf(viewer) === enterprise.regionCode) return true;
  return isUser(viewer) && viewer.role === 'ENTERPRISE_USER' && viewer.enterpriseId === enterprise.id;
}

/** Bureau-internal notes: national admin, or the provincial admin of the enterprise's jurisdiction. */
export function canReadInternalNotes(viewer: Viewer, regionCode: string): boolean {
  return isNational(viewer) || jurisdictionOf(viewer) === regionCode;
}

/** Create or change an enterprise located in `regionCode`. */
export function assertCanManageEnterpriseIn(ctx: Context, regionCode: string): void {
  const v = requireUser(ctx);
  if (v.role === 'NATIONAL_ADMIN') return;
  if (v.role === 'PROVINCIAL_ADMIN' && v.regionCode === regionCode) return;
  throw forbidden(v.role === 'PROVINCIAL_ADMIN' ? '只能管理本辖区的企业' : '无权管理企业');
}

/** What isEnterpriseVisible needs of an EntityManager (kept structural to avoid an ORM import here). */
interface SqlRunner {
  execute(sql: string, params: unknown[], method: 'all'): Promise<unknown[]>;
}

/** Whether the viewer may see this enterprise at all: the same rule as the lists, evaluated in SQL (inside the caller's transaction). */
export async function isEnterpriseVisible(em: SqlRunner, viewer: Viewer, today: string, enterpriseId: string): Promise<boolean> {
  const visibility = enterpriseVisibility(viewer, today);
  const rows = await em
    .execute(`select 1 from enterprise e where e.id = ?${visibility ? ` and ${visibility.sql}` : ''}`, [enterpriseId, ...(visibility?.params ?? [])], 'all');
  return rows.length > 0;
}
