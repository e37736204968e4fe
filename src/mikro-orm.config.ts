import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../migrations/index.js';

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
    // ip_name_grams() and other hand-written SQL functions live in the migrations.
    schemaGenerator: { ignoreRoutines: true },
    pool: { min: 0, max: 10 },
    forceUtcTimezone: true,
    ...overrides,
  });
}
