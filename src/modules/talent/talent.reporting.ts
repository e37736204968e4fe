/** What statistics count of the talent pools (docs/reporting.md): nominations and members by pool and jurisdiction. */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { MembershipStatus, TalentPool } from './pool-membership.entity.js';

export const talentReporting: ReportingContribution = {
  dimensions: [
    { name: 'TALENT_POOL', label: '人才库', public: true, domain: enumDomain(TalentPool) },
    { name: 'MEMBERSHIP_STATUS', label: '人才库成员资格状态', public: false, domain: enumDomain(MembershipStatus) },
  ],
  facts: [
    {
      name: 'poolMembership',
      label: '人才库推荐',
      from: sql`pool_membership pm left join person pp on pp.id = pm.person_id left join enterprise pe on pe.id = pp.employer_enterprise_id`,
      alias: 'pm',
      visibleAs: 'PoolMembership',
      // Admitted members are announced; only they count in public figures.
      publicScope: () => sql`pm.status = 'ADMITTED'`,
      dimensions: {
        REGION: () => sql`coalesce(pe.region_code, pp.region_code)`,
        INDUSTRY_DIVISION: () => sql`pe.industry_code`,
        TALENT_POOL: () => sql`pm.pool`,
        MEMBERSHIP_STATUS: () => sql`pm.status`,
      },
      time: { expression: () => sql`pm.nominated_at`, type: 'timestamptz', label: '推荐时间' },
    },
  ],
  measures: [
    { name: 'POOL_NOMINATIONS', label: '人才库推荐数', fact: 'poolMembership', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '人次' },
    {
      name: 'POOL_MEMBERS',
      label: '人才库在库成员数',
      fact: 'poolMembership',
      aggregate: () => sql`count(*) filter (where pm.status = 'ADMITTED')`,
      additive: true,
      stock: true,
      public: true,
      unit: '人',
    },
  ],
};
