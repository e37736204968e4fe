/**
 * Industry patent alliances and their joint defence funds: [D 四(一)四] "指导企业积极构建和参与标准制定、专利联盟";
 * [D 四(二)二] "鼓励示范企业牵头建立行业或知识产权联盟联合防御基金,提高企业应对国际知识产权纠纷的能力".
 * An alliance is led by an enterprise; members join and leave; the fund records contributions and
 * payouts, never paying out more than it holds, also under concurrency. Alliances and members are
 * public; the fund is seen by its current member enterprises, the lead's bureau and the national bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const TODAY = '2026-06-15';
const ALLIANCE = `id name industryCode status foundedOn dissolvedOn leadEnterpriseName version members { id name kind lead joinedOn leftOn } fund { balance contributed paidOut } fundEntries(first: 20) { totalCount edges { node { kind amount balanceAfter memberName } } }`;
const CREATE = `mutation($input: CreatePatentAllianceInput!) { createPatentAlliance(input: $input) { alliance { ${ALLIANCE} } } }`;
const ADD = `mutation($input: AddAllianceMemberInput!) { addAllianceMember(input: $input) { member { id name kind joinedOn } } }`;
const REMOVE = `mutation($input: RemoveAllianceMemberInput!) { removeAllianceMember(input: $input) { member { id leftOn } } }`;
const FUND = `mutation($input: RecordAllianceFundEntryInput!) { recordAllianceFundEntry(input: $input) { entry { kind amount balanceAfter memberName } } }`;
const DISSOLVE = `mutation($input: DissolvePatentAllianceInput!) { dissolvePatentAlliance(input: $input) { alliance { ${ALLIANCE} } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on PatentAlliance { ${ALLIANCE} } } }`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('industry patent alliances and joint defence funds', () => {
  let t: TestApp;
  let lead: string;
  let member: string;
  let outsider: string;
  const gid = (id: string) => toGlobalId('Enterprise', id);
  const read = async (id: string, viewer: Viewer) => (await t.ok(NODE, { id }, viewer)).node;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(52);
    lead = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
    // A titled enterprise: in the public directory, so the lead enterprise can name it (an untitled one is added by a bureau that sees it).
    const m = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    await makeDesignation(t.orm.em, m, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    member = m.id;
    outsider = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
  });
  afterAll(() => t.close());

  const create = async () =>
    (await t.ok(CREATE, { input: { name: '新能源汽车产业知识产权联盟', industryCode: '36', leadEnterpriseId: gid(lead), purpose: '专利池运营与联合维权', foundedOn: '2026-01-10' } }, as.enterprise(lead))).createPatentAlliance.alliance;

  it('a lead enterprise founds an alliance, members join, the fund takes contributions and pays out within its balance', async () => {
    const a = await create();
    expect(a).toMatchObject({ status: 'ACTIVE', industryCode: '36', fund: { balance: 0, contributed: 0, paidOut: 0 } });
    expect(a.members).toEqual([expect.objectContaining({ kind: 'ENTERPRISE', lead: true, joinedOn: '2026-01-10', leftOn: null })]);
    const m = (await t.ok(ADD, { input: { allianceId: a.id, kind: 'ENTERPRISE', enterpriseId: gid(member), joinedOn: '2026-02-01' } }, as.enterprise(lead))).addAllianceMember.member;
    const uni = (await t.ok(ADD, { input: { allianceId: a.id, kind: 'UNIVERSITY', name: '华南理工大学', joinedOn: '2026-02-01' } }, as.provincial('440000'))).addAllianceMember.member;
    expect(errorOf(await t.gql(ADD, { input: { allianceId: a.id, kind: 'ENTERPRISE', enterpriseId: gid(member), joinedOn: '2026-03-01' } }, as.enterprise(lead))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(ADD, { input: { allianceId: a.id, kind: 'UNIVERSITY', joinedOn: '2026-03-01' } }, as.enterprise(lead))).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(ADD, { input: { allianceId: a.id, kind: 'UNIVERSITY', name: '某大学', joinedOn: '2025-12-31' } }, as.enterprise(lead))).code).toBe('BAD_USER_INPUT');
    const leadMember = a.members[0].id;
    await t.ok(FUND, { input: { allianceId: a.id, kind: 'CONTRIBUTION', amount: 500_000, occurredOn: '2026-02-10', memberId: leadMember, purpose: '首期出资' } }, as.enterprise(lead));
    await t.ok(FUND, { input: { allianceId: a.id, kind: 'CONTRIBUTION', amount: 200_000.5, occurredOn: '2026-02-12', memberId: m.id, purpose: '首期出资' } }, as.enterprise(lead));
    const over = await t.gql(FUND, { input: { allianceId: a.id, kind: 'PAYOUT', amount: 700_001, occurredOn: '2026-05-01', memberId: m.id, purpose: '支持应对美国 337 调查' } }, as.enterprise(lead));
    expect(errorOf(over)).toMatchObject({ code: 'CONFLICT', balance: 700000.5 });
    const paid = (await t.ok(FUND, { input: { allianceId: a.id, kind: 'PAYOUT', amount: 300_000, occurredOn: '2026-05-01', memberId: m.id, purpose: '支持应对美国 337 调查' } }, as.enterprise(lead))).recordAllianceFundEntry.entry;
    expect(paid).toMatchObject({ kind: 'PAYOUT', amount: 300000, balanceAfter: 400000.5 });
    for (const bad of [0, -1, 1.234]) expect(errorOf(await t.gql(FUND, { input: { allianceId: a.id, kind: 'CONTRIBUTION', amount: bad, occurredOn: '2026-05-01', memberId: leadMember, purpose: 'x' } }, as.enterprise(lead))).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(FUND, { input: { allianceId: a.id, kind: 'CONTRIBUTION', amount: 10, occurredOn: '2026-05-01', memberId: uni.id.replace(/./, 'Q'), purpose: 'x' } }, as.enterprise(lead))).code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
    // Who sees the fund: members and bureaus; the public sees the alliance and its members only.
    const seen = await read(a.id, as.enterprise(member));
    expect(seen.fund).toEqual({ balance: 400000.5, contributed: 700000.5, paidOut: 300000 });
    expect(seen.fundEntries.totalCount).toBe(3);
    for (const viewer of [as.anonymous, as.enterprise(outsider), as.provincial('320000'), as.user('EXPERT', { personId: lead })]) {
      const other = await read(a.id, viewer);
      expect(other.members).toHaveLength(3);
      expect(other.fund).toBeNull();
      expect(other.fundEntries.totalCount).toBe(0);
    }
    expect((await read(a.id, as.provincial('440000'))).fund.balance).toBe(400000.5);
    // A member that leaves no longer sees the fund; the lead cannot leave; dissolving needs an empty fund.
    await t.ok(REMOVE, { input: { memberId: m.id, leftOn: '2026-06-01' } }, as.enterprise(lead));
    expect((await read(a.id, as.enterprise(member))).fund).toBeNull();
    expect(errorOf(await t.gql(REMOVE, { input: { memberId: leadMember, leftOn: '2026-06-01' } }, as.enterprise(lead))).code).toBe('CONFLICT');
    const fresh = await read(a.id, as.enterprise(lead));
    expect(errorOf(await t.gql(DISSOLVE, { input: { id: a.id, version: fresh.version, dissolvedOn: TODAY } }, as.enterprise(lead))).code).toBe('CONFLICT');
    await t.ok(FUND, { input: { allianceId: a.id, kind: 'PAYOUT', amount: 400_000.5, occurredOn: TODAY, memberId: leadMember, purpose: '余额转入行业协会维权基金' } }, as.enterprise(lead));
    const latest = await read(a.id, as.enterprise(lead));
    const dissolved = (await t.ok(DISSOLVE, { input: { id: a.id, version: latest.version, dissolvedOn: TODAY } }, as.enterprise(lead))).dissolvePatentAlliance.alliance;
    expect(dissolved).toMatchObject({ status: 'DISSOLVED', dissolvedOn: TODAY });
    expect(dissolved.members.every((x: { leftOn: string | null }) => x.leftOn !== null)).toBe(true);
    expect(errorOf(await t.gql(ADD, { input: { allianceId: a.id, kind: 'UNIVERSITY', name: '某大学', joinedOn: TODAY } }, as.enterprise(lead))).code).toBe('CONFLICT');
  });

  it('only the lead enterprise, its bureau and the national bureau manage an alliance', async () => {
    const a = await create();
    const input = { allianceId: a.id, kind: 'UNIVERSITY', name: '某研究院', joinedOn: '2026-03-01' };
    expect(errorOf(await t.gql(ADD, { input }, as.enterprise(member))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(ADD, { input }, as.provincial('320000'))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(ADD, { input }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(CREATE, { input: { name: 'x', industryCode: '36', leadEnterpriseId: gid(lead), purpose: 'x', foundedOn: '2026-01-10' } }, as.enterprise(member))).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errorOf(await t.gql(CREATE, { input: { name: 'x', industryCode: '9999', leadEnterpriseId: gid(lead), purpose: 'x', foundedOn: '2026-01-10' } }, as.enterprise(lead))).code).toBe('BAD_USER_INPUT');
    await t.ok(`mutation($input: AddAllianceMemberInput!) { addAllianceMember(input: $input) { member { name } } }`, { input }, as.national());
    const list = (await t.ok(`query($f: PatentAllianceFilter) { patentAlliances(filter: $f, first: 50) { totalCount } }`, { f: { memberEnterpriseId: gid(lead), industryCodes: ['C'] } }, as.anonymous)).patentAlliances;
    expect(list.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('a page of alliances costs the same statements for 1 alliance as for 3 (members, funds and leads batched)', async () => {
    for (let i = 0; i < 3; i++) {
      const a = await create();
      await t.ok(FUND, { input: { allianceId: a.id, kind: 'CONTRIBUTION', amount: 100, occurredOn: '2026-02-10', memberId: a.members[0].id, purpose: '出资' } }, as.enterprise(lead));
    }
    const statements = async (n: number) => (await t.countQueries(() => t.ok(`query($n: Int) { patentAlliances(first: $n) { edges { node { ${ALLIANCE} } } } }`, { n }, as.provincial('440000')))).queries.length;
    expect(await statements(3)).toBe(await statements(1));
  });

  it('concurrent payouts never take the fund below zero', async () => {
    const a = await create();
    const leadMember = a.members[0].id;
    await t.ok(FUND, { input: { allianceId: a.id, kind: 'CONTRIBUTION', amount: 1000, occurredOn: '2026-02-10', memberId: leadMember, purpose: '出资' } }, as.enterprise(lead));
    const results = await Promise.all(
      Array.from({ length: 12 }, () => t.gql(FUND, { input: { allianceId: a.id, kind: 'PAYOUT', amount: 300, occurredOn: '2026-05-01', memberId: leadMember, purpose: '支出' } }, as.enterprise(lead))),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    for (const r of results.filter((x) => x.errors)) expect(errorOf(r).code).toBe('CONFLICT');
    expect((await read(a.id, as.national())).fund).toEqual({ balance: 100, contributed: 1000, paidOut: 900 });
  });
});
