/**
 * The statement of a statistics query (docs/reporting.md): one CTE per fact, each aggregated over
 * its rows under one scope (the lists' visibility, or the public scope) with GROUPING SETS, then
 * drill-across on the dimension values onto a spine of every group, empty ones included. One
 * statement: one snapshot, so the columns of a row agree.
 */
import type { DimensionSpec, FactContext, FactSpec, MeasureSpec } from '../../common/reporting.js';
import { and, anyOf, join, sql, trusted, type Sql } from '../../common/sql.js';
import { rollupFact } from './rollup.sql.js';

export type Totals = 'NONE' | 'GRAND' | 'ROLLUP' | 'CUBE';
export type Comparison = 'GT' | 'GTE' | 'LT' | 'LTE' | 'EQ';
const OPERATORS: Record<Comparison, string> = { GT: '>', GTE: '>=', LT: '<', LTE: '<=', EQ: '=' };

/** A real value that is missing (no industry, no jurisdiction): its own group, never confused with a total. */
export const NONE_VALUE = '__none__';

export interface StatisticsPlan {
  measures: readonly MeasureSpec[];
  dimensions: readonly DimensionSpec[];
  totals: Totals;
  filters: readonly { dimension: DimensionSpec; values: readonly string[] }[];
  /** Inclusive dates; when given, rows of facts with a time are limited to them, and time buckets are listed from..to. */
  from: string | null;
  to: string | null;
  context: FactContext;
  having: readonly { measure: MeasureSpec; op: Comparison; value: number }[];
  /** List the groups of the dimensions' domains even when empty. */
  fillEmpty: boolean;
  facts: ReadonlyMap<string, FactSpec>;
  dimensionsByName: ReadonlyMap<string, DimensionSpec>;
  /** The rows of a fact that count (visibility or public scope); null: every row. */
  scope: (fact: FactSpec) => Sql | null;
  /** Grouping sets other than those of `totals` (public figures by year: no total over years). */
  sets?: number[][];
  /** Values of one dimension whose rows the viewer sees all of, per fact (FactRollup.covers); absent: none. */
  covered?: (fact: FactSpec) => { dimension: string; values: readonly string[] } | null;
  /** Read a fact's rollup when the query fits it (default); false: always the rows (the equivalence test, the bench's comparison). */
  rollups?: boolean;
}

/** A fact as a statement reads it: its rows, or its rollup's cells (then `rows` is the column counting the rows in a cell). */
interface Reading {
  fact: FactSpec;
  aggregate: (m: MeasureSpec) => Sql;
  scope: Sql | null;
  rows?: Sql;
}

const lastDayOf = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * The rollup a query can read instead of the fact's rows, or null: every dimension, filter and
 * measure is kept, the time bounds fall on its buckets, and the viewer sees every row asked for
 * (no scope, or a filter within the values it `covers`).
 */
function rollupReading(plan: StatisticsPlan, fact: FactSpec, measures: readonly MeasureSpec[]): Reading | null {
  const rollup = fact.rollup;
  if (!rollup || plan.rollups === false) return null;
  const kept = (d: DimensionSpec) =>
    d.domain.kind === 'time' ? !!rollup.time && (rollup.time === 'MONTH' || d.domain.grain === 'YEAR') : rollup.dimensions.includes(d.derivedFrom?.dimension ?? d.name);
  if (!plan.dimensions.every(kept) || !plan.filters.every((f) => kept(f.dimension))) return null;
  if (!measures.every((m) => rollup.measures[m.name])) return null;
  if (fact.time && fact.time.type !== 'year' && (plan.from || plan.to)) {
    if (!rollup.time) return null;
    const start = rollup.time === 'MONTH' ? /-01$/ : /-01-01$/;
    if (plan.from && !start.test(plan.from)) return null;
    if (plan.to && (plan.to !== lastDayOf(plan.to) || (rollup.time === 'YEAR' && !plan.to.endsWith('-12-31')))) return null;
  }
  if (plan.scope(fact) !== null) {
    const covered = plan.covered?.(fact);
    const filter = covered && plan.filters.find((f) => f.dimension.name === covered.dimension);
    if (!covered || !filter || !filter.values.every((v) => covered.values.includes(v))) return null;
  }
  return { fact: rollupFact(fact), aggregate: (m) => rollup.measures[m.name]!, scope: null, rows: trusted('c.rows') };
}

