import type { EntityClass } from '@mikro-orm/core';
import type { Context, Viewer } from '../context.js';
import { query, sql, trusted, type Sql } from './sql.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A NodeFetcher for a UUID-keyed entity: one query for all requested ids. */
export function fetchByIds<T extends { id: string }>(entity: EntityClass<T>) {
  return async (ctx: Context, keys: string[]): Promise<Map<string, object>> => {
    const ids = keys.filter((k) => UUID.test(k));
    if (ids.length === 0) return new Map();
    const rows = await ctx.em.find(entity, { id: { $in: ids } } as never);
    return new Map(rows.map((row) => [row.id, row as object]));
  };
}

/**
 * A NodeFetcher for a UUID-keyed entity whose rows the viewer may see only under a condition
 * (the policy's visibility SQL on `alias` of `table`; null: all, undefined-returning: none).
 */
export function fetchVisibleByIds<T extends { id: string }>(entity: EntityClass<T>, table: string, alias: string, visibility: (viewer: Viewer, today: string, alias: string) => Sql | null | false) {
  return async (ctx: Context, keys: string[]): Promise<Map<string, object>> => {
    const ids = keys.filter((k) => UUID.test(k));
    const condition = visibility(ctx.viewer, ctx.clock.today(), alias);
    if (ids.length === 0 || condition === false) return new Map();
    const from = trusted(`${table} ${alias}`);
    const id = trusted(`${alias}.id`);
    const visible = await query<{ id: string }>(ctx.em, condition ? sql`select ${id} from ${from} where ${id} in (${ids}) and ${condition}` : sql`select ${id} from ${from} where ${id} in (${ids})`);
    if (visible.length === 0) return new Map();
    const rows = await ctx.em.find(entity, { id: { $in: visible.map((r) => r.id) } } as never);
    return new Map(rows.map((row) => [row.id, row as object]));
  };
}
