/**
 * The reporting contract: what a module declares so that `statistics` can count its rows
 * (docs/reporting.md). A **fact** is one table (with fixed joins) whose rows are counted, under
 * the visibility of the GraphQL type its rows are listed as; a **measure** aggregates one fact;
 * a **dimension** is a conformed way of grouping (one name, meaning and set of values) that each
 * fact maps to its own columns. The SQL is generated from these declarations (src/modules/reporting).
 */
import { getMetadataStorage } from 'type-graphql';
import type { Sql } from './sql.js';
import type { ReferenceData } from './reference-data.js';

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
