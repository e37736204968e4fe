/**
 * IP operation records [D 四(一)四, A 四(一)] (docs/navigation.md): an enterprise's transfers,
 * licences, pledge financing, capital contributions and securitisations, recorded by the enterprise
 * or its bureaus, corrected, voided with a reason (a voided record counts nowhere).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOf, query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { byDateDesc, enterpriseForWrite, recordFilter, regionOf, requiredText, optionalText } from '../liaison/liaison.common.js';
import { IpOperation, IpOperationKind, IpOperationStatus } from './operation.entity.js';
import type { IpOperationFields, IpOperationFilter, RecordIpOperationInput, UpdateIpOperationInput, VoidIpOperationInput } from './operation.inputs.js';
import { navigationActions, operationVisibility } from './navigation.policy.js';
import { checkFilingYears } from './navigation.rules.js';

const FIELDS = ['kind', 'direction', 'licenceType', 'counterparty', 'amount', 'signedOn', 'validFrom', 'validUntil', 'termMonths', 'applicationNumbers', 'note', 'status', 'voidReason'] as const;
const MAX_AMOUNT = 999_999_999_999.99;

/** The fields of an operation, checked: what each kind requires and forbids (direction, licence type, term). */
function checked(problems: InputProblems, f: IpOperationFields, today: string) {
  const p = (field: string) => `operation.${field}`;
  const directional = f.kind === IpOperationKind.TRANSFER || f.kind === IpOperationKind.LICENCE;
  if (directional && !f.direction) problems.add(p('direction'), '转让、许可须填写方向');
  if (!directional && f.direction) problems.add(p('direction'), '只有转让、许可有方向');
  if (f.kind === IpOperationKind.LICENCE && !f.licenceType) problems.add(p('licenceType'), '许可须填写许可类型（独占、排他、普通）');
  if (f.kind !== IpOperationKind.LICENCE && f.licenceType) problems.add(p('licenceType'), '只有许可有许可类型');
  if (f.kind === IpOperationKind.PLEDGE && (f.termMonths == null || !Number.isInteger(f.termMonths) || f.termMonths < 1 || f.termMonths > 360)) problems.add(p('termMonths'), '质押融资须填写期限（1–360 个月）');
  if (f.kind !== IpOperationKind.PLEDGE && f.termMonths != null) problems.add(p('termMonths'), '只有质押融资有期限');
  if (!Number.isFinite(f.amount) || f.amount < 0 || f.amount > MAX_AMOUNT || Math.round(f.amount * 100) / 100 !== f.amount) problems.add(p('amount'), '应为 0 到 999999999999.99 元，至多两位小数');
  if (f.signedOn > today) problems.add(p('signedOn'), '不能晚于今天');
  if (f.validFrom && f.validUntil && f.validUntil < f.validFrom) problems.add(p('validUntil'), '不能早于起始日');
  if (f.applicationNumbers.length < 1 || f.applicationNumbers.length > 200) problems.add(p('applicationNumbers'), '应为 1–200 件专利申请');
  checkFilingYears(problems, p('applicationNumbers'), f.applicationNumbers, today);
  return {
    kind: f.kind,
    direction: f.direction ?? null,
    licenceType: f.licenceType ?? null,
    counterparty: requiredText(problems, p('counterparty'), f.counterparty, 200),
    amount: f.amount,
    signedOn: f.signedOn,
    validFrom: f.validFrom ?? null,
    validUntil: f.validUntil ?? null,
    termMonths: f.termMonths ?? null,
    applicationNumbers: [...new Set(f.applicationNumbers)],
    note: optionalText(problems, p('note'), f.note, 2000),
  };
}

