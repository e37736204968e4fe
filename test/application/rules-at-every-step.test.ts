/**
 * The rules hold at every step, not only at submission (issue 12):
 * - R12 [D 三(四)] and R13 [D 三(二)4, 三(四)]: an incident or a ban recorded after submission stops
 *   the application at the provincial recommendation, the national review, the notice and the
 *   designation (manual and scheduled); the national bureau can still fail it during the notice.
 * - R4 [D 三(二)2, 三(三)1]: a window closes by 31 July at the latest unless the programme setting
 *   changes (audited).
 * - A partial save of an application changes only the fields it names (the DIRECT route stays).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { fixedClock } from '../../src/common/clock.js';
import { runScheduledTransitions } from '../../src/jobs/scheduled-transitions.js';
import { advantagePool, calendarsAndWindow, fileRecommendationPackage, NATIONAL_REVIEW, OPEN_NOTICE, recommend, SAVE, SUBMIT, submitted } from './flow.js';

const INCIDENT = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`;
const PUBLISH = `mutation($input: PublishDesignationListInput!) { publishDesignationList(input: $input) { designations { enterprise { id } } } }`;
const STATUS = `query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { status route version } } }`;
const WINDOW = `mutation($input: SetApplicationWindowInput!) { setApplicationWindow(input: $input) { window { year opensOn closesOn } } }`;
const SETTINGS = `query { programmeSettings { version applicationClosesBy } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version applicationClosesBy } } }`;

describe('rules held at every step', () => {
  let t: TestApp;
  const rng = randomFor(1212);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    await calendarsAndWindow(t);
    await advantagePool(t, rng, '320000', 60);
    await fileRecommendationPackage(t, '320000');
  });
  afterAll(() => t.close());

  /** Subsidy fraud 20 days before today, recorded by the national admin. */
  const fraud = async (enterpriseId: string) =>
    (await t.ok(INCIDENT, { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), kind: 'SUBSIDY_FRAUD', penaltyArea: null, occurredOn: '2026-05-26', description: '骗取专利资助', evidence: '国知发〔2026〕9 号' } })).recordIncident.incident.id as string;
  const statusOf = async (id: string) => (await t.ok(STATUS, { id })).node.status as string;

  it('D 三(二)3: a partial save changes only the fields it names — a DIRECT draft stays DIRECT', async () => {
    const { makeEnterprise } = await import('../harness/factories.js');
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000', industryLeader: true });
    const viewer = as.enterprise(e.id);
    const enterpriseId = toGlobalId('Enterprise', e.id);
    const draft = (await t.ok(SAVE, { input: { enterpriseId, year: 2026, route: 'DIRECT', formContent: '申报书', workFoundation: '基础', goalsAndTasks: '目标', measures: '措施' } }, viewer)).saveDemonstrationApplication.application;
    const rescored = (await t.ok(SAVE, { input: { enterpriseId, year: 2026, version: draft.version, scoreA: 88, scoreB: 91 } }, viewer)).saveDemonstrationApplication.application;
    expect((await t.ok(STATUS, { id: draft.id }, viewer)).node).toMatchObject({ route: 'DIRECT', status: 'DRAFT' });
    // Submitting then passes: the direct route needs no completed advantage cultivation (R2).
    const sent = await t.ok(SUBMIT, { input: { id: draft.id, version: rescored.version } }, viewer);
    expect(sent.submitDemonstrationApplication.application.status).toBe('SUBMITTED');
  });

  it('D 三(四) (R12): an incident recorded after submission stops the provincial recommendation; rejecting is still possible', async () => {
    const app = await submitted(t, rng, '320000');
    await fraud(app.enterprise.id);
    const refused = await recommend(t, app, '320000');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12', paragraph: '三(四)', unmet: [{ rule: 'R12', date: '2026-05-26' }] });
    expect(await statusOf(app.id)).toBe('SUBMITTED');
    const rejected = await t.ok(`mutation($input: ReviewApplicationByProvinceInput!) { reviewApplicationByProvince(input: $input) { application { status } } }`, { input: { id: app.id, version: app.version, decision: 'REJECT', reason: '近三年有骗取专利资助情形' } }, as.provincial('320000'));
    expect(rejected.reviewApplicationByProvince.application.status).toBe('REJECTED_BY_PROVINCE');
  });

  it('D 三(四) (R12): an incident after the recommendation stops the national review (PASS); FAIL remains', async () => {
    const app = await submitted(t, rng, '320000');
    const rec = (await recommend(t, app, '320000')).data!.reviewApplicationByProvince.application;
    await fraud(app.enterprise.id);
    const refused = await t.gql(NATIONAL_REVIEW, { input: { id: rec.id, version: rec.version, decision: 'PASS' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12' });
    expect(await statusOf(app.id)).toBe('RECOMMENDED');
    const failed = await t.ok(NATIONAL_REVIEW, { input: { id: rec.id, version: rec.version, decision: 'FAIL', comments: '近三年有骗取专利资助情形（三(四)）' } });
    expect(failed.reviewApplicationNationally.application.status).toBe('FAILED_REVIEW');
  });

  it('D 三(二)4, 三(四) (R13): a ban in force stops the national review of a direct application', async () => {
    const app = await submitted(t, rng, '320000', 'DIRECT');
    await t.sql(`insert into application_ban (id, enterprise_id, reason, starts_on, ends_on, created_at, updated_at) values (gen_random_uuid(), ?, 'REVOKED', '2026-06-01', '2028-05-31', now(), now())`, [app.enterprise.id]);
    const refused = await t.gql(NATIONAL_REVIEW, { input: { id: app.id, version: app.version, decision: 'PASS' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R13', unmet: [{ rule: 'R13', date: '2028-05-31' }] });
    expect(await statusOf(app.id)).toBe('SUBMITTED');
  });

  it('D 三(四) (R12): an incident after the national review stops opening the notice, naming the application', async () => {
    const good = await submitted(t, rng, '320000', 'DIRECT');
    const bad = await submitted(t, rng, '320000', 'DIRECT');
    const ok = (await t.ok(NATIONAL_REVIEW, { input: { id: good.id, version: good.version, decision: 'PASS' } })).reviewApplicationNationally.application;
    const flagged = (await t.ok(NATIONAL_REVIEW, { input: { id: bad.id, version: bad.version, decision: 'PASS' } })).reviewApplicationNationally.application;
    await fraud(bad.enterprise.id);
    const refused = await t.gql(OPEN_NOTICE, { input: { year: 2026, title: '拟认定名单公示', startsOn: '2026-06-15', applicationIds: [ok.id, flagged.id] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12', subjects: [{ applicationId: flagged.id, unmet: [{ rule: 'R12' }] }] });
    expect(await statusOf(ok.id)).toBe('PASSED_REVIEW');
    expect(await statusOf(flagged.id)).toBe('PASSED_REVIEW');
    // The national bureau fails the flagged one before any notice; the other opens alone.
    const failed = await t.ok(NATIONAL_REVIEW, { input: { id: flagged.id, version: flagged.version, decision: 'FAIL', comments: '评审合格后查实骗取专利资助' } });
    expect(failed.reviewApplicationNationally.application.status).toBe('FAILED_REVIEW');
    const opened = await t.ok(OPEN_NOTICE, { input: { year: 2026, title: '拟认定名单公示（合格者）', startsOn: '2026-06-15', applicationIds: [ok.id] } });
    expect(opened.openPublicNotice.notice.endsOn).toBeTruthy();
  });

  it('D 三(四) (R12): an incident during the notice stops the designation, by hand and by the scheduled transitions, until the national bureau fails that application', async () => {
    const good = await submitted(t, rng, '320000', 'DIRECT');
    const bad = await submitted(t, rng, '320000', 'DIRECT');
    const ids = [];
    for (const app of [good, bad]) ids.push((await t.ok(NATIONAL_REVIEW, { input: { id: app.id, version: app.version, decision: 'PASS' } })).reviewApplicationNationally.application);
    const notice = (await t.ok(OPEN_NOTICE, { input: { year: 2026, title: '拟认定名单公示（第二批）', startsOn: '2026-06-15', applicationIds: ids.map((a) => a.id) } })).openPublicNotice.notice;
    await fraud(bad.enterprise.id);
    // The notice ran its course (10 working days from 15 June end on 29 June, the Dragon Boat Festival 19 June off).
    t.setToday('2026-07-06');
    const refused = await t.gql(PUBLISH, { input: { noticeId: notice.id, designatedOn: '2026-07-06' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12' });
    // The scheduled transitions hold the notice too: nobody is designated against the rule.
    expect(await runScheduledTransitions(t.orm, fixedClock('2026-07-06'))).toMatchObject({ ran: true, noticesHeld: 1 });
    expect(await statusOf(bad.id)).toBe('IN_NOTICE');
    expect(await statusOf(good.id)).toBe('IN_NOTICE');
    // The national bureau fails the flagged application during the notice; the rest is designated.
    const current = (await t.ok(STATUS, { id: bad.id })).node.version;
    expect((await t.ok(NATIONAL_REVIEW, { input: { id: bad.id, version: current, decision: 'FAIL', comments: '公示期间查实骗取专利资助' } })).reviewApplicationNationally.application.status).toBe('FAILED_REVIEW');
    const published = await t.ok(PUBLISH, { input: { noticeId: notice.id, designatedOn: '2026-07-06' } });
    expect(published.publishDesignationList.designations.map((d: { enterprise: { id: string } }) => fromGlobalId(d.enterprise.id)!.key)).toEqual([good.enterprise.id]);
    expect(await statusOf(bad.id)).toBe('FAILED_REVIEW');
    t.setToday('2026-06-15');
  });

  it('D 三(四) (R12): a back-dated designation is checked on today too — an incident dated after the designation date stops it', async () => {
    t.setToday('2026-06-15');
    const app = await submitted(t, rng, '320000', 'DIRECT');
    const passed = (await t.ok(NATIONAL_REVIEW, { input: { id: app.id, version: app.version, decision: 'PASS' } })).reviewApplicationNationally.application;
    const notice = (await t.ok(OPEN_NOTICE, { input: { year: 2026, title: '拟认定名单公示（第三批）', startsOn: '2026-06-15', applicationIds: [passed.id] } })).openPublicNotice.notice;
    t.setToday('2026-07-10');
    await t.ok(INCIDENT, { input: { enterpriseId: toGlobalId('Enterprise', app.enterprise.id), kind: 'FALSE_MATERIAL', penaltyArea: null, occurredOn: '2026-07-08', description: '提供虚假材料', evidence: '核查报告' } });
    const refused = await t.gql(PUBLISH, { input: { noticeId: notice.id, designatedOn: '2026-07-01' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12' });
    expect(await statusOf(passed.id)).toBe('IN_NOTICE');
    t.setToday('2026-06-15');
  });

  it('D 三(二)2, 三(三)1 (R4): a window may close earlier than 31 July, never later, unless the programme setting changes (audited)', async () => {
    const late = await t.gql(WINDOW, { input: { year: 2027, opensOn: '2027-03-01', closesOn: '2027-08-31' } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R4', latest: '2027-07-31' });
    expect(await t.sql(`select year from application_window where year = 2027`)).toEqual([]);
    expect((await t.ok(WINDOW, { input: { year: 2027, opensOn: '2027-03-01', closesOn: '2027-07-15' } })).setApplicationWindow.window.closesOn).toBe('2027-07-15');
    expect((await t.ok(WINDOW, { input: { year: 2027, opensOn: '2027-03-01' } })).setApplicationWindow.window.closesOn).toBe('2027-07-31');
    // Only a change of the setting itself allows a later close, and it is audited.
    const { programmeSettings } = await t.ok(SETTINGS);
    expect(programmeSettings.applicationClosesBy).toBe('07-31');
    const bad = await t.gql(UPDATE_SETTINGS, { input: { version: programmeSettings.version, applicationClosesBy: '02-29' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'applicationClosesBy' }] });
    expect((await t.gql(UPDATE_SETTINGS, { input: { version: programmeSettings.version, applicationClosesBy: '08-31' } }, as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const changed = await t.ok(UPDATE_SETTINGS, { input: { version: programmeSettings.version, applicationClosesBy: '08-31' } });
    expect(changed.updateProgrammeSettings.settings.applicationClosesBy).toBe('08-31');
    try {
      expect((await t.ok(WINDOW, { input: { year: 2027, opensOn: '2027-03-01', closesOn: '2027-08-31' } })).setApplicationWindow.window.closesOn).toBe('2027-08-31');
      const [audit] = await t.sql<{ changes: Record<string, unknown> }>(`select changes from audit_entry where operation = 'updateProgrammeSettings' order by at desc limit 1`);
      expect(audit!.changes).toEqual({ applicationClosesBy: { before: '07-31', after: '08-31' } });
    } finally {
      await t.ok(UPDATE_SETTINGS, { input: { version: changed.updateProgrammeSettings.settings.version, applicationClosesBy: '07-31' } });
    }
  });
});
