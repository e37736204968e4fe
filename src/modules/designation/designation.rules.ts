/**
 * Which title an enterprise holds on a date: the one rule, in SQL and in code, that every module
 * uses (the public directory, the quota, priorities in the pools and in training, the stage).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { and, anyOf, query, sql, trusted, type Sql } from '../../common/sql.js';
import { addDays } from '../programme/working-days.js';
import { DesignationLevel, type Designation } from './designation.entity.js';
import { RevocationIncident } from './incident.entity.js';
import { ApplicationBan } from './ban.entity.js';

/** The status of designation alias `d` as of `date` (the same rule as Designation.statusOn). */
export function effectiveStatus(d: string, date: string): Sql {
  const t = trusted(d);
  return sql`(case when (${t}.ended_on is not null and ${date}::date < ${t}.ended_on) or (${t}.ended_on is null and ${t}.status in ('ACTIVE', 'EXPIRED'))
    then (case when ${t}.valid_until < ${date}::date then 'EXPIRED' else 'ACTIVE' end) else ${t}.status end)`;
}

/** Designation alias `d` held a valid title on `date` (the same rule as Designation.isValidOn). */
export function validOn(d: string, date: string): Sql {
  const t = trusted(d);
  return sql`(${t}.valid_from <= ${date}::date and ${t}.valid_until >= ${date}::date
    and (case when ${t}.ended_on is not null then ${date}::date < ${t}.ended_on else ${t}.status in ('ACTIVE', 'EXPIRED') end))`;
}

/** The enterprise of `enterpriseColumn` (e.g. `e.id`) held a title (of one of `levels`, default any) valid on `date`. */
export function holdsTitleOn(enterpriseColumn: string, date: string, levels?: readonly DesignationLevel[]): Sql {
  return sql`exists (select 1 from designation hd where ${and(sql`hd.enterprise_id = ${trusted(enterpriseColumn)}`, levels && anyOf(sql`hd.level`, levels), validOn('hd', date))})`;
}

/** The title each enterprise held on `date` (demonstration before advantage); enterprises with none are absent. */
export async function titlesOn(em: EntityManager, enterpriseIds: readonly string[], date: string): Promise<Map<string, DesignationLevel>> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0) return new Map();
  const rows = await query<{ enterprise_id: string; level: DesignationLevel }>(
    em,
    sql`select d.enterprise_id, d.level from designation d where ${and(anyOf(sql`d.enterprise_id`, ids), validOn('d', date))}`,
  );
  const out = new Map<string, DesignationLevel>();
  for (const r of rows) if (out.get(r.enterprise_id) !== DesignationLevel.DEMONSTRATION) out.set(r.enterprise_id, r.level);
  return out;
}

/** The title one enterprise held on `date`, or null. */
export async function titleOn(em: EntityManager, enterpriseId: string | null | undefined, date: string): Promise<DesignationLevel | null> {
  if (!enterpriseId) return null;
  return (await titlesOn(em, [enterpriseId], date)).get(enterpriseId) ?? null;
}

/** Of an enterprise's designations, the one valid on `date` (demonstration before advantage), or null. */
export function currentDesignationOf(designations: readonly Designation[], date: string): Designation | null {
  const valid = designations.filter((d) => d.isValidOn(date));
  return valid.find((d) => d.level === DesignationLevel.DEMONSTRATION) ?? valid[0] ?? null;
}

/** Re-examinations open this many days before a demonstration round ends [D 三(二)4]. */
export const REEXAMINATION_OPENS_DAYS_BEFORE = 90;

/** `years` calendar years back from `date` (29 February becomes 28 February). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The last day of a period of `years` years starting on `date` (2 years from 2026-11-22 → 2028-11-21). */
export function lastDayOfYears(date: string, years: number): string {
  return addDays(yearsBefore(date, -years), -1);
}

/** `months` calendar months after `date` (the last day of a shorter month when needed). */
export function monthsAfter(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The last day a passed re-examination may be filed: `filingMonths` after the round's last day [D 三(二)4]. */
export function filingDeadline(validUntil: string, filingMonths: number): string {
  return monthsAfter(validUntil, filingMonths);
}

/** Designation alias `d` is a demonstration round still awaiting its re-examination (stored ACTIVE, not re-examined). */
export function awaitingReexamination(d: string): Sql {
  const t = trusted(d);
  return sql`(${t}.level = ${DesignationLevel.DEMONSTRATION} and ${t}.status = 'ACTIVE' and ${t}.reexamined_on is null)`;
}

/**
 * Designation alias `d` is due for re-examination on `date`: a round awaiting it, from 90 days before
 * its end to its filing deadline (`filingMonths` after the end) [D 三(二)4].
 */
export function reexaminationDueOn(d: string, date: string, filingMonths: number): Sql {
  const t = trusted(d);
  return and(
    awaitingReexamination(d),
    sql`${t}.valid_until - ${REEXAMINATION_OPENS_DAYS_BEFORE}::int <= ${date}::date`,
    sql`(${t}.valid_until + make_interval(months => ${filingMonths}::int))::date >= ${date}::date`,
  );
}

/** R12 [D 三(四)]: the enterprises' incidents within the last `lookbackYears` years up to `asOf`, newest first. */
export function incidentsWithin(em: EntityManager, enterpriseIds: readonly string[], asOf: string, lookbackYears: number): Promise<RevocationIncident[]> {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return em.find(RevocationIncident, { enterprise: { $in: [...enterpriseIds] }, occurredOn: { $gte: yearsBefore(asOf, lookbackYears), $lte: asOf } }, { orderBy: { occurredOn: 'desc', id: 'asc' } });
}

/** R13 [D 三(二)4, 三(四)]: the enterprises' bans in force on `asOf`, the one ending last first. */
export function bansInForce(em: EntityManager, enterpriseIds: readonly string[], asOf: string): Promise<ApplicationBan[]> {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return em.find(ApplicationBan, { enterprise: { $in: [...enterpriseIds] }, startsOn: { $lte: asOf }, endsOn: { $gte: asOf } }, { orderBy: { endsOn: 'desc', id: 'asc' } });
}

/** The title the enterprise of `enterpriseColumn` held on `date` ('DEMONSTRATION' before 'ADVANTAGE'), null for none. */
export function titleLevelOn(enterpriseColumn: string, date: string): Sql {
  return sql`(select case when bool_or(tl.level = 'DEMONSTRATION') then 'DEMONSTRATION' else min(tl.level) end from designation tl
    where ${and(sql`tl.enterprise_id = ${trusted(enterpriseColumn)}`, validOn('tl', date))})`;
}
