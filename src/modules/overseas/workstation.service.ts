/**
 * Overseas workstations [D 四(二)一] (docs/overseas.md): their profiles (the national bureau), the
 * countries each covers (one workstation per country, so routing is unambiguous), their calendars
 * (public holidays from date-holidays, China's from the programme's official calendar, or by hand),
 * the routing of a country to its workstation, and deadlines in the workstation's business time.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import Holidays from 'date-holidays';
import { ANONYMOUS, type Context } from '../../context.js';
import type { Clock } from '../../common/clock.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { CalendarDay, CalendarDayKind } from '../programme/calendar-day.entity.js';
import { newestFirst, requiredText } from '../liaison/liaison.common.js';
import { addBusinessMinutes, type BusinessCalendar, type Interval } from './sla.js';
import { OverseasWorkstation, WorkstationCalendarDay, WorkstationDayKind, type WeeklyHours } from './workstation.entity.js';
import type { LoadWorkstationHolidaysInput, SetOverseasWorkstationInput, SetWorkstationCalendarInput, WorkstationHoursInput } from './workstation.inputs.js';
import { overseasActions } from './overseas.policy.js';
import { caseClockService } from './case-clock.service.js';
import { calendarLockKey } from './case.rules.js';

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const ZONES = new Set(Intl.supportedValuesOf('timeZone'));
/**
 * Two letters CLDR names that are not an assigned ISO 3166-1 country: the user-assigned ranges (AA,
 * QM–QZ, XA–XZ, ZZ), the exceptionally reserved codes (EU, UN, EZ, AC…) and the transitionally
 * reserved or deleted ones (AN, SU, YU…). A review found EU and UN accepted as countries.
 */
const NOT_COUNTRIES = new Set([
  'AA', 'ZZ', ...[...'MNOPQRSTUVWXYZ'].map((c) => `Q${c}`), ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => `X${c}`),
  'AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'FX', 'IC', 'SU', 'TA', 'UK', 'UN',
  'AN', 'BU', 'CS', 'DD', 'DY', 'HV', 'NH', 'NT', 'RH', 'TP', 'VD', 'YD', 'YU', 'ZR',
]);
/** An assigned ISO 3166-1 alpha-2 country code the runtime knows (CLDR names it). */
export const isCountry = (code: string) => /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && REGIONS.of(code) !== undefined;
export const isLanguage = (tag: string) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag);
const isZone = (zone: string) => ZONES.has(zone) || zone === 'UTC';

const minuteOf = (hhmm: string): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
};
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function checkHours(problems: InputProblems, raw: readonly WorkstationHoursInput[]): WeeklyHours[] {
  const out: WeeklyHours[] = [];
  raw.forEach((h, i) => {
    const from = minuteOf(h.from);
    const to = minuteOf(h.to);
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) problems.add(`weeklyHours.${i}.weekday`, '应为 1–7');
    if (from === null || to === null || to <= from) return void problems.add(`weeklyHours.${i}`, '时间应为 HH:MM，结束晚于开始，至多 24:00');
    if (out.some((o) => o.weekday === h.weekday && o.from < to && from < o.to)) problems.add(`weeklyHours.${i}`, '与同一天的另一段重叠');
    out.push({ weekday: h.weekday, from, to });
  });
  if (raw.length === 0) problems.add('weeklyHours', '至少要有一段办公时间');
  return out.sort((a, b) => a.weekday - b.weekday || a.from - b.from);
}

/** A workstation's business calendar: its zone, hours and exception days. */
export async function calendarOf(em: EntityManager, w: OverseasWorkstation): Promise<BusinessCalendar> {
  const days = await em.find(WorkstationCalendarDay, { workstation: w.id });
  const weeklyHours: Record<number, Interval[]> = {};
  for (const h of w.weeklyHours) (weeklyHours[h.weekday] ??= []).push([h.from, h.to]);
  return {
    timeZone: w.timeZone,
    weeklyHours,
    holidays: new Set(days.filter((d) => d.kind === WorkstationDayKind.HOLIDAY).map((d) => d.day)),
    workdays: new Map(days.filter((d) => d.kind === WorkstationDayKind.WORKDAY).map((d) => [d.day, d.hoursOf!])),
  };
}

