/**
 * SQL fragments as values: a fragment carries its text and its parameters together, so that
 * fragments compose without anyone counting `?` by hand.
 *
 * ```ts
 * const visible = sql`e.region_code = ${code}`;                 // one parameter
 * const page = sql`select e.id from enterprise e where ${and(visible, anyOf(sql`e.industry_code`, codes))}`;
 * const rows = await query<{ id: string }>(em, page);           // em.execute: joins the open transaction
 * ```
 *
 * - A value interpolated into sql`` becomes a parameter; a fragment interpolated becomes part of
 *   the text, with its parameters in place. There is no other way to put text into a fragment
 *   than `trusted()`, for identifiers and orders taken from a fixed map in code.
 * - An array parameter is expanded by MikroORM into a comma-separated list, so write
 *   sql`col in (${values})` (or use `anyOf`), and sql`array[${values}]::text[]`; never `= any(?)`.
 *   An empty list must not reach SQL: `anyOf` turns it into `false`.
 * - Fragments also have the `{ sql, params }` shape that MikroORM's QueryBuilder takes:
 *   `qb.andWhere(f.sql, [...f.params])`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { read } from './read.js';

export class Sql {
  /** Nominal: only fragments built here are fragments (a plain `{ sql, params }` is not one). */
  private declare readonly brand: 'Sql';
  constructor(
    readonly sql: string,
    readonly params: readonly unknown[],
  ) {}
}

/** A condition (or any fragment) built with the sql`` tag. */
export type SqlCondition = Sql;

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return new Sql(text, params);
}

/** Text written by the program itself (an identifier or an order from a fixed map), never input. */
export function trusted(text: string): Sql {
  return new Sql(text, []);
}

export const TRUE = trusted('true');
export const FALSE = trusted('false');

type Part = Sql | null | undefined | false;

function joinParts(parts: Part[], separator: string, empty: Sql): Sql {
  const present = parts.filter((p): p is Sql => p instanceof Sql);
  if (present.length === 0) return empty;
  if (present.length === 1) return present[0]!;
  // Parenthesised as a whole too, so that the result can be put next to anything.
  return new Sql(`(${present.map((p) => `(${p.sql})`).join(separator)})`, present.flatMap((p) => p.params));
}

/** Every condition (skipping null/undefined/false); `true` when none. */
export function and(...parts: Part[]): Sql {
  return joinParts(parts, ' and ', TRUE);
}

/** Any of the conditions (skipping null/undefined/false); `false` when none. */
export function or(...parts: Part[]): Sql {
  return joinParts(parts, ' or ', FALSE);
}

/** Fragments joined by `separator` (e.g. ', '), parameters in order. */
export function join(parts: Sql[], separator: string): Sql {
  return new Sql(parts.map((p) => p.sql).join(separator), parts.flatMap((p) => p.params));
}

/** `column in (values)`; an empty list matches nothing. */
export function anyOf(column: Sql, values: readonly unknown[]): Sql {
  return values.length === 0 ? FALSE : sql`${column} in (${values})`;
}

/** A list filter that may be absent: nothing when not given, else anyOf. */
export function anyOfGiven(column: Sql, values: readonly unknown[] | null | undefined): Sql | null {
  return values ? anyOf(column, values) : null;
}

/** A LIKE pattern that finds `text` anywhere, with `\`, `%` and `_` escaped (use with `escape '\\'`). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern that finds values starting with `text` (use with `escape '\\'`). */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Rows of a fragment: a prepared statement on the serving pool, or inside a transaction on the
 * transaction's connection (src/common/read.ts).
 */
export function query<T = Record<string, unknown>>(em: EntityManager, fragment: Sql): Promise<T[]> {
  return read<T>(em, fragment);
}

/** Runs a statement that returns no rows; resolves to the number of rows it affected. */
export async function run(em: EntityManager, fragment: Sql): Promise<number> {
  const res = await em.execute(fragment.sql, [...fragment.params], 'run');
  return (res as { affectedRows?: number }).affectedRows ?? 0;
}
