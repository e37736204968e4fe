/**
 * enterprises(filter: { search }): substring search over Chinese names of any length
 * (one character, two, more), case-insensitive for ASCII, with LIKE metacharacters taken
 * literally, answered from the name-grams GIN index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';

const NAMES = [
  '深圳华为技术有限公司',
  '华中科技发展有限公司',
  '北京中科创新科技有限公司',
  '科大讯飞股份有限公司',
  '上海华虹半导体有限公司',
  '技科反序有限公司', // 科 and 技 adjacent, but in the other order
  '科学技术研究院', // 科 and 技 both present, not adjacent
  '深圳科技园开发有限公司',
  '南方科技大学技园服务中心', // has the pairs 科技 and 技园 but not 科技园
  'abc智能科技有限公司',
  'ABC数据服务有限公司',
  'xAbCx精密机械有限公司',
  'ab-c贸易有限公司', // not abc
  '百分%之百有限公司',
  '百分之百实业有限公司',
  '下划_线有限公司',
  '下划X线有限公司',
  '反斜\\杠有限公司',
  "O'Brien咨询有限公司",
  '𠮷野家餐饮有限公司', // a character outside the BMP
] as const;

interface ListData {
  enterprises: { totalCount: number; edges: { node: { name: string } }[] };
}

const LIST = `
  query Search($search: String, $first: Int) {
    enterprises(filter: { search: $search }, first: $first) { totalCount edges { node { name } } }
  }`;

/** The reference answer: case-insensitive (ASCII) literal substring match, after trimming. */
function expected(query: string): string[] {
  const q = query.trim().toLowerCase();
  return NAMES.filter((n) => n.toLowerCase().includes(q)).sort();
}

