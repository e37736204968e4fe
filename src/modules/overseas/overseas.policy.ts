/**
 * Overseas protection [D 四(二), A 四(三)] (docs/overseas.md, docs/permissions.md): the workstations'
 * directory is public; the national bureau sets a workstation's profile, coverage and calendar, and
 * the workstation's own staff may keep its calendar and hours.
 */
import { action, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { and, FALSE, or, sql, trusted, type Sql } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf, organizationOf, personOf } from '../../common/viewer.policy.js';
import { shareAttachments } from '../file/file.policy.js';

const PUBLIC = { ANONYMOUS: 'public', EXPERT: 'public', SERVICE_PROVIDER: 'public', ENTERPRISE_USER: 'public', PROVINCIAL_ADMIN: 'public', NATIONAL_ADMIN: 'public' } as const;

export const overseasActions = {
  readWorkstations: action({
    name: 'overseas.workstation.read',
    description: '查看驻外知识产权工作站名录（依托机构、所在国家、覆盖国家、语言、时区和办公时间、节假日）并按国家查找受理的工作站',
    scopes: PUBLIC,
    refusal: '无权查看',
  }),
  setWorkstation: action({
    name: 'overseas.workstation.write',
    description: '设立或修改驻外工作站的资料：依托的代表处、所在国家和城市、覆盖的国家（一个国家只由一个工作站受理）、语言、时区和办公时间',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '驻外工作站的资料由国家局维护',
  }),
  keepCalendar: action<{ organizationId: string } | undefined>({
    name: 'overseas.workstation.calendar',
    description: '维护驻外工作站的节假日和调休上班日（或从 date-holidays 载入所在国的公共假日）：国家局，工作站本身',
    scopes: { NATIONAL_ADMIN: 'all', SERVICE_PROVIDER: 'own' },
    refusal: '工作站的日历由国家局或工作站本身维护',
  }),
  appointObserver: action({
    name: 'overseas.observer.appoint',
    description: '聘任（或结束聘任）志愿者观察员企业及其观察的国家：国家局（优先从示范企业中选择，选其他企业须说明理由）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '观察员企业由国家局聘任',
  }),
  fileObserverReport: action<{ enterpriseId: string } | undefined>({
    name: 'overseas.observer.report',
    description: '观察员企业报送观察报告（其观察的国家）',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: '观察报告由观察员企业本身报送',
  }),
  readObserverReports: action({
    name: 'overseas.observer.report.read',
    description: '查看观察报告：观察员企业本身、受理该国的驻外工作站、企业所在辖区省局和国家局',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' },
    refusal: '无权查看观察报告',
  }),
  writePublication: action<{ organizationId: string | null } | undefined>({
    name: 'overseas.publication.write',
    description: '撰写、修改、发布、撤回海外知识产权运营指南和国外知识产权环境报告（D 四(二)三）：国家局全部，服务机构（如驻外工作站）本机构的',
    scopes: { NATIONAL_ADMIN: 'all', SERVICE_PROVIDER: 'own' },
    refusal: '出版物由国家局或撰写它的服务机构办理',
  }),
  reportCase: action<{ enterpriseId: string; regionCode: string } | undefined>({
    name: 'overseas.case.report',
    description: '报告维权案件（R20：海外问题由覆盖该国的驻外工作站受理，国内由所在辖区的维权援助中心快速响应）：企业本身，企业所在辖区的省局代为报告，国家局',
    scopes: { ENTERPRISE_USER: 'own', PROVINCIAL_ADMIN: 'jurisdiction', NATIONAL_ADMIN: 'all' },
    refusal: '维权案件由企业本身或其主管局报告',
  }),
  readCases: action<{ enterpriseId: string; regionCode: string; organizationId: string } | undefined>({
    name: 'overseas.case.read',
    description: '查看维权案件、时间线、参与方和时限（保密）：企业本身、受理的工作站或援助中心、企业所在辖区省局、国家局；公众只看统计数',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' },
    refusal: '无权查看该案件',
    hideRefused: true,
  }),
  handleCase: action<{ organizationId: string } | undefined>({
    name: 'overseas.case.handle',
    description: '办理维权案件：确认受理、反馈信息、协调应对、结案，等待企业补充（暂停时限）和恢复，邀请专家、服务机构和联盟防御基金参与，记录快速维权措施：受理单位本身，国家局',
    scopes: { SERVICE_PROVIDER: 'own', NATIONAL_ADMIN: 'all' },
    refusal: '案件由受理它的工作站或援助中心办理',
  }),
  commentCase: action<{ enterpriseId: string; regionCode: string; organizationId: string } | undefined>({
    name: 'overseas.case.comment',
    description: '在案件时间线上补充说明和材料（企业的补充结束等待）：企业本身、受理单位、企业所在辖区省局、国家局',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' },
    refusal: '无权在该案件上补充',
  }),
  withdrawCase: action<{ enterpriseId: string; regionCode: string } | undefined>({
    name: 'overseas.case.withdraw',
    description: '撤回维权案件（以“企业撤回”结案）：企业本身，企业所在辖区的省局',
    scopes: { ENTERPRISE_USER: 'own', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '案件由企业本身或其主管局撤回',
  }),
  reassignCase: action({
    name: 'overseas.case.reassign',
    description: '改派维权案件的受理单位（已用时间保留，余下的按新单位的日历计），设定各类案件的时限目标：国家局',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '改派案件和设定时限目标由国家局办理',
  }),
  requestConsulting: action<{ enterpriseId: string } | undefined>({
    name: 'overseas.consulting.request',
    description: '提出海外知识产权专家咨询请求（海外布局、维权咨询、展会法律服务，D 四(二)四），取消未答复的请求：企业本身',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: '咨询请求由企业本身提出',
  }),
  matchConsulting: action<{ coveringOrganizationIds: readonly string[] } | undefined>({
    name: 'overseas.consulting.match',
    description: '为咨询请求对接人才库专家或服务机构：国家局，覆盖所涉国家的驻外工作站',
    scopes: { NATIONAL_ADMIN: 'all', SERVICE_PROVIDER: 'own' },
    allows: (viewer, target, scope) => scope === 'all' || (!!target && !!organizationOf(viewer) && target.coveringOrganizationIds.includes(organizationOf(viewer)!)),
    refusal: '咨询请求由国家局或覆盖所涉国家的驻外工作站对接',
  }),
  answerConsulting: action<{ personId: string | null; organizationId: string | null } | undefined>({
    name: 'overseas.consulting.answer',
    description: '答复对接给自己的咨询请求：对接的专家本人、对接的服务机构',
    scopes: { EXPERT: 'self', SERVICE_PROVIDER: 'own' },
    refusal: '咨询请求由对接的专家或服务机构答复',
  }),
  recordCredit: action<{ regionCode: string } | undefined>({
    name: 'overseas.credit.record',
    description: '记录企业知识产权信用（诚信公示、失信记录；属撤销称号情形的失信记录同时记为违规情形）并办理信用修复：国家局，企业所在辖区的省局',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '信用记录由国家局或企业所在辖区的省局办理',
  }),
  readCaseStatistics: action({
    name: 'overseas.case.statistics',
    description: '维权案件的统计数（按国家、类型、状态，响应时间，超期数）：公开',
    scopes: PUBLIC,
    refusal: '无权查看',
  }),
};

/**
 * Publications (alias of overseas_publication): published ones for everyone; drafts and withdrawn
 * ones for the writing organisation and the national bureau.
 */
export const publicationVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const p = trusted(alias);
  const org = organizationOf(viewer);
  return or(sql`${p}.status = 'PUBLISHED'`, org ? sql`${p}.organization_id = ${org}::uuid` : null);
};

