/**
 * The GraphQL side of statistics: the measure and dimension enums (filled from the registry when
 * the schema is built, src/schema.ts), the query inputs and the result.
 */
import { Extensions, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import type { ReportingRegistry } from '../../reporting-registry.js';

/** Filled by fillStatisticsEnums before the schema is built (the values are the registry's names). */
export const StatisticsMeasure: Record<string, string> = {};
export const StatisticsDimension: Record<string, string> = {};
const measureValues: Record<string, { description: string }> = {};
const dimensionValues: Record<string, { description: string }> = {};
registerEnumType(StatisticsMeasure, { name: 'StatisticsMeasure', description: '统计指标（各模块登记，见 statisticsCatalogue）。', valuesConfig: measureValues });
registerEnumType(StatisticsDimension, { name: 'StatisticsDimension', description: '统计维度（各模块登记，见 statisticsCatalogue）。', valuesConfig: dimensionValues });

/** Puts the registry's measures and dimensions into the enums, sorted (a stable schema). */
export function fillStatisticsEnums(registry: ReportingRegistry): void {
  for (const name of [...registry.measures.keys()].sort()) {
    const m = registry.measures.get(name)!;
    StatisticsMeasure[name] = name;
    measureValues[name] = { description: `${m.label}（${m.unit}${m.public ? '，公开' : ''}）` };
  }
  for (const name of [...registry.dimensions.keys()].sort()) {
    StatisticsDimension[name] = name;
    dimensionValues[name] = { description: `${registry.dimensions.get(name)!.label}${registry.dimensions.get(name)!.public ? '（公开）' : ''}` };
  }
}

export enum StatisticsTotals {
  NONE = 'NONE',
  GRAND = 'GRAND',
  ROLLUP = 'ROLLUP',
  CUBE = 'CUBE',
}
registerEnumType(StatisticsTotals, {
  name: 'StatisticsTotals',
  description: '合计行。',
  valuesConfig: {
    NONE: { description: '只有明细行' },
    GRAND: { description: '明细行和总计' },
    ROLLUP: { description: '逐级小计（按维度顺序：前 n 个维度的小计）和总计，如 [PROVINCE, REGION] 得省（含计划单列市）小计' },
    CUBE: { description: '各维度组合的全部小计（二维表的行合计、列合计）和总计' },
  },
});

export enum StatisticsComparison {
  GT = 'GT',
  GTE = 'GTE',
  LT = 'LT',
  LTE = 'LTE',
  EQ = 'EQ',
}
registerEnumType(StatisticsComparison, {
  name: 'StatisticsComparison',
  description: '比较。',
  valuesConfig: { GT: { description: '大于' }, GTE: { description: '大于等于' }, LT: { description: '小于' }, LTE: { description: '小于等于' }, EQ: { description: '等于' } },
});


@InputType('StatisticsFilter', { description: '按维度取值筛选（与列表的筛选一致）；"__none__" 表示该项为空的行。' })
export class StatisticsFilter {
  @Field(() => StatisticsDimension, { description: '维度（不能是时间维度：时间用 from/to）。' })
  dimension!: string;
  @Extensions({ maxItems: 200 })
  @Field(() => [String], { description: '取值之一（辖区代码、行业代码、枚举值、年份）。' })
  values!: string[];
}

@InputType('StatisticsHaving', { description: '明细行的条件（小计和总计仍是全部分组的合计）。' })
export class StatisticsHaving {
  @Field(() => StatisticsMeasure, { description: '指标（须在 measures 中）。' })
  measure!: string;
  @Field(() => StatisticsComparison, { description: '比较。' })
  op!: StatisticsComparison;
  @Field(() => Float, { description: '比较的值。' })
  value!: number;
}

@InputType('StatisticsQuery', { description: '统计查询：指标按维度分组，在查看者可见的行上计算（与列表的可见范围相同）。' })
export class StatisticsQuery {
  @Extensions({ maxItems: 12 })
  @Field(() => [StatisticsMeasure], { description: '指标，1–12 个；可来自不同的事实（各自汇总后按维度并列，不会重复计数）。' })
  measures!: string[];
  @Extensions({ maxItems: 3 })
  @Field(() => [StatisticsDimension], { defaultValue: [], description: '分组维度，0–3 个，按顺序；每个维度须适用于每个指标。' })
  dimensions!: string[];
  @Field(() => StatisticsTotals, { defaultValue: StatisticsTotals.ROLLUP, description: '合计行，默认逐级小计。' })
  totals!: StatisticsTotals;
  @Extensions({ maxItems: 8 })
  @Field(() => [StatisticsFilter], { defaultValue: [], description: '筛选。' })
  filters!: StatisticsFilter[];
  @Field(() => DateScalar, { nullable: true, description: '起始日（含，北京时间）：有时间的事实只计此后的行；时间维度从此列出。' })
  from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截止日（含，北京时间）。' })
  to?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '称号、状态按此日确定，默认今天。' })
  asOf?: string | null;
  @Extensions({ maxItems: 4 })
  @Field(() => [StatisticsHaving], { defaultValue: [], description: '明细行的条件。' })
  having!: StatisticsHaving[];
  @Field(() => Boolean, { defaultValue: true, description: '列出没有数据的分组（为 0），如空的月份、没有企业的辖区。' })
  fillEmpty!: boolean;
}

