import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { badInput, type FieldProblem } from './errors.js';
import { and, FALSE, join, sql, Sql, trusted, type SqlCondition } from './sql.js';
import { leanShape, type LeanShape } from './lean.js';
import { read } from './read.js';
import { dataVersionOf } from './data-version.js';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: '排序方向。',
  valuesConfig: { ASC: { description: '升序' }, DESC: { description: '降序' } },
});

/** Relay connection arguments. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: '向后翻页：取游标 after 之后的前 first 条（默认 20，最大 100）。' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '向后翻页的起始游标（不含）。' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: '向前翻页：取游标 before 之前的最后 last 条（最大 100）。' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: '向前翻页的截止游标（不含）。' })
  before?: string | null;
}

@ObjectType('PageInfo', { description: '分页信息（Relay）。' })
export class PageInfo {
  @Field(() => Boolean, { description: '按当前方向之后是否还有数据。' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: '之前是否还有数据。' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: '本页第一条的游标。' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '本页最后一条的游标。' })
  endCursor!: string | null;
}

/** The decoded position of a row in an ordering: its sort value and id. */
export interface Cursor {
  order: string;
  value: string | number | null;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks a cursor's sort value against the type of the ordering's column. */
export type CursorValueCheck = (value: unknown) => boolean;

export function decodeCursor(raw: string, order: string, field: string, valueOk: CursorValueCheck = () => true): Cursor {
  try {
    if (raw.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('format');
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('shape');
    const [o, value, id] = parsed as unknown[];
    if (typeof o !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw new Error('shape');
    if (!(typeof value === 'string' || typeof value === 'number') || !valueOk(value)) throw new Error('value');
    if (o !== order) {
      throw badInput([{ field, message: '游标属于另一种排序，请使用同一排序下返回的游标' }]);
    }
    return { order: o, value, id };
  } catch (error) {
    if (error instanceof Error && 'extensions' in error) throw error;
    throw badInput([{ field, message: '不是有效的分页游标' }]);
  }
}

/** What a page query needs: direction, limit and cursor bounds, with args validated. */
export interface PageWindow {
  /** Fetch in reverse order (for last/before) and flip the rows afterwards. */
  backward: boolean;
  limit: number;
  after: Cursor | null;
  before: Cursor | null;
}

export function pageWindow(
  args: ConnectionArgs,
  order: string,
  limits: { pageSizeDefault: number; pageSizeMax: number },
  valueOk?: CursorValueCheck,
): PageWindow {
  const problems: FieldProblem[] = [];
  const { first, last } = args;
  if (first != null && last != null) problems.push({ field: 'first', message: 'first 与 last 不能同时使用' });
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > limits.pageSizeMax)) {
      problems.push({ field: name, message: `应在 0 到 ${limits.pageSizeMax} 之间` });
    }
  }
  if (problems.length) throw badInput(problems);
  const after = args.after != null ? decodeCursor(args.after, order, 'after', valueOk) : null;
  const before = args.before != null ? decodeCursor(args.before, order, 'before', valueOk) : null;
  const backward = last != null && first == null;
  const limit = (backward ? last : first) ?? limits.pageSizeDefault;
  return { backward, limit, after, before };
}

/** A page of rows turned into a connection: edges with cursors and page info. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export function buildConnection<T>(
  rows: T[],
  window: PageWindow,
  cursorOf: (row: T) => Cursor,
  totalCount: () => Promise<number>,
): ConnectionShape<T> {
  const hasMore = rows.length > window.limit;
  const page = rows.slice(0, window.limit);
  if (window.backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = window.backward ? window.before !== null : hasMore;
  pageInfo.hasPreviousPage = window.backward ? hasMore : window.after !== null;
  pageInfo.startCursor = edges[0]?.cursor ?? null;
  pageInfo.endCursor = edges.at(-1)?.cursor ?? null;
  return { edges, pageInfo, totalCount };
}

/**
 * Builds the GraphQL connection and edge types for a node type, e.g. EnterpriseConnection.
 * totalCount is computed only when a client asks for it.
 */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `${description}列表的一条边。` })
  class Edge {
    @Field(() => String, { description: '该条目的游标。' })
    cursor!: string;

    @Field(() => node, { description: '条目本身。' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `${description}列表（Relay 连接，键集分页）。` })
  class Connection {
    @Field(() => [Edge], { description: '本页条目。' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: '分页信息。' })
    pageInfo!: PageInfo;

    totalCountFn!: () => Promise<number>;

    @Field(() => Int, { description: '符合筛选条件的总数（与分页无关）。' })
    totalCount(): Promise<number> {
      return this.totalCountFn();
    }

    static from(shape: ConnectionShape<T>): Connection {
      const c = new Connection();
      c.edges = shape.edges as Edge[];
      c.pageInfo = shape.pageInfo;
      c.totalCountFn = shape.totalCount;
      return c;
    }
  }
  return { Edge, Connection };
}

/** `sql` (with one `?` for the list) when the list has values; never true for an empty list; nothing when no list is given. */
export function whereAnyOf(sql: string, values: readonly unknown[] | null | undefined): SqlCondition[] {
  if (!values) return [];
  return values.length ? [new Sql(sql, [values])] : [FALSE];
}

/** keysetPage's `query`: a fresh lean query over `entity` (aliased) with every condition of `where` applied. */
export function filteredQuery<T extends object>(em: EntityManager, entity: EntityClass<T>, alias: string, where: readonly (SqlCondition | null)[]): () => PageableQuery<T> {
  return () => new LeanQuery(em, entity, alias, where);
}

