/**
 * statistics and publicStatistics (docs/reporting.md): checks a query against the registry, runs
 * its one statement (src/modules/reporting/statistics.sql.ts) and shapes the rows: labels from the
 * reference data, totals after their groups, small counts suppressed on the public path.
 */
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { badInput, InputProblems } from '../../common/errors.js';
import { dataVersionOf } from '../../common/data-version.js';
import type { DimensionSpec, FactContext, FactSpec, MeasureSpec } from '../../common/reporting.js';
import { query } from '../../common/sql.js';
import { reportingRegistry } from '../../reporting-registry.js';
import { reportingActions } from './reporting.policy.js';
import { dimensionExpression, groupingSets, NONE_VALUE, statisticsStatement, type Comparison, type StatisticsPlan, type Totals } from './statistics.sql.js';
import type { TableCell } from './suppression.js';
import { suppressOffThread } from './suppression.run.js';

export interface StatisticsRequest {
  measures: readonly string[];
  dimensions: readonly string[];
  totals: Totals;
  filters: readonly { dimension: string; values: readonly string[] }[];
  from?: string | null;
  to?: string | null;
  asOf?: string | null;
  having: readonly { measure: string; op: Comparison; value: number }[];
  fillEmpty: boolean;
}

export interface AnswerKey {
  dimension: string;
  value: string | null;
  label: string;
  isTotal: boolean;
}
export interface AnswerCell {
  measure: string;
  value: number | null;
  suppressed: boolean;
}
export interface AnswerRow {
  keys: AnswerKey[];
  values: AnswerCell[];
  isTotal: boolean;
}
export interface StatisticsAnswer {
  measures: MeasureSpec[];
  dimensions: DimensionSpec[];
  rows: AnswerRow[];
  asOf: string;
  from: string | null;
  to: string | null;
  dataVersion: string | null;
  suppressionThreshold: number | null;
}

/** Limits, checked before any SQL: facts joined across, groups listed, rows answered. */
export const STATISTICS_LIMITS = { facts: 4, cells: 10_000, timeBuckets: 120, publicCells: 400 };

interface RawRow {
  g: number;
  [column: string]: unknown;
}

/** Runs the statement; outside a transaction its rows are remembered for the data version they were read at. */
async function run(ctx: Context, statement: ReturnType<typeof statisticsStatement>): Promise<{ rows: RawRow[]; version: string | null }> {
  const versions = ctx.em.isInTransaction() ? undefined : dataVersionOf(ctx.em.config);
  const version = (await versions?.current()) ?? null;
  const key = `${statement.sql}\u0000${JSON.stringify(statement.params)}`;
  const known = version ? versions!.aggregates.get(version, key) : undefined;
  if (known) return { rows: known as RawRow[], version };
  const rows = await query<RawRow>(ctx.em, statement);
  if (version) versions!.aggregates.set(version, key, rows);
  return { rows, version };
}