@InputType('PublicStatisticsQuery', { description: '公开统计：只含公开指标和公开维度，最多两个维度，全部小计，小数保护。' })
export class PublicStatisticsQuery {
  @Extensions({ maxItems: 6 })
  @Field(() => [StatisticsMeasure], { description: '公开指标，1–6 个。' })
  measures!: string[];
  @Extensions({ maxItems: 2 })
  @Field(() => [StatisticsDimension], { defaultValue: [], description: '公开维度，0–2 个；时间只能按年（YEAR）。' })
  dimensions!: string[];
  @Field(() => Int, { nullable: true, description: '按年（YEAR）时的起始年（含），默认截止年之前第 9 年；最多 20 年。每年单独成表（不跨年合计）。' })
  fromYear?: number | null;
  @Field(() => Int, { nullable: true, description: '按年时的截止年（含），默认今年。' })
  toYear?: number | null;
  @Field(() => RegionCodeScalar, { nullable: true, description: '与全国对比的辖区（37 个省级辖区之一，计划单列市、兵团单列）：结果的 comparison。该辖区的省局和国家局看到的是不经小数保护的本辖区数字。' })
  compareRegion?: string | null;
}

@ObjectType('StatisticsMeasureInfo', { description: '统计指标的说明。' })
export class StatisticsMeasureInfo {
  @Field(() => StatisticsMeasure, { description: '指标。' })
  measure!: string;
  @Field(() => String, { description: '名称。' })
  label!: string;
  @Field(() => String, { description: '单位。' })
  unit!: string;
  @Field(() => Boolean, { description: '可加（计数、合计）：合计等于各部分之和；平均数等不可加。' })
  additive!: boolean;
  @Field(() => Boolean, { description: '可用于公开统计。' })
  public!: boolean;
  @Field(() => String, { description: '所属事实（被计数的对象）。' })
  fact!: string;
  @Field(() => [StatisticsDimension], { description: '适用的维度。' })
  dimensions!: string[];
}

@ObjectType('StatisticsDimensionInfo', { description: '统计维度的说明。' })
export class StatisticsDimensionInfo {
  @Field(() => StatisticsDimension, { description: '维度。' })
  dimension!: string;
  @Field(() => String, { description: '名称。' })
  label!: string;
  @Field(() => Boolean, { description: '可用于公开统计。' })
  public!: boolean;
}

@ObjectType('StatisticsCatalogue', { description: '可用的统计指标和维度。' })
export class StatisticsCatalogue {
  @Field(() => [StatisticsMeasureInfo], { description: '指标。' })
  measures!: StatisticsMeasureInfo[];
  @Field(() => [StatisticsDimensionInfo], { description: '维度。' })
  dimensions!: StatisticsDimensionInfo[];
}

