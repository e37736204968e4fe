/**
 * The quick start without DATABASE_URL: `npm start` runs an embedded PostgreSQL in DATA_DIR,
 * loads the demo data on the first start only, keeps data across restarts, stops cleanly on
 * SIGTERM/SIGINT, and starts again after a crash (kill -9) of the previous process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/database.js';

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let dataDir: string;
let port: number;

async function start(): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_ENTERPRISES: '40', NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('GraphQL API ready')) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, exited };
}

async function gql(query: string, variables?: Record<string, unknown>, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

describe('embedded PostgreSQL default', () => {
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ip-embedded-'));
    port = await freePort();
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts, serves, keeps data across a clean restart, and recovers after kill -9', async () => {
    // First start: initialises the cluster, migrates, loads reference and demo data.
    const first = await start();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    // The demo accounts exist; the national admin sees every enterprise (40 generated + 34 showcase records: seeds/showcase*.ts).
    const login = await gql('mutation { login(input: { username: "national-admin", password: "demo-password-2026" }) { accessToken } }');
    const token: string = login.data.login.accessToken;
    const count = await gql('{ enterprises { totalCount } regions { code } }', undefined, token);
    expect(count.data.enterprises.totalCount).toBe(74);
    expect(count.data.regions).toHaveLength(37);
    // The same search behaves the same on the embedded cluster as on any server (locale-independent).
    const created = await gql(
      `mutation { createEnterprise(input: { creditCode: "91350100M000100Y43", name: "福建嵌入测试科技有限公司", regionCode: "350000", industryCode: "65", sizeClass: SMALL, foundedOn: "2015-03-01" }) { enterprise { id } } }`,
      undefined,
      token,
    );
    expect(created.errors).toBeUndefined();
    const search = await gql('{ a: enterprises(filter: { search: "嵌" }) { totalCount } b: enterprises(filter: { search: "嵌入测试" }) { totalCount } }', undefined, token);
    expect(search.data).toEqual({ a: { totalCount: 1 }, b: { totalCount: 1 } });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    // Start, migrations, demo data, readiness, stop: one JSON object per line, no colour codes.
    for (const line of first.output().split('\n').filter(Boolean)) {
      expect(line.includes('\u001b[')).toBe(false);
      expect(() => JSON.parse(line), line).not.toThrow();
    }
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // Restart: data kept, demo data not loaded again.
    const second = await start();
    expect(second.output()).not.toContain('loading the demo data set');
    const relogin = await gql('mutation { login(input: { username: "national-admin", password: "demo-password-2026" }) { accessToken } }');
    const token2: string = relogin.data.login.accessToken;
    const again = await gql('{ enterprises { totalCount } enterpriseByCreditCode(code: "91350100M000100Y43") { name } }', undefined, token2);
    expect(again.data.enterprises.totalCount).toBe(75);
    expect(again.data.enterpriseByCreditCode.name).toBe('福建嵌入测试科技有限公司');

    // A crash leaves PostgreSQL orphaned and postmaster.pid behind; the next start must cope.
    second.child.kill('SIGKILL');
    await second.exited;
    const third = await start();
    const after = await gql('{ enterprises { totalCount } }', undefined, token2);
    expect(after.data.enterprises.totalCount).toBe(75);
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
  }, 240_000);
});
