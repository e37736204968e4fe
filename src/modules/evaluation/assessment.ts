/**
 * Scoring against the evaluation index system [D 三(一)2, 三(二)2], for any kind of application:
 * the enterprise's self-assessment item by item (with evidence), the provincial bureau's check of
 * each item, and what the recommendation needs of that check. The functions take the year, the
 * items and the enterprise, not an application: the demonstration application calls them, and so
 * can any other application scored on the same sheets.
 *
 * A table of a year that has a sheet is scored item by item against it (the item's name and
 * maximum come from the sheet, the table's total is the sum of its items); a table without a sheet
 * keeps the free indicator breakdown (the client names its indicators, the total is typed and must
 * equal the breakdown when both are given).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, InputProblems, ruleViolation } from '../../common/errors.js';
import { tryGlobalId } from '../../common/node.js';
import { StoredFile } from '../file/stored-file.entity.js';
import type { IndicatorScore } from '../application/application.entity.js';
import { EvaluationSheet, EvaluationTable } from './evaluation-sheet.entity.js';

export const TABLES = [EvaluationTable.A, EvaluationTable.B] as const;
export type Table = 'A' | 'B';

/** At most this many items in an application's breakdown, and evidence files per item. */
export const MAX_ITEMS = 200;
export const MAX_EVIDENCE_PER_ITEM = 10;
/** Two scores are the same below this difference (scores are given to a tenth or a half point). */
const EPSILON = 0.001;

const sum = (values: readonly number[]) => Math.round(values.reduce((s, x) => s + x, 0) * 1000) / 1000;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000));

/** A year's sheets by table (a table may have none). */
export interface YearSheets {
  year: number;
  A: EvaluationSheet | null;
  B: EvaluationSheet | null;
}

/** The sheets of a year (through `em`: inside a mutation, its transaction). */
export async function sheetsOfYear(em: EntityManager, year: number): Promise<YearSheets> {
  const sheets = await em.find(EvaluationSheet, { year });
  return { year, A: sheets.find((s) => s.table === EvaluationTable.A) ?? null, B: sheets.find((s) => s.table === EvaluationTable.B) ?? null };
}

export const hasSheets = (sheets: YearSheets) => sheets.A !== null || sheets.B !== null;

/** Whether a year has any sheet (one statement). */
export async function yearHasSheets(em: EntityManager, year: number): Promise<boolean> {
  return (await em.count(EvaluationSheet, { year })) > 0;
}

/**
 * The files among `refs` that `enterpriseId` did not upload, as BAD_USER_INPUT on each reference's
 * field: only the enterprise's own files (POST /files) can be attached or given as evidence.
 */
export async function assertEnterpriseFiles(em: EntityManager, enterpriseId: string, refs: readonly { id: string; field: string }[]): Promise<void> {
  if (!refs.length) return;
  const ids = [...new Set(refs.map((r) => r.id))];
  const files = await em.find(StoredFile, { id: { $in: ids }, enterprise: enterpriseId });
  const found = new Set(files.map((f) => f.id));
  const missing = refs.filter((r) => !found.has(r.id));
  if (missing.length) throw badInput(missing.map((r) => ({ field: r.field, message: '未找到本企业上传的该文件' })));
}

/** One self-assessed item as a client gives it (name and maximum only needed without a sheet). */
export interface SelfAssessedItemInput {
  table: string;
  code: string;
  score: number;
  name?: string | null;
  maxScore?: number | null;
  evidenceFileIds?: readonly string[] | null;
}

export interface SelfAssessmentInput {
  year: number;
  /** The enterprise whose files may be given as evidence. */
  enterpriseId: string;
  /** The items given (they replace the stored ones); undefined: not given, the stored ones stay. */
  items: readonly SelfAssessedItemInput[] | undefined;
  /** The items stored so far (a new application: none). */
  current: readonly IndicatorScore[];
  /** The totals given (undefined: not given; null: cleared). */
  totals: { A: number | null | undefined; B: number | null | undefined };
  /** The path of the items in the input, for the problems (`indicators`). */
  field?: string;
}

export interface SelfAssessment {
  /** The items to store; undefined: leave the stored ones. */
  items: IndicatorScore[] | undefined;
  /** Each table's total to store; undefined: leave it. */
  totals: { A: number | null | undefined; B: number | null | undefined };
  /** The year's sheets, as read. */
  sheets: YearSheets;
}

