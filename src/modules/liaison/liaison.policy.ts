/**
 * The enterprise side of the daily contact between bureaus and enterprises [D 五(一)]
 * (docs/liaison.md): the liaison and the reminders, work information reports, needs, and the
 * bureaus' contact records. Everything here belongs to an enterprise's whole record (the enterprise
 * itself, the bureau of its jurisdiction, the national bureau), never public; besides:
 * - a draft work report is the enterprise's alone until submitted;
 * - a need is also seen by the users of the service organisation it is assigned to;
 * - a contact record's internal note is the bureaus' alone.
 */
import type { Viewer } from '../../context.js';
import { action, may, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { and, FALSE, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';

/** The national bureau's code (bureau.code); a provincial bureau's is its jurisdiction's region code. */
export const NATIONAL_BUREAU = '100000';

/** The bureau a viewer acts for: the national bureau, its jurisdiction's, or null. */
export function bureauOf(viewer: Viewer): string | null {
  return isNational(viewer) ? NATIONAL_BUREAU : jurisdictionOf(viewer);
}

/** The audit log's jurisdiction of what a bureau owns: none for the national bureau, else its own. */
export const bureauJurisdiction = (bureauCode: string): string | null => (bureauCode === NATIONAL_BUREAU ? null : bureauCode);

/** Rows of an enterprise's record (alias with enterprise_id): liaisons, reminders, contact records. */
export const liaisonRecordVisibility: Visibility = enterpriseRecordVisibility;

/** Work reports (alias): the enterprise all of its own; the bureaus submitted ones (national all, provincial its jurisdiction). */
export const workReportVisibility: Visibility = (viewer, today, alias) => {
  const own = enterpriseOf(viewer);
  if (own) return sql`${trusted(alias)}.enterprise_id = ${own}::uuid`;
  const record = enterpriseRecordVisibility(viewer, today, alias);
  if (record === FALSE) return FALSE;
  return and(sql`${trusted(alias)}.status = 'SUBMITTED'`, record);
};

/** Needs (alias): the enterprise's record, and the service organisation it is assigned to. */
export const needVisibility: Visibility = (viewer, today, alias) => {
  const organization = organizationOf(viewer);
  if (organization) return sql`${trusted(alias)}.organization_id = ${organization}::uuid`;
  return enterpriseRecordVisibility(viewer, today, alias);
};

/** What the rules need to know of an enterprise's record: its enterprise and jurisdiction. */
export interface RecordFacts extends ScopeFacts {
  enterpriseId: string;
  regionCode: string;
}

const RECORD = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' } as const;
const BUREAUS = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' } as const;
const OWN_ENTERPRISE = { ENTERPRISE_USER: 'own' } as const;
type Maybe<T> = T | void;

export const liaisonActions = {
  read: action<Maybe<RecordFacts>>({
    name: 'liaison.read',
    description: '查看示范企业的联络员及其联系方式、更换历史和收到的提醒（五(一)，R16）：不公开',
    scopes: RECORD,
    refusal: '无权查看该企业的联络员',
  }),
  name: action<{ enterpriseId: string }>({
    name: 'liaison.name',
    description: '指定或更换本企业的联络员（本企业人员），或在无继任者时卸任（五(一)，R16）',
    scopes: OWN_ENTERPRISE,
    refusal: '联络员由示范企业自行指定',
  }),
  listMissing: action<Maybe<{ regionCode: string | null }>>({
    name: 'liaison.missing.list',
    description: '列出尚未指定联络员的现有示范企业及提醒情况（省局本辖区，国家局全部）',
    scopes: BUREAUS,
    refusal: '只有知识产权局可以查看未指定联络员的企业',
  }),
  remind: action<Maybe<RecordFacts>>({
    name: 'liaison.remind',
    description: '提醒未指定联络员的示范企业指定联络员（记录提醒人、时间和内容，不发送邮件）',
    scopes: BUREAUS,
    refusal: '只能提醒本辖区的企业',
  }),
  readReports: action<Maybe<RecordFacts>>({
    name: 'liaison.report.read',
    description: '查看工作信息报送：企业本企业的（含草稿），省局本辖区已报送的，国家局全部已报送的',
    scopes: RECORD,
    refusal: '无权查看该企业的工作信息',
  }),
  writeReport: action<{ enterpriseId: string }>({
    name: 'liaison.report.write',
    description: '填写、保存和报送本企业的季度工作信息（五(一)，R16）',
    scopes: OWN_ENTERPRISE,
    refusal: '工作信息由示范企业为本企业报送',
  }),
  listMissingReports: action<Maybe<{ regionCode: string | null }>>({
    name: 'liaison.report.missing',
    description: '列出某季度尚未报送工作信息的示范企业（省局本辖区，国家局全部）',
    scopes: BUREAUS,
    refusal: '只有知识产权局可以查看未报送的企业',
  }),
  readNeeds: action<Maybe<RecordFacts & { organizationId?: string | null }>>({
    name: 'liaison.need.read',
    description: '查看企业需求及其办理记录：企业本企业的，服务机构交办给本机构的，省局本辖区的，国家局全部',
    scopes: { ...RECORD, SERVICE_PROVIDER: 'own' },
    refusal: '无权查看该需求',
  }),
  submitNeed: action<{ enterpriseId: string }>({
    name: 'liaison.need.submit',
    description: '示范企业提出需求（类别、描述、紧急程度），确认办结或重新打开（五(一)，R16）',
    scopes: OWN_ENTERPRISE,
    refusal: '需求由示范企业为本企业提出和确认',
  }),
  routeNeed: action<Maybe<RecordFacts>>({
    name: 'liaison.need.route',
    description: '受理或不予受理需求，交办服务机构或转国家局（省局本辖区；国家局办理省局转来的）',
    scopes: BUREAUS,
    refusal: '需求由企业所在辖区的省局受理和交办（国家局办理省局转来的）',
  }),
  resolveNeed: action<{ organizationId: string | null }>({
    name: 'liaison.need.resolve',
    description: '服务机构办结交办给本机构的需求，填写办理情况',
    scopes: { SERVICE_PROVIDER: 'own' },
    refusal: '需求由交办的服务机构办结',
  }),
  readContacts: action<Maybe<RecordFacts>>({
    name: 'liaison.contact.read',
    description: '查看知识产权局与企业的联系记录：企业本企业的（内部备注除外），省局本辖区的，国家局全部',
    scopes: RECORD,
    refusal: '无权查看该联系记录',
  }),
  recordContact: action<Maybe<RecordFacts>>({
    name: 'liaison.contact.record',
    description: '记录与企业的日常联系（走访、电话、会议、线上、函件）及跟进事项；修改本局的记录',
    scopes: BUREAUS,
    refusal: '只能记录与本辖区企业的联系',
  }),
  updateContact: action<{ bureauCode: string }>({
    name: 'liaison.contact.update',
    description: '修改本局记录的联系（摘要、跟进事项完成情况、议定事项、内部备注）',
    scopes: { NATIONAL_ADMIN: 'own', PROVINCIAL_ADMIN: 'own' },
    allows: (viewer, target) => bureauOf(viewer) === target.bureauCode,
    refusal: '只能修改本局记录的联系',
  }),
  recordMajor: action({
    name: 'liaison.contact.major',
    description: '记录重大事项联系及议定事项（国家局重大事项联系及议事机制，五(一)）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '重大事项联系由国家局记录',
  }),
  readInternalNote: action<Maybe<RecordFacts>>({
    name: 'liaison.contact.internalNote.read',
    description: '查看联系记录的内部备注（企业不可见）',
    scopes: BUREAUS,
    refusal: '无权查看内部备注',
  }),
};

/**
 * Whether the viewer reads a contact record's internal note: the bureaus (a record a provincial
 * bureau sees at all is one of its jurisdiction: liaisonRecordVisibility), never the enterprise.
 */
export function canReadInternalNote(viewer: Viewer): boolean {
  return may(viewer, liaisonActions.readInternalNote);
}

export const liaisonPolicy: Policy = {
  actions: Object.values(liaisonActions),
  visibility: {
    Liaison: liaisonRecordVisibility,
    LiaisonReminder: liaisonRecordVisibility,
    WorkReport: workReportVisibility,
    EnterpriseNeed: needVisibility,
    ContactRecord: liaisonRecordVisibility,
  },
};
