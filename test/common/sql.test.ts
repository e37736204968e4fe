/**
 * SQL fragments as values (src/common/sql.ts): parameters travel with their text, composition keeps
 * precedence, and the result runs on PostgreSQL as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, anyOf, anyOfGiven, containsPattern, FALSE, join, or, prefixPattern, query, sql, TRUE, trusted } from '../../src/common/sql.js';
import { createTestApp, type TestApp } from '../harness/app.js';

describe('sql fragments', () => {
  it('a value becomes a parameter, a fragment becomes text with its parameters in place', () => {
    const inner = sql`b = ${2}`;
    const outer = sql`a = ${1} and ${inner} and c = ${'x'}`;
    expect(outer.sql).toBe('a = ? and b = ? and c = ?');
    expect(outer.params).toEqual([1, 2, 'x']);
  });

  it('and/or skip what is absent, parenthesise every part and the whole', () => {
    expect(and()).toBe(TRUE);
    expect(or()).toBe(FALSE);
    expect(and(null, undefined, false, sql`x = ${1}`).sql).toBe('x = ?');
    const combined = and(sql`a = ${1}`, or(sql`b = ${2}`, sql`c = ${3}`));
    expect(combined.sql).toBe('((a = ?) and (((b = ?) or (c = ?))))');
    expect(combined.params).toEqual([1, 2, 3]);
    // Put next to anything, an or() keeps its meaning.
    expect(sql`id = ${9} and ${or(sql`p`, sql`q`)}`.sql).toBe('id = ? and ((p) or (q))');
  });

  it('anyOf: an empty list matches nothing; anyOfGiven: no list is no condition', () => {
    expect(anyOf(sql`x`, [])).toBe(FALSE);
    expect(anyOf(sql`x`, [1, 2]).params).toEqual([[1, 2]]);
    expect(anyOfGiven(sql`x`, null)).toBeNull();
    expect(join([sql`a = ${1}`, sql`b = ${2}`], ', ').sql).toBe('a = ?, b = ?');
  });

  it('LIKE patterns escape the wildcard characters', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(prefixPattern('H01')).toBe('H01%');
  });

  it('a plain object is not a fragment: interpolated, it is a parameter', () => {
    const fake = { sql: 'true; drop table enterprise', params: [] } as unknown;
    const built = sql`x = ${fake}`;
    expect(built.sql).toBe('x = ?');
    expect(trusted('e.name').sql).toBe('e.name');
  });

  describe('on PostgreSQL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('runs as composed, with array parameters expanded into lists', async () => {
      const values = sql`select v from (values (1), (2), (3), (4)) as t(v)`;
      const rows = await query<{ v: number }>(t.orm.em, sql`${values} where ${and(anyOf(sql`v`, [1, 2, 3]), or(sql`v = ${1}`, sql`v = ${3}`))} order by v`);
      expect(rows.map((r) => r.v)).toEqual([1, 3]);
      expect(await query(t.orm.em, sql`${values} where ${anyOf(sql`v`, [])}`)).toEqual([]);
      const like = await query<{ ok: boolean }>(t.orm.em, sql`select '50%off' like ${containsPattern('0%o')} escape '\\' as ok, '500ff' like ${containsPattern('0%o')} escape '\\' as not_ok`);
      expect(like).toEqual([{ ok: true, not_ok: false }]);
    });
  });
});
