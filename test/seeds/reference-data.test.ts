/** The reference data: complete, and loading it again changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { loadReferenceData } from '../../seeds/reference.js';

describe('reference data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is idempotent: a second load inserts and updates nothing', async () => {
    const before = await t.sql('select * from region order by code');
    expect(await loadReferenceData(t.orm.em.fork())).toBe(0);
    expect(await loadReferenceData(t.orm.em.fork())).toBe(0);
    expect(await t.sql('select * from region order by code')).toEqual(before);
  });

  it('repairs a changed row on the next load, and only that row', async () => {
    await t.sql("update region set name = '错误' where code = '440300'");
    expect(await loadReferenceData(t.orm.em.fork())).toBe(1);
    const [row] = await t.sql<{ name: string }>("select name from region where code = '440300'");
    expect(row!.name).toBe('深圳市');
  });

  it('has the national bureau and 37 provincial-level jurisdictions, each with its bureau', async () => {
    const [counts] = await t.sql<{ regions: number; bureaus: number; national: number }>(
      `select (select count(*)::int from region) as regions, (select count(*)::int from bureau where level = 'PROVINCIAL') as bureaus,
              (select count(*)::int from bureau where level = 'NATIONAL' and code = '100000') as national`,
    );
    expect(counts).toEqual({ regions: 37, bureaus: 37, national: 1 });
    const planned = await t.sql<{ code: string; parent_code: string }>(
      "select code, parent_code from region where kind = 'SEPARATELY_PLANNED_CITY' order by code",
    );
    expect(planned).toEqual([
      { code: '210200', parent_code: '210000' },
      { code: '330200', parent_code: '330000' },
      { code: '350200', parent_code: '350000' },
      { code: '370200', parent_code: '370000' },
      { code: '440300', parent_code: '440000' },
    ]);
  });

  it('has the 20 sections and 97 divisions of GB/T 4754-2017', async () => {
    const rows = await t.sql<{ level: string; n: number }>('select level, count(*)::int as n from industry group by level order by level');
    expect(rows).toEqual([
      { level: 'DIVISION', n: 97 },
      { level: 'SECTION', n: 20 },
    ]);
  });
});
