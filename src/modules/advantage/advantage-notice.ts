/**
 * The public notice before advantage enterprises are designated, when the programme setting
 * `advantageNoticeWorkingDays` asks for one (A 三 omits the rules; default 0: no notice). The notice,
 * its objections and its conclusion are the demonstration machinery (PublicNotice of level
 * ADVANTAGE, application/notice.service.ts); what is particular to the advantage list is here: who
 * runs it (the national bureau on a confirmed list, or the province that designates), the new title
 * (the cultivation period) and A3 at designation.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { toGlobalId } from '../../common/node.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation, DesignationLevel } from '../designation/designation.entity.js';
import { standingProblems } from '../application/eligibility.js';
import { PublicNotice } from '../application/public-notice.entity.js';
import { programmeService } from '../programme/programme.service.js';
import type { ProgrammeSettings } from '../programme/programme-settings.entity.js';
import { AdvantageApplication, AdvantageApplicationStatus } from './advantage.entity.js';
import { ADVANTAGE_APPLICATION_FIELDS as FIELDS, assertNoTitleHeld, assertStandingThrough, newDesignation } from './advantage.rules.js';

/** Records one change of a conclusion (each object's own history). */
export type NoticeAudit = (object: { type: 'DemonstrationApplication' | 'AdvantageApplication' | 'Designation'; id: string }, changes: Record<string, { before: unknown; after: unknown }>, jurisdiction: string) => void;

/**
 * Opens the notice of a province's list (`apps`, locked by the caller, all of `listRegion` and
 * `year`): they go IN_NOTICE; the notice runs `advantageNoticeWorkingDays` working days from
 * `startsOn` by the official calendar. `runBy`: the province that designates, or null for the
 * national bureau.
 */
export async function openAdvantageNotice(
  em: EntityManager,
  ctx: Context,
  o: { apps: readonly AdvantageApplication[]; runBy: string | null; listRegion: string; year: number; startsOn: string; settings: ProgrammeSettings; operation: string },
): Promise<PublicNotice> {
  const endsOn = await programmeService.lastOfWorkingDays(em, o.startsOn, o.settings.advantageNoticeWorkingDays);
  const province = ctx.reference.region(o.listRegion)?.name ?? o.listRegion;
  const notice = em.create(PublicNotice, { year: o.year, title: `${o.year} 年度${province}知识产权优势企业名单公示`, level: DesignationLevel.ADVANTAGE, regionCode: o.runBy, startsOn: o.startsOn, endsOn });
  for (const app of o.apps) {
    const before = snapshot(app, FIELDS);
    app.status = AdvantageApplicationStatus.IN_NOTICE;
    app.noticeId = notice.id;
    recordAudit(em, ctx, { operation: o.operation, objectType: 'AdvantageApplication', objectId: app.id, jurisdiction: app.regionCode, changes: changedFields(before, snapshot(app, FIELDS), FIELDS) });
  }
  recordAudit(em, ctx, {
    operation: o.operation,
    objectType: 'PublicNotice',
    objectId: notice.id,
    jurisdiction: o.runBy,
    changes: { level: { before: null, after: notice.level }, startsOn: { before: null, after: notice.startsOn }, endsOn: { before: null, after: endsOn }, applications: { before: null, after: o.apps.map((a) => a.id) } },
  });
  return notice;
}

/** The applications still in an advantage notice, locked, with their enterprises as the subjects of a check. */
async function inNotice(em: EntityManager, notice: PublicNotice) {
  const apps = await em.find(AdvantageApplication, { noticeId: notice.id, status: AdvantageApplicationStatus.IN_NOTICE }, { orderBy: { id: 'asc' } });
  const names = new Map((apps.length ? await em.find(Enterprise, { id: { $in: apps.map((a) => a.enterprise.id) } }) : []).map((e) => [e.id, e.name]));
  const subjects = apps.map((a) => ({ enterpriseId: a.enterprise.id, label: names.get(a.enterprise.id) ?? a.enterprise.id, key: { applicationId: toGlobalId('AdvantageApplication', a.id) } }));
  return { apps, subjects };
}

/**
 * Concludes an advantage notice: every application still in it not listed in `notDesignated`
 * (id → reason) becomes an advantage designation from `designatedOn` for the cultivation period;
 * the listed ones become NOT_CONFIRMED with the reason. R12/R13 and A3 are checked on `dates`
 * (the designation date and today) and refuse with the rule, naming each application.
 */
export async function concludeAdvantageNotice(
  em: EntityManager,
  notice: PublicNotice,
  o: { designatedOn: string; dates: readonly string[]; settings: ProgrammeSettings; now: Date; notDesignated?: ReadonlyMap<string, string>; audit: NoticeAudit },
): Promise<Designation[]> {
  const { apps, subjects } = await inNotice(em, notice);
  const excluded = o.notDesignated ?? new Map<string, string>();
  const designate = subjects.filter((_, i) => !excluded.has(apps[i]!.id));
  await assertStandingThrough(em, '不能认定（须列为不予认定）', designate, o.dates, o.settings);
  await assertNoTitleHeld(em, '不能认定（须列为不予认定）', designate, o.dates);
  const designations: Designation[] = [];
  for (const app of apps) {
    const before = snapshot(app, FIELDS);
    const reason = excluded.get(app.id);
    if (reason != null) {
      app.status = AdvantageApplicationStatus.NOT_CONFIRMED;
      if (notice.regionCode) app.provincialComments = reason;
      else app.nationalComments = reason;
    } else {
      const d = newDesignation(em, app.enterprise.id, app.year, o.designatedOn, o.settings);
      app.status = AdvantageApplicationStatus.DESIGNATED;
      app.designationId = d.id;
      designations.push(d);
      o.audit({ type: 'Designation', id: d.id }, { status: { before: null, after: 'ACTIVE' }, validity: { before: null, after: `${d.validFrom}–${d.validUntil}` }, applicationId: { before: null, after: app.id } }, app.regionCode);
    }
    o.audit({ type: 'AdvantageApplication', id: app.id }, changedFields(before, snapshot(app, FIELDS), FIELDS), app.regionCode);
  }
  notice.concludedAt = o.now;
  return designations;
}

/**
 * Whether the scheduled conclusion must hold an ended advantage notice: an enterprise in it no longer
 * in good standing or already holding a title on `dates`; the bureau that runs the notice then lists
 * it as not designated when it publishes the list.
 */
export async function advantageNoticeHeld(em: EntityManager, notice: PublicNotice, dates: readonly string[], settings: ProgrammeSettings): Promise<boolean> {
  const { apps } = await inNotice(em, notice);
  const enterprises = apps.map((a) => a.enterprise.id);
  for (const date of dates) if ((await standingProblems(em, enterprises, date, settings)).size) return true;
  const titles = enterprises.length ? await em.find(Designation, { enterprise: { $in: enterprises } }) : [];
  return titles.some((d) => dates.some((date) => d.isValidOn(date)));
}
