import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { fromGlobalId } from '../../common/node.js';
import { filteredQuery, keysetPage, type ConnectionArgs, type ConnectionShape } from '../../common/pagination.js';
import { assertMay } from '../../common/policy.js';
import { and, anyOfGiven, sql, type Sql } from '../../common/sql.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditLogFilter } from './audit.inputs.js';
import { auditActions, auditEntryVisibility } from './audit.policy.js';

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

/**
 * The fields that differ between two snapshots, as { field: { before, after } }. Secrets (password
 * hashes) and the fields named in `hidden` (personal data that the log's readers may not see, e.g.
 * a person's identity number) are recorded only as set, changed or cleared, never their values.
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields: readonly string[],
  options: { hidden?: readonly string[] } = {},
) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    const b = before ? plain(before[field]) : null;
    const a = after ? plain(after[field]) : null;
    if (JSON.stringify(b) !== JSON.stringify(a)) {
      changes[field] = SECRET_FIELDS.has(field) || options.hidden?.includes(field)
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

const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A filter as SQL conditions on alias `a`; a malformed object id is BAD_USER_INPUT. */
function filterConditions(filter: AuditLogFilter | null | undefined): Sql[] {
  if (!filter) return [];
  let object: Sql | null = null;
  if (filter.objectId) {
    const decoded = fromGlobalId(filter.objectId);
    if (!decoded) throw badInput([{ field: 'filter.objectId', message: '不是有效的全局 ID' }]);
    object = and(sql`a.object_type = ${decoded.type}`, sql`a.object_id = ${decoded.key}`);
  }
  return [
    anyOfGiven(sql`a.operation`, filter.operations),
    object,
    filter.username ? sql`a.username = ${filter.username.trim().toLowerCase()}` : null,
    filter.jurisdiction ? sql`a.jurisdiction = ${filter.jurisdiction}` : null,
    filter.from ? sql`a.at >= ${filter.from}` : null,
    filter.to ? sql`a.at < ${filter.to}` : null,
  ].filter((condition): condition is Sql => condition !== null);
}

export const auditService = {
  /** The audit log, newest first: the entries the viewer may see (auditEntryVisibility) that match the filter. */
  async log(ctx: Context, args: ConnectionArgs, filter: AuditLogFilter | null | undefined): Promise<ConnectionShape<AuditEntry>> {
    assertMay(ctx, auditActions.read);
    const visible = auditEntryVisibility(ctx.viewer, ctx.clock.today(), 'a');
    const where = [...(visible ? [visible] : []), ...filterConditions(filter)];
    return keysetPage<AuditEntry>({
      query: filteredQuery(ctx.em, AuditEntry, 'a', where),
      args,
      limits: ctx.config,
      orderKey: 'AT:DESC',
      ascending: false, // newest first: "after" moves to older entries
      column: 'a.at',
      idColumn: 'a.id',
      cast: 'timestamptz',
      property: 'at',
      value: (a) => a.at.toISOString(),
      valueOk: isInstant,
    });
  },
};
