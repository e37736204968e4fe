/**
 * The statistics registry (docs/reporting.md): what the modules declare is checked when it is
 * built, and every measure can be asked by every dimension it declares — each fact's SQL runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { buildRegistry, reportingRegistry } from '../../src/reporting-registry.js';
import { MODULES } from '../../src/modules/index.js';
import type { AppModule } from '../../src/common/module.js';
import type { FactRollup, FactSpec, MeasureSpec } from '../../src/common/reporting.js';
import { sql } from '../../src/common/sql.js';

const modules = MODULES as readonly AppModule[];
const fact = (over: Partial<FactSpec> = {}): FactSpec => ({ name: 'probe', label: '探针', from: sql`enterprise x`, alias: 'x', visibleAs: 'Enterprise', dimensions: {}, ...over });
const measure = (over: Partial<MeasureSpec> = {}): MeasureSpec => ({ name: 'PROBES', label: '探针数', fact: 'probe', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '个', ...over });
const rollup = (over: Partial<FactRollup> = {}): FactRollup => ({ table: 'rpt_probe', sources: [{ table: 'enterprise', alias: 'x' }], dimensions: ['SIZE_CLASS'], sums: {}, measures: { PROBES: sql`sum(c.rows)` }, ...over });
const withProbe = (reporting: AppModule['reporting']): AppModule[] => [...modules, { name: 'probe', entities: [], resolvers: [], nodes: {}, policy: { actions: [] }, reporting }];

describe('the statistics registry', () => {
  it('is built from the modules', () => {
    const registry = reportingRegistry();
    expect(registry.facts.size).toBeGreaterThanOrEqual(9);
    expect([...registry.measures.keys()]).toEqual(expect.arrayContaining(['ENTERPRISES', 'DESIGNATIONS', 'ENROLMENTS', 'COMPLETIONS', 'POOL_MEMBERS', 'SERVICE_RECORDS', 'NEEDS', 'INVENTION_APPLICATIONS_SUM']));
    expect([...registry.dimensions.keys()]).toEqual(expect.arrayContaining(['REGION', 'PROVINCE', 'INDUSTRY_SECTION', 'INDUSTRY_DIVISION', 'SIZE_CLASS', 'DESIGNATION_LEVEL', 'BATCH_YEAR', 'TRAINING_TIER', 'MONTH', 'QUARTER', 'YEAR']));
  });

  it.each([
    ['a fact counted as a type no policy knows', { facts: [fact({ visibleAs: 'Nothing' })] }, /no policy gives a visibility rule/],
    ['a fact mapping an undeclared dimension', { facts: [fact({ dimensions: { COLOUR: () => sql`x.id` } })] }, /COLOUR, which no module declares/],
    ['a fact mapping a derived dimension', { facts: [fact({ dimensions: { PROVINCE: () => sql`x.region_code` } })] }, /derived from REGION: map that instead/],
    ['a measure of an unknown fact', { measures: [measure({ fact: 'nowhere' })] }, /unknown fact nowhere/],
    ['a public measure of a fact with no public scope', { facts: [fact()], measures: [measure({ public: true })] }, /has no publicScope/],
    ['a public measure that is not additive', { facts: [fact({ publicScope: () => null })], measures: [measure({ public: true, additive: false })] }, /must be additive/],
    ['a measure declared twice', { facts: [fact()], measures: [measure({ name: 'ENTERPRISES' })] }, /ENTERPRISES .* declared twice/],
    ['a name that is not UPPER_SNAKE', { facts: [fact()], measures: [measure({ name: 'probes' })] }, /UPPER_SNAKE/],
    ['a rollup whose sources are not the fact’s from-clause', { facts: [fact({ dimensions: { SIZE_CLASS: () => sql`x.size_class` }, rollup: rollup({ sources: [{ table: 'enterprise', alias: 'y' }] }) })], measures: [measure()] }, /must be fromSources/],
    ['a rollup keeping a dimension the fact does not map', { facts: [fact({ rollup: rollup() })], measures: [measure()] }, /keeps SIZE_CLASS, which fact probe does not map/],
    ['a rollup answering a stock', { facts: [fact({ dimensions: { SIZE_CLASS: () => sql`x.size_class` }, rollup: rollup() })], measures: [measure({ stock: true })] }, /a stock is taken on the date asked/],
    ['a rollup keeping a dimension that depends on the date asked', { facts: [fact({ dimensions: { SIZE_CLASS: (c) => sql`case when ${c.asOf}::date > now() then 'LARGE' end` }, rollup: rollup() })], measures: [measure()] }, /independently of the date asked/],
  ] as const)('refuses %s', (_what, reporting, message) => {
    expect(() => buildRegistry(withProbe(reporting as AppModule['reporting']))).toThrow(message);
  });
});

describe('every measure by every dimension it declares', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  it('runs, for the national admin, with totals', async () => {
    const { data } = await t.ok<{ statisticsCatalogue: { measures: { measure: string; dimensions: string[] }[] } }>(`{ statisticsCatalogue { measures { measure dimensions } } }`).then((d) => ({ data: d }));
    const failures: string[] = [];
    for (const m of data.statisticsCatalogue.measures) {
      for (const d of m.dimensions) {
        const result = await t.gql(`query($q: StatisticsQuery!) { statistics(query: $q) { rows { isTotal values { value } } } }`, {
          q: { measures: [m.measure], dimensions: [d], from: '2025-01-01', to: '2026-12-31', fillEmpty: d !== 'INDUSTRY_DIVISION' },
        });
        if (result.errors) failures.push(`${m.measure} by ${d}: ${result.errors[0]!.message}`);
        else if (!result.data!.statistics.rows.some((r: { isTotal: boolean }) => r.isTotal)) failures.push(`${m.measure} by ${d}: no total row`);
      }
    }
    expect(failures).toEqual([]);
  });
});
