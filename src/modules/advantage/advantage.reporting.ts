/** What statistics count of advantage applications (docs/reporting.md). */
import type { ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { placeDimensions } from '../enterprise/enterprise.reporting.js';

export const advantageReporting: ReportingContribution = {
  facts: [
    {
      name: 'advantageApplication',
      label: '优势企业申报',
      from: sql`advantage_application aa left join enterprise ve on ve.id = aa.enterprise_id`,
      alias: 'aa',
      visibleAs: 'AdvantageApplication',
      // The application's own jurisdiction (where it was filed), not where the enterprise is now.
      dimensions: { ...placeDimensions('ve'), REGION: () => sql`aa.region_code` },
      time: { expression: () => sql`aa.year`, type: 'year', label: '申报年度' },
    },
  ],
  measures: [
    { name: 'ADVANTAGE_APPLICATIONS', label: '优势企业申报数', fact: 'advantageApplication', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '份' },
    {
      name: 'ADVANTAGE_APPLICATIONS_SUBMITTED',
      label: '已提交的优势企业申报数',
      fact: 'advantageApplication',
      aggregate: () => sql`count(*) filter (where aa.submitted_at is not null)`,
      additive: true,
      public: false,
      unit: '份',
    },
  ],
};