// A publication's files are read by whoever reads it once signed in (GET /files/:id needs an account).
shareAttachments((viewer, today, alias) => {
  const visible = publicationVisibility(viewer, today, 'ops');
  const attached = sql`ops.attachment_ids @> jsonb_build_array(${trusted(alias)}.id::text)`;
  return sql`exists (select 1 from overseas_publication ops where ${visible ? and(attached, visible) : attached})`;
});

/**
 * Observer reports (alias of observer_report): the national bureau all; the bureau of the observer's
 * jurisdiction; the observer enterprise; the workstation covering the report's country.
 */
export const observerReportVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const r = trusted(alias);
  const observer = (condition: Sql) => sql`exists (select 1 from overseas_observer ro join enterprise re on re.id = ro.enterprise_id where ro.id = ${r}.observer_id and ${condition})`;
  const region = jurisdictionOf(viewer);
  if (region) return observer(sql`re.region_code = ${region}`);
  const enterprise = enterpriseOf(viewer);
  if (enterprise) return observer(sql`re.id = ${enterprise}::uuid`);
  const org = organizationOf(viewer);
  if (org) return sql`exists (select 1 from overseas_workstation rw where rw.organization_id = ${org}::uuid and rw.countries_covered @> jsonb_build_array(${r}.country_code))`;
  return FALSE;
};

