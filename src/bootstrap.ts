import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import { ormConfig } from './mikro-orm.config.js';
import { ReferenceData } from './common/reference-data.js';
import { loadReferenceData } from '../seeds/reference.js';
import { demoDataLoaded, loadDemoData } from '../seeds/demo.js';

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
  options: { seedDemo: boolean; demoEnterprises: number; log: (m: string) => void; debugSql?: boolean },
): Promise<Runtime> {
  const orm = await MikroORM.init(ormConfig(url, { debug: options.debugSql ?? false }));
  try {
    const applied = await orm.migrator.up();
    if (applied.length) options.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    const em = orm.em.fork();
    const changed = await loadReferenceData(em);
    if (changed) options.log(`reference data: ${changed} rows inserted or updated`);
    if (options.seedDemo && options.demoEnterprises > 0 && !(await demoDataLoaded(em))) {
      const { count } = (await em.getConnection().execute<{ count: string }[]>('select count(*)::text as count from enterprise'))[0]!;
      if (count === '0') {
        options.log(`loading the demo data set (${options.demoEnterprises} enterprises)…`);
        const totals = await loadDemoData(em, { enterprises: options.demoEnterprises, log: options.log });
        options.log(`demo data loaded: ${totals.enterprises} enterprises, ${totals.designations} designations, ${totals.statistics} statistics rows`);
      }
    }
    const reference = await ReferenceData.load(orm.em.fork());
    return { orm, reference };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

export type { AppConfig };
