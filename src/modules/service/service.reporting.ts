/** What statistics count of services to enterprises (docs/reporting.md): records and hours by type. */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { placeDimensions } from '../enterprise/enterprise.reporting.js';
import { ServiceType } from './service-record.entity.js';

export const serviceReporting: ReportingContribution = {
  dimensions: [{ name: 'SERVICE_TYPE', label: '服务类型', public: true, domain: enumDomain(ServiceType) }],
  facts: [
    {
      name: 'serviceRecord',
      label: '服务记录',
      from: sql`service_record sr left join enterprise re on re.id = sr.enterprise_id`,
      alias: 'sr',
      visibleAs: 'ServiceRecord',
      publicScope: () => sql`sr.status = 'RECORDED'`,
      dimensions: { ...placeDimensions('re'), SERVICE_TYPE: () => sql`sr.type` },
      time: { expression: () => sql`sr.served_on`, type: 'date', label: '服务日期' },
    },
  ],
  measures: [
    // Voided records do not count (they are listed only when asked for).
    { name: 'SERVICE_RECORDS', label: '服务次数（不含作废）', fact: 'serviceRecord', aggregate: () => sql`count(*) filter (where sr.status = 'RECORDED')`, additive: true, public: true, unit: '次' },
    {
      name: 'SERVICE_HOURS',
      label: '服务时长（不含作废）',
      fact: 'serviceRecord',
      aggregate: () => sql`coalesce(sum(sr.hours) filter (where sr.status = 'RECORDED'), 0)::float8`,
      additive: true,
      public: false,
      unit: '小时',
    },
  ],
};
