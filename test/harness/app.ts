/**
 * Per-file test application: a database cloned from the migrated template, the real ORM,
 * schema and HTTP app. Operations go through Apollo (executeOperation) or HTTP (inject).
 */
import { inject } from 'vitest';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { ormConfig, servingOrmOptions } from '../../src/mikro-orm.config.js';
import { ReferenceData } from '../../src/common/reference-data.js';
import { buildApp, type App } from '../../src/app.js';
import { ANONYMOUS, createContext, type Role, type Viewer } from '../../src/context.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Synthetic viewers for executeOperation (the HTTP auth hook is not involved). */
export const as = {
  anonymous: ANONYMOUS,
  user(role: Role, scope: { regionCode?: string; enterpriseId?: string; organizationId?: string; personId?: string } = {}): Viewer {
    return { kind: 'USER', userId: randomUUID(), username: `test-${role.toLowerCase()}`, role, sessionId: randomUUID(), ...scope };
  },
  national(): Viewer {
    return as.user('NATIONAL_ADMIN');
  },
  provincial(regionCode: string): Viewer {
    return as.user('PROVINCIAL_ADMIN', { regionCode });
  },
  enterprise(enterpriseId: string): Viewer {
    return as.user('ENTERPRISE_USER', { enterpriseId });
  },
};
import { withDatabase } from '../../src/database.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { insertUser } from '../../seeds/factories.js';
import { HEALTH_PING } from '../../src/http/health.js';
import { hashPassword } from '../../src/modules/account/passwords.js';
import { fixedClock, systemClock, type Clock } from '../../src/common/clock.js';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  orm: MikroORM;
  app: App;
  config: AppConfig;
  reference: ReferenceData;
  /**
   * Runs an operation through Apollo with a fresh per-request context, as `viewer`
   * (default: a national admin, who sees and may change everything; pass `as.anonymous` for the public).
   */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResult<T>>;
  /** Like gql, but fails the test on any error. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<T>;
  /** Empties the caches keyed by the data version (list counts, public answers), so that a measurement starts cold. */
  forgetCaches(): void;
  /** SQL statements issued while running fn, from cold caches (forgetCaches first: what the operation costs in SQL); `warm`: with the caches as they are. */
  countQueries<T>(fn: () => Promise<T>, options?: { warm?: boolean }): Promise<{ result: T; queries: string[] }>;
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** POST /graphql over HTTP (through the auth hook), with an optional access token. */
  http<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: GraphQLResult<T>; headers: Record<string, unknown> }>;
  /** Creates a real user with `role` and scope (password: TEST_PASSWORD) and logs in over HTTP; returns its tokens. */
  login(
    role: Role,
    scope?: { regionCode?: string; enterpriseId?: string; organizationId?: string; personId?: string },
  ): Promise<{ username: string; userId: string; accessToken: string; refreshToken: string }>;
  /** Pins the programme's clock for both executeOperation and HTTP (null: back to the system clock). */
  setToday(date: string | null): void;
  /** Starts listening on a free port (once) and returns the base URL, for tests with real sockets. */
  listen(): Promise<string>;
  /** With `{ viaProxy: true }`: the proxy between the app and PostgreSQL, to take the database away. */
  proxy?: TcpProxy;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password-2026';

let counter = 0;
let loginCounter = 0;
let passwordHash: Promise<string> | undefined;

export async function createTestApp(overrides: Partial<AppConfig> = {}, options: { viaProxy?: boolean; logStream?: { write(line: string): void } } = {}): Promise<TestApp> {
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
  let url = withDatabase(adminUrl, name);
  const direct = new URL(url);
  const proxy = options.viaProxy ? await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) }) : undefined;
  if (proxy) {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    url = through.toString();
  }

  // Uploaded files go to a directory of this test file's own.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'iptest-data-'));
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), dataDir, ...overrides };
  let recording: string[] | null = null;
  // The serving pool's limits and the transaction guard, as in production (the guard refuses).
  const orm = await MikroORM.init(
    ormConfig(url, {
      ...servingOrmOptions(config),
      debug: ['query'],
      logger: (message: string) => {
        // The background health ping (src/http/health.ts) is not the operation's.
        if (recording && message.startsWith('[query]') && !message.includes(HEALTH_PING)) recording.push(message);
      },
      colors: false,
    }),
  );
  const reference = await ReferenceData.load(orm.em.fork());
  // A clock the test can move; the app reads it through this indirection.
  let current: Clock = systemClock;
  const clock: Clock = { now: () => current.now(), today: () => current.today() };
  const app = await buildApp({ config, orm, reference, clock, logStream: options.logStream });

  const defaultViewer = as.national();
  const gql = async <T>(query: string, variables?: Record<string, unknown>, viewer: Viewer = defaultViewer): Promise<GraphQLResult<T>> => {
    const ctx = createContext({ em: orm.em, reference, config, clock, sessions: app.sessions }, { viewer });
    const response = await app.apollo.executeOperation({ query, variables }, { contextValue: ctx });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as GraphQLResult<T>;
  };

  const forgetCaches = () => {
    app.dataVersion.counts.clear();
    app.dataVersion.aggregates.clear();
    app.dataVersion.answers.clear();
    app.responseCache?.clear();
  };

  return {
    orm,
    app,
    config,
    reference,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>, viewer?: Viewer) {
      const result = await gql<T>(query, variables, viewer);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
    forgetCaches,
    async countQueries<T>(fn: () => Promise<T>, options: { warm?: boolean } = {}) {
      if (!options.warm) forgetCaches();
      recording = [];
      try {
        const result = await fn();
        return { result, queries: recording };
      } finally {
        recording = null;
      }
    },
    async sql<R>(text: string, params: unknown[] = []) {
      return (await orm.em.execute(text, params)) as R[];
    },
    async http<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      const response = await app.fastify.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: JSON.stringify({ query, variables }),
      });
      return { status: response.statusCode, body: response.json() as GraphQLResult<T>, headers: response.headers };
    },
    async login(role, scope = {}) {
      const username = `u${++loginCounter}-${role.toLowerCase().replace(/_/g, '-')}`;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const userId = randomUUID();
      await insertUser(orm.em, { username, passwordHash: await passwordHash, role, ...scope }, userId);
      const res = await app.fastify.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }',
          variables: { input: { username, password: TEST_PASSWORD } },
        }),
      });
      const body = res.json() as GraphQLResult<{ login: { accessToken: string; refreshToken: string } }>;
      if (!body.data?.login) throw new Error(`login failed: ${JSON.stringify(body)}`);
      return { username, userId, ...body.data.login };
    },
    setToday(date: string | null) {
      current = date ? fixedClock(date) : systemClock;
    },
    async listen() {
      const address = app.fastify.server.address();
      if (address && typeof address === 'object') return `http://127.0.0.1:${address.port}`;
      return app.fastify.listen({ host: '127.0.0.1', port: 0 });
    },
    proxy,
    async close() {
      await proxy?.up().catch(() => undefined);
      await app.fastify.close();
      await orm.close(true);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
      await fs.rm(dataDir, { recursive: true, force: true });
      await proxy?.close();
    },
  };
}
