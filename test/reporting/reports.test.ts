/**
 * Saved reports and frozen snapshots (issue 15, docs/reporting.md "Frozen reports"): a bureau
 * saves a statistics query and freezes it; the snapshot keeps its numbers after the data change,
 * a re-freeze is version 2, the checksum verifies, the database refuses to change a snapshot, and
 * only the owning bureau may write (a refusal stores nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

const GD = '440000';
const ZJ = '330000';
const SAVE = `mutation($input: SaveReportInput!) { saveReport(input: $input) { report { id name bureauCode version query snapshotCount latestSnapshot { version } } } }`;
const FREEZE = `mutation($id: ID!) { freezeReport(input: { id: $id }) { snapshot { id version dataDate dataVersion bureauCode checksum verified frozenBy name
  result { asOf rows { isTotal keys { value } values { measure value } } measures { measure label } } } } }`;
const SNAPSHOT = `query($id: ID!) { node(id: $id) { ... on ReportSnapshot { version checksum verified result { rows { isTotal keys { value } values { value } } } } } }`;

type Row = { isTotal: boolean; keys: { value: string | null }[]; values: { measure?: string; value: number | null }[] };
const total = (rows: Row[]) => rows.find((r) => r.isTotal)!.values[0]!.value;

describe('frozen reports', () => {
  let t: TestApp;
  const rng = randomFor(15);
  let reportId: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    for (let i = 0; i < 3; i++) await makeEnterprise(t.orm.em, rng, { regionCode: GD, sizeClass: 'LARGE' });
    await makeEnterprise(t.orm.em, rng, { regionCode: ZJ, sizeClass: 'LARGE' });
  });
  afterAll(() => t.close());

  it('a provincial bureau saves a report of its own', async () => {
    const { saveReport } = await t.ok(SAVE, { input: { name: '广东企业规模', description: '按规模统计', query: { measures: ['ENTERPRISES'], dimensions: ['SIZE_CLASS'] } } }, as.provincial(GD));
    expect(saveReport.report).toMatchObject({ name: '广东企业规模', bureauCode: GD, version: 1, snapshotCount: 0, latestSnapshot: null });
    expect(saveReport.report.query).toMatchObject({ measures: ['ENTERPRISES'], dimensions: ['SIZE_CLASS'], totals: 'ROLLUP', fillEmpty: true });
    reportId = saveReport.report.id;
  });

  it('a snapshot keeps its numbers after the data change; a re-freeze is version 2 with the new numbers', async () => {
    const first = (await t.ok(FREEZE, { id: reportId }, as.provincial(GD))).freezeReport.snapshot;
    expect(first).toMatchObject({ version: 1, dataDate: '2026-06-15', bureauCode: GD, verified: true, name: '广东企业规模' });
    expect(first.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(first.dataVersion).toMatch(/^\d+$/);
    // The bureau's own 3 enterprises (the Zhejiang one holds no title: not in its visibility).
    expect(total(first.result.rows)).toBe(3);

    await makeEnterprise(t.orm.em, rng, { regionCode: GD, sizeClass: 'SMALL' });
    const again = await t.ok(SNAPSHOT, { id: first.id }, as.provincial(GD));
    expect(again.node).toMatchObject({ version: 1, checksum: first.checksum, verified: true });
    expect(total(again.node.result.rows)).toBe(3);

    t.setToday('2026-06-16');
    const second = (await t.ok(FREEZE, { id: reportId }, as.provincial(GD))).freezeReport.snapshot;
    expect(second).toMatchObject({ version: 2, dataDate: '2026-06-16', verified: true });
    expect(total(second.result.rows)).toBe(4);
    expect(Number(second.dataVersion)).toBeGreaterThan(Number(first.dataVersion));
    t.setToday('2026-06-15');

    const list = await t.ok(`query($id: ID!) { reportSnapshots(reportId: $id, first: 10) { totalCount edges { node { version } } } }`, { id: reportId }, as.provincial(GD));
    expect(list.reportSnapshots.edges.map((e: { node: { version: number } }) => e.node.version)).toEqual([2, 1]);
  });

  it('the database refuses to change or delete a snapshot, and a tampered one no longer verifies', async () => {
    await expect(t.sql(`update report_snapshot set name = 'rewritten'`)).rejects.toThrow(/frozen/);
    await expect(t.sql(`delete from report_snapshot`)).rejects.toThrow(/frozen/);
    // Tampering behind the trigger's back (as a superuser could) is caught by the checksum.
    await t.sql(`alter table report_snapshot disable trigger report_snapshot_frozen`);
    const [row] = await t.sql<{ id: string }>(`update report_snapshot set result = jsonb_set(result, '{asOf}', '"2020-01-01"') where version = 1 returning id`);
    await t.sql(`alter table report_snapshot enable trigger report_snapshot_frozen`);
    const { node } = await t.ok(`query($id: ID!) { node(id: $id) { ... on ReportSnapshot { verified } } }`, { id: toGlobalId('ReportSnapshot', row!.id) }, as.national());
    expect(node.verified).toBe(false);
  });

  it('updating a report leaves its snapshots as they were', async () => {
    const { reports } = await t.ok(`{ reports(first: 10) { edges { node { id version } } } }`, {}, as.provincial(GD));
    const version = reports.edges[0].node.version;
    const { updateReport } = await t.ok(
      `mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { name version query snapshotCount latestSnapshot { version name } } } }`,
      { input: { id: reportId, version, name: '广东企业（按行业）', query: { measures: ['ENTERPRISES'], dimensions: ['INDUSTRY_SECTION'] } } },
      as.provincial(GD),
    );
    expect(updateReport.report).toMatchObject({ name: '广东企业（按行业）', version: version + 1, snapshotCount: 2, latestSnapshot: { version: 2, name: '广东企业规模' } });
    const stale = await t.gql(`mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { id } } }`, { input: { id: reportId, version, name: 'x' } }, as.provincial(GD));
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses others, and a refusal stores nothing', async () => {
    const before = await t.sql<{ n: number }>(`select (select count(*) from report) + (select count(*) from report_snapshot) + (select count(*) from audit_entry) as n`);
    const code = async (query: string, variables: Record<string, unknown>, viewer: Parameters<TestApp['gql']>[2]) => (await t.gql(query, variables, viewer)).errors?.[0]?.extensions?.code;
    const save = { input: { name: 'x', query: { measures: ['ENTERPRISES'] } } };
    expect(await code(SAVE, save, as.anonymous)).toBe('UNAUTHENTICATED');
    expect(await code(SAVE, save, as.enterprise('00000000-0000-7000-8000-000000000001'))).toBe('FORBIDDEN');
    expect(await code(FREEZE, { id: reportId }, as.provincial(ZJ))).toBe('NOT_FOUND');
    expect(await code(FREEZE, { id: reportId }, as.national())).toBe('FORBIDDEN');
    expect(await code(`{ reports(first: 5) { totalCount } }`, {}, as.enterprise('00000000-0000-7000-8000-000000000001'))).toBe('FORBIDDEN');
    expect(await code(SAVE, { input: { name: ' ', query: { measures: ['ENTERPRISES'] } } }, as.provincial(GD))).toBe('BAD_USER_INPUT');
    expect(await code(SAVE, { input: { name: '错的', query: { measures: ['ENTERPRISES'], dimensions: ['TRAINING_TIER'] } } }, as.provincial(GD))).toBe('BAD_USER_INPUT');
    const after = await t.sql<{ n: number }>(`select (select count(*) from report) + (select count(*) from report_snapshot) + (select count(*) from audit_entry) as n`);
    expect(after).toEqual(before);
    // Another bureau does not even list it; the national bureau lists every bureau's.
    expect((await t.ok(`{ reports(first: 5) { totalCount } }`, {}, as.provincial(ZJ))).reports.totalCount).toBe(0);
    expect((await t.ok(`{ reports(first: 5) { totalCount } }`, {}, as.national())).reports.totalCount).toBe(1);
  });

  it('concurrent freezes get distinct consecutive versions', async () => {
    const { saveReport } = await t.ok(SAVE, { input: { name: '全国企业', query: { measures: ['ENTERPRISES'] } } }, as.national());
    const id = saveReport.report.id;
    const results = await Promise.all(Array.from({ length: 6 }, () => t.gql(FREEZE, { id }, as.national())));
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(results.map((r) => r.data!.freezeReport.snapshot.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a page of reports costs the same statements whatever its size (snapshots through batched loaders)', async () => {
    for (let i = 0; i < 4; i++) {
      const { saveReport } = await t.ok(SAVE, { input: { name: `报表${i}`, query: { measures: ['ENTERPRISES'] } } }, as.national());
      await t.ok(FREEZE, { id: saveReport.report.id }, as.national());
    }
    const page = (n: number) => t.countQueries(() => t.ok(`query($n: Int!) { reports(first: $n) { edges { node { name snapshotCount latestSnapshot { version report { name } } } } } }`, { n }, as.national()));
    const small = await page(1);
    const large = await page(6);
    expect(large.queries.length).toBe(small.queries.length);
  });
});
