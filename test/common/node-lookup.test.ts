/**
 * Global object identification (node / nodes), the direct lookups (enterprise,
 * enterpriseByCreditCode, region, industry) and the reference lists (regions, industries, bureaus).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const FRAGMENTS = `
  __typename id
  ... on Enterprise { creditCode name version }
  ... on Designation { designationLevel: level batchYear validFrom validUntil enterprise { id } }
  ... on Region { regionCode: code name kind }
  ... on Industry { industryCode: code name industryLevel: level }
  ... on Bureau { bureauCode: code name bureauLevel: level }
  ... on EnterpriseStatistics { year inventionGrants enterprise { id } }
`;

interface Ids {
  enterprise: string;
  enterpriseUuid: string;
  creditCode: string;
  designation: string;
  designationUuid: string;
  statistics: string;
  statisticsUuid: string;
  region: string;
  industry: string;
  bureau: string;
  nationalBureau: string;
}

describe('node lookup and reference data', () => {
  let t: TestApp;
  const ids = {} as Ids;

  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(77);
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440300', industryCode: '39', name: '深圳市节点测试科技有限公司' });
    const d = await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2023, validFrom: '2023-12-01', validUntil: '2026-11-30' });
    const s = await makeStatistics(t.orm.em, e, { year: 2023, inventionGrants: 42 });
    ids.enterpriseUuid = e.id;
    ids.designationUuid = d.id;
    ids.statisticsUuid = s.id;
    ids.creditCode = e.creditCode;

    const data = await t.ok(
      `query($code: CreditCode!) {
        enterpriseByCreditCode(code: $code) { id designations { id } statistics { id } }
        region(code: "440300") { id }
        industry(code: "39") { id }
        bureaus { id code }
      }`,
      { code: e.creditCode },
    );
    ids.enterprise = data.enterpriseByCreditCode.id;
    ids.designation = data.enterpriseByCreditCode.designations[0].id;
    ids.statistics = data.enterpriseByCreditCode.statistics[0].id;
    ids.region = data.region.id;
    ids.industry = data.industry.id;
    ids.bureau = data.bureaus.find((b: { code: string }) => b.code === '440300').id;
    ids.nationalBureau = data.bureaus.find((b: { code: string }) => b.code === '100000').id;
  });
  afterAll(() => t.close());

  const node = async (id: string) => (await t.ok(`query($id: ID!) { node(id: $id) { ${FRAGMENTS} } }`, { id })).node;

  describe('node(id)', () => {
    it('fetches an Enterprise', async () => {
      expect(await node(ids.enterprise)).toEqual({ __typename: 'Enterprise', id: ids.enterprise, creditCode: ids.creditCode, name: '深圳市节点测试科技有限公司', version: 1 });
    });

    it('fetches a Designation', async () => {
      expect(await node(ids.designation)).toEqual({
        __typename: 'Designation',
        id: ids.designation,
        designationLevel: 'ADVANTAGE',
        batchYear: 2023,
        validFrom: '2023-12-01',
        validUntil: '2026-11-30',
        enterprise: { id: ids.enterprise },
      });
    });

    it('fetches an EnterpriseStatistics', async () => {
      expect(await node(ids.statistics)).toEqual({ __typename: 'EnterpriseStatistics', id: ids.statistics, year: 2023, inventionGrants: 42, enterprise: { id: ids.enterprise } });
    });

    it('fetches a Region', async () => {
      expect(await node(ids.region)).toEqual({ __typename: 'Region', id: ids.region, regionCode: '440300', name: '深圳市', kind: 'SEPARATELY_PLANNED_CITY' });
    });

    it('fetches an Industry', async () => {
      expect(await node(ids.industry)).toEqual({ __typename: 'Industry', id: ids.industry, industryCode: '39', name: expect.stringContaining('计算机'), industryLevel: 'DIVISION' });
    });

    it('fetches a Bureau (provincial and national)', async () => {
      expect(await node(ids.bureau)).toEqual({ __typename: 'Bureau', id: ids.bureau, bureauCode: '440300', name: '深圳市知识产权局', bureauLevel: 'PROVINCIAL' });
      expect(await node(ids.nationalBureau)).toEqual({ __typename: 'Bureau', id: ids.nationalBureau, bureauCode: '100000', name: '国家知识产权局', bureauLevel: 'NATIONAL' });
    });

    it('ids are opaque: not the raw UUID or code, and distinct across types with the same key', async () => {
      for (const [id, key] of [
        [ids.enterprise, ids.enterpriseUuid],
        [ids.designation, ids.designationUuid],
        [ids.statistics, ids.statisticsUuid],
        [ids.region, '440300'],
        [ids.industry, '39'],
        [ids.bureau, '440300'],
      ] as const) {
        expect(id).not.toBe(key);
        expect(id).not.toContain(key);
        expect(id).not.toMatch(UUID);
      }
      expect(ids.region).not.toBe(ids.bureau); // same code 440300, different types
    });

    it('ids round-trip: node(x.id).id is x.id, and a second fetch gives the same id', async () => {
      for (const id of Object.values(ids).filter((v) => typeof v === 'string' && !UUID.test(v) && v !== ids.creditCode)) {
        const found = await node(id);
        expect(found, id).not.toBeNull();
        expect(found.id).toBe(id);
        expect((await node(found.id)).id).toBe(id);
      }
    });

    it('the raw UUID is not an id', async () => {
      const result = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: ids.enterpriseUuid });
      expect(result.errors).toBeUndefined();
      expect(result.data?.node).toBeNull();
    });

    it.each([
      ['empty', ''],
      ['garbage', 'garbage'],
      ['punctuation', '!!!@@@'],
      ['base64 of a word', 'Zm9v'],
      ['long', 'A'.repeat(1500)], // (past INPUT_STRING_MAX it is refused before lookup: test/http/input-limits.test.ts)
      ['an unknown type', toGlobalId('Widget', randomUUID())],
      ['lower-case type', toGlobalId('enterprise', randomUUID())],
      ['well-formed unknown enterprise', toGlobalId('Enterprise', randomUUID())],
      ['enterprise with a non-UUID key', toGlobalId('Enterprise', 'abc')],
      ['unknown region', toGlobalId('Region', '440100')],
      ['unknown industry', toGlobalId('Industry', 'U')],
      ['unknown bureau', toGlobalId('Bureau', '999999')],
      ['unknown designation', toGlobalId('Designation', randomUUID())],
      ['unknown statistics', toGlobalId('EnterpriseStatistics', randomUUID())],
      ['type with no key', toGlobalId('Enterprise', '')],
    ])('an unknown or malformed id (%s) gives null, not an error', async (_label, id) => {
      const result = await t.gql(`query($id: ID!) { node(id: $id) { id __typename } }`, { id });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data).toEqual({ node: null });
    });

    it('an id of one type with the key of another type gives null', async () => {
      const result = await t.gql(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, {
        a: toGlobalId('Designation', ids.enterpriseUuid),
        b: toGlobalId('EnterpriseStatistics', ids.designationUuid),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ a: null, b: null });
    });
  });

  describe('nodes(ids)', () => {
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

    it('returns every type in input order, with nulls in place of unknown and malformed ids', async () => {
      const input = [
        ids.statistics,
        'garbage',
        ids.enterprise,
        ids.region,
        toGlobalId('Enterprise', randomUUID()),
        ids.designation,
        ids.industry,
        '',
        ids.nationalBureau,
        ids.enterprise,
        ids.bureau,
        toGlobalId('Region', '999999'),
      ];
      const result = await t.gql(NODES, { ids: input });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!.nodes).toEqual([
        { __typename: 'EnterpriseStatistics', id: ids.statistics },
        null,
        { __typename: 'Enterprise', id: ids.enterprise },
        { __typename: 'Region', id: ids.region },
        null,
        { __typename: 'Designation', id: ids.designation },
        { __typename: 'Industry', id: ids.industry },
        null,
        { __typename: 'Bureau', id: ids.nationalBureau },
        { __typename: 'Enterprise', id: ids.enterprise },
        { __typename: 'Bureau', id: ids.bureau },
        null,
      ]);
    });

    it('an empty list gives an empty list', async () => {
      expect((await t.ok(NODES, { ids: [] })).nodes).toEqual([]);
    });

    it('only nulls when nothing is found', async () => {
      expect((await t.ok(NODES, { ids: ['x', 'y', toGlobalId('Enterprise', randomUUID())] })).nodes).toEqual([null, null, null]);
    });

    it('exactly 100 ids are accepted', async () => {
      const many = Array.from({ length: 100 }, (_, i) => (i % 2 ? ids.enterprise : ids.region));
      const { nodes } = await t.ok(NODES, { ids: many });
      expect(nodes).toHaveLength(100);
      expect(nodes.every((n: { id: string } | null, i: number) => n?.id === many[i])).toBe(true);
    });

    it('more than 100 ids → BAD_USER_INPUT', async () => {
      const result = await t.gql(NODES, { ids: Array.from({ length: 101 }, () => ids.enterprise) });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
      expect(result.data?.nodes ?? null).toBeNull();
    });

    it('fetches each type in a bounded number of statements, whatever the number of ids', async () => {
      const { queries } = await t.countQueries(() =>
        t.ok(NODES, { ids: [ids.enterprise, ids.designation, ids.statistics, ids.enterprise, toGlobalId('Enterprise', randomUUID()), ids.region] }),
      );
      expect(queries.length).toBeLessThanOrEqual(3); // enterprises, designations, statistics; reference data from memory
    });
  });

  describe('enterprise(id:) and enterpriseByCreditCode(code:)', () => {
    it('enterprise(id:) returns the enterprise', async () => {
      const { enterprise } = await t.ok(`query($id: ID!) { enterprise(id: $id) { id creditCode region { code } } }`, { id: ids.enterprise });
      expect(enterprise).toEqual({ id: ids.enterprise, creditCode: ids.creditCode, region: { code: '440300' } });
    });

    it('enterprise(id:) of an unknown enterprise is null', async () => {
      const result = await t.gql(`query($id: ID!) { enterprise(id: $id) { id } }`, { id: toGlobalId('Enterprise', randomUUID()) });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ enterprise: null });
    });

    it('enterprise(id:) with a malformed id or another type\'s id → BAD_USER_INPUT', async () => {
      for (const id of ['garbage', ids.region, ids.statistics, ids.enterpriseUuid]) {
        const result = await t.gql(`query($id: ID!) { enterprise(id: $id) { id } }`, { id });
        expect(result.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
      }
    });

    it('enterpriseByCreditCode finds it, ignoring case and surrounding whitespace', async () => {
      for (const code of [ids.creditCode, ids.creditCode.toLowerCase(), `  ${ids.creditCode} `]) {
        const { enterpriseByCreditCode } = await t.ok(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { id creditCode } }`, { c: code });
        expect(enterpriseByCreditCode).toEqual({ id: ids.enterprise, creditCode: ids.creditCode });
      }
    });

    it('enterpriseByCreditCode of a valid but unregistered code is null', async () => {
      const result = await t.gql(`{ enterpriseByCreditCode(code: "91350100M000100Y43") { id } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ enterpriseByCreditCode: null });
    });

    it('enterpriseByCreditCode of an invalid code → BAD_USER_INPUT', async () => {
      const result = await t.gql(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { id } }`, { c: '91350100M000100Y44' });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain('统一社会信用代码');
    });
  });

  describe('regions', () => {
    const SPC: Record<string, [string, string]> = {
      '210200': ['大连市', '210000'],
      '330200': ['宁波市', '330000'],
      '350200': ['厦门市', '350000'],
      '370200': ['青岛市', '370000'],
      '440300': ['深圳市', '440000'],
    };
    const MUNICIPALITIES = ['110000', '120000', '310000', '500000'];
    const AUTONOMOUS = ['150000', '450000', '540000', '640000', '650000'];
    const PROVINCES = [
      '130000', '140000', '210000', '220000', '230000', '320000', '330000', '340000', '350000', '360000', '370000',
      '410000', '420000', '430000', '440000', '460000', '510000', '520000', '530000', '610000', '620000', '630000',
    ];

    let regions: { id: string; code: string; name: string; kind: string; sortOrder: number; parent: { code: string } | null; children: { code: string }[]; bureau: { code: string; level: string } | null }[];
    beforeAll(async () => {
      regions = (await t.ok(`{ regions { id code name kind sortOrder parent { code } children { code } bureau { code level } } }`)).regions;
    });

    it('has 37 jurisdictions: 31 provincial-level divisions, 5 separately planned cities, the XPCC', () => {
      expect(regions).toHaveLength(37);
      expect(new Set(regions.map((r) => r.code)).size).toBe(37);
      const byKind = (k: string) => regions.filter((r) => r.kind === k).map((r) => r.code).sort();
      expect(byKind('PROVINCE')).toEqual([...PROVINCES].sort());
      expect(byKind('AUTONOMOUS_REGION')).toEqual([...AUTONOMOUS].sort());
      expect(byKind('MUNICIPALITY')).toEqual([...MUNICIPALITIES].sort());
      expect(byKind('SEPARATELY_PLANNED_CITY')).toEqual(Object.keys(SPC).sort());
      expect(byKind('XPCC')).toEqual(['660000']);
    });

    it('are in the official order (sortOrder ascending, Beijing first)', () => {
      const orders = regions.map((r) => r.sortOrder);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
      expect(regions[0]!.code).toBe('110000');
    });

    it('each separately planned city has its province as parent, and is that province\'s child', () => {
      for (const [code, [name, parent]] of Object.entries(SPC)) {
        const r = regions.find((x) => x.code === code)!;
        expect(r).toMatchObject({ name, parent: { code: parent }, children: [] });
        expect(regions.find((x) => x.code === parent)!.children).toEqual([{ code }]);
      }
    });

    it('the XPCC\'s parent is Xinjiang', () => {
      expect(regions.find((r) => r.code === '660000')).toMatchObject({ name: '新疆生产建设兵团', parent: { code: '650000' } });
      expect(regions.find((r) => r.code === '650000')!.children).toEqual([{ code: '660000' }]);
    });

    it('the 31 provincial-level divisions have no parent', () => {
      const top = regions.filter((r) => r.parent === null).map((r) => r.code);
      expect(top.sort()).toEqual([...PROVINCES, ...AUTONOMOUS, ...MUNICIPALITIES].sort());
      expect(top).toHaveLength(31);
    });

    it('each has its own provincial bureau with the same code', () => {
      for (const r of regions) expect(r.bureau).toEqual({ code: r.code, level: 'PROVINCIAL' });
    });

    it('can be filtered by kind', async () => {
      const { regions: cities } = await t.ok(`{ regions(kinds: [SEPARATELY_PLANNED_CITY, XPCC]) { code } }`);
      expect(cities.map((r: { code: string }) => r.code).sort()).toEqual([...Object.keys(SPC), '660000'].sort());
    });

    it('region(code:) finds one, null for unknown codes', async () => {
      const data = await t.ok(`{ a: region(code: "440000") { name kind children { code } } b: region(code: "440100") { code } }`);
      expect(data).toEqual({ a: { name: '广东省', kind: 'PROVINCE', children: [{ code: '440300' }] }, b: null });
    });
  });

  describe('industries', () => {
    /** GB/T 4754-2017: each section and the range of its two-digit divisions. */
    const SECTIONS: [string, number, number][] = [
      ['A', 1, 5], ['B', 6, 12], ['C', 13, 43], ['D', 44, 46], ['E', 47, 50], ['F', 51, 52], ['G', 53, 60],
      ['H', 61, 62], ['I', 63, 65], ['J', 66, 69], ['K', 70, 70], ['L', 71, 72], ['M', 73, 75], ['N', 76, 79],
      ['O', 80, 82], ['P', 83, 83], ['Q', 84, 85], ['R', 86, 90], ['S', 91, 96], ['T', 97, 97],
    ];
    type Ind = { id: string; code: string; name: string; level: string; parent: { code: string } | null; children: { code: string }[] };

    it('has 20 sections A–T in order, with no parent', async () => {
      const { industries } = await t.ok<{ industries: Ind[] }>(`{ industries(level: SECTION) { id code name level parent { code } children { code } } }`);
      expect(industries.map((i) => i.code)).toEqual(SECTIONS.map((s) => s[0]));
      expect(industries.every((i) => i.level === 'SECTION' && i.parent === null)).toBe(true);
      expect(industries.find((i) => i.code === 'C')!.name).toBe('制造业');
      for (const [code, from, to] of SECTIONS) {
        const children = industries.find((i) => i.code === code)!.children.map((c) => Number(c.code));
        expect(children, code).toEqual(Array.from({ length: to - from + 1 }, (_, k) => from + k));
      }
    });

    it('has 97 divisions 01–97 in order, each under its section', async () => {
      const { industries } = await t.ok<{ industries: Ind[] }>(`{ industries(level: DIVISION) { code level parent { code } children { code } } }`);
      expect(industries).toHaveLength(97);
      expect(industries.map((i) => i.code)).toEqual(Array.from({ length: 97 }, (_, k) => String(k + 1).padStart(2, '0')));
      for (const i of industries) {
        const n = Number(i.code);
        const section = SECTIONS.find(([, from, to]) => n >= from && n <= to)![0];
        expect(i.parent, i.code).toEqual({ code: section });
        expect(i.level).toBe('DIVISION');
        expect(i.children).toEqual([]);
      }
    });

    it('without a level returns all 117', async () => {
      const { industries } = await t.ok(`{ industries { code } }`);
      expect(industries).toHaveLength(117);
      expect(new Set(industries.map((i: { code: string }) => i.code)).size).toBe(117);
    });

    it('industry(code:) finds a section or a division, null for unknown codes', async () => {
      const data = await t.ok(`{ a: industry(code: "I") { level children { code } } b: industry(code: "65") { name parent { code } } c: industry(code: "98") { code } }`);
      expect(data.a).toEqual({ level: 'SECTION', children: [{ code: '63' }, { code: '64' }, { code: '65' }] });
      expect(data.b).toEqual({ name: expect.stringContaining('信息技术服务'), parent: { code: 'I' } });
      expect(data.c).toBeNull();
    });
  });

  describe('bureaus', () => {
    it('has 38: the national bureau 100000 and one provincial bureau for each of the 37 regions', async () => {
      const { bureaus, regions } = await t.ok(`{ bureaus { id code name level region { code } } regions { code } }`);
      expect(bureaus).toHaveLength(38);
      const national = bureaus.filter((b: { level: string }) => b.level === 'NATIONAL');
      expect(national).toEqual([{ id: ids.nationalBureau, code: '100000', name: '国家知识产权局', level: 'NATIONAL', region: null }]);
      const provincial = bureaus.filter((b: { level: string }) => b.level === 'PROVINCIAL');
      expect(provincial).toHaveLength(37);
      expect(provincial.map((b: { code: string }) => b.code).sort()).toEqual(regions.map((r: { code: string }) => r.code).sort());
      for (const b of provincial) {
        expect(b.region).toEqual({ code: b.code });
        expect(b.name).toMatch(/知识产权局$/);
      }
      expect(provincial.find((b: { code: string }) => b.code === '660000').name).toBe('新疆生产建设兵团知识产权局');
    });
  });
});
