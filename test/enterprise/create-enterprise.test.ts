/**
 * createEnterprise through GraphQL: what is stored on success, and that every rejected input
 * comes back with the right code and leaves the enterprise table untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { codeSeries, fieldsOf, wrongCheck } from '../harness/credit-codes.js';

const newCode = codeSeries(1_000_003, 7919, '440300');

function chinaDate(offsetDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

const FIELDS = `
  id creditCode name sizeClass address foundedOn exportOriented industryLeader standardCertifiedOn version
  createdAt updatedAt
  region { code name kind parent { code } }
  industry { code name level parent { code } }
  designations { id } currentDesignation { id } stage statistics { year }
`;
const CREATE = `mutation Create($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { ${FIELDS} } } }`;

function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    creditCode: newCode(),
    name: '深圳市华创电子科技有限公司',
    regionCode: '440300',
    industryCode: '39',
    sizeClass: 'MEDIUM',
    address: '深圳市南山区科技园路 1 号',
    foundedOn: '2010-05-18',
    exportOriented: true,
    industryLeader: false,
    standardCertifiedOn: '2019-11-02',
    ...overrides,
  };
}

describe('createEnterprise', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function count(): Promise<number> {
    const [row] = await t.sql<{ n: string | number }>('select count(*)::int as n from enterprise');
    return Number(row!.n);
  }

  /** Runs the operation, expects one error with `code`, and that nothing was stored. */
  async function expectRejected(query: string, variables: Record<string, unknown> | undefined, code: string): Promise<NonNullable<GraphQLResult['errors']>[number]> {
    const before = await count();
    const result = await t.gql(query, variables);
    expect(result.errors, JSON.stringify(result)).toBeDefined();
    expect(result.errors!.length).toBeGreaterThanOrEqual(1);
    expect(result.errors![0]!.extensions?.code, JSON.stringify(result.errors)).toBe(code);
    expect(result.data?.createEnterprise ?? null).toBeNull();
    expect(await count()).toBe(before);
    return result.errors![0]!;
  }

  const rejectInput = (input: Record<string, unknown>, code = 'BAD_USER_INPUT') => expectRejected(CREATE, { input }, code);


  describe('success', () => {
    it('returns the enterprise with every field, version 1, and stores exactly one row', async () => {
      const before = await count();
      const input = validInput();
      const { createEnterprise } = await t.ok(CREATE, { input });
      const e = createEnterprise.enterprise;
      expect(e).toMatchObject({
        creditCode: input.creditCode,
        name: '深圳市华创电子科技有限公司',
        sizeClass: 'MEDIUM',
        address: '深圳市南山区科技园路 1 号',
        foundedOn: '2010-05-18',
        exportOriented: true,
        industryLeader: false,
        standardCertifiedOn: '2019-11-02',
        version: 1,
        region: { code: '440300', name: '深圳市', kind: 'SEPARATELY_PLANNED_CITY', parent: { code: '440000' } },
        industry: { code: '39', level: 'DIVISION', parent: { code: 'C' } },
        designations: [],
        currentDesignation: null,
        stage: 'STANDARD_IMPLEMENTATION',
        statistics: [],
      });
      expect(typeof e.id).toBe('string');
      expect(e.id.length).toBeGreaterThan(0);
      expect(new Date(e.createdAt).toString()).not.toBe('Invalid Date');
      expect(new Date(e.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(e.createdAt).getTime() - 1);
      expect(Math.abs(Date.now() - new Date(e.createdAt).getTime())).toBeLessThan(60_000);

      expect(await count()).toBe(before + 1);
      const [row] = await t.sql<Record<string, unknown>>(
        `select credit_code, name, region_code, industry_code, size_class, address, founded_on::text as founded_on,
                export_oriented, industry_leader, standard_certified_on::text as certified, version
           from enterprise where credit_code = ?`,
        [input.creditCode],
      );
      expect(row).toEqual({
        credit_code: input.creditCode,
        name: '深圳市华创电子科技有限公司',
        region_code: '440300',
        industry_code: '39',
        size_class: 'MEDIUM',
        address: '深圳市南山区科技园路 1 号',
        founded_on: '2010-05-18',
        export_oriented: true,
        industry_leader: false,
        certified: '2019-11-02',
        version: 1,
      });

      // and it can be read back
      const back = await t.ok(`query($id: ID!) { enterprise(id: $id) { ${FIELDS} } }`, { id: e.id });
      expect(back.enterprise).toEqual(e);
    });

    it('applies defaults: optional fields omitted → address null, flags false, not certified, stage NONE', async () => {
      const code = newCode('110000');
      const { createEnterprise } = await t.ok(CREATE, {
        input: { creditCode: code, name: '北京中科数据科技有限公司', regionCode: '110000', industryCode: 'I', sizeClass: 'SMALL', foundedOn: '2001-01-01' },
      });
      expect(createEnterprise.enterprise).toMatchObject({
        creditCode: code,
        address: null,
        exportOriented: false,
        industryLeader: false,
        standardCertifiedOn: null,
        stage: 'NONE',
        version: 1,
        region: { code: '110000', kind: 'MUNICIPALITY', parent: null },
        industry: { code: 'I', level: 'SECTION', parent: null },
      });
    });

    it('normalises the credit code (trim, upper case) and the name (trim, collapse whitespace)', async () => {
      const code = newCode('330200');
      const { createEnterprise } = await t.ok(CREATE, {
        input: validInput({ creditCode: `  ${code.toLowerCase()}\t`, name: '  宁波  海纳   新材料有限公司 ', regionCode: '330200', address: '   ' }),
      });
      expect(createEnterprise.enterprise.creditCode).toBe(code);
      expect(createEnterprise.enterprise.name).toBe('宁波 海纳 新材料有限公司');
      expect(createEnterprise.enterprise.address).toBeNull();
      const rows = await t.sql<{ credit_code: string }>('select credit_code from enterprise where credit_code = ?', [code]);
      expect(rows).toHaveLength(1);
    });

    it('accepts the boundaries: a 2- and a 200-character name, founded today, certified on the founding day and today', async () => {
      await t.ok(CREATE, { input: validInput({ name: '华为', foundedOn: chinaDate(0), standardCertifiedOn: chinaDate(0) }) });
      const long = '中'.repeat(200);
      const { createEnterprise } = await t.ok(CREATE, { input: validInput({ name: long, foundedOn: '2000-02-29', standardCertifiedOn: '2000-02-29' }) });
      expect(createEnterprise.enterprise.name).toBe(long);
      expect(createEnterprise.enterprise.foundedOn).toBe('2000-02-29');
    });

    it('accepts the XPCC (660000) and every separately planned city as the region', async () => {
      for (const [region, parent] of [['660000', '650000'], ['210200', '210000'], ['370200', '370000'], ['350200', '350000']] as const) {
        const { createEnterprise } = await t.ok(CREATE, { input: validInput({ creditCode: newCode(region), regionCode: region }) });
        expect(createEnterprise.enterprise.region).toMatchObject({ code: region, parent: { code: parent } });
      }
    });
  });

  describe('bad credit code', () => {
    const cases: [string, () => string][] = [
      ['wrong check character', () => wrongCheck(newCode())],
      ['forbidden letter I', () => { const c = newCode(); return c.slice(0, 10) + 'I' + c.slice(11); }],
      ['forbidden letter O', () => { const c = newCode(); return c.slice(0, 10) + 'O' + c.slice(11); }],
      ['forbidden letter S', () => { const c = newCode(); return c.slice(0, 10) + 'S' + c.slice(11); }],
      ['forbidden letter V', () => { const c = newCode(); return c.slice(0, 10) + 'V' + c.slice(11); }],
      ['forbidden letter Z', () => { const c = newCode(); return c.slice(0, 10) + 'Z' + c.slice(11); }],
      ['17 characters', () => newCode().slice(0, 17)],
      ['19 characters', () => newCode() + '0'],
      ['empty', () => ''],
    ];

    it.each(cases)('as a variable (%s) → BAD_USER_INPUT naming 统一社会信用代码, nothing stored', async (_label, make) => {
      const error = await rejectInput(validInput({ creditCode: make() }));
      expect(error.message).toContain('统一社会信用代码');
    });

    it.each(cases)('as an inline literal (%s) → rejected before execution, message naming 统一社会信用代码, nothing stored', async (_label, make) => {
      const code = make();
      const query = `mutation { createEnterprise(input: {
        creditCode: ${JSON.stringify(code)}, name: "深圳市测试科技有限公司", regionCode: "440300", industryCode: "39",
        sizeClass: SMALL, foundedOn: "2015-06-01" }) { enterprise { id } } }`;
      // A literal that fails the scalar's parsing is a document validation error (graphql-js), which
      // Apollo reports as GRAPHQL_VALIDATION_FAILED; the scalar's own message is kept.
      const error = await expectRejected(query, undefined, 'GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toContain('统一社会信用代码');
    });

    it('a valid inline literal is accepted (the literal path parses good codes)', async () => {
      const code = newCode();
      const result = await t.ok(`mutation { createEnterprise(input: {
        creditCode: ${JSON.stringify(code.toLowerCase())}, name: "深圳市字面量科技有限公司", regionCode: "440300", industryCode: "39",
        sizeClass: SMALL, foundedOn: "2015-06-01" }) { enterprise { creditCode } } }`);
      expect(result.createEnterprise.enterprise.creditCode).toBe(code);
    });

    it('says which check character was expected', async () => {
      const good = newCode();
      const error = await rejectInput(validInput({ creditCode: wrongCheck(good) }));
      expect(error.message).toContain(good[17]);
    });

    it('a non-string credit code is rejected', async () => {
      await rejectInput(validInput({ creditCode: 913501001234567 }));
    });
  });

  describe('reference data', () => {
    it.each([
      ['999999', 'not a division code at all'],
      ['440100', 'Guangzhou: a real division code but not a provincial-level jurisdiction'],
      ['710000', 'Taiwan: not administered by a bureau here'],
    ])('unknown region code %s (%s) → BAD_USER_INPUT on regionCode', async (regionCode) => {
      const error = await rejectInput(validInput({ regionCode }));
      expect(fieldsOf(error)).toContain('regionCode');
    });

    it.each(['12345', '0440000', 'abcdef', '44000０'])('malformed region code %s → BAD_USER_INPUT', async (regionCode) => {
      await rejectInput(validInput({ regionCode }));
    });

    it.each([
      ['U', 'no section U in GB/T 4754-2017'],
      ['98', 'no division 98'],
      ['391', 'a group, not a division'],
      ['', 'empty'],
      ['c', 'lower-case section letter'],
    ])('unknown industry %s (%s) → BAD_USER_INPUT on industryCode', async (industryCode) => {
      const error = await rejectInput(validInput({ industryCode }));
      expect(fieldsOf(error)).toContain('industryCode');
    });

    it('reports several problems at once', async () => {
      const error = await rejectInput(validInput({ regionCode: '440100', industryCode: 'U', name: 'X' }));
      expect(fieldsOf(error)).toEqual(expect.arrayContaining(['regionCode', 'industryCode', 'name']));
    });

    it('an unknown size class is rejected', async () => {
      await rejectInput(validInput({ sizeClass: 'HUGE' }));
    });
  });

  describe('duplicates', () => {
    it('a second enterprise with the same credit code → CONFLICT, the first is kept', async () => {
      const code = newCode();
      await t.ok(CREATE, { input: validInput({ creditCode: code, name: '第一家公司' }) });
      const error = await rejectInput(validInput({ creditCode: code, name: '第二家公司' }), 'CONFLICT');
      expect(error.message).toContain(code);
      const rows = await t.sql<{ name: string }>('select name from enterprise where credit_code = ?', [code]);
      expect(rows).toEqual([{ name: '第一家公司' }]);
    });

    it('the same code in lower case or with whitespace is the same code → CONFLICT', async () => {
      const code = newCode();
      await t.ok(CREATE, { input: validInput({ creditCode: code }) });
      await rejectInput(validInput({ creditCode: code.toLowerCase() }), 'CONFLICT');
      await rejectInput(validInput({ creditCode: ` ${code} ` }), 'CONFLICT');
    });

    it('two concurrent creations of the same code → exactly one success and one CONFLICT, one row', async () => {
      for (let round = 0; round < 5; round++) {
        const code = newCode();
        const before = await count();
        const results = await Promise.all([
          t.gql(CREATE, { input: validInput({ creditCode: code, name: '并发公司甲' }) }),
          t.gql(CREATE, { input: validInput({ creditCode: code, name: '并发公司乙' }) }),
        ]);
        const ok = results.filter((r) => !r.errors?.length);
        const failed = results.filter((r) => r.errors?.length);
        expect(ok, JSON.stringify(results)).toHaveLength(1);
        expect(failed).toHaveLength(1);
        expect(failed[0]!.errors![0]!.extensions?.code, JSON.stringify(failed[0]!.errors)).toBe('CONFLICT');
        expect(await count()).toBe(before + 1);
        const rows = await t.sql<{ name: string }>('select name from enterprise where credit_code = ?', [code]);
        expect(rows).toEqual([{ name: (ok[0]!.data as any).createEnterprise.enterprise.name }]);
      }
    });
  });

  describe('name and address', () => {
    it.each([
      ['one character', '华'],
      ['one character after trimming', '  华  '],
      ['empty', ''],
      ['only whitespace', '    '],
      ['201 characters', '中'.repeat(201)],
      ['201 characters after the suffix', `${'a'.repeat(195)}有限公司测试`],
    ])('name %s → BAD_USER_INPUT on name', async (_label, name) => {
      const error = await rejectInput(validInput({ name }));
      expect(fieldsOf(error)).toContain('name');
    });

    it('a name with control characters → BAD_USER_INPUT', async () => {
      const error = await rejectInput(validInput({ name: '深圳市\u0007测试有限公司' }));
      expect(fieldsOf(error)).toContain('name');
    });

    it('an address over 300 characters → BAD_USER_INPUT on address', async () => {
      const error = await rejectInput(validInput({ address: '路'.repeat(301) }));
      expect(fieldsOf(error)).toContain('address');
    });
  });

  describe('dates', () => {
    it('foundedOn in the future (tomorrow in China) → BAD_USER_INPUT on foundedOn', async () => {
      const error = await rejectInput(validInput({ foundedOn: chinaDate(1), standardCertifiedOn: null }));
      expect(fieldsOf(error)).toContain('foundedOn');
    });

    it('foundedOn far in the future → BAD_USER_INPUT', async () => {
      await rejectInput(validInput({ foundedOn: '2999-01-01', standardCertifiedOn: null }));
    });

    it('standardCertifiedOn before foundedOn → BAD_USER_INPUT on standardCertifiedOn', async () => {
      const error = await rejectInput(validInput({ foundedOn: '2015-06-01', standardCertifiedOn: '2015-05-31' }));
      expect(fieldsOf(error)).toContain('standardCertifiedOn');
    });

    it('standardCertifiedOn in the future → BAD_USER_INPUT on standardCertifiedOn', async () => {
      const error = await rejectInput(validInput({ standardCertifiedOn: chinaDate(1) }));
      expect(fieldsOf(error)).toContain('standardCertifiedOn');
    });

    it.each(['2024-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-1-5', '20240105', '2024/01/05', '2024-01-05T00:00:00Z', ''])(
      'invalid Date %j as a variable → BAD_USER_INPUT',
      async (foundedOn) => {
        await rejectInput(validInput({ foundedOn, standardCertifiedOn: null }));
      },
    );

    it('invalid Date as standardCertifiedOn → BAD_USER_INPUT', async () => {
      await rejectInput(validInput({ standardCertifiedOn: '2021-02-29' }));
    });

    it('invalid Date as an inline literal is rejected before execution', async () => {
      const query = `mutation { createEnterprise(input: {
        creditCode: ${JSON.stringify(newCode())}, name: "深圳市测试科技有限公司", regionCode: "440300", industryCode: "39",
        sizeClass: SMALL, foundedOn: "2024-02-30" }) { enterprise { id } } }`;
      const error = await expectRejected(query, undefined, 'GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toContain('2024-02-30');
    });
  });

  it('missing required fields are rejected and nothing is stored', async () => {
    const input = validInput();
    delete input.name;
    await rejectInput(input);
  });
});
