/**
 * The data version (src/common/data-version.ts, migration …_data_version): raised once by every
 * committed transaction that changed a tracked table, never by a rollback or by the private
 * tables; read strictly after it is asked for; unknown (caches bypassed) while its connection is
 * down. And the count cache built on it: a broad list's totalCount is counted once per change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestApp, as, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { DataVersion, VersionedCache } from '../../src/common/data-version.js';

/** Tables no public answer shows, which change on every sign-in (left untracked on purpose). */
// The statistics rollups (rpt_*) are sums of tracked rows, kept in the same transactions: folding them changes no answer.
const PRIVATE = ['data_version', 'mikro_orm_migrations', 'session', 'app_user', 'audit_entry', 'system_meta', 'export_job', 'rpt_enrolment', 'rpt_enrolment_delta', 'rpt_enrolment_stale', 'rpt_enterprise_statistics', 'rpt_enterprise_statistics_delta', 'rpt_enterprise_statistics_stale'];

describe('data version', () => {
  let t: TestApp;
  let url: string;
  const version = async () => BigInt((await t.sql<{ version: string }>('select version from data_version'))[0]!.version);

  beforeAll(async () => {
    t = await createTestApp();
    url = t.orm.config.get('clientUrl')!;
    const rng = randomFor(3);
    for (let i = 0; i < 5; i++) await makeEnterprise(t.orm.em, rng, { regionCode: '110000' });
    for (let i = 0; i < 3; i++) await makeEnterprise(t.orm.em, rng, { regionCode: '310000' });
  });
  afterAll(() => t.close());

  it('every table but the private ones is tracked (a new table needs ip_track_data_version in its migration)', async () => {
    const untracked = await t.sql<{ table: string }>(
      `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = current_schema()
          and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = c.relname || '_data_version')
          and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = c.relname || '_data_version_truncate')
        order by 1`,
    );
    expect(untracked.map((r) => r.table).sort()).toEqual([...PRIVATE].sort());
  });

  it('a committed transaction raises it by one however many rows it changed; a rollback and the private tables do not', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const v0 = await version();
      await client.query('begin');
      await client.query(`update enterprise set address = coalesce(address, '') || ' '`);
      await client.query(`update enterprise set address = trim(address)`);
      await client.query('commit');
      expect(await version()).toBe(v0 + 1n);

      await client.query('begin');
      await client.query(`update enterprise set address = 'rolled back'`);
      await client.query('rollback');
      expect(await version()).toBe(v0 + 1n);

      await client.query(
        `insert into audit_entry (id, at, role, scope, operation, object_type, object_id, changes, request_id)
         values (gen_random_uuid(), now(), 'NATIONAL_ADMIN', '{}', 'test', 'Test', 'x', '{}', 'r')`,
      );
      await client.query(`update app_user set updated_at = now()`);
      expect(await version()).toBe(v0 + 1n);
    } finally {
      await client.end();
    }
  });

  it('concurrent writers: one raise per commit, none lost', async () => {
    const v0 = await version();
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    try {
      await Promise.all(
        clients.map(async (c) => {
          await c.query('begin');
          await c.query(`update region set name = name where code = '110000'`);
          await c.query('commit');
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await version()).toBe(v0 + 8n);
  });

  it('current() reads after it is asked: a write committed before is in the answer; concurrent askers share reads', async () => {
    const dv = new DataVersion(url);
    await dv.start();
    try {
      const before = BigInt((await dv.current())!);
      await t.sql(`update region set name = name where code = '110000'`);
      const answers = await Promise.all(Array.from({ length: 50 }, () => dv.current()));
      for (const a of answers) expect(BigInt(a!)).toBe(before + 1n);
    } finally {
      await dv.close();
    }
  });

  it('unknown (null) while its database cannot be reached: caches are bypassed', async () => {
    const dv = new DataVersion('postgres://postgres@127.0.0.1:1/none');
    await dv.start();
    expect(await dv.current()).toBeNull();
    await dv.close();
  });

  it('a versioned cache empties itself for a newer version and ignores an older one', () => {
    const cache = new VersionedCache<number>(1_000_000, () => 8);
    cache.set('5', 'a', 1);
    expect(cache.get('5', 'a')).toBe(1);
    cache.set('4', 'b', 2);
    expect(cache.get('4', 'b')).toBeUndefined();
    expect(cache.get('6', 'a')).toBeUndefined();
    expect(cache.get('5', 'a')).toBeUndefined();
  });

  it('a versioned cache keeps to its budget, least recently used out first', () => {
    const cache = new VersionedCache<string>(2_000, (v) => v.length * 2);
    for (let i = 0; i < 50; i++) cache.set('1', `k${i}`, 'x'.repeat(100));
    expect(cache.size).toBeLessThan(10);
    expect(cache.get('1', 'k49')).toBe('x'.repeat(100));
    expect(cache.get('1', 'k0')).toBeUndefined();
  });

  describe('totalCount', () => {
    const COUNT = '{ enterprises(first: 1) { totalCount } }';
    const countStatements = (queries: string[]) => queries.filter((q) => /select count\(\*\)/.test(q)).length;

    it('is counted once per data version: asked again, no statement; after a write, counted afresh and right', async () => {
      const first = await t.countQueries(() => t.ok<{ enterprises: { totalCount: number } }>(COUNT));
      expect(countStatements(first.queries)).toBe(1);
      const again = await t.countQueries(() => t.ok<{ enterprises: { totalCount: number } }>(COUNT), { warm: true });
      expect(countStatements(again.queries)).toBe(0);
      expect(again.result.enterprises.totalCount).toBe(first.result.enterprises.totalCount);

      await makeEnterprise(t.orm.em, randomFor(99), { regionCode: '110000' });
      const after = await t.countQueries(() => t.ok<{ enterprises: { totalCount: number } }>(COUNT), { warm: true });
      expect(countStatements(after.queries)).toBe(1);
      expect(after.result.enterprises.totalCount).toBe(first.result.enterprises.totalCount + 1);
    });

    it('a count depends on who asks: a bureau gets its own jurisdiction’s, never another viewer’s', async () => {
      const national = await t.ok<{ enterprises: { totalCount: number } }>(COUNT);
      const beijing = await t.ok<{ enterprises: { totalCount: number } }>(COUNT, {}, as.provincial('110000'));
      const shanghai = await t.ok<{ enterprises: { totalCount: number } }>(COUNT, {}, as.provincial('310000'));
      // No designations here: a bureau sees exactly its jurisdiction's enterprises.
      const inRegion = async (code: string) => (await t.sql<{ n: number }>(`select count(*)::int as n from enterprise where region_code = ?`, [code]))[0]!.n;
      expect(beijing.enterprises.totalCount).toBe(await inRegion('110000'));
      expect(shanghai.enterprises.totalCount).toBe(await inRegion('310000'));
      expect(shanghai.enterprises.totalCount).toBeGreaterThan(0);
      expect(national.enterprises.totalCount).toBe(beijing.enterprises.totalCount + shanghai.enterprises.totalCount);
    });
  });
});
