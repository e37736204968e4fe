import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { AuditEntry } from './audit-entry.entity.js';

/** Fields whose values never go into the log (only that they changed). */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash']);

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'unwrap' in value && typeof (value as { unwrap: unknown }).unwrap === 'function') {
    const entity = (value as { unwrap(): Record<string, unknown> }).unwrap();
    return entity.id ?? entity.code ?? null;
  }
  return value ?? null;
}

/** The fields that differ between two snapshots, as { field: { before, after } }. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null, fields: readonly string[]) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    const b = before ? plain(before[field]) : null;
    const a = after ? plain(after[field]) : null;
    if (JSON.stringify(b) !== JSON.stringify(a)) {
      changes[field] = SECRET_FIELDS.has(field)
        ? { before: b === null ? null : '（已隐藏）', after: a === null ? null : b === null ? '（已设置）' : '（已修改）' }
        : { before: b, after: a };
    }
  }
  return changes;
}

/** Takes the values of `fields` now, for a later changedFields(). */
export function snapshot(entity: object, fields: readonly string[]): Record<string, unknown> {
  const record = entity as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f, plain(record[f])]));
}

export interface AuditInput {
  operation: string;
  objectType: string;
  objectId: string;
  jurisdiction: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/**
 * Adds an audit entry to the unit of work of `em` (the mutation's transaction): it commits with the
 * change or not at all. Every successful mutation records one, even when it changed nothing
 * (`changes` is then empty): the log shows what was attempted and accepted.
 */
export function recordAudit(em: EntityManager, ctx: Context, input: AuditInput): AuditEntry {
  const v = ctx.viewer;
  const entry = new AuditEntry();
  entry.userId = v.kind === 'USER' ? v.userId : null;
  entry.username = v.kind === 'USER' ? v.username : null;
  entry.role = v.kind === 'USER' ? v.role : 'ANONYMOUS';
  entry.scope =
    v.kind === 'USER'
      ? Object.fromEntries(
          Object.entries({ regionCode: v.regionCode, enterpriseId: v.enterpriseId, organizationId: v.organizationId, personId: v.personId }).filter(([, x]) => x),
        )
      : {};
  entry.operation = input.operation;
  entry.objectType = input.objectType;
  entry.objectId = input.objectId;
  entry.jurisdiction = input.jurisdiction;
  entry.changes = input.changes;
  entry.requestId = ctx.requestId.slice(0, 64);
  entry.clientAddress = ctx.clientAddress?.slice(0, 64) ?? null;
  em.persist(entry);
  return entry;
}
