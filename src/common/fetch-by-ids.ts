import type { EntityClass } from '@mikro-orm/core';
import type { Context, Viewer } from '../context.js';
import { anyOf, FALSE, trusted, type Sql } from './sql.js';
import { LeanQuery } from './pagination.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A NodeFetcher for a UUID-keyed entity: one query for all requested ids. */
export function fetchByIds<T extends { id: string }>(entity: EntityClass<T>) {
  return async (ctx: Context, keys: string[]): Promise<Map<string, object>> => {
    const ids = keys.filter((k) => UUID.test(k));
    if (ids.length === 0) return new Map();
    const rows = await new LeanQuery(ctx.em, entity, 'r', [anyOf(trusted('r.id'), ids)]).getResultList();
    return new Map(rows.map((row) => [row.id, row as object]));
  };
}

/**
 * A NodeFetcher for a UUID-keyed entity whose rows the viewer may see only under a condition: the
 * policy's visibility SQL on `alias` (null: all rows; FALSE: none, and nothing is asked). One
 * statement for all requested ids.
 */
export function fetchVisibleByIds<T extends { id: string }>(entity: EntityClass<T>, alias: string, visibility: (viewer: Viewer, today: string, alias: string) => Sql | null) {
  return async (ctx: Context, keys: string[]): Promise<Map<string, object>> => {
    const ids = keys.filter((k) => UUID.test(k));
    const condition = visibility(ctx.viewer, ctx.clock.today(), alias);
    if (ids.length === 0 || condition === FALSE) return new Map();
    const rows = await new LeanQuery(ctx.em, entity, alias, [anyOf(trusted(`${alias}.id`), ids), condition]).getResultList();
    return new Map(rows.map((row) => [row.id, row as object]));
  };
}
