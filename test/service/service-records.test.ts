/**
 * Service records [D 四(三), A 四(二)] through GraphQL: every service delivered to an enterprise,
 * recorded by the provider's users for their own organisation or by a bureau for its jurisdiction;
 * people who delivered it are the organisation's members on the day; links to a station or a
 * dispatch are checked; records are corrected or voided, never deleted. Visible to the enterprise,
 * its bureau, the provider and the national bureau only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { APPROVE, DISPATCH, enterprise, expert, GD, JS, member, OPEN, organization, person, provider, RECORD, refusal, REQUEST, SZ } from './steps.js';

const UPDATE = `mutation($input: UpdateServiceRecordInput!) { updateServiceRecord(input: $input) { record { id version hours outcome history { operation changes } } } }`;
const VOID = `mutation($input: VoidServiceRecordInput!) { voidServiceRecord(input: $input) { record { id status voidReason } } }`;
const RECORDS = `query($filter: ServiceRecordFilter) { serviceRecords(first: 50, filter: $filter) { totalCount edges { node { id type servedOn enterpriseName attachments { fileName } } } } }`;
const NESTED = `query($id: ID!) { node(id: $id) { ... on Enterprise { serviceRecords(first: 20) { totalCount edges { node { id type organization { id } } } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ServiceRecord { id summary } } }`;

describe('service records', () => {
  let t: TestApp;
  let team: { id: string; version: number; name: string };
  let otherTeam: { id: string };
  let sun: string;
  let demo: Awaited<ReturnType<typeof enterprise>>;
  let plain: Awaited<ReturnType<typeof enterprise>>;
  let shenzhen: Awaited<ReturnType<typeof enterprise>>;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    team = await organization(t, GD, { name: '记录测试广东团队' });
    otherTeam = await organization(t, GD, { name: '记录测试其他团队' });
    sun = await person(t, GD, '孙服务');
    await member(t, GD, team.id, sun, '2026-03-01');
    demo = await enterprise(t, GD);
    plain = await enterprise(t, GD, true);
    shenzhen = await enterprise(t, SZ);
  });
  afterAll(() => t.close());

  const base = (e: { gid: string }, extra: Record<string, unknown> = {}) => ({ enterpriseId: e.gid, type: 'PATENT_ANALYSIS', servedOn: '2026-06-01', hours: 6, summary: '核心产品专利分析', outcome: '提交分析报告', ...extra });

  it('who records: the provider for its own organisation (an enterprise it reaches), the bureau of the jurisdiction (naming the provider), the national bureau; not enterprises or the public', async () => {
    const own = (await t.ok(RECORD, { input: base(demo, { deliveredByIds: [sun] }) }, provider(team.id))).recordService.record;
    expect(own).toMatchObject({ type: 'PATENT_ANALYSIS', hours: 6, status: 'RECORDED', organization: { id: team.id }, deliveredBy: [{ name: '孙服务' }], enterpriseName: demo.name });
    expect(refusal(await t.gql(RECORD, { input: base(demo, { organizationId: otherTeam.id }) }, provider(team.id))).code).toBe('FORBIDDEN');
    // An enterprise outside the public directory that the organisation does not serve: NOT_FOUND.
    expect(refusal(await t.gql(RECORD, { input: base(plain) }, provider(team.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(RECORD, { input: base(demo) }, as.provincial(GD))).code).toBe('BAD_USER_INPUT');
    expect((await t.ok(RECORD, { input: base(plain, { organizationId: otherTeam.id, type: 'TRAINING' }) }, as.provincial(GD))).recordService.record.type).toBe('TRAINING');
    expect(refusal(await t.gql(RECORD, { input: base(plain, { organizationId: team.id }) }, as.provincial(JS))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(RECORD, { input: base(demo, { organizationId: team.id }) }, as.provincial(JS))).code).toBe('FORBIDDEN');
    expect((await t.ok(RECORD, { input: base(shenzhen, { organizationId: team.id, type: 'EXHIBITION_LEGAL_SERVICE' }) }, as.national())).recordService.record.type).toBe('EXHIBITION_LEGAL_SERVICE');
    expect(refusal(await t.gql(RECORD, { input: base(demo, { organizationId: team.id }) }, as.enterprise(demo.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(RECORD, { input: base(demo, { organizationId: team.id }) }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(refusal(await t.gql(RECORD, { input: base(demo, { organizationId: team.id }) }, expert(sun))).code).toBe('FORBIDDEN');
  });

  it('what a record holds: the day (not in the future), hours, the members who delivered it on that day, links of the same enterprise and team within their terms, readable attachments', async () => {
    const bad = async (extra: Record<string, unknown>): Promise<any> => (await t.gql(RECORD, { input: base(demo, extra) }, provider(team.id))).errors?.[0]?.extensions?.fields;
    expect(await bad({ servedOn: '2026-06-16' })).toEqual([{ field: 'servedOn', message: '不能晚于今日' }]);
    expect((await bad({ hours: 0 }))[0].field).toBe('hours');
    expect((await bad({ hours: 1.234 }))[0].field).toBe('hours');
    expect((await bad({ summary: '  ' }))[0].field).toBe('summary');
    // A member only from 1 March: not on 1 February.
    expect((await bad({ servedOn: '2026-02-01', deliveredByIds: [sun] }))[0].field).toBe('deliveredByIds.0');
    expect((await bad({ deliveredByIds: [toGlobalId('Person', randomUUID())] }))[0].field).toBe('deliveredByIds.0');
    expect((await bad({ type: 'STATION_WORK' }))[0].field).toBe('stationId');
    expect((await bad({ type: 'COMMISSIONER_VISIT' }))[0].field).toBe('dispatchId');

    // A station of this enterprise and team, open from 10 June.
    t.setToday('2026-06-10');
    const s = (await t.ok(REQUEST, { input: { enterpriseId: demo.gid, note: '需求' } }, as.enterprise(demo.id))).requestServiceStation.station;
    const a = (await t.ok(APPROVE, { input: { id: s.id, version: s.version, organizationId: team.id } }, as.provincial(GD))).approveServiceStation.station;
    await t.ok(OPEN, { input: { id: s.id, version: a.version, openedOn: '2026-06-10' } }, provider(team.id));
    t.setToday('2026-06-15');
    expect((await bad({ type: 'STATION_WORK', stationId: s.id }))[0].field).toBe('servedOn');
    expect(((await t.gql(RECORD, { input: base(demo, { type: 'STATION_WORK', stationId: s.id, organizationId: otherTeam.id }) }, as.provincial(GD))).errors?.[0]?.extensions?.fields as any)[0].field).toBe('stationId');
    const atStation = (await t.ok(RECORD, { input: base(demo, { type: 'STATION_WORK', stationId: s.id, servedOn: '2026-06-12' }) }, provider(team.id))).recordService.record;
    expect(atStation.station).toEqual({ id: s.id });

    // A dispatch of another enterprise cannot carry this enterprise's record.
    const d = (await t.ok(DISPATCH, { input: { enterpriseId: plain.gid, personId: sun, organizationId: team.id, startsOn: '2026-05-01', endsOn: '2026-12-31', purpose: '贯标辅导' } }, as.provincial(GD))).dispatchCommissioner.dispatch;
    expect((await bad({ type: 'COMMISSIONER_VISIT', dispatchId: d.id }))[0].field).toBe('dispatchId');
    // Serving `plain` by a commissioner lets the team record its services there.
    expect((await t.ok(RECORD, { input: base(plain, { type: 'STANDARD_GUIDANCE' }) }, provider(team.id))).recordService.record.type).toBe('STANDARD_GUIDANCE');

    // Attachments: files the recorder may read (the bureau's own upload), not another's.
    const bureau = as.provincial(GD);
    const fileId = randomUUID();
    await t.sql(`insert into stored_file (id, created_at, updated_at, file_name, content_type, size, sha256, storage_key, uploaded_by, region_code) values (?, now(), now(), '走访照片.pdf', 'application/pdf', 10, ?, 'k', ?, ?)`, [fileId, 'a'.repeat(64), (bureau as { userId: string }).userId, GD]);
    const file = toGlobalId('StoredFile', fileId);
    expect((await bad({ attachmentIds: [file] }))[0].field).toBe('attachmentIds.0');
    const withFile = (await t.ok(RECORD, { input: base(demo, { organizationId: team.id, attachmentIds: [file] }) }, bureau)).recordService.record;
    const listed = (await t.ok(RECORDS, { filter: { enterpriseId: demo.gid } }, bureau)).serviceRecords.edges.find((e: any) => e.node.id === withFile.id).node;
    expect(listed.attachments).toEqual([{ fileName: '走访照片.pdf' }]);
  });

  it('who sees records: the enterprise, its bureau, the provider and the national bureau — not the public, other enterprises, other providers or other bureaus; filters by region (roll-up), type, period, organisation', async () => {
    const e = await enterprise(t, SZ);
    const mine = (await t.ok(RECORD, { input: base(e, { type: 'RIGHTS_PROTECTION', servedOn: '2026-04-01' }) }, provider(team.id))).recordService.record;
    await t.ok(RECORD, { input: base(e, { organizationId: otherTeam.id, type: 'CONSULTATION', servedOn: '2026-05-01' }) }, as.provincial(SZ));
    const count = async (viewer: any, filter: object = { enterpriseId: e.gid }) => (await t.ok(RECORDS, { filter }, viewer)).serviceRecords.totalCount;
    expect(await count(as.national())).toBe(2);
    expect(await count(as.provincial(SZ))).toBe(2);
    expect(await count(as.enterprise(e.id))).toBe(2);
    expect(await count(provider(team.id))).toBe(1);
    expect(await count(provider(otherTeam.id))).toBe(1);
    expect(await count(as.provincial(GD))).toBe(0);
    expect(await count(as.enterprise(demo.id))).toBe(0);
    expect(await count(as.anonymous)).toBe(0);
    expect(await count(expert(sun))).toBe(0);
    for (const [viewer, seen] of [[as.anonymous, false], [as.provincial(GD), false], [provider(otherTeam.id), false], [as.enterprise(e.id), true], [provider(team.id), true]] as const) {
      expect((await t.ok(NODE, { id: mine.id }, viewer)).node !== null, JSON.stringify(viewer)).toBe(seen);
    }
    const nested = async (viewer: any) => (await t.ok(NESTED, { id: e.gid }, viewer)).node?.serviceRecords.totalCount;
    expect(await nested(as.enterprise(e.id))).toBe(2);
    expect(await nested(provider(team.id))).toBe(1);
    expect(await nested(as.anonymous)).toBe(0);

    const national = as.national();
    expect(await count(national, { enterpriseId: e.gid, types: ['CONSULTATION'] })).toBe(1);
    expect(await count(national, { enterpriseId: e.gid, servedFrom: '2026-04-15', servedTo: '2026-05-31' })).toBe(1);
    expect(await count(national, { enterpriseId: e.gid, organizationId: team.id })).toBe(1);
    const szOnly = await count(national, { regionCodes: [SZ] });
    expect(await count(national, { regionCodes: [GD] }) + szOnly).toBe(await count(national, { regionCodes: [GD], includeSubJurisdictions: true }));
    expect(szOnly).toBeGreaterThanOrEqual(2);
  });

  it('corrections and voiding: by whoever may record it, at the version read, never once voided; a voided record leaves the lists unless asked for', async () => {
    const e = await enterprise(t, GD);
    const r = (await t.ok(RECORD, { input: base(e) }, provider(team.id))).recordService.record;
    expect(refusal(await t.gql(UPDATE, { input: { id: r.id, version: r.version, hours: 4 } }, provider(otherTeam.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(UPDATE, { input: { id: r.id, version: r.version, hours: 4 } }, as.enterprise(e.id))).code).toBe('FORBIDDEN');
    const fixed = (await t.ok(UPDATE, { input: { id: r.id, version: r.version, hours: 4, outcome: null } }, provider(team.id))).updateServiceRecord.record;
    expect(fixed).toMatchObject({ hours: 4, outcome: null });
    expect(fixed.history.map((h: any) => h.operation)).toEqual(['recordService', 'updateServiceRecord']);
    expect(fixed.history[1].changes.hours).toEqual({ before: 6, after: 4 });
    expect(refusal(await t.gql(UPDATE, { input: { id: r.id, version: r.version, hours: 5 } }, provider(team.id))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(VOID, { input: { id: r.id, version: fixed.version, reason: ' ' } }, as.provincial(GD))).code).toBe('BAD_USER_INPUT');
    expect((await t.ok(VOID, { input: { id: r.id, version: fixed.version, reason: '重复登记' } }, as.provincial(GD))).voidServiceRecord.record).toMatchObject({ status: 'VOIDED', voidReason: '重复登记' });
    expect(refusal(await t.gql(UPDATE, { input: { id: r.id, version: fixed.version + 1, hours: 5 } }, provider(team.id))).code).toBe('CONFLICT');
    expect((await t.ok(RECORDS, { filter: { enterpriseId: e.gid } })).serviceRecords.totalCount).toBe(0);
    expect((await t.ok(RECORDS, { filter: { enterpriseId: e.gid, includeVoided: true } })).serviceRecords.totalCount).toBe(1);
  });
});
