/**
 * What statistics count of designations (docs/reporting.md): the designation decisions by level,
 * status on a date and batch year, and the dimensions other facts share (the title an enterprise
 * held on a date).
 */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { DesignationLevel, DesignationStatus } from './designation.entity.js';
import { effectiveStatus } from './designation.rules.js';

export const designationReporting: ReportingContribution = {
  dimensions: [
    { name: 'DESIGNATION_LEVEL', label: '称号层级（企业：统计日持有的称号）', public: true, domain: enumDomain(DesignationLevel) },
    { name: 'DESIGNATION_STATUS', label: '认定状态（统计日）', public: true, domain: enumDomain(DesignationStatus) },
    { name: 'BATCH_YEAR', label: '认定批次年度', public: true, domain: { kind: 'open' } },
  ],
  facts: [
    {
      name: 'designation',
      label: '认定',
      from: sql`designation d left join enterprise de on de.id = d.enterprise_id`,
      alias: 'd',
      visibleAs: 'Designation',
      // The designation decisions were published (公告): every one counts in public figures.
      publicScope: () => null,
      dimensions: {
        REGION: () => sql`de.region_code`,
        INDUSTRY_DIVISION: () => sql`de.industry_code`,
        SIZE_CLASS: () => sql`de.size_class`,
        DESIGNATION_LEVEL: () => sql`d.level`,
        DESIGNATION_STATUS: (c) => effectiveStatus('d', c.asOf),
        BATCH_YEAR: () => sql`d.batch_year`,
      },
      time: { expression: () => sql`d.valid_from`, type: 'date', label: '称号生效日' },
    },
  ],
  measures: [
    { name: 'DESIGNATIONS', label: '认定数', fact: 'designation', aggregate: () => sql`count(*)`, additive: true, public: true, unit: '项' },
    {
      name: 'VALID_DESIGNATIONS',
      label: '统计日有效的认定数',
      fact: 'designation',
      aggregate: (c) => sql`count(*) filter (where ${effectiveStatus('d', c.asOf)} = 'ACTIVE')`,
      additive: true,
      stock: true,
      // Not public: nearly the demonstration and advantage enterprises, whose hidden cells it would give away.
      public: false,
      unit: '项',
    },
  ],
};
