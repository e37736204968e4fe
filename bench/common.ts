/**
 * What the benchmarks share (bench/run.ts, bench/soak.ts, bench/writes.ts, bench/peer/check.ts):
 * the demo database, the server process, the process's CPU and memory from /proc, GraphQL over
 * HTTP, and the rotating write driver.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Request as AutocannonRequest } from 'autocannon';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, freePort, withDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { loadReferenceData } from '../seeds/reference.js';
import { demoDataLoaded, DEMO_PASSWORD, loadDemoData } from '../seeds/demo.js';

export { DEMO_PASSWORD };

/** CPU time (user + system) a process has used, ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Resident set size of a process (VmRSS), bytes. */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** The server of DATABASE_URL (default: local PostgreSQL as postgres), its `postgres` database. */
export function adminUrl(): string {
  return withDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'postgres');
}

/**
 * Builds (or reuses) ipbench_<enterprises> on the server of `admin`: migrations, reference data,
 * the demo data set of that size, then VACUUM ANALYZE. `fresh` drops it first. Returns its URL.
 */
export async function prepareDatabase(admin: string, enterprises: number, options: { fresh?: boolean } = {}): Promise<string> {
  const name = `ipbench_${enterprises}`;
  if (options.fresh) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await client.end();
    }
  }
  await ensureDatabase(admin, name);
  const url = withDatabase(admin, name);
  const orm = await MikroORM.init(ormConfig(url, { debug: false }));
  try {
    await orm.migrator.up();
    await loadReferenceData(orm.em.fork());
    if (!(await demoDataLoaded(orm.em.fork()))) {
      const t0 = Date.now();
      await loadDemoData(orm.em.fork(), { enterprises, log: (m) => process.stdout.write(`\r${m}   `) });
      console.log(`\ndemo data (${enterprises} enterprises) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await orm.em.execute('vacuum analyze');
  } finally {
    await orm.close(true);
  }
  return url;
}

/** Compiles dist/ when a source file is newer than it (the server runs the built output). */
export async function buildIfStale(): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts the built server (`node dist/src/main.js`) on a free port of 127.0.0.1 with production
 * settings for a benchmark (no rate limits, no background jobs, pool DB_POOL_SIZE or 20); `env`
 * adds or overrides variables (e.g. RESPONSE_CACHE_MB=0). Resolves once it says it is ready;
 * its warnings and errors after that go to this process's stderr.
 */
export async function startServer(url: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JWT_SECRET: 'benchmark-secret-of-at-least-32-characters',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JOB_INTERVAL_SECONDS: '0',
      RATE_LIMIT_PER_ADDRESS: '1000000',
      RATE_LIMIT_PER_USER: '1000000',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const collect = (c: Buffer) => (out += c.toString());
  child.stdout!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 180_000;
  while (!out.includes('GraphQL API ready')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.stdout!.off('data', collect);
  // From now on only its warnings and errors (pino levels 40 and up), to stderr.
  let partial = '';
  child.stdout!.on('data', (c: Buffer) => {
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (Number(/"level":(\d+)/.exec(line)?.[1] ?? 50) >= 40) process.stderr.write(`${line}\n`);
  });
  return { base: `http://127.0.0.1:${port}`, child, stop };
}

export interface GraphQLAnswer {
  data?: any;
  errors?: { message?: string; extensions?: { code?: string; currentVersion?: number } }[];
}

/** One GraphQL request over HTTP; `url` is a base (…/graphql is added) or a full …/graphql endpoint. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<GraphQLAnswer> {
  const res = await fetch(graphqlEndpoint(url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return (await res.json()) as GraphQLAnswer;
}

export function graphqlEndpoint(url: string): string {
  const trimmed = url.replace(/\/$/, '');
  return trimmed.endsWith('/graphql') ? trimmed : `${trimmed}/graphql`;
}

/** An access token for a user (default: the demo national admin). */
export async function login(base: string, username = 'national-admin', password = DEMO_PASSWORD): Promise<string> {
  const answer = await post(base, { query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', variables: { input: { username, password } } });
  const token = answer.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`login ${username} failed: ${JSON.stringify(answer)}`);
  return token;
}

/** The UUID inside one of our global ids (base64url of `Type:uuid`). */
export function keyOfGlobalId(id: string): string {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  return text.slice(text.indexOf(':') + 1);
}

export const UPDATE_ENTERPRISE = 'mutation UpdateEnterprise($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id version } } }';

/**
 * A write mix for autocannon: updateEnterprise as the national admin over a rotating set of
 * enterprises, each request with the version last seen for its enterprise (a CONFLICT answer
 * carries the current version, which the next request on that enterprise uses). Use one instance
 * per run; `requests()` gives autocannon's `requests` entry.
 */
export class RotatingWrites {
  private next = 0;
  private sent = 0;
  /** Answers by code: OK, CONFLICT, other error codes, HTTP_<status>. */
  readonly answers = new Map<string, number>();

  private constructor(
    private readonly ids: string[],
    private readonly versions: Map<string, number>,
    readonly token: string,
  ) {}

  /** The first `count` enterprises of the national directory (by name) and their versions. */
  static async load(base: string, token: string, count = 256): Promise<RotatingWrites> {
    const ids: string[] = [];
    const versions = new Map<string, number>();
    let after: string | null = null;
    while (ids.length < count) {
      const page: GraphQLAnswer = await post(
        base,
        { query: 'query($first: Int, $after: String) { enterprises(first: $first, after: $after) { edges { node { id version } } pageInfo { endCursor hasNextPage } } }', variables: { first: Math.min(100, count - ids.length), after } },
        { authorization: `Bearer ${token}` },
      );
      if (page.errors) throw new Error(`write set: ${JSON.stringify(page.errors)}`);
      for (const { node } of page.data.enterprises.edges as { node: { id: string; version: number } }[]) {
        ids.push(node.id);
        versions.set(node.id, node.version);
      }
      if (!page.data.enterprises.pageInfo.hasNextPage) break;
      after = page.data.enterprises.pageInfo.endCursor;
    }
    return new RotatingWrites(ids, versions, token);
  }

  get headers(): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${this.token}` };
  }

  /** The variables of the next write (the next enterprise of the rotation, its last seen version). */
  nextVariables(): { input: { id: string; version: number; address: string } } {
    const id = this.ids[this.next++ % this.ids.length]!;
    return { input: { id, version: this.versions.get(id)!, address: `基准测试写入 ${++this.sent}` } };
  }

  /** Takes an answer to a write on `id` into account: its new version, or the current one of a CONFLICT. */
  record(id: string, answer: GraphQLAnswer): string {
    const error = answer.errors?.[0];
    const code = error ? (error.extensions?.code ?? 'UNKNOWN') : 'OK';
    const version = error ? error.extensions?.currentVersion : (answer.data?.updateEnterprise?.enterprise?.version as number | undefined);
    if (typeof version === 'number') this.versions.set(id, version);
    this.answers.set(code, (this.answers.get(code) ?? 0) + 1);
    return code;
  }

  /** Answers that are neither a write nor a CONFLICT (a stale version is an answer, not a failure). */
  get failures(): number {
    let n = 0;
    for (const [code, count] of this.answers) if (code !== 'OK' && code !== 'CONFLICT') n += count;
    return n;
  }

  resetAnswers(): void {
    this.answers.clear();
  }

  /** autocannon's `requests` entry: each request the next write, each answer recorded. */
  request(path = '/graphql'): AutocannonRequest {
    return {
      method: 'POST',
      path,
      headers: this.headers,
      setupRequest: (req, context) => {
        const variables = this.nextVariables();
        context.enterpriseId = variables.input.id;
        return { ...req, body: JSON.stringify({ query: UPDATE_ENTERPRISE, variables }) };
      },
      onResponse: (status, body, context) => {
        if (status !== 200) {
          this.answers.set(`HTTP_${status}`, (this.answers.get(`HTTP_${status}`) ?? 0) + 1);
          return;
        }
        try {
          this.record(context.enterpriseId as string, JSON.parse(body) as GraphQLAnswer);
        } catch {
          this.answers.set('UNPARSABLE', (this.answers.get('UNPARSABLE') ?? 0) + 1);
        }
      },
    };
  }

  summary(): string {
    return [...this.answers].map(([code, n]) => `${code} ${n}`).join(', ');
  }
}