@ObjectType('StatisticsKey', { description: '一行在一个维度上的取值。' })
export class StatisticsKey {
  @Field(() => StatisticsDimension, { description: '维度。' })
  dimension!: string;
  @Field(() => String, { nullable: true, description: '取值；合计时为 null；"__none__" 为空值的分组。' })
  value!: string | null;
  @Field(() => String, { description: '显示名称（辖区名、行业名、"2026年3月"、"合计"）。' })
  label!: string;
  @Field(() => Boolean, { description: '是该维度上的合计。' })
  isTotal!: boolean;
}

@ObjectType('StatisticsCell', { description: '一行中一个指标的值。' })
export class StatisticsCell {
  @Field(() => StatisticsMeasure, { description: '指标。' })
  measure!: string;
  @Field(() => Float, { nullable: true, description: '值；不公布或没有可平均的数据时为 null。' })
  value!: number | null;
  @Field(() => Boolean, { description: '不公布（公开统计的小数保护：涉及单位少于阈值，或为防止由合计减出而一并隐藏；不说明是哪一种）。' })
  suppressed!: boolean;
}

@ObjectType('StatisticsRow', { description: '结果的一行：各维度的取值和各指标的值。' })
export class StatisticsRow {
  @Field(() => [StatisticsKey], { description: '按查询的维度顺序。' })
  keys!: StatisticsKey[];
  @Field(() => [StatisticsCell], { description: '按查询的指标顺序。' })
  values!: StatisticsCell[];
  @Field(() => Boolean, { description: '是小计或总计行。' })
  isTotal!: boolean;
}

@ObjectType('StatisticsComparisonRow', { description: '一个辖区与全国的对比。' })
export class StatisticsComparisonRow {
  @Field(() => StatisticsMeasure, { description: '指标。' })
  measure!: string;
  @Field(() => String, { nullable: true, description: '本行对应的维度取值（按查询中第一个非辖区维度分组时），否则 null。' })
  value!: string | null;
  @Field(() => String, { description: '该取值的显示名称（无分组时为"合计"）。' })
  label!: string;
  @Field(() => Float, { nullable: true, description: '该辖区的值；不公布时为 null（该辖区的省局和国家局总能看到）。' })
  region!: number | null;
  @Field(() => Float, { nullable: true, description: '全国的值。' })
  national!: number | null;
  @Field(() => Float, { nullable: true, description: '该辖区占全国的比例（0–1）；任一方不公布或全国为 0 时为 null。' })
  share!: number | null;
  @Field(() => Boolean, { description: '该辖区的值对查看者不公布。' })
  suppressed!: boolean;
}

@ObjectType('StatisticsResult', { description: '统计结果。' })
export class StatisticsResult {
  @Field(() => [StatisticsMeasureInfo], { description: '指标，按查询的顺序。' })
  measures!: StatisticsMeasureInfo[];
  @Field(() => [StatisticsDimensionInfo], { description: '维度，按查询的顺序。' })
  dimensions!: StatisticsDimensionInfo[];
  @Field(() => [StatisticsRow], { description: '明细行在前，各级小计在其所属分组之后，总计最后。' })
  rows!: StatisticsRow[];
  @Field(() => DateScalar, { description: '称号、状态所依据的日期。' })
  asOf!: string;
  @Field(() => DateScalar, { nullable: true, description: '起始日。' })
  from!: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截止日。' })
  to!: string | null;
  @Field(() => String, { nullable: true, description: '数据版本：相同版本的同一查询结果相同。' })
  dataVersion!: string | null;
  @Field(() => Int, { nullable: true, description: '公开统计的小数保护阈值（少于此数的单位不公布）；非公开统计为 null。' })
  suppressionThreshold!: number | null;
  @Field(() => [StatisticsComparisonRow], { nullable: true, description: '与全国的对比（公开统计指定 compareRegion 时）。' })
  comparison!: StatisticsComparisonRow[] | null;
}
