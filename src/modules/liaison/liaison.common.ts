/**
 * What the liaison module's services share: the enterprise a write is about (visible, else
 * NOT_FOUND), R16's "a current demonstration enterprise", the filters every list has (region with
 * the roll-up of sub-jurisdictions, enterprise), text checks, and newest-first keyset pages.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { anyOf, sql, trusted, type Sql } from '../../common/sql.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { holdsTitleOn, titleOn } from '../designation/designation.rules.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import type { RecordFacts } from './liaison.policy.js';

/** The paragraph every rule of this module cites. */
export const PARAGRAPH = '五(一)';

export const regionOf = (e: Enterprise): string => e.region.unwrap().code;
export const recordFacts = (e: Enterprise): RecordFacts => ({ enterpriseId: e.id, regionCode: regionOf(e) });

/** The enterprise of a global id, loaded with `em` for a write: NOT_FOUND unless the viewer sees it. */
export async function enterpriseForWrite(em: EntityManager, ctx: Context, globalId: string, field = 'enterpriseId'): Promise<Enterprise> {
  const id = expectGlobalId(globalId, 'Enterprise', field);
  const enterprise = await em.findOne(Enterprise, id);
  if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), id))) throw notFound('企业', globalId);
  return enterprise;
}

/** The enterprise of alias `alias` (e.g. `e.id`) is a demonstration enterprise on `date` (R16's subjects). */
export function isDemonstrationOn(enterpriseColumn: string, date: string): Sql {
  return holdsTitleOn(enterpriseColumn, date, [DesignationLevel.DEMONSTRATION]);
}

/** R16 [D 五(一)]: only a current demonstration enterprise has a liaison and reports; else RULE_VIOLATION. */
export async function assertDemonstration(em: EntityManager, enterprise: Enterprise, today: string, what: string): Promise<void> {
  if ((await titleOn(em, enterprise.id, today)) !== DesignationLevel.DEMONSTRATION) {
    throw ruleViolation('R16', `${enterprise.name}今日不是有效的国家知识产权示范企业：${what}是示范企业的联络员制度和信息上报机制（五(一)）`, {
      paragraph: PARAGRAPH,
      condition: 'NOT_DEMONSTRATION',
    });
  }
}

/** The filter fields every list of this module has. */
export interface RecordListFilter {
  regionCodes?: string[] | null;
  includeSubJurisdictions?: boolean | null;
  enterpriseId?: string | null;
}

/**
 * Conditions of the common filter on a record alias with an enterprise_id: the enterprise's
 * jurisdiction among the codes (with their sub-jurisdictions when asked: 440000 with 440300), and
 * one enterprise. On the enterprise table itself pass `enterpriseAlias`.
 */
export function recordFilter(ctx: Context, alias: string, filter: RecordListFilter | null | undefined, options: { enterpriseAlias?: boolean } = {}): Sql[] {
  const out: Sql[] = [];
  if (!filter) return out;
  const a = trusted(alias);
  if (filter.regionCodes) {
    const codes = ctx.reference.regionCodes(filter.regionCodes, !!filter.includeSubJurisdictions);
    out.push(options.enterpriseAlias ? anyOf(sql`${a}.region_code`, codes) : anyOf(sql`(select fe.region_code from enterprise fe where fe.id = ${a}.enterprise_id)`, codes));
  }
  if (filter.enterpriseId != null) {
    const id = expectGlobalId(filter.enterpriseId, 'Enterprise', 'filter.enterpriseId');
    out.push(options.enterpriseAlias ? sql`${a}.id = ${id}::uuid` : sql`${a}.enterprise_id = ${id}::uuid`);
  }
  return out;
}

const length = (s: string) => [...s].length;

/** A required text, trimmed: 1–max characters, else a problem on `field`. */
export function requiredText(problems: InputProblems, field: string, raw: string | null | undefined, max: number): string {
  const text = (raw ?? '').trim();
  if (length(text) < 1 || length(text) > max) problems.add(field, `应为 1–${max} 字`);
  return text;
}

/** An optional text, trimmed (blank: null): at most max characters. */
export function optionalText(problems: InputProblems, field: string, raw: string | null | undefined, max: number): string | null {
  const text = (raw ?? '').trim();
  if (length(text) > max) problems.add(field, `最长 ${max} 字`);
  return text || null;
}

export const PHONE = /^[0-9+\-() ]{5,30}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A page of `entity` (alias) newest first by created_at (keyset on created_at, id). */
export function newestFirst<T extends { id: string; createdAt: Date }>(ctx: Context, entity: EntityClass<T>, alias: string, where: (Sql | null)[], args: ConnectionArgs) {
  return keysetPage<T>({
    query: filteredQuery(ctx.em, entity, alias, where),
    args,
    limits: ctx.config,
    orderKey: 'CREATED_AT:DESC',
    ascending: false,
    column: `${alias}.created_at`,
    idColumn: `${alias}.id`,
    cast: 'timestamptz',
    property: 'createdAt',
    value: (row) => row.createdAt.toISOString(),
    valueOk: isInstant,
  });
}

/** A page of `entity` (alias) by a date column, newest first (keyset on the date, id). */
export function byDateDesc<T extends { id: string }>(ctx: Context, entity: EntityClass<T>, alias: string, where: (Sql | null)[], args: ConnectionArgs, date: { column: string; property: string; value: (row: T) => string }) {
  return keysetPage<T>({
    query: filteredQuery(ctx.em, entity, alias, where),
    args,
    limits: ctx.config,
    orderKey: `${date.property.toUpperCase()}:DESC`,
    ascending: false,
    column: `${alias}.${date.column}`,
    idColumn: `${alias}.id`,
    cast: 'date',
    property: date.property,
    value: date.value,
    valueOk: isDate,
  });
}

/** Enterprises (alias e) by name, for the bureaus' "who is missing" lists. */
export function enterprisesByName(ctx: Context, where: (Sql | null)[], args: ConnectionArgs) {
  return keysetPage<Enterprise>({
    query: filteredQuery(ctx.em, Enterprise, 'e', where),
    args,
    limits: ctx.config,
    orderKey: 'NAME:ASC',
    ascending: true,
    column: 'e.name',
    idColumn: 'e.id',
    cast: 'text',
    property: 'name',
    value: (e) => e.name,
    valueOk: (v) => typeof v === 'string' && v.length <= 400,
  });
}

/** Rows grouped by a key, in the order of `keys` (for DataLoaders). */
export function grouped<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const by = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) by.get(keyOf(row))?.push(row);
  return keys.map((k) => by.get(k) ?? []);
}
