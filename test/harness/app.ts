/**
 * Per-file test application: a database cloned from the migrated template, the real ORM,
 * schema and HTTP app. Operations go through Apollo (executeOperation) or HTTP (inject).
 */
import { inject } from 'vitest';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { ormConfig } from '../../src/mikro-orm.config.js';
import { ReferenceData } from '../../src/common/reference-data.js';
import { buildApp, type App } from '../../src/app.js';
import { createContext } from '../../src/context.js';
import { withDatabase } from '../../src/database.js';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  orm: MikroORM;
  app: App;
  config: AppConfig;
  reference: ReferenceData;
  /** Runs an operation through Apollo with a fresh per-request context. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Like gql, but fails the test on any error. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** SQL statements issued while running fn. */
  countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }>;
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDb');
  const name = `iptest_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // A template can be cloned only while nobody is connected to it; retry briefly if another file is cloning.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database "${name}" template "${template}"`);
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);

  let recording: string[] | null = null;
  const orm = await MikroORM.init(
    ormConfig(url, {
      debug: ['query'],
      logger: (message: string) => {
        if (recording && message.startsWith('[query]')) recording.push(message);
      },
      colors: false,
    }),
  );
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), ...overrides };
  const reference = await ReferenceData.load(orm.em.fork());
  const app = await buildApp({ config, orm, reference });

  const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> => {
    const ctx = createContext({ em: orm.em, reference, config });
    const response = await app.apollo.executeOperation({ query, variables }, { contextValue: ctx });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as GraphQLResult<T>;
  };

  return {
    orm,
    app,
    config,
    reference,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
    async countQueries<T>(fn: () => Promise<T>) {
      recording = [];
      try {
        const result = await fn();
        return { result, queries: recording };
      } finally {
        recording = null;
      }
    },
    async sql<R>(text: string, params: unknown[] = []) {
      return (await orm.em.getConnection().execute(text, params)) as R[];
    },
    async close() {
      await app.fastify.close();
      await orm.close(true);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
