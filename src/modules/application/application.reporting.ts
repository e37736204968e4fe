/** What statistics count of demonstration applications (docs/reporting.md): by year, status and the applicant's place. */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { placeDimensions } from '../enterprise/enterprise.reporting.js';
import { ApplicationStatus } from './application.entity.js';

export const applicationReporting: ReportingContribution = {
  dimensions: [{ name: 'APPLICATION_STATUS', label: '示范企业申报状态', public: false, domain: enumDomain(ApplicationStatus) }],
  facts: [
    {
      name: 'demonstrationApplication',
      label: '示范企业申报',
      from: sql`demonstration_application da left join enterprise ae on ae.id = da.enterprise_id`,
      alias: 'da',
      visibleAs: 'DemonstrationApplication',
      dimensions: { ...placeDimensions('ae'), APPLICATION_STATUS: () => sql`da.status` },
      time: { expression: () => sql`da.year`, type: 'year', label: '申报年度' },
    },
  ],
  measures: [
    { name: 'DEMONSTRATION_APPLICATIONS', label: '示范企业申报数', fact: 'demonstrationApplication', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '份' },
    {
      name: 'DEMONSTRATION_APPLICATIONS_SUBMITTED',
      label: '已提交的示范企业申报数',
      fact: 'demonstrationApplication',
      aggregate: () => sql`count(*) filter (where da.submitted_at is not null)`,
      additive: true,
      public: false,
      unit: '份',
    },
  ],
};
