/**
 * The demo data set's evaluation sheets [D 三(一)2]: this year's and last year's tables A and B
 * (100 points each, frozen by the year's submissions), and the applications of those years
 * self-assessed item by item so that their bureau can check them [D 三(二)2].
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';
import { BACKBONE, CHECK, checksFor } from './steps.js';

const TODAY = '2026-06-15';
const SHEETS = `query($year: Int!) { evaluationSheets(year: $year) { year table maxTotal frozen sections { items { code maxPoints } } } }`;

describe('demo evaluation sheets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 30, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  });
  afterAll(() => t.close());

  it('has tables A and B of this year and last year, 100 points each, frozen by the submitted applications', async () => {
    for (const year of [2025, 2026]) {
      const sheets = (await t.ok(SHEETS, { year }, as.anonymous)).evaluationSheets as { table: string; maxTotal: number; frozen: boolean; sections: { items: { code: string; maxPoints: number }[] }[] }[];
      expect(sheets.map((s) => [s.table, s.maxTotal, s.frozen])).toEqual([
        ['A', 100, true],
        ['B', 100, true],
      ]);
      for (const s of sheets) {
        const items = s.sections.flatMap((x) => x.items);
        expect(items.reduce((sum, i) => sum + i.maxPoints, 0)).toBe(100);
        expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
      }
    }
  });

  it('its applications are self-assessed item by item, each table’s items summing to its total', async () => {
    const apps = await t.sql<{ score_a: number; score_b: number; indicators: { table: string; score: number; maxScore: number }[] }>(
      `select score_a, score_b, indicators from demonstration_application where year in (2025, 2026) and score_a is not null`,
    );
    expect(apps.length).toBeGreaterThan(5);
    for (const app of apps) {
      const total = (table: string) => app.indicators.filter((x) => x.table === table).reduce((s, x) => s + x.score, 0);
      expect(total('A')).toBeCloseTo(app.score_a, 6);
      expect(total('B')).toBeCloseTo(app.score_b, 6);
      expect(app.indicators.every((x) => x.score >= 0 && x.score <= x.maxScore)).toBe(true);
    }
  });

  it('D 三(二)2: the Jiangsu bureau can check its submitted application against this year’s sheets', async () => {
    const [row] = await t.sql<{ id: string; version: number; indicators: { table: string; code: string; score: number }[] }>(
      `select a.id, a.version, a.indicators from demonstration_application a join enterprise e on e.id = a.enterprise_id where e.name = '江苏瑞康精密机械股份有限公司' and a.year = 2026`,
    );
    const r = await t.ok(CHECK, { input: { applicationId: toGlobalId('DemonstrationApplication', row!.id), version: row!.version, items: checksFor(row!.indicators), backboneStatement: BACKBONE } }, as.provincial('320000'));
    expect(r.checkApplicationItems.application).toMatchObject({ scoreA: 82.5, scoreB: 86, checkedScoreA: 82.5, checkedScoreB: 86 });
  });
});
