/**
 * The provincial part of the demo's showcase (seeds/showcase-provincial.ts): Guangdong's published
 * cultivation plan, its last-year summary submitted on time and accepted (locked), Shenzhen's
 * submitted after 30 November and flagged late (R15 [D 五(一)]).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';

const TODAY = '2026-11-22';

describe('demo showcase: plans and annual summaries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 100, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  }, 180_000);
  afterAll(() => t.close());

  it('last year: Guangdong on time and accepted, Shenzhen late and waiting; the overview says so', async () => {
    const { annualSummaryOverview: o } = await t.ok<any>(`{ annualSummaryOverview(year: 2025) { dueOn bureaus { bureauCode overdue summary { status late figures } } } }`);
    expect(o.dueOn).toBe('2025-11-30');
    const of = (code: string) => o.bureaus.find((b: any) => b.bureauCode === code);
    expect(of('440000').summary).toMatchObject({ status: 'ACCEPTED', late: false });
    expect(of('440300').summary).toMatchObject({ status: 'SUBMITTED', late: true });
    expect(of('110000')).toMatchObject({ summary: null, overdue: true });
    expect(of('440000').summary.figures.figures.map((f: any) => f.measure)).toContain('DEMONSTRATION_ENTERPRISES');
    const own = (await t.ok<any>(`{ annualSummaryOverview(year: 2025) { bureaus { bureauCode } } }`, {}, as.provincial('440300'))).annualSummaryOverview.bureaus;
    expect(own).toEqual([{ bureauCode: '440300' }]);
  });

  it('Guangdong’s cultivation plan is current for this year', async () => {
    const plans = (await t.ok<any>(`{ cultivationPlans(first: 5, filter: { year: 2026, currentOnly: true }) { edges { node { bureauCode periodStart periodEnd status revision } } } }`)).cultivationPlans.edges;
    expect(plans.map((e: any) => e.node)).toEqual([{ bureauCode: '440000', periodStart: 2025, periodEnd: 2027, status: 'PUBLISHED', revision: 1 }]);
  });

  it('last year’s assessment is published: Guangdong first and commended, its experience a public case', async () => {
    const { assessmentYear } = await t.ok<any>(`{ assessmentYear(year: 2025) { published ranking { rank bureauCode total } } }`);
    expect(assessmentYear.published).toBe(true);
    expect(assessmentYear.ranking.map((r: any) => [r.rank, r.bureauCode])).toEqual([
      [1, '440000'],
      [2, '440300'],
    ]);
    expect((await t.ok<any>(`{ commendations(first: 5, year: 2025) { edges { node { recipientName kind } } } }`, {}, as.anonymous)).commendations.edges).toHaveLength(1);
    expect((await t.ok<any>(`{ experienceCases(first: 5) { totalCount } }`, {}, as.anonymous)).experienceCases.totalCount).toBe(1);
  });
});
