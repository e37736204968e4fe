/**
 * The reporting contract: what a module declares so that `statistics` can count its rows
 * (docs/reporting.md). A **fact** is one table (with fixed joins) whose rows are counted, under
 * the visibility of the GraphQL type its rows are listed as; a **measure** aggregates one fact;
 * a **dimension** is a conformed way of grouping (one name, meaning and set of values) that each
 * fact maps to its own columns. The SQL is generated from these declarations (src/modules/reporting).
 */
import { getMetadataStorage } from 'type-graphql';
import { trusted, type Sql } from './sql.js';
import type { ReferenceData } from './reference-data.js';
import type { Viewer } from '../context.js';

/** What a fact's SQL may depend on besides the viewer: the date statuses are taken on. */
export interface FactContext {
  /** Statuses and titles are taken as of this date (the programme's today unless asked otherwise). */
  asOf: string;
}

export type FactExpression = (c: FactContext) => Sql;

/** How a value is shown and ordered (a region's name and its place in the official order). */
export interface ValueDescription {
  label: string;
  sort: number;
}

/** The values a dimension takes, listed so that empty groups appear with zeros. */
export type DimensionDomain =
  /** A fixed list, in this order. */
  | { kind: 'enum'; values: readonly { value: string; label: string }[] }
  /**
   * Rows of reference data: `source` is a from-clause, `value` an expression over it; `family` names
   * the source, so that two dimensions of one family (province and region) are listed together
   * (only real pairs), never crossed. Labels and order come from the reference data in memory.
   */
  | { kind: 'reference'; family: string; source: Sql; value: Sql; describe: (value: string, reference: ReferenceData) => ValueDescription | undefined; size: (reference: ReferenceData) => number }
  /** Calendar buckets in Asia/Shanghai, over the query's from..to. */
  | { kind: 'time'; grain: 'MONTH' | 'QUARTER' | 'YEAR' }
  /** Integers (a batch year): the values the facts have, nothing filled. */
  | { kind: 'open' };

export interface DimensionSpec {
  /** UPPER_SNAKE: the GraphQL enum value of StatisticsDimension. */
  name: string;
  /** Chinese, for columns and exports. */
  label: string;
  domain: DimensionDomain;
  /**
   * A dimension computed from another one's value (a province from a region): facts map the base
   * dimension only; `expression` takes the base's value. Filters and groups use it the same way.
   */
  derivedFrom?: { dimension: string; expression: (base: Sql) => Sql };
  /**
   * May be asked for in public figures. Never two dimensions where one is a roll-up of the other
   * (REGION and PROVINCE): their tables would subtract to hidden cells; the finer one is public.
   */
  public: boolean;
}

/** The time a fact's rows fall on: bucketed by month, quarter or year in Asia/Shanghai. */
export interface FactTime {
  expression: FactExpression;
  /** timestamptz: converted to Asia/Shanghai before bucketing; date: as is; year: an integer year (YEAR buckets only). */
  type: 'timestamptz' | 'date' | 'year';
  /** What the time is (Chinese): "登记时间", "开始报名时间"… */
  label: string;
}

export interface FactSpec {
  /** camelCase, unique. */
  name: string;
  label: string;
  /**
   * The from-clause (table and fixed joins) with the fact table under `alias`. Join rows that always
   * exist (a not-null foreign key) with `left join`: PostgreSQL then drops the join when the query
   * uses none of its columns (a million enrolments by tier need no person).
   */
  from: Sql;
  alias: string;
  /** The GraphQL type whose visibility rule (in some module's policy) decides which rows count: the lists' rule. */
  visibleAs: string;
  /** The rows public figures count (null: all); absent: the fact has no public measure. */
  publicScope?: (c: FactContext) => Sql | null;
  /** Conformed dimension name → this fact's expression for it. Dimensions not mapped cannot be asked with its measures. */
  dimensions: Record<string, FactExpression>;
  time?: FactTime;
  /** Cells kept summed at a coarser grain, read instead of the rows when a query fits them (a million enrolments). */
  rollup?: FactRollup;
}

