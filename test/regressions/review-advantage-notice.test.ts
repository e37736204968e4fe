/**
 * Probes of a hostile review of the advantage notice (docs/advantage.md "The notice before designation"), kept as regression tests (the defects they found are fixed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { addDays } from '../../src/modules/programme/working-days.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';

const BATCH = `mutation($input: SetAdvantageBatchInput!) { setAdvantageBatch(input: $input) { batch { id version } } }`;
const SAVE = `mutation($input: SaveAdvantageApplicationInput!) { saveAdvantageApplication(input: $input) { application { id version } } }`;
const SUBMIT = `mutation($input: SubmitAdvantageApplicationInput!) { submitAdvantageApplication(input: $input) { application { id version } } }`;
const REVIEW = `mutation($input: ReviewAdvantageApplicationInput!) { reviewAdvantageApplication(input: $input) { application { id version status } } }`;
const NOTICE_FIELDS = `notice { id level regionCode startsOn endsOn entries { applicationId } }`;
const SEND = `mutation($input: SubmitAdvantageBatchInput!) { submitAdvantageBatch(input: $input) { batch { id version } ${NOTICE_FIELDS} } }`;
const CONFIRM = `mutation($input: ConfirmAdvantageBatchInput!) { confirmAdvantageBatch(input: $input) { batch { confirmedAt } designations { id } ${NOTICE_FIELDS} } }`;
const LODGE = `mutation($input: LodgeObjectionInput!) { lodgeObjection(input: $input) { objection { id status } } }`;
const DECIDE = `mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { id status } } }`;
const PUBLISH = `mutation($input: PublishDesignationListInput!) { publishDesignationList(input: $input) { notice { concludedAt } designations { id } } }`;
const APPLICATION = `query($id: ID!) { node(id: $id) { ... on AdvantageApplication { status provincialComments nationalComments } } }`;
const SETTINGS = `query { programmeSettings { version } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version } } }`;
const content = { formContent: '优势企业申报书', workPlan: '三年培育方案：贯标、专利布局、人才', scoreA: 70, scoreB: 72 };

describe('review: advantage notice', () => {
  let t: TestApp;
  const rng = randomFor(5151);
  beforeAll(async () => {
    t = await createTestApp();
    for (const seed of CALENDARS) await t.ok(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: seed.year, days: calendarDays(seed) } });
  });
  afterAll(() => t.close());

  const eid = (e: Enterprise) => toGlobalId('Enterprise', e.id);
  async function settings(input: Record<string, unknown>) {
    const { version } = (await t.ok(SETTINGS)).programmeSettings;
    await t.ok(UPDATE_SETTINGS, { input: { version, ...input } });
  }
  async function approvedList(region: string, n: number) {
    t.setToday('2026-03-10');
    const batch = (await t.ok(BATCH, { input: { year: 2026, opensOn: '2026-03-01', closesOn: '2026-06-30' } }, as.provincial(region))).setAdvantageBatch.batch;
    const apps: string[] = [];
    for (let i = 0; i < n; i++) {
      const enterprise = await makeEnterprise(t.orm.em, rng, { regionCode: region, standardCertifiedOn: '2024-05-10' });
      const draft = (await t.ok(SAVE, { input: { enterpriseId: eid(enterprise), year: 2026, standardPath: 'CERTIFIED', ...content } }, as.enterprise(enterprise.id))).saveAdvantageApplication.application;
      const sent = (await t.ok(SUBMIT, { input: { id: draft.id, version: draft.version } }, as.enterprise(enterprise.id))).submitAdvantageApplication.application;
      await t.ok(REVIEW, { input: { id: sent.id, version: sent.version, decision: 'APPROVE' } }, as.provincial(region));
      apps.push(sent.id);
    }
    const version = (await t.ok(`query { advantageBatches(year: 2026) { version } }`, {}, as.provincial(region))).advantageBatches[0].version;
    return { batch, apps, version };
  }

  it('under PROVINCE_DESIGNATES only the province that runs the notice publishes its list (others FORBIDDEN)', async () => {
    await settings({ advantageApproval: 'PROVINCE_DESIGNATES', advantageNoticeWorkingDays: 5 });
    const { apps, version } = await approvedList('330000', 2);
    const sent = (await t.ok(SEND, { input: { year: 2026, version, noticeStartsOn: '2026-03-16' } }, as.provincial('330000'))).submitAdvantageBatch;
    const notice = sent.notice as { id: string; endsOn: string; regionCode: string };
    expect(notice.regionCode).toBe('330000');
    t.setToday(addDays(notice.endsOn, 1));
    const r = await t.gql(PUBLISH, { input: { noticeId: notice.id, notDesignated: [{ applicationId: apps[1], reason: '国家局替省局决定' }] } }, as.national());
    const second = (await t.ok(APPLICATION, { id: apps[1] })).node;
    expect({ code: r.errors?.[0]?.extensions?.code ?? 'OK', provincialComments: second.provincialComments }).toEqual({ code: 'FORBIDDEN', provincialComments: null });
  });

  it('the national bureau reads but does not decide an objection on a province-run notice (FORBIDDEN)', async () => {
    await settings({ advantageApproval: 'PROVINCE_DESIGNATES', advantageNoticeWorkingDays: 5 });
    t.setToday('2026-03-10');
    const { apps, version } = await approvedList('510000', 1);
    const sent = (await t.ok(SEND, { input: { year: 2026, version, noticeStartsOn: '2026-03-16' } }, as.provincial('510000'))).submitAdvantageBatch;
    t.setToday('2026-03-17');
    const objection = (await t.ok(LODGE, { input: { applicationId: apps[0], content: '该企业存在问题，请核查。', contactName: '公众', contactPhone: '13900001234' } }, as.anonymous)).lodgeObjection.objection.id;
    const r = await t.gql(DECIDE, { input: { id: objection, decision: 'UPHOLD', note: '国家局越权处理' } }, as.national());
    expect(sent.notice.regionCode).toBe('510000');
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a confirmation that lists every application as not confirmed opens no (empty, public) notice', async () => {
    await settings({ advantageApproval: 'NATIONAL_CONFIRMS', advantageNoticeWorkingDays: 5 });
    const { apps, version } = await approvedList('320000', 1);
    const sent = (await t.ok(SEND, { input: { year: 2026, version } }, as.provincial('320000'))).submitAdvantageBatch;
    t.setToday('2026-04-01');
    const confirmed = (await t.ok(CONFIRM, { input: { batchId: sent.batch.id, version: sent.batch.version, notConfirmed: [{ applicationId: apps[0], reason: '材料不实' }] } })).confirmAdvantageBatch;
    const empty = await t.sql<{ n: number }>(`select count(*)::int as n from public_notice n where n.level = 'ADVANTAGE' and not exists (select 1 from advantage_application a where a.notice_id = n.id)`);
    expect({ notice: confirmed.notice, emptyNotices: empty[0]!.n }).toEqual({ notice: null, emptyNotices: 0 });
  });
});
