/** What statistics count of enterprises' needs (docs/reporting.md): by category, status and the enterprise's place. */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { placeDimensions } from '../enterprise/enterprise.reporting.js';
import { NeedCategory, NeedStatus } from './need.entity.js';

export const liaisonReporting: ReportingContribution = {
  dimensions: [
    { name: 'NEED_CATEGORY', label: '需求类别', public: false, domain: enumDomain(NeedCategory) },
    { name: 'NEED_STATUS', label: '需求办理状态', public: false, domain: enumDomain(NeedStatus) },
  ],
  facts: [
    {
      name: 'enterpriseNeed',
      label: '企业需求',
      from: sql`enterprise_need nd left join enterprise ne on ne.id = nd.enterprise_id`,
      alias: 'nd',
      visibleAs: 'EnterpriseNeed',
      dimensions: { ...placeDimensions('ne'), NEED_CATEGORY: () => sql`nd.category`, NEED_STATUS: () => sql`nd.status` },
      time: { expression: () => sql`nd.submitted_on`, type: 'date', label: '提出日期' },
    },
  ],
  measures: [
    { name: 'NEEDS', label: '企业需求数', fact: 'enterpriseNeed', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '项' },
    {
      name: 'NEEDS_RESOLVED',
      label: '已解决或办结的需求数',
      fact: 'enterpriseNeed',
      aggregate: () => sql`count(*) filter (where nd.status in ('RESOLVED', 'CLOSED'))`,
      additive: true,
      public: false,
      unit: '项',
    },
  ],
};