function readingOf(plan: StatisticsPlan, fact: FactSpec, measures: readonly MeasureSpec[]): Reading {
  return rollupReading(plan, fact, measures) ?? { fact, aggregate: (m) => m.aggregate(plan.context), scope: plan.scope(fact) };
}

/** The grouping sets of the totals asked for, as lists of dimension positions (finest first). */
export function groupingSets(n: number, totals: Totals): number[][] {
  const all = [...Array(n).keys()];
  switch (totals) {
    case 'NONE':
      return [all];
    case 'GRAND':
      return n === 0 ? [[]] : [all, []];
    case 'ROLLUP':
      return all.map((_, i) => all.slice(0, n - i)).concat([[]]).filter((s, i, a) => a.findIndex((t) => t.length === s.length) === i);
    case 'CUBE': {
      const sets: number[][] = [];
      for (let mask = (1 << n) - 1; mask >= 0; mask--) sets.push(all.filter((i) => mask & (1 << (n - 1 - i))));
      return sets.sort((a, b) => b.length - a.length);
    }
  }
}

/** The value of dimension `dim` for a row of `fact` (text; a missing value is NONE_VALUE). */
export function dimensionExpression(plan: Pick<StatisticsPlan, 'context' | 'dimensionsByName'>, fact: FactSpec, dim: DimensionSpec): Sql | null {
  if (dim.domain.kind === 'time') {
    const time = fact.time;
    if (!time) return null;
    const value = time.expression(plan.context);
    if (time.type === 'year') return dim.domain.grain === 'YEAR' ? sql`(${value})::text` : null;
    const local = time.type === 'timestamptz' ? sql`((${value}) at time zone 'Asia/Shanghai')` : sql`(${value})::timestamp`;
    return sql`to_char(date_trunc(${trusted(`'${dim.domain.grain.toLowerCase()}'`)}, ${local}), ${trusted(`'${FORMATS[dim.domain.grain]}'`)})`;
  }
  if (dim.derivedFrom) {
    const base = plan.dimensionsByName.get(dim.derivedFrom.dimension);
    const baseValue = base && dimensionExpression(plan, fact, base);
    return baseValue ? dim.derivedFrom.expression(baseValue) : null;
  }
  const mapped = fact.dimensions[dim.name];
  return mapped ? sql`coalesce((${mapped(plan.context)})::text, ${trusted(`'${NONE_VALUE}'`)})` : null;
}

const FORMATS = { MONTH: 'YYYY-MM', QUARTER: 'YYYY-"Q"Q', YEAR: 'YYYY' } as const;
const STEPS = { MONTH: '1 month', QUARTER: '3 months', YEAR: '1 year' } as const;