/**
 * One table of a fact's from-clause: the first is the fact table, each other joined `on` its
 * condition (`optional`: a left join). Written once, it gives both the from-clause (`fromSources`)
 * and the triggers that keep a rollup's cells exact (src/modules/reporting/rollup.sql.ts).
 */
export interface FactSource {
  /** A table with the primary key `id` (the triggers match a row's old and new versions by it). */
  table: string;
  alias: string;
  on?: string;
  optional?: boolean;
}

/** The from-clause of a fact's sources. */
export function fromSources(sources: readonly FactSource[]): Sql {
  const [first, ...rest] = sources;
  if (!first || first.on) throw new Error('fromSources: the first source is the fact table, without a join condition');
  return trusted(
    [`${first.table} ${first.alias}`, ...rest.map((s) => `${s.optional ? 'left join' : 'join'} ${s.table} ${s.alias} on ${s.on}`)].join(' '),
  );
}

/**
 * A fact's rollup (Cube's pre-aggregation, docs/reporting.md "Speed"): the fact's rows summed by a
 * few of its dimensions and its time by month or year, in the table `table` (and `<table>_delta`,
 * the changes since the last fold). Statement triggers on every source table append the change of
 * each write to the delta in the writer's transaction, so the cells plus the delta are exact at
 * every commit; a job folds the delta into the cells. `statistics` reads the rollup when a query
 * asks only for its dimensions and measures, over time bounds on its grain, for a viewer who sees
 * all of the rows asked for (`covers`). The migration that builds it is generated (`npm run rollups`).
 */
export interface FactRollup {
  table: string;
  /** The fact's tables (its from-clause is `fromSources(sources)`): each gets the triggers. */
  sources: readonly FactSource[];
  /** Dimensions kept, each a text column named after it in lower case (the fact's own expression, never one that depends on the date asked). */
  dimensions: readonly string[];
  /** The fact's time kept by month (a date, the month's first day) or by year (an integer). */
  time?: 'MONTH' | 'YEAR';
  /** Sums kept per cell besides `rows` (the number of rows): column → its SQL type and the aggregate over the fact's rows (a sum or count). */
  sums: Record<string, { type: 'bigint' | 'numeric'; aggregate: Sql }>;
  /** The measures the cells answer, each an expression over the cells (alias c): sum(c.rows), sum(c.x) / nullif(sum(c.rows), 0). */
  measures: Record<string, Sql>;
  /**
   * Values of one kept dimension whose rows this viewer sees all of (a provincial bureau: the people of
   * its own region); a query filtered to some of them needs no other visibility. null: none.
   */
  covers?: (viewer: Viewer) => { dimension: string; values: readonly string[] } | null;
}

export interface MeasureSpec {
  /** UPPER_SNAKE: the GraphQL enum value of StatisticsMeasure. */
  name: string;
  label: string;
  fact: string;
  /** The aggregate over the fact's rows, e.g. sql`count(*)`, sql`sum(st.ip_staff)`. */
  aggregate: FactExpression;
  /** count and sum: a total is the sum of its parts; an average is not. */
  additive: boolean;
  /**
   * What holds on a date (enterprises holding a title, members of a pool), not what happened in a
   * period (designations made, completions): public figures give a stock as of today, never by year,
   * and a flow only by year (so that no two public tables subtract to a hidden cell).
   */
  stock?: boolean;
  public: boolean;
  unit: string;
}

/** What a module contributes to the statistics (AppModule.reporting). */
export interface ReportingContribution {
  facts?: readonly FactSpec[];
  measures?: readonly MeasureSpec[];
  dimensions?: readonly DimensionSpec[];
}

/** An enum dimension's values with the descriptions its GraphQL enum was registered with (one source for the labels). */
export function enumDomain(enumObject: Record<string, string>, exclude: readonly string[] = []): DimensionDomain {
  const registered = getMetadataStorage().enums.find((e) => e.enumObj === enumObject);
  const config = (registered?.valuesConfig ?? {}) as Record<string, { description?: string }>;
  return {
    kind: 'enum',
    values: Object.values(enumObject)
      .filter((v) => !exclude.includes(v))
      .map((value) => ({ value, label: config[value]?.description?.split(/[：（，]/)[0] ?? value })),
  };
}
