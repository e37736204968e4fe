/**
 * Attachments: POST /files (multipart) with size and type limits and the SHA-256 recorded, stored
 * under DATA_DIR; GET /files/:id for those who may read them; applications keep the file ids.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { multipart, PDF } from '../harness/multipart.js';

describe('files', () => {
  let t: TestApp;
  let enterpriseToken: string;
  let otherToken: string;
  let enterpriseId: string;
  let otherId: string;
  beforeAll(async () => {
    t = await createTestApp({ fileMaxBytes: 64 * 1024 });
    const rng = randomFor(9);
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    const other = await makeEnterprise(t.orm.em, rng, { regionCode: '330000' });
    enterpriseId = e.id;
    otherId = other.id;
    enterpriseToken = (await t.login('ENTERPRISE_USER', { enterpriseId: e.id })).accessToken;
    otherToken = (await t.login('ENTERPRISE_USER', { enterpriseId: other.id })).accessToken;
  });
  afterAll(() => t.close());

  const upload = (token: string | null, fileName: string, type: string, body: Buffer) => {
    const { payload, headers } = multipart(fileName, body, type);
    return t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  };
  const fileCount = async () => Number((await t.sql<{ n: number }>('select count(*)::int as n from stored_file'))[0]!.n);

  it('stores a PDF, answers its id and SHA-256, and gives the same bytes back', async () => {
    const res = await upload(enterpriseToken, '申报书.pdf', 'application/pdf', PDF);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ fileName: '申报书.pdf', contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
    const download = await t.app.fastify.inject({ method: 'GET', url: body.downloadUrl, headers: { authorization: `Bearer ${enterpriseToken}` } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf");
    // Another enterprise cannot read it (not even learn that it exists); the national admin can.
    expect((await t.app.fastify.inject({ method: 'GET', url: body.downloadUrl, headers: { authorization: `Bearer ${otherToken}` } })).statusCode).toBe(404);
    const national = (await t.login('NATIONAL_ADMIN')).accessToken;
    expect((await t.app.fastify.inject({ method: 'GET', url: body.downloadUrl, headers: { authorization: `Bearer ${national}` } })).statusCode).toBe(200);
    const jiangsu = (await t.login('PROVINCIAL_ADMIN', { regionCode: '320000' })).accessToken;
    expect((await t.app.fastify.inject({ method: 'GET', url: body.downloadUrl, headers: { authorization: `Bearer ${jiangsu}` } })).statusCode).toBe(200);
    const zhejiang = (await t.login('PROVINCIAL_ADMIN', { regionCode: '330000' })).accessToken;
    expect((await t.app.fastify.inject({ method: 'GET', url: body.downloadUrl, headers: { authorization: `Bearer ${zhejiang}` } })).statusCode).toBe(404);
  });

  it('refuses what it should, storing nothing: no login, a disallowed type, content not matching the type, too large', async () => {
    const before = await fileCount();
    expect((await upload(null, 'a.pdf', 'application/pdf', PDF)).statusCode).toBe(401);
    const exe = await upload(enterpriseToken, 'tool.exe', 'application/x-msdownload', Buffer.from('MZ...'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const fake = await upload(enterpriseToken, 'fake.pdf', 'application/pdf', Buffer.from('<html>not a pdf</html>'));
    expect(fake.statusCode).toBe(415);
    const mismatch = await upload(enterpriseToken, 'scan.png', 'application/pdf', PDF);
    expect(mismatch.statusCode).toBe(415);
    const big = await upload(enterpriseToken, 'big.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]));
    expect(big.statusCode).toBe(413);
    expect(await fileCount()).toBe(before);
  });

  it('an application keeps its attachments; only the enterprise’s own files can be attached', async () => {
    const mine = (await upload(enterpriseToken, '工作方案.pdf', 'application/pdf', PDF)).json();
    const theirs = (await upload(otherToken, '他人的.pdf', 'application/pdf', PDF)).json();
    const SAVE = `mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) { application { attachments { id fileName sha256 } } } }`;
    const eid = toGlobalId('Enterprise', enterpriseId);
    const refused = await t.http(SAVE, { input: { enterpriseId: eid, year: new Date().getFullYear(), attachmentIds: [mine.id, theirs.id] } }, enterpriseToken);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'attachmentIds.1' }] });
    const saved = await t.http(SAVE, { input: { enterpriseId: eid, year: new Date().getFullYear(), attachmentIds: [mine.id] } }, enterpriseToken);
    expect(saved.body.data?.saveDemonstrationApplication.application.attachments).toEqual([{ id: mine.id, fileName: '工作方案.pdf', sha256: mine.sha256 }]);
  });

  it('node(id) of a file follows the same rule as GET /files/:id, for every viewer', async () => {
    const file = (await upload(enterpriseToken, '证明.pdf', 'application/pdf', PDF)).json();
    const seen = async (viewer: Parameters<TestApp['gql']>[2]) => {
      const r = await t.gql(`query($id: ID!) { node(id: $id) { ... on StoredFile { id fileName } } }`, { id: file.id }, viewer);
      expect(r.errors).toBeUndefined();
      return r.data!.node !== null;
    };
    expect(await seen(as.enterprise(enterpriseId))).toBe(true);
    expect(await seen(as.provincial('320000'))).toBe(true);
    expect(await seen(as.national())).toBe(true);
    expect(await seen(as.enterprise(otherId))).toBe(false);
    expect(await seen(as.provincial('330000'))).toBe(false);
    expect(await seen(as.anonymous)).toBe(false);
  });
});