function itemOf(table: Table, code: string, name: string, score: number, maxScore: number, evidenceFileIds: string[]): IndicatorScore {
  return { table, code, name, score, maxScore, ...(evidenceFileIds.length ? { evidenceFileIds } : {}) } as IndicatorScore;
}

/**
 * The enterprise's self-assessment [D 三(一)2]: validates the items against the year's sheets (an
 * item of a table with a sheet must name one of its items, 0 ≤ score ≤ its maximum, at most once;
 * evidence: files the enterprise uploaded, at most 10 an item) and works out each table's total (a
 * sheet's table: the sum of its items, a total given with them must equal it, a total without
 * items is refused; a table without a sheet: as given, equal to its breakdown when both are
 * given). Every problem is reported at once (BAD_USER_INPUT). Items stored under an earlier
 * version of a sheet that no longer fit it must be given again.
 */
export async function assessSelf(em: EntityManager, input: SelfAssessmentInput): Promise<SelfAssessment> {
  const field = input.field ?? 'indicators';
  const sheets = await sheetsOfYear(em, input.year);
  const problems = new InputProblems();
  const evidence: { id: string; field: string }[] = [];
  let items: IndicatorScore[] | undefined;

  if (input.items) {
    if (input.items.length > MAX_ITEMS) problems.add(field, `最多 ${MAX_ITEMS} 项`);
    const seen = new Set<string>();
    items = input.items.map((given, i) => {
      const at = `${field}.${i}`;
      const table = given.table as Table;
      const code = given.code.trim();
      if (table !== 'A' && table !== 'B') {
        problems.add(`${at}.table`, '应为 A 或 B');
        return itemOf('A', code, '', given.score, 0, []);
      }
      const ids = (given.evidenceFileIds ?? []).map((id, j) => {
        const key = tryGlobalId(id, 'StoredFile');
        if (!key) problems.add(`${at}.evidenceFileIds.${j}`, '不是有效的文件 ID');
        else evidence.push({ id: key, field: `${at}.evidenceFileIds.${j}` });
        return key ?? '';
      });
      if (ids.length > MAX_EVIDENCE_PER_ITEM) problems.add(`${at}.evidenceFileIds`, `每项最多 ${MAX_EVIDENCE_PER_ITEM} 个佐证材料`);
      const evidenceFileIds = [...new Set(ids.filter(Boolean))];
      const sheet = sheets[table];
      if (sheet) {
        const item = sheet.item(code);
        if (!item) {
          problems.add(`${at}.code`, `${input.year} 年度 ${table} 表没有指标 ${code || '（空）'}`);
          return itemOf(table, code, '', given.score, 0, evidenceFileIds);
        }
        if (seen.has(`${table}:${code}`)) problems.add(`${at}.code`, `${table} 表指标 ${code} 重复`);
        seen.add(`${table}:${code}`);
        if (given.maxScore != null && Math.abs(given.maxScore - item.maxPoints) > EPSILON) problems.add(`${at}.maxScore`, `与评价表不符：${code} 满分为 ${fmt(item.maxPoints)}`);
        if (!(Number.isFinite(given.score) && given.score >= 0 && given.score <= item.maxPoints)) problems.add(`${at}.score`, `应在 0 到 ${fmt(item.maxPoints)}（该项满分）之间`);
        return itemOf(table, code, item.name, given.score, item.maxPoints, evidenceFileIds);
      }
      // No sheet for this table this year: the free breakdown, as the client names it.
      const name = given.name?.trim() ?? '';
      const maxScore = given.maxScore ?? NaN;
      if (!code || code.length > 20) problems.add(`${at}.code`, '应为 1–20 个字符');
      if (!name || name.length > 200) problems.add(`${at}.name`, given.name == null ? `${input.year} 年度没有 ${table} 表，须给出指标名称` : '应为 1–200 字');
      if (!(maxScore > 0 && maxScore <= 100)) problems.add(`${at}.maxScore`, given.maxScore == null ? `${input.year} 年度没有 ${table} 表，须给出满分` : '应在 0 到 100 之间');
      else if (!(given.score >= 0 && given.score <= maxScore)) problems.add(`${at}.score`, '应在 0 到满分之间');
      return itemOf(table, code, name, given.score, maxScore, evidenceFileIds);
    });
  } else if (hasSheets(sheets) && input.current.length) {
    // Items kept from an earlier save: they must still fit the sheet (it may have changed since).
    const stale: string[] = [];
    items = input.current.map((stored) => {
      const sheet = sheets[stored.table];
      if (!sheet) return stored;
      const item = sheet.item(stored.code);
      if (!item || stored.score > item.maxPoints) {
        stale.push(`${stored.table} 表 ${stored.code}`);
        return stored;
      }
      return itemOf(stored.table, stored.code, item.name, stored.score, item.maxPoints, stored.evidenceFileIds ?? []);
    });
    if (stale.length) problems.add(field, `${input.year} 年度评价表已修改，已保存的自评（${stale.join('、')}）与之不符：请按评价表重新逐项自评`);
  }

  const effective = items ?? input.current;
  const totals: SelfAssessment['totals'] = { A: input.totals.A, B: input.totals.B };
  for (const table of TABLES) {
    const rows = effective.filter((x) => x.table === table);
    const given = input.totals[table];
    const total = sum(rows.map((x) => x.score));
    if (sheets[table]) {
      // The table's total is the sum of its items.
      if (rows.length && given != null && Math.abs(given - total) > 0.01) problems.add(`score${table}`, `${table} 表总分应等于逐项自评得分之和（${fmt(total)}）`);
      if (!rows.length && given != null) problems.add(`score${table}`, `${input.year} 年度已发布 ${table} 表：总分由逐项自评得出，请在 ${field} 中逐项填报`);
      totals[table] = rows.length ? total : null;
    } else if (input.items && rows.length && given != null && Math.abs(given - total) > 0.01) {
      problems.add(`score${table}`, `${table} 表总分应等于明细之和（${fmt(total)}）`);
    }
  }
  problems.throwIfAny();
  await assertEnterpriseFiles(em, input.enterpriseId, evidence);
  return { items, totals, sheets };
}

