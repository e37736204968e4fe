/**
 * What statistics count of patent navigation and priority examination (docs/reporting.md,
 * docs/navigation.md): projects by decision area, status and year of their start, pilots;
 * priority-examination requests, recommendations and their acceptance.
 */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { placeDimensions } from '../enterprise/enterprise.reporting.js';
import { NavigationArea, NavigationProjectStatus } from './project.entity.js';
import { PriorityRequestStatus } from './priority.entity.js';
import { IpOperationKind } from './operation.entity.js';

export const navigationReporting: ReportingContribution = {
  dimensions: [
    { name: 'NAVIGATION_AREA', label: '专利导航决策领域', public: false, domain: enumDomain(NavigationArea) },
    { name: 'NAVIGATION_STATUS', label: '专利导航项目状态', public: false, domain: enumDomain(NavigationProjectStatus) },
    { name: 'PRIORITY_STATUS', label: '优先审查推荐状态', public: false, domain: enumDomain(PriorityRequestStatus) },
    { name: 'IP_OPERATION_KIND', label: '知识产权运营方式', public: false, domain: enumDomain(IpOperationKind) },
  ],
  facts: [
    {
      name: 'navigationProject',
      label: '专利导航项目',
      from: sql`navigation_project np left join enterprise npe on npe.id = np.enterprise_id`,
      alias: 'np',
      visibleAs: 'NavigationProject',
      dimensions: { ...placeDimensions('npe'), NAVIGATION_AREA: () => sql`np.area`, NAVIGATION_STATUS: () => sql`np.status` },
      time: { expression: () => sql`np.created_at`, type: 'timestamptz', label: '立项时间' },
    },
    {
      name: 'priorityExamination',
      label: '优先审查推荐请求',
      from: sql`priority_examination pe left join enterprise pee on pee.id = pe.enterprise_id`,
      alias: 'pe',
      visibleAs: 'PriorityExaminationRequest',
      dimensions: { ...placeDimensions('pee'), PRIORITY_STATUS: () => sql`pe.status` },
      time: { expression: () => sql`pe.created_at`, type: 'timestamptz', label: '提出时间' },
    },
    {
      name: 'ipOperation',
      label: '知识产权运营记录',
      from: sql`ip_operation io left join enterprise ioe on ioe.id = io.enterprise_id`,
      alias: 'io',
      visibleAs: 'IpOperation',
      dimensions: { ...placeDimensions('ioe'), IP_OPERATION_KIND: () => sql`io.kind` },
      time: { expression: () => sql`io.signed_on`, type: 'date', label: '签订日期' },
    },
    {
      name: 'allianceMember',
      label: '专利联盟成员',
      from: sql`patent_alliance_member am join patent_alliance aa on aa.id = am.alliance_id left join enterprise ame on ame.id = am.enterprise_id`,
      alias: 'am',
      // Alliances and their members are public.
      visibleAs: 'PatentAlliance',
      dimensions: { ...placeDimensions('ame') },
      time: { expression: () => sql`am.joined_on`, type: 'date', label: '加入日期' },
    },
  ],
  measures: [
    { name: 'NAVIGATION_PROJECTS', label: '专利导航项目数', fact: 'navigationProject', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '个' },
    {
      name: 'NAVIGATION_PILOTS',
      label: '专利导航试点项目数（未撤销）',
      fact: 'navigationProject',
      aggregate: () => sql`count(*) filter (where np.pilot_year is not null and np.status <> 'CANCELLED')`,
      additive: true,
      public: false,
      unit: '个',
    },
    { name: 'PRIORITY_REQUESTS', label: '优先审查推荐请求数', fact: 'priorityExamination', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '件' },
    { name: 'PRIORITY_RECOMMENDATIONS', label: '推荐优先审查数（R21）', fact: 'priorityExamination', aggregate: () => sql`count(*) filter (where pe.status = 'RECOMMENDED')`, additive: true, public: false, unit: '件' },
    { name: 'PRIORITY_ACCEPTED', label: '同意优先审查数', fact: 'priorityExamination', aggregate: () => sql`count(*) filter (where pe.outcome = 'ACCEPTED')`, additive: true, public: false, unit: '件' },
    // Voided records count nowhere.
    { name: 'IP_OPERATIONS', label: '知识产权运营笔数', fact: 'ipOperation', aggregate: () => sql`count(*) filter (where io.status = 'RECORDED')`, additive: true, public: false, unit: '笔' },
    {
      name: 'IP_LICENSING_INCOME',
      label: '专利许可收入（许可他人实施）',
      fact: 'ipOperation',
      aggregate: () => sql`coalesce(sum(io.amount) filter (where io.status = 'RECORDED' and io.kind = 'LICENCE' and io.direction = 'OUTBOUND'), 0)::float8`,
      additive: true,
      public: false,
      unit: '元',
    },
    {
      name: 'IP_TRANSFER_INCOME',
      label: '专利转让收入（转让出）',
      fact: 'ipOperation',
      aggregate: () => sql`coalesce(sum(io.amount) filter (where io.status = 'RECORDED' and io.kind = 'TRANSFER' and io.direction = 'OUTBOUND'), 0)::float8`,
      additive: true,
      public: false,
      unit: '元',
    },
    {
      name: 'IP_PLEDGE_AMOUNT',
      label: '知识产权质押融资额',
      fact: 'ipOperation',
      aggregate: () => sql`coalesce(sum(io.amount) filter (where io.status = 'RECORDED' and io.kind = 'PLEDGE'), 0)::float8`,
      additive: true,
      public: false,
      unit: '元',
    },
    {
      name: 'ALLIANCE_MEMBER_ENTERPRISES',
      label: '加入专利联盟的企业（在册成员，按企业所在辖区）',
      fact: 'allianceMember',
      aggregate: () => sql`count(*) filter (where am.enterprise_id is not null and am.left_on is null)`,
      additive: true,
      public: false,
      unit: '家次',
    },
    {
      name: 'PRIORITY_ACCEPTANCE_RATE',
      label: '优先审查同意率（已有结果的推荐中）',
      fact: 'priorityExamination',
      aggregate: () => sql`(avg(case pe.outcome when 'ACCEPTED' then 100.0 when 'NOT_ACCEPTED' then 0.0 end))::float8`,
      additive: false,
      public: false,
      unit: '%',
    },
  ],
};
