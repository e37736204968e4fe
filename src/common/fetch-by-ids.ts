import type { EntityClass } from '@mikro-orm/core';
import type { Context } from '../context.js';

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
