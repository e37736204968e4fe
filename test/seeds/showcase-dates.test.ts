/**
 * The showcase is placed relative to the demo's today: it loads on any date, shows what the dates
 * allow (before this year's window: last year's round; in a year whose working-day calendar is not
 * published: no notice), and a load that fails part-way leaves nothing behind, so the next start
 * loads it again (bootstrap loads the demo only into an empty database).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { demoDataLoaded, loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage, type FileStorage } from '../../src/modules/file/storage.js';

const storageOf = (t: TestApp) => new LocalFileStorage(path.join(t.config.dataDir, 'files'));

async function withDemo(today: string, check: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await createTestApp();
  try {
    t.setToday(today);
    await loadDemoData(t.orm.em.fork(), { enterprises: 0, today, storage: storageOf(t) });
    await check(t);
  } finally {
    await t.close();
  }
}

const statuses = (t: TestApp, year: number) =>
  t.sql<{ status: string }>('select status from demonstration_application where year = ? order by status', [year]).then((rows) => rows.map((r) => r.status));
const demoTitle = (t: TestApp) =>
  t.sql<{ valid_from: string }>(
    `select d.valid_from::text from designation d join app_user u on u.enterprise_id = d.enterprise_id where u.username = 'demo-enterprise' and d.level = 'DEMONSTRATION'`,
  );

describe('demo showcase on other dates', () => {
  it('in January, before this year’s window: last year’s round at every step, this year’s advantage applications in draft', async () => {
    await withDemo('2026-01-10', async (t) => {
      expect(await statuses(t, 2025)).toEqual(['DESIGNATED', 'DRAFT', 'FAILED_REVIEW', 'IN_NOTICE', 'OBJECTION_UPHELD', 'PASSED_REVIEW', 'RECOMMENDED', 'REJECTED_BY_PROVINCE', 'SUBMITTED']);
      expect(await statuses(t, 2026)).toEqual([]);
      expect(await t.sql('select opens_on::text, closes_on::text from application_window where year = 2026')).toEqual([{ opens_on: '2026-03-01', closes_on: '2026-07-31' }]);
      expect(await t.sql(`select status from advantage_application where year = 2026`)).toEqual(Array(4).fill({ status: 'DRAFT' }));
      expect(await demoTitle(t)).toEqual([{ valid_from: '2025-09-26' }]);
      // Last year's list, confirmed in December (cultivation year 1 now); the enterprises that make up
      // Guangdong's quota for last year's recommendation were on the list before (R5).
      const confirmed = (from: string) => t.sql(`select count(*)::int as n from designation where level = 'ADVANTAGE' and valid_from = ?`, [from]);
      expect(await confirmed('2025-12-01')).toEqual([{ n: 1 }]);
      expect(await confirmed('2024-12-01')).toEqual([{ n: 9 }]);
    });
  }, 60_000);

  it('in a year whose working-day calendar is not published (2027), no notice is opened in it; last year’s concluded as usual', async () => {
    await withDemo('2027-06-15', async (t) => {
      expect(await statuses(t, 2027)).toEqual(['DRAFT', 'FAILED_REVIEW', 'PASSED_REVIEW', 'PASSED_REVIEW', 'RECOMMENDED', 'REJECTED_BY_PROVINCE', 'SUBMITTED']);
      expect(await t.sql('select year, starts_on::text, concluded_at is not null as concluded from public_notice')).toEqual([{ year: 2026, starts_on: '2026-09-01', concluded: true }]);
      expect(await demoTitle(t)).toEqual([{ valid_from: '2026-09-26' }]);
    });
  }, 60_000);

  it('without a file storage (the benchmarks), the steps that need a document are left out: 广东华宇 checked but not recommended', async () => {
    const t = await createTestApp();
    try {
      await loadDemoData(t.orm.em.fork(), { enterprises: 0, today: '2026-11-22' });
      expect(await statuses(t, 2026)).toEqual(['DRAFT', 'FAILED_REVIEW', 'IN_NOTICE', 'PASSED_REVIEW', 'REJECTED_BY_PROVINCE', 'SUBMITTED', 'SUBMITTED']);
      expect(await t.sql(`select count(*)::int as files, (select count(*)::int from recommendation_package) as packages from stored_file`)).toEqual([{ files: 0, packages: 0 }]);
      expect(await t.sql(`select a.checked_at is not null as checked from demonstration_application a join enterprise e on e.id = a.enterprise_id where e.name = '广东华宇机器人有限公司'`)).toEqual([{ checked: true }]);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('a load that fails part-way leaves nothing behind, and loads again cleanly', async () => {
    const t = await createTestApp();
    try {
      const broken: FileStorage = {
        put: () => Promise.reject(new Error('disk full')),
        open: () => {
          throw new Error('not stored');
        },
        remove: () => Promise.resolve(),
      };
      await expect(loadDemoData(t.orm.em.fork(), { enterprises: 20, today: '2026-11-22', storage: broken })).rejects.toThrow(/disk full/);
      expect(await demoDataLoaded(t.orm.em.fork())).toBe(false);
      expect(await t.sql(`select (select count(*)::int from enterprise) as e, (select count(*)::int from app_user) as u, (select count(*)::int from audit_entry) as a, (select count(*)::int from designation) as d`)).toEqual([
        { e: 0, u: 0, a: 0, d: 0 },
      ]);
      await loadDemoData(t.orm.em.fork(), { enterprises: 20, today: '2026-11-22', storage: storageOf(t) });
      expect(await demoDataLoaded(t.orm.em.fork())).toBe(true);
      expect(await statuses(t, 2026)).toContain('RECOMMENDED');
    } finally {
      await t.close();
    }
  }, 60_000);
});
