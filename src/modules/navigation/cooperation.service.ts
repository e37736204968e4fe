/**
 * Collaborative-innovation agreements [D 四(一)二] and standards [D 四(一)四] of an enterprise
 * (docs/navigation.md): recorded and corrected by the enterprise, the bureau of its jurisdiction or
 * the national bureau; both kinds are "an enterprise's record with checked application numbers",
 * written by one generic pair of functions.
 */
import type { EntityClass } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { query, sql, trusted, type Sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { enterpriseForWrite, newestFirst, optionalText, recordFilter, regionOf, requiredText } from '../liaison/liaison.common.js';
import { CollaborationAgreement, PartnerKind, StandardParticipation } from './cooperation.entity.js';
import type { CollaborationAgreementFields, CooperationFilter, RecordCollaborationAgreementInput, RecordStandardParticipationInput, StandardParticipationFields, UpdateCollaborationAgreementInput, UpdateStandardParticipationInput } from './cooperation.inputs.js';
import { cooperationVisibility, navigationActions } from './navigation.policy.js';
import { checkFilingYears, checkIpcClasses } from './navigation.rules.js';

type Kept = CollaborationAgreement | StandardParticipation;

interface RecordKind<T extends Kept, F> {
  entity: EntityClass<T>;
  type: string;
  table: string;
  label: string;
  fields: readonly string[];
  /** The checked fields, or problems named under `prefix`. */
  check(problems: InputProblems, f: F, today: string, prefix: string): Partial<T>;
  duplicate?: string;
}

const COLLABORATION: RecordKind<CollaborationAgreement, CollaborationAgreementFields> = {
  entity: CollaborationAgreement,
  type: 'CollaborationAgreement',
  table: 'collaboration_agreement',
  label: '协同创新合作',
  fields: ['title', 'description', 'partners', 'ipcClasses', 'startsOn', 'endsOn', 'applicationNumbers'],
  check(problems, f, today, p) {
    if (f.partners.length < 1 || f.partners.length > 30) problems.add(`${p}.partners`, '应有 1–30 个合作方');
    else if (!f.partners.some((x) => x.kind !== PartnerKind.ENTERPRISE)) problems.add(`${p}.partners`, '协同创新须有高校、院所、金融机构或专利服务机构参与（D 四(一)二）');
    const partners = f.partners.map((x, i) => ({ name: requiredText(problems, `${p}.partners.${i}.name`, x.name, 200), kind: x.kind, role: optionalText(problems, `${p}.partners.${i}.role`, x.role, 200) }));
    if (f.startsOn > today) problems.add(`${p}.startsOn`, '不能晚于今天');
    if (f.endsOn && f.endsOn < f.startsOn) problems.add(`${p}.endsOn`, '不能早于开始日');
    if ((f.applicationNumbers?.length ?? 0) > 500) problems.add(`${p}.applicationNumbers`, '至多 500 件');
    checkFilingYears(problems, `${p}.applicationNumbers`, f.applicationNumbers, today);
    return {
      title: requiredText(problems, `${p}.title`, f.title, 200),
      description: requiredText(problems, `${p}.description`, f.description, 2000),
      partners,
      ipcClasses: checkIpcClasses(problems, `${p}.ipcClasses`, f.ipcClasses, { min: 1 }),
      startsOn: f.startsOn,
      endsOn: f.endsOn ?? null,
      applicationNumbers: [...new Set(f.applicationNumbers ?? [])],
    };
  },
};

const STANDARD: RecordKind<StandardParticipation, StandardParticipationFields> = {
  entity: StandardParticipation,
  type: 'StandardParticipation',
  table: 'standard_participation',
  label: '标准记录',
  fields: ['standardNumber', 'title', 'level', 'role', 'publishedOn', 'essentialPatents'],
  duplicate: '该企业已登记这项标准',
  check(problems, f, today, p) {
    if (f.publishedOn && f.publishedOn > today) problems.add(`${p}.publishedOn`, '不能晚于今天');
    if ((f.essentialPatents?.length ?? 0) > 200) problems.add(`${p}.essentialPatents`, '至多 200 件');
    checkFilingYears(problems, `${p}.essentialPatents`, f.essentialPatents, today);
    return {
      standardNumber: requiredText(problems, `${p}.standardNumber`, f.standardNumber, 60).replace(/\s+/g, ' '),
      title: requiredText(problems, `${p}.title`, f.title, 200),
      level: f.level,
      role: f.role,
      publishedOn: f.publishedOn ?? null,
      essentialPatents: [...new Set(f.essentialPatents ?? [])],
    };
  },
};

async function create<T extends Kept, F>(ctx: Context, kind: RecordKind<T, F>, enterpriseId: string, fields: F, prefix: string): Promise<T> {
  const user = requireUser(ctx);
  assertAudience(ctx, navigationActions.writeCooperation);
  const problems = new InputProblems();
  const checked = kind.check(problems, fields, ctx.clock.today(), prefix);
  problems.throwIfAny();
  return transaction(ctx.em, async (em) => {
    const enterprise: Enterprise = await enterpriseForWrite(em, ctx, enterpriseId);
    assertMay(ctx, navigationActions.writeCooperation, { enterpriseId: enterprise.id, regionCode: regionOf(enterprise) });
    const row = em.create(kind.entity, { enterprise, ...checked, recordedBy: user.username } as never) as T;
    recordAudit(em, ctx, { operation: `record${kind.type}`, objectType: kind.type, objectId: row.id, jurisdiction: regionOf(enterprise), changes: changedFields(null, snapshot(row, kind.fields), kind.fields) });
    await flushOrConflict(em, { duplicate: () => conflict(kind.duplicate ?? '重复的记录') });
    return row;
  });
}

async function update<T extends Kept, F>(ctx: Context, kind: RecordKind<T, F>, globalId: string, version: number, fields: F, prefix: string): Promise<T> {
  requireUser(ctx);
  assertAudience(ctx, navigationActions.writeCooperation);
  const problems = new InputProblems();
  const checked = kind.check(problems, fields, ctx.clock.today(), prefix);
  problems.throwIfAny();
  return transaction(ctx.em, async (em) => {
    const id = expectGlobalId(globalId, kind.type, 'id');
    const rule = cooperationVisibility(ctx.viewer, ctx.clock.today(), 'k');
    const [found] = await query<{ id: string }>(em, sql`select k.id from ${trusted(kind.table)} k where k.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
    if (!found) throw notFound(kind.label, globalId);
    const row = (await em.findOneOrFail(kind.entity, found.id as never, { refresh: true, populate: ['enterprise'] as never })) as T;
    const enterprise = row.enterprise.unwrap();
    assertMay(ctx, navigationActions.writeCooperation, { enterpriseId: enterprise.id, regionCode: regionOf(enterprise) });
    if (row.version !== version) throw conflict('记录已被修改，请刷新后重试', { field: 'version', currentVersion: row.version });
    const before = snapshot(row, kind.fields);
    Object.assign(row, checked);
    recordAudit(em, ctx, { operation: `update${kind.type}`, objectType: kind.type, objectId: row.id, jurisdiction: regionOf(enterprise), changes: changedFields(before, snapshot(row, kind.fields), kind.fields) });
    await flushOrConflict(em, { stale: () => conflict('记录已被修改，请刷新后重试', { field: 'version' }), duplicate: () => conflict(kind.duplicate ?? '重复的记录') });
    return row;
  });
}

function list<T extends Kept>(ctx: Context, kind: RecordKind<T, unknown>, numbers: string, filter: CooperationFilter | null | undefined, args: ConnectionArgs) {
  assertAudience(ctx, navigationActions.readCooperation);
  const f = filter ?? {};
  const where: (Sql | null)[] = [
    ...recordFilter(ctx, 'k', f),
    f.applicationNumber ? sql`k.${trusted(numbers)} @> jsonb_build_array(${f.applicationNumber}::text)` : null,
    cooperationVisibility(ctx.viewer, ctx.clock.today(), 'k'),
  ];
  return newestFirst(ctx, kind.entity as EntityClass<T>, 'k', where, args);
}

export const cooperationService = {
  recordCollaboration: (ctx: Context, input: RecordCollaborationAgreementInput) => create(ctx, COLLABORATION, input.enterpriseId, input.agreement, 'agreement'),
  updateCollaboration: (ctx: Context, input: UpdateCollaborationAgreementInput) => update(ctx, COLLABORATION, input.id, input.version, input.agreement, 'agreement'),
  collaborations: (ctx: Context, filter: CooperationFilter | null | undefined, args: ConnectionArgs) => list(ctx, COLLABORATION as RecordKind<CollaborationAgreement, unknown>, 'application_numbers', filter, args),
  recordStandard: (ctx: Context, input: RecordStandardParticipationInput) => create(ctx, STANDARD, input.enterpriseId, input.standard, 'standard'),
  updateStandard: (ctx: Context, input: UpdateStandardParticipationInput) => update(ctx, STANDARD, input.id, input.version, input.standard, 'standard'),
  standards: (ctx: Context, filter: CooperationFilter | null | undefined, args: ConnectionArgs) => list(ctx, STANDARD as RecordKind<StandardParticipation, unknown>, 'essential_patents', filter, args),
};


