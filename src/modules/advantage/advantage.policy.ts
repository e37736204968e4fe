/**
 * The advantage-enterprise programme [A 一, 三, 四]: the provincial bureau leads (its batch, its
 * review, the mid-term check), the national bureau confirms the provinces' lists (when the
 * programme setting says so), the enterprise applies, reports its progress and may withdraw.
 * Applications, reports and checks go with the enterprise's whole record; a batch is its bureau's
 * and the national bureau's.
 */
import { action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { isNational, jurisdictionOf } from '../../common/viewer.policy.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';

/** Applications and reports (alias, with an enterprise_id column) go with the enterprise's whole record. */
export const advantageRecordVisibility: Visibility = enterpriseRecordVisibility;

/** A province's batch (alias): the national admin and that bureau. */
export const batchVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`${trusted(alias)}.region_code = ${region}` : FALSE;
};

type Maybe<T> = T | void;
const WHOLE_RECORD = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' } as const;
const OWN_ENTERPRISE = { ENTERPRISE_USER: 'own' } as const;

export const advantageActions = {
  read: action<{ enterpriseId: string; regionCode: string }>({
    name: 'advantage.read',
    description: '查看企业的优势企业申报、年度进展报告和中期检查（随企业的完整记录）',
    scopes: WHOLE_RECORD,
    refusal: '无权查看该企业的优势企业培育信息',
  }),
  list: action<Maybe<{ regionCode: string | null }>>({
    name: 'advantage.list',
    description: '按辖区、年度、状态列出优势企业申报（省局本辖区，国家局全部）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只能查看本辖区的优势企业申报',
  }),
  setBatch: action<{ regionCode: string | null }>({
    name: 'advantage.batch.set',
    description: '设置本辖区某年度优势企业培育批次的受理期',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '优势企业培育批次由省局设置',
  }),
  save: action<{ enterpriseId: string }>({
    name: 'advantage.application.save',
    description: '填写和保存本企业的优势企业申报草稿',
    scopes: OWN_ENTERPRISE,
    refusal: '优势企业申报由企业用户为本企业填写和提交',
  }),
  submit: action<{ enterpriseId: string }>({
    name: 'advantage.application.submit',
    description: '在本辖区批次的受理期内提交优势企业申报',
    scopes: OWN_ENTERPRISE,
    refusal: '优势企业申报由企业用户为本企业填写和提交',
  }),
  /** Refused on another jurisdiction's object: the service answers NOT_FOUND (the bureau does not see it). */
  review: action<Maybe<{ regionCode: string }>>({
    name: 'advantage.application.review',
    description: '省局审核本辖区的优势企业申报（通过：推荐或直接认定，按规则设置；不通过须说明理由）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '优势企业申报由企业所在辖区的省局审核',
  }),
  submitBatch: action<{ regionCode: string | null }>({
    name: 'advantage.batch.submit',
    description: '将本辖区本年度审核通过的优势企业名单报国家局确认',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '批次名单由省局报送',
  }),
  confirmBatch: action({
    name: 'advantage.batch.confirm',
    description: '国家局确认省局报送的优势企业名单（可对个别申报不予确认并说明理由）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以确认优势企业名单',
  }),
  report: action<{ enterpriseId: string }>({
    name: 'advantage.report.submit',
    description: '提交本企业培育期的年度进展报告',
    scopes: OWN_ENTERPRISE,
    refusal: '年度进展报告由企业为本企业提交',
  }),
  midTermCheck: action<Maybe<{ regionCode: string }>>({
    name: 'advantage.midTermCheck.record',
    description: '记录本辖区优势企业的中期检查结果（不通过即退出培育）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '中期检查由企业所在辖区的省局办理',
  }),
  withdraw: action<{ enterpriseId: string; regionCode: string }>({
    name: 'advantage.withdraw',
    description: '退出优势企业培育（企业主动退出，或由本辖区省局代为办理）',
    scopes: { ENTERPRISE_USER: 'own', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只能由本企业或所在辖区的省局办理退出',
  }),
};

export const advantagePolicy: Policy = {
  actions: Object.values(advantageActions),
  visibility: {
    AdvantageApplication: advantageRecordVisibility,
    AdvantageBatch: batchVisibility,
    CultivationReport: advantageRecordVisibility,
  },
};
