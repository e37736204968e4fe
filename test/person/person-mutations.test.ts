/**
 * createPerson / updatePerson (docs/talent.md, "Registering people"; docs/permissions.md): an
 * enterprise registers and edits its own staff, a provincial bureau the people of its jurisdiction,
 * the national bureau anyone; others are refused. Field validation (the identity number's check
 * character and birth date included) stores nothing on failure; one record per identity document,
 * also under concurrency, without saying who holds a number; optimistic locking; partial updates;
 * personal data redacted in the audit log; an enterprise never reads another enterprise's staff;
 * a registered person can be nominated and enrolled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';
import type { Viewer } from '../../src/context.js';

const PERSON_FIELDS = `id name employer title regionCode category specialties technicalFields qualifications expertise phone email identityNumber version employerEnterprise { id name }`;
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { ${PERSON_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { ${PERSON_FIELDS} } } }`;
const NODE = `query($id: ID!) { node(id: $id) { __typename ... on Person { ${PERSON_FIELDS} } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Person { id name } } }`;
const AUDIT = `query($id: String) { auditLog(first: 20, filter: { objectId: $id }) { edges { node { operation jurisdiction changes } } } }`;

/** A resident identity number with a correct check character (GB 11643: ISO 7064 MOD 11-2), computed here independently of the code under test. */
function idNumber(area: string, birth: string, sequence: string): string {
  const body = `${area}${birth}${sequence}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  return body + '10X98765432'[sum % 11];
}
/** The same number with a wrong check character. */
const wrongCheck = (n: string) => n.slice(0, 17) + (n[17] === '0' ? '1' : '0');

let sequence = 100;
/** A fresh valid number (a new sequence each call). */
const freshId = (birth = '19850612') => idNumber('320102', birth, String(++sequence).padStart(3, '0'));

const codes = (r: GraphQLResult<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
const fieldsOf = (r: GraphQLResult<unknown>) => ((r.errors?.[0]?.extensions?.fields as { field: string }[] | undefined) ?? []).map((f) => f.field);

describe('createPerson / updatePerson', () => {
  let t: TestApp;
  /** A and B: plain enterprises of Jiangsu (320000); PUB: a designated (public-directory) enterprise of Guangdong; GD: a plain one of Guangdong. */
  const ent: Record<'a' | 'b' | 'pub' | 'gd', { id: string; gid: string; name: string }> = {} as never;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-30');
    const rng = randomFor(4242);
    for (const [key, region] of [['a', '320000'], ['b', '320000'], ['pub', '440000'], ['gd', '440000']] as const) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
      ent[key] = { id: e.id, gid: toGlobalId('Enterprise', e.id), name: e.name };
      if (key === 'pub') await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    }
  });
  afterAll(() => t.close());

  const enterpriseA = () => as.enterprise(ent.a.id);
  const enterpriseB = () => as.enterprise(ent.b.id);
  const count = async (table: string) => Number((await t.sql<{ n: string }>(`select count(*)::text as n from ${table}`))[0]!.n);
  const row = async (gid: string) => (await t.sql<Record<string, any>>('select * from person where id = ?', [fromGlobalId(gid)!.key]))[0]!;
  const create = (input: Record<string, unknown>, viewer: Viewer = as.national()) => t.gql(CREATE, { input }, viewer);
  const created = async (input: Record<string, unknown>, viewer: Viewer = as.national()) => {
    const r = await create(input, viewer);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.createPerson.person;
  };
  const update = (input: Record<string, unknown>, viewer: Viewer = as.national()) => t.gql(UPDATE, { input }, viewer);

  describe('who registers whom', () => {
    it('an enterprise registers its own staff: the employer is its enterprise, the region and employer name follow it', async () => {
      const identityNumber = freshId();
      const p = await created(
        { name: '  李  工程师 ', title: '知识产权专员', category: 'IP_PRACTITIONER', phone: '13912345678', email: 'li@example.cn', identityNumber, specialties: ['LITIGATION', 'LITIGATION', 'STRATEGY'] },
        enterpriseA(),
      );
      expect(p).toMatchObject({
        name: '李 工程师',
        employer: ent.a.name,
        regionCode: '320000',
        category: 'IP_PRACTITIONER',
        specialties: ['LITIGATION', 'STRATEGY'],
        version: 1,
        employerEnterprise: { id: ent.a.gid },
        // Personal data is written by the enterprise but read only by the national bureau and the person (docs/permissions.md).
        phone: null,
        email: null,
        identityNumber: null,
      });
      expect(await row(p.id)).toMatchObject({ employer_enterprise_id: ent.a.id, phone: '13912345678', email: 'li@example.cn', identity_number: identityNumber });
      expect((await t.ok(NODE, { id: p.id })).node).toMatchObject({ phone: '13912345678', email: 'li@example.cn', identityNumber });
    });

    it('an enterprise cannot register another enterprise\'s staff: FORBIDDEN for one it sees, BAD_USER_INPUT for one it does not; nothing stored', async () => {
      const people = await count('person');
      const audit = await count('audit_entry');
      const visibleOther = await create({ name: '王某', employerEnterpriseId: ent.pub.gid }, enterpriseA());
      expect(codes(visibleOther)).toEqual(['FORBIDDEN']);
      expect(visibleOther.errors![0]!.extensions).toMatchObject({ action: 'person.create' });
      const hidden = await create({ name: '王某', employerEnterpriseId: ent.b.gid }, enterpriseA());
      expect(codes(hidden)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(hidden)).toEqual(['employerEnterpriseId']);
      expect([await count('person'), await count('audit_entry')]).toEqual([people, audit]);
    });

    it('a provincial bureau registers people of its jurisdiction (its region by default, or staff of its enterprises), not elsewhere', async () => {
      const js = as.provincial('320000');
      expect(await created({ name: '赵学者', employer: '南京大学' }, js)).toMatchObject({ regionCode: '320000', employerEnterprise: null, employer: '南京大学' });
      expect(await created({ name: '钱员工', employerEnterpriseId: ent.b.gid }, js)).toMatchObject({ regionCode: '320000', employerEnterprise: { id: ent.b.gid } });
      const people = await count('person');
      expect(codes(await create({ name: '孙某', regionCode: '440000' }, js))).toEqual(['FORBIDDEN']);
      // A public-directory enterprise of another jurisdiction: visible, but its staff belong to that bureau.
      expect(codes(await create({ name: '孙某', employerEnterpriseId: ent.pub.gid }, js))).toEqual(['FORBIDDEN']);
      // An enterprise of another jurisdiction it cannot see at all.
      const hidden = await create({ name: '孙某', employerEnterpriseId: ent.gd.gid }, js);
      expect([codes(hidden), fieldsOf(hidden)]).toEqual([['BAD_USER_INPUT'], ['employerEnterpriseId']]);
      expect(await count('person')).toBe(people);
    });

    it('the national bureau registers anyone, anywhere, or with no region at all', async () => {
      expect(await created({ name: '周专家', regionCode: '110000' })).toMatchObject({ regionCode: '110000' });
      expect(await created({ name: '吴员工', employerEnterpriseId: ent.gd.gid })).toMatchObject({ regionCode: '440000', employerEnterprise: { id: ent.gd.gid } });
      expect(await created({ name: '郑顾问' })).toMatchObject({ regionCode: null, employerEnterprise: null });
    });

    it('experts and service providers are FORBIDDEN, the public UNAUTHENTICATED, before any validation; nothing stored', async () => {
      const people = await count('person');
      for (const viewer of [as.user('EXPERT', { personId: '00000000-0000-7000-8000-000000000001' }), as.user('SERVICE_PROVIDER', { organizationId: '00000000-0000-7000-8000-000000000002' })]) {
        const r = await create({ name: '', identityNumber: 'bad' }, viewer);
        expect(codes(r)).toEqual(['FORBIDDEN']);
        expect(r.errors![0]!.message).toBe('人员由企业（本企业人员）、省局（本辖区人员）或国家局登记');
      }
      expect(codes(await create({ name: '某人' }, as.anonymous))).toEqual(['UNAUTHENTICATED']);
      expect(await count('person')).toBe(people);
    });
  });

  describe('validation', () => {
    it('each bad field is BAD_USER_INPUT naming it, and nothing is stored', async () => {
      const cases: [string, Record<string, unknown>, string[]][] = [
        ['blank name', { name: '   ' }, ['name']],
        ['name over 100', { name: '名'.repeat(101) }, ['name']],
        ['unknown region', { name: '某', regionCode: '999999' }, ['regionCode']],
        ['not an IPC class', { name: '某', technicalFields: ['H01', 'electronics', 'Z99'] }, ['technicalFields.1', 'technicalFields.2']],
        ['21 technical fields', { name: '某', technicalFields: Array.from({ length: 21 }, (_, i) => `G${String(i + 10).padStart(2, '0')}`) }, ['technicalFields']],
        ['a qualification over 50', { name: '某', qualifications: ['专利代理师', '资'.repeat(51)] }, ['qualifications.1']],
        ['a blank qualification', { name: '某', qualifications: [' '] }, ['qualifications.0']],
        ['21 qualifications', { name: '某', qualifications: Array.from({ length: 21 }, (_, i) => `资格${i}`) }, ['qualifications']],
        ['bad phone', { name: '某', phone: 'call me' }, ['phone']],
        ['bad email', { name: '某', email: 'not-an-email' }, ['email']],
        ['identity number: wrong check character', { name: '某', identityNumber: wrongCheck(freshId()) }, ['identityNumber']],
        ['identity number: 30 February', { name: '某', identityNumber: idNumber('320102', '19990230', '123') }, ['identityNumber']],
        ['identity number: born after today', { name: '某', identityNumber: idNumber('320102', '20261201', '123') }, ['identityNumber']],
        ['identity number: 17 characters', { name: '某', identityNumber: freshId().slice(0, 17) }, ['identityNumber']],
        ['identity number: X not last', { name: '某', identityNumber: 'X20102198506120012' }, ['identityNumber']],
        ['malformed employer id', { name: '某', employerEnterpriseId: 'nonsense' }, ['employerEnterpriseId']],
        ['several at once', { name: '', email: 'x', identityNumber: '123' }, ['name', 'email', 'identityNumber']],
      ];
      const people = await count('person');
      const audit = await count('audit_entry');
      for (const [label, input, fields] of cases) {
        const r = await create(input);
        expect(codes(r), label).toEqual(['BAD_USER_INPUT']);
        expect(fieldsOf(r), label).toEqual(fields);
        expect(r.data ?? null, label).toBeNull();
      }
      expect([await count('person'), await count('audit_entry')]).toEqual([people, audit]);
      // The messages say what is wrong with the identity number.
      expect((await create({ name: '某', identityNumber: wrongCheck(freshId()) })).errors![0]!.message).toContain('校验码不正确');
      expect((await create({ name: '某', identityNumber: idNumber('320102', '19990230', '123') })).errors![0]!.message).toContain('出生日期无效');
    });

    it('values are normalised: the standard example number with a lowercase x, IPC codes upper-cased, duplicates dropped', async () => {
      // The example of GB 11643-1999.
      const p = await created({ name: '标准示例', identityNumber: '11010519491231002x', technicalFields: ['g06f', 'H01', 'G06F'], qualifications: ['专利代理师', ' 专利代理师 '] });
      expect(p).toMatchObject({ identityNumber: '11010519491231002X', technicalFields: ['G06F', 'H01'], qualifications: ['专利代理师'] });
    });
  });

  describe('one record per identity document', () => {
    it('a number already registered (by anyone) is CONFLICT on identityNumber, saying nothing of who holds it', async () => {
      const number = freshId('19790101');
      await created({ name: '独一无二的持有人', identityNumber: number, employer: '某保密单位' }, enterpriseA());
      const people = await count('person');
      const again = await create({ name: '另一人', identityNumber: number }, enterpriseB());
      expect(codes(again)).toEqual(['CONFLICT']);
      expect(again.errors![0]!.extensions).toMatchObject({ field: 'identityNumber' });
      const said = JSON.stringify(again.errors);
      for (const secret of ['独一无二的持有人', '某保密单位', ent.a.name, ent.a.id, ent.a.gid, 'Person:']) expect(said).not.toContain(secret);
      // Lowercase or spaced, it is the same number.
      expect(codes(await create({ name: '另一人', identityNumber: ` ${number.toLowerCase()} ` }))).toEqual(['CONFLICT']);
      expect(await count('person')).toBe(people);
      // Nor can an update take it.
      const other = await created({ name: '第三人' }, enterpriseB());
      expect(codes(await update({ id: other.id, version: other.version, identityNumber: number }, enterpriseB()))).toEqual(['CONFLICT']);
      expect((await row(other.id)).identity_number).toBeNull();
    });

    it('concurrent registrations of one number: exactly one succeeds, the others are CONFLICT', async () => {
      const number = freshId('19881111');
      const viewers = [enterpriseA(), enterpriseB(), as.provincial('320000'), as.national(), enterpriseA(), enterpriseB()];
      const results = await Promise.all(viewers.map((viewer, i) => create({ name: `并发${i}`, identityNumber: number }, viewer)));
      expect(results.filter((r) => !r.errors).length).toBe(1);
      expect(results.filter((r) => r.errors).map(codes)).toEqual(Array(viewers.length - 1).fill(['CONFLICT']));
      expect(await t.sql('select id from person where identity_number = ?', [number])).toHaveLength(1);
    });

    it('people without a number are not duplicates of each other', async () => {
      await created({ name: '无证件甲' });
      await created({ name: '无证件乙' });
    });
  });

  describe('updatePerson', () => {
    it('changes only the fields named; explicit null clears; lists null become empty; the version goes up', async () => {
      const p = await created(
        { name: '原名', title: '工程师', expertise: '专利检索', phone: '025-88886666', email: 'a@example.cn', specialties: ['STANDARDS'], technicalFields: ['H01'], qualifications: ['专利代理师'], category: 'IP_MANAGER' },
        enterpriseA(),
      );
      const u1 = (await t.ok(UPDATE, { input: { id: p.id, version: p.version, title: '高级工程师' } }, enterpriseA())).updatePerson.person;
      expect(u1).toMatchObject({ name: '原名', title: '高级工程师', expertise: '专利检索', specialties: ['STANDARDS'], technicalFields: ['H01'], qualifications: ['专利代理师'], category: 'IP_MANAGER', version: p.version + 1 });
      expect(await row(p.id)).toMatchObject({ phone: '025-88886666', email: 'a@example.cn', employer_enterprise_id: ent.a.id });
      const u2 = (await t.ok(UPDATE, { input: { id: p.id, version: u1.version, title: null, phone: null, technicalFields: null } }, enterpriseA())).updatePerson.person;
      expect(u2).toMatchObject({ name: '原名', title: null, technicalFields: [], specialties: ['STANDARDS'], version: u1.version + 1 });
      expect(await row(p.id)).toMatchObject({ phone: null, email: 'a@example.cn' });
      // Required fields cannot be cleared.
      const r = await update({ id: p.id, version: u2.version, name: null, category: null }, enterpriseA());
      expect([codes(r), fieldsOf(r)]).toEqual([['BAD_USER_INPUT'], ['name', 'category']]);
    });

    it('a stale version is CONFLICT and changes nothing', async () => {
      const p = await created({ name: '版本测试' });
      await t.ok(UPDATE, { input: { id: p.id, version: p.version, title: '第一次' } });
      const stale = await update({ id: p.id, version: p.version, title: '第二次' });
      expect(codes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors![0]!.extensions).toMatchObject({ field: 'version', currentVersion: p.version + 1 });
      expect((await row(p.id)).title).toBe('第一次');
    });

    it('scope: another enterprise gets NOT_FOUND; a bureau elsewhere FORBIDDEN; nobody moves a person out of their scope', async () => {
      const p = await created({ name: '范围测试', phone: '13800001111' }, enterpriseA());
      const before = await row(p.id);
      const change = (viewer: Viewer, extra: Record<string, unknown> = {}) => update({ id: p.id, version: p.version, title: '改', ...extra }, viewer);
      expect(codes(await change(enterpriseB()))).toEqual(['NOT_FOUND']);
      expect(codes(await change(as.user('EXPERT', { personId: fromGlobalId(p.id)!.key })))).toEqual(['FORBIDDEN']);
      expect(codes(await change(as.anonymous))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await change(as.provincial('440000')))).toEqual(['FORBIDDEN']);
      // The enterprise cannot release its staff member or hand them to another enterprise.
      expect(codes(await change(enterpriseA(), { employerEnterpriseId: null }))).toEqual(['FORBIDDEN']);
      expect(codes(await change(enterpriseA(), { employerEnterpriseId: ent.pub.gid }))).toEqual(['FORBIDDEN']);
      // The provincial bureau cannot move them to another jurisdiction's enterprise.
      expect(codes(await change(as.provincial('320000'), { employerEnterpriseId: ent.pub.gid }))).toEqual(['FORBIDDEN']);
      const unknown = toGlobalId('Person', '00000000-0000-7000-8000-00000000dead');
      expect(codes(await update({ id: unknown, version: 1, title: '改' }))).toEqual(['NOT_FOUND']);
      expect(await row(p.id)).toEqual(before);
      // The provincial bureau of the employer edits; the national bureau moves the person anywhere.
      const byBureau = (await t.ok(UPDATE, { input: { id: p.id, version: p.version, title: '省局改' } }, as.provincial('320000'))).updatePerson.person;
      const moved = (await t.ok(UPDATE, { input: { id: p.id, version: byBureau.version, employerEnterpriseId: ent.gd.gid } })).updatePerson.person;
      expect(moved).toMatchObject({ title: '省局改', employerEnterprise: { id: ent.gd.gid } });
      // Enterprise A no longer sees its former staff member.
      expect((await t.ok(NODE, { id: p.id }, enterpriseA())).node).toBeNull();
    });
  });

  describe('an enterprise never reads another enterprise\'s staff', () => {
    it('by node(id), nodes(ids), a nomination, the review queue and the directory: A sees its own, B nothing', async () => {
      const p = await created({ name: '甲企业员工', category: 'IP_MANAGER' }, enterpriseA());
      expect((await t.ok(NODE, { id: p.id }, enterpriseA())).node).toMatchObject({ __typename: 'Person', name: '甲企业员工' });
      expect((await t.ok(NODE, { id: p.id }, enterpriseB())).node).toBeNull();
      expect((await t.ok(NODES, { ids: [p.id] }, enterpriseB())).nodes).toEqual([null]);
      // Through a nomination of A's: B sees neither the nomination nor the person.
      const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id person { id } } } }`;
      const nomination = (await t.ok(NOMINATE, { input: { personId: p.id, pool: 'EXPERT_POOL', reason: '业务骨干' } }, enterpriseA())).nominateToPool.membership;
      expect(nomination.person).toEqual({ id: p.id });
      const MEMBERSHIP = `query($id: ID!) { node(id: $id) { ... on PoolMembership { id person { id name } } } }`;
      expect((await t.ok(MEMBERSHIP, { id: nomination.id }, enterpriseB())).node).toBeNull();
      expect(codes(await t.gql(`{ pendingNominations(first: 50) { edges { node { person { id } } } } }`, undefined, enterpriseB()))).toEqual(['FORBIDDEN']);
      // The public expert directory lists admitted members of public pools only, and public fields only.
      const directory = await t.ok(`{ expertDirectory(first: 100) { edges { node { name } } } }`, undefined, enterpriseB());
      expect(directory.expertDirectory.edges.map((e: any) => e.node.name)).not.toContain('甲企业员工');
    });
  });

  describe('audit', () => {
    it('every create and update is audited with the person\'s jurisdiction; personal data appears only as set/changed/cleared', async () => {
      const number = freshId('19700505');
      const p = await created({ name: '审计对象', phone: '13700002222', email: 'audit@example.cn', identityNumber: number }, enterpriseA());
      await t.ok(UPDATE, { input: { id: p.id, version: p.version, phone: '13700003333', email: null, title: '主任' } }, enterpriseA());
      const entries = (await t.ok(AUDIT, { id: p.id }, as.provincial('320000'))).auditLog.edges.map((e: any) => e.node);
      expect(entries.map((e: any) => e.operation).sort()).toEqual(['createPerson', 'updatePerson']);
      expect(entries.every((e: any) => e.jurisdiction === '320000')).toBe(true);
      const createEntry = entries.find((e: any) => e.operation === 'createPerson');
      const updateEntry = entries.find((e: any) => e.operation === 'updatePerson');
      expect(createEntry.changes).toMatchObject({
        name: { before: null, after: '审计对象' },
        employerEnterprise: { before: null, after: ent.a.id },
        phone: { before: null, after: '（已设置）' },
        email: { before: null, after: '（已设置）' },
        identityNumber: { before: null, after: '（已设置）' },
      });
      expect(updateEntry.changes).toEqual({
        title: { before: null, after: '主任' },
        phone: { before: '（已隐藏）', after: '（已修改）' },
        email: { before: '（已隐藏）', after: null },
      });
      const logged = JSON.stringify(entries);
      for (const secret of ['13700002222', '13700003333', 'audit@example.cn', number]) expect(logged).not.toContain(secret);
    });
  });

  describe('a registered person takes part in the programme', () => {
    it('is nominated to a talent pool and enrolled in a training session by their enterprise', async () => {
      const p = await created({ name: '新登记学员', category: 'IP_MANAGER' }, enterpriseA());
      const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { status person { id name } } } }`;
      expect((await t.ok(NOMINATE, { input: { personId: p.id, pool: 'FACULTY_POOL', reason: '实务经验丰富' } }, enterpriseA())).nominateToPool.membership).toEqual({
        status: 'NOMINATED',
        person: { id: p.id, name: '新登记学员' },
      });
      const program = (await t.ok(`mutation($input: CreateTrainingProgramInput!) { createTrainingProgram(input: $input) { program { id } } }`, {
        input: { title: '企业知识产权管理实务培训', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' },
      })).createTrainingProgram.program.id;
      const session = (await t.ok(`mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { id } } }`, {
        input: { programId: program, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity: 10, registrationClosesOn: '2026-12-05', place: '南京' },
      })).createTrainingSession.session.id;
      const ENROL = `mutation($input: EnrolInput!) { enrol(input: $input) { enrolment { status person { id name } } } }`;
      expect((await t.ok(ENROL, { input: { sessionId: session, personId: p.id } }, enterpriseA())).enrol.enrolment).toEqual({
        status: 'BOOKED',
        person: { id: p.id, name: '新登记学员' },
      });
      // The session's roster: A sees its staff member's record; B sees neither the enrolment nor the person.
      const ROSTER = `query($id: ID!) { node(id: $id) { ... on TrainingSession { enrolments { edges { node { personName person { id } } } } } } }`;
      const roster = async (viewer: Viewer) => (await t.ok(ROSTER, { id: session }, viewer)).node.enrolments.edges.map((e: any) => e.node);
      expect(await roster(enterpriseA())).toEqual([{ personName: '新登记学员', person: { id: p.id } }]);
      expect(await roster(enterpriseB())).toEqual([]);
      // Enterprise B cannot enrol A's staff.
      const other = await t.gql(ENROL, { input: { sessionId: session, personId: p.id } }, enterpriseB());
      expect(codes(other)).toEqual(['FORBIDDEN']);
    });
  });

  it('the seeded-data path still works: a person inserted without a version reads as version 1', async () => {
    const id = await insertPerson(t.orm.em, { name: '种子人员' });
    expect((await t.ok(NODE, { id: toGlobalId('Person', id) })).node).toMatchObject({ version: 1 });
  });

  it('people lists what each viewer may see: an enterprise its own staff only, the bureaus all, filters and pages', async () => {
    const PEOPLE = `query($filter: PersonFilter, $first: Int, $after: String) { people(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name phone employerEnterprise { id } } } } }`;
    const mine = [];
    for (const name of ['列表甲', '列表乙', '列表丙']) mine.push((await t.ok(CREATE, { input: { name, phone: '13800001111' } }, enterpriseA())).createPerson.person.id);
    const theirs = (await t.ok(CREATE, { input: { name: '列表丁' } }, enterpriseB())).createPerson.person.id;
    // Enterprise A: its own staff, in registration order; another enterprise's people never appear, even asked for by filter.
    const own = (await t.ok(PEOPLE, { filter: { nameContains: '列表' } }, enterpriseA())).people;
    expect(own.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(mine);
    expect(own.edges[0].node.phone).toBeNull();
    expect((await t.ok(PEOPLE, { filter: { enterpriseId: ent.b.gid } }, enterpriseA())).people.totalCount).toBe(0);
    // A bureau: everyone, filtered by employer; pages by cursor.
    const page1 = (await t.ok(PEOPLE, { filter: { nameContains: '列表' }, first: 2 }, as.provincial('320000'))).people;
    expect(page1).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const page2 = (await t.ok(PEOPLE, { filter: { nameContains: '列表' }, first: 2, after: page1.pageInfo.endCursor }, as.provincial('320000'))).people;
    expect([...page1.edges, ...page2.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual([...mine, theirs]);
    expect((await t.ok(PEOPLE, { filter: { enterpriseId: ent.b.gid } }, as.national())).people.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(theirs);
    // The public may not list people; a bad filter is BAD_USER_INPUT.
    expect(codes(await t.gql(PEOPLE, {}, as.anonymous))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(PEOPLE, { filter: { nameContains: '' } }, as.national()))).toEqual(['BAD_USER_INPUT']);
  });
});