/** Checks a request against the registry; the plan to run, or BAD_USER_INPUT naming every problem. */
export function planOf(ctx: Context, request: StatisticsRequest, scope: StatisticsPlan['scope']): StatisticsPlan {
  const registry = reportingRegistry();
  const problems = new InputProblems();
  const measures: MeasureSpec[] = [];
  request.measures.forEach((name, i) => {
    const m = registry.measures.get(name);
    if (!m) problems.add(`measures[${i}]`, `未知指标 ${name}`);
    else if (measures.includes(m)) problems.add(`measures[${i}]`, `指标 ${name} 重复`);
    else measures.push(m);
  });
  if (request.measures.length === 0) problems.add('measures', '至少要有一个指标');
  const dimensions: DimensionSpec[] = [];
  request.dimensions.forEach((name, i) => {
    const d = registry.dimensions.get(name);
    if (!d) problems.add(`dimensions[${i}]`, `未知维度 ${name}`);
    else if (dimensions.includes(d)) problems.add(`dimensions[${i}]`, `维度 ${name} 重复`);
    else dimensions.push(d);
  });
  const facts = [...new Set(measures.map((m) => m.fact))];
  if (facts.length > STATISTICS_LIMITS.facts) problems.add('measures', `指标来自 ${facts.length} 类对象，一次最多 ${STATISTICS_LIMITS.facts} 类`);
  const asOf = request.asOf ?? ctx.clock.today();
  const context: FactContext = { asOf };
  const from = request.from ?? null;
  const to = request.to ?? null;
  if (from && to && from > to) problems.add('from', '起始日晚于截止日');
  const lookup = { context, dimensionsByName: registry.dimensions };
  const unmapped = (d: DimensionSpec, field: string) => {
    for (const m of measures) {
      const fact = registry.facts.get(m.fact)!;
      if (!dimensionExpression(lookup, fact, d)) {
        const reason = d.domain.kind === 'time' && fact.time?.type === 'year' ? `只有年度数据，只能按年（YEAR）` : `不适用于维度「${d.label}」`;
        problems.add(field, `指标「${m.label}」${reason}`);
      }
    }
  };
  dimensions.forEach((d, i) => unmapped(d, `dimensions[${i}]`));
  const filters: StatisticsPlan['filters'][number][] = [];
  request.filters.forEach((f, i) => {
    const d = registry.dimensions.get(f.dimension);
    if (!d) return void problems.add(`filters[${i}].dimension`, `未知维度 ${f.dimension}`);
    if (d.domain.kind === 'time') return void problems.add(`filters[${i}].dimension`, '时间用 from/to 筛选');
    if (f.values.length === 0) return void problems.add(`filters[${i}].values`, '至少要有一个取值');
    if (filters.some((x) => x.dimension === d)) return void problems.add(`filters[${i}].dimension`, `维度 ${f.dimension} 重复筛选`);
    unmapped(d, `filters[${i}].dimension`);
    const bad = f.values.filter((v) => v !== NONE_VALUE && !isValue(ctx, d, v));
    if (bad.length) problems.add(`filters[${i}].values`, `「${d.label}」没有取值 ${bad.slice(0, 5).join('、')}`);
    filters.push({ dimension: d, values: f.values });
  });
  const having = request.having.map((h, i) => {
    const m = registry.measures.get(h.measure);
    if (!m || !measures.includes(m)) problems.add(`having[${i}].measure`, '条件中的指标须在 measures 中');
    if (!Number.isFinite(h.value)) problems.add(`having[${i}].value`, '应为有限的数');
    return { measure: m!, op: h.op, value: h.value };
  });
  const timeDims = dimensions.filter((d) => d.domain.kind === 'time');
  if (timeDims.length > 1) problems.add('dimensions', '只能有一个时间维度');
  if (timeDims.length && !from) problems.add('from', '按时间分组须给出起始日');
  if (timeDims.length && !to) problems.add('to', '按时间分组须给出截止日');
  problems.throwIfAny();
  const plan: StatisticsPlan = {
    measures,
    dimensions,
    totals: request.totals,
    filters,
    from,
    to,
    context,
    having,
    fillEmpty: request.fillEmpty,
    facts: registry.facts,
    dimensionsByName: registry.dimensions,
    scope,
    rollups: ctx.config.statisticsRollups,
  };
  checkSize(ctx, plan);
  return plan;
}

/** Whether `value` is one of the dimension's values (reference data, enum values, integers). */
function isValue(ctx: Context, d: DimensionSpec, value: string): boolean {
  switch (d.domain.kind) {
    case 'enum':
      return d.domain.values.some((v) => v.value === value);
    case 'reference':
      return !!d.domain.describe(value, ctx.reference);
    case 'open':
      return /^-?\d{1,9}$/.test(value);
    case 'time':
      return false;
  }
}

function buckets(from: string, to: string, grain: 'MONTH' | 'QUARTER' | 'YEAR'): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (grain === 'MONTH') return months + 1;
  if (grain === 'QUARTER') return Math.floor((Number(to.slice(5, 7)) - 1) / 3) - Math.floor((Number(from.slice(5, 7)) - 1) / 3) + (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 4 + 1;
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
}

/** Refuses, before any SQL, a query whose listed groups would exceed the limits; answers about how many groups it lists. */
function checkSize(ctx: Context, plan: StatisticsPlan): number {
  let cells = 1;
  const families = new Set<string>();
  for (const d of plan.dimensions) {
    const domain = d.domain;
    if (domain.kind === 'time') {
      const n = buckets(plan.from!, plan.to!, domain.grain);
      if (n > STATISTICS_LIMITS.timeBuckets) throw badInput('to', `时间分组最多 ${STATISTICS_LIMITS.timeBuckets} 个（现为 ${n} 个）`);
      cells *= n;
    } else if (domain.kind === 'enum') cells *= domain.values.length + 1;
    else if (domain.kind === 'reference') {
      if (!families.has(domain.family)) cells *= domain.size(ctx.reference) + 1;
      families.add(domain.family);
    }
  }
  if (plan.fillEmpty && cells > STATISTICS_LIMITS.cells) {
    throw badInput('dimensions', `分组过多（约 ${cells} 个，最多 ${STATISTICS_LIMITS.cells} 个）：减少维度、缩小时间范围、加筛选，或设 fillEmpty: false 只列有数据的分组`);
  }
  return cells;
}

