/**
 * Standard-implementation matching [A 四(二)]: the provincial bureau of the enterprise's
 * jurisdiction matches a 贯标 service team with an advantage enterprise, follows it and records the
 * certification (the national admin may do the same anywhere); the team's own users report the
 * progress; the enterprise sees its own. Nothing of it is public.
 */
import { action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';

/**
 * An implementation (alias): the national admin, the bureau of the enterprise's jurisdiction today
 * (it follows the enterprise when it moves), the enterprise, the team.
 */
export const implementationVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  if (region) return sql`(select ie.region_code from enterprise ie where ie.id = ${trusted(alias)}.enterprise_id) = ${region}`;
  const enterprise = enterpriseOf(viewer);
  if (enterprise) return sql`${trusted(alias)}.enterprise_id = ${enterprise}::uuid`;
  const organization = organizationOf(viewer);
  return organization ? sql`${trusted(alias)}.organization_id = ${organization}::uuid` : FALSE;
};

type Maybe<T> = T | void;
/** What the rules need to know of an implementation (or of the enterprise about to be matched). */
export type ImplementationFacts = Maybe<{ regionCode: string; enterpriseId?: string; organizationId?: string }>;
const BUREAU = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' } as const;

export const standardActions = {
  list: action<Maybe<{ regionCode: string | null }>>({
    name: 'standard.implementation.list',
    description: '列出贯标对接与实施（省局本辖区，国家局全部，服务团队本团队的，企业本企业的）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own', ENTERPRISE_USER: 'own' },
    refusal: '只能查看本辖区的贯标对接',
  }),
  /** Refused on another jurisdiction's enterprise or implementation: NOT_FOUND (the bureau does not see it). */
  match: action<ImplementationFacts>({
    name: 'standard.implementation.match',
    description: '为本辖区的优势企业匹配贯标服务团队（A 四(二)）',
    scopes: BUREAU,
    refusal: '贯标对接由企业所在辖区的省局办理',
  }),
  progress: action<ImplementationFacts>({
    name: 'standard.implementation.progress',
    description: '记录贯标实施的进展（开始实施、申请认证审核）：省局或对接的服务团队',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own' },
    refusal: '贯标进展由对接的服务团队或省局记录',
  }),
  certify: action<ImplementationFacts>({
    name: 'standard.implementation.certify',
    description: '登记贯标认证结果（同时填写企业资料中的认证日期）',
    scopes: BUREAU,
    refusal: '贯标认证结果由省局登记',
  }),
  end: action<ImplementationFacts>({
    name: 'standard.implementation.end',
    description: '终止贯标对接（附理由）',
    scopes: BUREAU,
    refusal: '贯标对接由省局终止',
  }),
};

export const standardPolicy: Policy = {
  actions: Object.values(standardActions),
  visibility: { StandardImplementation: implementationVisibility },
};
