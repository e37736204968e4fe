/**
 * One transaction, one connection.
 *
 * A request that holds a pooled connection for its transaction and then asks the pool for a
 * second one can wait forever: with ten connections, ten such requests hold all ten and each
 * waits for an eleventh (it happened: twelve parallel objections wedged the server). So, by
 * construction:
 *
 * - the request's EntityManager (`ctx.em`, see context.ts) is forked with `useContext: true`:
 *   inside `transaction()` every `ctx.em.find/execute/createQueryBuilder` resolves to the
 *   transaction's EntityManager (MikroORM's TransactionContext), so visibility checks, policy
 *   queries and loaders called with the request context go through the transaction too;
 * - raw SQL goes through `em.execute()` (never `em.getConnection().execute()`, which ignores the
 *   transaction unless handed its context), and transactions start only here (both held by lint);
 * - the pool refuses, in tests and development, to hand out a connection to code running inside
 *   a transaction (`guardPool`), so a new path that would take a second connection fails its test
 *   instead of deadlocking a production server. In production it is logged, and the pool's
 *   acquire timeout (DB_ACQUIRE_TIMEOUT_MS) turns any remaining wait into a 503.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Set for the duration of a `transaction()` callback (survives nested MikroORM contexts). */
const held = new AsyncLocalStorage<{ label: string; afterCommit: (() => void)[] }>();

/**
 * Runs `fn` in one database transaction (a savepoint when already inside one) and flushes at the
 * end. `fn` gets the transaction's EntityManager; the request's `ctx.em` resolves to it as well.
 * What `afterCommit` registered inside runs once the outermost transaction has committed.
 */
export async function transaction<T>(em: EntityManager, fn: (em: EntityManager) => Promise<T>, label = 'transaction'): Promise<T> {
  const outer = held.getStore();
  const store = outer ?? { label, afterCommit: [] };
  // The only place that opens transactions (see eslint.config.js).
  const result = await em.transactional((tx) => held.run(store, () => fn(tx)));
  if (!outer) for (const callback of store.afterCommit) callback();
  return result;
}

/**
 * Runs `callback` once the current transaction has committed (never if it rolls back); at once
 * outside a transaction. For what others must learn only about committed changes (a revoked session).
 */
export function afterCommit(callback: () => void): void {
  const store = held.getStore();
  if (store) store.afterCommit.push(callback);
  else callback();
}

/** Whether the code running now is inside a transaction (ours, or any MikroORM `transactional`). */
export function insideTransaction(): boolean {
  if (held.getStore()) return true;
  return TransactionContext.currentTransactionContext()?.em.isInTransaction() ?? false;
}

export type TransactionGuardMode = 'error' | 'log' | 'off';

export class SecondConnectionError extends Error {
  constructor() {
    super(
      'a query inside a transaction asked the pool for a second connection: run it through the transaction ' +
        '(the em passed to transaction(), or ctx.em, with em.execute for raw SQL), never em.fork() or em.getConnection()',
    );
    this.name = 'SecondConnectionError';
  }
}

interface ConnectablePool {
  connect(...args: unknown[]): unknown;
}

/**
 * Wraps `pool.connect` so that asking for a connection from inside a transaction is refused
 * (`error`) or logged (`log`). The check runs before the pool is asked, so nothing is leaked.
 */
export function guardPool(pool: ConnectablePool, mode: TransactionGuardMode, log: (error: Error) => void = (e) => console.error(e)): void {
  if (mode === 'off') return;
  const connect = pool.connect.bind(pool);
  pool.connect = (...args: unknown[]) => {
    if (insideTransaction()) {
      const error = new SecondConnectionError();
      if (mode === 'error') {
        const callback = args[0];
        if (typeof callback === 'function') {
          process.nextTick(() => callback(error));
          return undefined;
        }
        return Promise.reject(error);
      }
      log(error);
    }
    return connect(...args);
  };
}

/**
 * Serialises the transactions that take the same `key` (a PostgreSQL advisory lock held until the
 * transaction ends). For promises an index cannot express: capacities, quotas, "replace the set".
 */
export async function advisoryLock(em: EntityManager, key: string): Promise<void> {
  if (!em.isInTransaction()) throw new Error(`advisoryLock(${key}) outside a transaction holds nothing`);
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [key], 'all');
}

/** Like advisoryLock, but gives up at once: false when another transaction holds `key`. */
export async function tryAdvisoryLock(em: EntityManager, key: string): Promise<boolean> {
  if (!em.isInTransaction()) throw new Error(`tryAdvisoryLock(${key}) outside a transaction holds nothing`);
  const [row] = await em.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [key], 'all');
  return row?.locked === true;
}