async function loadForWrite(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<IpOperation> {
  const id = expectGlobalId(globalId, 'IpOperation', 'id');
  const rule = operationVisibility(ctx.viewer, ctx.clock.today(), 'io');
  const [row] = await query<{ id: string }>(em, sql`select io.id from ip_operation io where io.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
  if (!row) throw notFound('运营记录', globalId);
  const o = await em.findOneOrFail(IpOperation, row.id, { refresh: true, populate: ['enterprise'] });
  assertMay(ctx, navigationActions.writeOperation, { enterpriseId: o.enterprise.id, regionCode: regionOf(o.enterprise.unwrap()) });
  if (o.version !== version) throw conflict('记录已被修改，请刷新后重试', { field: 'version', currentVersion: o.version });
  if (o.status === IpOperationStatus.VOIDED) throw conflict('已作废的记录不能再改', { status: o.status });
  return o;
}

const audit = (em: EntityManager, ctx: Context, operation: string, o: IpOperation, before: Record<string, unknown> | null) =>
  recordAudit(em, ctx, { operation, objectType: 'IpOperation', objectId: o.id, jurisdiction: regionOf(o.enterprise.unwrap()), changes: changedFields(before, snapshot(o, FIELDS), FIELDS) });
const stale = () => conflict('记录已被修改，请刷新后重试', { field: 'version' });

export const operationService = {
  async record(ctx: Context, input: RecordIpOperationInput): Promise<IpOperation> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.writeOperation);
    const problems = new InputProblems();
    const fields = checked(problems, input.operation, ctx.clock.today());
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      assertMay(ctx, navigationActions.writeOperation, { enterpriseId: enterprise.id, regionCode: regionOf(enterprise) });
      const o = em.create(IpOperation, { enterprise, ...fields, recordedBy: user.username });
      audit(em, ctx, 'recordIpOperation', o, null);
      await em.flush();
      return o;
    });
  },

  async update(ctx: Context, input: UpdateIpOperationInput): Promise<IpOperation> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.writeOperation);
    const problems = new InputProblems();
    const fields = checked(problems, input.operation, ctx.clock.today());
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const o = await loadForWrite(ctx, em, input.id, input.version);
      const before = snapshot(o, FIELDS);
      Object.assign(o, fields);
      audit(em, ctx, 'updateIpOperation', o, before);
      await flushOrConflict(em, { stale });
      return o;
    });
  },

  async void(ctx: Context, input: VoidIpOperationInput): Promise<IpOperation> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.writeOperation);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const o = await loadForWrite(ctx, em, input.id, input.version);
      const before = snapshot(o, FIELDS);
      Object.assign(o, { status: IpOperationStatus.VOIDED, voidReason: reason });
      audit(em, ctx, 'voidIpOperation', o, before);
      await flushOrConflict(em, { stale });
      return o;
    });
  },

  /** The records the viewer sees, latest signed first (voided ones only when asked for). */
  list(ctx: Context, filter: IpOperationFilter | null | undefined, args: ConnectionArgs) {
    assertAudience(ctx, navigationActions.readOperation);
    const f = filter ?? {};
    if (f.signedFrom && f.signedTo && f.signedTo < f.signedFrom) throw badInput('filter.signedTo', '不能早于 signedFrom');
    return byDateDesc(
      ctx,
      IpOperation,
      'io',
      [
        ...recordFilter(ctx, 'io', f),
        f.kinds?.length ? anyOf(sql`io.kind`, f.kinds) : null,
        anyOf(sql`io.status`, f.status?.length ? f.status : [IpOperationStatus.RECORDED]),
        f.signedFrom ? sql`io.signed_on >= ${f.signedFrom}::date` : null,
        f.signedTo ? sql`io.signed_on <= ${f.signedTo}::date` : null,
        f.applicationNumber ? sql`io.application_numbers @> jsonb_build_array(${f.applicationNumber}::text)` : null,
        operationVisibility(ctx.viewer, ctx.clock.today(), 'io'),
      ],
      args,
      { column: 'signed_on', property: 'signedOn', value: (o) => o.signedOn },
    );
  },
};
