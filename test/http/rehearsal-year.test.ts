/**
 * A programme year rehearsed over HTTP on a rehearsal clock (issue 12, item 4), as a training
 * deployment would: the server starts with CLOCK_TODAY=2026-07-15; an enterprise applies in July
 * inside the window, its bureau recommends it; the July deadline passes (a late submission is
 * refused, R4); the national bureau reviews it, opens the public notice in September, the national
 * admin moves the clock past the notice's end and runs the scheduled transitions, and the
 * enterprise holds a demonstration designation from the September list. Every step is a real
 * signed-in request, and every answer names the programme's date in `x-programme-date`.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';
import { advantagePool, NATIONAL_REVIEW, OPEN_NOTICE, PACKAGE, REVIEW, SAVE, storedFile, SUBMIT } from '../application/flow.js';
import { buildApp } from '../../src/app.js';
import { openProgrammeClock } from '../../src/common/rehearsal-clock.js';
import { toGlobalId } from '../../src/common/node.js';

const ADVANCE = `mutation($input: AdvanceProgrammeClockInput!) { advanceProgrammeClock(input: $input) { previousDate clock { today rehearsal } transitions { ran noticesConcluded withdrawn } } }`;
const RUN = `mutation { runScheduledTransitions { ran noticesConcluded } }`;
const APPLICATION = `query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { status enterprise { stage currentDesignation { level status batchYear validFrom validUntil } } } } }`;

describe('a programme year rehearsed through HTTP on the rehearsal clock', () => {
  let t: TestApp;
  let server: FastifyInstance;
  const rng = randomFor(20260715);
  const region = '320000';
  const tokens: Record<'national' | 'provincial' | 'applicant' | 'late', string> = { national: '', provincial: '', applicant: '', late: '' };
  let applicantId: string;
  let lateId: string;

  /** POST /graphql on the rehearsal server; fails the test on any error; checks the programme date in the header when `date` is given. */
  async function call<T = Record<string, any>>(query: string, variables: Record<string, unknown> | undefined, token: string, date?: string): Promise<T> {
    const res = await server.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    const body = res.json() as GraphQLResult<T>;
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    if (date) expect(res.headers['x-programme-date']).toBe(date);
    return body.data as T;
  }
  async function refusal(query: string, variables: Record<string, unknown>, token: string) {
    const res = await server.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: JSON.stringify({ query, variables }) });
    return (res.json() as GraphQLResult).errors?.[0]?.extensions;
  }
  const advance = (days: number, runTransitions = false) => call(ADVANCE, { input: { days, runTransitions } }, tokens.national);

  beforeAll(async () => {
    t = await createTestApp();
    // The training server: started with CLOCK_TODAY=2026-07-15, as src/main.ts does.
    const setting = { today: '2026-07-15' };
    const { clock } = await openProgrammeClock(t.orm.em.fork(), setting);
    server = (await buildApp({ config: { ...t.config, rehearsal: setting }, orm: t.orm, reference: t.reference, clock })).fastify;
    await server.ready();
    tokens.national = (await t.login('NATIONAL_ADMIN')).accessToken;
    tokens.provincial = (await t.login('PROVINCIAL_ADMIN', { regionCode: region })).accessToken;
    // The province's enterprises (its advantage enterprises set the recommendation quota), and two applicants
    // whose advantage cultivation ended in 2024.
    await advantagePool(t, rng, region, 40);
    const applicant = await makeEnterprise(t.orm.em, rng, { regionCode: region });
    const late = await makeEnterprise(t.orm.em, rng, { regionCode: region });
    for (const e of [applicant, late]) await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2021, validFrom: '2021-12-01', validUntil: '2024-11-30' });
    applicantId = applicant.id;
    lateId = late.id;
    tokens.applicant = (await t.login('ENTERPRISE_USER', { enterpriseId: applicant.id })).accessToken;
    tokens.late = (await t.login('ENTERPRISE_USER', { enterpriseId: late.id })).accessToken;
  });
  afterAll(async () => {
    await server?.close();
    await t.close();
  });

  it('July to September: apply, recommend, deadline, review, notice, list', async () => {
    // The national bureau enters the working-day calendars and opens the 2026 window (closing 31 July).
    for (const seed of CALENDARS) {
      await call(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: seed.year, days: calendarDays(seed) } }, tokens.national, '2026-07-15');
    }
    const window = await call(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { opensOn closesOn } } }`, undefined, tokens.national);
    expect(window.setApplicationWindow.window).toEqual({ opensOn: '2026-03-01', closesOn: '2026-07-31' });

    // 15 July: the enterprise applies inside the window; another one only saves a draft.
    const form = { year: 2026, route: 'PROVINCIAL', formContent: '申报书', workFoundation: '基础', goalsAndTasks: '目标', measures: '措施', scoreA: 80, scoreB: 85 };
    const draft = (await call(SAVE, { input: { enterpriseId: toGlobalId('Enterprise', applicantId), ...form } }, tokens.applicant, '2026-07-15')).saveDemonstrationApplication.application;
    const submitted = (await call(SUBMIT, { input: { id: draft.id, version: draft.version } }, tokens.applicant)).submitDemonstrationApplication.application;
    expect(submitted.status).toBe('SUBMITTED');
    const lateDraft = (await call(SAVE, { input: { enterpriseId: toGlobalId('Enterprise', lateId), ...form } }, tokens.late)).saveDemonstrationApplication.application;

    // The province files its recommendation package and recommends the application before the deadline.
    const letterFileId = await storedFile(t, { regionCode: region }, '推荐函.pdf');
    await call(PACKAGE, { input: { year: 2026, letterFileId, goals: '培育目标', workPlan: '工作计划', organization: '组织管理', policySupport: '政策支持', funding: '资金保障', supervision: '督导检查' } }, tokens.provincial);
    const recommended = (await call(REVIEW, { input: { id: submitted.id, version: submitted.version, decision: 'RECOMMEND' } }, tokens.provincial, '2026-07-15')).reviewApplicationByProvince.application;
    expect(recommended.status).toBe('RECOMMENDED');

    // The July deadline passes: 4 August. A submission now is refused (R4).
    expect((await advance(20)).advanceProgrammeClock).toEqual({ previousDate: '2026-07-15', clock: { today: '2026-08-04', rehearsal: true }, transitions: null });
    expect(await refusal(SUBMIT, { input: { id: lateDraft.id, version: lateDraft.version } }, tokens.late)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R4' });

    // The national review, in August.
    const passed = (await call(NATIONAL_REVIEW, { input: { id: recommended.id, version: recommended.version, decision: 'PASS' } }, tokens.national, '2026-08-04')).reviewApplicationNationally.application;
    expect(passed.status).toBe('PASSED_REVIEW');

    // 1 September: the public notice, 10 working days by the calendar (to Monday 14 September).
    expect((await advance(28)).advanceProgrammeClock.clock.today).toBe('2026-09-01');
    const notice = (await call(OPEN_NOTICE, { input: { year: 2026, title: '2026 年度国家知识产权示范企业拟认定名单公示', startsOn: '2026-09-01', applicationIds: [passed.id] } }, tokens.national, '2026-09-01')).openPublicNotice.notice;
    expect(notice).toMatchObject({ startsOn: '2026-09-01', endsOn: '2026-09-14' });
    const published = await call(`{ publicNotices(year: 2026) { endsOn entries { enterpriseName } } }`, undefined, '', '2026-09-01');
    expect(published.publicNotices).toEqual([{ endsOn: '2026-09-14', entries: [{ enterpriseName: expect.any(String) }] }]);

    // Its last day: the scheduled transitions leave it running.
    expect((await advance(13)).advanceProgrammeClock.clock.today).toBe('2026-09-14');
    expect((await call(RUN, undefined, tokens.national, '2026-09-14')).runScheduledTransitions).toEqual({ ran: true, noticesConcluded: 0 });
    expect((await call(APPLICATION, { id: passed.id }, tokens.national)).node.status).toBe('IN_NOTICE');

    // 15 September: the clock moves on and the transitions run on the new date; the list is published.
    expect((await advance(1, true)).advanceProgrammeClock).toEqual({ previousDate: '2026-09-14', clock: { today: '2026-09-15', rehearsal: true }, transitions: { ran: true, noticesConcluded: 1, withdrawn: 0 } });
    const designated = await call(APPLICATION, { id: passed.id }, tokens.applicant, '2026-09-15');
    expect(designated.node).toEqual({
      status: 'DESIGNATED',
      enterprise: { stage: 'DEMONSTRATION', currentDesignation: { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2026, validFrom: '2026-09-15', validUntil: '2029-09-14' } },
    });
    // The public directory shows it too, on the rehearsal date.
    const pub = await call(`query($id: ID!) { enterprise(id: $id) { currentDesignation { level validFrom } } }`, { id: toGlobalId('Enterprise', applicantId) }, '', '2026-09-15');
    expect(pub.enterprise.currentDesignation).toEqual({ level: 'DEMONSTRATION', validFrom: '2026-09-15' });
    // Idempotent: nothing left to conclude.
    expect((await call(RUN, undefined, tokens.national)).runScheduledTransitions).toEqual({ ran: true, noticesConcluded: 0 });
    // The transitions ran as the system on the rehearsal's dates, and the moves of the clock are in the audit log.
    const audit = await t.sql<{ operation: string; role: string }>(
      `select operation, role from audit_entry where operation in ('advanceProgrammeClock', 'concludePublicNotice') order by at, operation`,
    );
    expect(audit.map((a) => `${a.operation}:${a.role}`)).toEqual([
      'advanceProgrammeClock:NATIONAL_ADMIN',
      'advanceProgrammeClock:NATIONAL_ADMIN',
      'advanceProgrammeClock:NATIONAL_ADMIN',
      'advanceProgrammeClock:NATIONAL_ADMIN',
      // The application's transition and the new title's first entry.
      'concludePublicNotice:SYSTEM',
      'concludePublicNotice:SYSTEM',
    ]);
  });
});
