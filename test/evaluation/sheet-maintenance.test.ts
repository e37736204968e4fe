/**
 * The evaluation index system as data [D 三(一)2, 三(二)2]: the national bureau keeps table A and
 * table B year by year (sections, items, maximum points summing to 100, codes unique); everyone may
 * read them; a year's sheets are frozen once an application of that year has been submitted.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { sheetInput, SHEET_SECTIONS } from '../../seeds/evaluation-sheets.js';
import { submitted } from '../application/flow.js';
import { COPY_SHEETS, publishSheets, SAVE_APP, SAVE_SHEET, TEXTS } from './steps.js';

const TODAY = '2026-06-15';
const READ = `query($year: Int!, $table: EvaluationTable!) {
  evaluationSheet(year: $year, table: $table) { id year table title maxTotal version frozen sections { code name items { code name maxPoints guidance } } }
  evaluationSheets(year: $year) { id table }
}`;

const clone = <T>(x: T): T => structuredClone(x);

describe('evaluation sheets', () => {
  let t: TestApp;
  const rng = randomFor(2026_12_02);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
  });
  afterAll(() => t.close());

  it('D 三(一)2: the national admin saves table A of a year (100 points, sections and items), and everyone reads it', async () => {
    const saved = (await t.ok(SAVE_SHEET, { input: sheetInput(2027, 'A') })).saveEvaluationSheet.sheet;
    expect(saved).toMatchObject({ year: 2027, table: 'A', maxTotal: 100, version: 1, frozen: false, updatedBy: 'test-national_admin' });
    expect(saved.sections.map((s: { code: string }) => s.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(saved.sections[0].items[0]).toEqual({ code: 'A1.1', name: SHEET_SECTIONS.A[0]!.items[0]!.name, maxPoints: 10, guidance: SHEET_SECTIONS.A[0]!.items[0]!.guidance });

    for (const viewer of [as.anonymous, as.enterprise(randomUUID()), as.provincial('320000')]) {
      const read = (await t.gql(READ, { year: 2027, table: 'A' }, viewer)).data!;
      expect(read.evaluationSheet).toMatchObject({ id: saved.id, title: sheetInput(2027, 'A').title, maxTotal: 100 });
      expect(read.evaluationSheets).toEqual([{ id: saved.id, table: 'A' }]);
      const node = (await t.gql(`query($id: ID!) { node(id: $id) { __typename ... on EvaluationSheet { year table } } }`, { id: saved.id }, viewer)).data!.node;
      expect(node).toEqual({ __typename: 'EvaluationSheet', year: 2027, table: 'A' });
    }
    // Not published: null, and an empty list.
    expect((await t.ok(READ, { year: 2027, table: 'B' }, as.anonymous)).evaluationSheet).toBeNull();
    expect((await t.ok(READ, { year: 2031, table: 'A' }, as.anonymous)).evaluationSheets).toEqual([]);
  });

  it('D 三(一)2: the items’ maximum points must sum to 100 and the codes be unique within the sheet; nothing is stored otherwise', async () => {
    const short = clone(sheetInput(2028, 'B'));
    short.sections[0]!.items[0]!.maxPoints = 9; // 99 in all
    const r1 = await t.gql(SAVE_SHEET, { input: short });
    expect(r1.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'sections', message: expect.stringContaining('应为 100') }] });

    const duplicate = clone(sheetInput(2028, 'B'));
    duplicate.sections[1]!.items[0]!.code = 'B1.1'; // already an item of B1
    duplicate.sections[2]!.code = 'B1'; // already a section
    const r2 = await t.gql(SAVE_SHEET, { input: duplicate });
    expect((r2.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['sections.1.items.0.code', 'sections.2.code']);

    const bad = clone(sheetInput(2028, 'B'));
    bad.sections[0]!.items[0]!.maxPoints = 0;
    bad.sections[0]!.items[1]!.code = 'B 1.2';
    bad.title = ' ';
    const r3 = await t.gql(SAVE_SHEET, { input: bad });
    expect((r3.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['sections.0.items.0.maxPoints', 'sections.0.items.1.code', 'title']);
    expect(await t.sql(`select 1 from evaluation_sheet where year = 2028`)).toEqual([]);
  });

  it('changing a sheet needs the version read (CONFLICT otherwise), replaces it and is audited', async () => {
    const first = (await t.ok(SAVE_SHEET, { input: sheetInput(2029, 'A') })).saveEvaluationSheet.sheet;
    const changed = clone(sheetInput(2029, 'A'));
    changed.sections[0]!.items[0]!.maxPoints = 12;
    changed.sections[0]!.items[1]!.maxPoints = 8;
    expect((await t.gql(SAVE_SHEET, { input: changed })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(SAVE_SHEET, { input: { ...changed, version: first.version + 1 } })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const second = (await t.ok(SAVE_SHEET, { input: { ...changed, version: first.version } })).saveEvaluationSheet.sheet;
    expect(second).toMatchObject({ id: first.id, version: 2 });
    expect(second.sections[0].items.map((i: { maxPoints: number }) => i.maxPoints)).toEqual([12, 8]);
    const audit = await t.sql<{ operation: string; changes: Record<string, unknown> }>(`select operation, changes from audit_entry where object_type = 'EvaluationSheet' and object_id = ? order by at`, [fromGlobalId(first.id)!.key]);
    expect(audit.map((a) => a.operation)).toEqual(['saveEvaluationSheet', 'saveEvaluationSheet']);
    expect(Object.keys(audit[1]!.changes)).toEqual(['sections']);
  });

  it('D 三(一)2 (a version per year): a draft does not freeze its year; once an application of the year has been submitted, its sheets are frozen (SHEET_IN_USE)', async () => {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    await t.ok(SAVE_APP, { input: { enterpriseId: toGlobalId('Enterprise', e.id), year: 2027, ...TEXTS } }, as.enterprise(e.id));
    const b2027 = (await t.ok(SAVE_SHEET, { input: sheetInput(2027, 'B') })).saveEvaluationSheet.sheet;
    expect(b2027.frozen).toBe(false);

    await submitted(t, rng, '320000'); // 2026, a year without sheets (the free breakdown)
    const refused = await t.gql(SAVE_SHEET, { input: sheetInput(2026, 'A') });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SHEET_IN_USE', paragraph: '三(一)2', year: 2026, submitted: 1 });
    const copy = await t.gql(COPY_SHEETS, { input: { fromYear: 2027, toYear: 2026 } });
    expect(copy.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SHEET_IN_USE' });
    expect(await t.sql(`select 1 from evaluation_sheet where year = 2026`)).toEqual([]);
  });

  it('the sheets of a frozen year say so (frozen: true)', async () => {
    await t.sql(`insert into evaluation_sheet (id, created_at, updated_at, year, evaluation_table, title, sections, max_total, version) values (?, now(), now(), 2026, 'B', 'B 表', ?, 100, 1)`, [
      randomUUID(),
      JSON.stringify(SHEET_SECTIONS.B),
    ]);
    expect((await t.ok(READ, { year: 2026, table: 'B' }, as.anonymous)).evaluationSheet.frozen).toBe(true);
  });

  it('copyEvaluationSheets copies a year’s tables to a year without sheets; not over existing ones, not from an empty year', async () => {
    await publishSheets(t, 2025);
    const copied = (await t.ok(COPY_SHEETS, { input: { fromYear: 2025, toYear: 2030 } })).copyEvaluationSheets.sheets;
    expect(copied.map((s: { year: number; table: string; version: number; maxTotal: number }) => [s.year, s.table, s.version, s.maxTotal])).toEqual([
      [2030, 'A', 1, 100],
      [2030, 'B', 1, 100],
    ]);
    expect(copied[0].title).toBe(sheetInput(2030, 'A').title);
    expect(copied[1].sections.flatMap((s: { items: unknown[] }) => s.items)).toHaveLength(SHEET_SECTIONS.B.flatMap((s) => s.items).length);
    const again = await t.gql(COPY_SHEETS, { input: { fromYear: 2025, toYear: 2030 } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', tables: expect.arrayContaining(['A', 'B']) });
    const empty = await t.gql(COPY_SHEETS, { input: { fromYear: 2024, toYear: 2032 } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'fromYear' }] });
    const audit = await t.sql<{ n: number }>(`select count(*)::int as n from audit_entry where operation = 'copyEvaluationSheets'`);
    expect(audit[0]!.n).toBe(2);
  });

  it('only the national admin maintains the sheets', async () => {
    for (const [viewer, code] of [
      [as.anonymous, 'UNAUTHENTICATED'],
      [as.provincial('320000'), 'FORBIDDEN'],
      [as.enterprise(randomUUID()), 'FORBIDDEN'],
      [as.user('EXPERT', { personId: randomUUID() }), 'FORBIDDEN'],
    ] as const) {
      expect((await t.gql(SAVE_SHEET, { input: sheetInput(2031, 'A') }, viewer)).errors?.[0]?.extensions?.code).toBe(code);
      expect((await t.gql(COPY_SHEETS, { input: { fromYear: 2025, toYear: 2031 } }, viewer)).errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await t.sql(`select 1 from evaluation_sheet where year = 2031`)).toEqual([]);
  });
});
