import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { AppConfig } from './config.js';
import { guardPool } from './common/transaction.js';
import { readPoolHook } from './common/read.js';
import { countAcquireTimeout, registerPool, type PoolStats } from './http/metrics.js';

/** Counts the connections not acquired within the acquire timeout (pg-pool's own wording), for /metrics. */
function countTimeouts(pool: { connect(...args: unknown[]): unknown }): void {
  const connect = pool.connect.bind(pool);
  pool.connect = (...args: unknown[]) => {
    const result = connect(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message.includes('timeout exceeded when trying to connect')) countAcquireTimeout();
      });
    }
    return result;
  };
}

/**
 * ORM configuration. Migrations are listed explicitly (migrations/index.ts, kept up to
 * date by `npm run migration:create`) so that the same list works from TypeScript
 * (tsx, vitest) and from the compiled build, with no file globbing at run time.
 */
export function ormConfig(url: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: 'migrations',
      pathTs: 'migrations',
      migrationsList: MIGRATIONS,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
    // ip_name_grams() and other hand-written SQL functions live in the migrations, and so do the
    // data-version triggers (src/common/data-version.ts): the schema diff leaves them alone.
    // Rollups (rpt_*) are made by generated migrations from the facts' declarations, not by entities.
    schemaGenerator: { ignoreRoutines: true, ignoreTriggers: true, skipTables: [/^rpt_/] },
    pool: { min: 0, max: 10 },
    forceUtcTimezone: true,
    ...overrides,
  });
}

export type ServingSettings = Pick<
  AppConfig,
  'dbPoolSize' | 'dbAcquireTimeoutMs' | 'requestTimeoutMs' | 'dbLockTimeoutMs' | 'dbIdleInTransactionTimeoutMs' | 'transactionGuard' | 'dbPreparedStatements'
>;

/**
 * The ORM options of the pool that serves requests (and nothing else: migrations and the demo
 * seed run without these limits, an index build must not be cut off):
 * - `DB_POOL_SIZE` connections; a request waits at most `DB_ACQUIRE_TIMEOUT_MS` for one
 *   (then 503 with Retry-After, src/http/errors.ts) instead of forever;
 * - each connection starts with `statement_timeout` (the request timeout: no query outlives its
 *   request for long), `lock_timeout` and `idle_in_transaction_session_timeout`, sent in the
 *   startup packet so that they hold from the first statement;
 * - the transaction guard (src/common/transaction.ts) on the pool.
 */
export function servingOrmOptions(settings: ServingSettings, log?: (error: Error) => void): Partial<Options> {
  const startup = [
    `statement_timeout=${settings.requestTimeoutMs}`,
    `lock_timeout=${settings.dbLockTimeoutMs}`,
    `idle_in_transaction_session_timeout=${settings.dbIdleInTransactionTimeoutMs}`,
    'application_name=ip-enterprise-api',
  ];
  return {
    pool: { min: 0, max: settings.dbPoolSize, idleTimeoutMillis: 30_000 },
    driverOptions: {
      options: startup.map((s) => `-c ${s}`).join(' '),
      connectionTimeoutMillis: settings.dbAcquireTimeoutMs,
      // Also makes the pool the read path's (src/common/read.ts).
      onPoolCreated: readPoolHook({ prepared: settings.dbPreparedStatements }, (pool: PoolStats & { connect(...args: unknown[]): unknown }) => {
        guardPool(pool, settings.transactionGuard, log);
        countTimeouts(pool);
        registerPool(pool);
      }),
    },
  };
}
