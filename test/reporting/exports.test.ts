/**
 * Exports (issue 15, docs/reporting.md "Exports"): statistics, snapshots and lists as CSV or XLSX,
 * made during the request when small and fetched by their owner at GET /exports/:id. CSV: BOM,
 * CRLF, text that Excel would take for a formula prefixed with an apostrophe, numbers plain; XLSX:
 * numbers as numbers, text as text. A list export holds what the viewer can page through; bad
 * inputs store no job; nobody else (not even the national bureau) learns that an export exists.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readExcelFile, { readSheet } from 'read-excel-file/node';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { renderTable, ROW_CAPS, type CellValue } from '../../src/modules/reporting/export.format.js';
import { ExportFormat } from '../../src/modules/reporting/export.entity.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';

const GD = '440000';
const ZJ = '330000';
const JOB = 'id kind format status fileName rowCount truncated bytes sha256 error downloadUrl expiresAt';
const CREATE = `mutation($input: CreateExportInput!) { createExport(input: $input) { export { ${JOB} } } }`;
const STATS = `query($q: StatisticsQuery!) { statistics(query: $q) { measures { label unit } dimensions { label } rows { isTotal keys { label } values { value } } } }`;
const QUERY = { measures: ['ENTERPRISES', 'LICENSING_INCOME_SUM'], dimensions: ['SIZE_CLASS'], filters: [{ dimension: 'REGION', values: [GD] }] };
const FORMULAS = ['=1+1', '+SUM(A1)', '@cmd', '-2'];

interface Job {
  id: string;
  kind: string;
  format: string;
  status: string;
  fileName: string;
  rowCount: number;
  truncated: boolean;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  downloadUrl: string;
}
type Stats = { measures: { label: string; unit: string }[]; dimensions: { label: string }[]; rows: { isTotal: boolean; keys: { label: string }[]; values: { value: number | null }[] }[] };

/** RFC 4180: quoted fields with doubled quotes, CRLF records (a bare LF fails the test). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const end = text.indexOf('"', i + 1);
      let j = i + 1;
      let value = '';
      for (let k = end; ; k = text.indexOf('"', j)) {
        value += text.slice(j, k);
        if (text[k + 1] === '"') {
          value += '"';
          j = k + 2;
        } else {
          i = k + 1;
          break;
        }
      }
      field = value;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else if (c === '\n') throw new Error(`bare LF at ${i}`);
    else field += c;
    i++;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const cell = (v: number | null) => (v === null ? '' : String(v));

describe('exports', () => {
  let t: TestApp;
  const rng = randomFor(1515);
  let gd: string;
  let gdUser: string;
  let national: string;
  let firstStats: Job;

  const as = (token: string | undefined) => ({
    gql: async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) => (await t.http<T>(query, variables, token)).body,
    ok: async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) => {
      const body = (await t.http<T>(query, variables, token)).body;
      expect(body.errors).toBeUndefined();
      return body.data as T;
    },
  });
  const create = async (token: string, input: Record<string, unknown>): Promise<Job> => (await as(token).ok<{ createExport: { export: Job } }>(CREATE, { input })).createExport.export;
  const get = (url: string, token?: string) => t.app.fastify.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const csvOf = async (job: Job, token: string) => {
    const res = await get(job.downloadUrl, token);
    expect(res.statusCode).toBe(200);
    return { res, rows: parseCsv(res.rawPayload.subarray(3).toString('utf8')) };
  };
  const jobCount = async () => (await t.sql<{ n: number }>('select count(*)::int as n from export_job'))[0]!.n;
  const list = (columns: string[], args: Record<string, unknown> = {}) => ({ field: 'enterprises', arguments: args, columns });

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const big = await makeEnterprise(t.orm.em, rng, { regionCode: GD, name: '广州知识产权示范有限公司', sizeClass: 'LARGE' });
    const micro = await makeEnterprise(t.orm.em, rng, { regionCode: GD, name: '深圳"微"创, 科技', sizeClass: 'MICRO' });
    for (const name of FORMULAS) await makeEnterprise(t.orm.em, rng, { regionCode: GD, name, sizeClass: 'SMALL' });
    await makeStatistics(t.orm.em, big, { year: 2025, licensingIncome: 30 });
    await makeStatistics(t.orm.em, micro, { year: 2025, licensingIncome: -12.5 });
    // Zhejiang: one in the public directory (visible to Guangdong's bureau), one not.
    const titled = await makeEnterprise(t.orm.em, rng, { regionCode: ZJ, name: '杭州公开名录企业', sizeClass: 'LARGE' });
    await makeDesignation(t.orm.em, titled, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
    await makeEnterprise(t.orm.em, rng, { regionCode: ZJ, name: '宁波未认定企业', sizeClass: 'LARGE' });
    gd = (await t.login('PROVINCIAL_ADMIN', { regionCode: GD })).accessToken;
    gdUser = (await t.login('ENTERPRISE_USER', { enterpriseId: big.id })).accessToken;
    national = (await t.login('NATIONAL_ADMIN')).accessToken;
  });
  afterAll(() => t.close());

  it('a statistics export as CSV: BOM, CRLF, labelled header, the numbers of statistics, READY at once, headers and checksum', async () => {
    const { statistics } = await as(gd).ok<{ statistics: Stats }>(STATS, { q: QUERY });
    const job = await create(gd, { format: 'CSV', statistics: QUERY, fileName: '广东企业统计' });
    firstStats = job;
    expect(job).toMatchObject({ kind: 'STATISTICS', format: 'CSV', status: 'READY', fileName: '广东企业统计.csv', rowCount: statistics.rows.length, truncated: false, error: null });
    expect(job.downloadUrl).toBe(`/exports/${job.id}`);

    const { res, rows } = await csvOf(job, gd);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('\r\n');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('广东企业统计.csv')}`);
    expect(res.headers['x-content-sha256']).toBe(sha256(raw));
    expect(job.sha256).toBe(sha256(raw));
    expect(job.bytes).toBe(raw.length);
    expect(res.headers['x-export-rows']).toBe(String(statistics.rows.length));

    expect(rows[0]).toEqual(['企业规模', '企业数（家）', `${statistics.measures[1]!.label}（${statistics.measures[1]!.unit}）`]);
    expect(rows.slice(1)).toEqual(statistics.rows.map((r) => [...r.keys.map((k) => k.label), ...r.values.map((v) => cell(v.value))]));
    // The figures themselves: 6 enterprises in Guangdong; the micro one's income is negative and written plainly.
    expect(rows.at(-1)!.slice(1)).toEqual(['6', '17.5']);
    expect(rows.flat()).toContain('-12.5');
    expect(rows.flat()).not.toContain("'-12.5");
  });

  it('a list export escapes text that would be a formula, keeps Chinese, quotes per RFC 4180', async () => {
    const job = await create(gd, { format: 'CSV', list: list(['name', 'creditCode'], { filter: { regionCodes: [GD] } }) });
    expect(job).toMatchObject({ kind: 'LIST', status: 'READY', rowCount: 6, fileName: 'enterprises.csv' });
    const { res, rows } = await csvOf(job, gd);
    expect(res.rawPayload.toString('utf8')).toContain('"深圳""微""创, 科技"');
    expect(rows[0]).toEqual(['企业名称', '统一社会信用代码']);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(["'=1+1", "'+SUM(A1)", "'@cmd", "'-2", '广州知识产权示范有限公司', '深圳"微"创, 科技']));
    for (const r of rows.slice(1)) expect(r[1]).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
  });

  it('the same as XLSX: header, numbers as numbers, Chinese text intact, "=1+1" a literal string', async () => {
    const { statistics } = await as(gd).ok<{ statistics: Stats }>(STATS, { q: QUERY });
    const stats = await create(gd, { format: 'XLSX', statistics: QUERY });
    expect(stats).toMatchObject({ status: 'READY', format: 'XLSX', fileName: '统计.xlsx' });
    const res = await get(stats.downloadUrl, gd);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['x-content-sha256']).toBe(sha256(res.rawPayload));
    const sheet = await readSheet(res.rawPayload);
    expect(sheet[0]).toEqual(['企业规模', '企业数（家）', `${statistics.measures[1]!.label}（${statistics.measures[1]!.unit}）`]);
    expect(sheet.slice(1)).toEqual(statistics.rows.map((r) => [...r.keys.map((k) => k.label), ...r.values.map((v) => v.value)]));
    expect(sheet.at(-1)).toEqual(['合计', 6, 17.5]);

    const names = await create(gd, { format: 'XLSX', list: list(['name', 'region.name'], { filter: { regionCodes: [GD] } }) });
    const rows = await readSheet((await get(names.downloadUrl, gd)).rawPayload);
    expect(rows[0]).toEqual(['企业名称', '所在省级辖区·全称']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining([...FORMULAS, '深圳"微"创, 科技']));
    expect(rows.slice(1).every((r) => r[1] === '广东省')).toBe(true);
  });

  it('a snapshot export has the frozen numbers, not today’s', async () => {
    const { saveReport } = await as(gd).ok(`mutation($input: SaveReportInput!) { saveReport(input: $input) { report { id } } }`, {
      input: { name: '广东企业规模', query: { measures: ['ENTERPRISES'], dimensions: ['SIZE_CLASS'] } },
    });
    const { freezeReport } = await as(gd).ok(`mutation($id: ID!) { freezeReport(input: { id: $id }) { snapshot { id result { rows { keys { label } values { value } } } } } }`, {
      id: saveReport.report.id,
    });
    const frozen = freezeReport.snapshot.result.rows as Stats['rows'];
    await makeEnterprise(t.orm.em, rng, { regionCode: GD, name: '定稿后登记的企业', sizeClass: 'LARGE' });
    const job = await create(gd, { format: 'CSV', snapshotId: freezeReport.snapshot.id });
    expect(job).toMatchObject({ kind: 'SNAPSHOT', status: 'READY', fileName: '广东企业规模（第1版）.csv', rowCount: frozen.length });
    const { rows } = await csvOf(job, gd);
    expect(rows[0]).toEqual(['企业规模', '企业数（家）']);
    expect(rows.slice(1)).toEqual(frozen.map((r) => [r.keys[0]!.label, cell(r.values[0]!.value)]));
    // Guangdong's 6 and Zhejiang's titled one (in its public directory); one more today.
    expect(rows.at(-1)).toEqual(['合计', '7']);
    const now = await as(gd).ok<{ statistics: Stats }>(STATS, { q: { measures: ['ENTERPRISES'], dimensions: ['SIZE_CLASS'] } });
    expect(now.statistics.rows.at(-1)!.values[0]!.value).toBe(8);
    // Another bureau cannot export Guangdong's snapshot.
    const zj = (await t.login('PROVINCIAL_ADMIN', { regionCode: ZJ })).accessToken;
    expect((await as(zj).gql(CREATE, { input: { format: 'CSV', snapshotId: freezeReport.snapshot.id } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a list export holds exactly what the viewer pages through: jurisdiction and public directory, filters applied', async () => {
    const page = async (token: string, filter: Record<string, unknown> | null) => {
      const { enterprises } = await as(token).ok(`query($f: EnterpriseFilter) { enterprises(first: 100, filter: $f) { totalCount edges { node { creditCode } } } }`, { f: filter });
      return { total: enterprises.totalCount as number, codes: (enterprises.edges as { node: { creditCode: string } }[]).map((e) => e.node.creditCode).sort() };
    };
    for (const [token, filter] of [
      [gd, null],
      [gd, { sizeClasses: ['LARGE'] }],
      [gdUser, null],
    ] as const) {
      const seen = await page(token, filter);
      const job = await create(token, { format: 'CSV', list: list(['creditCode', 'name'], filter ? { filter } : {}) });
      const { rows } = await csvOf(job, token);
      expect(job.rowCount).toBe(seen.total);
      expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(seen.codes);
    }
    // Guangdong's bureau: its 7 and Zhejiang's titled one, not the untitled one.
    const all = await create(gd, { format: 'CSV', list: list(['name', 'region.name']) });
    const names = (await csvOf(all, gd)).rows.slice(1).map((r) => r[0]);
    expect(names).toHaveLength(8);
    expect(names).toContain('杭州公开名录企业');
    expect(names).not.toContain('宁波未认定企业');
    // The enterprise user: its own enterprise and the public directory.
    expect((await create(gdUser, { format: 'CSV', list: list(['name']) })).rowCount).toBe(2);
  });

  it('bad inputs are BAD_USER_INPUT and store no job', async () => {
    const before = await jobCount();
    const stats = { measures: ['ENTERPRISES'] };
    const bad: Record<string, unknown>[] = [
      { list: { field: 'noSuchField', columns: ['name'] } },
      { list: { field: 'regions', columns: ['name'] } },
      { list: list(['name', 'noSuchColumn']) },
      { list: list(['region']) },
      { list: list(['designations']) },
      { list: list(['designations.level']) },
      { list: list([]) },
      { list: list(['name'], { first: 5 }) },
      { list: list(['name'], { after: 'x' }) },
      { list: list(['name'], { noSuchArgument: 1 }) },
      { list: list(['name'], { filter: { exportOriented: 'yes' } }) },
      { list: list(['name'], { filter: { regionCodes: ['44'] } }) },
      { list: list(['name'], { filter: { search: '企'.repeat(51) } }) },
      {},
      { statistics: stats, list: list(['name']) },
      { statistics: stats, snapshotId: firstStats.id },
      { statistics: { measures: ['ENTERPRISES'], dimensions: ['TRAINING_TIER'] } },
    ];
    for (const input of bad) {
      const { errors, data } = await as(gd).gql(CREATE, { input: { format: 'CSV', ...input } });
      expect({ input, code: errors?.[0]?.extensions?.code }).toEqual({ input, code: 'BAD_USER_INPUT' });
      expect(data ?? null).toBeNull();
    }
    expect(await jobCount()).toBe(before);
  });

  it('an export is its owner’s alone: 404 to anyone else, absent from their exports and node(id); 401 anonymous; 410 expired', async () => {
    const mine = await create(gd, { format: 'CSV', statistics: QUERY });
    const ids = async (token: string) => (await as(token).ok(`{ exports(first: 50) { totalCount edges { node { id } } } }`)).exports.edges.map((e: { node: { id: string } }) => e.node.id);
    const node = async (token: string) => (await as(token).ok(`query($id: ID!) { node(id: $id) { ... on ExportJob { id status } } }`, { id: mine.id })).node;

    expect(await ids(gd)).toEqual(expect.arrayContaining([mine.id, firstStats.id]));
    expect((await ids(gd))[0]).toBe(mine.id);
    expect(await node(gd)).toEqual({ id: mine.id, status: 'READY' });
    const colleague = (await t.login('PROVINCIAL_ADMIN', { regionCode: GD })).accessToken;
    for (const other of [national, gdUser, colleague]) {
      expect((await get(mine.downloadUrl, other)).statusCode).toBe(404);
      expect(await ids(other)).not.toContain(mine.id);
      expect(await node(other)).toBeNull();
    }
    expect((await get(mine.downloadUrl)).statusCode).toBe(401);
    expect((await get('/exports/not-an-id', gd)).statusCode).toBe(404);
    expect((await get(`/exports/${toGlobalId('ExportJob', randomUUID())}`, gd)).statusCode).toBe(404);

    const anonymous = await t.http(CREATE, { input: { format: 'CSV', list: list(['name']) } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.http(`{ exports(first: 5) { totalCount } }`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await t.sql(`update export_job set expires_at = now() - interval '1 minute' where id = ?`, [fromGlobalId(mine.id)!.key]);
    const gone = await get(mine.downloadUrl, gd);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().errors[0].extensions.code).toBe('GONE');
  });

  it('Content-Disposition filename* holds only RFC 8187 value-chars (\' ( ) * percent-encoded)', async () => {
    const job = await create(gd, { format: 'CSV', statistics: QUERY, fileName: "'广东(2026)'" });
    expect(job.fileName).toBe("'广东(2026)'.csv");
    const ext = /filename\*=([^;]+)/.exec(String((await get(job.downloadUrl, gd)).headers['content-disposition']))![1]!;
    expect(decodeURIComponent(ext.slice("UTF-8''".length))).toBe("'广东(2026)'.csv");
    expect(ext).toMatch(/^UTF-8''(?:%[0-9A-F]{2}|[A-Za-z0-9!#$&+.^_`|~-])+$/);
  });

  it('the XLSX sheet name is one Excel accepts: not blank, not beginning or ending with an apostrophe', async () => {
    for (const fileName of ["'广东'", '   ']) {
      const job = await create(gd, { format: 'XLSX', statistics: QUERY, fileName });
      const [sheet] = await readExcelFile((await get(job.downloadUrl, gd)).rawPayload);
      expect(sheet!.sheet).not.toMatch(/^'|'$|^\s*$/);
    }
  });

  it('the row caps: a table longer than the cap stops at it and says it was truncated', async () => {
    const render = async (format: ExportFormat, n: number) => {
      async function* rows(): AsyncIterable<CellValue[]> {
        for (let i = 0; i < n; i++) yield [i, `行${i}`];
      }
      const { stream, done } = renderTable({ title: '上限', columns: ['序号', '名称'], rows: rows() }, format);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { ...(await done), file: Buffer.concat(chunks) };
    };
    const csv = await render(ExportFormat.CSV, ROW_CAPS.CSV + 5);
    expect({ rows: csv.rows, truncated: csv.truncated }).toEqual({ rows: 100_000, truncated: true });
    const lines = parseCsv(csv.file.subarray(3).toString('utf8'));
    expect(lines).toHaveLength(100_001);
    expect(lines.at(-1)).toEqual(['99999', '行99999']);
    const xlsx = await render(ExportFormat.XLSX, ROW_CAPS.XLSX + 5);
    expect({ rows: xlsx.rows, truncated: xlsx.truncated }).toEqual({ rows: 50_000, truncated: true });
    const sheet = await readSheet(xlsx.file);
    expect(sheet).toHaveLength(50_001);
    expect(sheet.at(-1)).toEqual([49_999, '行49999']);
    const exact = await render(ExportFormat.XLSX, 10);
    expect({ rows: exact.rows, truncated: exact.truncated }).toEqual({ rows: 10, truncated: false });
  }, 60_000);
});
