/** Steps of the application flow shared by the lifecycle tests. */
import { randomUUID } from 'node:crypto';
import { as, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Random } from '../../seeds/random.js';
import { StoredFile } from '../../src/modules/file/stored-file.entity.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';

export const SAVE = `mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) { application { id version } } }`;
export const SUBMIT = `mutation($input: SubmitDemonstrationApplicationInput!) { submitDemonstrationApplication(input: $input) { application { id version status } } }`;
export const REVIEW = `mutation($input: ReviewApplicationByProvinceInput!) { reviewApplicationByProvince(input: $input) { application { id version status recommendationRank provincialRejectionReason provincialReviewer } } }`;
export const PACKAGE = `mutation($input: SaveRecommendationPackageInput!) { saveRecommendationPackage(input: $input) { package { id year version } } }`;

/** `n` enterprises of the region holding an advantage designation valid in 2026 (they set the quota). */
export async function advantagePool(t: TestApp, rng: Random, regionCode: string, n: number) {
  for (let i = 0; i < n; i++) {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode });
    await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
  }
}

/** An eligible enterprise of the region with a submitted 2026 application. */
export async function submitted(t: TestApp, rng: Random, regionCode: string, route: 'PROVINCIAL' | 'DIRECT' = 'PROVINCIAL') {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode, industryLeader: route === 'DIRECT' });
  await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2021, validFrom: '2021-12-01', validUntil: '2024-11-30' });
  const viewer = as.enterprise(e.id);
  const input = { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, route, formContent: '申报书', workFoundation: '基础', goalsAndTasks: '目标', measures: '措施', scoreA: 80, scoreB: 85 };
  const draft = (await t.ok(SAVE, { input }, viewer)).saveDemonstrationApplication.application;
  const app = (await t.ok(SUBMIT, { input: { id: draft.id, version: draft.version } }, viewer)).submitDemonstrationApplication.application as { id: string; version: number };
  return { ...app, enterprise: e };
}

/** A stored file's row, as POST /files records it (the bytes are not needed here). */
export async function storedFile(t: TestApp, owner: { enterpriseId?: string; regionCode?: string }, fileName = '附件.pdf'): Promise<string> {
  const fork = t.orm.em.fork();
  const id = randomUUID();
  fork.create(StoredFile, {
    id,
    fileName,
    contentType: 'application/pdf',
    size: 10,
    sha256: 'a'.repeat(64),
    storageKey: `${id.slice(0, 2)}/${id}`,
    uploadedBy: randomUUID(),
    enterprise: owner.enterpriseId ?? null,
    regionCode: owner.regionCode ?? null,
  });
  await fork.flush();
  return toGlobalId('StoredFile', id);
}

/** The bureau's letter (as if uploaded through POST /files) and its plan for 2026. */
export async function fileRecommendationPackage(t: TestApp, regionCode: string) {
  const letterFileId = await storedFile(t, { regionCode }, '推荐函.pdf');
  const plan = { goals: '培育目标', workPlan: '工作计划', organization: '组织管理', policySupport: '政策支持', funding: '资金保障', supervision: '督导检查' };
  return t.ok(PACKAGE, { input: { year: 2026, letterFileId, ...plan } }, as.provincial(regionCode));
}

export const recommend = (t: TestApp, app: { id: string; version: number }, region: string) =>
  t.gql(REVIEW, { input: { id: app.id, version: app.version, decision: 'RECOMMEND' } }, as.provincial(region));

export const NATIONAL_REVIEW = `mutation($input: ReviewApplicationNationallyInput!) { reviewApplicationNationally(input: $input) { application { id version status } } }`;
export const OPEN_NOTICE = `mutation($input: OpenPublicNoticeInput!) { openPublicNotice(input: $input) { notice { id startsOn endsOn } } }`;
export const LODGE = `mutation($input: LodgeObjectionInput!) { lodgeObjection(input: $input) { objection { id } } }`;

/** The 2025–2026 working-day calendars and the 2026 window (from 1 March), as the national admin. */
export async function calendarsAndWindow(t: TestApp) {
  for (const seed of CALENDARS) await t.ok(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: seed.year, days: calendarDays(seed) } });
  await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
}

/**
 * A public notice opened on `startsOn` (today, inside the 2026 window) of one direct application that passed the
 * national review, with `objections` objections lodged by the public (with contact details).
 */
export async function noticeWithObjections(t: TestApp, rng: Random, startsOn: string, objections: number, regionCode = '320000') {
  const app = await submitted(t, rng, regionCode, 'DIRECT');
  const passed = (await t.ok(NATIONAL_REVIEW, { input: { id: app.id, version: app.version, decision: 'PASS' } })).reviewApplicationNationally.application;
  const notice = (await t.ok(OPEN_NOTICE, { input: { year: 2026, title: `公示 ${passed.id.slice(-6)}`, startsOn, applicationIds: [passed.id] } })).openPublicNotice.notice as { id: string };
  const lodged: string[] = [];
  for (let i = 0; i < objections; i++) {
    const input = { applicationId: passed.id, content: `对该企业的第 ${i + 1} 项异议，请核查。`, contactName: `公众${i + 1}`, contactPhone: `1390000${String(1000 + i)}` };
    lodged.push((await t.ok(LODGE, { input }, as.anonymous)).lodgeObjection.objection.id);
  }
  return { notice, application: passed as { id: string }, objections: lodged };
}
