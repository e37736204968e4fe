/**
 * The read path (src/common/read.ts, src/common/lean.ts): reads go as named prepared statements
 * on the serving pool with stable texts, inside a transaction on the transaction's connection, and
 * come back as read-only objects of the entity's class that MikroORM refuses to write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrap } from '@mikro-orm/core';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { numbered } from '../../src/common/read.js';
import { anyOf, sql, query, trusted } from '../../src/common/sql.js';
import { LeanQuery } from '../../src/common/pagination.js';
import { LeanRef } from '../../src/common/lean.js';
import { transaction } from '../../src/common/transaction.js';
import { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { Designation } from '../../src/modules/designation/designation.entity.js';

describe('numbered(): sql`` to PostgreSQL parameters', () => {
  it('numbers placeholders in order', () => {
    expect(numbered(sql`select ${1} + ${'a'} where x = ${true}`)).toEqual({ text: 'select $1 + $2 where x = $3', values: [1, 'a', true] });
  });

  it('sends an in-list as one array parameter, so the text does not depend on its length', () => {
    const two = numbered(anyOf(sql`e.region_code`, ['110000', '440000']));
    const three = numbered(anyOf(sql`e.region_code`, ['110000', '440000', '310000']));
    expect(two).toEqual({ text: 'e.region_code = any($1)', values: [['110000', '440000']] });
    expect(three.text).toBe(two.text);
    expect(numbered(sql`x not in (${[1, 2]}) and y = ${3}`)).toEqual({ text: 'x <> all($1) and y = $2', values: [[1, 2], 3] });
  });

  it('sends array[${list}] as one array parameter, and expands any other list like MikroORM', () => {
    expect(numbered(sql`g @> array[${['a', 'b']}]::text[]`)).toEqual({ text: 'g @> $1::text[]', values: [['a', 'b']] });
    expect(numbered(sql`values (${[1, 2]})`)).toEqual({ text: 'values ($1, $2)', values: [1, 2] });
  });

  it('refuses a statement whose placeholders and parameters disagree', () => {
    expect(() => numbered(trusted('select ?'))).toThrow(/placeholders/);
  });
});

describe('reads on the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(7);
    for (let i = 0; i < 3; i++) await makeEnterprise(t.orm.em, rng, { regionCode: '440000' });
  });
  afterAll(() => t.close());

  it('gives the same rows as MikroORM for in-lists, arrays and typed values', async () => {
    const em = t.orm.em.fork();
    const ids = (await em.find(Enterprise, {})).map((e) => e.id);
    const viaRead = await query<{ id: string }>(em, sql`select id from enterprise where id in (${ids}) and region_code = ${'440000'} and founded_on <= ${'2100-01-01'} order by id`);
    const viaOrm = await em.execute<{ id: string }[]>('select id from enterprise where id in (?) and region_code = ? order by id', [ids, '440000']);
    expect(viaRead.map((r) => r.id)).toEqual(viaOrm.map((r) => r.id));
    expect(viaRead).toHaveLength(3);
  });

  it('names (prepares) a statement on the connection that runs it', async () => {
    const em = t.orm.em.fork();
    // The statement finds itself: its text is on the connection as a prepared statement while it runs.
    const rows = await query<{ name: string; statement: string }>(em, sql`select name, statement from pg_prepared_statements where statement like '%read-path-self%' and ${1} = 1`);
    expect(rows).toEqual([{ name: expect.stringMatching(/^ip_/), statement: expect.stringContaining('$1 = 1') }]);
  });

  it('inside a transaction reads on the transaction’s connection (its own uncommitted rows)', async () => {
    const seen = await transaction(t.orm.em.fork(), async (em) => {
      await em.execute(`update enterprise set name = 'uncommitted' where id = (select id from enterprise order by id limit 1)`);
      const rows = await query<{ n: number }>(em, sql`select count(*)::int as n from enterprise where name = ${'uncommitted'}`);
      await em.execute('select 1');
      throw Object.assign(new Error('roll back'), { rows });
    }).catch((error: { rows?: { n: number }[] }) => error.rows);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await t.sql(`select count(*)::int as n from enterprise where name = 'uncommitted'`)).toEqual([{ n: 0 }]);
  });

  it('reads lean objects: the entity’s class, getters and methods, references by key', async () => {
    const [e] = await new LeanQuery(t.orm.em.fork(), Enterprise, 'e', [sql`e.region_code = ${'440000'}`]).limit(1).getResultList();
    expect(e).toBeInstanceOf(Enterprise);
    expect(e!.nodeId).toMatch(/^[A-Za-z0-9+/=_-]+$/);
    expect(e!.region).toBeInstanceOf(LeanRef);
    expect(e!.region.unwrap().code).toBe('440000');
    expect(e!.createdAt).toBeInstanceOf(Date);
    expect(typeof e!.foundedOn).toBe('string');
    expect(typeof e!.exportOriented).toBe('boolean');
    expect('nameGrams' in e! && e!.nameGrams).toBeFalsy();
    const d = Object.assign(Object.create(Designation.prototype) as Designation, { validFrom: '2024-01-01', validUntil: '2026-12-31', status: 'ACTIVE', endedOn: null });
    expect(d.statusOn('2027-01-01')).toBe('EXPIRED');
  });

  it('MikroORM refuses to write a lean object', async () => {
    const em = t.orm.em.fork();
    const [e] = await new LeanQuery(em, Enterprise, 'e').limit(1).getResultList();
    expect(() => wrap(e!)).toThrow(/lean/);
    expect(() => em.persist(e!)).toThrow();
  });
});