/** What keysetPage needs of a query. */
export interface PageableQuery<T> {
  andWhere(condition: SqlCondition): unknown;
  orderBy(order: Record<string, 'asc' | 'desc'>[]): unknown;
  limit(n: number): unknown;
  getResultList(): Promise<T[]>;
  getCount(): Promise<number>;
}

/**
 * A relation read with each row of a LeanQuery, in the same statement: `select` is a scalar
 * subquery over the row's alias (a JSON aggregate, typically), `take` gets each row with its value
 * (e.g. to prime the relation's loader, so the resolvers find it without a second statement).
 */
export interface Nested<T> {
  select(alias: string): Sql;
  take(row: T, value: unknown): void;
}

/**
 * Rows of one entity (alias `alias`) under SQL conditions, read as lean objects (src/common/lean.ts)
 * through the read path (src/common/read.ts): one statement for the rows (with any relations
 * asked for with `with`), one for the count.
 */
export class LeanQuery<T extends object> implements PageableQuery<T> {
  private readonly shape: LeanShape<T>;
  private readonly table: Sql;
  private readonly conditions: SqlCondition[];
  private order: Sql = trusted('');
  private max: Sql = trusted('');
  private readonly nested: Nested<T>[] = [];

  constructor(
    private readonly em: EntityManager,
    entity: EntityClass<T>,
    private readonly alias: string,
    where: readonly (SqlCondition | null)[] = [],
  ) {
    this.shape = leanShape(em, entity);
    this.conditions = where.filter((w): w is SqlCondition => w !== null);
    this.table = trusted(`"${em.getMetadata().get(entity).tableName}" as "${alias}"`);
  }

  andWhere(condition: SqlCondition): this {
    this.conditions.push(condition);
    return this;
  }

  orderBy(order: Record<string, 'asc' | 'desc'>[]): this {
    const terms = order.flatMap((o) => Object.entries(o)).map(([property, dir]) => `"${this.alias}"."${this.shape.column(property)}" ${dir === 'desc' ? 'desc' : 'asc'}`);
    this.order = trusted(terms.length ? ` order by ${terms.join(', ')}` : '');
    return this;
  }

  limit(n: number): this {
    this.max = sql` limit ${n}`;
    return this;
  }

  /** Also reads `relation` with every row, in the same statement (not for the count). */
  with(relation: Nested<T>): this {
    this.nested.push(relation);
    return this;
  }

  async getResultList(): Promise<T[]> {
    const columns = join([this.shape.columns(this.alias), ...this.nested.map((n, i) => sql`(${n.select(this.alias)}) as ${trusted(`"__nested${i}"`)}`)], ', ');
    const rows = await read(this.em, sql`select ${columns} from ${this.table} where ${and(...this.conditions)}${this.order}${this.max}`);
    return rows.map((row) => {
      const item = this.shape.from(row);
      this.nested.forEach((n, i) => n.take(item, row[`__nested${i}`]));
      return item;
    });
  }

  /**
   * The number of rows, exact. Outside a transaction it is remembered for the data version it was
   * counted at (src/common/data-version.ts): the same statement with the same parameters is not
   * counted again until a write commits, so a broad list's totalCount costs a scan once per change.
   */
  async getCount(): Promise<number> {
    const statement = sql`select count(*)::int as count from ${this.table} where ${and(...this.conditions)}`;
    const counts = this.em.isInTransaction() ? undefined : dataVersionOf(this.em.config);
    const version = await counts?.current();
    const key = version ? `${statement.sql}\u0000${JSON.stringify(statement.params)}` : '';
    if (version) {
      const known = counts!.counts.get(version, key);
      if (known !== undefined) return known;
    }
    const [row] = await read<{ count: number }>(this.em, statement);
    if (version) counts!.counts.set(version, key, row!.count);
    return row!.count;
  }
}

export interface KeysetOptions<T> {
  /** A fresh query with the filters (and visibility) applied; called for the page and for totalCount. */
  query: () => PageableQuery<T>;
  args: ConnectionArgs;
  limits: { pageSizeDefault: number; pageSizeMax: number };
  /** Names the ordering inside cursors, e.g. 'NAME:ASC'. */
  orderKey: string;
  ascending: boolean;
  /** SQL of the sort column and of the id column, e.g. 'e.name' and 'e.id'. */
  column: string;
  idColumn: string;
  /** PostgreSQL type the cursor value is cast to. */
  cast: string;
  /** Entity property of the sort column, for ORDER BY. */
  property: string;
  value: (row: T) => string;
  valueOk: CursorValueCheck;
}

/**
 * One page of a keyset-paginated list: `(sort value, id)` row comparisons against the cursors (one
 * index range scan on an index over both), LIMIT n + 1 to know whether more follow, and a lazy
 * totalCount on the same filters.
 */
export async function keysetPage<T extends { id: string }>(o: KeysetOptions<T>): Promise<ConnectionShape<T>> {
  const window = pageWindow(o.args, o.orderKey, o.limits, o.valueOk);
  const qb = o.query();
  const bound = (cursor: Cursor, forward: boolean) => {
    const op = forward === o.ascending ? '>' : '<';
    qb.andWhere(new Sql(`(${o.column}, ${o.idColumn}) ${op} (?::${o.cast}, ?::uuid)`, [cursor.value, cursor.id]));
  };
  if (window.after) bound(window.after, true);
  if (window.before) bound(window.before, false);
  const dir = o.ascending !== window.backward ? 'asc' : 'desc';
  qb.orderBy([{ [o.property]: dir }, { id: dir }]);
  qb.limit(window.limit + 1);
  const rows = window.limit === 0 ? [] : await qb.getResultList();
  return buildConnection(rows, window, (row) => ({ order: o.orderKey, value: o.value(row), id: row.id }), () => o.query().getCount());
}
