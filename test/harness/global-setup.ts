/**
 * Once per test run: a PostgreSQL server (DATABASE_URL's, or a temporary embedded cluster)
 * and a template database with every migration applied and the reference data loaded.
 * Each test file clones the template into a database of its own (fast) and drops it after.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, openScratchDatabase, withDatabase, dropDatabase } from '../../src/database.js';
import { ormConfig } from '../../src/mikro-orm.config.js';
import { loadReferenceData } from '../../seeds/reference.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const scratch = await openScratchDatabase('iptest_tmpl');
  const templateDb = new URL(scratch.url).pathname.slice(1);
  const adminUrl = withDatabase(scratch.url, 'postgres');
  const orm = await MikroORM.init(ormConfig(scratch.url, { debug: false }));
  await orm.migrator.up();
  await loadReferenceData(orm.em.fork());
  await orm.close(true);
  await ensureDatabase(adminUrl, 'postgres');
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    await dropDatabase(adminUrl, templateDb).catch(() => undefined);
    await scratch.stop().catch(() => undefined);
  };
}
