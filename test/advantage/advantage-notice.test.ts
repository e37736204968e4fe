/**
 * The notice before advantage enterprises are designated, when the programme setting
 * `advantageNoticeWorkingDays` asks for one (A 三 omits the rules; default 0, no notice): the
 * demonstration machinery of D 三(二)3 (PublicNotice, objections, the list after the notice, the
 * scheduled conclusion) with level ADVANTAGE, run by the bureau that designates — the national bureau
 * on a confirmed list, or the province under PROVINCE_DESIGNATES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { fixedClock } from '../../src/common/clock.js';
import { runScheduledTransitions } from '../../src/jobs/scheduled-transitions.js';
import { addDays } from '../../src/modules/programme/working-days.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';

const BATCH = `mutation($input: SetAdvantageBatchInput!) { setAdvantageBatch(input: $input) { batch { id version } } }`;
const SAVE = `mutation($input: SaveAdvantageApplicationInput!) { saveAdvantageApplication(input: $input) { application { id version } } }`;
const SUBMIT = `mutation($input: SubmitAdvantageApplicationInput!) { submitAdvantageApplication(input: $input) { application { id version } } }`;
const REVIEW = `mutation($input: ReviewAdvantageApplicationInput!) { reviewAdvantageApplication(input: $input) { application { id version status } designation { id } } }`;
const NOTICE_FIELDS = `notice { id level regionCode title startsOn endsOn concludedAt entries { applicationId enterpriseName status } }`;
const SEND = `mutation($input: SubmitAdvantageBatchInput!) { submitAdvantageBatch(input: $input) { batch { id version submittedAt } ${NOTICE_FIELDS} designations { level validFrom enterprise { id } } } }`;
const CONFIRM = `mutation($input: ConfirmAdvantageBatchInput!) { confirmAdvantageBatch(input: $input) { batch { confirmedAt } designations { id } ${NOTICE_FIELDS} } }`;
const LODGE = `mutation($input: LodgeObjectionInput!) { lodgeObjection(input: $input) { objection { id status } } }`;
const DECIDE = `mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { id status } } }`;
const PUBLISH = `mutation($input: PublishDesignationListInput!) { publishDesignationList(input: $input) { notice { concludedAt } designations { level validFrom validUntil enterprise { id } } } }`;
const OBJECTIONS = `query($id: ID!) { node(id: $id) { ... on PublicNotice { level objections(first: 10) { totalCount edges { node { id status contactName contactPhone } } } } } }`;
const NOTICES = `query { publicNotices(year: 2026) { id level regionCode entries { applicationId status } } }`;
const APPLICATION = `query($id: ID!) { node(id: $id) { ... on AdvantageApplication { status provincialComments nationalComments history { operation } } } }`;
const SETTINGS = `query { programmeSettings { version } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version advantageApproval advantageNoticeWorkingDays } } }`;
const INCIDENT = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`;

const JS = '320000';
const ZJ = '330000';
const content = { formContent: '优势企业申报书', workPlan: '三年培育方案：贯标、专利布局、人才', scoreA: 70, scoreB: 72 };

describe('advantage notices (setting advantageNoticeWorkingDays)', () => {
  let t: TestApp;
  const rng = randomFor(4141);
  beforeAll(async () => {
    t = await createTestApp();
    for (const seed of CALENDARS) await t.ok(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: seed.year, days: calendarDays(seed) } });
  });
  afterAll(() => t.close());

  const eid = (e: Enterprise) => toGlobalId('Enterprise', e.id);
  async function settings(input: Record<string, unknown>) {
    const { version } = (await t.ok(SETTINGS)).programmeSettings;
    return (await t.ok(UPDATE_SETTINGS, { input: { version, ...input } })).updateProgrammeSettings.settings;
  }
  /** `n` applications of `region`, submitted and approved by its bureau, in a batch opened for 2026. */
  async function approvedList(region: string, n: number) {
    t.setToday('2026-03-10');
    const batch = (await t.ok(BATCH, { input: { year: 2026, opensOn: '2026-03-01', closesOn: '2026-06-30' } }, as.provincial(region))).setAdvantageBatch.batch;
    const apps = [];
    for (let i = 0; i < n; i++) {
      const enterprise = await makeEnterprise(t.orm.em, rng, { regionCode: region, standardCertifiedOn: '2024-05-10' });
      const draft = (await t.ok(SAVE, { input: { enterpriseId: eid(enterprise), year: 2026, standardPath: 'CERTIFIED', ...content } }, as.enterprise(enterprise.id))).saveAdvantageApplication.application;
      const sent = (await t.ok(SUBMIT, { input: { id: draft.id, version: draft.version } }, as.enterprise(enterprise.id))).submitAdvantageApplication.application;
      const reviewed = (await t.ok(REVIEW, { input: { id: sent.id, version: sent.version, decision: 'APPROVE' } }, as.provincial(region))).reviewAdvantageApplication;
      expect(reviewed).toMatchObject({ application: { status: 'RECOMMENDED' }, designation: null });
      apps.push({ id: sent.id as string, enterprise });
    }
    return { batch, apps };
  }
  const objectTo = async (applicationId: string, i: number) =>
    (await t.ok(LODGE, { input: { applicationId, content: `该企业存在问题，请核查（第 ${i} 项）。`, contactName: `公众${i}`, contactPhone: `1390000100${i}` } }, as.anonymous)).lodgeObjection.objection.id as string;
  const statusOf = async (id: string) => (await t.ok(APPLICATION, { id })).node.status;

  it('A 三 + D 三(二)3 (national confirmation): the confirmed list is noticed first; objections and the scheduled conclusion designate the rest', async () => {
    expect(await settings({ advantageNoticeWorkingDays: 5 })).toMatchObject({ advantageApproval: 'NATIONAL_CONFIRMS', advantageNoticeWorkingDays: 5 });
    const { apps } = await approvedList(JS, 3);
    const [a, b, c] = apps as [(typeof apps)[0], (typeof apps)[0], (typeof apps)[0]];
    const sent = (await t.ok(SEND, { input: { year: 2026, version: (await t.ok(`query { advantageBatches(year: 2026) { version } }`, {}, as.provincial(JS))).advantageBatches[0].version } }, as.provincial(JS))).submitAdvantageBatch;
    expect(sent.notice).toBeNull(); // sent to the national bureau, which runs the notice
    t.setToday('2026-04-01');
    // A designation date has no place when the list is noticed first.
    const dated = await t.gql(CONFIRM, { input: { batchId: sent.batch.id, version: sent.batch.version, designatedOn: '2026-04-01' } });
    expect(dated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'designatedOn' }] });
    const confirmed = (await t.ok(CONFIRM, { input: { batchId: sent.batch.id, version: sent.batch.version, notConfirmed: [{ applicationId: c.id, reason: '材料不实' }] } })).confirmAdvantageBatch;
    expect(confirmed.designations).toEqual([]);
    expect(confirmed.notice).toMatchObject({ level: 'ADVANTAGE', regionCode: null, startsOn: '2026-04-01', concludedAt: null });
    expect(confirmed.notice.title).toContain('优势企业名单公示');
    expect(confirmed.notice.entries.map((e: { applicationId: string }) => e.applicationId).sort()).toEqual([a.id, b.id].sort());
    const notice = confirmed.notice as { id: string; endsOn: string };
    expect(notice.endsOn > '2026-04-06').toBe(true); // 5 working days, the Qingming holiday skipped
    expect(await statusOf(a.id)).toBe('IN_NOTICE');
    expect(await statusOf(c.id)).toBe('NOT_CONFIRMED');
    // The notice is public, with its list.
    const listed = (await t.ok(NOTICES, {}, as.anonymous)).publicNotices.find((n: { id: string }) => n.id === notice.id);
    expect(listed.entries).toHaveLength(2);

    // The public objects to b; the national bureau, which runs the notice, sees and decides it; the province does not.
    const objection = await objectTo(b.id, 1);
    expect((await t.ok(OBJECTIONS, { id: notice.id })).node.objections.edges[0].node).toMatchObject({ contactName: '公众1', contactPhone: '13900001001' });
    expect((await t.ok(OBJECTIONS, { id: notice.id }, as.provincial(JS))).node.objections).toBeNull();
    expect((await t.gql(DECIDE, { input: { id: objection, decision: 'UPHOLD', note: '属实' } }, as.provincial(JS))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Not before the notice has ended (R7), nor with an objection pending.
    t.setToday(addDays(notice.endsOn, 1));
    expect((await t.gql(PUBLISH, { input: { noticeId: notice.id } })).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R7', pendingObjections: 1 });
    expect((await t.ok(DECIDE, { input: { id: objection, decision: 'UPHOLD', note: '异议属实' } })).decideObjection.objection.status).toBe('UPHELD');
    expect(await statusOf(b.id)).toBe('OBJECTION_UPHELD');

    // The scheduled transitions conclude it the day after its end: a is designated from that day.
    const run = await runScheduledTransitions(t.orm, fixedClock(addDays(notice.endsOn, 1)));
    expect(run.noticesConcluded).toBe(1);
    const app = (await t.ok(APPLICATION, { id: a.id })).node;
    expect(app.status).toBe('DESIGNATED');
    expect(app.history.map((h: { operation: string }) => h.operation)).toEqual(['saveAdvantageApplication', 'submitAdvantageApplication', 'reviewAdvantageApplication', 'confirmAdvantageBatch', 'concludePublicNotice']);
    const titles = await t.sql<{ level: string; valid_from: string }>(`select level, to_char(valid_from, 'YYYY-MM-DD') as valid_from from designation where enterprise_id = ?`, [a.enterprise.id]);
    expect(titles).toEqual([{ level: 'ADVANTAGE', valid_from: addDays(notice.endsOn, 1) }]);
    expect(await t.sql(`select count(*)::int as n from designation where enterprise_id = ?`, [b.enterprise.id])).toEqual([{ n: 0 }]);
  });

  it('A 三 (PROVINCE_DESIGNATES with a notice): the province notices its list, sees and decides its objections, and publishes it; R12 holds at designation', async () => {
    await settings({ advantageApproval: 'PROVINCE_DESIGNATES', advantageNoticeWorkingDays: 5 });
    const { apps } = await approvedList(ZJ, 3);
    const [a, b, c] = apps as [(typeof apps)[0], (typeof apps)[0], (typeof apps)[0]];
    const version = (await t.ok(`query { advantageBatches(year: 2026) { version } }`, {}, as.provincial(ZJ))).advantageBatches[0].version;
    expect((await t.gql(SEND, { input: { year: 2026, version, noticeStartsOn: '2026-03-01' } }, as.provincial(ZJ))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'noticeStartsOn' }] });
    const sent = (await t.ok(SEND, { input: { year: 2026, version, noticeStartsOn: '2026-03-16' } }, as.provincial(ZJ))).submitAdvantageBatch;
    expect(sent.notice).toMatchObject({ level: 'ADVANTAGE', regionCode: ZJ, startsOn: '2026-03-16' });
    const notice = sent.notice as { id: string; endsOn: string };
    // The national bureau has nothing to confirm under this setting.
    expect((await t.gql(CONFIRM, { input: { batchId: sent.batch.id, version: sent.batch.version } })).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A4' });

    t.setToday('2026-03-17');
    const objection = await objectTo(a.id, 2);
    // The province that runs the notice sees the objector's contact; another province does not see the objections.
    expect((await t.ok(OBJECTIONS, { id: notice.id }, as.provincial(ZJ))).node.objections.edges[0].node).toMatchObject({ contactName: '公众2' });
    expect((await t.ok(OBJECTIONS, { id: notice.id }, as.provincial(JS))).node.objections).toBeNull();
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: objection }, as.provincial(JS))).node).toBeNull();
    expect((await t.ok(DECIDE, { input: { id: objection, decision: 'DISMISS', note: '经核查不属实' } }, as.provincial(ZJ))).decideObjection.objection.status).toBe('DISMISSED');
    // An incident of c during the notice (D 三(四)): the scheduled conclusion holds the notice.
    await t.ok(INCIDENT, { input: { enterpriseId: eid(c.enterprise), kind: 'ABNORMAL_PATENT_APPLICATION', penaltyArea: null, occurredOn: '2026-03-17', description: '非正常专利申请', evidence: '通报' } });
    const after = addDays(notice.endsOn, 1);
    const held = await runScheduledTransitions(t.orm, fixedClock(after));
    expect(held).toMatchObject({ noticesConcluded: 0, noticesHeld: 1 });
    t.setToday(after);
    const refused = await t.gql(PUBLISH, { input: { noticeId: notice.id } }, as.provincial(ZJ));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12', subjects: [{ applicationId: c.id }] });
    // Only the bureau that runs it publishes; a demonstration application cannot be listed here.
    expect((await t.gql(PUBLISH, { input: { noticeId: notice.id, notDesignated: [{ applicationId: c.id, reason: '公示期间发生非正常专利申请' }] } }, as.provincial(JS))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongType = await t.gql(PUBLISH, { input: { noticeId: notice.id, notDesignated: [{ applicationId: toGlobalId('DemonstrationApplication', fromGlobalId(c.id)!.key), reason: '—' }] } }, as.provincial(ZJ));
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const published = (await t.ok(PUBLISH, { input: { noticeId: notice.id, notDesignated: [{ applicationId: c.id, reason: '公示期间发生非正常专利申请' }] } }, as.provincial(ZJ))).publishDesignationList;
    expect(published.designations.map((d: { enterprise: { id: string } }) => d.enterprise.id).sort()).toEqual([eid(a.enterprise), eid(b.enterprise)].sort());
    expect(published.designations[0]).toMatchObject({ level: 'ADVANTAGE', validFrom: after });
    expect((await t.ok(APPLICATION, { id: c.id })).node).toMatchObject({ status: 'NOT_CONFIRMED', provincialComments: '公示期间发生非正常专利申请' });
    expect((await t.gql(PUBLISH, { input: { noticeId: notice.id } }, as.provincial(ZJ))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('A 三: applications approved while a notice was required are designated when the province sends its list after the setting dropped the notice', async () => {
    await settings({ advantageApproval: 'PROVINCE_DESIGNATES', advantageNoticeWorkingDays: 5 });
    const { apps } = await approvedList('420000', 2);
    await settings({ advantageNoticeWorkingDays: 0 });
    t.setToday('2026-03-20');
    const version = (await t.ok(`query { advantageBatches(year: 2026) { version } }`, {}, as.provincial('420000'))).advantageBatches[0].version;
    const sent = (await t.ok(SEND, { input: { year: 2026, version } }, as.provincial('420000'))).submitAdvantageBatch;
    expect(sent.notice).toBeNull();
    expect(sent.designations.map((d: { enterprise: { id: string } }) => d.enterprise.id).sort()).toEqual(apps.map((a) => eid(a.enterprise)).sort());
    expect(sent.designations[0]).toMatchObject({ level: 'ADVANTAGE', validFrom: '2026-03-20' });
    expect(await statusOf(apps[0]!.id)).toBe('DESIGNATED');
    // Nothing left to send: the usual refusal.
    const again = await t.gql(SEND, { input: { year: 2026, version: sent.batch.version } }, as.provincial('420000'));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('without the setting (the default 0) no step opens a notice: a notice start date is refused', async () => {
    await settings({ advantageApproval: 'NATIONAL_CONFIRMS', advantageNoticeWorkingDays: 0 });
    const { batch } = await approvedList('440000', 1);
    const refused = await t.gql(SEND, { input: { year: 2026, version: batch.version, noticeStartsOn: '2026-03-20' } }, as.provincial('440000'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'noticeStartsOn' }] });
    expect(await t.sql(`select count(*)::int as n from public_notice where level = 'ADVANTAGE'`)).toEqual([{ n: 2 }]);
  });
});
