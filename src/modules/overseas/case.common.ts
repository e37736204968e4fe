/**
 * What the protection cases' services share (R20, docs/overseas.md): a case loaded for a write
 * (visible, its office's calendar lock shared, then its row locked), its timeline entries, its
 * audit, and the wait on the enterprise.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { enterpriseOf, isBureau, isNational } from '../../common/viewer.policy.js';
import { conflict, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { query, sql } from '../../common/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { OrganizationKind, ServiceOrganization } from '../organization/organization.entity.js';
import { regionOf } from '../liaison/liaison.common.js';
import { CaseEventKind, CaseStatus, ProtectionCase, ProtectionCaseDeadline, ProtectionCaseEvent, type RapidResponseMeasure } from './case.entity.js';
import { caseVisibility } from './overseas.policy.js';
import { r20, shareCalendarLock } from './case.rules.js';

export type Side = 'ENTERPRISE' | 'BUREAU' | 'HANDLER' | 'NATIONAL' | 'SYSTEM';
export const sideOf = (ctx: Pick<Context, 'viewer'>): Side => (isNational(ctx.viewer) ? 'NATIONAL' : isBureau(ctx.viewer) ? 'BUREAU' : enterpriseOf(ctx.viewer) ? 'ENTERPRISE' : 'HANDLER');

export interface Loaded {
  c: ProtectionCase;
  enterprise: Enterprise;
  handler: ServiceOrganization;
  facts: { enterpriseId: string; regionCode: string; organizationId: string };
}

/**
 * A case the viewer may see, row-locked for the write (NOT_FOUND otherwise). The handling office's
 * calendar lock is shared before the row is locked, in the order a calendar change takes them
 * (calendar, then its cases), so the two never wait on each other in a cycle; a reassignment in
 * between is seen, and the new office's lock taken too.
 */
export async function loadCase(ctx: Context, em: EntityManager, globalId: string, version?: number): Promise<Loaded> {
  const id = expectGlobalId(globalId, 'ProtectionCase', 'caseId');
  const rule = caseVisibility(ctx.viewer, ctx.clock.today(), 'pc');
  const visible = rule ? sql` and ${rule}` : sql``;
  let locked: string | null = null;
  for (;;) {
    const [peek] = await query<{ handler_id: string; kind: OrganizationKind }>(
      em,
      sql`select pc.handler_id, o.kind from protection_case pc join service_organization o on o.id = pc.handler_id where pc.id = ${id}::uuid${visible}`,
    );
    if (!peek) throw notFound('维权案件', globalId);
    if (locked !== peek.handler_id) await shareCalendarLock(em, { id: peek.handler_id, kind: peek.kind });
    locked = peek.handler_id;
    const [row] = await query<{ handler_id: string }>(em, sql`select pc.handler_id from protection_case pc where pc.id = ${id}::uuid${visible} for update of pc`);
    if (!row) throw notFound('维权案件', globalId);
    if (row.handler_id === locked) break;
  }
  const c = await em.findOneOrFail(ProtectionCase, id, { refresh: true });
  const enterprise = await em.findOneOrFail(Enterprise, c.enterprise.id);
  const handler = await em.findOneOrFail(ServiceOrganization, c.handler.id);
  if (version !== undefined && c.version !== version) throw conflict('案件已被修改，请刷新后重试', { field: 'version', currentVersion: c.version });
  return { c, enterprise, handler, facts: { enterpriseId: enterprise.id, regionCode: regionOf(enterprise), organizationId: handler.id } };
}

export function assertOpen(c: ProtectionCase): void {
  if (c.status === CaseStatus.CLOSED) throw r20('CASE_CLOSED', '案件已结案', { status: c.status });
}

export const deadlinesOf = (em: EntityManager, c: ProtectionCase) => em.find(ProtectionCaseDeadline, { protectionCase: c.id }, { refresh: true });

export function event(em: EntityManager, ctx: Pick<Context, 'clock' | 'viewer'>, c: ProtectionCase, kind: CaseEventKind, fields: { body?: string | null; attachmentIds?: string[]; measure?: RapidResponseMeasure | null; side?: Side; at?: Date; detached?: boolean } = {}): ProtectionCaseEvent {
  const user = ctx.viewer.kind === 'USER' ? ctx.viewer.username : 'system';
  return em.create(ProtectionCaseEvent, {
    protectionCase: fields.detached ? em.getReference(ProtectionCase, c.id) : c,
    at: fields.at ?? ctx.clock.now(),
    kind,
    side: fields.side ?? sideOf(ctx),
    by: user,
    body: fields.body ?? null,
    measure: fields.measure ?? null,
    attachmentIds: fields.attachmentIds ?? [],
  });
}

export const audit = (em: EntityManager, ctx: Context, operation: string, l: { c: ProtectionCase; enterprise: Enterprise }, changes: Record<string, { before: unknown; after: unknown }>) =>
  recordAudit(em, ctx, { operation, objectType: 'ProtectionCase', objectId: l.c.id, jurisdiction: regionOf(l.enterprise), changes });

export const stale = () => conflict('案件已被修改，请刷新后重试', { field: 'version' });

/** Ends the wait on the enterprise at `at` (its deadlines run again). */
export function endWait(c: ProtectionCase, at: Date): void {
  if (!c.pausedSince) return;
  c.pauses = c.pauses.map((p) => (p.to === null ? { ...p, to: at.toISOString() } : p));
  c.pausedSince = null;
}

