/**
 * The read path: statements built with sql`` sent to PostgreSQL as parameterised, named (prepared)
 * statements, so that PostgreSQL parses and plans a statement once per connection instead of on
 * every request (MikroORM's own path inlines every value into the text and sends a simple query).
 *
 * - Outside a transaction a read takes a connection of the serving pool for that one statement.
 *   Inside one (`em.isInTransaction()`) it goes through `em.execute` on the transaction's
 *   connection, as every statement of a transaction must (src/common/transaction.ts).
 * - `col in (${list})` is sent as `col = any($n)` (`not in`: `<> all($n)`) and `array[${list}]` as `$n`, so that the text
 *   of a statement does not depend on the length of a list; any other array parameter is expanded
 *   into `$1, $2, …` exactly as MikroORM expands it into a list of literals.
 * - Statements are named after a hash of their text, up to PREPARED_MAX distinct texts per process
 *   (PostgreSQL keeps a named statement per connection until the connection closes); texts beyond
 *   that run unnamed. `DB_PREPARED_STATEMENTS=false` turns naming off (e.g. behind a pooler in
 *   transaction mode that does not keep prepared statements).
 * - Every statement is logged through MikroORM's logger, like its own: `debug` and the tests'
 *   statement counts see them.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from './sql.js';

interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

export interface ReadPool {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<PgResult>;
}

type PoolHook = (pool: ReadPool) => void;

interface Reader {
  pool: ReadPool;
  /** Name (prepare) statements: DB_PREPARED_STATEMENTS. */
  prepared: boolean;
}

const readers = new WeakMap<PoolHook, Reader>();

/**
 * The `driverOptions.onPoolCreated` of an ORM whose pool serves reads: remembers the pool (found
 * again through `em.config`), then runs `also`.
 */
export function readPoolHook(options: { prepared: boolean }, also?: (pool: never) => void): PoolHook {
  const hook: PoolHook = (pool) => {
    readers.set(hook, { pool, prepared: options.prepared });
    also?.(pool as never);
  };
  return hook;
}

function readerOf(em: EntityManager): Reader | undefined {
  const hook = (em.config.get('driverOptions') as { onPoolCreated?: PoolHook } | undefined)?.onPoolCreated;
  return hook ? readers.get(hook) : undefined;
}

/** A statement in PostgreSQL's numbered-parameter form. */
export interface Numbered {
  text: string;
  values: unknown[];
}

/** Turns `?` placeholders (MikroORM's form, used by sql``) into `$n`; see the header for lists. */
export function numbered(fragment: Sql): Numbered {
  const parts = fragment.sql.split('?');
  const params = fragment.params;
  if (parts.length - 1 !== params.length) throw new Error(`statement has ${parts.length - 1} placeholders for ${params.length} parameters`);
  const values: unknown[] = [];
  let text = parts[0]!;
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    let next = parts[i + 1]!;
    if (Array.isArray(value)) {
      if (/ not in \($/i.test(text) && next.startsWith(')')) {
        text = `${text.slice(0, text.length - 8)}<> all(`;
        values.push(value);
        text += `$${values.length}`;
      } else if (/ in \($/i.test(text) && next.startsWith(')')) {
        text = `${text.slice(0, text.length - 4)}= any(`;
        values.push(value);
        text += `$${values.length}`;
      } else if (text.endsWith('array[') && next.startsWith(']')) {
        text = text.slice(0, text.length - 6);
        values.push(value);
        text += `$${values.length}`;
        next = next.slice(1);
      } else {
        text += value
          .map((v) => {
            values.push(v);
            return `$${values.length}`;
          })
          .join(', ');
      }
    } else {
      values.push(value);
      text += `$${values.length}`;
    }
    text += next;
  }
  return { text, values };
}

export const PREPARED_MAX = 200;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < PREPARED_MAX) {
    name = `ip_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Rows of a statement built with sql``: as parameterised (prepared) statement on the serving pool,
 * or through `em.execute` inside a transaction (and where no serving pool is known).
 */
export async function read<T = Record<string, unknown>>(em: EntityManager, fragment: Sql): Promise<T[]> {
  const reader = em.isInTransaction() ? undefined : readerOf(em);
  if (!reader) return em.execute<T[]>(fragment.sql, [...fragment.params], 'all');
  const { text, values } = numbered(fragment);
  const logger = em.config.getLogger();
  const log = logger.isEnabled('query');
  const slow = em.config.get('slowQueryThreshold');
  const started = log || slow != null ? performance.now() : 0;
  try {
    const result = await reader.pool.query({ text, values, name: reader.prepared ? statementName(text) : undefined });
    if (log || slow != null) {
      const took = Math.round(performance.now() - started);
      const query = em.getPlatform().formatQuery(fragment.sql, [...fragment.params]);
      if (log) logger.logQuery({ level: 'info', query, took, results: result.rows.length });
      if (slow != null && took >= slow) em.config.getSlowQueryLogger().logQuery({ enabled: true, level: 'warning', namespace: 'slow-query', query, took });
    }
    return result.rows as T[];
  } catch (error) {
    if (log) logger.logQuery({ level: 'error', query: em.getPlatform().formatQuery(fragment.sql, [...fragment.params]) });
    throw error;
  }
}
