/**
 * Patent navigation and IP operation [D 四(一), A 二(一)(二), A 四(一)] (docs/navigation.md,
 * docs/permissions.md): who asks for and decides priority-examination recommendations (R21), who
 * runs navigation projects and selects pilots, and which rows each viewer sees.
 *
 * An enterprise's requests and projects are seen by the enterprise, the bureau of its jurisdiction
 * (where it is today) and the national bureau; a project also by the service organisation doing
 * its analysis. The public sees the pilot projects' titles and the published analysis reports.
 */
import { action, scopeOf, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { and, FALSE, or, sql, trusted } from '../../common/sql.js';
import { shareAttachments } from '../file/file.policy.js';
import { enterpriseOf, isNational, jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';
import { enterpriseSide, type ServiceFacts } from '../service/service.policy.js';

const PUBLIC = { ANONYMOUS: 'public', EXPERT: 'public', SERVICE_PROVIDER: 'public', ENTERPRISE_USER: 'public', PROVINCIAL_ADMIN: 'public', NATIONAL_ADMIN: 'public' } as const;
const ENTERPRISE_AND_BUREAUS = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' } as const;
const PROJECT_SIDE = { ...ENTERPRISE_AND_BUREAUS, SERVICE_PROVIDER: 'own' } as const;

export const navigationActions = {
  readPriority: action<ServiceFacts>({
    name: 'navigation.priority.read',
    description: '查看优先审查推荐请求：企业本身、所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: '无权查看该优先审查推荐请求',
    hideRefused: true,
  }),
  requestPriority: action<{ enterpriseId: string } | undefined>({
    name: 'navigation.priority.request',
    description: '请求省局推荐本企业关键技术领域的专利申请进行优先审查（R21：须为现有效的示范企业或优势企业），或在审核前撤回',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: '优先审查推荐由企业为本企业的专利申请提出',
  }),
  decidePriority: action<{ regionCode: string } | undefined>({
    name: 'navigation.priority.decide',
    description: '审核本辖区企业的优先审查推荐请求：在本局当年的推荐名额内推荐，或不予推荐并说明理由（R21）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '优先审查推荐由企业所在辖区的省局审核',
  }),
  recordPriorityOutcome: action<ServiceFacts | undefined>({
    name: 'navigation.priority.outcome',
    description: '登记已推荐申请的审查结果（同意或不同意优先审查、决定日、授权日）：企业本身、所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: '只能登记本企业或本辖区企业的审查结果',
  }),
  setPriorityQuota: action({
    name: 'navigation.priority.quota.write',
    description: '下达某省局某年的优先审查推荐名额（R21；未下达的按全国默认数）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '推荐名额由国家局下达',
  }),
  readPriorityQuota: action({
    name: 'navigation.priority.quota.read',
    description: '查看推荐名额及其使用：国家局全部，省局本局的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只有国家局和省局可以查看推荐名额',
  }),
  readProject: action<ServiceFacts>({
    name: 'navigation.project.read',
    description: '查看专利导航项目（决策领域、技术领域、里程碑、分析报告、所支撑的决策和成效、状态记录）：企业本身、承担分析的服务机构、所在辖区省局和国家局',
    scopes: PROJECT_SIDE,
    refusal: '无权查看该专利导航项目',
    hideRefused: true,
  }),
  writeProject: action<ServiceFacts | undefined>({
    name: 'navigation.project.write',
    description: '立项、修改、推进专利导航项目（里程碑、分析报告、决策、成效、撤销）：企业本身、承担分析的服务机构、所在辖区省局和国家局',
    scopes: PROJECT_SIDE,
    refusal: (v) => (jurisdictionOf(v) ? '只能办理本辖区企业的专利导航项目' : '只能办理本企业或本机构承担的专利导航项目'),
  }),
  publishReport: action<ServiceFacts | undefined>({
    name: 'navigation.report.publish',
    description: '公开（或撤回公开）专利导航分析报告，进入公开的报告目录（摘要公众可见）：企业本身，国家局',
    scopes: { NATIONAL_ADMIN: 'all', ENTERPRISE_USER: 'own' },
    refusal: '分析报告由企业本身决定是否公开',
  }),
  selectPilot: action<{ regionCode: string } | undefined>({
    name: 'navigation.pilot.select',
    description: '遴选某年的专利导航试点项目（或撤销入选）：省局本辖区企业的项目，国家局全部',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只能遴选本辖区企业的项目为试点',
  }),
  readOperation: action<ServiceFacts>({
    name: 'navigation.operation.read',
    description: '查看知识产权运营记录（转让、许可、质押融资、作价出资、证券化）：企业本身、所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: '无权查看该运营记录',
    hideRefused: true,
  }),
  writeOperation: action<ServiceFacts | undefined>({
    name: 'navigation.operation.write',
    description: '登记、修改、作废知识产权运营记录：企业本身、所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: (v) => (jurisdictionOf(v) ? '只能登记本辖区企业的运营记录' : '只能登记本企业的运营记录'),
  }),
  readCooperation: action<ServiceFacts>({
    name: 'navigation.cooperation.read',
    description: '查看企业的协同创新合作和标准记录（含必要专利）：企业本身、所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: '无权查看该记录',
    hideRefused: true,
  }),
  writeCooperation: action<ServiceFacts | undefined>({
    name: 'navigation.cooperation.write',
    description: '登记、修改企业的协同创新合作（合作方、技术领域、形成的专利申请）和标准记录（必要专利）：企业本身、所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: (v) => (jurisdictionOf(v) ? '只能登记本辖区企业的记录' : '只能登记本企业的记录'),
  }),
  manageAlliance: action<{ regionCode: string; enterpriseId: string } | undefined>({
    name: 'navigation.alliance.manage',
    description: '建立产业专利联盟、增减成员、登记联合防御基金的出资和支出、解散联盟：牵头企业本身、牵头企业所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: (v) => (jurisdictionOf(v) ? '只能办理牵头企业在本辖区的联盟' : '联盟由牵头企业办理'),
  }),
  readAllianceFund: action({
    name: 'navigation.alliance.fund.read',
    description: '查看联合防御基金的余额和收支：在册的成员企业、牵头企业所在辖区省局和国家局',
    scopes: ENTERPRISE_AND_BUREAUS,
    refusal: '无权查看该联盟的基金',
  }),
  writeIndustryReport: action<{ enterpriseId: string | null; organizationId: string | null } | undefined>({
    name: 'navigation.industry-report.write',
    description: '撰写、修改、发布、撤回行业专利分析报告（D 四(三)三）：企业为本企业，服务机构为本机构；国家局全部',
    scopes: { NATIONAL_ADMIN: 'all', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' },
    refusal: '行业分析报告由撰写它的企业或服务机构办理',
  }),
  readCatalogue: action({
    name: 'navigation.catalogue.read',
    description: '查看公开的专利导航试点名单和已公开的分析报告目录',
    scopes: PUBLIC,
    refusal: '无权查看',
  }),
};

export const priorityVisibility: Visibility = enterpriseSide(navigationActions.readPriority);

/**
 * Fund entries (alias of alliance_fund_entry): the national bureau all; the bureau of the lead
 * enterprise's jurisdiction; an enterprise while it is a member. Alliances and members are public.
 */
export const fundVisibility: Visibility = (viewer, _today, alias) => {
  const f = trusted(alias);
  switch (scopeOf(viewer, navigationActions.readAllianceFund)) {
    case 'all':
      return null;
    case 'jurisdiction':
      return sql`exists (select 1 from patent_alliance fa join enterprise fl on fl.id = fa.lead_enterprise_id where fa.id = ${f}.alliance_id and fl.region_code = ${jurisdictionOf(viewer)})`;
    case 'own': {
      const enterprise = enterpriseOf(viewer);
      return enterprise ? sql`exists (select 1 from patent_alliance_member fm where fm.alliance_id = ${f}.alliance_id and fm.enterprise_id = ${enterprise}::uuid and fm.left_on is null)` : FALSE;
    }
    default:
      return FALSE;
  }
};

/**
 * Industry reports (alias of industry_analysis_report): published ones for everyone; the others for
 * their publisher (enterprise or organisation), the bureau of the publishing enterprise's or
 * organisation's jurisdiction, and the national bureau.
 */
export const industryReportVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const r = trusted(alias);
  const own = enterpriseOf(viewer) ? sql`${r}.enterprise_id = ${enterpriseOf(viewer)}::uuid` : organizationOf(viewer) ? sql`${r}.organization_id = ${organizationOf(viewer)}::uuid` : null;
  const region = jurisdictionOf(viewer);
  const bureau = region
    ? sql`coalesce((select ire.region_code from enterprise ire where ire.id = ${r}.enterprise_id), (select iro.region_code from service_organization iro where iro.id = ${r}.organization_id)) = ${region}`
    : null;
  return or(sql`${r}.status = 'PUBLISHED'`, own, bureau);
};

export const cooperationVisibility: Visibility = enterpriseSide(navigationActions.readCooperation);

export const operationVisibility: Visibility = enterpriseSide(navigationActions.readOperation);

/** Projects (alias of navigation_project): the enterprise side and the analysing organisation. */
export const projectVisibility: Visibility = enterpriseSide(navigationActions.readProject);

/**
 * Analysis reports (alias of navigation_report): published ones for everyone; the others with their
 * project. Used by the catalogue and by the project's own list.
 */
export const reportVisibility: Visibility = (viewer, today, alias) => {
  const project = projectVisibility(viewer, today, 'vp');
  if (project === null) return null;
  const r = trusted(alias);
  const withProject = project === FALSE ? FALSE : sql`exists (select 1 from navigation_project vp where vp.id = ${r}.project_id and ${project})`;
  return or(sql`${r}.published_at is not null`, withProject);
};

// A report's attachments are read by whoever reads the report: those who see its project, and any
// signed-in user once it is published (the public catalogue shows the summary; files need a login).
shareAttachments((viewer, today, alias) => {
  const visible = reportVisibility(viewer, today, 'nrs');
  const attached = sql`nrs.attachment_ids @> jsonb_build_array(${trusted(alias)}.id::text)`;
  return sql`exists (select 1 from navigation_report nrs where ${visible ? and(attached, visible) : attached})`;
});

// A published industry report's files are read by any signed-in user; a draft's by those who see the draft.
shareAttachments((viewer, today, alias) => {
  const visible = industryReportVisibility(viewer, today, 'irs');
  const attached = sql`irs.attachment_ids @> jsonb_build_array(${trusted(alias)}.id::text)`;
  return sql`exists (select 1 from industry_analysis_report irs where ${visible ? and(attached, visible) : attached})`;
});

export const navigationPolicy: Policy = {
  actions: Object.values(navigationActions) as Action<never>[],
  visibility: {
    PriorityExaminationRequest: priorityVisibility,
    NavigationProject: projectVisibility,
    NavigationReport: reportVisibility,
    IpOperation: operationVisibility,
    PatentAlliance: () => null,
    CollaborationAgreement: cooperationVisibility,
    StandardParticipation: cooperationVisibility,
    IndustryAnalysisReport: industryReportVisibility,
    AllianceFundEntry: fundVisibility,
  },
};