async function workstationOf(em: EntityManager, globalId: string, field = 'workstationId'): Promise<OverseasWorkstation> {
  const w = await em.findOne(OverseasWorkstation, expectGlobalId(globalId, 'OverseasWorkstation', field), { populate: ['organization'] });
  if (!w) throw notFound('驻外工作站', globalId);
  return w;
}

/** Replaces the exception days of `year` with `days` (inside the caller's transaction). */
async function replaceYear(em: EntityManager, w: OverseasWorkstation, year: number, days: { day: string; kind: WorkstationDayKind; hoursOf: number | null; name: string; source: string }[]): Promise<WorkstationCalendarDay[]> {
  await em.nativeDelete(WorkstationCalendarDay, { workstation: w.id, day: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } });
  const rows = days.map((d) => em.create(WorkstationCalendarDay, { workstation: w, ...d }));
  await em.flush();
  return rows.sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** The public holidays of `year` where the workstation is: China's from the programme's calendar, others from date-holidays. */
export async function holidaysOf(em: EntityManager, w: OverseasWorkstation, year: number) {
  if (w.countryCode === 'CN') {
    const days = await em.find(CalendarDay, { date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } });
    return days.map((d) => ({
      day: d.date,
      kind: d.kind === CalendarDayKind.HOLIDAY ? WorkstationDayKind.HOLIDAY : WorkstationDayKind.WORKDAY,
      // China's make-up working days keep a Monday's hours.
      hoursOf: d.kind === CalendarDayKind.WORKDAY ? 1 : null,
      name: d.name,
      source: 'PROGRAMME',
    }));
  }
  const hd = new Holidays(w.countryCode);
  const seen = new Set<string>();
  return (hd.getHolidays(year) ?? [])
    .filter((h) => h.type === 'public')
    .map((h) => ({ day: h.date.slice(0, 10), kind: WorkstationDayKind.HOLIDAY, hoursOf: null, name: h.name.slice(0, 100), source: 'DATE_HOLIDAYS' }))
    .filter((d) => d.day.startsWith(`${year}-`) && !seen.has(d.day) && seen.add(d.day));
}

/** What the scheduled transitions record of a system change (their audit). */
type SystemAudit = (operation: string, objectType: string, objectId: string, jurisdiction: string | null, changes: Record<string, { before: unknown; after: unknown }>) => void;

