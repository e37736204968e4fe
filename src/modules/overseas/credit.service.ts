/**
 * Credit records [A 四(三)] (docs/overseas.md): integrity publicity and dishonesty records kept by
 * the national bureau and the bureau of the enterprise's jurisdiction; a dishonesty record of one of
 * the five revocation grounds [D 三(四)] records the revocation incident in the same transaction
 * (designation module), so revocation (R12) finds it without it being typed twice.
 */
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOfGiven, query, sql, trusted } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { IncidentKind, type RevocationIncident } from '../designation/incident.entity.js';
import { revocationService } from '../designation/revocation.service.js';
import { enterpriseForWrite, newestFirst, optionalText, regionOf, requiredText } from '../liaison/liaison.common.js';
import { CreditRecord, CreditRecordKind } from './credit.entity.js';
import type { CreditRecordFilter, RecordCreditInput, RepairCreditInput } from './credit.inputs.js';
import { creditVisibility, overseasActions } from './overseas.policy.js';

export const creditService = {
  async record(ctx: Context, input: RecordCreditInput): Promise<{ creditRecord: CreditRecord; incident: RevocationIncident | null }> {
    const user = requireUser(ctx);
    assertAudience(ctx, overseasActions.recordCredit);
    const today = ctx.clock.today();
    const problems = new InputProblems();
    const title = requiredText(problems, 'title', input.title, 200);
    const authority = requiredText(problems, 'authority', input.authority, 200);
    const documentNumber = optionalText(problems, 'documentNumber', input.documentNumber, 100);
    const description = requiredText(problems, 'description', input.description, 2000);
    if (input.decidedOn > today) problems.add('decidedOn', '不能晚于今天');
    if (input.decidedOn < '1990-01-01') problems.add('decidedOn', '不能早于 1990 年');
    if (input.publicUntil && input.publicUntil < input.decidedOn) problems.add('publicUntil', '不能早于决定日期');
    if (input.incidentKind && input.kind !== CreditRecordKind.DISHONESTY) problems.add('incidentKind', '只有失信记录可能属撤销称号的情形');
    if ((input.incidentKind === IncidentKind.ADMINISTRATIVE_PENALTY) !== (input.penaltyArea != null)) {
      problems.add('penaltyArea', input.incidentKind === IncidentKind.ADMINISTRATIVE_PENALTY ? '行政处罚须注明领域' : '只有行政处罚才有领域');
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      assertMay(ctx, overseasActions.recordCredit, { regionCode: regionOf(enterprise) });
      const evidence = [authority, documentNumber, title].filter(Boolean).join(' ');
      const incident = input.incidentKind
        ? revocationService.createIncident(em, ctx, enterprise, { kind: input.incidentKind, penaltyArea: input.penaltyArea ?? null, occurredOn: input.decidedOn, description, evidence: `信用记录：${evidence}` })
        : null;
      const r = em.create(CreditRecord, {
        enterprise,
        kind: input.kind,
        title,
        authority,
        documentNumber,
        decidedOn: input.decidedOn,
        publicUntil: input.publicUntil ?? null,
        description,
        incidentKind: input.incidentKind ?? null,
        penaltyArea: input.penaltyArea ?? null,
        incident,
        recordedBy: user.username,
      });
      recordAudit(em, ctx, { operation: 'recordCredit', objectType: 'CreditRecord', objectId: r.id, jurisdiction: regionOf(enterprise), changes: { kind: { before: null, after: input.kind }, title: { before: null, after: title }, incident: { before: null, after: incident?.id ?? null } } });
      await em.flush();
      return { creditRecord: r, incident };
    });
  },

  async repair(ctx: Context, input: RepairCreditInput): Promise<CreditRecord> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.recordCredit);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2000);
    if (input.repairedOn > ctx.clock.today()) problems.add('repairedOn', '不能晚于今天');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const id = expectGlobalId(input.id, 'CreditRecord', 'id');
      const rule = creditVisibility(ctx.viewer, ctx.clock.today(), 'cr');
      const [row] = await query<{ id: string }>(em, sql`select cr.id from credit_record cr where cr.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update of cr`);
      if (!row) throw notFound('信用记录', input.id);
      const r = await em.findOneOrFail(CreditRecord, id, { refresh: true, populate: ['enterprise'] });
      assertMay(ctx, overseasActions.recordCredit, { regionCode: regionOf(r.enterprise.unwrap()) });
      if (r.version !== input.version) throw conflict('信用记录已被修改，请刷新后重试', { field: 'version', currentVersion: r.version });
      if (r.kind !== CreditRecordKind.DISHONESTY) throw badInput('id', '只有失信记录需要信用修复');
      if (r.repairedOn) throw conflict('已修复', { repairedOn: r.repairedOn });
      if (input.repairedOn < r.decidedOn) throw badInput('repairedOn', `不能早于决定日期（${r.decidedOn}）`);
      r.repairedOn = input.repairedOn;
      r.repairReason = reason;
      recordAudit(em, ctx, { operation: 'repairCredit', objectType: 'CreditRecord', objectId: r.id, jurisdiction: regionOf(r.enterprise.unwrap()), changes: { repairedOn: { before: null, after: input.repairedOn } } });
      await flushOrConflict(em, { stale: () => conflict('信用记录已被修改，请刷新后重试', { field: 'version' }) });
      return r;
    });
  },

  /** Credit records, newest first: publicity in force for everyone; all of an enterprise's for itself, its bureau and the national bureau. */
  list(ctx: Context, filter: CreditRecordFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const today = ctx.clock.today();
    const enterprise = f.enterpriseId ? expectGlobalId(f.enterpriseId, 'Enterprise', 'filter.enterpriseId') : null;
    return newestFirst(ctx, CreditRecord, 'cr', [
      enterprise ? sql`cr.enterprise_id = ${enterprise}::uuid` : null,
      anyOfGiven(trusted('cr.kind'), f.kinds),
      f.regionCodes ? sql`exists (select 1 from enterprise fe where fe.id = cr.enterprise_id and ${anyOfGiven(trusted('fe.region_code'), f.regionCodes)})` : null,
      f.current ? sql`cr.repaired_on is null and cr.decided_on <= ${today}::date and (cr.public_until is null or cr.public_until >= ${today}::date)` : null,
      creditVisibility(ctx.viewer, today, 'cr'),
    ], args);
  },
};
