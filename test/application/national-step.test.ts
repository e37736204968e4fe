/**
 * The national step [D 三(二)3]: review (R3 direct applications too), a public notice of 10 working
 * days by the official calendar (R6), objections, and the designation list (R7–R9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';
import { advantagePool, fileRecommendationPackage, recommend, submitted } from './flow.js';
import { fixedClock } from '../../src/common/clock.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { runScheduledTransitions } from '../../src/jobs/scheduled-transitions.js';

const NATIONAL = `mutation($input: ReviewApplicationNationallyInput!) { reviewApplicationNationally(input: $input) { application { id version status nationalComments } } }`;
const OPEN = `mutation($input: OpenPublicNoticeInput!) { openPublicNotice(input: $input) { notice { id startsOn endsOn entries { applicationId enterpriseName status } } } }`;
const OBJECT = `mutation($input: LodgeObjectionInput!) { lodgeObjection(input: $input) { objection { id status } } }`;
const DECIDE = `mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { id status } } }`;
const PUBLISH = `mutation($input: PublishDesignationListInput!) { publishDesignationList(input: $input) { notice { id concludedAt } designations { level status batchYear validFrom validUntil enterprise { id } } } }`;

describe('national review, public notice and designation', () => {
  let t: TestApp;
  const rng = randomFor(404);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    for (const seed of CALENDARS) await t.ok(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: seed.year, days: calendarDays(seed) } });
    await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
    await advantagePool(t, rng, '320000', 40);
    await fileRecommendationPackage(t, '320000');
  });
  afterAll(() => t.close());

  async function passed(route: 'PROVINCIAL' | 'DIRECT' = 'PROVINCIAL') {
    let app = await submitted(t, rng, '320000', route);
    if (route === 'PROVINCIAL') app = { ...app, ...(await recommend(t, app, '320000')).data!.reviewApplicationByProvince.application };
    const reviewed = await t.ok(NATIONAL, { input: { id: app.id, version: app.version, decision: 'PASS', comments: '评审合格' } });
    return { ...app, ...reviewed.reviewApplicationNationally.application };
  }

  it('D 三(二)3: the national admin reviews recommended applications and direct ones (R3); a failure needs comments', async () => {
    const direct = await submitted(t, rng, '320000', 'DIRECT');
    expect((await t.ok(NATIONAL, { input: { id: direct.id, version: direct.version, decision: 'PASS' } })).reviewApplicationNationally.application.status).toBe('PASSED_REVIEW');
    const other = await submitted(t, rng, '320000');
    const notRecommended = await t.gql(NATIONAL, { input: { id: other.id, version: other.version, decision: 'PASS' } });
    expect(notRecommended.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const rec = (await recommend(t, other, '320000')).data!.reviewApplicationByProvince.application;
    expect((await t.gql(NATIONAL, { input: { id: rec.id, version: rec.version, decision: 'FAIL' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const failed = await t.ok(NATIONAL, { input: { id: rec.id, version: rec.version, decision: 'FAIL', comments: 'A 表佐证不足' } });
    expect(failed.reviewApplicationNationally.application).toMatchObject({ status: 'FAILED_REVIEW', nationalComments: 'A 表佐证不足' });
    expect((await t.gql(NATIONAL, { input: { id: rec.id, version: rec.version, decision: 'PASS' } }, as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('D 三(二)3 (R6): the notice lasts 10 working days by the calendar, skipping the National Day week', async () => {
    const app = await passed();
    t.setToday('2026-09-28');
    try {
      // 9-28 Mon, 9-29, 9-30; 10-1…10-7 off; 10-8 Thu, 10-9 Fri, 10-10 Sat (make-up), 10-12, 10-13, 10-14, 10-15.
      const { openPublicNotice } = await t.ok(OPEN, { input: { year: 2026, title: '2026 年度国家知识产权示范企业拟认定名单公示', startsOn: '2026-09-28', applicationIds: [app.id] } });
      expect(openPublicNotice.notice).toMatchObject({ startsOn: '2026-09-28', endsOn: '2026-10-15', entries: [{ applicationId: app.id, status: 'IN_NOTICE' }] });
      // The public sees the notice and its list.
      const pub = await t.ok(`{ publicNotices(year: 2026) { id endsOn entries { enterpriseName } objections { totalCount } } }`, undefined, as.anonymous);
      expect(pub.publicNotices[0]).toMatchObject({ endsOn: '2026-10-15', objections: null });
    } finally {
      t.setToday('2026-06-15');
    }
  });

  it('D 三(二)3 (R7, R8): a notice that ends with no objection pending is concluded by the scheduled job the next day', async () => {
    const app = await passed();
    t.setToday('2026-11-02');
    try {
      const notice = (await t.ok(OPEN, { input: { year: 2026, title: '公示（自动结束）', startsOn: '2026-11-02', applicationIds: [app.id] } })).openPublicNotice.notice;
      expect(notice.endsOn).toBe('2026-11-13');
      const statusOf = async () => (await t.sql<{ status: string }>('select status from demonstration_application where id = ?', [fromGlobalId(app.id)!.key]))[0]!.status;
      await runScheduledTransitions(t.orm, fixedClock('2026-11-13')); // its last day: still running
      expect(await statusOf()).toBe('IN_NOTICE');
      const run = await runScheduledTransitions(t.orm, fixedClock('2026-11-14'));
      expect(run.noticesConcluded).toBeGreaterThanOrEqual(1);
      expect(await statusOf()).toBe('DESIGNATED');
      const d = await t.ok(`query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { status history { operation role } enterprise { currentDesignation { validFrom validUntil } } } } }`, { id: app.id });
      t.setToday('2026-11-14');
      const after = await t.ok(`query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { status enterprise { currentDesignation { validFrom validUntil } } } } }`, { id: app.id });
      expect(d.node.status).toBe('DESIGNATED');
      expect(d.node.history.at(-1)).toEqual({ operation: 'concludePublicNotice', role: 'SYSTEM' });
      expect(after.node.enterprise.currentDesignation).toEqual({ validFrom: '2026-11-14', validUntil: '2029-11-13' });
      expect((await runScheduledTransitions(t.orm, fixedClock('2026-11-15'))).noticesConcluded).toBe(0); // idempotent
      expect(await t.sql("select count(*)::int as n from designation where enterprise_id = (select enterprise_id from demonstration_application where id = ?) and level = 'DEMONSTRATION'", [fromGlobalId(app.id)!.key])).toEqual([{ n: 1 }]);
    } finally {
      t.setToday('2026-06-15');
    }
  });

  it('D 三(二)3 (R7–R9): objections during the notice; an upheld one fails the application; the rest are designated for 3 years', async () => {
    const keep = await passed();
    const drop = await passed();
    t.setToday('2026-09-28');
    let noticeId: string;
    try {
      noticeId = (await t.ok(OPEN, { input: { year: 2026, title: '公示', startsOn: '2026-09-28', applicationIds: [keep.id, drop.id] } })).openPublicNotice.notice.id;
      // The public must leave contact details; a signed-in user need not.
      const anonymous = await t.gql(OBJECT, { input: { applicationId: drop.id, content: '该企业存在虚报数据的情况，请核查。' } }, as.anonymous);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const upheld = (await t.ok(OBJECT, { input: { applicationId: drop.id, content: '该企业存在虚报数据的情况，请核查。', contactName: '王先生', contactPhone: '13900001111' } }, as.anonymous)).lodgeObjection.objection;
      const dismissed = (await t.ok(OBJECT, { input: { applicationId: keep.id, content: '对该企业的评分有疑问，请复核。' } }, as.provincial('440000'))).lodgeObjection.objection;
      // Publishing before the notice ends, or with objections pending, is refused.
      t.setToday('2026-10-16');
      expect((await t.gql(PUBLISH, { input: { noticeId, designatedOn: '2026-10-15' } })).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R7' });
      expect((await t.gql(PUBLISH, { input: { noticeId } })).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R7', pendingObjections: 2 });
      await t.ok(DECIDE, { input: { id: upheld.id, decision: 'UPHOLD', note: '经核查属实' } });
      await t.ok(DECIDE, { input: { id: dismissed.id, decision: 'DISMISS', note: '评分有据' } });
      // After the notice, objecting is closed.
      expect((await t.gql(OBJECT, { input: { applicationId: keep.id, content: '公示期结束后的异议内容。' } }, as.provincial('440000'))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R6' });
      const { publishDesignationList } = await t.ok(PUBLISH, { input: { noticeId } });
      expect(publishDesignationList.designations).toEqual([
        { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2026, validFrom: '2026-10-16', validUntil: '2029-10-15', enterprise: { id: expect.any(String) } },
      ]);
      expect(await t.sql(`select status from demonstration_application where id in (?, ?) order by status`, [fromGlobalId(keep.id)!.key, fromGlobalId(drop.id)!.key])).toEqual([{ status: 'DESIGNATED' }, { status: 'OBJECTION_UPHELD' }]);
      // The new demonstration enterprise is in the public directory now.
      const dir = await t.ok(`query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { enterprise { stage } } } }`, { id: keep.id });
      expect(dir.node.enterprise.stage).toBe('DEMONSTRATION');
      const [{ eid }] = await t.sql<{ eid: string }>('select enterprise_id as eid from demonstration_application where id = ?', [fromGlobalId(keep.id)!.key]);
      expect((await t.ok(`query($id: ID!) { enterprise(id: $id) { name } }`, { id: toGlobalId("Enterprise", eid) }, as.anonymous)).enterprise).not.toBeNull();
      expect((await t.gql(PUBLISH, { input: { noticeId } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      // The application's full history: every transition with its actor and reason.
      const history = await t.ok(`query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { status history { operation role changes } } } }`, { id: drop.id });
      expect(history.node.status).toBe('OBJECTION_UPHELD');
      expect(history.node.history.map((h: any) => [h.operation, h.role])).toEqual([
        ['saveDemonstrationApplication', 'ENTERPRISE_USER'],
        ['submitDemonstrationApplication', 'ENTERPRISE_USER'],
        ['reviewApplicationByProvince', 'PROVINCIAL_ADMIN'],
        ['reviewApplicationNationally', 'NATIONAL_ADMIN'],
        ['openPublicNotice', 'NATIONAL_ADMIN'],
        ['decideObjection', 'NATIONAL_ADMIN'],
      ]);
      expect(history.node.history.at(-1).changes.reason).toEqual({ before: null, after: '经核查属实' });
    } finally {
      t.setToday('2026-06-15');
    }
  });
});
