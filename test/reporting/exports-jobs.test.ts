/**
 * Exports made by the runner (issue 15, docs/reporting.md "Exports"): a list longer than
 * INLINE_ROWS is stored PENDING and made in the background; GET /exports/:id answers 202 with
 * Retry-After until it is ready, then the whole list. A job a killed process left RUNNING is taken
 * again once it is STALE_MINUTES old (the next drain, started here by another large export), and a
 * job still being made by a live process is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { creditCodeFor } from '../../seeds/factories.js';
import { fromGlobalId } from '../../src/common/node.js';
import { INLINE_ROWS } from '../../src/modules/reporting/export.service.js';

const GX = '450000';
const BULK = 1_100;
const CREATE = `mutation($input: CreateExportInput!) { createExport(input: $input) { export { id status rowCount downloadUrl } } }`;
const LIST = { field: 'enterprises', arguments: { filter: { regionCodes: [GX] } }, columns: ['creditCode', 'name', 'region.name'] };

interface Job {
  id: string;
  status: string;
  rowCount: number;
  downloadUrl: string;
}
interface Row {
  status: string;
  row_count: number;
  storage_key: string | null;
  started_at: string | null;
  finished_at: string | null;
}

describe('exports made by the runner', () => {
  let t: TestApp;
  let token: string;
  let first: Job;

  const create = async (input: Record<string, unknown>): Promise<Job> => {
    const { body } = await t.http<{ createExport: { export: Job } }>(CREATE, { input }, token);
    expect(body.errors).toBeUndefined();
    return body.data!.createExport.export;
  };
  const get = (job: Job) => t.app.fastify.inject({ method: 'GET', url: job.downloadUrl, headers: { authorization: `Bearer ${token}` } });
  const row = async (job: Job) => (await t.sql<Row>(`select status, row_count, storage_key, started_at, finished_at from export_job where id = ?`, [fromGlobalId(job.id)!.key]))[0]!;
  /** Polls until the job has left the queue (READY or FAILED), at most `ms`. */
  const settled = async (job: Job, ms = 30_000): Promise<Row> => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const r = await row(job);
      if (r.status === 'READY' || r.status === 'FAILED') return r;
    }
    throw new Error(`export ${job.id} still ${(await row(job)).status} after ${ms} ms`);
  };
  const dataLines = (body: Buffer) => body.subarray(3).toString('utf8').split('\r\n').filter(Boolean).slice(1);

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    // One enterprise through the factory, then BULK more like it in one statement (name_grams is a generated column).
    const model = await makeEnterprise(t.orm.em, randomFor(1517), { regionCode: GX, name: '广西样板企业' });
    const codes = Array.from({ length: BULK }, (_, i) => creditCodeFor(GX, 700_000 + i));
    await t.sql(
      `insert into enterprise (id, created_at, updated_at, credit_code, name, region_code, industry_code, size_class, founded_on)
       select gen_random_uuid(), now(), now(), c.code, '广西批量企业' || c.n, m.region_code, m.industry_code, m.size_class, m.founded_on
       from jsonb_array_elements_text(?::jsonb) with ordinality as c(code, n), enterprise m where m.id = ?`,
      [JSON.stringify(codes), model.id],
    );
    token = (await t.login('PROVINCIAL_ADMIN', { regionCode: GX })).accessToken;
  });
  afterAll(() => t.close());

  it('a list longer than INLINE_ROWS is made in the background: 202 with Retry-After while not ready, then every row', async () => {
    const { body } = await t.http(`query($f: EnterpriseFilter) { enterprises(first: 1, filter: $f) { totalCount } }`, { f: LIST.arguments.filter }, token);
    const total = body.data!.enterprises.totalCount as number;
    expect(total).toBe(BULK + 1);
    expect(total).toBeGreaterThan(INLINE_ROWS);

    first = await create({ format: 'CSV', list: LIST, fileName: '广西企业名录' });
    expect(['PENDING', 'RUNNING', 'READY']).toContain(first.status);
    const early = await get(first);
    if (early.statusCode === 202) {
      expect(early.headers['retry-after']).toBe('2');
      expect(early.json()).toMatchObject({ id: first.id, status: expect.stringMatching(/^(PENDING|RUNNING)$/) });
    } else expect(early.statusCode).toBe(200);

    expect(await settled(first)).toMatchObject({ status: 'READY', row_count: total });
    const res = await get(first);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-export-rows']).toBe(String(total));
    const lines = dataLines(res.rawPayload);
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(total);
    expect(lines.every((l) => l.endsWith(',广西壮族自治区'))).toBe(true);
    const { body: mine } = await t.http(`{ exports(first: 5) { edges { node { id status rowCount truncated } } } }`, {}, token);
    expect(mine.data!.exports.edges[0].node).toEqual({ id: first.id, status: 'READY', rowCount: total, truncated: false });
  });

  it('a job a killed process left RUNNING is taken again after 15 minutes; one still being made is left alone', async () => {
    // The first job as a process killed 20 minutes into it would have left it; another as a live one now has it.
    const live = await create({ format: 'XLSX', list: LIST });
    await settled(live);
    await t.sql(`update export_job set status = 'RUNNING', started_at = now() - interval '20 minutes', finished_at = null, storage_key = null, row_count = 0 where id = ?`, [fromGlobalId(first.id)!.key]);
    await t.sql(`update export_job set status = 'RUNNING', started_at = now() - interval '1 minute' where id = ?`, [fromGlobalId(live.id)!.key]);
    const waiting = await get(first);
    expect(waiting.statusCode).toBe(202);
    expect(waiting.headers['retry-after']).toBe('2');
    expect(waiting.json()).toEqual({ id: first.id, status: 'RUNNING' });

    // The next large export starts a drain, which requeues the stale job and makes both.
    const next = await create({ format: 'CSV', list: { ...LIST, columns: ['name'] } });
    const [again, made] = [await settled(first), await settled(next)];
    expect(again).toMatchObject({ status: 'READY', row_count: BULK + 1 });
    expect(new Date(again.started_at!).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(again.storage_key).not.toBeNull();
    expect(made).toMatchObject({ status: 'READY', row_count: BULK + 1 });
    expect(dataLines((await get(first)).rawPayload)).toHaveLength(BULK + 1);
    expect((await row(live)).status).toBe('RUNNING');
    expect((await get(live)).statusCode).toBe(202);
  });
});
