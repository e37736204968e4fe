/**
 * Probes of a second hostile review (kept as regression tests; the defects they found are fixed): the file sharing through service records (file.policy.ts shareAttachments,
 * service.rules.ts attachments): who may attach what, and who reads it afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { enterprise, GD, key, organization, person, RECORD } from '../service/steps.js';
import { multipart, PDF } from '../harness/multipart.js';

const VOID = `mutation($input: VoidServiceRecordInput!) { voidServiceRecord(input: $input) { record { id status version } } }`;
const UPDATE = `mutation($input: UpdateServiceRecordInput!) { updateServiceRecord(input: $input) { record { id version } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on StoredFile { fileName } } }`;

describe('review2: attachments shared through service records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  const token = async (role: Parameters<TestApp['login']>[0], scope: Parameters<TestApp['login']>[1] = {}) => (await t.login(role, scope)).accessToken;
  const download = async (url: string, bearer: string) => (await t.app.fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } })).statusCode;
  const upload = async (bearer: string, name: string) => {
    const { payload, headers } = multipart(name, PDF);
    const res = await t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { ...headers, authorization: `Bearer ${bearer}` } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; downloadUrl: string };
  };
  const recordInput = (enterpriseId: string, attachmentIds: string[], extra: Record<string, unknown> = {}) => ({ enterpriseId, type: 'CONSULTATION', servedOn: '2026-06-10', hours: 2, summary: '问诊咨询', attachmentIds, ...extra });

  it('a provider must not re-attach a file it reads only through enterprise A\'s record to enterprise B\'s record (A\'s file leaks to B and B\'s bureau)', async () => {
    const team = await organization(t, GD);
    const a = await enterprise(t, GD);
    const b = await enterprise(t, GD);
    const aToken = await token('ENTERPRISE_USER', { enterpriseId: a.id });
    const bToken = await token('ENTERPRISE_USER', { enterpriseId: b.id });
    const providerToken = await token('SERVICE_PROVIDER', { organizationId: key(team.id) });
    const bureau = await token('PROVINCIAL_ADMIN', { regionCode: GD });
    const secret = await upload(aToken, 'A企业技术秘密.pdf');
    // The bureau shares A's own file with the team on A's record (allowed: A, its bureau, the team).
    const onA = await t.http(RECORD, { input: recordInput(a.gid, [secret.id], { organizationId: team.id }) }, bureau);
    expect(onA.body.errors).toBeUndefined();
    expect(await download(secret.downloadUrl, providerToken)).toBe(200);
    expect(await download(secret.downloadUrl, bToken)).toBe(404);
    // The team now attaches A's file to a record of B.
    const onB = await t.http(RECORD, { input: recordInput(b.gid, [secret.id]) }, providerToken);
    expect({ code: onB.body.errors?.[0]?.extensions?.code ?? 'OK', otherEnterpriseReads: await download(secret.downloadUrl, bToken) }).toEqual({ code: 'BAD_USER_INPUT', otherEnterpriseReads: 404 });
  });

  it('a bureau must not attach enterprise A\'s own upload to enterprise B\'s record (B reads A\'s file)', async () => {
    const team = await organization(t, GD);
    const a = await enterprise(t, GD);
    const b = await enterprise(t, GD);
    const aToken = await token('ENTERPRISE_USER', { enterpriseId: a.id });
    const bToken = await token('ENTERPRISE_USER', { enterpriseId: b.id });
    const bureau = await token('PROVINCIAL_ADMIN', { regionCode: GD });
    const secret = await upload(aToken, 'A企业申报材料.pdf');
    const onB = await t.http(RECORD, { input: recordInput(b.gid, [secret.id], { organizationId: team.id }) }, bureau);
    expect({ code: onB.body.errors?.[0]?.extensions?.code ?? 'OK', otherEnterpriseReads: await download(secret.downloadUrl, bToken) }).toEqual({ code: 'BAD_USER_INPUT', otherEnterpriseReads: 404 });
  });

  it('a voided record (e.g. made for the wrong enterprise) must stop sharing its attachments; it can no longer be corrected to detach them', async () => {
    const team = await organization(t, GD);
    const wrong = await enterprise(t, GD);
    const wrongToken = await token('ENTERPRISE_USER', { enterpriseId: wrong.id });
    const providerToken = await token('SERVICE_PROVIDER', { organizationId: key(team.id) });
    const report = await upload(providerToken, '另一企业的诊断报告.pdf');
    const made = await t.http(RECORD, { input: recordInput(wrong.gid, [report.id]) }, providerToken);
    expect(made.body.errors).toBeUndefined();
    const record = made.body.data!.recordService.record;
    expect(await download(report.downloadUrl, wrongToken)).toBe(200);
    const voided = await t.http(VOID, { input: { id: record.id, version: record.version, reason: '企业填错' } }, providerToken);
    expect(voided.body.errors).toBeUndefined();
    const detach = await t.http(UPDATE, { input: { id: record.id, version: voided.body.data!.voidServiceRecord.record.version, attachmentIds: [] } }, providerToken);
    expect(detach.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await download(report.downloadUrl, wrongToken)).toBe(404);
  });

  it('a provider cannot attach another organisation\'s file; GET /files/:id and node(id) agree for every reader', async () => {
    const team = await organization(t, GD);
    const other = await organization(t, GD);
    const a = await enterprise(t, GD);
    const providerToken = await token('SERVICE_PROVIDER', { organizationId: key(team.id) });
    const otherToken = await token('SERVICE_PROVIDER', { organizationId: key(other.id) });
    const theirs = await upload(otherToken, '他机构文件.pdf');
    const refused = await t.http(RECORD, { input: recordInput(a.gid, [theirs.id]) }, providerToken);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const mine = await upload(providerToken, '本机构文件.pdf');
    const made = await t.http(RECORD, { input: recordInput(a.gid, [mine.id]) }, providerToken);
    expect(made.body.errors).toBeUndefined();
    const readers = {
      provider: providerToken,
      other: otherToken,
      enterprise: await token('ENTERPRISE_USER', { enterpriseId: a.id }),
      gd: await token('PROVINCIAL_ADMIN', { regionCode: GD }),
      sz: await token('PROVINCIAL_ADMIN', { regionCode: '440300' }),
      expert: await token('EXPERT', { personId: key(await person(t, GD, '专家甲')) }),
    };
    for (const [name, bearer] of Object.entries(readers)) {
      for (const f of [mine, theirs]) {
        const http = await download(f.downloadUrl, bearer);
        const node = (await t.http(NODE, { id: f.id }, bearer)).body.data?.node ?? null;
        expect({ name, file: f.id, http: http === 200, node: node !== null }).toEqual({ name, file: f.id, http: node !== null, node: http === 200 });
      }
    }
  });
});
