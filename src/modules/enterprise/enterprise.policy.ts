/**
 * Enterprises (docs/permissions.md, "Enterprises and what hangs off them"): who sees which rows,
 * who sees the whole record (statistics, contacts) and the bureaus' notes, who creates and changes.
 */
import type { Viewer } from '../../context.js';
import { action, may, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, or, query, sql, trusted, type Sql } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf } from '../../common/viewer.policy.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { holdsTitleOn } from '../designation/designation.rules.js';

/** What the enterprise rules need to know of one: its id and its jurisdiction. */
export interface EnterpriseFacts {
  enterpriseId: string;
  regionCode: string;
}

/** The facts of a loaded enterprise. */
export const factsOf = (e: { id: string; region: { unwrap(): { code: string } } }): EnterpriseFacts => ({ enterpriseId: e.id, regionCode: e.region.unwrap().code });

/** The public directory: enterprises (alias) holding a designation valid today. */
export function publicDirectory(alias: string, today: string): Sql {
  return holdsTitleOn(`${alias}.id`, today);
}

/**
 * The enterprises (alias `e`) a viewer may see at all: everything for the national admin; its
 * jurisdiction and the public directory for a provincial admin; its own enterprise and the public
 * directory for an enterprise user; the public directory for everyone else.
 */
export const enterpriseVisibility: Visibility = (viewer, today, alias) => {
  if (isNational(viewer)) return null;
  const pub = publicDirectory(alias, today);
  const region = jurisdictionOf(viewer);
  if (region) return or(sql`${trusted(alias)}.region_code = ${region}`, pub);
  const own = enterpriseOf(viewer);
  if (own) return or(sql`${trusted(alias)}.id = ${own}::uuid`, pub);
  return pub;
};

export const enterpriseActions = {
  /** The directory and single lookups; which rows exactly is enterpriseVisibility. */
  read: action({
    name: 'enterprise.read',
    description: '查看企业名录和企业概况：公开名录（持有效认定的企业），国家局全部，省局另加本辖区，企业另加本企业',
    scopes: { ANONYMOUS: 'public', EXPERT: 'public', SERVICE_PROVIDER: 'public', ENTERPRISE_USER: 'own', PROVINCIAL_ADMIN: 'jurisdiction', NATIONAL_ADMIN: 'all' },
    refusal: '无权查看该企业',
  }),
  /** The whole record: statistics, contacts, training records, applications. */
  readRecord: action<EnterpriseFacts>({
    name: 'enterprise.record.read',
    description: '查看企业的完整记录（年度统计、联系人、申报、培训记录），公开名录之外的部分',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: '无权查看该企业的完整记录',
  }),
  readInternalNotes: action<EnterpriseFacts>({
    name: 'enterprise.internalNotes.read',
    description: '查看知识产权局对企业的内部备注',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '无权查看内部备注',
  }),
  create: action<{ regionCode: string }>({
    name: 'enterprise.create',
    description: '登记企业',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: (v) => (jurisdictionOf(v) ? '只能管理本辖区的企业' : '无权管理企业'),
  }),
  update: action<EnterpriseFacts>({
    name: 'enterprise.update',
    description: '修改企业的概况和联系人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: (v) => (jurisdictionOf(v) ? '只能修改本辖区的企业' : '只能修改本企业的信息'),
  }),
  /** Official facts kept by the bureaus: credit code, jurisdiction, industry-leader flag, internal notes. */
  updateOfficial: action<EnterpriseFacts>({
    name: 'enterprise.official.update',
    description: '修改由知识产权局维护的事项（信用代码、所在辖区、行业龙头标记、内部备注）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '该项由知识产权局维护，企业用户不能修改',
  }),
  /** Moving an enterprise to another jurisdiction. */
  move: action({
    name: 'enterprise.move',
    description: '把企业迁往另一辖区',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '不能把企业移出本辖区；迁出须由国家局办理',
  }),
  writeStatistics: action<EnterpriseFacts>({
    name: 'enterprise.statistics.write',
    description: '登记或修改企业的年度知识产权统计',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: (v) => (jurisdictionOf(v) ? '只能修改本辖区的企业' : '只能修改本企业的信息'),
  }),
};

/** Whether the viewer sees the whole record of an enterprise (not only its public profile). */
export function hasFullEnterpriseAccess(viewer: Viewer, enterprise: EnterpriseFacts): boolean {
  return may(viewer, enterpriseActions.readRecord, enterprise);
}

/** Whether the viewer may see this enterprise at all: the lists' rule, evaluated in SQL (inside the caller's transaction). */
export async function isEnterpriseVisible(em: EntityManager, viewer: Viewer, today: string, enterpriseId: string): Promise<boolean> {
  const visible = enterpriseVisibility(viewer, today, 'e');
  const rows = await query(em, sql`select 1 from enterprise e where e.id = ${enterpriseId}${visible ? sql` and ${visible}` : sql``}`);
  return rows.length > 0;
}

/**
 * Rows that belong to an enterprise's whole record (alias with an `enterprise_id`: statistics,
 * applications, incidents, bans…): visible where the record is (enterprise.record.read).
 */
export const enterpriseRecordVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  if (region) return sql`(select re.region_code from enterprise re where re.id = ${trusted(alias)}.enterprise_id) = ${region}`;
  const own = enterpriseOf(viewer);
  return own ? sql`${trusted(alias)}.enterprise_id = ${own}::uuid` : FALSE;
};

export const enterprisePolicy: Policy = {
  actions: Object.values(enterpriseActions),
  visibility: { Enterprise: enterpriseVisibility, EnterpriseStatistics: enterpriseRecordVisibility },
};
