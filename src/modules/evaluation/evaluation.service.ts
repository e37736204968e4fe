/**
 * The evaluation index system as data [D 三(一)2, 三(二)2]: the national bureau keeps, year by year,
 * table A and table B (sections of items with their maximum points, 100 in all). A year's sheets
 * are frozen once an application of that year has been submitted: the scores of a year are all
 * given against one version of the sheets.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, ruleViolation } from '../../common/errors.js';
import { LeanQuery } from '../../common/pagination.js';
import { query, sql, trusted } from '../../common/sql.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { ApplicationStatus } from '../application/application.entity.js';
import { EvaluationSheet, EvaluationTable, type EvaluationSection } from './evaluation-sheet.entity.js';
import type { CopyEvaluationSheetsInput, SaveEvaluationSheetInput } from './evaluation.inputs.js';
import { evaluationActions } from './evaluation.policy.js';

const SHEET_FIELDS = ['title', 'sections', 'maxTotal'] as const;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
export const SHEET_TOTAL = 100;

/** The tables of applications self-assessed on a year's sheets (their DRAFT status has the same name). */
export const SELF_ASSESSED_TABLES = ['demonstration_application', 'advantage_application'] as const;
const MAX_SECTIONS = 20;
const MAX_ITEMS_PER_SECTION = 30;
const MAX_ITEMS_PER_SHEET = 100;

function checkYear(problems: InputProblems, field: string, year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) problems.add(field, '应在 2000 到 2100 之间');
}

const total = (sections: readonly EvaluationSection[]) => Math.round(sections.reduce((s, x) => s + x.items.reduce((t, i) => t + i.maxPoints, 0), 0) * 1000) / 1000;

/** A sheet as given, trimmed and checked: codes unique within the sheet, maxima positive, summing to 100. */
function validSheet(input: SaveEvaluationSheetInput): { title: string; sections: EvaluationSection[]; maxTotal: number } {
  const problems = new InputProblems();
  checkYear(problems, 'year', input.year);
  const title = input.title.trim();
  if (title.length < 1 || title.length > 100) problems.add('title', '应为 1–100 字');
  if (input.sections.length < 1 || input.sections.length > MAX_SECTIONS) problems.add('sections', `应有 1–${MAX_SECTIONS} 个部分`);
  const codes = new Set<string>();
  const unique = (field: string, code: string) => {
    if (!CODE.test(code)) problems.add(field, '应为 1–20 个字母、数字、点、横线或下划线');
    else if (codes.has(code)) problems.add(field, `编号 ${code} 在本表中重复`);
    codes.add(code);
  };
  let count = 0;
  const sections = input.sections.map((s, i) => {
    const code = s.code.trim();
    const name = s.name.trim();
    unique(`sections.${i}.code`, code);
    if (name.length < 1 || name.length > 100) problems.add(`sections.${i}.name`, '应为 1–100 字');
    if (s.items.length < 1 || s.items.length > MAX_ITEMS_PER_SECTION) problems.add(`sections.${i}.items`, `每部分应有 1–${MAX_ITEMS_PER_SECTION} 项`);
    count += s.items.length;
    const items = s.items.map((it, j) => {
      const at = `sections.${i}.items.${j}`;
      const itemCode = it.code.trim();
      const itemName = it.name.trim();
      const guidance = it.guidance?.trim() || null;
      unique(`${at}.code`, itemCode);
      if (itemName.length < 1 || itemName.length > 200) problems.add(`${at}.name`, '应为 1–200 字');
      if (!(Number.isFinite(it.maxPoints) && it.maxPoints > 0 && it.maxPoints <= SHEET_TOTAL)) problems.add(`${at}.maxPoints`, `应大于 0、不超过 ${SHEET_TOTAL}`);
      if (guidance && guidance.length > 2000) problems.add(`${at}.guidance`, '最长 2000 字');
      return { code: itemCode, name: itemName, maxPoints: it.maxPoints, guidance };
    });
    return { code, name, items };
  });
  if (count > MAX_ITEMS_PER_SHEET) problems.add('sections', `每表最多 ${MAX_ITEMS_PER_SHEET} 项`);
  const maxTotal = total(sections);
  if (!problems.problems.length && Math.abs(maxTotal - SHEET_TOTAL) > 0.001) problems.add('sections', `各项满分之和应为 ${SHEET_TOTAL}（现为 ${maxTotal}）`);
  problems.throwIfAny();
  return { title, sections, maxTotal };
}

/**
 * Refuses a change of `year`'s sheets once an application of that year has been submitted
 * (RULE_VIOLATION `SHEET_IN_USE`). The year's applications are locked for share until the change
 * commits, so none is submitted under a sheet that is being changed.
 */
async function assertYearOpen(em: EntityManager, year: number): Promise<void> {
  let submitted = 0;
  // Both kinds of application (demonstration and advantage) are assessed on the year's sheets.
  for (const table of SELF_ASSESSED_TABLES) {
    const rows = await query<{ status: string }>(em, sql`select a.status from ${trusted(table)} a where a.year = ${year} for share`);
    submitted += rows.filter((r) => r.status !== ApplicationStatus.DRAFT).length;
  }
  if (submitted) {
    throw ruleViolation('SHEET_IN_USE', `${year} 年度已有 ${submitted} 份申报提交，该年度的评价表不可再修改（每年度一个版本）`, { paragraph: '三(一)2', year, submitted });
  }
}

