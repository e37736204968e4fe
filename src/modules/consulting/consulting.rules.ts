/**
 * The rules of consulting sessions [D 四(三)二], with their codes (docs/consulting.md):
 *
 * - TEAM_NOT_SELECTED: a session is offered by a selected quality team, under a listing
 *   (SelectedServiceTeam) that is not revoked and whose term covers the session's date (every date
 *   of a season); TEAM_NOT_ACTIVE: the team is an ACTIVE service organisation;
 * - NOT_PROGRAMME_ENTERPRISE: the enterprise booking holds a demonstration or advantage title valid
 *   on the day it books (the plan offers the sessions to the programme's enterprises);
 * - OUTSIDE_REGION_SERVED: the enterprise is in the jurisdiction the session serves or one below it;
 * - SESSION_FULL, SESSION_STARTED, SESSION_CANCELLED, SESSION_NOT_STARTED, SESSION_OVER: seats and
 *   the session's clock; OUTCOME_NOT_RECORDED: a consultation is rated once its outcome is recorded.
 *
 * Times: a session starts at an instant (timestamptz); its date and local time are those of China
 * Standard Time (UTC+8 all year), computed on the fixed offset as todayInChina does.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { todayInChina } from '../../common/scalars.js';
import { SelectedServiceTeam } from '../service/team.entity.js';
import { NATIONAL_BUREAU } from '../service/service.policy.js';
import { OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { ConsultingMode } from './session.entity.js';

export const PARAGRAPH = '四(三)二';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The date of an instant in China Standard Time, YYYY-MM-DD. */
export const chinaDate = (instant: Date): string => todayInChina(instant);

/** An instant as China Standard Time, `YYYY-MM-DDTHH:MM+08:00`. */
export function chinaLocal(instant: Date): string {
  return `${new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16)}+08:00`;
}

/** The first instant of a date in China Standard Time. */
export const startOfChinaDay = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

