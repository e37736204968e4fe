/**
 * Industry patent analysis reports [D 四(三)三] (docs/navigation.md): an enterprise or a service
 * organisation drafts one for an industry, publishes it to the public catalogue, and may withdraw
 * it with a reason. The national bureau may act for any publisher.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { enterpriseOf, organizationOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId, toGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { applyPublishing, publishingReason } from '../../common/publishing.js';
import { anyOf, query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { attachments } from '../service/service.rules.js';
import { newestFirst, requiredText } from '../liaison/liaison.common.js';
import { IndustryAnalysisReport, IndustryReportStatus } from './industry-report.entity.js';
import type { DraftIndustryReportInput, IndustryReportFields, IndustryReportFilter, PublishIndustryReportInput, UpdateIndustryReportInput } from './industry-report.inputs.js';
import { industryReportVisibility, navigationActions } from './navigation.policy.js';

function checked(ctx: Context, problems: InputProblems, f: IndustryReportFields) {
  if (!ctx.reference.industry(f.industryCode)) problems.add('report.industryCode', `未知的行业代码“${f.industryCode}”`);
  return { industryCode: f.industryCode, title: requiredText(problems, 'report.title', f.title, 200), summary: requiredText(problems, 'report.summary', f.summary, 2000) };
}

/** The publisher's facts for the scope check and for attachments. */
function publisherOf(r: IndustryAnalysisReport) {
  return { enterpriseId: r.enterprise?.id ?? null, organizationId: r.organization?.id ?? null };
}

const files = (em: EntityManager, ctx: Context, ids: readonly string[] | null | undefined, publisher: { enterpriseId: string | null; organizationId: string | null }) =>
  attachments(em, ctx, ids ?? [], { enterpriseId: publisher.enterpriseId ?? publisher.organizationId!, organizationId: publisher.organizationId ?? publisher.enterpriseId! }, 'report.attachmentIds');

async function loadForWrite(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<IndustryAnalysisReport> {
  const id = expectGlobalId(globalId, 'IndustryAnalysisReport', 'id');
  const rule = industryReportVisibility(ctx.viewer, ctx.clock.today(), 'ir');
  const [row] = await query<{ id: string }>(em, sql`select ir.id from industry_analysis_report ir where ir.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
  if (!row) throw notFound('行业分析报告', globalId);
  const r = await em.findOneOrFail(IndustryAnalysisReport, row.id, { refresh: true });
  assertMay(ctx, navigationActions.writeIndustryReport, publisherOf(r));
  if (r.version !== version) throw conflict('报告已被修改，请刷新后重试', { field: 'version', currentVersion: r.version });
  return r;
}

const audit = (em: EntityManager, ctx: Context, operation: string, r: IndustryAnalysisReport, changes: Record<string, { before: unknown; after: unknown }>) =>
  recordAudit(em, ctx, { operation, objectType: 'IndustryAnalysisReport', objectId: r.id, jurisdiction: null, changes });
const stale = () => conflict('报告已被修改，请刷新后重试', { field: 'version' });

export const industryReportService = {
  async draft(ctx: Context, input: DraftIndustryReportInput): Promise<IndustryAnalysisReport> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.writeIndustryReport);
    const problems = new InputProblems();
    const fields = checked(ctx, problems, input.report);
    // An enterprise user publishes for its enterprise, a provider for its organisation; the national bureau names one of them.
    const enterpriseId = enterpriseOf(ctx.viewer) ?? (input.enterpriseId ? expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId') : null);
    const organizationId = enterpriseOf(ctx.viewer) ? null : (organizationOf(ctx.viewer) ?? (input.organizationId ? expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') : null));
    if ((enterpriseId === null) === (organizationId === null)) problems.add('enterpriseId', '须且只能指明一个发布者：企业或服务机构');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      assertMay(ctx, navigationActions.writeIndustryReport, { enterpriseId, organizationId });
      const enterprise = enterpriseId ? await em.findOne(Enterprise, enterpriseId) : null;
      const organization = organizationId ? await em.findOne(ServiceOrganization, organizationId) : null;
      if (enterpriseId && !enterprise) throw notFound('企业', input.enterpriseId ?? toGlobalId('Enterprise', enterpriseId));
      if (organizationId && !organization) throw notFound('服务机构', input.organizationId ?? toGlobalId('ServiceOrganization', organizationId));
      const r = em.create(IndustryAnalysisReport, { enterprise, organization, ...fields, attachmentIds: await files(em, ctx, input.report.attachmentIds, { enterpriseId, organizationId }), createdBy: user.username });
      audit(em, ctx, 'draftIndustryReport', r, { title: { before: null, after: fields.title } });
      await em.flush();
      return r;
    });
  },

  async update(ctx: Context, input: UpdateIndustryReportInput): Promise<IndustryAnalysisReport> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.writeIndustryReport);
    const problems = new InputProblems();
    const fields = checked(ctx, problems, input.report);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const r = await loadForWrite(ctx, em, input.id, input.version);
      if (r.status !== IndustryReportStatus.DRAFT) throw conflict('只能修改草稿：已发布的先撤回，再起草新的', { status: r.status });
      const before = r.title;
      Object.assign(r, fields, { attachmentIds: await files(em, ctx, input.report.attachmentIds, publisherOf(r)) });
      audit(em, ctx, 'updateIndustryReport', r, { title: { before, after: r.title } });
      await flushOrConflict(em, { stale });
      return r;
    });
  },

  async publish(ctx: Context, input: PublishIndustryReportInput): Promise<IndustryAnalysisReport> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.writeIndustryReport);
    const reason = publishingReason(input);
    return transaction(ctx.em, async (em) => {
      const r = await loadForWrite(ctx, em, input.id, input.version);
      const before = applyPublishing(r, input.published, reason, ctx.clock.now());
      audit(em, ctx, input.published ? 'publishIndustryReport' : 'withdrawIndustryReport', r, { status: { before, after: r.status } });
      await flushOrConflict(em, { stale });
      return r;
    });
  },

  /** The catalogue: published reports for everyone; drafts and withdrawn ones for those who see them. */
  list(ctx: Context, filter: IndustryReportFilter | null | undefined, args: ConnectionArgs) {
    assertMay(ctx, navigationActions.readCatalogue);
    const f = filter ?? {};
    const problems = new InputProblems();
    for (const code of f.industryCodes ?? []) if (!ctx.reference.industry(code)) problems.add('filter.industryCodes', `未知的行业代码“${code}”`);
    problems.throwIfAny();
    const search = f.search?.trim();
    if (search && [...search].length > 50) throw badInput('filter.search', '至多 50 字');
    const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return newestFirst(ctx, IndustryAnalysisReport, 'ir', [
        f.industryCodes ? anyOf(sql`ir.industry_code`, ctx.reference.industryCodes(f.industryCodes)) : null,
        f.status?.length ? anyOf(sql`ir.status`, f.status) : null,
        like ? sql`(ir.title ilike ${like} or ir.summary ilike ${like})` : null,
        industryReportVisibility(ctx.viewer, ctx.clock.today(), 'ir'),
      ], args);
  },
};
