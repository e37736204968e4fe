import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import { ormConfig, servingOrmOptions, type ServingSettings } from './mikro-orm.config.js';
import { ReferenceData } from './common/reference-data.js';
import { loadReferenceData } from '../seeds/reference.js';
import { demoDataLoaded, loadDemoData } from '../seeds/demo.js';
import type { FileStorage } from './modules/file/storage.js';

export interface Runtime {
  orm: MikroORM;
  reference: ReferenceData;
}

/**
 * Connects, applies pending migrations, loads the reference data (idempotent) and, when asked
 * and only on a database that has never had it, the demo data set.
 */
export async function prepareDatabase(
  url: string,
  options: {
    seedDemo: boolean;
    demoEnterprises: number;
    log: (m: string) => void;
    debugSql?: boolean;
    /** Limits of the serving pool (mikro-orm.config.ts); none when absent (scripts). */
    serving?: ServingSettings;
    /** Where a transaction-guard violation is reported when the guard only logs. */
    logError?: (error: Error) => void;
    /** Where the ORM's own messages (the migrator's) go; default: MikroORM's console logger. */
    ormLog?: (message: string) => void;
    storage?: FileStorage;
    /** The date the demo data set is built around (default: the real date); a rehearsal server's programme date. */
    demoToday?: string;
  },
): Promise<Runtime> {
  // Migrations and the demo seed run without the serving limits (an index build must not be cut
  // off); the ORM that serves requests then gets them, so that no query outlives its request.
  const logging = options.ormLog ? { logger: options.ormLog, colors: false } : {};
  const orm = await MikroORM.init(ormConfig(url, { debug: options.debugSql ?? false, ...logging }));
  try {
    const applied = await orm.migrator.up();
    if (applied.length) options.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    const em = orm.em.fork();
    const changed = await loadReferenceData(em);
    if (changed) options.log(`reference data: ${changed} rows inserted or updated`);
    if (options.seedDemo && options.demoEnterprises > 0 && !(await demoDataLoaded(em))) {
      const { count } = (await em.execute<{ count: string }[]>('select count(*)::text as count from enterprise'))[0]!;
      if (count === '0') {
        options.log(`loading the demo data set (${options.demoEnterprises} enterprises)…`);
        const totals = await loadDemoData(em, { enterprises: options.demoEnterprises, log: options.log, storage: options.storage, today: options.demoToday });
        options.log(`demo data loaded: ${totals.enterprises} enterprises, ${totals.designations} designations, ${totals.statistics} statistics rows`);
      }
    }
  } finally {
    await orm.close(true);
  }
  const serving = await MikroORM.init(
    ormConfig(url, {
      debug: options.debugSql ?? false,
      ...logging,
      ...(options.serving ? servingOrmOptions(options.serving, options.logError) : {}),
    }),
  );
  try {
    const reference = await ReferenceData.load(serving.em.fork());
    return { orm: serving, reference };
  } catch (error) {
    await serving.close(true);
    throw error;
  }
}

export type { AppConfig };
