/**
 * Patent navigation and priority examination in the demo's showcase (seeds/showcase-navigation.ts):
 * 广东华创's priority-examination requests in every state (R21) within Guangdong's number, its
 * navigation projects in every state with 广东服务团队 analysing, a published report in the public
 * catalogue and this year's pilots on the public list.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';

const TODAY = '2026-11-22';

describe('demo showcase: patent navigation and priority examination', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 100, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  }, 180_000);
  afterAll(() => t.close());

  it('priority-examination requests in every state, within Guangdong’s number for the year', async () => {
    const rows = (await t.ok<any>(`{ priorityExaminationRequests(first: 20) { edges { node { status outcome grantedOn quotaYear enterpriseName } } } }`, {}, as.provincial('440000'))).priorityExaminationRequests.edges.map((e: any) => e.node);
    const states = rows.map((r: any) => `${r.status}/${r.outcome ?? '-'}/${r.grantedOn ? 'granted' : '-'}`).sort();
    expect(states).toEqual(['DECLINED/-/-', 'RECOMMENDED/ACCEPTED/granted', 'RECOMMENDED/NOT_ACCEPTED/-', 'RECOMMENDED/PENDING/-', 'REQUESTED/-/-']);
    const [quota] = (await t.ok<any>(`{ priorityExaminationQuotas(year: 2026) { quota isDefault used } }`, {}, as.provincial('440000'))).priorityExaminationQuotas;
    expect(quota.quota).toBe(30);
    expect(quota.isDefault).toBe(false);
    expect(quota.used).toBe(rows.filter((r: any) => r.status === 'RECOMMENDED' && r.quotaYear === 2026).length);
  });

  it('projects in every state with the provider analysing; a published report and two pilots for the public', async () => {
    const projects = (await t.ok<any>(`{ navigationProjects(first: 20) { edges { node { title status organization { name } reports { publishedAt } pilotYear } } } }`, {}, as.provincial('440000'))).navigationProjects.edges.map((e: any) => e.node);
    expect(projects.map((p: any) => p.status).sort()).toEqual(['ANALYSING', 'CANCELLED', 'CLOSED', 'PLANNED', 'REPORTED']);
    for (const p of projects) expect(p.organization).not.toBeNull();
    const catalogue = (await t.ok<any>(`{ navigationReports(first: 20) { edges { node { title projectTitle enterpriseName } } } }`, {}, as.anonymous)).navigationReports.edges;
    expect(catalogue).toHaveLength(1);
    const pilots = (await t.ok<any>(`{ navigationPilots(first: 20, filter: { year: 2026 }) { edges { node { title bureauCode enterpriseName } } } }`, {}, as.anonymous)).navigationPilots.edges;
    expect(pilots.map((e: any) => e.node.bureauCode)).toEqual(['440000', '440000']);
    const operations = (await t.ok<any>(`{ ipOperations(first: 20) { edges { node { kind direction amount } } } }`, {}, as.provincial('440000'))).ipOperations.edges.map((e: any) => e.node.kind);
    expect(operations.sort()).toEqual(['LICENCE', 'PLEDGE', 'PLEDGE', 'TRANSFER']);
    const [alliance] = (await t.ok<any>(`{ patentAlliances(first: 5) { edges { node { name members { name } fund { balance contributed paidOut } } } } }`, {}, as.provincial('440000'))).patentAlliances.edges.map((e: any) => e.node);
    expect(alliance.members).toHaveLength(4);
    expect(alliance.fund).toEqual({ balance: 1_850_000, contributed: 2_300_000, paidOut: 450_000 });
    const [collaboration] = (await t.ok<any>(`{ collaborationAgreements(first: 5) { edges { node { partners { kind } applicationNumbers } } } }`, {}, as.provincial('440000'))).collaborationAgreements.edges.map((e: any) => e.node);
    expect(collaboration.applicationNumbers).toHaveLength(2);
    const standards = (await t.ok<any>(`{ standardParticipations(first: 5) { edges { node { level role essentialPatents } } } }`, {}, as.provincial('440000'))).standardParticipations.edges.map((e: any) => e.node);
    expect(standards.map((x: any) => `${x.level}/${x.role}/${x.essentialPatents.length}`).sort()).toEqual(['GROUP/LEAD/2', 'NATIONAL/PARTICIPANT/0']);
    const stations = (await t.ok<any>(`{ overseasWorkstations(first: 5) { edges { node { countryCode countriesCovered timeZone calendar(year: 2026) { day } } } } }`, {}, as.anonymous)).overseasWorkstations.edges.map((e: any) => e.node);
    expect(stations.map((s: any) => s.countryCode).sort()).toEqual(['DE', 'JP', 'US']);
    for (const s of stations) expect(s.calendar.length).toBeGreaterThan(5);
    const publications = (await t.ok<any>(`{ overseasPublications(first: 5) { edges { node { kind countryCodes } } } }`, {}, as.anonymous)).overseasPublications.edges.map((e: any) => e.node.kind);
    expect(publications.sort()).toEqual(['ENVIRONMENT_REPORT', 'OPERATION_GUIDE']);
    const observers = (await t.ok<any>(`{ overseasObservers(first: 5) { edges { node { enterpriseName countryCodes demonstration } } } }`, {}, as.anonymous)).overseasObservers.edges.map((e: any) => e.node);
    expect(observers).toEqual([{ enterpriseName: '广东华创智能装备股份有限公司', countryCodes: ['DE', 'AT'], demonstration: true }]);
    expect((await t.ok<any>(`{ observerReports(first: 5) { totalCount } }`, {}, as.provincial('440000'))).observerReports.totalCount).toBe(1);
    // Protection cases (R20) in every state, one never acknowledged and breached; the German workstation's four.
    const cases = (await t.ok<any>(`{ protectionCases(first: 20) { edges { node { title status channel countryCode handler { name } deadlines { clock state } } } } }`)).protectionCases.edges.map((e: any) => e.node);
    expect(new Set(cases.map((c: any) => c.status))).toEqual(new Set(['RECEIVED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'RESPONDING', 'CLOSED']));
    expect(cases.filter((c: any) => c.channel === 'DOMESTIC').map((c: any) => c.handler.name)).toEqual(['广东省知识产权维权援助中心']);
    const breached = (await t.ok<any>(`{ protectionCases(first: 20, filter: { deadlineStates: [BREACHED] }) { edges { node { title deadlines { clock state } } } } }`)).protectionCases.edges.map((e: any) => e.node);
    expect(breached.map((c: any) => c.title)).toEqual(['瑞士客户转来的侵权警告函']);
    expect(cases.find((c: any) => c.countryCode === 'US').deadlines.map((d: any) => d.state)).toEqual(['MET', 'PAUSED', 'PAUSED']);
    const [{ id: germanStation }] = await t.orm.em.fork().execute<{ id: string }[]>(`select o.id from service_organization o join app_user u on u.organization_id = o.id where u.username = 'demo-station'`);
    const station = as.user('SERVICE_PROVIDER', { organizationId: germanStation! });
    const [{ id: enterpriseId }] = await t.orm.em.fork().execute<{ id: string }[]>(`select id from enterprise where name = '广东华创智能装备股份有限公司'`);
    expect((await t.ok<any>(`{ protectionCases(first: 20) { totalCount } }`, {}, station)).protectionCases.totalCount).toBe(4);
    expect((await t.ok<any>(`{ protectionCases(first: 20) { totalCount } }`, {}, as.provincial('320000'))).protectionCases.totalCount).toBe(0);
    const consultations = (await t.ok<any>(`{ overseasConsultations(first: 5) { edges { node { topic status expert { name } } } } }`, {}, as.enterprise(enterpriseId))).overseasConsultations.edges.map((e: any) => e.node);
    expect(consultations.map((c: any) => `${c.topic}/${c.status}/${c.expert?.name ?? ''}`).sort()).toEqual(['EXHIBITION_LEGAL/ANSWERED/张明', 'LAYOUT/OPEN/']);
    const credit = (await t.ok<any>(`{ creditRecords(first: 5) { edges { node { kind enterpriseName incidentKind incidentId } } } }`, {}, as.anonymous)).creditRecords.edges.map((e: any) => e.node);
    expect(credit.map((c: any) => c.kind).sort()).toEqual(['DISHONESTY', 'INTEGRITY']);
    expect(credit.find((c: any) => c.kind === 'DISHONESTY')).toMatchObject({ incidentKind: 'ABNORMAL_PATENT_APPLICATION', incidentId: expect.any(String) });
    const industry = (await t.ok<any>(`{ industryAnalysisReports(first: 5) { edges { node { title status publisherName } } } }`, {}, as.anonymous)).industryAnalysisReports.edges.map((e: any) => e.node);
    expect(industry).toEqual([expect.objectContaining({ status: 'PUBLISHED', title: '工业机器人产业专利分析报告' })]);
    expect((await t.ok<any>(`{ navigationProjects(first: 20) { totalCount } }`, {}, as.user('SERVICE_PROVIDER', { organizationId: '00000000-0000-0000-0000-000000000000' }))).navigationProjects.totalCount).toBe(0);
  });
});
