/**
 * What statistics count of enterprises and their yearly IP figures (docs/reporting.md).
 */
import { getMetadataStorage } from 'type-graphql';
import { enumDomain, fromSources, type FactRollup, type FactSource, type MeasureSpec, type ReportingContribution } from '../../common/reporting.js';
import { sql, trusted } from '../../common/sql.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { holdsTitleOn, titleLevelOn } from '../designation/designation.rules.js';
import { SizeClass } from './enterprise.entity.js';
import { EnterpriseStatistics, STATISTICS_COUNT_FIELDS } from './enterprise-statistics.entity.js';
import { publicDirectory } from './enterprise.policy.js';
import { jurisdictionOf } from '../../common/viewer.policy.js';

/** The yearly figures, with their label and unit as the EnterpriseStatistics type describes them ("发明专利申请量（件）。"). */
const FIGURES = [...STATISTICS_COUNT_FIELDS, 'licensingIncome', 'pledgeFinancing'] as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function figureMeasures(): MeasureSpec[] {
  const fields = getMetadataStorage().fields.filter((f) => f.target === EnterpriseStatistics);
  return FIGURES.flatMap((name) => {
    const description = fields.find((f) => f.name === name)?.description ?? name;
    const [, label = name, unit = ''] = /^([^（。]+)(?:（([^，）]+))?/.exec(description) ?? [];
    const column = trusted(`st.${snake(name)}`);
    const measure = snake(name).toUpperCase();
    return [
      { name: `${measure}_SUM`, label: `${label}合计`, fact: 'enterpriseStatistics', aggregate: () => sql`sum(${column})`, additive: true, public: false, unit },
      { name: `${measure}_AVG`, label: `${label}平均每家`, fact: 'enterpriseStatistics', aggregate: () => sql`avg(${column})::float8`, additive: false, public: false, unit },
    ];
  });
}

const STATISTICS_SOURCES: FactSource[] = [
  { table: 'enterprise_statistics', alias: 'st' },
  { table: 'enterprise', alias: 'se', on: 'se.id = st.enterprise_id', optional: true },
];

/**
 * The yearly figures summed by jurisdiction, size and year (~1,500 cells for a million rows). The
 * figures are never null, so an average is the sum over the rows.
 */
function statisticsRollup(): FactRollup {
  const sums: FactRollup['sums'] = {};
  const measures: FactRollup['measures'] = { STATISTICS_REPORTS: sql`sum(c.rows)` };
  for (const name of FIGURES) {
    const column = snake(name);
    const type = name === 'licensingIncome' || name === 'pledgeFinancing' ? 'numeric' : 'bigint';
    sums[column] = { type, aggregate: sql`sum(${trusted(`st.${column}`)})` };
    measures[`${column.toUpperCase()}_SUM`] = sql`sum(${trusted(`c.${column}`)})`;
    measures[`${column.toUpperCase()}_AVG`] = sql`(sum(${trusted(`c.${column}`)}) / nullif(sum(c.rows), 0))::float8`;
  }
  return {
    table: 'rpt_enterprise_statistics',
    sources: STATISTICS_SOURCES,
    dimensions: ['REGION', 'SIZE_CLASS'],
    time: 'YEAR',
    sums,
    measures,
    // A bureau sees the figures of every enterprise of its own region (enterpriseRecordVisibility).
    covers: (viewer) => {
      const region = jurisdictionOf(viewer);
      return region ? { dimension: 'REGION', values: [region] } : null;
    },
  };
}

/** REGION, INDUSTRY_DIVISION and SIZE_CLASS of the enterprise under `alias`: what every fact about an enterprise maps. */
export const placeDimensions = (alias: string) => ({
  REGION: () => sql`${trusted(alias)}.region_code`,
  INDUSTRY_DIVISION: () => sql`${trusted(alias)}.industry_code`,
  SIZE_CLASS: () => sql`${trusted(alias)}.size_class`,
});

export const enterpriseReporting: ReportingContribution = {
  dimensions: [{ name: 'SIZE_CLASS', label: '企业规模', public: true, domain: enumDomain(SizeClass) }],
  facts: [
    {
      name: 'enterprise',
      label: '企业',
      from: sql`enterprise e`,
      alias: 'e',
      visibleAs: 'Enterprise',
      // The public directory: enterprises holding a title on the day.
      publicScope: (c) => publicDirectory('e', c.asOf),
      dimensions: { ...placeDimensions('e'), DESIGNATION_LEVEL: (c) => titleLevelOn('e.id', c.asOf) },
      time: { expression: () => sql`e.created_at`, type: 'timestamptz', label: '登记时间' },
    },
    {
      name: 'enterpriseStatistics',
      label: '企业年度知识产权统计',
      from: fromSources(STATISTICS_SOURCES),
      alias: 'st',
      visibleAs: 'EnterpriseStatistics',
      dimensions: { ...placeDimensions('se'), DESIGNATION_LEVEL: (c) => titleLevelOn('se.id', c.asOf) },
      time: { expression: () => sql`st.year`, type: 'year', label: '统计年度' },
      rollup: statisticsRollup(),
    },
  ],
  measures: [
    {
      name: 'ENTERPRISES',
      label: '企业数',
      fact: 'enterprise',
      aggregate: () => sql`count(*)`,
      additive: true,
      stock: true,
      // Not public: in public figures it is demonstration + advantage enterprises, whose cells it would give away by subtraction.
      public: false,
      unit: '家',
    },
    {
      name: 'DEMONSTRATION_ENTERPRISES',
      label: '示范企业数（统计日持有称号）',
      fact: 'enterprise',
      aggregate: (c) => sql`count(*) filter (where ${holdsTitleOn('e.id', c.asOf, [DesignationLevel.DEMONSTRATION])})`,
      additive: true,
      stock: true,
      public: true,
      unit: '家',
    },
    {
      name: 'ADVANTAGE_ENTERPRISES',
      label: '优势企业数（统计日持有称号，示范企业除外）',
      fact: 'enterprise',
      aggregate: (c) => sql`count(*) filter (where ${titleLevelOn('e.id', c.asOf)} = 'ADVANTAGE')`,
      additive: true,
      stock: true,
      public: true,
      unit: '家',
    },
    { name: 'STATISTICS_REPORTS', label: '年度统计填报数', fact: 'enterpriseStatistics', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '份' },
    ...figureMeasures(),
  ],
};
