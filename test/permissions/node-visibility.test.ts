/**
 * node(id) for the types that had no fetcher (they answered null for everyone): public notices,
 * objections, recommendation packages, audit entries and pool memberships, each by its policy's
 * visibility, on the demo data set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { loadDemoData } from '../../seeds/demo.js';
import type { Viewer } from '../../src/context.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';
import path from 'node:path';

describe('node(id) follows each type\'s visibility', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let packageRegion: string;
  let member: { region: string; enterpriseId: string | null; personId: string };

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoData(t.orm.em.fork(), { enterprises: 30, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
    const one = async (sql: string) => (await t.sql<Record<string, string>>(sql))[0]!;
    ids.PublicNotice = toGlobalId('PublicNotice', (await one('select id from public_notice limit 1')).id!);
    ids.Objection = toGlobalId('Objection', (await one('select id from objection limit 1')).id!);
    const pkg = await one('select id, region_code from recommendation_package limit 1');
    ids.RecommendationPackage = toGlobalId('RecommendationPackage', pkg.id!);
    packageRegion = pkg.region_code!;
    const m = await one(
      `select m.id, p.id as person_id, p.employer_enterprise_id, coalesce(e.region_code, p.region_code) as region
         from pool_membership m join person p on p.id = m.person_id left join enterprise e on e.id = p.employer_enterprise_id
        where p.employer_enterprise_id is not null limit 1`,
    );
    ids.PoolMembership = toGlobalId('PoolMembership', m.id!);
    member = { region: m.region!, enterpriseId: m.employer_enterprise_id ?? null, personId: m.person_id! };
    // An audit entry about the Zhejiang jurisdiction.
    await t.ok(`mutation { createTrainingBase(input: { name: "国家知识产权培训（节点）基地", regionCode: "330000" }) { base { id } } }`);
    ids.AuditEntry = toGlobalId('AuditEntry', (await one(`select id from audit_entry where operation = 'createTrainingBase' and jurisdiction = '330000' limit 1`)).id!);
  });
  afterAll(() => t.close());

  const seen = async (type: string, viewer: Viewer) => {
    const r = await t.gql(`query($id: ID!) { node(id: $id) { id __typename } }`, { id: ids[type] }, viewer);
    expect(r.errors).toBeUndefined();
    return r.data!.node?.__typename === type;
  };
  const other = (region: string) => (region === '110000' ? '120000' : '110000');

  it('a public notice: everyone', async () => {
    for (const v of [as.anonymous, as.enterprise('00000000-0000-7000-8000-000000000000'), as.provincial('110000'), as.national()]) expect(await seen('PublicNotice', v)).toBe(true);
  });

  it('an objection (with the objector\'s contacts): the national bureau only', async () => {
    expect(await seen('Objection', as.national())).toBe(true);
    for (const v of [as.anonymous, as.provincial('440000'), as.provincial('110000')]) expect(await seen('Objection', v)).toBe(false);
  });

  it('a recommendation package: the national bureau and the bureau that filed it', async () => {
    expect(await seen('RecommendationPackage', as.national())).toBe(true);
    expect(await seen('RecommendationPackage', as.provincial(packageRegion))).toBe(true);
    expect(await seen('RecommendationPackage', as.provincial(other(packageRegion)))).toBe(false);
    expect(await seen('RecommendationPackage', as.anonymous)).toBe(false);
  });

  it('an audit entry: the national bureau, and the bureau of the jurisdiction it is about', async () => {
    expect(await seen('AuditEntry', as.national())).toBe(true);
    expect(await seen('AuditEntry', as.provincial('330000'))).toBe(true);
    expect(await seen('AuditEntry', as.provincial('320000'))).toBe(false);
    expect(await seen('AuditEntry', as.anonymous)).toBe(false);
  });

  it('a pool membership: the national bureau, the person\'s bureau, their employer, the person', async () => {
    expect(await seen('PoolMembership', as.national())).toBe(true);
    expect(await seen('PoolMembership', as.provincial(member.region))).toBe(true);
    expect(await seen('PoolMembership', as.provincial(other(member.region)))).toBe(false);
    expect(await seen('PoolMembership', as.enterprise(member.enterpriseId!))).toBe(true);
    expect(await seen('PoolMembership', as.enterprise('00000000-0000-7000-8000-000000000000'))).toBe(false);
    expect(await seen('PoolMembership', as.user('EXPERT', { personId: member.personId }))).toBe(true);
    expect(await seen('PoolMembership', as.anonymous)).toBe(false);
  });
});
