/**
 * The showcase's records older than the showcase itself (seeds/showcase.ts), inserted as rows like
 * the bulk: titles that began before the maintained calendars, a completed cultivation, and the
 * fallback title when last year's calendar is missing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { yearsBefore } from '../src/modules/designation/designation.rules.js';
import { addDays, enterpriseRow, isoDate, validUntil } from './factories.js';
import { Random } from './random.js';
import { creditCodeOf, insertStaff } from './showcase-timeline.js';

/** 江苏瑞康: a completed cultivation, applying in the current round. */
export const RUIKANG = { name: '江苏瑞康精密机械股份有限公司', handle: 'ruikang' };

/** Ids of the rows the later steps act on. */
export interface PriorRecords {
  /** 浙江恒泰's demonstration title (revoked by the national bureau). */
  revokedTitle: string;
  revokedEnterprise: string;
  /** Rounds ending 20 days ago (re-examined, passed) and in 10 days (re-examined, failed). */
  passedRound: string;
  failedRound: string;
  /** 江苏瑞康精密机械股份有限公司 (applies in the current round). */
  ruikang: string;
}

/**
 * The records older than the showcase, as rows (like the bulk): enterprises whose titles began
 * before the maintained calendars, with those titles; 江苏瑞康's completed cultivation and its staff account.
 */
export async function insertPriorRecords(em: EntityManager, today: string, staffHash: string): Promise<PriorRecords> {
  const run = (sql: string, params: unknown[]) => em.execute(sql, params, 'run');
  const rng = new Random(20_261_202);
  const thisYear = Number(today.slice(0, 4));
  const enterprise = async (name: string, regionCode: string, industryCode: string, city: string, serial: number, sizeClass: 'LARGE' | 'MEDIUM') => {
    const row = enterpriseRow(rng, 0, { name, regionCode, industryCode, creditCode: creditCodeOf({ region: city, serial }), sizeClass, industryLeader: false });
    const id = uuidv7();
    await run(
      `insert into enterprise (id, created_at, updated_at, credit_code, name, region_code, industry_code, size_class, address, founded_on, export_oriented, industry_leader, standard_certified_on, version)
       values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, false, ?, 1)`,
      [id, row.creditCode, row.name, row.regionCode, row.industryCode, row.sizeClass, row.address, row.foundedOn, row.exportOriented, row.standardCertifiedOn],
    );
    return id;
  };
  const title = async (enterpriseId: string, level: 'ADVANTAGE' | 'DEMONSTRATION', from: string, until = validUntil(from, 3)) => {
    const id = uuidv7();
    await run(`insert into designation (id, created_at, updated_at, enterprise_id, level, status, batch_year, valid_from, valid_until) values (?, now(), now(), ?, ?, 'ACTIVE', ?, ?, ?)`, [
      id, enterpriseId, level, Number(from.slice(0, 4)), from, until,
    ]);
    return id;
  };
  /** A demonstration round ending on `until`, after an advantage cultivation completed before it. */
  const round = async (enterpriseId: string, until: string) => {
    await title(enterpriseId, 'ADVANTAGE', yearsBefore(until, 7));
    return title(enterpriseId, 'DEMONSTRATION', addDays(yearsBefore(until, 3), 1), until);
  };

  // A demonstration title the national bureau revokes later (seeds/showcase.ts, planTitles).
  const hengtai = await enterprise('浙江恒泰新材料股份有限公司', '330000', '26', '330000', 0, 'MEDIUM');
  await title(hengtai, 'ADVANTAGE', isoDate(thisYear - 7, 12, 1));
  const revokedTitle = await title(hengtai, 'DEMONSTRATION', isoDate(thisYear - 2, 9, 26));
  // A round ending in a month: due for re-examination by its bureau (Guangdong).
  await round(await enterprise('广东远景新能源科技有限公司', '440000', '44', '440000', 9, 'LARGE'), addDays(today, 30));
  // Rounds re-examined by the Guangdong bureau: one passed, one failed.
  const passedRound = await round(await enterprise('广东卓越精工科技股份有限公司', '440000', '34', '440000', 30, 'LARGE'), addDays(today, -20));
  const failedRound = await round(await enterprise('广东国瑞化工有限公司', '440000', '26', '440000', 31, 'MEDIUM'), addDays(today, 10));
  // Jiangsu: a completed cultivation, applying in the current round.
  const ruikang = await enterprise(RUIKANG.name, '320000', '34', '320000', 1, 'LARGE');
  await title(ruikang, 'ADVANTAGE', isoDate(thisYear - 5, 12, 1));
  await insertStaff(em, RUIKANG, ruikang, staffHash);
  return { revokedTitle, revokedEnterprise: hengtai, passedRound, failedRound, ruikang };
}

/** Fallback when last year's calendar is not maintained: `demo-enterprise`'s title as a row. */
export async function insertDesignatedTitle(em: EntityManager, enterpriseId: string, year: number): Promise<void> {
  const from = isoDate(year, 9, 26);
  await em.execute(`insert into designation (id, created_at, updated_at, enterprise_id, level, status, batch_year, valid_from, valid_until) values (?, now(), now(), ?, 'DEMONSTRATION', 'ACTIVE', ?, ?, ?)`, [
    uuidv7(), enterpriseId, year, from, validUntil(from, 3),
  ], 'run');
}
