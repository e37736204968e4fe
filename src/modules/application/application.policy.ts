/**
 * The application lifecycle [D 三(二)–(三)]: who drafts and submits (the enterprise, its own), who
 * reviews, recommends and ranks (the provincial bureau of the jurisdiction), who reviews nationally,
 * opens notices, decides objections and publishes the list (the national bureau), who may object
 * (anyone, the public with contact details), and who sees applications, packages and objections.
 */
import type { Context, Viewer } from '../../context.js';
import { action, assertMay, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf } from '../../common/viewer.policy.js';
import type { EnterpriseFacts } from '../enterprise/enterprise.policy.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';

/** An action checked twice: first whether the viewer's audience may do it at all, then on its object. */
type Maybe<T> = T | void;

/** Public notices are public. */
export const noticeVisibility: Visibility = () => null;

/**
 * Objections, with their objectors' contact details, are for the bureau that decides them: the
 * national bureau, and a provincial bureau for the notices it runs (a province designating its
 * advantage list).
 */
export const objectionVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`exists (select 1 from public_notice n where n.id = ${trusted(alias)}.notice_id and n.region_code = ${region})` : FALSE;
};

/** A bureau's recommendation package (alias): the national admin and that bureau. */
export const packageVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`${trusted(alias)}.region_code = ${region}` : FALSE;
};

/** An application (alias) goes with the whole record of its enterprise (enterprise.record.read). */
export const applicationVisibility: Visibility = enterpriseRecordVisibility;

const WHOLE_RECORD = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' } as const;
const NATIONAL = { NATIONAL_ADMIN: 'all' } as const;
/** The bureau that runs a notice: the national bureau, or the province (regionCode) designating its advantage list. */
const NOTICE_RUNNER = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' } as const;
/** A notice's facts: the jurisdiction whose bureau runs it, null for the national bureau (checked again on the notice). */
type NoticeFacts = Maybe<{ regionCode: string | null }>;
/**
 * Deciding a notice's objections and publishing its list belong to the bureau that runs it: the
 * national bureau for its own notices, the province for the advantage list it designates (the
 * national bureau reads those objections, it does not decide them).
 */
const runsNotice = (viewer: Viewer, notice: NoticeFacts): boolean =>
  !notice ? true : notice.regionCode === null ? isNational(viewer) : jurisdictionOf(viewer) === notice.regionCode;

export const applicationActions = {
  /** Reading an enterprise's applications (its whole record); which rows exactly is applicationVisibility. */
  read: action<EnterpriseFacts>({
    name: 'application.read',
    description: '查看企业的示范企业申报（随企业的完整记录）',
    scopes: WHOLE_RECORD,
    refusal: '无权查看该企业的申报信息',
  }),
  checkEligibility: action<EnterpriseFacts>({
    name: 'application.eligibility.check',
    description: '检查企业是否满足示范企业申报条件（列出每一项未满足的条件）',
    scopes: WHOLE_RECORD,
    refusal: '无权查看该企业的申报信息',
  }),
  setWindow: action({
    name: 'application.window.set',
    description: '设置某年度的申报受理期（R4）',
    scopes: NATIONAL,
    refusal: '只有国家局可以设置申报受理期',
  }),
  save: action<{ enterpriseId: string }>({
    name: 'application.save',
    description: '填写和保存本企业的示范企业申报草稿（含附件）',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: (v) => (enterpriseOf(v) ? '只能为本企业申报' : '示范企业申报由企业用户填写和提交'),
  }),
  submit: action<{ enterpriseId: string }>({
    name: 'application.submit',
    description: '在受理期内提交本企业的示范企业申报',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: (v) => (enterpriseOf(v) ? '只能为本企业申报' : '示范企业申报由企业用户填写和提交'),
  }),
  readQuota: action<{ regionCode: string }>({
    name: 'application.quota.read',
    description: '查看某辖区某年度的推荐名额、已用和剩余（R5）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只能查看本辖区的推荐名额',
  }),
  savePackage: action<{ regionCode: string | null }>({
    name: 'application.package.save',
    description: '提交本辖区某年度的推荐函和培育工作总体方案（三(三)1）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '推荐材料由省局提交',
  }),
  rank: action<{ regionCode: string | null }>({
    name: 'application.recommendations.rank',
    description: '排定本辖区某年度推荐名单的名次',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '推荐名次由省局排定',
  }),
  /** Refused on an application of another jurisdiction: the service answers NOT_FOUND (R14: the bureau does not see it). */
  reviewByProvince: action<Maybe<{ regionCode: string }>>({
    name: 'application.province.review',
    description: '省局审核本辖区的申报：推荐（受理期内、名额内，R4/R5）或不予推荐',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '申报由企业所在辖区的省局审核',
  }),
  reviewNationally: action({
    name: 'application.national.review',
    description: '国家局评审省局推荐的申报和直接申报（合格 / 不合格）',
    scopes: NATIONAL,
    refusal: '只有国家局可以办理',
  }),
  openNotice: action({
    name: 'application.notice.open',
    description: '对评审合格的申报开始公示（R6）',
    scopes: NATIONAL,
    refusal: '只有国家局可以办理',
  }),
  lodgeObjection: action({
    name: 'application.objection.lodge',
    description: '公示期间对公示中的申报提出异议（未登录的公众须留联系方式）',
    scopes: { ANONYMOUS: 'all', EXPERT: 'all', SERVICE_PROVIDER: 'all', ENTERPRISE_USER: 'all', PROVINCIAL_ADMIN: 'all', NATIONAL_ADMIN: 'all' },
    refusal: '不能提出异议',
  }),
  /** Objections and the objectors' contact details (personal data); which rows exactly is objectionVisibility. */
  readObjections: action<NoticeFacts>({
    name: 'application.objection.read',
    description: '查看公示收到的异议及异议人的联系方式（组织公示的国家局，或认定本辖区优势企业的省局）',
    scopes: NOTICE_RUNNER,
    refusal: '只有组织公示的国家局或省局可以查看异议',
  }),
  decideObjection: action<NoticeFacts>({
    name: 'application.objection.decide',
    description: '处理异议（成立则该申报不予认定）：组织公示的国家局或省局',
    scopes: NOTICE_RUNNER,
    allows: runsNotice,
    refusal: '只有组织公示的国家局或省局可以办理',
  }),
  publish: action<NoticeFacts>({
    name: 'application.designationList.publish',
    description: '公示期满、异议处理完毕后发布认定名单（R7–R9）：组织公示的国家局或省局',
    scopes: NOTICE_RUNNER,
    allows: runsNotice,
    refusal: '只有组织公示的国家局或省局可以办理',
  }),
};

/** The provincial bureau's own jurisdiction, for an action it takes on its own list (package, ranking); else the action's refusal. */
export function ownJurisdictionFor(ctx: Pick<Context, 'viewer'>, act: Action<{ regionCode: string | null }>): string {
  const regionCode = jurisdictionOf(ctx.viewer);
  assertMay(ctx, act, { regionCode });
  return regionCode!;
}

export const applicationPolicy: Policy = {
  actions: Object.values(applicationActions),
  visibility: {
    DemonstrationApplication: applicationVisibility,
    PublicNotice: noticeVisibility,
    Objection: objectionVisibility,
    RecommendationPackage: packageVisibility,
  },
};