/** The rows of a plan, labelled and ordered (totals after their groups). */
async function answer(ctx: Context, plan: StatisticsPlan): Promise<{ rows: AnswerRow[]; version: string | null }> {
  const { rows: raw, version } = await run(ctx, statisticsStatement(plan));
  const n = plan.dimensions.length;
  if (raw.length > STATISTICS_LIMITS.cells) throw badInput('dimensions', `结果超过 ${STATISTICS_LIMITS.cells} 行：减少维度或加筛选`);
  const rows = raw.map((r) => {
    const keys = plan.dimensions.map((d, i) => {
      const isTotal = (r.g & (1 << (n - 1 - i))) !== 0;
      const value = isTotal ? null : String(r[`d${i}`]);
      return { dimension: d.name, value, label: isTotal ? '合计' : labelOf(ctx, d, value!).label, isTotal };
    });
    const values = plan.measures.map((m, i) => ({ measure: m.name, value: numberOf(r[`m${i}`]), suppressed: false }));
    return { keys, values, isTotal: keys.some((k) => k.isTotal) };
  });
  const sortKeys = rows.map((row) => row.keys.map((k, i) => (k.isTotal ? Infinity : labelOf(ctx, plan.dimensions[i]!, k.value!).sort)));
  const order = rows.map((_, i) => i);
  order.sort((a, b) => {
    for (let i = 0; i < n; i++) {
      const x = sortKeys[a]![i]!;
      const y = sortKeys[b]![i]!;
      if (x !== y) return x < y ? -1 : 1;
      const vx = rows[a]!.keys[i]!.value ?? '';
      const vy = rows[b]!.keys[i]!.value ?? '';
      if (vx !== vy) return vx < vy ? -1 : 1;
    }
    return 0;
  });
  return { rows: order.map((i) => rows[i]!), version: (raw[0]?.data_version as string | undefined) ?? version };
}

const numberOf = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const TIME_LABEL = {
  MONTH: (v: string) => `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月`,
  QUARTER: (v: string) => `${v.slice(0, 4)}年第${v.slice(-1)}季度`,
  YEAR: (v: string) => `${v}年`,
};

/** A value's label and its place in the dimension's order (unknown values and the empty group last). */
function labelOf(ctx: Context, d: DimensionSpec, value: string): { label: string; sort: number } {
  if (value === NONE_VALUE) return { label: '（未填写）', sort: Number.MAX_SAFE_INTEGER };
  const domain = d.domain;
  switch (domain.kind) {
    case 'enum': {
      const i = domain.values.findIndex((v) => v.value === value);
      return i < 0 ? { label: value, sort: 1e9 } : { label: domain.values[i]!.label, sort: i };
    }
    case 'reference':
      return domain.describe(value, ctx.reference) ?? { label: value, sort: 1e9 };
    case 'time':
      return { label: TIME_LABEL[domain.grain](value), sort: Number(value.replace(/\D/g, '')) };
    case 'open':
      return { label: value, sort: Number(value) };
  }
}

function shape(plan: StatisticsPlan, rows: AnswerRow[], version: string | null, threshold: number | null): StatisticsAnswer {
  return {
    measures: [...plan.measures],
    dimensions: [...plan.dimensions],
    rows,
    asOf: plan.context.asOf,
    from: plan.from,
    to: plan.to,
    dataVersion: version,
    suppressionThreshold: threshold,
  };
}

