/**
 * The reporting part of the demo's showcase (seeds/showcase-reporting.ts): the national bureau's
 * report frozen twice, Guangdong's frozen once, each snapshot verifying its checksum.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';

const TODAY = '2026-11-22';

describe('demo showcase: frozen reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 100, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  }, 180_000);
  afterAll(() => t.close());

  it('the national bureau sees both bureaus’ reports; Guangdong its own', async () => {
    const all = (await t.ok<any>(`{ reports(first: 10) { edges { node { name bureauCode snapshotCount latestSnapshot { version dataDate verified result { rows { isTotal } } } } } } }`)).reports.edges.map((e: any) => e.node);
    expect(all.map((r: any) => [r.name, r.bureauCode, r.snapshotCount]).sort()).toEqual([
      ['广东省培训完成情况（按层级、按月）', '440000', 1],
      ['示范和优势企业（按辖区）', '100000', 2],
    ]);
    const national = all.find((r: any) => r.bureauCode === '100000');
    expect(national.latestSnapshot).toMatchObject({ version: 2, dataDate: '2026-11-15', verified: true });
    expect(national.latestSnapshot.result.rows.some((r: any) => r.isTotal)).toBe(true);
    const own = (await t.ok<any>(`{ reports(first: 10) { edges { node { name } } } }`, {}, as.provincial('440000'))).reports.edges;
    expect(own.map((e: any) => e.node.name)).toEqual(['广东省培训完成情况（按层级、按月）']);
  });
});
