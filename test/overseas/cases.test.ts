/**
 * Protection cases, R20 [D 四(二)一 "建立集重大知识产权问题需求收集、信息反馈、协调应对于一体的工作机制";
 * A 四(三) "依托知识产权维权援助中心，建立优势企业维权援助服务快速反应机制"]: a case abroad goes to the one
 * workstation covering the country, a case at home to the assistance centre of the enterprise's
 * jurisdiction, from an enterprise holding a valid title; it moves received → acknowledged →
 * information fed back → coordinated response → closed, in that order; its deadlines run in the
 * handling office's business time, stand still while it waits on the enterprise, and move with a
 * calendar change keeping the time used. Confidential: the enterprise, the handler, the
 * enterprise's bureau and the national bureau only; the public sees the targets and counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { CALENDAR, caseMutations, errorOf, SET_WS, titledEnterprises } from './world.js';
import { insertOrganization } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const CASE_FIELDS = `id version status outcome channel countryCode type urgency waitingOnEnterprise receivedAt closedAt enterpriseName handler { name }
  deadlines { clock targetBusinessHours dueAt warnAt metAt metBusinessHours state }
  participants { kind role endedAt participantId expert { name } organization { name } alliance { name } }
  timeline(first: 50) { totalCount edges { node { kind side body measure at } } }`;
const { REPORT, ADVANCE, WAIT, RESUME, NOTE, WITHDRAW, REASSIGN } = caseMutations(CASE_FIELDS);
const PARTICIPANT = `mutation($input: AddCaseParticipantInput!) { addCaseParticipant(input: $input) { participant { kind role participantId } } }`;
const LIST = `query($filter: ProtectionCaseFilter) { protectionCases(first: 50, filter: $filter) { totalCount edges { node { id status } } } }`;

const WEEK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' }));
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d);
type Case = { id: string; version: number; status: string; deadlines: { clock: string; dueAt: unknown; metAt: unknown; state: string; metBusinessHours: number | null; warnAt: unknown }[]; timeline: { edges: { node: { kind: string } }[] }; [k: string]: unknown };

describe('protection cases (R20)', () => {
  let t: TestApp;
  let demo: string; // demonstration enterprise, Guangdong
  let adv: string; // advantage enterprise, Jiangsu
  let untitled: string;
  let germany: string;
  let germanyWs: string;
  let usa: string;
  let centre: string;
  let agency: string;

  const report = (viewer: Viewer, input: Record<string, unknown>) =>
    t.gql<any>(REPORT, { input: { channel: 'OVERSEAS', type: 'INFRINGEMENT_CLAIM', urgency: 'NORMAL', countryCode: 'DE', title: '德国展会被控侵权', description: '在汉诺威工博会上收到警告函，要求撤展。', ...input } }, viewer);
  const station = (org: string) => as.user('SERVICE_PROVIDER', { organizationId: org });

  beforeAll(async () => {
    t = await createTestApp();
    // Monday 2026-06-15, 10:00 in Berlin (08:00 UTC).
    t.setToday('2026-06-15T08:00:00Z');
    ({ demo, adv, untitled } = await titledEnterprises(t, randomFor(20)));
    germany = await insertOrganization(t.orm.em, { name: '驻德国工作站', kind: 'OVERSEAS_STATION', country: '德国' });
    usa = await insertOrganization(t.orm.em, { name: '驻美国工作站', kind: 'OVERSEAS_STATION', country: '美国' });
    centre = await insertOrganization(t.orm.em, { name: '江苏省知识产权维权援助中心', kind: 'RIGHTS_PROTECTION_CENTER', regionCode: '320000' });
    agency = await insertOrganization(t.orm.em, { name: '某专利代理事务所', kind: 'AGENCY', regionCode: '440000' });
    const profile = (org: string, country: string, covered: string[], zone: string) => ({ organizationId: toGlobalId('ServiceOrganization', org), hostOffice: '代表处', countryCode: country, city: '首都', countriesCovered: covered, languages: ['zh'], timeZone: zone, weeklyHours: WEEK });
    germanyWs = (await t.ok(SET_WS, { input: profile(germany, 'DE', ['DE', 'AT'], 'Europe/Berlin') })).setOverseasWorkstation.workstation.id;
    await t.ok(SET_WS, { input: profile(usa, 'US', ['US'], 'America/New_York') });
  });
  afterAll(() => t.close());

  it('routes a case abroad to the workstation covering the country, with deadlines in its business hours', async () => {
    const c: Case = (await report(as.enterprise(demo), { countryCode: 'at' })).data.reportProtectionCase.protectionCase;
    expect(c).toMatchObject({ status: 'RECEIVED', countryCode: 'AT', channel: 'OVERSEAS', handler: { name: '驻德国工作站' }, waitingOnEnterprise: false });
    // 16 business hours from Monday 10:00 Berlin on 09:00–17:00 weekdays: Wednesday 10:00 Berlin (08:00 UTC).
    const first = c.deadlines.find((d) => d.clock === 'FIRST_RESPONSE')!;
    expect(iso(first.dueAt)).toBe('2026-06-17T08:00:00.000Z');
    // Warned at three quarters (12 h): Tuesday 14:00 Berlin.
    expect(iso(first.warnAt)).toBe('2026-06-16T12:00:00.000Z');
    expect(c.deadlines.map((d) => d.state)).toEqual(['ON_TRACK', 'ON_TRACK', 'ON_TRACK']);
    expect(c.timeline.edges.map((e) => e.node.kind)).toEqual(['REPORTED']);
    // The bureau reports on behalf of its enterprise; the handling office sees it too.
    const byBureau = (await report(as.provincial('440000'), { enterpriseId: toGlobalId('Enterprise', demo), countryCode: 'US', type: 'CUSTOMS_SEIZURE', urgency: 'CRITICAL' })).data.reportProtectionCase.protectionCase;
    expect(byBureau.handler.name).toBe('驻美国工作站');
    expect((await t.ok(LIST, { filter: { countryCode: 'US' } }, station(usa))).protectionCases.totalCount).toBe(1);
  });

  it('R20: a title is needed, a country must be covered, a domestic case goes to the centre of the jurisdiction', async () => {
    const noTitle = errorOf(await report(as.enterprise(untitled), {}));
    expect(noTitle).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R20', condition: 'NO_TITLE' });
    expect(errorOf(await report(as.enterprise(demo), { countryCode: 'JP' }))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R20', condition: 'NO_WORKSTATION' });
    expect(errorOf(await report(as.enterprise(demo), { channel: 'DOMESTIC', countryCode: null }))).toMatchObject({ rule: 'R20', condition: 'NO_CENTRE' });
    const home = (await report(as.enterprise(adv), { channel: 'DOMESTIC', countryCode: null, type: 'RIGHTS_INFRINGED' })).data.reportProtectionCase.protectionCase;
    expect(home.handler.name).toBe('江苏省知识产权维权援助中心');
    for (const bad of [{ countryCode: null }, { countryCode: 'CN' }, { countryCode: 'XX' }, { title: '' }, { channel: 'DOMESTIC', countryCode: 'DE' }]) {
      expect(errorOf(await report(as.enterprise(demo), bad)).code).toBe('BAD_USER_INPUT');
    }
    expect(errorOf(await report(as.provincial('320000'), { enterpriseId: toGlobalId('Enterprise', demo) })).code).toBe('FORBIDDEN');
    expect(errorOf(await report(station(germany), { enterpriseId: toGlobalId('Enterprise', demo) })).code).toBe('FORBIDDEN');
    expect(errorOf(await report(as.anonymous, {})).code).toBe('UNAUTHENTICATED');
  });

  it('moves through the flow in order, pauses while waiting on the enterprise, and closes', async () => {
    let c: Case = (await report(as.enterprise(demo), { title: '海关扣押', type: 'CUSTOMS_SEIZURE', urgency: 'URGENT' })).data.reportProtectionCase.protectionCase;
    const advance = (viewer: Viewer, to: string, extra: Record<string, unknown> = {}) => t.gql<any>(ADVANCE, { input: { caseId: c.id, version: c.version, to, body: '说明', ...extra } }, viewer);
    // Out of order, by the wrong office, by the enterprise: refused, nothing stored.
    expect(errorOf(await advance(station(germany), 'RESPONDING'))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R20', condition: 'OUT_OF_ORDER' });
    expect(errorOf(await advance(station(usa), 'ACKNOWLEDGED')).code).toBe('NOT_FOUND');
    expect(errorOf(await advance(as.enterprise(demo), 'ACKNOWLEDGED')).code).toBe('FORBIDDEN');
    expect(errorOf(await advance(station(germany), 'CLOSED')).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(ADVANCE, { input: { caseId: c.id, version: c.version + 5, to: 'ACKNOWLEDGED', body: 'x' } }, station(germany))).code).toBe('CONFLICT');

    t.setToday('2026-06-15T09:00:00Z'); // an hour later
    c = (await advance(station(germany), 'ACKNOWLEDGED')).data.advanceProtectionCase.protectionCase;
    const first = c.deadlines.find((d) => d.clock === 'FIRST_RESPONSE')!;
    expect(first).toMatchObject({ state: 'MET', metBusinessHours: 1 });

    // Waiting on the enterprise from Monday 12:00 Berlin to Wednesday 12:00: the feedback deadline (24 business hours: Thursday 10:00)
    // moves by the 16 business hours of the wait, over the weekend, to Monday 10:00.
    expect(iso(c.deadlines.find((d) => d.clock === 'FEEDBACK')!.dueAt)).toBe('2026-06-18T08:00:00.000Z');
    t.setToday('2026-06-15T10:00:00Z');
    c = (await t.gql<any>(WAIT, { input: { caseId: c.id, version: c.version, request: '请提供扣押通知书和产品的专利证书' } }, station(germany))).data.waitOnEnterprise.protectionCase;
    expect(c.waitingOnEnterprise).toBe(true);
    expect(c.deadlines.find((d) => d.clock === 'FEEDBACK')).toMatchObject({ dueAt: null, state: 'PAUSED' });
    expect(errorOf(await t.gql(WAIT, { input: { caseId: c.id, version: c.version, request: 'x' } }, station(germany))).code).toBe('CONFLICT');
    t.setToday('2026-06-17T10:00:00Z');
    // The enterprise supplies the material: the wait ends by itself.
    const noted = (await t.ok(NOTE, { input: { caseId: c.id, body: '扣押通知书和专利证书见附件' } }, as.enterprise(demo))).addCaseNote;
    c = noted.protectionCase;
    expect(noted.event).toMatchObject({ kind: 'NOTE', side: 'ENTERPRISE' });
    expect(c.waitingOnEnterprise).toBe(false);
    expect(iso(c.deadlines.find((d) => d.clock === 'FEEDBACK')!.dueAt)).toBe('2026-06-22T08:00:00.000Z');
    // Measures are for the domestic centres.
    expect(errorOf(await t.gql(NOTE, { input: { caseId: c.id, body: '跟踪', measure: 'TRACKING' } }, station(germany))).code).toBe('BAD_USER_INPUT');

    c = (await advance(station(germany), 'FEEDBACK_GIVEN', { version: c.version })).data.advanceProtectionCase.protectionCase;
    c = (await t.gql<any>(ADVANCE, { input: { caseId: c.id, version: c.version, to: 'RESPONDING', body: '协调当地律师向海关提出异议' } }, station(germany))).data.advanceProtectionCase.protectionCase;
    c = (await t.gql<any>(ADVANCE, { input: { caseId: c.id, version: c.version, to: 'CLOSED', body: '货物已放行', outcome: 'RESOLVED' } }, station(germany))).data.advanceProtectionCase.protectionCase;
    expect(c).toMatchObject({ status: 'CLOSED', outcome: 'RESOLVED' });
    expect(c.deadlines.every((d) => d.metAt)).toBe(true);
    expect(c.timeline.edges.map((e) => e.node.kind)).toEqual(['REPORTED', 'ACKNOWLEDGED', 'WAITING_ON_ENTERPRISE', 'NOTE', 'RESUMED', 'FEEDBACK_GIVEN', 'RESPONDING', 'CLOSED']);
    expect(errorOf(await t.gql(NOTE, { input: { caseId: c.id, body: '再补充' } }, as.enterprise(demo)))).toMatchObject({ code: 'RULE_VIOLATION', condition: 'CASE_CLOSED' });
    // The timeline is append-only, even for the database's own users.
    await expect(t.orm.em.execute(`update protection_case_event set body = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.orm.em.execute(`delete from protection_case_event`)).rejects.toThrow(/append-only/);
  });

  it('breaches are listed; a withdrawal closes every clock', async () => {
    t.setToday('2026-06-15T08:00:00Z');
    const c: Case = (await report(as.enterprise(demo), { title: '信息需求', type: 'INFORMATION_NEED', urgency: 'CRITICAL' })).data.reportProtectionCase.protectionCase;
    // 4 business hours: due 14:00 Berlin; from 13:00 it warns, after 14:00 it is breached (at 14:00 it is still on time).
    t.setToday('2026-06-15T12:00:00Z');
    expect((await t.ok(LIST, { filter: { deadlineStates: ['BREACHED'] } })).protectionCases.edges.map((e: any) => e.node.id)).not.toContain(c.id);
    t.setToday('2026-06-15T11:30:00Z');
    expect((await t.ok(LIST, { filter: { deadlineStates: ['AT_RISK'] } })).protectionCases.edges.map((e: any) => e.node.id)).toContain(c.id);
    t.setToday('2026-06-15T12:30:00Z');
    const breached = (await t.ok(LIST, { filter: { deadlineStates: ['BREACHED'] } })).protectionCases.edges.map((e: any) => e.node.id);
    expect(breached).toContain(c.id);
    // The enterprise's own list filters the same way; another bureau sees none of it.
    expect((await t.ok(LIST, { filter: { deadlineStates: ['BREACHED'] } }, as.enterprise(demo))).protectionCases.edges.map((e: any) => e.node.id)).toContain(c.id);
    expect((await t.ok(LIST, { filter: { deadlineStates: ['BREACHED'] } }, as.provincial('320000'))).protectionCases.totalCount).toBe(0);
    const w = (await t.ok(WITHDRAW, { input: { caseId: c.id, version: c.version, reason: '已自行解决' } }, as.enterprise(demo))).withdrawProtectionCase.protectionCase;
    expect(w).toMatchObject({ status: 'CLOSED', outcome: 'WITHDRAWN' });
    expect(w.deadlines.map((d: any) => d.state)).toEqual(['MET_LATE', 'MET', 'MET']);
    expect((await t.ok(LIST, { filter: { deadlineStates: ['MET_LATE'] } })).protectionCases.edges.map((e: any) => e.node.id)).toContain(c.id);
  });

  it('a calendar change moves open deadlines and keeps the time used; reassignment does too', async () => {
    t.setToday('2026-06-15T08:00:00Z'); // Monday 10:00 Berlin
    let c: Case = (await report(as.enterprise(demo), { title: '诉讼', type: 'LITIGATION' })).data.reportProtectionCase.protectionCase;
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-06-17T08:00:00.000Z');
    // Tuesday 10:00 Berlin (8 hours used), Wednesday is declared a holiday: the remaining 8 hours run Thursday 09:00–17:00.
    t.setToday('2026-06-16T08:00:00Z');
    await t.ok(CALENDAR, { input: { workstationId: germanyWs, year: 2026, days: [{ day: '2026-06-17', kind: 'HOLIDAY', name: '临时闭馆' }] } });
    c = (await t.ok(`query($id: ID!) { node(id: $id) { ... on ProtectionCase { ${CASE_FIELDS} } } }`, { id: c.id })).node;
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-06-18T08:00:00.000Z');
    expect(c.timeline.edges.map((e) => e.node.kind)).toContain('DEADLINES_MOVED');
    // Reassigned to the US workstation on Tuesday 10:00 Berlin (04:00 New York): 8 hours used, 8 left from 09:00 New York (13:00 UTC) → 17:00 New York (21:00 UTC).
    expect(errorOf(await t.gql(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', centre), reason: 'x' } })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', usa), reason: 'x' } }, as.provincial('440000'))).code).toBe('FORBIDDEN');
    c = (await t.ok(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', usa), reason: '涉及美国母公司' } })).reassignProtectionCase.protectionCase;
    expect(c.handler).toEqual({ name: '驻美国工作站' });
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-06-16T21:00:00.000Z');
    // The old workstation no longer sees it.
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: c.id }, station(germany))).node).toBeNull();
  });

  it('the handling office may resume a wait itself; only it', async () => {
    t.setToday('2026-06-15T08:00:00Z');
    let c: Case = (await report(as.enterprise(demo), { title: '等待' })).data.reportProtectionCase.protectionCase;
    expect(errorOf(await t.gql(RESUME, { input: { caseId: c.id, version: c.version } }, station(germany))).code).toBe('CONFLICT');
    c = (await t.ok(WAIT, { input: { caseId: c.id, version: c.version, request: '请补充' } }, station(germany))).waitOnEnterprise.protectionCase;
    expect(errorOf(await t.gql(RESUME, { input: { caseId: c.id, version: c.version } }, as.enterprise(demo))).code).toBe('FORBIDDEN');
    // Monday 10:00–11:00 Berlin waited: the first response moves by that hour (over Wednesday, the holiday set above): Thursday 11:00.
    t.setToday('2026-06-15T09:00:00Z');
    c = (await t.ok(RESUME, { input: { caseId: c.id, version: c.version, note: '企业已电话说明' } }, station(germany))).resumeProtectionCase.protectionCase;
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-06-18T09:00:00.000Z');
    expect(c.timeline.edges.map((e) => e.node.kind)).toEqual(['REPORTED', 'WAITING_ON_ENTERPRISE', 'RESUMED']);
  });

  it('participants: pool experts, service organisations, the alliance fund of a member', async () => {
    t.setToday('2026-06-15T08:00:00Z');
    const c: Case = (await report(as.enterprise(demo), { title: '展会纠纷', type: 'EXHIBITION_DISPUTE' })).data.reportProtectionCase.protectionCase;
    const add = (input: Record<string, unknown>, viewer: Viewer = station(germany)) => t.gql<any>(PARTICIPANT, { input: { caseId: c.id, role: '法律意见', ...input } }, viewer);
    const p = (await add({ kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', agency) })).data.addCaseParticipant.participant;
    expect(p).toMatchObject({ kind: 'ORGANIZATION' });
    expect(errorOf(await add({ kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', agency) })).code).toBe('CONFLICT');
    expect(errorOf(await add({ kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', germany) })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await add({ kind: 'EXPERT', organizationId: toGlobalId('ServiceOrganization', agency) })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await add({ kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', agency) }, as.enterprise(demo))).code).toBe('FORBIDDEN');
    await t.ok(`mutation($input: EndCaseParticipantInput!) { endCaseParticipant(input: $input) { participant { endedAt } } }`, { input: { caseId: c.id, participantId: p.participantId } }, station(germany));
    // Ended, it may be invited again.
    expect((await add({ kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', agency) })).data.addCaseParticipant.participant.kind).toBe('ORGANIZATION');
  });

  it('is confidential: the enterprise, the handler, its bureau and the national bureau only', async () => {
    t.setToday('2026-06-15T08:00:00Z');
    const c: Case = (await report(as.enterprise(demo), { title: '保密案件' })).data.reportProtectionCase.protectionCase;
    const sees = async (viewer: Viewer) => ((await t.gql<any>(LIST, {}, viewer)).data?.protectionCases.edges ?? []).some((e: { node: { id: string } }) => e.node.id === c.id);
    const node = async (viewer: Viewer) => (await t.gql<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: c.id }, viewer)).data?.node ?? null;
    for (const viewer of [as.enterprise(demo), station(germany), as.provincial('440000'), as.national()]) {
      expect(await sees(viewer)).toBe(true);
      expect(await node(viewer)).not.toBeNull();
    }
    for (const viewer of [as.enterprise(adv), station(usa), station(centre), station(agency), as.provincial('320000'), as.user('EXPERT', { personId: '00000000-0000-0000-0000-000000000001' })]) {
      expect(await sees(viewer)).toBe(false);
      expect(await node(viewer)).toBeNull();
      expect(errorOf(await t.gql(NOTE, { input: { caseId: c.id, body: '窥探' } }, viewer)).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    }
    expect(errorOf(await t.gql(LIST, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    // The public reads the targets (and the statistics' counts).
    const targets = (await t.ok(`{ caseDeadlineTargets(channel: OVERSEAS) { type urgency firstResponseHours isDefault } }`, {}, as.anonymous)).caseDeadlineTargets;
    expect(targets).toHaveLength(18);
  });

  it('the national bureau sets targets for new cases', async () => {
    const SET = `mutation($input: SetCaseDeadlineTargetInput!) { setCaseDeadlineTarget(input: $input) { target { firstResponseHours feedbackHours resolutionHours isDefault } } }`;
    const key = { channel: 'OVERSEAS', type: 'LITIGATION', urgency: 'URGENT' };
    expect((await t.ok(SET, { input: { ...key, firstResponseHours: 2, feedbackHours: 8, resolutionHours: 160 } })).setCaseDeadlineTarget.target).toMatchObject({ firstResponseHours: 2, isDefault: false });
    expect(errorOf(await t.gql(SET, { input: { ...key, firstResponseHours: 10, feedbackHours: 8, resolutionHours: 160 } })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(SET, { input: { ...key, firstResponseHours: 2, feedbackHours: 8, resolutionHours: 160 } }, as.provincial('440000'))).code).toBe('FORBIDDEN');
    t.setToday('2026-06-15T08:00:00Z');
    const c: Case = (await report(as.enterprise(demo), { type: 'LITIGATION', urgency: 'URGENT' })).data.reportProtectionCase.protectionCase;
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-06-15T10:00:00.000Z');
    expect((await t.ok(SET, { input: key })).setCaseDeadlineTarget.target.isDefault).toBe(true);
  });

  it('statistics count the cases each viewer sees, by country; response times in business hours', async () => {
    // Midnight in China: the as-of day starts now, so the lists' states and the statistics' breaches agree.
    t.setToday('2026-06-20T16:00:00Z');
    const STATS = `query($q: StatisticsQuery!) { statistics(query: $q) { rows { isTotal keys { value } values { measure value } } } }`;
    const measures = ['PROTECTION_CASES', 'PROTECTION_CASES_CLOSED', 'CASE_DEADLINE_BREACHES', 'CASE_FIRST_RESPONSE_HOURS'];
    const byCountry = async (viewer: Viewer) => {
      const rows = (await t.ok(STATS, { q: { measures, dimensions: ['COUNTRY'], totals: 'NONE', from: '2026-01-01', to: '2026-12-31' } }, viewer)).statistics.rows;
      return Object.fromEntries(rows.map((r: any) => [r.keys[0].value, Object.fromEntries(r.values.map((v: any) => [v.measure, v.value]))]));
    };
    const listed = async (viewer: Viewer) => (await t.ok(`{ protectionCases(first: 100) { edges { node { countryCode status deadlines { state metBusinessHours clock } } } } }`, {}, viewer)).protectionCases.edges.map((e: any) => e.node);
    for (const viewer of [as.national(), as.provincial('440000'), as.enterprise(demo), station(germany)]) {
      const rows = await listed(viewer);
      const figures = await byCountry(viewer);
      for (const code of new Set(rows.map((r: any) => r.countryCode).filter(Boolean))) {
        const mine = rows.filter((r: any) => r.countryCode === code);
        expect(figures[code as string]).toMatchObject({
          PROTECTION_CASES: mine.length,
          PROTECTION_CASES_CLOSED: mine.filter((r: any) => r.status === 'CLOSED').length,
          CASE_DEADLINE_BREACHES: mine.filter((r: any) => r.deadlines.some((d: any) => d.state === 'BREACHED' || d.state === 'MET_LATE')).length,
        });
        const hours = mine.map((r: any) => r.deadlines[0].metBusinessHours).filter((h: number | null) => h != null);
        if (hours.length) expect(figures[code as string].CASE_FIRST_RESPONSE_HOURS).toBeCloseTo(hours.reduce((a: number, b: number) => a + b, 0) / hours.length, 6);
      }
    }
    // The public reads counts by country and type (never response times or breaches).
    const PUBLIC = `query($q: PublicStatisticsQuery!) { publicStatistics(query: $q) { rows { keys { value } values { measure value } } } }`;
    const pub = await t.gql<any>(PUBLIC, { q: { measures: ['PROTECTION_CASES'], dimensions: ['COUNTRY', 'YEAR'], fromYear: 2026, toYear: 2026 } }, as.anonymous);
    expect(pub.errors?.[0]?.message).toBeUndefined();
    expect(errorOf(await t.gql(PUBLIC, { q: { measures: ['CASE_DEADLINE_BREACHES'], dimensions: [], fromYear: 2026, toYear: 2026 } }, as.anonymous)).code).toBe('BAD_USER_INPUT');
  });

  it('the scheduled transitions load a workstation’s missing holidays and move its open deadlines', async () => {
    const france = await insertOrganization(t.orm.em, { name: '驻法国工作站', kind: 'OVERSEAS_STATION', country: '法国' });
    await t.ok(SET_WS, { input: { organizationId: toGlobalId('ServiceOrganization', france), hostOffice: '代表处', countryCode: 'FR', city: '巴黎', countriesCovered: ['FR'], languages: ['zh', 'fr'], timeZone: 'Europe/Paris', weeklyHours: WEEK } });
    // Friday 10 July, 10:00 in Paris: 16 business hours end on Tuesday 14 July at 10:00 — until the national holiday is known.
    t.setToday('2026-07-10T08:00:00Z');
    let c: Case = (await report(as.enterprise(demo), { countryCode: 'FR', title: '法国' })).data.reportProtectionCase.protectionCase;
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-07-14T08:00:00.000Z');
    const run = (await t.ok(`mutation { runScheduledTransitions { holidaysLoaded } }`)).runScheduledTransitions;
    expect(run.holidaysLoaded).toBeGreaterThanOrEqual(1);
    c = (await t.ok(`query($id: ID!) { node(id: $id) { ... on ProtectionCase { ${CASE_FIELDS} } } }`, { id: c.id })).node;
    expect(iso(c.deadlines[0]!.dueAt)).toBe('2026-07-15T08:00:00.000Z');
    expect(c.timeline.edges.map((e) => e.node.kind)).toEqual(['REPORTED', 'DEADLINES_MOVED']);
    // Idempotent: nothing more to load this year (the next one from 1 December).
    expect((await t.ok(`mutation { runScheduledTransitions { holidaysLoaded } }`)).runScheduledTransitions.holidaysLoaded).toBe(0);
  });
});
