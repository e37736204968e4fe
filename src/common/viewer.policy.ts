/**
 * What a viewer is, as the policies need it: the only place besides the module policies that looks
 * at roles. Scope fields of the access token (regionCode, enterpriseId, organizationId, personId)
 * are read through these, so that a role's meaning is written once.
 */
import type { Context, UserViewer, Viewer } from '../context.js';
import { AppError } from './errors.js';

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

/** The enterprise user's enterprise, or null. */
export function enterpriseOf(v: Viewer): string | null {
  return isUser(v) && v.role === 'ENTERPRISE_USER' ? (v.enterpriseId ?? null) : null;
}

/** The service provider's organisation, or null. */
export function organizationOf(v: Viewer): string | null {
  return isUser(v) && v.role === 'SERVICE_PROVIDER' ? (v.organizationId ?? null) : null;
}

/** The expert's person record, or null. */
export function personOf(v: Viewer): string | null {
  return isUser(v) && v.role === 'EXPERT' ? (v.personId ?? null) : null;
}

/** A bureau (national or provincial) admin. */
export function isBureau(v: Viewer): boolean {
  return isNational(v) || jurisdictionOf(v) !== null;
}

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireUser(ctx: Pick<Context, 'viewer'>): UserViewer {
  if (!isUser(ctx.viewer)) throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.viewer;
}
