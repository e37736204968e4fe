/**
 * The person, talent and organisation policies, viewer by viewer (docs/permissions.md): a Person by
 * node(id) and its personal data; a nomination (PoolMembership) by node(id) and its nominee; who may
 * nominate, decide and retire (the named actions, in the errors and in me.permissions); the contact
 * details of a service organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertOrganization, insertPerson } from '../../seeds/factories.js';
import type { Viewer } from '../../src/context.js';

const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id version } } }`;
const PERSON = `query($id: ID!) { node(id: $id) { __typename ... on Person { id name phone email identityNumber } } }`;
const MEMBERSHIP = `query($id: ID!) { node(id: $id) { __typename ... on PoolMembership { id pool status person { id name phone } } } }`;
const NOBODY = '00000000-0000-7000-8000-00000000beef';

describe('people, pools and organisations: what each viewer sees and may do', () => {
  let t: TestApp;
  let enterprise: string;
  let otherEnterprise: string;
  let staff: { id: string; gid: string };
  let academic: { id: string; gid: string };
  let staffNomination: { id: string; version: number };
  let academicNomination: { id: string; version: number };
  let organization: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const rng = randomFor(31);
    enterprise = (await makeEnterprise(t.orm.em, rng, { regionCode: '320000' })).id;
    otherEnterprise = (await makeEnterprise(t.orm.em, rng, { regionCode: '320000' })).id;
    const personal = { phone: '13912345678', email: 'expert@example.cn', identityNumber: '320102198001010011' };
    const s = await insertPerson(t.orm.em, { name: '钱员工', employer: '某公司', employerEnterpriseId: enterprise, category: 'IP_MANAGER', ...personal });
    // One record per identity document (person_identity_number_unique): the academic has a number of their own.
    const a = await insertPerson(t.orm.em, { name: '孙学者', employer: '某大学', regionCode: '330000', ...personal, identityNumber: '330106198202020022' });
    staff = { id: s, gid: toGlobalId('Person', s) };
    academic = { id: a, gid: toGlobalId('Person', a) };
    staffNomination = (await t.ok(NOMINATE, { input: { personId: staff.gid, pool: 'EXPERT_POOL', reason: '骨干' } }, as.enterprise(enterprise))).nominateToPool.membership;
    academicNomination = (await t.ok(NOMINATE, { input: { personId: academic.gid, pool: 'EXPERT_POOL', reason: '学者' } }, as.provincial('330000'))).nominateToPool.membership;
    organization = toGlobalId('ServiceOrganization', await insertOrganization(t.orm.em, { name: '苏州某代理所', kind: 'AGENCY', regionCode: '320000', contactPhone: '0512-66668888', contactEmail: 'agency@example.cn' }));
  });
  afterAll(() => t.close());

  const expert = (personId: string) => as.user('EXPERT', { personId });
  const provider = (organizationId: string) => as.user('SERVICE_PROVIDER', { organizationId });

  it('a Person by node(id): the national and provincial bureaus (any jurisdiction), the employer and the person; nobody else', async () => {
    const cases: [string, Viewer, boolean][] = [
      ['national', as.national(), true],
      ['provincial of the employer', as.provincial('320000'), true],
      ['provincial elsewhere', as.provincial('440000'), true],
      ['the expert themself', expert(staff.id), true],
      ['another expert', expert(academic.id), false],
      ['the employer', as.enterprise(enterprise), true],
      ['another enterprise', as.enterprise(otherEnterprise), false],
      ['a service provider', provider(NOBODY), false],
      ['anonymous', as.anonymous, false],
    ];
    for (const [who, viewer, visible] of cases) {
      const res = await t.gql(PERSON, { id: staff.gid }, viewer);
      expect(res.errors, who).toBeUndefined();
      expect(res.data?.node?.__typename ?? null, who).toBe(visible ? 'Person' : null);
    }
  });

  it('the personal data of a Person: the national bureau and the person; a provincial bureau sees the record without it', async () => {
    const phoneOf = async (viewer: Viewer) => (await t.ok(PERSON, { id: staff.gid }, viewer)).node;
    expect(await phoneOf(as.national())).toMatchObject({ phone: '13912345678', email: 'expert@example.cn', identityNumber: '320102198001010011' });
    expect(await phoneOf(expert(staff.id))).toMatchObject({ phone: '13912345678', identityNumber: '320102198001010011' });
    expect(await phoneOf(as.provincial('320000'))).toMatchObject({ name: '钱员工', phone: null, email: null, identityNumber: null });
  });

  it('a nomination by node(id): the national bureau, the nominee\'s bureau, their employer, the nominee', async () => {
    const id = staffNomination.id;
    const cases: [string, Viewer, boolean][] = [
      ['national', as.national(), true],
      ['provincial of the employer', as.provincial('320000'), true],
      ['provincial elsewhere', as.provincial('330000'), false],
      ['the employer', as.enterprise(enterprise), true],
      ['another enterprise', as.enterprise(otherEnterprise), false],
      ['the nominee', expert(staff.id), true],
      ['another expert', expert(academic.id), false],
      ['a service provider', provider(NOBODY), false],
      ['anonymous', as.anonymous, false],
    ];
    for (const [who, viewer, visible] of cases) {
      const res = await t.gql(MEMBERSHIP, { id }, viewer);
      expect(res.errors, who).toBeUndefined();
      expect(res.data?.node?.__typename ?? null, who).toBe(visible ? 'PoolMembership' : null);
    }
    // A person without an employer belongs to their own region's bureau.
    expect((await t.ok(MEMBERSHIP, { id: academicNomination.id }, as.provincial('330000'))).node?.__typename).toBe('PoolMembership');
    expect((await t.ok(MEMBERSHIP, { id: academicNomination.id }, as.provincial('320000'))).node).toBeNull();
  });

  it('the nominee of a nomination follows the person rules: the employer sees the record without its personal data', async () => {
    const nominee = async (viewer: Viewer) => (await t.ok(MEMBERSHIP, { id: staffNomination.id }, viewer)).node.person;
    expect(await nominee(as.national())).toMatchObject({ id: staff.gid, name: '钱员工', phone: '13912345678' });
    expect(await nominee(as.provincial('320000'))).toMatchObject({ id: staff.gid, phone: null });
    expect(await nominee(expert(staff.id))).toMatchObject({ id: staff.gid, phone: '13912345678' });
    expect(await nominee(as.enterprise(enterprise))).toMatchObject({ id: staff.gid, name: '钱员工', phone: null });
  });

  it('talent.nominate: an enterprise its own staff, a bureau its jurisdiction\'s people; the refusals name the rule', async () => {
    const nominate = (personId: string, viewer: Viewer, pool = 'LEADING_TALENT_POOL') => t.gql(NOMINATE, { input: { personId, pool, reason: '推荐' } }, viewer);
    const refusal = async (personId: string, viewer: Viewer) => (await nominate(personId, viewer)).errors?.[0];
    expect(await refusal(staff.gid, as.enterprise(otherEnterprise))).toMatchObject({ message: '只能推荐本企业的人员', extensions: { code: 'FORBIDDEN', action: 'talent.nominate' } });
    expect(await refusal(staff.gid, as.provincial('330000'))).toMatchObject({ message: '只能推荐本辖区的人员', extensions: { code: 'FORBIDDEN' } });
    for (const viewer of [as.national(), expert(staff.id), provider(NOBODY)]) {
      expect(await refusal(staff.gid, viewer)).toMatchObject({ message: '人才库推荐由企业（本企业人员）或省局（本辖区）提出', extensions: { code: 'FORBIDDEN', action: 'talent.nominate' } });
    }
    expect((await refusal(staff.gid, as.anonymous))?.extensions?.code).toBe('UNAUTHENTICATED');
    // An unknown person is NOT_FOUND to whoever may nominate at all.
    expect((await refusal(toGlobalId('Person', NOBODY), as.provincial('320000')))?.extensions?.code).toBe('NOT_FOUND');
    expect((await nominate(staff.gid, as.provincial('320000'))).data?.nominateToPool.membership.id).toBeTruthy();
  });

  it('talent.nomination.decide and talent.member.retire: the national bureau only', async () => {
    const DECIDE = `mutation($input: DecideNominationInput!) { decideNomination(input: $input) { membership { id version status } } }`;
    const RETIRE = `mutation($input: RetirePoolMemberInput!) { retirePoolMember(input: $input) { membership { status retiredOn } } }`;
    const decide = { id: academicNomination.id, version: academicNomination.version, admit: true, termStart: '2026-01-01', termEnd: '2028-12-31' };
    for (const viewer of [as.provincial('330000'), as.enterprise(enterprise), expert(academic.id)]) {
      expect((await t.gql(DECIDE, { input: decide }, viewer)).errors?.[0]).toMatchObject({ message: '人才库入库由国家局决定', extensions: { code: 'FORBIDDEN', action: 'talent.nomination.decide' } });
    }
    expect((await t.gql(DECIDE, { input: decide }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admitted = (await t.ok(DECIDE, { input: decide })).decideNomination.membership;
    expect(admitted.status).toBe('ADMITTED');
    const retire = { id: admitted.id, version: admitted.version, retiredOn: '2026-11-22' };
    expect((await t.gql(RETIRE, { input: retire }, as.provincial('330000'))).errors?.[0]).toMatchObject({ message: '人才库成员退出由国家局办理', extensions: { code: 'FORBIDDEN', action: 'talent.member.retire' } });
    expect((await t.ok(RETIRE, { input: retire })).retirePoolMember.membership).toMatchObject({ status: 'RETIRED', retiredOn: '2026-11-22' });
  });

  it('me.permissions lists the talent, person and organisation actions of each role', async () => {
    const of = async (viewer: Viewer) =>
      ((await t.ok(`{ me { permissions } }`, undefined, viewer)).me.permissions as string[]).filter((p) => /^(talent|person|organization)\./.test(p)).sort();
    expect(await of(as.national())).toEqual(
      ['organization.contacts.read:all', 'organization.create:all', 'organization.update:all', 'person.create:all', 'person.personal.read:all', 'person.read:all', 'person.update:all', 'talent.member.retire:all', 'talent.membership.read:all', 'talent.nomination.decide:all', 'talent.nominations.read:all'].sort(),
    );
    expect(await of(as.provincial('320000'))).toEqual(
      ['organization.contacts.read:jurisdiction', 'organization.create:jurisdiction', 'organization.update:jurisdiction', 'person.create:jurisdiction', 'person.read:all', 'person.update:jurisdiction', 'talent.membership.read:jurisdiction', 'talent.nominate:jurisdiction', 'talent.nominations.read:jurisdiction'].sort(),
    );
    expect(await of(as.enterprise(enterprise))).toEqual(['person.create:own', 'person.read:own', 'person.update:own', 'talent.membership.read:own', 'talent.nominate:own']);
    expect(await of(expert(staff.id))).toEqual(['person.personal.read:self', 'person.read:self', 'talent.membership.read:self']);
    expect(await of(provider(NOBODY))).toEqual(['organization.contacts.read:own']);
    expect(await of(as.anonymous)).toEqual([]);
  });

  it('a service organisation: public by node(id); its contacts to the national bureau, its jurisdiction\'s bureau and its own users', async () => {
    const Q = `query($id: ID!) { node(id: $id) { ... on ServiceOrganization { name contactPhone contactEmail } } }`;
    const orgId = Buffer.from(organization, 'base64url').toString('utf8').split(':')[1]!;
    const cases: [string, Viewer, boolean][] = [
      ['national', as.national(), true],
      ['provincial of its region', as.provincial('320000'), true],
      ['provincial elsewhere', as.provincial('440000'), false],
      ['its own user', provider(orgId), true],
      ['another organisation', provider(NOBODY), false],
      ['an enterprise', as.enterprise(enterprise), false],
      ['anonymous', as.anonymous, false],
    ];
    for (const [who, viewer, contacts] of cases) {
      const node = (await t.ok(Q, { id: organization }, viewer)).node;
      expect(node, who).toEqual({ name: '苏州某代理所', contactPhone: contacts ? '0512-66668888' : null, contactEmail: contacts ? 'agency@example.cn' : null });
    }
  });
});
