import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { todayInChina } from '../src/common/scalars.js';
import { designationRows, enterpriseRow, statisticsRows } from './factories.js';
import { Random } from './random.js';

export interface DemoOptions {
  /** Number of enterprises (default 2,000). */
  enterprises: number;
  /** Seed of the random generator: the same seed and date give the same data. */
  seed?: number;
  /** The date the history is generated up to (default: today in China). */
  today?: string;
  log?: (message: string) => void;
}

export const DEMO_META_KEY = 'demo-data';

/** Several rows in one INSERT; chunks keep each statement under PostgreSQL's parameter limit. */
async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const chunk = Math.floor(30_000 / columns.length);
  const conn = em.getConnection();
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const placeholders = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await conn.execute(`insert into ${table} (${columns.join(', ')}) values ${placeholders}`, part.flat(), 'run');
  }
}

/**
 * Generates the demo data set: enterprises spread over all 37 jurisdictions and the industries,
 * their designation histories from 2019 on, and five years of statistics. Deterministic.
 * Runs in one transaction and records itself in system_meta.
 */
export async function loadDemoData(em: EntityManager, options: DemoOptions): Promise<{ enterprises: number; designations: number; statistics: number }> {
  const rng = new Random(options.seed ?? 20_261_122);
  const today = options.today ?? todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 5, thisYear - 4, thisYear - 3, thisYear - 2, thisYear - 1];
  const log = options.log ?? (() => undefined);
  const enterprises: unknown[][] = [];
  const designations: unknown[][] = [];
  const statistics: unknown[][] = [];
  const now = new Date();
  const batch = 5_000;

  let totals = { enterprises: 0, designations: 0, statistics: 0 };
  await em.transactional(async (tx) => {
    const flush = async () => {
      await insertRows(tx, 'enterprise', ['id', 'created_at', 'updated_at', 'credit_code', 'name', 'region_code', 'industry_code', 'size_class', 'address', 'founded_on', 'export_oriented', 'industry_leader', 'standard_certified_on', 'version'], enterprises);
      await insertRows(tx, 'designation', ['id', 'created_at', 'updated_at', 'enterprise_id', 'level', 'status', 'batch_year', 'valid_from', 'valid_until'], designations);
      await insertRows(tx, 'enterprise_statistics', ['id', 'created_at', 'updated_at', 'enterprise_id', 'year', 'invention_applications', 'invention_grants', 'utility_model_grants', 'design_grants', 'valid_invention_patents', 'pct_applications', 'patents_held_abroad', 'trademark_registrations', 'overseas_trademarks', 'copyright_registrations', 'standards_led', 'ip_staff', 'licensing_income', 'pledge_financing', 'version'], statistics);
      totals = { enterprises: totals.enterprises + enterprises.length, designations: totals.designations + designations.length, statistics: totals.statistics + statistics.length };
      enterprises.length = 0;
      designations.length = 0;
      statistics.length = 0;
      log(`demo data: ${totals.enterprises} / ${options.enterprises} enterprises`);
    };
    for (let serial = 1; serial <= options.enterprises; serial++) {
      const e = enterpriseRow(rng, serial);
      const id = uuidv7();
      enterprises.push([id, now, now, e.creditCode, e.name, e.regionCode, e.industryCode, e.sizeClass, e.address, e.foundedOn, e.exportOriented, e.industryLeader, e.standardCertifiedOn, 1]);
      const history = designationRows(rng, e, today);
      for (const d of history) designations.push([uuidv7(), now, now, id, d.level, d.status, d.batchYear, d.validFrom, d.validUntil]);
      for (const s of statisticsRows(rng, e, years, history.length > 0)) {
        statistics.push([uuidv7(), now, now, id, s.year, s.inventionApplications, s.inventionGrants, s.utilityModelGrants, s.designGrants, s.validInventionPatents, s.pctApplications, s.patentsHeldAbroad, s.trademarkRegistrations, s.overseasTrademarks, s.copyrightRegistrations, s.standardsLed, s.ipStaff, s.licensingIncome, s.pledgeFinancing, 1]);
      }
      if (serial % batch === 0) await flush();
    }
    await flush();
    await tx.getConnection().execute(
      `insert into system_meta (key, value, updated_at) values (?, ?, now())
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [DEMO_META_KEY, JSON.stringify({ ...totals, seed: options.seed ?? 20_261_122, today })],
      'run',
    );
  });
  await em.getConnection().execute('analyze enterprise, designation, enterprise_statistics');
  return totals;
}

/** Whether the demo data set has been loaded into this database before. */
export async function demoDataLoaded(em: EntityManager): Promise<boolean> {
  const rows = await em.getConnection().execute<{ key: string }[]>('select key from system_meta where key = ?', [DEMO_META_KEY]);
  return rows.length > 0;
}