export const workstationService = {
  /**
   * (The scheduled transitions, inside their transaction.) Every workstation with no exception days
   * in one of `years` gets that year's public holidays (date-holidays; China's from the programme's
   * calendar), its open cases' deadlines moved as by loadWorkstationHolidays. The transitions ask
   * for this year, and from 1 December for the next one too. Returns how many years were loaded.
   */
  async loadMissingHolidays(em: EntityManager, clock: Clock, years: readonly number[], audit: SystemAudit): Promise<number> {
    const stations = await em.find(OverseasWorkstation, {}, { populate: ['organization'], orderBy: { id: 'asc' } });
    let loaded = 0;
    for (const w of stations) {
      for (const year of years) {
        if (await em.count(WorkstationCalendarDay, { workstation: w.id, day: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } })) continue;
        await advisoryLock(em, calendarLockKey(w.organization.unwrap()));
        const days = await holidaysOf(em, w, year);
        if (!days.length) continue;
        const old = await calendarOf(em, w);
        const rows = await replaceYear(em, w, year, days);
        await caseClockService.calendarChanged(em, { clock, viewer: ANONYMOUS }, w.organization, old, await calendarOf(em, w));
        audit('loadWorkstationHolidays', 'OverseasWorkstation', w.id, null, { [`calendar${year}`]: { before: 0, after: rows.length } });
        loaded++;
      }
    }
    return loaded;
  },

  /** Creates or updates a workstation's profile; a country is covered by one workstation only. */
  async set(ctx: Context, input: SetOverseasWorkstationInput): Promise<OverseasWorkstation> {
    requireUser(ctx);
    assertMay(ctx, overseasActions.setWorkstation);
    const problems = new InputProblems();
    const hostOffice = requiredText(problems, 'hostOffice', input.hostOffice, 200);
    const city = requiredText(problems, 'city', input.city, 100);
    const countryCode = input.countryCode.trim().toUpperCase();
    if (!isCountry(countryCode)) problems.add('countryCode', '不是 ISO 3166-1 两位字母国家代码');
    const covered = [...new Set(input.countriesCovered.map((c) => c.trim().toUpperCase()))];
    covered.forEach((c, i) => !isCountry(c) && problems.add(`countriesCovered.${i}`, `“${c}”不是 ISO 3166-1 两位字母国家代码`));
    if (!covered.includes(countryCode)) problems.add('countriesCovered', '须包含所在国');
    const languages = [...new Set(input.languages.map((l) => l.trim()))];
    languages.forEach((l, i) => !isLanguage(l) && problems.add(`languages.${i}`, '应为 BCP 47 语言代码，如 zh、de、pt-BR'));
    if (!isZone(input.timeZone)) problems.add('timeZone', '不是 IANA 时区，如 Europe/Berlin');
    const weeklyHours = checkHours(problems, input.weeklyHours);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const org = await em.findOne(ServiceOrganization, expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId'));
      if (!org) throw notFound('服务机构', input.organizationId);
      if (org.kind !== OrganizationKind.OVERSEAS_STATION) throw badInput('organizationId', '只有类别为驻外知识产权工作站（OVERSEAS_STATION）的机构有工作站资料');
      // One workstation per country: the coverage of all workstations is checked under one lock.
      await advisoryLock(em, 'overseas-workstation-coverage');
      const existing = await em.findOne(OverseasWorkstation, { organization: org.id }, { refresh: true });
      if (existing && input.version == null) throw conflict('该机构已有工作站资料：修改时回传版本号', { currentVersion: existing.version });
      if (existing && existing.version !== input.version) throw conflict('工作站资料已被修改，请刷新后重试', { field: 'version', currentVersion: existing.version });
      const clash = await query<{ country: string; org: string }>(
        em,
        sql`select c as country, o.name as org from overseas_workstation w join service_organization o on o.id = w.organization_id, jsonb_array_elements_text(w.countries_covered) c
          where w.organization_id <> ${org.id}::uuid and c in (${covered}) order by 1`,
      );
      if (clash.length) throw conflict(`${clash.map((c) => `${c.country}（${c.org}）`).join('、')}已由其他工作站受理`, { countries: clash.map((c) => c.country) });
      // A new time zone or new hours move the open cases' deadlines (time used is kept).
      await advisoryLock(em, calendarLockKey(org));
      const old = existing ? await calendarOf(em, existing) : null;
      const w = existing ?? em.create(OverseasWorkstation, { organization: org, hostOffice, countryCode, city, countriesCovered: covered, languages, timeZone: input.timeZone, weeklyHours });
      const before = existing ? { countriesCovered: existing.countriesCovered, timeZone: existing.timeZone } : null;
      Object.assign(w, { hostOffice, countryCode, city, countriesCovered: covered, languages, timeZone: input.timeZone, weeklyHours });
      recordAudit(em, ctx, { operation: 'setOverseasWorkstation', objectType: 'OverseasWorkstation', objectId: w.id, jurisdiction: null, changes: { countriesCovered: { before: before?.countriesCovered ?? null, after: covered }, timeZone: { before: before?.timeZone ?? null, after: input.timeZone } } });
      await flushOrConflict(em, { stale: () => conflict('工作站资料已被修改，请刷新后重试', { field: 'version' }), duplicate: () => conflict('该机构已有工作站资料') });
      if (old && (before!.timeZone !== w.timeZone || JSON.stringify(old.weeklyHours) !== JSON.stringify((await calendarOf(em, w)).weeklyHours))) {
        await caseClockService.calendarChanged(em, ctx, org, old, await calendarOf(em, w));
      }
      return w;
    });
  },

  async setCalendar(ctx: Context, input: SetWorkstationCalendarInput): Promise<WorkstationCalendarDay[]> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.keepCalendar);
    const problems = new InputProblems();
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.add('year', '应在 2000 到 2100 之间');
    const seen = new Set<string>();
    const days = input.days.map((d, i) => {
      if (!d.day.startsWith(`${input.year}-`)) problems.add(`days.${i}.day`, `不在 ${input.year} 年内`);
      if (seen.has(d.day)) problems.add(`days.${i}.day`, '重复的日期');
      seen.add(d.day);
      if (d.kind === WorkstationDayKind.WORKDAY && (d.hoursOf == null || d.hoursOf < 1 || d.hoursOf > 7)) problems.add(`days.${i}.hoursOf`, '调休上班日须指明按星期几（1–7）的办公时间');
      if (d.kind === WorkstationDayKind.HOLIDAY && d.hoursOf != null) problems.add(`days.${i}.hoursOf`, '假日不办公');
      return { day: d.day, kind: d.kind, hoursOf: d.hoursOf ?? null, name: requiredText(problems, `days.${i}.name`, d.name, 100), source: 'MANUAL' };
    });
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const w = await workstationOf(em, input.workstationId);
      assertMay(ctx, overseasActions.keepCalendar, { organizationId: w.organization.id });
      await advisoryLock(em, calendarLockKey(w.organization.unwrap()));
      const old = await calendarOf(em, w);
      const rows = await replaceYear(em, w, input.year, days);
      await caseClockService.calendarChanged(em, ctx, w.organization, old, await calendarOf(em, w));
      recordAudit(em, ctx, { operation: 'setWorkstationCalendar', objectType: 'OverseasWorkstation', objectId: w.id, jurisdiction: null, changes: { [`calendar${input.year}`]: { before: null, after: rows.length } } });
      await em.flush();
      return rows;
    });
  },

  async loadHolidays(ctx: Context, input: LoadWorkstationHolidaysInput): Promise<WorkstationCalendarDay[]> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.keepCalendar);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badInput('year', '应在 2000 到 2100 之间');
    return transaction(ctx.em, async (em) => {
      const w = await workstationOf(em, input.workstationId);
      assertMay(ctx, overseasActions.keepCalendar, { organizationId: w.organization.id });
      await advisoryLock(em, calendarLockKey(w.organization.unwrap()));
      const days = await holidaysOf(em, w, input.year);
      if (!days.length) throw conflict(`没有 ${w.countryCode} ${input.year} 年的公共假日数据：请用 setWorkstationCalendar 手工设定`, { countryCode: w.countryCode });
      const old = await calendarOf(em, w);
      const rows = await replaceYear(em, w, input.year, days);
      await caseClockService.calendarChanged(em, ctx, w.organization, old, await calendarOf(em, w));
      recordAudit(em, ctx, { operation: 'loadWorkstationHolidays', objectType: 'OverseasWorkstation', objectId: w.id, jurisdiction: null, changes: { [`calendar${input.year}`]: { before: null, after: rows.length } } });
      await em.flush();
      return rows;
    });
  },

  /** The active workstation that takes a country's cases (null: none covers it). */
  async forCountry(ctx: Context, countryCode: string): Promise<OverseasWorkstation | null> {
    const code = countryCode.trim().toUpperCase();
    if (!isCountry(code)) throw badInput('countryCode', '不是 ISO 3166-1 两位字母国家代码');
    const [row] = await query<{ id: string }>(
      ctx.em,
      sql`select w.id from overseas_workstation w join service_organization o on o.id = w.organization_id
        where w.countries_covered @> jsonb_build_array(${code}::text) and o.status = ${OrganizationStatus.ACTIVE} limit 1`,
    );
    return row ? ctx.em.findOneOrFail(OverseasWorkstation, row.id) : null;
  },

  /** The instant `businessHours` of the workstation's business time after `from`. */
  async deadline(ctx: Context, workstationId: string, from: Date, businessHours: number) {
    if (!(businessHours >= 0) || businessHours > 10_000) throw badInput('businessHours', '应为 0–10000 小时');
    const w = await workstationOf(ctx.em, workstationId, 'workstationId');
    const deadline = addBusinessMinutes(await calendarOf(ctx.em, w), from, Math.round(businessHours * 60))!;
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: w.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(deadline);
    return { from, businessHours, deadline, localDeadline: local };
  },

  list(ctx: Context, countryCode: string | null | undefined, args: ConnectionArgs) {
    assertMay(ctx, overseasActions.readWorkstations);
    const code = countryCode?.trim().toUpperCase();
    if (code && !isCountry(code)) throw badInput('countryCode', '不是 ISO 3166-1 两位字母国家代码');
    return newestFirst(ctx, OverseasWorkstation, 'ow', [code ? sql`ow.countries_covered @> jsonb_build_array(${code}::text)` : null], args);
  },
};
