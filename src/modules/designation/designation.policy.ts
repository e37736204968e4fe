/**
 * Designations, revocation incidents and application bans: who sees them, who records incidents,
 * revokes titles, records re-examinations and runs the scheduled transitions.
 *
 * - A designation is public with its enterprise: visible wherever the enterprise is.
 * - Incidents and bans belong to the enterprise's whole record (enterprise.record.read): the
 *   national bureau, the provincial bureau of the jurisdiction, the enterprise itself.
 */
import type { Context } from '../../context.js';
import { action, assertMay, inScope, scopeOf, type Policy, type Visibility } from '../../common/policy.js';
import { sql, trusted } from '../../common/sql.js';
import { DesignationLevel } from './designation.entity.js';
import { jurisdictionOf } from '../../common/viewer.policy.js';
import { enterpriseRecordVisibility, enterpriseVisibility, type EnterpriseFacts } from '../enterprise/enterprise.policy.js';

/** An action checked twice: first whether the viewer's audience may do it at all, then on its object. */
type Maybe<T> = T | void;

/** A designation (alias) is visible with its enterprise. */
export const designationVisibility: Visibility = (viewer, today, alias) => {
  const visible = enterpriseVisibility(viewer, today, 'dve');
  return visible && sql`exists (select 1 from enterprise dve where dve.id = ${trusted(alias)}.enterprise_id and ${visible})`;
};

export const designationActions = {
  recordIncident: action<Maybe<EnterpriseFacts>>({
    name: 'designation.incident.record',
    description: '记录可导致撤销示范企业称号的违规情形（三(四)1–5），附日期和证据',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: (_v, target) => (target ? '只能记录本辖区企业的违规情形' : '只有国家局和省局可以记录违规情形'),
  }),
  /**
   * A demonstration title: the national bureau only. An advantage title (the provinces lead that
   * programme, A 一): the national bureau, or the bureau of the enterprise's jurisdiction; another
   * bureau is answered NOT_FOUND by the service.
   */
  revoke: action<Maybe<{ regionCode: string; level: DesignationLevel }>>({
    name: 'designation.revoke',
    description: '撤销称号（三(四)，R12），随之开始禁止申报期：示范企业称号由国家局撤销，优势企业称号由国家局或所在辖区省局撤销',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    allows: (viewer, target, scope) => !target || scope === 'all' || (target.level === DesignationLevel.ADVANTAGE && inScope(viewer, scope, target)),
    refusal: (_v, target) => (target?.level === DesignationLevel.ADVANTAGE ? '只能撤销本辖区企业的优势企业称号' : '只有国家局可以撤销示范企业称号'),
  }),
  /** Refused on an object outside the jurisdiction: the service answers NOT_FOUND (the bureau does not see it). */
  recordReexamination: action<Maybe<{ regionCode: string }>>({
    name: 'designation.reexamination.record',
    description: '记录并报备本辖区示范企业的复核结果（三(二)4，R10/R11）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '复核由企业所在辖区的省局组织并报备',
  }),
  listReexaminationsDue: action<Maybe<{ regionCode: string | null }>>({
    name: 'designation.reexamination.listDue',
    description: '查看待复核的示范企业认定（届满前 90 天起至备案期限止）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: (_v, target) => (target ? '只能查看本辖区' : '无权查看'),
  }),
  runScheduledTransitions: action({
    name: 'designation.scheduledTransitions.run',
    description: '立即运行定时状态转换（公示期满发布认定、逾期未备案视为退出、培训名额分配）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以手动运行',
  }),
};

/**
 * The jurisdiction whose due re-examinations the viewer lists: the one asked for, or a provincial
 * bureau's own when none is; null for every jurisdiction (the national bureau only). Refuses
 * another jurisdiction, and anyone without the action.
 */
export function reexaminationRegionFor(ctx: Pick<Context, 'viewer'>, requested: string | null | undefined): string | null {
  assertMay(ctx, designationActions.listReexaminationsDue);
  const regionCode = requested ?? jurisdictionOf(ctx.viewer);
  if (regionCode || scopeOf(ctx.viewer, designationActions.listReexaminationsDue) !== 'all') assertMay(ctx, designationActions.listReexaminationsDue, { regionCode });
  return regionCode;
}

export const designationPolicy: Policy = {
  actions: Object.values(designationActions),
  visibility: {
    Designation: designationVisibility,
    RevocationIncident: enterpriseRecordVisibility,
    ApplicationBan: enterpriseRecordVisibility,
  },
};