export enum RecurrenceUnitValue {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/**
 * The starts of a season: `count` sessions from `first`, `every` weeks or months apart (a month keeps
 * the day of the month and the local time; the 29th–31st fall on the last day of a shorter month).
 */
export function seasonStarts(first: Date, every: number, unit: RecurrenceUnitValue, count: number): Date[] {
  const out: Date[] = [];
  const local = new Date(first.getTime() + CHINA_OFFSET_MS);
  for (let i = 0; i < count; i++) {
    if (unit === RecurrenceUnitValue.WEEK) {
      out.push(new Date(first.getTime() + i * every * 7 * 86_400_000));
      continue;
    }
    const months = local.getUTCMonth() + i * every;
    const year = local.getUTCFullYear() + Math.floor(months / 12);
    const month = months % 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const day = Math.min(local.getUTCDate(), lastDay);
    out.push(new Date(Date.UTC(year, month, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()) - CHINA_OFFSET_MS));
  }
  return out;
}

/** A required text, trimmed: 1–`max` characters. */
export function requiredText(problems: InputProblems, field: string, raw: string | null | undefined, max: number): string {
  const value = raw?.trim() ?? '';
  if (value.length < 1 || [...value].length > max) problems.add(field, `应为 1–${max} 字`);
  return value;
}

/** An optional text, trimmed (blank: null). */
export function optionalText(problems: InputProblems, field: string, raw: string | null | undefined, max: number): string | null {
  const value = raw?.trim() ?? '';
  if ([...value].length > max) problems.add(field, `最长 ${max} 字`);
  return value || null;
}

/** What a session is made of (create, season, update: the fields given). */
export interface SessionFields {
  durationMinutes?: number | null;
  topics?: string[] | null;
  capacity?: number | null;
  mode?: ConsultingMode | null;
  location?: string | null;
  link?: string | null;
  note?: string | null;
}

export interface CheckedFields {
  durationMinutes?: number;
  topics?: string[];
  capacity?: number;
  mode?: ConsultingMode;
  location?: string | null;
  link?: string | null;
  note?: string | null;
}

export const TOPICS_MAX = 10;

/**
 * Checks the fields given (problems collected); `current` is the session being changed, so that mode,
 * location and link are checked together whichever of them changes. Creating, every field is given.
 */
export function checkSessionFields(problems: InputProblems, input: SessionFields, current?: { mode: ConsultingMode; location?: string | null; link?: string | null }): CheckedFields {
  const out: CheckedFields = {};
  if (input.durationMinutes !== undefined) {
    if (input.durationMinutes === null || !Number.isInteger(input.durationMinutes) || input.durationMinutes < 15 || input.durationMinutes > 480) problems.add('durationMinutes', '应为 15–480 分钟');
    else out.durationMinutes = input.durationMinutes;
  }
  if (input.topics !== undefined) {
    const topics = [...new Set((input.topics ?? []).map((x) => x.trim()).filter(Boolean))];
    if (topics.length < 1 || topics.length > TOPICS_MAX) problems.add('topics', `应有 1–${TOPICS_MAX} 个主题`);
    if (topics.some((x) => [...x].length > 50)) problems.add('topics', '每个主题最多 50 字');
    out.topics = topics;
  }
  if (input.capacity !== undefined) {
    if (input.capacity === null || !Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 500) problems.add('capacity', '应为 1–500');
    else out.capacity = input.capacity;
  }
  if (input.mode === null) problems.add('mode', '不能清空');
  if (input.mode) out.mode = input.mode;
  if (input.location !== undefined) out.location = optionalText(problems, 'location', input.location, 200);
  if (input.link !== undefined) {
    out.link = optionalText(problems, 'link', input.link, 500);
    if (out.link && !/^https:\/\/\S+$/.test(out.link)) problems.add('link', '应为 https 链接');
  }
  if (input.note !== undefined) out.note = optionalText(problems, 'note', input.note, 2_000);
  const mode = out.mode ?? current?.mode;
  const location = out.location !== undefined ? out.location : current?.location;
  const link = out.link !== undefined ? out.link : current?.link;
  if (mode === ConsultingMode.ON_SITE && !location) problems.add('location', '现场问诊须给出地点');
  if (mode === ConsultingMode.ONLINE && !link) problems.add('link', '线上问诊须给出会议链接');
  return out;
}

/**
 * The listing (SelectedServiceTeam) a session is offered under, NOT_FOUND when there is none. The
 * caller checks `runSession` on it, then `activeTeam` and `assertListingCovers`.
 */
export async function listingOf(em: EntityManager, selectionId: string, globalId: string): Promise<SelectedServiceTeam> {
  const selection = await em.findOne(SelectedServiceTeam, selectionId);
  if (!selection) throw notFound('入选记录', globalId);
  return selection;
}

/** TEAM_NOT_ACTIVE unless the listing's team is an ACTIVE service organisation (a suspended or dissolved one takes on no new service). */
export async function activeTeam(em: EntityManager, selection: SelectedServiceTeam): Promise<ServiceOrganization> {
  const team = await em.findOneOrFail(ServiceOrganization, selection.organization.id);
  if (team.status !== OrganizationStatus.ACTIVE) {
    throw ruleViolation('TEAM_NOT_ACTIVE', `服务队伍“${team.name}”当前状态为${team.status === OrganizationStatus.SUSPENDED ? '暂停' : '已撤销'}，不能安排新的问诊咨询`, { paragraph: PARAGRAPH, status: team.status });
  }
  return team;
}

/** TEAM_NOT_SELECTED unless the listing is not revoked and its term covers every date of `starts`. */
export function assertListingCovers(selection: SelectedServiceTeam, starts: readonly Date[]): void {
  if (selection.revokedOn) {
    throw ruleViolation('TEAM_NOT_SELECTED', `该服务队伍的入选已于 ${selection.revokedOn} 撤销，不能再安排问诊咨询`, { paragraph: PARAGRAPH, revokedOn: selection.revokedOn });
  }
  const outside = starts.map(chinaDate).filter((d) => d < selection.termStartsOn || d > selection.termEndsOn);
  if (outside.length) {
    throw ruleViolation('TEAM_NOT_SELECTED', `问诊日期须在入选服务期（${selection.termStartsOn} 至 ${selection.termEndsOn}）内：${outside.join('、')} 不在其内`, {
      paragraph: PARAGRAPH,
      termStartsOn: selection.termStartsOn,
      termEndsOn: selection.termEndsOn,
      dates: outside,
    });
  }
}

/**
 * The jurisdiction a session serves: for a provincial bureau's listing, that bureau's jurisdiction
 * (the default); for the national bureau's, any jurisdiction (default: the team's own).
 */
export function regionServed(ctx: Context, problems: InputProblems, selection: SelectedServiceTeam, team: ServiceOrganization, asked: string | null | undefined): string {
  const national = selection.bureauCode === NATIONAL_BUREAU;
  const region = asked ?? (national ? (team.region?.unwrap().code ?? null) : selection.bureauCode);
  if (!region) problems.add('regionCode', '须给出服务的辖区');
  else if (!ctx.reference.region(region)) problems.add('regionCode', '不是已知的辖区代码');
  else if (!national && region !== selection.bureauCode) problems.add('regionCode', `省局遴选的服务队伍服务于该局辖区（${selection.bureauCode}）`);
  return region ?? '';
}