/**
 * Protection cases (alias of protection_case), confidential (issue 17): the enterprise, the office
 * handling it, the bureau of the enterprise's jurisdiction and the national bureau only.
 */
export const caseVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const c = trusted(alias);
  const region = jurisdictionOf(viewer);
  if (region) return sql`exists (select 1 from enterprise ce where ce.id = ${c}.enterprise_id and ce.region_code = ${region})`;
  const enterprise = enterpriseOf(viewer);
  if (enterprise) return sql`${c}.enterprise_id = ${enterprise}::uuid`;
  const org = organizationOf(viewer);
  if (org) return sql`${c}.handler_id = ${org}::uuid`;
  return FALSE;
};

// A case's files (on its timeline) are read by whoever may read the case.
shareAttachments((viewer, today, alias) => {
  const visible = caseVisibility(viewer, today, 'pc');
  const attached = sql`exists (select 1 from protection_case_event pce where pce.protection_case_id = pc.id and pce.attachment_ids @> jsonb_build_array(${trusted(alias)}.id::text))`;
  return sql`exists (select 1 from protection_case pc where ${visible ? and(attached, visible) : attached})`;
});

/**
 * Credit records (alias of credit_record): publicity is public while it lasts (decided, within its
 * period, not repaired); every record for the enterprise itself, its bureau and the national bureau.
 */
export const creditVisibility: Visibility = (viewer, today, alias) => {
  if (isNational(viewer)) return null;
  const r = trusted(alias);
  const publicNow = sql`(${r}.repaired_on is null and ${r}.decided_on <= ${today}::date and (${r}.public_until is null or ${r}.public_until >= ${today}::date))`;
  const region = jurisdictionOf(viewer);
  if (region) return or(publicNow, sql`exists (select 1 from enterprise cre where cre.id = ${r}.enterprise_id and cre.region_code = ${region})`);
  const enterprise = enterpriseOf(viewer);
  if (enterprise) return or(publicNow, sql`${r}.enterprise_id = ${enterprise}::uuid`);
  return publicNow;
};

/**
 * Consulting requests (alias of overseas_consultation): the enterprise, its bureau, the national
 * bureau, the workstations covering one of its countries (who match it), the matched expert and
 * organisation.
 */
export const consultationVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const c = trusted(alias);
  const region = jurisdictionOf(viewer);
  if (region) return sql`exists (select 1 from enterprise oce where oce.id = ${c}.enterprise_id and oce.region_code = ${region})`;
  const enterprise = enterpriseOf(viewer);
  if (enterprise) return sql`${c}.enterprise_id = ${enterprise}::uuid`;
  const person = personOf(viewer);
  if (person) return sql`${c}.expert_id = ${person}::uuid`;
  const org = organizationOf(viewer);
  if (org) {
    return or(
      sql`${c}.organization_id = ${org}::uuid`,
      sql`exists (select 1 from overseas_workstation ocw where ocw.organization_id = ${org}::uuid and jsonb_exists_any(ocw.countries_covered, array(select jsonb_array_elements_text(${c}.country_codes))))`,
    );
  }
  return FALSE;
};

export const overseasPolicy: Policy = {
  actions: Object.values(overseasActions) as Action<never>[],
  visibility: {
    // The directory is public (D 四(二)一: the workstations are there for every enterprise going abroad).
    OverseasWorkstation: () => null,
    OverseasPublication: publicationVisibility,
    // The observers' list is public; their reports are not.
    OverseasObserver: () => null,
    ObserverReport: observerReportVisibility,
    ProtectionCase: caseVisibility,
    CreditRecord: creditVisibility,
    OverseasConsultation: consultationVisibility,
  },
};