export const statisticsService = {
  /** Grouped figures over the rows the viewer may list (each fact under its type's visibility). */
  async statistics(ctx: Context, request: StatisticsRequest): Promise<StatisticsAnswer> {
    assertMay(ctx, reportingActions.statistics);
    const registry = reportingRegistry();
    const today = ctx.clock.today();
    const plan = planOf(ctx, request, (fact: FactSpec) => registry.visibility.get(fact.name)!(ctx.viewer, today, fact.alias));
    plan.covered = (fact) => fact.rollup?.covers?.(ctx.viewer) ?? null;
    const { rows, version } = await answer(ctx, plan);
    return shape(plan, rows, version, null);
  },

  /**
   * Public figures: public measures by at most two public dimensions, all subtotals, counted over
   * each fact's public scope as of today, with small counts suppressed. Stocks (enterprises holding
   * a title) as of today; flows (designations made) by YEAR, each year its own table (no total over
   * years: totals over ranges would subtract to a hidden year).
   */
  async publicStatistics(
    ctx: Context,
    request: { measures: readonly string[]; dimensions: readonly string[]; fromYear?: number | null; toYear?: number | null },
  ): Promise<StatisticsAnswer & { unsuppressed: (number | null)[][] }> {
    const registry = reportingRegistry();
    const problems = new InputProblems();
    request.measures.forEach((name, i) => {
      if (registry.measures.get(name) && !registry.measures.get(name)!.public) problems.add(`measures[${i}]`, `指标 ${name} 不公开`);
    });
    request.dimensions.forEach((name, i) => {
      const d = registry.dimensions.get(name);
      if (d && !d.public) problems.add(`dimensions[${i}]`, `维度 ${name} 不公开`);
      if (d?.domain.kind === 'time' && name !== 'YEAR') problems.add(`dimensions[${i}]`, '公开统计的时间只能按年（YEAR）');
    });
    const today = ctx.clock.today();
    const thisYear = Number(today.slice(0, 4));
    const hasYear = request.dimensions.includes('YEAR');
    // A stock is published as of today, a flow by year: never a figure that another subtracts from.
    request.measures.forEach((name, i) => {
      const m = registry.measures.get(name);
      if (m?.stock && hasYear) problems.add(`measures[${i}]`, `「${m.label}」是截至今日的数，公开统计不按年分组`);
      if (m && !m.stock && !hasYear) problems.add(`measures[${i}]`, `「${m.label}」是逐年发生的数，公开统计须按年（YEAR）分组`);
    });
    const toYear = request.toYear ?? thisYear;
    const fromYear = request.fromYear ?? toYear - 9;
    if (hasYear && (fromYear > toYear || toYear - fromYear > 19 || fromYear < 2000 || toYear > thisYear)) problems.add('fromYear', `年份应在 2000 到 ${thisYear} 之间，起始不晚于截止，最多 20 年`);
    if (!hasYear && (request.fromYear != null || request.toYear != null)) problems.add('fromYear', '只有按年（YEAR）分组时才能指定年份');
    problems.throwIfAny();
    const plan = planOf(
      ctx,
      {
        measures: request.measures,
        dimensions: request.dimensions,
        totals: 'CUBE',
        filters: [],
        from: hasYear ? `${fromYear}-01-01` : null,
        to: hasYear ? `${toYear}-12-31` : null,
        asOf: today,
        having: [],
        fillEmpty: true,
      },
      (fact) => fact.publicScope!({ asOf: today }),
    );
    // Suppression solves linear programs per small cell: a public table is kept small enough for that.
    const cells = checkSize(ctx, plan);
    if (cells > STATISTICS_LIMITS.publicCells) throw badInput('dimensions', `公开统计的表格过大（约 ${cells} 格，最多 ${STATISTICS_LIMITS.publicCells} 格）：减少维度或缩短年份`);
    const yearAt = plan.dimensions.findIndex((d) => d.name === 'YEAR');
    if (yearAt >= 0) plan.sets = groupingSets(plan.dimensions.length, 'CUBE').filter((s) => s.includes(yearAt));
    const threshold = (await ctx.loaders.programme.settings()).publicSuppressionThreshold;
    // The suppressed table is kept for the data version it was computed at, like the rows it is made of.
    const statement = statisticsStatement(plan);
    const versions = ctx.em.isInTransaction() ? undefined : dataVersionOf(ctx.em.config);
    const version0 = (await versions?.current()) ?? null;
    const key = `public\u0000${threshold}\u0000${statement.sql}\u0000${JSON.stringify(statement.params)}`;
    const known = version0 ? versions!.answers.get(version0, key) : undefined;
    if (known) return known.value as StatisticsAnswer & { unsuppressed: (number | null)[][] };
    const { rows, version } = await answer(ctx, plan);
    const unsuppressed = rows.map((row) => row.values.map((v) => v.value));
    // The same table asked with its dimensions in another order is suppressed the same way.
    const canonical = plan.dimensions.map((_, i) => i).sort((a, b) => (plan.dimensions[a]!.name < plan.dimensions[b]!.name ? -1 : 1));
    // A jurisdiction's bureau knows its own cells (suppression.ts, "Owners").
    const regionAt = canonical.findIndex((i) => plan.dimensions[i]!.name === 'REGION');
    const owners = regionAt >= 0 ? regionAt : undefined;
    for (const m of plan.measures.keys()) {
      const cells: TableCell[] = rows.map((row) => ({
        key: canonical.map((i) => row.keys[i]!.value),
        value: row.values[m]!.value ?? 0,
      }));
      // Why a cell is hidden is not published: a reader told a cell is a complement would know it is not small.
      for (const r of (await suppressOffThread(cells, threshold, owners)).hidden.keys()) Object.assign(rows[r]!.values[m]!, { value: null, suppressed: true });
    }
    const result = { ...shape(plan, rows, version, threshold), unsuppressed };
    if (version0) versions!.answers.set(version0, key, { value: result, bytes: 400 + rows.length * (120 + 160 * plan.measures.length) });
    return result;
  },
};