function audit(em: EntityManager, ctx: Context, operation: string, sheet: EvaluationSheet, before: Record<string, unknown> | null, extra: Record<string, { before: unknown; after: unknown }> = {}): void {
  recordAudit(em, ctx, {
    operation,
    objectType: 'EvaluationSheet',
    objectId: sheet.id,
    jurisdiction: null,
    changes: { ...extra, ...changedFields(before, snapshot(sheet, SHEET_FIELDS), SHEET_FIELDS) },
  });
}

const byTable = (a: EvaluationSheet, b: EvaluationSheet) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0);

export const evaluationService = {
  /** A year's sheet of one table (public), or null. */
  async sheet(ctx: Context, year: number, table: EvaluationTable): Promise<EvaluationSheet | null> {
    const problems = new InputProblems();
    checkYear(problems, 'year', year);
    problems.throwIfAny();
    const [found] = await new LeanQuery(ctx.em, EvaluationSheet, 's', [sql`s.year = ${year}`, sql`s.evaluation_table = ${table}`]).getResultList();
    return found ?? null;
  },

  /** A year's sheets (public): A then B, those that exist. */
  async sheets(ctx: Context, year: number): Promise<EvaluationSheet[]> {
    const problems = new InputProblems();
    checkYear(problems, 'year', year);
    problems.throwIfAny();
    return new LeanQuery(ctx.em, EvaluationSheet, 's', [sql`s.year = ${year}`]).orderBy([{ table: 'asc' }]).getResultList();
  },

  /** Creates or replaces a year's sheet of one table (national admin; audited). */
  async save(ctx: Context, input: SaveEvaluationSheetInput): Promise<EvaluationSheet> {
    assertMay(ctx, evaluationActions.saveSheet);
    const v = requireUser(ctx);
    const valid = validSheet(input);
    return transaction(ctx.em, async (em) => {
      // One change of a year's sheets at a time; submissions of the year wait for it (assertYearOpen).
      await advisoryLock(em, `evaluation-sheet:${input.year}`);
      await assertYearOpen(em, input.year);
      let sheet = await em.findOne(EvaluationSheet, { year: input.year, table: input.table });
      const before = sheet ? snapshot(sheet, SHEET_FIELDS) : null;
      if (sheet) {
        if (input.version == null || input.version !== sheet.version) throw conflict('评价表已被修改，请刷新后重试', { field: 'version', currentVersion: sheet.version });
        Object.assign(sheet, valid);
      } else {
        sheet = em.create(EvaluationSheet, { year: input.year, table: input.table, ...valid });
      }
      sheet.updatedBy = v.username;
      audit(em, ctx, 'saveEvaluationSheet', sheet, before, before ? {} : { year: { before: null, after: input.year }, table: { before: null, after: input.table } });
      await flushOrConflict(em, {
        duplicate: () => conflict(`${input.year} 年度的 ${input.table} 表已由他人同时创建，请刷新后修改`),
        stale: () => conflict('评价表已被修改，请刷新后重试', { field: 'version' }),
      });
      return sheet;
    });
  },

  /** Copies a year's sheets to a year that has none (national admin; audited per sheet). */
  async copy(ctx: Context, input: CopyEvaluationSheetsInput): Promise<EvaluationSheet[]> {
    assertMay(ctx, evaluationActions.copySheets);
    const v = requireUser(ctx);
    const problems = new InputProblems();
    checkYear(problems, 'fromYear', input.fromYear);
    checkYear(problems, 'toYear', input.toYear);
    if (input.fromYear === input.toYear) problems.add('toYear', '应与 fromYear 不同');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      await advisoryLock(em, `evaluation-sheet:${input.toYear}`);
      await assertYearOpen(em, input.toYear);
      const sources = (await em.find(EvaluationSheet, { year: input.fromYear })).sort(byTable);
      if (!sources.length) throw badInput([{ field: 'fromYear', message: `${input.fromYear} 年度没有评价表` }]);
      const existing = await em.find(EvaluationSheet, { year: input.toYear });
      if (existing.length) {
        throw conflict(`${input.toYear} 年度已有评价表（${existing.sort(byTable).map((s) => `${s.table} 表`).join('、')}），请逐表修改`, { year: input.toYear, tables: existing.map((s) => s.table) });
      }
      const copies = sources.map((source) => {
        const copy = em.create(EvaluationSheet, {
          year: input.toYear,
          table: source.table,
          title: source.title.replaceAll(String(input.fromYear), String(input.toYear)).slice(0, 100),
          sections: structuredClone(source.sections),
          maxTotal: source.maxTotal,
        });
        copy.updatedBy = v.username;
        audit(em, ctx, 'copyEvaluationSheets', copy, null, { year: { before: null, after: input.toYear }, table: { before: null, after: source.table }, copiedFrom: { before: null, after: input.fromYear } });
        return copy;
      });
      await flushOrConflict(em, { duplicate: () => conflict(`${input.toYear} 年度的评价表已由他人同时创建，请刷新后修改`) });
      return copies;
    });
  },
};
