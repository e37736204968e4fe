/**
 * The rules the service measure's steps share [D 四(三), A 四(二)], with their codes:
 *
 * - SV1: only a current demonstration enterprise (a DEMONSTRATION designation valid on the day) may
 *   request or have a service station [D 四(三)];
 * - SV2: a station's team, a commissioner's organisation and a selected team are ACTIVE service
 *   organisations [D 四(三)];
 * - SV3: a commissioner is a member of that organisation for the whole term [D 四(三)];
 * - SV4: one person serves at most `commissionerMaxEnterprises` enterprises at once (a programme
 *   setting; the plan gives no number) [D 四(三)].
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { tryGlobalId } from '../../common/node.js';
import { and, anyOf, query, sql, trusted } from '../../common/sql.js';
import { titleOn } from '../designation/designation.rules.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { attachableFiles } from '../file/file.policy.js';
import { OrganizationStatus, SERVICE_KINDS, ServiceOrganization } from '../organization/organization.entity.js';
import type { ServiceFacts } from './service.policy.js';

export const PARAGRAPH = '四(三)';

/** A required text, trimmed: 1–`max` characters. */
export function requiredText(problems: InputProblems, field: string, raw: string | null | undefined, max: number): string {
  const value = raw?.trim() ?? '';
  if (value.length < 1 || [...value].length > max) problems.add(field, `应为 1–${max} 字`);
  return value;
}

/** An optional text, trimmed (blank: null). */
export function optionalText(problems: InputProblems, field: string, raw: string | null | undefined, max: number): string | null {
  const value = raw?.trim() ?? '';
  if ([...value].length > max) problems.add(field, `最长 ${max} 字`);
  return value || null;
}

/** The enterprise, if the viewer may see it (NOT_FOUND otherwise, revealing nothing). */
export async function visibleEnterprise(em: EntityManager, ctx: Context, id: string, globalId: string): Promise<Enterprise> {
  const enterprise = await em.findOne(Enterprise, id);
  if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), id))) throw notFound('企业', globalId);
  return enterprise;
}

/** What the rules need to know of a row of an enterprise: the enterprise, its jurisdiction today, the provider, the person. */
export async function factsOfRow(em: EntityManager, row: { enterprise: { id: string }; organization?: { id: string } | null; person?: { id: string } | null }): Promise<ServiceFacts> {
  const [e] = await query<{ region_code: string }>(em, sql`select region_code from enterprise where id = ${row.enterprise.id}::uuid`);
  return { enterpriseId: row.enterprise.id, regionCode: e!.region_code, organizationId: row.organization?.id ?? null, personId: row.person?.id ?? null };
}

/** SV1 [D 四(三)]: the enterprise holds a demonstration title valid on `date`. */
export async function assertDemonstration(em: EntityManager, enterpriseId: string, date: string, step: string): Promise<void> {
  if ((await titleOn(em, enterpriseId, date)) !== DesignationLevel.DEMONSTRATION) {
    throw ruleViolation('SV1', `只有现为国家知识产权示范企业的企业才能${step}（${date} 无有效的示范企业称号）`, { paragraph: PARAGRAPH, date });
  }
}

/**
 * The service organisation of `id` (NOT_FOUND when there is none), of a kind that serves enterprises
 * (BAD_USER_INPUT on `field` otherwise) and ACTIVE (SV2).
 */
export async function activeServiceOrganization(em: EntityManager, id: string | null, globalId: string, field: string): Promise<ServiceOrganization> {
  const o = id ? await em.findOne(ServiceOrganization, id) : null;
  if (!o) throw notFound('服务机构', globalId);
  if (!SERVICE_KINDS.includes(o.kind)) throw badInput(field, '须为服务团队、服务机构或维权援助中心');
  if (o.status !== OrganizationStatus.ACTIVE) throw ruleViolation('SV2', `服务机构“${o.name}”当前状态为${o.status === OrganizationStatus.SUSPENDED ? '暂停' : '已撤销'}，不能承担新的服务`, { paragraph: PARAGRAPH, status: o.status });
  return o;
}

/** The membership (id) of `personId` in `organizationId` that covers every day from `from` to `to`, or null. */
export async function membershipCovering(em: EntityManager, organizationId: string, personId: string, from: string, to: string): Promise<string | null> {
  const [row] = await query<{ id: string }>(
    em,
    sql`select m.id from organization_member m
         where m.organization_id = ${organizationId}::uuid and m.person_id = ${personId}::uuid
           and m.starts_on <= ${from}::date and coalesce(m.ended_on, m.ends_on, ${to}::date) >= ${to}::date
         limit 1`,
  );
  return row?.id ?? null;
}

/**
 * Attachment ids of a record of `owner` (global StoredFile ids, deduplicated, at most `max`): each
 * must be a file the viewer may attach there (file.policy.ts, attachableFiles: read by the file
 * rules, and its own, the enterprise's, the organisation's or its bureau's); else BAD_USER_INPUT.
 */
export async function attachments(em: EntityManager, ctx: Context, globalIds: readonly string[], owner: { enterpriseId: string; organizationId: string }, field = 'attachmentIds', max = 30): Promise<string[]> {
  const problems = new InputProblems();
  if (globalIds.length > max) problems.add(field, `最多 ${max} 个附件`);
  const keys = globalIds.map((id, i) => {
    const key = tryGlobalId(id, 'StoredFile');
    if (!key) problems.add(`${field}.${i}`, '不是有效的文件 ID');
    return key ?? '';
  });
  problems.throwIfAny();
  if (!keys.length) return [];
  const found = await query<{ id: string }>(em, sql`select f.id from stored_file f where ${and(anyOf(trusted('f.id'), keys), attachableFiles(ctx.viewer, ctx.clock.today(), 'f', owner))}`);
  keys.forEach((key, i) => {
    if (!found.some((f) => f.id === key)) problems.add(`${field}.${i}`, '未找到您可以在此引用的该文件（本人上传的，或该企业、该服务机构、本局的文件）');
  });
  problems.throwIfAny();
  return [...new Set(keys)];
}

/** A term's dates: from ≤ to (BAD_USER_INPUT on `toField` otherwise). */
export function checkTerm(problems: InputProblems, from: string, to: string | null | undefined, toField: string): void {
  if (to != null && to < from) problems.add(toField, '不能早于开始日期');
}
