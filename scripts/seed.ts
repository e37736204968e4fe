/**
 * npm run seed [-- --enterprises N] [--seed S] [--reset] [--reference-only]
 *
 * Applies pending migrations, loads the reference data (idempotent), then generates the demo
 * data set of N enterprises (default 2,000). The demo data is added only to a database without
 * enterprises; --reset first deletes every enterprise (with its designations and statistics).
 * Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { loadReferenceData } from '../seeds/reference.js';
import { loadDemoData, DEMO_META_KEY } from '../seeds/demo.js';
import { LocalFileStorage } from '../src/modules/file/storage.js';
import path from 'node:path';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'reference-only': { type: 'boolean', default: false },
  },
});
const enterprises = Number(values.enterprises);
if (!Number.isInteger(enterprises) || enterprises < 0 || enterprises > 5_000_000) {
  console.error('--enterprises must be an integer between 0 and 5,000,000');
  process.exit(2);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) {
  console.error('--seed must be an integer');
  process.exit(2);
}

const config = loadConfig();
// Next to a running server on the same DATA_DIR: use its embedded PostgreSQL and leave it running.
const db = await openDatabase(config, (m) => console.log(m), { shared: 'join' });
const orm = await MikroORM.init(ormConfig(db.url));
try {
  await orm.migrator.up();
  const em = orm.em.fork();
  const changed = await loadReferenceData(em);
  console.log(changed ? `Reference data: ${changed} rows inserted or updated.` : 'Reference data already up to date.');
  if (!values['reference-only'] && enterprises > 0) {
    const conn = em;
    if (values.reset) {
      // Everything but the reference data (regions, bureaus, industries): the demo data set reaches
      // most tables (accounts, applications, notices, files, the audit log…), which refer to each other.
      const keep = new Set(['region', 'bureau', 'industry', 'system_meta', 'data_version']);
      const tables = [...new Set([...orm.getMetadata()].map((m) => m.tableName).filter((t): t is string => !!t && !keep.has(t)))];
      await conn.execute(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`);
      await conn.execute('delete from system_meta where key = ?', [DEMO_META_KEY]);
      console.log(`Deleted all data but the reference data (${tables.length} tables).`);
    }
    const [{ count }] = await conn.execute<{ count: string }[]>('select count(*)::text as count from enterprise');
    if (count !== '0') {
      console.log(`The database already holds ${count} enterprises; demo data not added (use --reset to replace them).`);
    } else {
      const started = Date.now();
      const storage = new LocalFileStorage(path.join(config.dataDir, 'files'));
      const totals = await loadDemoData(em, { enterprises, seed, storage, log: (m) => console.log(m) });
      console.log(
        `Demo data: ${totals.enterprises} enterprises, ${totals.designations} designations, ${totals.statistics} statistics rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    }
  }
} finally {
  await orm.close(true);
  await db.stop();
}