/**
 * At submission: the stored self-assessment still fits the year's sheets, and every table with a
 * sheet has been assessed item by item (a draft saved before its sheets were published, or with
 * typed totals only, is refused: BAD_USER_INPUT on `indicators`). Returns the totals to store (as
 * assessSelf), so a sheet's table total is always the sum of its items.
 */
export async function assertSelfAssessed(em: EntityManager, subject: { year: number; enterpriseId: string; indicators: readonly IndicatorScore[] }): Promise<SelfAssessment['totals']> {
  const assessed = await assessSelf(em, { year: subject.year, enterpriseId: subject.enterpriseId, items: undefined, current: subject.indicators, totals: { A: undefined, B: undefined } });
  const missing = TABLES.filter((table) => assessed.sheets[table] && !subject.indicators.some((x) => x.table === table));
  if (missing.length) throw badInput(missing.map((table) => ({ field: 'indicators', message: `${subject.year} 年度已发布 ${table} 表：提交前须按评价表逐项自评` })));
  return assessed.totals;
}

/** The bureau's check of one item as given. */
export interface ItemCheckGiven {
  table: string;
  code: string;
  checkedScore: number;
  reason?: string | null;
}

export interface ItemCheckResult {
  items: IndicatorScore[];
  checkedScoreA: number | null;
  checkedScoreB: number | null;
}

/**
 * The provincial check of a self-assessment [D 三(二)2]: every self-assessed item gets a checked
 * score, 0 to its maximum (the sheet's), with a reason when it differs from the enterprise's score
 * (1–1000 characters). The year must have its sheets, and the self-assessment must follow them
 * (RULE_VIOLATION `SELF_ASSESSMENT_NOT_ITEMISED` otherwise: the bureau can only reject such an
 * application). Returns the items with their checks and the checked totals of each table.
 */
