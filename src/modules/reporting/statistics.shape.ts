/** Statistics answers as GraphQL objects, the catalogue, and a province against the nation. */
import type { Context } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { may } from '../../common/policy.js';
import { reportingActions } from './reporting.policy.js';
import type { DimensionSpec, MeasureSpec } from '../../common/reporting.js';
import { reportingRegistry, type ReportingRegistry } from '../../reporting-registry.js';
import { statisticsService, type StatisticsAnswer } from './statistics.service.js';
import { dimensionExpression } from './statistics.sql.js';
import {
  StatisticsCatalogue,
  StatisticsCell,
  StatisticsComparisonRow,
  StatisticsDimensionInfo,
  StatisticsKey,
  StatisticsMeasureInfo,
  StatisticsResult,
  StatisticsRow,
} from './statistics.types.js';

export function measureInfo(registry: ReportingRegistry, m: MeasureSpec): StatisticsMeasureInfo {
  const fact = registry.facts.get(m.fact)!;
  const lookup = { context: { asOf: '2000-01-01' }, dimensionsByName: registry.dimensions };
  const dimensions = [...registry.dimensions.values()].filter((d) => dimensionExpression(lookup, fact, d)).map((d) => d.name);
  return Object.assign(new StatisticsMeasureInfo(), { measure: m.name, label: m.label, unit: m.unit, additive: m.additive, public: m.public, fact: fact.label, dimensions });
}

export function dimensionInfo(d: DimensionSpec): StatisticsDimensionInfo {
  return Object.assign(new StatisticsDimensionInfo(), { dimension: d.name, label: d.label, public: d.public });
}

export function catalogueOf(registry: ReportingRegistry): StatisticsCatalogue {
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : 1);
  return Object.assign(new StatisticsCatalogue(), {
    measures: [...registry.measures.values()].sort(byName).map((m) => measureInfo(registry, m)),
    dimensions: [...registry.dimensions.values()].sort(byName).map(dimensionInfo),
  });
}

export function resultOf(answer: StatisticsAnswer, comparison: StatisticsComparisonRow[] | null): StatisticsResult {
  return resultFrom({ ...frozenResultOf(answer), comparison });
}

/** An answer as plain JSON, labels and measure descriptions as they are now: what a snapshot keeps. */
export function frozenResultOf(answer: StatisticsAnswer): Record<string, unknown> {
  return {
    measures: answer.measures.map((m) => ({ ...measureInfo(reportingRegistry(), m) })),
    dimensions: answer.dimensions.map((d) => ({ ...dimensionInfo(d) })),
    rows: answer.rows,
    asOf: answer.asOf,
    from: answer.from,
    to: answer.to,
    dataVersion: answer.dataVersion,
    suppressionThreshold: answer.suppressionThreshold,
  };
}

type Plain = Omit<StatisticsResult, 'measures' | 'dimensions' | 'rows'> & {
  measures: object[];
  dimensions: object[];
  rows: { keys: object[]; values: object[]; isTotal: boolean }[];
};

/** A StatisticsResult from plain JSON (an answer now, or a snapshot as it was frozen). */
export function resultFrom(plain: Record<string, unknown>): StatisticsResult {
  const answer = plain as unknown as Plain;
  return Object.assign(new StatisticsResult(), {
    ...answer,
    comparison: answer.comparison ?? null,
    measures: answer.measures.map((m) => Object.assign(new StatisticsMeasureInfo(), m)),
    dimensions: answer.dimensions.map((d) => Object.assign(new StatisticsDimensionInfo(), d)),
    rows: answer.rows.map((r) =>
      Object.assign(new StatisticsRow(), {
        keys: r.keys.map((k) => Object.assign(new StatisticsKey(), k)),
        values: r.values.map((v) => Object.assign(new StatisticsCell(), v)),
        isTotal: r.isTotal,
      }),
    ),
  });
}

/**
 * A jurisdiction against the nation, in public figures: by the query's first dimension other than
 * the regions (or in total), each measure's value there, the national value and the share. The
 * jurisdiction's own bureau and the national bureau see its value unsuppressed (they can list
 * those rows); everyone else sees it as the public table has it.
 */
export async function comparisonOf(
  ctx: Context,
  query: { measures: readonly string[]; dimensions: readonly string[]; fromYear?: number | null; toYear?: number | null },
  regionCode: string,
): Promise<StatisticsComparisonRow[]> {
  if (!ctx.reference.region(regionCode)) throw badInput('compareRegion', '应为 37 个省级辖区之一的代码');
  // By year when the table is (a flow is published by year only), else by its first other dimension.
  const other = query.dimensions.includes('YEAR') ? ['YEAR'] : query.dimensions.filter((d) => d !== 'PROVINCE' && d !== 'REGION').slice(0, 1);
  const table = await statisticsService.publicStatistics(ctx, { ...query, dimensions: ['REGION', ...other] });
  const own = may(ctx.viewer, reportingActions.unsuppressedOwnFigures, { regionCode });
  const out: StatisticsComparisonRow[] = [];
  const at = (region: string | null, value: string | null) => table.rows.findIndex((r) => r.keys[0]!.value === region && (r.keys[1]?.value ?? null) === value);
  for (const [m, measure] of table.measures.entries()) {
    for (const n of table.rows.filter((r) => r.keys[0]!.isTotal)) {
      const value = n.keys[1]?.value ?? null;
      const i = at(regionCode, value);
      const cell = i >= 0 ? table.rows[i]!.values[m]! : undefined;
      const regionValue = i < 0 ? 0 : own ? table.unsuppressed[i]![m]! : (cell!.value ?? null);
      const nationalValue = n.values[m]!.value;
      out.push(
        Object.assign(new StatisticsComparisonRow(), {
          measure: measure.name,
          value,
          label: n.keys[1]?.label ?? '合计',
          region: regionValue,
          national: nationalValue,
          share: regionValue !== null && nationalValue ? regionValue / nationalValue : null,
          suppressed: regionValue === null,
        }),
      );
    }
  }
  return out;
}