/** Rows of a fact limited to from..to by its time (Asia/Shanghai days); null when the fact has no time or no bounds are given. */
function timeBounds(plan: StatisticsPlan, fact: FactSpec): Sql | null {
  const time = fact.time;
  if (!time || (!plan.from && !plan.to)) return null;
  const value = time.expression(plan.context);
  const parts: Sql[] = [];
  if (time.type === 'year') {
    if (plan.from) parts.push(sql`${value} >= ${Number(plan.from.slice(0, 4))}::int`);
    if (plan.to) parts.push(sql`${value} <= ${Number(plan.to.slice(0, 4))}::int`);
  } else if (time.type === 'date') {
    if (plan.from) parts.push(sql`${value} >= ${plan.from}::date`);
    if (plan.to) parts.push(sql`${value} <= ${plan.to}::date`);
  } else {
    if (plan.from) parts.push(sql`${value} >= (${plan.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
    if (plan.to) parts.push(sql`${value} < (${plan.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  }
  return and(...parts);
}

const col = (i: number) => trusted(`d${i}`);
const groupingSetsSql = (sets: number[][], column: (i: number) => Sql) => join(sets.map((s) => sql`(${join(s.map(column), ', ')})`), ', ');

/**
 * A filter on a dimension: on the mapped column itself when the missing value is not asked for, so
 * that an index on it serves (a bureau's region among 100,000 enterprises).
 */
function filterCondition(plan: StatisticsPlan, fact: FactSpec, f: StatisticsPlan['filters'][number]): Sql {
  const mapped = fact.dimensions[f.dimension.name];
  if (mapped && !f.dimension.derivedFrom && !f.values.includes(NONE_VALUE)) return anyOf(sql`(${mapped(plan.context)})::text`, [...f.values]);
  return anyOf(dimensionExpression(plan, fact, f.dimension)!, [...f.values]);
}

/** One fact's aggregate over its rows (or its rollup's cells), by every grouping set. */
function factCte(plan: StatisticsPlan, base: FactSpec, measures: readonly { spec: MeasureSpec; index: number }[], sets: number[][]): Sql {
  const { fact, aggregate, scope, rows } = readingOf(
    plan,
    base,
    measures.map((m) => m.spec),
  );
  const n = plan.dimensions.length;
  const dims = plan.dimensions.map((d) => dimensionExpression(plan, fact, d)!);
  const filters = plan.filters.map((f) => filterCondition(plan, fact, f));
  const where = and(scope, timeBounds(plan, fact), ...filters);
  const aggregates = join(
    measures.map((m) => sql`${aggregate(m.spec)} as ${trusted(`m${m.index}`)}`),
    ', ',
  );
  if (n === 0) return sql`select 0 as g, ${aggregates} from ${fact.from} where ${where}`;
  const keys = join(dims.map((d, i) => sql`${d} as ${col(i)}`), ', ');
  const k = (i: number) => trusted(`k.d${i}`);
  const grouped = join(dims.map((_, i) => k(i)), ', ');
  // Cells whose rows net to none are no group (the rows' groups are those with a row); the grand total always is.
  const having = rows ? sql` having sum(${rows}) > 0 or grouping(${grouped}) = ${trusted(String((1 << n) - 1))}` : sql``;
  return sql`select ${grouped}, grouping(${grouped}) as g, ${aggregates}
    from ${fact.from} cross join lateral (select ${keys}) k
    where ${where}
    group by grouping sets (${groupingSetsSql(sets, k)})${having}`;
}

/**
 * Every group of the dimensions' domains (filtered like the facts), by the same grouping sets; null
 * when a dimension has no listable domain or empty groups are not wanted.
 */
function domainSpine(plan: StatisticsPlan, sets: number[][], days: { from: string; to: string } | null, factCount: readonly number[]): Sql | null {
  if (!plan.fillEmpty || plan.dimensions.length === 0) return null;
  const sources: Sql[] = [];
  const columns: Sql[] = [];
  const familyFilters: Sql[] = [];
  const families = new Set<string>();
  for (const [i, dim] of plan.dimensions.entries()) {
    const domain = dim.domain;
    const filter = plan.filters.find((f) => f.dimension === dim)?.values;
    if (domain.kind === 'open') {
      // No list of values: the values the facts have (in any of them) are the domain.
      const seen = join(factCount.map((j) => sql`select ${col(i)} from ${trusted(`f${j}`)} where ${col(i)} is not null`), ' union ');
      sources.push(sql`(${seen}) ${trusted(`o${i}`)}(v)`);
      columns.push(sql`${trusted(`o${i}.v`)} as ${col(i)}`);
      continue;
    }
    if (domain.kind === 'reference') {
      if (!families.has(domain.family)) sources.push(domain.source);
      families.add(domain.family);
      columns.push(sql`${domain.value} as ${col(i)}`);
      if (filter) familyFilters.push(anyOf(domain.value, [...filter]));
    } else if (domain.kind === 'enum') {
      const values = domain.values.map((v) => v.value).filter((v) => !filter || filter.includes(v));
      if (values.length === 0) return null;
      sources.push(sql`(values ${join(values.map((v) => sql`(${v}::text)`), ', ')}) ${trusted(`e${i}`)}(v)`);
      columns.push(sql`${trusted(`e${i}.v`)} as ${col(i)}`);
    } else {
      if (!days) return null;
      const grain = domain.grain.toLowerCase();
      const series = sql`generate_series(date_trunc(${trusted(`'${grain}'`)}, ${days.from}::date), ${days.to}::date, ${trusted(`'${STEPS[domain.grain]}'`)}::interval)`;
      sources.push(sql`(select to_char(t, ${trusted(`'${FORMATS[domain.grain]}'`)}) as v from ${series} t) ${trusted(`t${i}`)}`);
      columns.push(sql`${trusted(`t${i}.v`)} as ${col(i)}`);
    }
  }
  // A filter on another dimension of a family in the query narrows it too (PROVINCE 440000 with REGION: Guangdong's regions only).
  for (const f of plan.filters) {
    const domain = f.dimension.domain;
    if (domain.kind === 'reference' && families.has(domain.family) && !plan.dimensions.includes(f.dimension)) familyFilters.push(anyOf(domain.value, [...f.values]));
  }
  const grouped = join(
    plan.dimensions.map((_, i) => col(i)),
    ', ',
  );
  return sql`select ${grouped}, grouping(${grouped}) as g from (select ${join(columns, ', ')} from ${join(sources, ' cross join ')} where ${and(...familyFilters)}) x
    group by grouping sets (${groupingSetsSql(sets, col)})`;
}

/** The whole statement; its rows: g (the grouping bit mask), d0…, and m0… in the order of plan.measures. */
export function statisticsStatement(plan: StatisticsPlan): Sql {
  const n = plan.dimensions.length;
  const sets = plan.sets ?? groupingSets(n, plan.totals);
  const byFact = new Map<string, { spec: MeasureSpec; index: number }[]>();
  plan.measures.forEach((spec, index) => byFact.set(spec.fact, [...(byFact.get(spec.fact) ?? []), { spec, index }]));
  const ctes: Sql[] = [];
  const factNames = [...byFact.keys()];
  factNames.forEach((name, j) => ctes.push(sql`${trusted(`f${j}`)} as (${factCte(plan, plan.facts.get(name)!, byFact.get(name)!, sets)})`));
  const days = plan.from && plan.to ? { from: plan.from, to: plan.to } : null;
  const keys = [...Array(n).keys()].map((i) => col(i));
  const keyList = keys.length ? sql`${join(keys, ', ')}, ` : sql``;
  const spineParts: Sql[] = factNames.map((_, j) => sql`select ${keyList}g from ${trusted(`f${j}`)}`);
  const domain = domainSpine(plan, sets, days, factNames.map((_, j) => j));
  if (domain) spineParts.unshift(domain);
  ctes.push(sql`spine as (${join(spineParts, ' union ')})`);
  const joins = factNames.map((_, j) => {
    const f = trusted(`f${j}`);
    const on = [sql`${f}.g = s.g`, ...keys.map((c) => sql`${f}.${c} is not distinct from s.${c}`)];
    return sql`left join ${f} on ${and(...on)}`;
  });
  const measureColumn = (spec: MeasureSpec, i: number) => {
    const j = factNames.indexOf(spec.fact);
    const value = trusted(`f${j}.m${i}`);
    return spec.additive ? sql`coalesce(${value}, 0)` : value;
  };
  const values = plan.measures.map((spec, i) => sql`${measureColumn(spec, i)} as ${trusted(`m${i}`)}`);
  const having = plan.having.map((h) => sql`${measureColumn(h.measure, plan.measures.indexOf(h.measure))} ${trusted(OPERATORS[h.op])} ${h.value}::numeric`);
  const finest = having.length ? sql` where s.g <> 0 or ${and(...having)}` : sql``;
  // The data version read in the same statement: the version these very numbers are as of.
  return sql`with ${join(ctes, ', ')}
    select s.g${keys.length ? sql`, ${join(keys.map((c) => sql`s.${c}`), ', ')}` : sql``}, ${join(values, ', ')},
      (select version::text from data_version where id = 1) as data_version
    from spine s ${join(joins, ' ')}${finest}`;
}
