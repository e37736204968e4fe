/** Steps shared by the evaluation-sheet tests: publishing sheets, self-assessing item by item, checking. */
import { as, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Random } from '../../seeds/random.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { itemScores, sheetInput } from '../../seeds/evaluation-sheets.js';

export const SAVE_SHEET = `mutation($input: SaveEvaluationSheetInput!) { saveEvaluationSheet(input: $input) { sheet { id year table title version maxTotal frozen updatedBy sections { code name items { code name maxPoints guidance } } } } }`;
export const COPY_SHEETS = `mutation($input: CopyEvaluationSheetsInput!) { copyEvaluationSheets(input: $input) { sheets { id year table title version maxTotal sections { code items { code maxPoints } } } } }`;
export const SAVE_APP = `mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) {
  application { id version status scoreA scoreB indicators { table code name score maxScore checkedScore checkReason evidence { id fileName } } } } }`;
export const SUBMIT_APP = `mutation($input: SubmitDemonstrationApplicationInput!) { submitDemonstrationApplication(input: $input) { application { id version status } } }`;
export const CHECK = `mutation($input: CheckApplicationItemsInput!) { checkApplicationItems(input: $input) { application {
  id version status scoreA scoreB checkedScoreA checkedScoreB checkedBy checkedAt
  backboneAttestation { statement attestedBy attestedOn }
  indicators { table code score maxScore checkedScore checkReason } } } }`;

export const TEXTS = { formContent: '申报书', workFoundation: '工作基础', goalsAndTasks: '目标和任务', measures: '工作措施' };
export const BACKBONE = '该企业为本省装备制造业龙头，主导制定国家标准 3 项，国内市场占有率居行业前三，行业影响力较强。';

/** Publishes the seed tables A and B for a year (national admin). */
export async function publishSheets(t: TestApp, year: number) {
  for (const table of ['A', 'B'] as const) await t.ok(SAVE_SHEET, { input: sheetInput(year, table) });
}

/** The items of a seed table summing to `total`, as the enterprise gives them (table, code, score). */
export const selfAssessed = (table: 'A' | 'B', total: number) => itemScores(table, total).map(({ code, score }) => ({ table, code, score }));

/** An enterprise of the region that may apply on the provincial route (a completed advantage cultivation), or an industry leader. */
export async function applicant(t: TestApp, rng: Random, regionCode: string, leader = false): Promise<Enterprise> {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode, industryLeader: leader });
  await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2021, validFrom: '2021-12-01', validUntil: '2024-11-30' });
  return e;
}

/** An application self-assessed item by item (A summing to `a`, B to `b`) and submitted. */
export async function submittedWithItems(t: TestApp, rng: Random, regionCode: string, options: { a?: number; b?: number; year?: number; route?: 'PROVINCIAL' | 'DIRECT' } = {}) {
  const e = await applicant(t, rng, regionCode, options.route === 'DIRECT');
  const viewer = as.enterprise(e.id);
  const indicators = [...selfAssessed('A', options.a ?? 80), ...selfAssessed('B', options.b ?? 85)];
  const input = { enterpriseId: toGlobalId('Enterprise', e.id), year: options.year ?? 2026, route: options.route ?? 'PROVINCIAL', ...TEXTS, indicators };
  const draft = (await t.ok(SAVE_APP, { input }, viewer)).saveDemonstrationApplication.application;
  const app = (await t.ok(SUBMIT_APP, { input: { id: draft.id, version: draft.version } }, viewer)).submitDemonstrationApplication.application as { id: string; version: number };
  return { ...app, enterprise: e, indicators };
}

/** Every self-assessed item checked as claimed, except `adjust` (code → [checkedScore, reason]). */
export function checksFor(indicators: readonly { table: string; code: string; score: number }[], adjust: Record<string, [number, string | null]> = {}) {
  return indicators.map((x) => (adjust[x.code] ? { table: x.table, code: x.code, checkedScore: adjust[x.code]![0], reason: adjust[x.code]![1] } : { table: x.table, code: x.code, checkedScore: x.score }));
}
