/**
 * Talent pools [D 四(四)一, A 四(四)]: nomination by an enterprise (its staff) or a bureau (its
 * jurisdiction), decision by the national admin, terms and retirement; nominees from demonstration
 * and advantage enterprises first (R18); the share figures; the public expert directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';

const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id version status employerLevel } } }`;
const DECIDE = `mutation($input: DecideNominationInput!) { decideNomination(input: $input) { membership { id version status termStart termEnd } } }`;
const PENDING = `query($pool: TalentPool) { pendingNominations(pool: $pool) { totalCount edges { node { id employerLevel } } } }`;
const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((e) => e.node);

describe('talent pools', () => {
  let t: TestApp;
  const people: Record<string, { id: string; gid: string }> = {};
  const ent: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const rng = randomFor(777);
    for (const [key, level] of [['demo', 'DEMONSTRATION'], ['adv', 'ADVANTAGE'], ['plain', null]] as const) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
      ent[key] = e.id;
      if (level) await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    }
    const persons: [string, string | null, string, string[], string[]][] = [
      ['demo', ent.demo!, '王示范', ['STRATEGY', 'OVERSEAS_PROTECTION'], ['H01L']],
      ['adv', ent.adv!, '李优势', ['PATENT_ANALYSIS_NAVIGATION'], ['G06F']],
      ['plain', ent.plain!, '张普通', ['LITIGATION'], ['A61K']],
      ['academic', null, '赵教授', ['VALUATION_FINANCING'], ['G06N']],
    ];
    let serial = 10;
    for (const [key, employer, name, specialties, fields] of persons) {
      const id = await insertPerson(t.orm.em, {
        name,
        employer: employer ? '某公司' : '某大学',
        title: '高级工程师',
        employerEnterpriseId: employer,
        regionCode: employer ? null : '330000',
        category: 'IP_MANAGER',
        specialties,
        technicalFields: fields,
        qualifications: ['专利代理师'],
        phone: '13800000000',
        email: 'secret@example.cn',
        // One record per identity document (person_identity_number_unique): the same prefix, a serial of each.
        identityNumber: `1101011980010100${serial++}`,
      });
      people[key] = { id, gid: toGlobalId('Person', id) };
    }
  });
  afterAll(() => t.close());

  const nominate = (who: string, viewer = as.provincial('320000'), pool = 'EXPERT_POOL') =>
    t.gql(NOMINATE, { input: { personId: people[who]!.gid, pool, reason: '业务能力突出' } }, viewer);

  it('D 四(四)一: an enterprise nominates its own staff, a bureau people of its jurisdiction; nobody else', async () => {
    expect((await nominate('demo', as.enterprise(ent.demo!))).data?.nominateToPool.membership).toMatchObject({ status: 'NOMINATED', employerLevel: 'DEMONSTRATION' });
    expect((await nominate('adv', as.enterprise(ent.demo!))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await nominate('plain', as.provincial('440000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await nominate('plain', as.national())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await nominate('plain', as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await nominate('academic', as.provincial('330000'))).data?.nominateToPool.membership.employerLevel).toBe('NONE');
    expect((await nominate('demo', as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('CONFLICT'); // already nominated
  });

  it('R18: nominees from demonstration, then advantage enterprises are listed first for review', async () => {
    await nominate('plain');
    await nominate('adv');
    const pending = (await t.ok(PENDING, { pool: 'EXPERT_POOL' })).pendingNominations;
    expect(nodes(pending).map((n: any) => n.employerLevel)).toEqual(['DEMONSTRATION', 'ADVANTAGE', 'NONE', 'NONE']);
    expect(pending.totalCount).toBe(4);
    // A bureau sees the nominations of its jurisdiction only.
    const zhejiang = (await t.ok(PENDING, { pool: 'EXPERT_POOL' }, as.provincial('330000'))).pendingNominations;
    expect(nodes(zhejiang)).toHaveLength(1);
    expect(zhejiang.totalCount).toBe(1);
  });

  it('the national admin admits with a term or declines; the shares count members at demonstration and advantage enterprises', async () => {
    const pending = nodes((await t.ok(`{ pendingNominations(pool: EXPERT_POOL) { edges { node { id version employerLevel person { name } } } } }`)).pendingNominations);
    expect((await t.gql(DECIDE, { input: { id: pending[0].id, version: pending[0].version, admit: true, termStart: '2026-01-01', termEnd: '2028-12-31' } }, as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(DECIDE, { input: { id: pending[0].id, version: pending[0].version, admit: true } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const n of pending) {
      const admit = n.person.name !== '赵教授';
      const data = await t.ok(DECIDE, { input: { id: n.id, version: n.version, admit, termStart: '2026-01-01', termEnd: '2028-12-31', note: admit ? '入库' : '暂不入选' } });
      expect(data.decideNomination.membership.status).toBe(admit ? 'ADMITTED' : 'DECLINED');
    }
    const shares = (await t.ok(`{ poolShares(year: 2026) { pool members demonstration advantage demonstrationShare advantageShare } }`, undefined, as.anonymous)).poolShares;
    expect(shares.find((s: any) => s.pool === 'EXPERT_POOL')).toEqual({ pool: 'EXPERT_POOL', members: 3, demonstration: 1, advantage: 1, demonstrationShare: 1 / 3, advantageShare: 1 / 3 });
    expect(shares.find((s: any) => s.pool === 'LEADING_TALENT_POOL')).toMatchObject({ members: 0, demonstrationShare: 0 });
  });

  it('the public expert directory lists admitted members of public pools with public fields only, filterable', async () => {
    const Q = `query($f: ExpertDirectoryFilter) { expertDirectory(filter: $f) { totalCount edges { node { name employer title regionCode specialties technicalFields pools } } } }`;
    const all = await t.ok(Q, {}, as.anonymous);
    expect(all.expertDirectory.totalCount).toBe(3);
    const text = JSON.stringify(all);
    for (const secret of ['13800000000', 'secret@example.cn', '1101011980010100']) expect(text).not.toContain(secret);
    expect((await t.ok(Q, { f: { specialties: ['OVERSEAS_PROTECTION'] } }, as.anonymous)).expertDirectory.edges.map((e: any) => e.node.name)).toEqual(['王示范']);
    expect((await t.ok(Q, { f: { technicalFields: ['G06'] } }, as.anonymous)).expertDirectory.edges.map((e: any) => e.node.name)).toEqual(['李优势']);
    // Members of a pool that is not public are not listed.
    await nominate('academic', as.provincial('330000'), 'NATIONAL_TALENT_POOL');
    const n = nodes((await t.ok(`{ pendingNominations(pool: NATIONAL_TALENT_POOL) { edges { node { id version } } } }`)).pendingNominations)[0];
    await t.ok(DECIDE, { input: { id: n.id, version: n.version, admit: true, termStart: '2026-01-01', termEnd: '2028-12-31' } });
    expect((await t.ok(Q, {}, as.anonymous)).expertDirectory.totalCount).toBe(3);
  });

  it('a retired member leaves the directory', async () => {
    const [m] = await t.sql<{ id: string; version: number }>(`select m.id, m.version from pool_membership m join person p on p.id = m.person_id where p.name = '张普通' and m.status = 'ADMITTED'`);
    await t.ok(`mutation($input: RetirePoolMemberInput!) { retirePoolMember(input: $input) { membership { status retiredOn } } }`, { input: { id: toGlobalId('PoolMembership', m!.id), version: m!.version, retiredOn: '2026-11-22' } });
    const names = (await t.ok(`{ expertDirectory { edges { node { name } } } }`, undefined, as.anonymous)).expertDirectory.edges.map((e: any) => e.node.name);
    expect(names).not.toContain('张普通');
  });
});
