/**
 * Service stations at demonstration enterprises (示范企业知识产权服务站) [D 四(三)] through GraphQL:
 * the enterprise requests one (SV1: only a current demonstration enterprise), its provincial bureau
 * approves and names an ACTIVE team (SV2) or rejects with a reason, the station opens and closes.
 * One requested, approved or open station per enterprise, also under concurrency; open stations are
 * public without the request's record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation } from '../harness/factories.js';
import { APPROVE, enterprise, GD, JS, OPEN, organization, provider, refusal, REQUEST, SZ, UPDATE_ORG } from './steps.js';

const REJECT = `mutation($input: RejectServiceStationInput!) { rejectServiceStation(input: $input) { station { id version status decisionNote } } }`;
const WITHDRAW = `mutation($input: WithdrawServiceStationRequestInput!) { withdrawServiceStationRequest(input: $input) { station { id status } } }`;
const CLOSE = `mutation($input: CloseServiceStationInput!) { closeServiceStation(input: $input) { station { id version status closedOn closeReason } } }`;
const STATIONS = `query($filter: ServiceStationFilter) { serviceStations(first: 50, filter: $filter) {
  totalCount edges { node { id status enterpriseName region { code } openedOn organization { name } requestNote decisionNote closeReason history { operation actor } enterprise { id } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ServiceStation { id status requestNote } } }`;
const ENTERPRISE = `query($id: ID!) { node(id: $id) { ... on Enterprise { serviceStation { id status } } } }`;

describe('service stations at demonstration enterprises', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  const request = (e: { id: string; gid: string }, note = '希望提供专利布局和贯标辅导服务') => t.gql(REQUEST, { input: { enterpriseId: e.gid, note } }, as.enterprise(e.id));

  it('SV1 [D 四(三)]: only a current demonstration enterprise may request a station; an enterprise only for itself', async () => {
    const plain = await enterprise(t, GD, true);
    expect(refusal(await request(plain))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV1' });
    const advantage = await enterprise(t, GD, true);
    await makeDesignation(t.orm.em, advantage, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
    expect(refusal(await request(advantage))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV1' });
    const expired = await enterprise(t, GD, true);
    await makeDesignation(t.orm.em, expired, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2022, validFrom: '2022-09-26', validUntil: '2025-09-25' });
    expect(refusal(await request(expired))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV1' });
    const demo = await enterprise(t, GD);
    expect(refusal(await t.gql(REQUEST, { input: { enterpriseId: demo.gid, note: '需求' } }, as.enterprise(plain.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(REQUEST, { input: { enterpriseId: demo.gid, note: '需求' } }, as.provincial(GD))).code).toBe('FORBIDDEN');
    expect((await request(demo)).data!.requestServiceStation.station).toMatchObject({ status: 'REQUESTED', requestedOn: '2026-06-15' });
  });

  it('one requested, approved or open station per enterprise: a second request is CONFLICT, and of two at once exactly one is taken (service_station_open_unique)', async () => {
    const demo = await enterprise(t, GD);
    const [a, b] = await Promise.all([request(demo), request(demo)]);
    const answers = [a, b].map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'OK')).sort();
    expect(answers).toEqual(['CONFLICT', 'OK']);
    expect(refusal(await request(demo)).code).toBe('CONFLICT');
    const [{ n }] = await t.sql<{ n: number }>(`select count(*)::int as n from service_station where enterprise_id = ?`, [demo.id]);
    expect(n).toBe(1);
    // Withdrawn, the place is free again.
    const held = (await t.ok(ENTERPRISE, { id: demo.gid }, as.enterprise(demo.id))).node.serviceStation;
    await t.ok(WITHDRAW, { input: { id: held.id, version: 1 } }, as.enterprise(demo.id));
    expect((await t.ok(ENTERPRISE, { id: demo.gid }, as.enterprise(demo.id))).node.serviceStation).toBeNull();
    expect((await request(demo)).data!.requestServiceStation.station.status).toBe('REQUESTED');
  });

  it('D 四(三): the bureau of the jurisdiction approves and names an ACTIVE team (SV2) or rejects with a reason; others cannot', async () => {
    const demo = await enterprise(t, GD);
    const team = await organization(t, GD);
    const s = (await request(demo)).data!.requestServiceStation.station;
    const approve = (viewer = as.provincial(GD), organizationId = team.id) => t.gql(APPROVE, { input: { id: s.id, version: s.version, organizationId } }, viewer);
    expect(refusal(await approve(as.provincial(JS))).code).toBe('NOT_FOUND');
    expect(refusal(await approve(as.provincial(SZ))).code).toBe('NOT_FOUND');
    expect(refusal(await approve(as.national())).code).toBe('FORBIDDEN');
    expect(refusal(await approve(as.enterprise(demo.id))).code).toBe('FORBIDDEN');
    const suspended = await organization(t, GD);
    await t.ok(UPDATE_ORG, { input: { id: suspended.id, version: suspended.version, status: 'SUSPENDED', statusNote: '整改' } }, as.provincial(GD));
    expect(refusal(await approve(as.provincial(GD), suspended.id))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV2' });
    const base = (await t.ok(`mutation { createTrainingBase(input: { name: "国家知识产权培训（服务站测试）基地", regionCode: "${GD}" }) { base { id } } }`)).createTrainingBase.base.id;
    expect(refusal(await approve(as.provincial(GD), base)).code).toBe('BAD_USER_INPUT');
    const approved = (await approve()).data!.approveServiceStation.station;
    expect(approved).toMatchObject({ status: 'APPROVED', decidedOn: '2026-06-15', organization: { id: team.id } });
    expect(refusal(await t.gql(REJECT, { input: { id: s.id, version: approved.version, reason: '迟了' } }, as.provincial(GD))).code).toBe('CONFLICT');

    const other = await enterprise(t, GD);
    const r = (await request(other)).data!.requestServiceStation.station;
    expect(refusal(await t.gql(REJECT, { input: { id: r.id, version: r.version, reason: '' } }, as.provincial(GD))).code).toBe('BAD_USER_INPUT');
    const rejected = (await t.ok(REJECT, { input: { id: r.id, version: r.version, reason: '本年度服务站名额已满，请明年再申请' } }, as.provincial(GD))).rejectServiceStation.station;
    expect(rejected).toMatchObject({ status: 'REJECTED', decisionNote: '本年度服务站名额已满，请明年再申请' });
  });

  it('D 四(三): the station opens (the team or the bureau; SV1 on the day) and closes with a date and a reason; the public sees open stations only, without the record', async () => {
    t.setToday('2026-06-15');
    const demo = await enterprise(t, SZ);
    const team = await organization(t, SZ, { name: '深圳服务站测试团队' });
    const other = await organization(t, SZ);
    const s = (await request(demo)).data!.requestServiceStation.station;
    const approved = (await t.ok(APPROVE, { input: { id: s.id, version: s.version, organizationId: team.id, note: '同意' } }, as.provincial(SZ))).approveServiceStation.station;
    expect(refusal(await t.gql(OPEN, { input: { id: s.id, version: approved.version, openedOn: '2026-06-16' } }, provider(team.id))).code).toBe('BAD_USER_INPUT');
    expect(refusal(await t.gql(OPEN, { input: { id: s.id, version: approved.version, openedOn: '2026-06-14' } }, provider(team.id))).code).toBe('BAD_USER_INPUT');
    expect(refusal(await t.gql(OPEN, { input: { id: s.id, version: approved.version, openedOn: '2026-06-15' } }, provider(other.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(OPEN, { input: { id: s.id, version: approved.version, openedOn: '2026-06-15' } }, as.enterprise(demo.id))).code).toBe('FORBIDDEN');
    const opened = (await t.ok(OPEN, { input: { id: s.id, version: approved.version, openedOn: '2026-06-15' } }, provider(team.id))).openServiceStation.station;
    expect(opened).toMatchObject({ status: 'OPEN', openedOn: '2026-06-15' });

    const seen = async (viewer: any, filter: object = { enterpriseId: demo.gid }) => (await t.ok(STATIONS, { filter }, viewer)).serviceStations;
    const pub = await seen(as.anonymous);
    expect(pub.totalCount).toBe(1);
    expect(pub.edges[0].node).toMatchObject({ status: 'OPEN', region: { code: SZ }, openedOn: '2026-06-15', organization: { name: '深圳服务站测试团队' }, requestNote: null, decisionNote: null, history: null });
    expect(pub.edges[0].node.enterpriseName).toBe(demo.name);
    const own = (await seen(as.enterprise(demo.id))).edges[0].node;
    expect(own.requestNote).toBe('希望提供专利布局和贯标辅导服务');
    expect(own.history.map((h: any) => h.operation)).toEqual(['requestServiceStation', 'approveServiceStation', 'openServiceStation']);
    expect((await seen(provider(team.id))).edges[0].node.decisionNote).toBe('同意');
    expect((await seen(provider(other.id))).edges[0].node.requestNote).toBeNull();
    expect((await seen(as.provincial(GD))).edges[0].node.requestNote).toBeNull();
    // Region roll-up: Guangdong with its sub-jurisdictions lists Shenzhen's station.
    expect((await seen(as.anonymous, { regionCodes: [GD] })).totalCount).toBe(0);
    expect((await seen(as.anonymous, { regionCodes: [GD], includeSubJurisdictions: true, statuses: ['OPEN'] })).edges.map((e: any) => e.node.id)).toContain(s.id);
    expect((await seen(as.anonymous, { openOn: '2026-06-14', enterpriseId: demo.gid })).totalCount).toBe(0);

    // Closing: a reason; not before it opened; not in the future; the enterprise may close it too.
    t.setToday('2026-09-30');
    expect(refusal(await t.gql(CLOSE, { input: { id: s.id, version: opened.version, closedOn: '2026-06-01', reason: '企业要求' } }, as.enterprise(demo.id))).code).toBe('BAD_USER_INPUT');
    expect(refusal(await t.gql(CLOSE, { input: { id: s.id, version: opened.version, closedOn: '2026-10-01', reason: '企业要求' } }, as.enterprise(demo.id))).code).toBe('BAD_USER_INPUT');
    expect(refusal(await t.gql(CLOSE, { input: { id: s.id, version: opened.version, closedOn: '2026-09-30', reason: '完成' } }, provider(team.id))).code).toBe('FORBIDDEN');
    const closed = (await t.ok(CLOSE, { input: { id: s.id, version: opened.version, closedOn: '2026-09-30', reason: '服务周期结束' } }, as.enterprise(demo.id))).closeServiceStation.station;
    expect(closed).toMatchObject({ status: 'CLOSED', closedOn: '2026-09-30', closeReason: '服务周期结束' });
    expect((await seen(as.anonymous)).totalCount).toBe(0);
    expect((await t.ok(NODE, { id: s.id }, as.anonymous)).node).toBeNull();
    expect((await t.ok(NODE, { id: s.id }, provider(team.id))).node.status).toBe('CLOSED');
    expect((await seen(as.anonymous, { openOn: '2026-07-01', enterpriseId: demo.gid })).totalCount).toBe(0);
    expect((await seen(as.national(), { openOn: '2026-07-01', enterpriseId: demo.gid })).totalCount).toBe(1);
    // A new request after closing.
    expect((await request(demo)).data!.requestServiceStation.station.status).toBe('REQUESTED');
    t.setToday('2026-06-15');
  });

  it('SV1 again when the station opens: an enterprise whose title ended since the approval cannot open one', async () => {
    const demo = await enterprise(t, GD);
    const team = await organization(t, GD);
    const s = (await request(demo)).data!.requestServiceStation.station;
    const approved = (await t.ok(APPROVE, { input: { id: s.id, version: s.version, organizationId: team.id } }, as.provincial(GD))).approveServiceStation.station;
    await t.sql(`update designation set status = 'REVOKED', ended_on = '2026-06-10' where enterprise_id = ?`, [demo.id]);
    expect(refusal(await t.gql(OPEN, { input: { id: s.id, version: approved.version, openedOn: '2026-06-15' } }, as.provincial(GD)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV1' });
  });
});
