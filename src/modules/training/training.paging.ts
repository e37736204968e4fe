/**
 * Connections nested under many parents (a session's roster, an enterprise's enrolments and
 * training records), paged for every parent of a request at once: one statement for the pages of
 * all parents (a window function numbers each parent's rows), and one grouped count when a client
 * asks for totalCount, however many parents the page above lists. Cursors, windows and page info
 * are those of src/common/pagination.ts (keyset on one sort column plus id).
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildConnection, pageWindow, type ConnectionArgs, type ConnectionShape, type CursorValueCheck, type PageWindow } from '../../common/pagination.js';
import { and, anyOf, query, sql, trusted, type Sql } from '../../common/sql.js';

/** One row of a page: the parent it belongs to, its id and its sort value as cursor text. */
export interface PageRow {
  parent_id: string;
  id: string;
  sort_value: string;
}

/** How to read one nested list; `F` is its filter (part of the loader key, so plain JSON). */
export interface NestedList<F, R extends PageRow, N> {
  /** Names the ordering inside cursors, e.g. 'REQUESTED_AT:ASC'. */
  orderKey: string;
  ascending: boolean;
  /** FROM with its joins; every column below refers to its aliases. */
  from: Sql;
  /** The parent's id column. */
  parent: Sql;
  /** The row's id column (a uuid): the tie-breaker of the order. */
  id: Sql;
  /** The sort column. */
  sort: Sql;
  /** The sort column as the cursor's text, and the PostgreSQL type that text is cast back to. */
  sortText: Sql;
  cast: string;
  valueOk: CursorValueCheck;
  /** Further columns of each row (e.g. `pe.name as person_name`), if any. */
  columns?: Sql;
  /** The rows of the filter the viewer may see (filter conditions and visibility). */
  where: (filter: F) => Sql;
  /** The objects of a batch's rows, in the same order (e.g. the entities, in one query). */
  nodes: (rows: R[]) => Promise<N[]>;
}

interface PageKey<F> {
  parentId: string;
  filter: F;
  window: PageWindow;
}

interface CountKey<F> {
  parentId: string;
  filter: F;
}

interface Fetched<N> {
  id: string;
  value: string;
  node: N;
}

/** Groups keys by everything but the parent, so that each group is one statement over all its parents. */
function byVariant<K extends { parentId: string }>(keys: readonly K[], variant: (key: K) => string): Map<string, { sample: K; parentIds: string[] }> {
  const groups = new Map<string, { sample: K; parentIds: string[] }>();
  for (const key of keys) {
    const v = variant(key);
    const group = groups.get(v) ?? { sample: key, parentIds: [] };
    if (!group.parentIds.includes(key.parentId)) group.parentIds.push(key.parentId);
    groups.set(v, group);
  }
  return groups;
}

const pageVariant = <F>(k: PageKey<F>) => JSON.stringify([k.filter, k.window]);
const countVariant = <F>(k: CountKey<F>) => JSON.stringify(k.filter);

/** The loaders of one nested list for one request: `page()` answers one parent's connection. */
export function nestedListLoader<F, R extends PageRow, N>(em: EntityManager, list: NestedList<F, R, N>) {
  const cast = trusted(list.cast);

  async function fetchPages(parentIds: string[], filter: F, window: PageWindow): Promise<Map<string, Fetched<N>[]>> {
    const out = new Map<string, Fetched<N>[]>();
    if (window.limit === 0) return out;
    const bound = (cursor: { value: string | number | null; id: string }, forward: boolean) =>
      sql`(${list.sort}, ${list.id}) ${trusted(forward === list.ascending ? '>' : '<')} (${cursor.value}::${cast}, ${cursor.id}::uuid)`;
    const dir = trusted(list.ascending !== window.backward ? 'asc' : 'desc');
    const where = and(anyOf(list.parent, parentIds), list.where(filter), window.after && bound(window.after, true), window.before && bound(window.before, false));
    const rows = await query<R & { row_n: number }>(
      em,
      sql`select x.* from (
            select ${list.parent} as parent_id, ${list.id} as id, ${list.sortText} as sort_value${list.columns ? sql`, ${list.columns}` : sql``},
                   row_number() over (partition by ${list.parent} order by ${list.sort} ${dir}, ${list.id} ${dir}) as row_n
              from ${list.from} where ${where}) x
          where x.row_n <= ${window.limit + 1} order by x.parent_id, x.row_n`,
    );
    const nodes = rows.length ? await list.nodes(rows) : [];
    rows.forEach((row, i) => {
      const page = out.get(row.parent_id) ?? [];
      page.push({ id: row.id, value: row.sort_value, node: nodes[i]! });
      out.set(row.parent_id, page);
    });
    return out;
  }

  const pages = new DataLoader<PageKey<F>, Fetched<N>[], string>(
    async (keys) => {
      const found = new Map<string, Fetched<N>[]>();
      for (const [variant, { sample, parentIds }] of byVariant(keys, pageVariant)) {
        for (const [parentId, rows] of await fetchPages(parentIds, sample.filter, sample.window)) found.set(`${parentId}|${variant}`, rows);
      }
      return keys.map((k) => found.get(`${k.parentId}|${pageVariant(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.parentId}|${pageVariant(k)}` },
  );

  const counts = new DataLoader<CountKey<F>, number, string>(
    async (keys) => {
      const found = new Map<string, number>();
      for (const [variant, { sample, parentIds }] of byVariant(keys, countVariant)) {
        const rows = await query<{ parent_id: string; n: number }>(
          em,
          sql`select ${list.parent} as parent_id, count(*)::int as n from ${list.from} where ${and(anyOf(list.parent, parentIds), list.where(sample.filter))} group by ${list.parent}`,
        );
        for (const row of rows) found.set(`${row.parent_id}|${variant}`, row.n);
      }
      return keys.map((k) => found.get(`${k.parentId}|${countVariant(k)}`) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.parentId}|${countVariant(k)}` },
  );

  return {
    /** One parent's page (arguments checked here: a bad cursor or size fails this field only), batched with its siblings'. */
    async page(parentId: string, filter: F, args: ConnectionArgs, limits: { pageSizeDefault: number; pageSizeMax: number }): Promise<ConnectionShape<N>> {
      const window = pageWindow(args, list.orderKey, limits, list.valueOk);
      const rows = await pages.load({ parentId, filter, window });
      const shape = buildConnection(rows, window, (r) => ({ order: list.orderKey, value: r.value, id: r.id }), () => counts.load({ parentId, filter }));
      return { ...shape, edges: shape.edges.map((e) => ({ cursor: e.cursor, node: e.node.node })) };
    },
  };
}

/** A timestamptz(3) column as cursor text (UTC, to the millisecond: exactly what it stores). */
export const instantText = (column: Sql) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const isInstantText: CursorValueCheck = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v));
