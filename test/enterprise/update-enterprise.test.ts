/**
 * updateEnterprise: partial updates, clearing nullable fields, optimistic locking (stale and
 * concurrent), unknown and malformed ids, credit-code changes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { codeSeries, fieldsOf, wrongCheck } from '../harness/credit-codes.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const newCode = codeSeries(2_000_029, 104_729, '320000');

const FIELDS = `
  id creditCode name sizeClass address foundedOn exportOriented industryLeader standardCertifiedOn version createdAt updatedAt
  region { code } industry { code } stage
`;
const CREATE = `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { ${FIELDS} } } }`;
const READ = `query($id: ID!) { enterprise(id: $id) { ${FIELDS} } }`;

interface EnterpriseView {
  id: string;
  creditCode: string;
  name: string;
  sizeClass: string;
  address: string | null;
  foundedOn: string;
  exportOriented: boolean;
  industryLeader: boolean;
  standardCertifiedOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  region: { code: string };
  industry: { code: string };
  stage: string;
}

describe('updateEnterprise', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function create(overrides: Record<string, unknown> = {}): Promise<EnterpriseView> {
    const input = {
      creditCode: newCode(),
      name: '江苏恒瑞精密机械有限公司',
      regionCode: '320000',
      industryCode: '34',
      sizeClass: 'LARGE',
      address: '南京市江宁区高新大道 8 号',
      foundedOn: '2005-03-15',
      exportOriented: true,
      industryLeader: true,
      standardCertifiedOn: '2018-06-30',
      ...overrides,
    };
    return (await t.ok<{ createEnterprise: { enterprise: EnterpriseView } }>(CREATE, { input })).createEnterprise.enterprise;
  }

  async function read(id: string): Promise<EnterpriseView> {
    return (await t.ok<{ enterprise: EnterpriseView }>(READ, { id })).enterprise;
  }

  /** The stored row, straight from the table. */
  async function row(id: string): Promise<Record<string, unknown> | null> {
    const key = fromGlobalId(id)?.key;
    if (!key || !UUID.test(key)) return null;
    const [r] = await t.sql(
      `select credit_code, name, region_code, industry_code, size_class, address, founded_on::text as founded_on,
              export_oriented, industry_leader, standard_certified_on::text as certified, version, updated_at
         from enterprise where id = ?`,
      [key],
    );
    return r ?? null;
  }

  /** Expects the update to fail with `code` and the enterprise to be exactly as before. */
  async function expectRejected(input: Record<string, unknown>, code: string, id = input.id as string) {
    const before = await row(id);
    const result = await t.gql(UPDATE, { input });
    expect(result.errors, JSON.stringify(result)).toBeDefined();
    expect(result.errors![0]!.extensions?.code, JSON.stringify(result.errors)).toBe(code);
    expect(result.data?.updateEnterprise ?? null).toBeNull();
    if (before) expect(await row(id)).toEqual(before);
    return result.errors![0]!;
  }


  describe('partial update', () => {
    it('changes only the given field and bumps the version by one', async () => {
      const e = await create();
      const { updateEnterprise } = await t.ok<{ updateEnterprise: { enterprise: EnterpriseView } }>(UPDATE, {
        input: { id: e.id, version: e.version, name: '江苏恒瑞精密机械股份有限公司' },
      });
      const u = updateEnterprise.enterprise;
      expect(u).toEqual({ ...e, name: '江苏恒瑞精密机械股份有限公司', version: e.version + 1, updatedAt: u.updatedAt });
      expect(new Date(u.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(e.updatedAt).getTime());
      expect(await read(e.id)).toEqual(u);
      expect((await row(e.id))!.version).toBe(e.version + 1);
    });

    it('changes several fields at once, leaving the others', async () => {
      const e = await create();
      const { updateEnterprise } = await t.ok<{ updateEnterprise: { enterprise: EnterpriseView } }>(UPDATE, {
        input: { id: e.id, version: e.version, regionCode: '330200', industryCode: 'I', sizeClass: 'SMALL', exportOriented: false, foundedOn: '2004-01-01' },
      });
      const u = updateEnterprise.enterprise;
      expect(u).toEqual({
        ...e,
        region: { code: '330200' },
        industry: { code: 'I' },
        sizeClass: 'SMALL',
        exportOriented: false,
        foundedOn: '2004-01-01',
        version: e.version + 1,
        updatedAt: u.updatedAt,
      });
      expect(await row(e.id)).toMatchObject({
        region_code: '330200',
        industry_code: 'I',
        size_class: 'SMALL',
        export_oriented: false,
        industry_leader: true,
        founded_on: '2004-01-01',
        certified: '2018-06-30',
        address: '南京市江宁区高新大道 8 号',
      });
    });

    it('successive updates each need the latest version', async () => {
      const e = await create();
      let version = e.version;
      for (const name of ['甲公司名称', '乙公司名称', '丙公司名称']) {
        const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version, name } });
        expect(updateEnterprise.enterprise.version).toBe(version + 1);
        version = updateEnterprise.enterprise.version;
      }
      expect((await read(e.id)).name).toBe('丙公司名称');
      expect(version).toBe(e.version + 3);
    });

    it('the credit code can be corrected, and lookups follow it', async () => {
      const e = await create();
      const corrected = newCode();
      const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version: e.version, creditCode: corrected.toLowerCase() } });
      expect(updateEnterprise.enterprise.creditCode).toBe(corrected);
      const byNew = await t.ok(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { id } }`, { c: corrected });
      expect(byNew.enterpriseByCreditCode.id).toBe(e.id);
      const byOld = await t.ok(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { id } }`, { c: e.creditCode });
      expect(byOld.enterpriseByCreditCode).toBeNull();
    });

    it('sending the enterprise\'s own credit code is not a conflict', async () => {
      const e = await create();
      const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version: e.version, creditCode: e.creditCode, name: '自身代码公司' } });
      expect(updateEnterprise.enterprise).toMatchObject({ creditCode: e.creditCode, name: '自身代码公司' });
    });
  });

  describe('nullable fields', () => {
    it('explicit null clears address and standardCertifiedOn (and the stage follows)', async () => {
      const e = await create();
      expect(e.stage).toBe('STANDARD_IMPLEMENTATION');
      const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version: e.version, address: null, standardCertifiedOn: null } });
      expect(updateEnterprise.enterprise).toMatchObject({ address: null, standardCertifiedOn: null, stage: 'NONE', version: e.version + 1, name: e.name });
      expect(await row(e.id)).toMatchObject({ address: null, certified: null });
    });

    it('omitting a nullable field keeps it', async () => {
      const e = await create();
      const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version: e.version, sizeClass: 'MICRO' } });
      expect(updateEnterprise.enterprise).toMatchObject({ address: e.address, standardCertifiedOn: e.standardCertifiedOn, sizeClass: 'MICRO' });
    });

    it('a nullable field can be set again after clearing', async () => {
      const e = await create({ address: null, standardCertifiedOn: null });
      const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version: e.version, address: '新地址', standardCertifiedOn: '2020-02-29' } });
      expect(updateEnterprise.enterprise).toMatchObject({ address: '新地址', standardCertifiedOn: '2020-02-29', stage: 'STANDARD_IMPLEMENTATION' });
    });

    it.each(['name', 'regionCode', 'industryCode', 'sizeClass', 'foundedOn', 'exportOriented', 'industryLeader', 'creditCode'])(
      'required field %s set to null → BAD_USER_INPUT naming it, nothing changed',
      async (field) => {
        const e = await create();
        const error = await expectRejected({ id: e.id, version: e.version, [field]: null }, 'BAD_USER_INPUT');
        expect(fieldsOf(error)).toContain(field);
      },
    );
  });

  describe('validation', () => {
    it('an unknown region or industry → BAD_USER_INPUT, nothing changed', async () => {
      const e = await create();
      expect(fieldsOf(await expectRejected({ id: e.id, version: e.version, regionCode: '440100' }, 'BAD_USER_INPUT'))).toContain('regionCode');
      expect(fieldsOf(await expectRejected({ id: e.id, version: e.version, industryCode: 'U' }, 'BAD_USER_INPUT'))).toContain('industryCode');
    });

    it('a too short name → BAD_USER_INPUT, nothing changed', async () => {
      const e = await create();
      expect(fieldsOf(await expectRejected({ id: e.id, version: e.version, name: ' 甲 ' }, 'BAD_USER_INPUT'))).toContain('name');
    });

    it('foundedOn moved after the stored certification date → BAD_USER_INPUT, nothing changed', async () => {
      const e = await create({ foundedOn: '2005-03-15', standardCertifiedOn: '2018-06-30' });
      const error = await expectRejected({ id: e.id, version: e.version, foundedOn: '2019-01-01' }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toContain('standardCertifiedOn');
    });

    it('certification before the stored founding date → BAD_USER_INPUT', async () => {
      const e = await create({ foundedOn: '2005-03-15', standardCertifiedOn: null });
      await expectRejected({ id: e.id, version: e.version, standardCertifiedOn: '2005-03-14' }, 'BAD_USER_INPUT');
    });

    it('foundedOn moved after the certification date is fine when the certification is cleared in the same update', async () => {
      const e = await create({ foundedOn: '2005-03-15', standardCertifiedOn: '2018-06-30' });
      const { updateEnterprise } = await t.ok(UPDATE, { input: { id: e.id, version: e.version, foundedOn: '2019-01-01', standardCertifiedOn: null } });
      expect(updateEnterprise.enterprise).toMatchObject({ foundedOn: '2019-01-01', standardCertifiedOn: null });
    });

    it('a bad credit code → BAD_USER_INPUT', async () => {
      const e = await create();
      const good = newCode();
      const bad = wrongCheck(good);
      await expectRejected({ id: e.id, version: e.version, creditCode: bad }, 'BAD_USER_INPUT');
    });

    it('an invalid date → BAD_USER_INPUT', async () => {
      const e = await create();
      await expectRejected({ id: e.id, version: e.version, foundedOn: '2023-02-29' }, 'BAD_USER_INPUT');
    });
  });

  describe('optimistic locking', () => {
    it('a stale version → CONFLICT and nothing changed', async () => {
      const e = await create();
      await t.ok(UPDATE, { input: { id: e.id, version: e.version, name: '先到的修改' } });
      const after = await row(e.id);
      const error = await expectRejected({ id: e.id, version: e.version, name: '后到的修改', address: null }, 'CONFLICT');
      expect(error.extensions).toMatchObject({ field: 'version' });
      expect(await row(e.id)).toEqual(after);
      expect(after).toMatchObject({ name: '先到的修改', version: e.version + 1 });
    });

    it('a version from the future → CONFLICT and nothing changed', async () => {
      const e = await create();
      await expectRejected({ id: e.id, version: e.version + 5, name: '未来版本' }, 'CONFLICT');
    });

    it('two concurrent updates with the same version → exactly one wins; the row is exactly the winner\'s', async () => {
      for (let round = 0; round < 8; round++) {
        const e = await create();
        const inputs = [
          { id: e.id, version: e.version, name: `并发修改甲${round}`, sizeClass: 'SMALL' },
          { id: e.id, version: e.version, name: `并发修改乙${round}`, exportOriented: false, address: null },
        ];
        const results = await Promise.all(inputs.map((input) => t.gql(UPDATE, { input })));
        const winners = results.map((r, i) => (r.errors?.length ? -1 : i)).filter((i) => i >= 0);
        const losers = results.filter((r) => r.errors?.length);
        expect(winners, JSON.stringify(results)).toHaveLength(1);
        expect(losers).toHaveLength(1);
        expect(losers[0]!.errors![0]!.extensions?.code, JSON.stringify(losers[0]!.errors)).toBe('CONFLICT');

        const winner = winners[0]!;
        const stored = await row(e.id);
        expect(stored!.version).toBe(e.version + 1);
        if (winner === 0) {
          expect(stored).toMatchObject({ name: `并发修改甲${round}`, size_class: 'SMALL', export_oriented: true, address: e.address });
        } else {
          expect(stored).toMatchObject({ name: `并发修改乙${round}`, size_class: e.sizeClass, export_oriented: false, address: null });
        }
        const returned = (results[winner]!.data as { updateEnterprise: { enterprise: EnterpriseView } }).updateEnterprise.enterprise;
        expect(await read(e.id)).toEqual(returned);
      }
    });
  });

  describe('ids', () => {
    it('an unknown enterprise id → NOT_FOUND', async () => {
      const id = toGlobalId('Enterprise', randomUUID());
      const error = await expectRejected({ id, version: 1, name: '不存在的企业' }, 'NOT_FOUND');
      expect(error.message).toContain('企业');
    });

    it.each([
      ['garbage', 'not an id at all'],
      ['', 'empty'],
      ['!!!', 'not base64url'],
      ['RW50ZXJwcmlzZTo', 'Enterprise: with no key'],
    ])('a malformed id %j (%s) → BAD_USER_INPUT on id', async (id) => {
      const error = await expectRejected({ id, version: 1, name: '坏的编号' }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toContain('id');
    });

    it('the raw UUID instead of the global id → BAD_USER_INPUT', async () => {
      const e = await create();
      const uuid = fromGlobalId(e.id)!.key;
      expect(uuid).toMatch(UUID);
      const error = await expectRejected({ id: uuid, version: e.version, name: '原始编号' }, 'BAD_USER_INPUT', e.id);
      expect(fieldsOf(error)).toContain('id');
    });

    it('an Enterprise id whose key is not a UUID → BAD_USER_INPUT', async () => {
      const error = await expectRejected({ id: toGlobalId('Enterprise', '123'), version: 1, name: '坏的键' }, 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toContain('id');
    });

    it('the id of another type (Region, Industry, EnterpriseStatistics with a UUID key) → BAD_USER_INPUT', async () => {
      const e = await create();
      const { region, industry } = await t.ok(`{ region(code: "320000") { id } industry(code: "34") { id } }`);
      const { setEnterpriseStatistics } = await t.ok(
        `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { statistics { id } } }`,
        { input: { enterpriseId: e.id, year: 2020, inventionGrants: 3 } },
      );
      for (const id of [region.id, industry.id, setEnterpriseStatistics.statistics.id]) {
        const error = await expectRejected({ id, version: 1, name: '别的类型' }, 'BAD_USER_INPUT', e.id);
        expect(fieldsOf(error)).toContain('id');
      }
      expect((await row(e.id))!.version).toBe(e.version);
    });
  });

  describe('credit code conflicts', () => {
    it('changing the credit code to one already registered → CONFLICT, nothing changed', async () => {
      const a = await create({ name: '甲企业有限公司' });
      const b = await create({ name: '乙企业有限公司' });
      const error = await expectRejected({ id: b.id, version: b.version, creditCode: a.creditCode, name: '乙企业改名' }, 'CONFLICT');
      expect(error.message).toContain(a.creditCode);
      expect((await read(a.id)).creditCode).toBe(a.creditCode);
      expect(await read(b.id)).toEqual(b);
    });

    it('the existing code given in lower case with whitespace is still a CONFLICT', async () => {
      const a = await create();
      const b = await create();
      await expectRejected({ id: b.id, version: b.version, creditCode: ` ${a.creditCode.toLowerCase()} ` }, 'CONFLICT');
    });

    it('two enterprises concurrently taking the same new code → one success, one CONFLICT', async () => {
      const a = await create();
      const b = await create();
      const target = newCode();
      const results = await Promise.all([
        t.gql(UPDATE, { input: { id: a.id, version: a.version, creditCode: target } }),
        t.gql(UPDATE, { input: { id: b.id, version: b.version, creditCode: target } }),
      ]);
      const failed = results.filter((r) => r.errors?.length);
      expect(failed, JSON.stringify(results)).toHaveLength(1);
      expect(failed[0]!.errors![0]!.extensions?.code).toBe('CONFLICT');
      const rows = await t.sql('select id from enterprise where credit_code = ?', [target]);
      expect(rows).toHaveLength(1);
    });
  });
});
