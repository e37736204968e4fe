/**
 * The enterprise's self-assessment item by item [D 三(一)2]: in a year with evaluation sheets each
 * indicator names an item of the year's table (its name and maximum come from the sheet), scores
 * 0 to the item's maximum, may carry evidence (files the enterprise uploaded), and each table's
 * total is the sum of its items. A year without sheets keeps the free breakdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { sheetInput, SHEET_SECTIONS } from '../../seeds/evaluation-sheets.js';
import { storedFile } from '../application/flow.js';
import { applicant, publishSheets, SAVE_APP, SAVE_SHEET, selfAssessed, SUBMIT_APP, TEXTS } from './steps.js';

const TODAY = '2026-06-15';
type Problem = { field: string; message: string };
const fieldsOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => ((r.errors?.[0]?.extensions?.fields ?? []) as Problem[]).map((p) => p.field).sort();

describe('self-assessment item by item', () => {
  let t: TestApp;
  const rng = randomFor(2026_12_03);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
    await publishSheets(t, 2026);
  });
  afterAll(() => t.close());

  async function draft(indicators: unknown[], extra: Record<string, unknown> = {}, year = 2026) {
    const e = await applicant(t, rng, '320000');
    const input = { enterpriseId: toGlobalId('Enterprise', e.id), year, ...TEXTS, indicators, ...extra };
    return { e, result: await t.gql(SAVE_APP, { input }, as.enterprise(e.id)), input };
  }

  it('D 三(一)2: the items’ names and maxima come from the year’s sheet, and each table’s total is the sum of its items', async () => {
    const indicators = [...selfAssessed('A', 80.5), ...selfAssessed('B', 86)];
    const { e, result } = await draft(indicators);
    expect(result.errors).toBeUndefined();
    const app = result.data!.saveDemonstrationApplication.application;
    expect(app).toMatchObject({ scoreA: 80.5, scoreB: 86 });
    expect(app.indicators).toHaveLength(indicators.length);
    expect(app.indicators[0]).toMatchObject({ table: 'A', code: 'A1.1', name: SHEET_SECTIONS.A[0]!.items[0]!.name, maxScore: 10, checkedScore: null, evidence: [] });
    // Submitted as is: the totals are the sums (R1 met: 80.5 ≥ 75, 86 ≥ 80).
    const submitted = await t.ok(SUBMIT_APP, { input: { id: app.id, version: app.version } }, as.enterprise(e.id));
    expect(submitted.submitDemonstrationApplication.application.status).toBe('SUBMITTED');
  });

  it('D 三(一)2: an indicator that is not an item of the year’s table, or given twice, is refused', async () => {
    const indicators = [{ table: 'A', code: 'A9.9', score: 3 }, { table: 'B', code: 'A1.1', score: 3 }, ...selfAssessed('A', 60).slice(0, 2), selfAssessed('A', 60)[0]!];
    const { result } = await draft(indicators);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(result)).toEqual(['indicators.0.code', 'indicators.1.code', 'indicators.4.code']);
    expect(result.errors![0]!.message).toContain('2026 年度 A 表没有指标 A9.9');
  });

  it('D 三(一)2: a score above the item’s maximum (or below 0) is refused; a maximum other than the sheet’s too', async () => {
    const { result } = await draft([
      { table: 'A', code: 'A1.1', score: 10.5 },
      { table: 'A', code: 'A1.2', score: -1 },
      { table: 'B', code: 'B1.1', score: 5, maxScore: 20 },
      { table: 'B', code: 'B1.2', score: 5, maxScore: 10, name: '客户端的名称不作数' },
    ]);
    expect(fieldsOf(result)).toEqual(['indicators.0.score', 'indicators.1.score', 'indicators.2.maxScore']);
    expect(result.errors![0]!.message).toContain('应在 0 到 10（该项满分）之间');
  });

  it('D 三(一)2: a total must equal its items’ sum, and a table with a sheet has no total without items', async () => {
    const mismatch = await draft(selfAssessed('A', 80), { scoreA: 81 });
    expect(fieldsOf(mismatch.result)).toEqual(['scoreA']);
    const noItems = await draft(selfAssessed('A', 80), { scoreB: 85 });
    expect(fieldsOf(noItems.result)).toEqual(['scoreB']);
    expect(noItems.result.errors![0]!.message).toContain('总分由逐项自评得出');
    const equal = await draft(selfAssessed('A', 80), { scoreA: 80 });
    expect(equal.result.data?.saveDemonstrationApplication.application).toMatchObject({ scoreA: 80, scoreB: null });
  });

  it('evidence per item: files the enterprise uploaded; another enterprise’s file is refused', async () => {
    const e = await applicant(t, rng, '320000');
    const own = await storedFile(t, { enterpriseId: e.id }, '贯标证书.pdf');
    const other = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    const foreign = await storedFile(t, { enterpriseId: other.id }, '他人的证书.pdf');
    const items = selfAssessed('A', 80);
    const base = { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, ...TEXTS };
    const refused = await t.gql(SAVE_APP, { input: { ...base, indicators: [{ ...items[0], evidenceFileIds: [own] }, { ...items[1], evidenceFileIds: [foreign] }] } }, as.enterprise(e.id));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'indicators.1.evidenceFileIds.0', message: '未找到本企业上传的该文件' }] });
    expect(await t.sql(`select 1 from demonstration_application where enterprise_id = ?`, [e.id])).toEqual([]);

    const saved = (await t.ok(SAVE_APP, { input: { ...base, indicators: [{ ...items[0], evidenceFileIds: [own] }, ...items.slice(1)] } }, as.enterprise(e.id))).saveDemonstrationApplication.application;
    expect(saved.indicators[0].evidence).toEqual([{ id: own, fileName: '贯标证书.pdf' }]);
    // The bureau of the jurisdiction sees the evidence with the application.
    const seen = await t.ok(`query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { indicators { code evidence { id } } } } }`, { id: saved.id }, as.provincial('320000'));
    expect(seen.node.indicators[0]).toEqual({ code: 'A1.1', evidence: [{ id: own }] });
  });

  it('a year’s sheet changed after a draft was saved: the draft must be assessed again against it', async () => {
    const a2027 = (await t.ok(SAVE_SHEET, { input: sheetInput(2027, 'A') })).saveEvaluationSheet.sheet;
    const { e, result, input } = await draft(selfAssessed('A', 80), {}, 2027);
    const app = result.data!.saveDemonstrationApplication.application;
    const changed = structuredClone(sheetInput(2027, 'A'));
    changed.sections[0]!.items[0]!.code = 'A1.0';
    await t.ok(SAVE_SHEET, { input: { ...changed, version: a2027.version } });
    const stale = await t.gql(SAVE_APP, { input: { enterpriseId: input.enterpriseId, year: 2027, version: app.version, formContent: '修改后的申报书' } }, as.enterprise(e.id));
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'indicators', message: expect.stringContaining('A 表 A1.1') }] });
    const redone = selfAssessed('A', 80).map((x) => (x.code === 'A1.1' ? { ...x, code: 'A1.0' } : x));
    const ok = await t.ok(SAVE_APP, { input: { enterpriseId: input.enterpriseId, year: 2027, version: app.version, indicators: redone } }, as.enterprise(e.id));
    expect(ok.saveDemonstrationApplication.application).toMatchObject({ scoreA: 80 });
  });

  it('a year without sheets keeps the free breakdown: the client names its indicators and their maxima', async () => {
    const free = [{ table: 'A', code: 'X1', name: '自拟指标', score: 30, maxScore: 40 }];
    const { result } = await draft(free, { scoreA: 30, scoreB: 82 }, 2025);
    expect(result.data?.saveDemonstrationApplication.application).toMatchObject({ scoreA: 30, scoreB: 82, indicators: [{ table: 'A', code: 'X1', name: '自拟指标', score: 30, maxScore: 40 }] });
    const unnamed = await draft([{ table: 'A', code: 'X1', score: 30 }], {}, 2025);
    expect(fieldsOf(unnamed.result)).toEqual(['indicators.0.maxScore', 'indicators.0.name']);
    const sum = await draft(free, { scoreA: 31 }, 2025);
    expect(fieldsOf(sum.result)).toEqual(['scoreA']);
  });
});
