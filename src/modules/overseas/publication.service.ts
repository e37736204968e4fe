/**
 * Overseas IP publications [D 四(二)三] (docs/overseas.md): drafted by a service organisation for
 * itself (a workstation, an agency) or by the national bureau, published to the public catalogue
 * with a search by country, kind and text, and withdrawn with a reason.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { organizationOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { applyPublishing, publishingReason } from '../../common/publishing.js';
import { anyOf, query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { attachments } from '../service/service.rules.js';
import { organizationFilesOwner } from './overseas.rules.js';
import { newestFirst, requiredText } from '../liaison/liaison.common.js';
import { OverseasPublication, PublicationStatus } from './publication.entity.js';
import type { DraftOverseasPublicationInput, OverseasPublicationFields, OverseasPublicationFilter, PublishOverseasPublicationInput, UpdateOverseasPublicationInput } from './publication.inputs.js';
import { overseasActions, publicationVisibility } from './overseas.policy.js';
import { isCountry, isLanguage } from './workstation.service.js';

function checked(problems: InputProblems, f: OverseasPublicationFields) {
  const countryCodes = [...new Set(f.countryCodes.map((c) => c.trim().toUpperCase()))];
  if (countryCodes.length < 1 || countryCodes.length > 60) problems.add('publication.countryCodes', '应有 1–60 个国家');
  countryCodes.forEach((c, i) => !isCountry(c) && problems.add(`publication.countryCodes.${i}`, `“${c}”不是 ISO 3166-1 两位字母国家代码`));
  if (!isLanguage(f.language.trim())) problems.add('publication.language', '应为 BCP 47 语言代码，如 zh、en');
  return { kind: f.kind, countryCodes, title: requiredText(problems, 'publication.title', f.title, 200), summary: requiredText(problems, 'publication.summary', f.summary, 2000), language: f.language.trim() };
}

async function loadForWrite(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<OverseasPublication> {
  const id = expectGlobalId(globalId, 'OverseasPublication', 'id');
  const rule = publicationVisibility(ctx.viewer, ctx.clock.today(), 'op');
  const [row] = await query<{ id: string }>(em, sql`select op.id from overseas_publication op where op.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
  if (!row) throw notFound('出版物', globalId);
  const p = await em.findOneOrFail(OverseasPublication, row.id, { refresh: true });
  assertMay(ctx, overseasActions.writePublication, { organizationId: p.organization?.id ?? null });
  if (p.version !== version) throw conflict('出版物已被修改，请刷新后重试', { field: 'version', currentVersion: p.version });
  return p;
}

const audit = (em: EntityManager, ctx: Context, operation: string, p: OverseasPublication, changes: Record<string, { before: unknown; after: unknown }>) =>
  recordAudit(em, ctx, { operation, objectType: 'OverseasPublication', objectId: p.id, jurisdiction: null, changes });
const stale = () => conflict('出版物已被修改，请刷新后重试', { field: 'version' });

export const publicationService = {
  async draft(ctx: Context, input: DraftOverseasPublicationInput): Promise<OverseasPublication> {
    const user = requireUser(ctx);
    assertAudience(ctx, overseasActions.writePublication);
    const problems = new InputProblems();
    const fields = checked(problems, input.publication);
    problems.throwIfAny();
    const organizationId = organizationOf(ctx.viewer) ?? (input.organizationId ? expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') : null);
    return transaction(ctx.em, async (em) => {
      assertMay(ctx, overseasActions.writePublication, { organizationId });
      const organization = organizationId ? await em.findOne(ServiceOrganization, organizationId) : null;
      if (organizationId && !organization) throw notFound('服务机构', input.organizationId ?? organizationId);
      const owner = organizationFilesOwner(organizationId);
      const p = em.create(OverseasPublication, { organization, ...fields, attachmentIds: await attachments(em, ctx, input.publication.attachmentIds ?? [], owner, 'publication.attachmentIds'), createdBy: user.username });
      audit(em, ctx, 'draftOverseasPublication', p, { title: { before: null, after: fields.title } });
      await em.flush();
      return p;
    });
  },

  async update(ctx: Context, input: UpdateOverseasPublicationInput): Promise<OverseasPublication> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.writePublication);
    const problems = new InputProblems();
    const fields = checked(problems, input.publication);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const p = await loadForWrite(ctx, em, input.id, input.version);
      if (p.status !== PublicationStatus.DRAFT) throw conflict('只能修改草稿：已发布的先撤回', { status: p.status });
      const before = p.title;
      Object.assign(p, fields, { attachmentIds: await attachments(em, ctx, input.publication.attachmentIds ?? [], organizationFilesOwner(p.organization?.id ?? null), 'publication.attachmentIds') });
      audit(em, ctx, 'updateOverseasPublication', p, { title: { before, after: p.title } });
      await flushOrConflict(em, { stale });
      return p;
    });
  },

  async publish(ctx: Context, input: PublishOverseasPublicationInput): Promise<OverseasPublication> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.writePublication);
    const reason = publishingReason(input);
    return transaction(ctx.em, async (em) => {
      const p = await loadForWrite(ctx, em, input.id, input.version);
      const before = applyPublishing(p, input.published, reason, ctx.clock.now());
      audit(em, ctx, input.published ? 'publishOverseasPublication' : 'withdrawOverseasPublication', p, { status: { before, after: p.status } });
      await flushOrConflict(em, { stale });
      return p;
    });
  },

  list(ctx: Context, filter: OverseasPublicationFilter | null | undefined, args: ConnectionArgs) {
    assertMay(ctx, overseasActions.readWorkstations);
    const f = filter ?? {};
    const country = f.countryCode?.trim().toUpperCase();
    if (country && !isCountry(country)) throw badInput('filter.countryCode', '不是 ISO 3166-1 两位字母国家代码');
    const search = f.search?.trim();
    if (search && [...search].length > 50) throw badInput('filter.search', '至多 50 字');
    const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return newestFirst(ctx, OverseasPublication, 'op', [
        f.kinds?.length ? anyOf(sql`op.kind`, f.kinds) : null,
        country ? sql`op.country_codes @> jsonb_build_array(${country}::text)` : null,
        f.status?.length ? anyOf(sql`op.status`, f.status) : null,
        like ? sql`(op.title ilike ${like} or op.summary ilike ${like})` : null,
        publicationVisibility(ctx.viewer, ctx.clock.today(), 'op'),
      ], args);
  },
};