describe('enterprises(filter: { search })', () => {
  let t: TestApp;

  async function search(query: string | null): Promise<string[]> {
    const data = await t.ok<ListData>(LIST, { search: query, first: 100 });
    expect(data.enterprises.totalCount).toBe(data.enterprises.edges.length);
    return data.enterprises.edges.map((e) => e.node.name).sort();
  }

  /** The API finds exactly the listed names, and so does the reference. */
  async function finds(query: string, names: readonly string[]): Promise<void> {
    expect(expected(query), `reference for ${JSON.stringify(query)}`).toEqual([...names].sort());
    expect(await search(query), `search ${JSON.stringify(query)}`).toEqual([...names].sort());
  }

  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(7);
    for (const name of NAMES) await makeEnterprise(t.orm.em, rng, { name });
  });
  afterAll(() => t.close());

  describe('one-character queries', () => {
    it('find every name containing the character, wherever it is', async () => {
      await finds('虹', ['上海华虹半导体有限公司']);
      await finds('院', ['科学技术研究院']); // last character
      await finds('深', ['深圳华为技术有限公司', '深圳科技园开发有限公司']); // first character
      await finds('科', NAMES.filter((n) => n.includes('科')));
      expect(NAMES.filter((n) => n.includes('科')).length).toBeGreaterThan(5);
    });

    it('find nothing when no name has the character', async () => {
      await finds('鑫', []);
    });
  });

  describe('two-character queries', () => {
    it('find the pair at the start, in the middle and at the end of a name', async () => {
      await finds('深圳', ['深圳华为技术有限公司', '深圳科技园开发有限公司']);
      await finds('讯飞', ['科大讯飞股份有限公司']);
      await finds('究院', ['科学技术研究院']);
      await finds('公司', NAMES.filter((n) => n.endsWith('公司')));
    });

    it('do not match names holding both characters apart or in the other order', async () => {
      // 技科反序有限公司 has 技科, 科学技术研究院 has 科…技; neither contains 科技.
      await finds('科技', ['华中科技发展有限公司', '北京中科创新科技有限公司', '深圳科技园开发有限公司', '南方科技大学技园服务中心', 'abc智能科技有限公司']);
      await finds('技科', ['技科反序有限公司']);
      await finds('科术', []);
    });
  });

  describe('queries of three or more characters', () => {
    it('find the substring anywhere in the name', async () => {
      await finds('华为技术', ['深圳华为技术有限公司']);
      await finds('中科创新科技', ['北京中科创新科技有限公司']);
      await finds('半导体有限公司', ['上海华虹半导体有限公司']);
      await finds('科大讯飞股份有限公司', ['科大讯飞股份有限公司']); // the whole name
    });

    it('do not match a name that holds every pair of the query but not contiguously', async () => {
      // 南方科技大学技园服务中心 contains 科技 and 技园, but not 科技园.
      await finds('科技园', ['深圳科技园开发有限公司']);
      await finds('方科技园', []);
      await finds('科技大学技园', ['南方科技大学技园服务中心']);
      await finds('技术研究', ['科学技术研究院']);
      await finds('科学技研', []);
    });

    it('find nothing for a query longer than any name', async () => {
      await finds('深圳华为技术有限公司深圳华为技术有限公司', []);
    });
  });

  it('is case-insensitive for ASCII letters', async () => {
    const abc = ['abc智能科技有限公司', 'ABC数据服务有限公司', 'xAbCx精密机械有限公司'];
    await finds('ABC', abc);
    await finds('abc', abc);
    await finds('aBc', abc);
    await finds('AB', [...abc, 'ab-c贸易有限公司']);
    await finds('X', ['xAbCx精密机械有限公司', '下划X线有限公司']);
    await finds('o\'brien', ["O'Brien咨询有限公司"]);
    await finds('ABC数据', ['ABC数据服务有限公司']);
  });

  describe('LIKE metacharacters are literal', () => {
    it('% matches only a literal percent sign', async () => {
      await finds('%', ['百分%之百有限公司']);
      await finds('分%', ['百分%之百有限公司']);
      await finds('分%之', ['百分%之百有限公司']);
      await finds('百%百', []);
      await finds('%%%', []);
    });

    it('_ matches only a literal underscore', async () => {
      await finds('_', ['下划_线有限公司']);
      await finds('划_', ['下划_线有限公司']);
      await finds('划_线', ['下划_线有限公司']);
      await finds('a_c', []);
      await finds('___', []);
    });

    it('a backslash is literal too', async () => {
      await finds('\\', ['反斜\\杠有限公司']);
      await finds('斜\\杠', ['反斜\\杠有限公司']);
      await finds('斜\\', ['反斜\\杠有限公司']);
    });
  });

  it('handles characters outside the Basic Multilingual Plane as single characters', async () => {
    await finds('𠮷', ['𠮷野家餐饮有限公司']);
    await finds('𠮷野', ['𠮷野家餐饮有限公司']);
    await finds('𠮷野家', ['𠮷野家餐饮有限公司']);
  });

  it('trims surrounding whitespace', async () => {
    await finds('  讯飞  ', ['科大讯飞股份有限公司']);
    expect(await search('\t华为技术\n')).toEqual(['深圳华为技术有限公司']);
    expect(await search(' 虹 ')).toEqual(['上海华虹半导体有限公司']);
  });

  it('search: null does not restrict the list', async () => {
    expect(await search(null)).toEqual([...NAMES].sort());
  });

  describe('invalid queries are BAD_USER_INPUT on filter.search', () => {
    for (const [label, query] of [
      ['empty', ''],
      ['blank', '   '],
      ['whitespace only', '\t\n '],
      ['51 characters', '科'.repeat(51)],
      ['51 ASCII characters', 'a'.repeat(51)],
      ['51 characters outside the BMP', '𠮷'.repeat(51)],
    ] as const) {
      it(label, async () => {
        const result = await t.gql<ListData>(LIST, { search: query, first: 10 });
        expect(result.errors, 'expected an error').toBeDefined();
        const error = result.errors![0]!;
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        const fields = error.extensions?.fields as { field: string }[] | undefined;
        expect(fields?.map((f) => f.field)).toContain('filter.search');
      });
    }

    it('50 characters is still allowed, counting characters rather than UTF-16 units', async () => {
      expect(await search('科'.repeat(50))).toEqual([]);
      expect(await search('𠮷'.repeat(50))).toEqual([]);
      // 50 characters once trimmed.
      expect(await search(`  ${'科'.repeat(50)}  `)).toEqual([]);
    });
  });

  it('uses the name-grams GIN index (enterprise_name_grams_idx)', async () => {
    const plans: string[] = [];
    await t.orm.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      const ctx = em.getTransactionContext();
      await conn.execute('set local enable_seqscan = off', [], 'run', ctx);
      for (const sql of [
        "explain select id from enterprise e where e.name_grams @> array['科']::text[]",
        "explain select id from enterprise e where e.name_grams @> array['科技']::text[]",
        "explain select id from enterprise e where e.name_grams @> array['科技', '技园']::text[] and lower(e.name) like '%科技园%'",
      ]) {
        const rows = (await conn.execute(sql, [], 'all', ctx)) as { 'QUERY PLAN': string }[];
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    });
    for (const plan of plans) expect(plan).toContain('enterprise_name_grams_idx');

    // …and the API's statements filter on that indexed expression, for every query length.
    for (const query of ['科', '科技', '科技园']) {
      const { queries } = await t.countQueries(() => t.ok(LIST, { search: query, first: 5 }));
      const filtered = queries.filter((q) => /from "enterprise"/.test(q));
      expect(filtered.length).toBeGreaterThan(0);
      for (const q of filtered) expect(q).toMatch(/"?e"?\."?name_grams"? @>/);
    }
  });
});
