/**
 * Migration tooling.
 *   create [name]  diff the entities against a scratch database migrated to the latest
 *                  migration and write the difference as a new migration (plus the index)
 *   check          exit 1 when the entities differ from what the migrations build
 *   up             apply pending migrations to the configured database (DATABASE_URL or the embedded one)
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import { openDatabase, openScratchDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { MIGRATIONS_DIR, writeIndex } from './migration-index.js';

async function withScratch<T>(fn: (orm: MikroORM) => Promise<T>): Promise<T> {
  const db = await openScratchDatabase('migration');
  const orm = await MikroORM.init(ormConfig(db.url, { debug: false }));
  try {
    await orm.migrator.up();
    return await fn(orm);
  } finally {
    await orm.close(true);
    await db.stop();
  }
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'create': {
      const result = await withScratch((orm) => orm.migrator.create(MIGRATIONS_DIR, false, false, name));
      if (!result.fileName) {
        console.log('No changes: the entities match the migrations.');
        return;
      }
      // The generated class is named after its file; index.ts imports it by that name.
      await writeIndex();
      console.log(`Created migrations/${result.fileName}:`);
      console.log(result.diff.up.join('\n'));
      return;
    }
    case 'check': {
      const needed = await withScratch((orm) => orm.migrator.checkSchema());
      if (needed) {
        console.error('The entities differ from what the migrations build: run `npm run migration:create`.');
        process.exitCode = 1;
      } else {
        console.log('Migrations are up to date with the entities.');
      }
      return;
    }
    case 'up': {
      const config = loadConfig();
      const db = await openDatabase(config, (m) => console.log(m), { shared: 'join' }); // a running server's cluster stays up
      const orm = await MikroORM.init(ormConfig(db.url));
      try {
        const done = await orm.migrator.up();
        console.log(done.length ? `Applied: ${done.map((m) => m.name).join(', ')}` : 'No pending migrations.');
      } finally {
        await orm.close(true);
        await db.stop();
      }
      return;
    }
    default:
      console.error('usage: tsx scripts/migration.ts create [name] | check | up');
      process.exitCode = 2;
  }
}

await main();
