/**
 * A provider's own files on the service records it keeps [D 四(三)]: a service provider uploads
 * (POST /files), its organisation's users read the file, and once a record attaches it whoever sees
 * the record reads it too — the enterprise, its bureau, the national bureau — and nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { enterprise, GD, key, organization, RECORD, SZ } from './steps.js';
import { multipart, PDF } from '../harness/multipart.js';

describe('service records: the provider\'s own attachments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  const token = async (role: Parameters<TestApp['login']>[0], scope: Parameters<TestApp['login']>[1] = {}) => (await t.login(role, scope)).accessToken;
  const download = async (url: string, bearer: string) => (await t.app.fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } })).statusCode;

  it('D 四(三): uploaded by the provider, read by its organisation; attached to a record, read by whoever sees the record', async () => {
    const team = await organization(t, GD);
    const otherTeam = await organization(t, GD);
    const served = await enterprise(t, GD);
    const other = await enterprise(t, GD);
    const providerToken = await token('SERVICE_PROVIDER', { organizationId: key(team.id) });
    const { payload, headers } = multipart('问诊报告.pdf', PDF);
    const res = await t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { ...headers, authorization: `Bearer ${providerToken}` } });
    expect(res.statusCode).toBe(201);
    const file = res.json() as { id: string; downloadUrl: string };
    const [stored] = await t.sql<{ organization_id: string }>('select organization_id from stored_file where uploaded_by is not null order by created_at desc limit 1');
    expect(stored!.organization_id).toBe(key(team.id));

    const readers = {
      colleague: await token('SERVICE_PROVIDER', { organizationId: key(team.id) }),
      otherProvider: await token('SERVICE_PROVIDER', { organizationId: key(otherTeam.id) }),
      enterprise: await token('ENTERPRISE_USER', { enterpriseId: served.id }),
      otherEnterprise: await token('ENTERPRISE_USER', { enterpriseId: other.id }),
      guangdong: await token('PROVINCIAL_ADMIN', { regionCode: GD }),
      shenzhen: await token('PROVINCIAL_ADMIN', { regionCode: SZ }),
      national: await token('NATIONAL_ADMIN'),
    };
    const codes = async () => Object.fromEntries(await Promise.all(Object.entries(readers).map(async ([name, bearer]) => [name, await download(file.downloadUrl, bearer)] as const)));
    // Before any record attaches it: its organisation (and the national bureau) only.
    expect(await codes()).toEqual({ colleague: 200, otherProvider: 404, enterprise: 404, otherEnterprise: 404, guangdong: 404, shenzhen: 404, national: 200 });

    const input = { enterpriseId: served.gid, type: 'CONSULTATION', servedOn: '2026-06-10', hours: 2, summary: '问诊咨询', attachmentIds: [file.id] };
    const record = await t.http(RECORD, { input }, providerToken);
    expect(record.body.errors).toBeUndefined();
    // Attached: the record's readers read it too.
    expect(await codes()).toEqual({ colleague: 200, otherProvider: 404, enterprise: 200, otherEnterprise: 404, guangdong: 200, shenzhen: 404, national: 200 });
  });
});