export async function checkItems(em: EntityManager, input: { year: number; items: readonly IndicatorScore[]; checks: readonly ItemCheckGiven[]; field?: string }): Promise<ItemCheckResult> {
  const field = input.field ?? 'items';
  const sheets = await sheetsOfYear(em, input.year);
  if (!hasSheets(sheets)) {
    throw ruleViolation('NO_EVALUATION_SHEET', `国家局尚未发布 ${input.year} 年度的评价表，无法逐项核查`, { paragraph: '三(二)2', year: input.year });
  }
  const offSheet = input.items.filter((x) => sheets[x.table] && !sheets[x.table]!.item(x.code)).map((x) => `${x.table} 表 ${x.code}`);
  const missingTables = TABLES.filter((t) => !input.items.some((x) => x.table === t));
  if (offSheet.length || missingTables.length) {
    throw ruleViolation(
      'SELF_ASSESSMENT_NOT_ITEMISED',
      offSheet.length
        ? `申报的自评与 ${input.year} 年度评价表不符（${offSheet.join('、')}），无法逐项核查`
        : `申报没有对 ${missingTables.join('、')} 表逐项自评，无法逐项核查`,
      { paragraph: '三(二)2', ...(offSheet.length ? { items: offSheet } : { tables: missingTables }) },
    );
  }

  const problems = new InputProblems();
  if (input.checks.length > MAX_ITEMS) problems.add(field, `最多 ${MAX_ITEMS} 项`);
  const byKey = new Map<string, { check: ItemCheckGiven; at: string }>();
  input.checks.forEach((check, i) => {
    const at = `${field}.${i}`;
    const key = `${check.table}:${check.code.trim()}`;
    if (!input.items.some((x) => `${x.table}:${x.code}` === key)) problems.add(`${at}.code`, `企业没有自评 ${check.table} 表指标 ${check.code.trim()}`);
    else if (byKey.has(key)) problems.add(`${at}.code`, `${check.table} 表指标 ${check.code.trim()} 重复`);
    else byKey.set(key, { check, at });
  });
  const unchecked = input.items.filter((x) => !byKey.has(`${x.table}:${x.code}`)).map((x) => `${x.table} 表 ${x.code}`);
  if (unchecked.length) problems.add(field, `每一项自评都须核定得分，缺：${unchecked.join('、')}`);

  const items = input.items.map((x) => {
    const found = byKey.get(`${x.table}:${x.code}`);
    if (!found) return x;
    const { check, at } = found;
    const max = sheets[x.table]?.item(x.code)?.maxPoints ?? x.maxScore;
    const reason = check.reason?.trim() ?? '';
    if (!(Number.isFinite(check.checkedScore) && check.checkedScore >= 0 && check.checkedScore <= max)) problems.add(`${at}.checkedScore`, `应在 0 到 ${fmt(max)}（该项满分）之间`);
    const adjusted = Math.abs(check.checkedScore - x.score) > EPSILON;
    if (adjusted && !reason) problems.add(`${at}.reason`, `核定得分（${fmt(check.checkedScore)}）与企业自评（${fmt(x.score)}）不同，须说明理由`);
    if (reason.length > 1000) problems.add(`${at}.reason`, '最长 1000 字');
    return { ...x, checkedScore: check.checkedScore, checkReason: reason || null } as IndicatorScore;
  });
  problems.throwIfAny();
  const total = (table: Table) => {
    const rows = items.filter((x) => x.table === table);
    return rows.length ? sum(rows.map((x) => x.checkedScore ?? 0)) : null;
  };
  return { items, checkedScoreA: total('A'), checkedScoreB: total('B') };
}

/** What the recommendation asks of an application's check (demonstration or another kind). */
export interface CheckState {
  year: number;
  checkedAt?: Date | null;
  backboneStatement?: string | null;
}

/**
 * Before a provincial recommendation, in a year that has sheets [D 三(二)2, 三(一)1]: the items
 * must have been checked (RULE_VIOLATION `ITEMS_NOT_CHECKED`) and the bureau must have attested
 * that the enterprise is a domestic backbone enterprise with strong industry influence
 * (RULE_VIOLATION `R2`, condition `BACKBONE_NOT_ATTESTED`). A year without sheets asks neither.
 */
export async function assertCheckedForRecommendation(em: EntityManager, subject: CheckState, step = '不能推荐'): Promise<void> {
  if (!(await yearHasSheets(em, subject.year))) return;
  if (!subject.checkedAt) {
    throw ruleViolation('ITEMS_NOT_CHECKED', `${step}：须先对照 ${subject.year} 年度评价表逐项核查企业的自评得分（三(二)2）`, { paragraph: '三(二)2' });
  }
  if (!subject.backboneStatement) {
    throw ruleViolation('R2', `${step}：须先认定该企业为“国内骨干企业，行业影响力较强”（三(一)1）并说明依据`, { paragraph: '三(一)1', condition: 'BACKBONE_NOT_ATTESTED' });
  }
}
