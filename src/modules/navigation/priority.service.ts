/**
 * Priority-examination recommendations, R21 [D 四(一)三 "推荐示范企业关键技术领域的专利申请进行优先审查",
 * A 二(二) "推荐优势企业关键技术领域的专利申请进行优先审查"] (docs/navigation.md):
 *
 * - a demonstration or advantage enterprise (holding a valid title that day) asks the bureau of its
 *   jurisdiction to recommend one of its applications (a checked application number, the key
 *   technology field's IPC classes, the reason); one open or recommended request per application;
 * - the bureau recommends it, within its number for the year of the recommendation (set by the
 *   national bureau per bureau and year, else the programme's default), or declines with a reason;
 *   concurrent recommendations never exceed the number (an advisory lock per bureau and year);
 * - the examination's outcome (accepted or not, its date, the grant date) is recorded afterwards.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { anyOf, query, sql } from '../../common/sql.js';
import { checkApplicationNumber, describeApplicationNumberProblem } from '../../common/patent-number.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { titleOn } from '../designation/designation.rules.js';
import { programmeService } from '../programme/programme.service.js';
import { enterpriseForWrite, newestFirst, recordFilter, regionOf, requiredText, optionalText } from '../liaison/liaison.common.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { PatentKind, PriorityExaminationOutcome, PriorityExaminationQuota, PriorityExaminationRequest, PriorityRequestStatus } from './priority.entity.js';
import type { DecidePriorityExaminationInput, PriorityExaminationFilter, RecordPriorityExaminationOutcomeInput, RequestPriorityExaminationInput, SetPriorityExaminationQuotaInput, WithdrawPriorityExaminationInput } from './priority.inputs.js';
import { navigationActions, priorityVisibility } from './navigation.policy.js';
import { checkIpcClasses } from './navigation.rules.js';

export interface QuotaRow {
  bureauCode: string;
  regionName: string;
  year: number;
  quota: number;
  isDefault: boolean;
  used: number;
  remaining: number;
}

const FIELDS = ['status', 'quotaYear', 'decisionNote', 'outcome', 'outcomeOn', 'grantedOn', 'bureauCode'] as const;
const PARAGRAPHS = 'D 四(一)三、A 二(二)';

/** R21: the enterprise holds a demonstration or advantage title on `day`. */
async function assertTitled(em: EntityManager, enterprise: Enterprise, day: string, what: string): Promise<void> {
  if (!(await titleOn(em, enterprise.id, day))) {
    throw ruleViolation('R21', `${enterprise.name}在 ${day} 不是有效的示范企业或优势企业：${what}限于示范企业和优势企业关键技术领域的专利申请（${PARAGRAPHS}）`, {
      paragraph: PARAGRAPHS,
      condition: 'NOT_TITLED',
    });
  }
}

/** A bureau's number for a year: the national bureau's setting for it, else the programme's default. */
async function quotaOf(em: EntityManager, bureauCode: string, year: number): Promise<{ quota: number; isDefault: boolean }> {
  const row = await em.findOne(PriorityExaminationQuota, { bureauCode, year });
  if (row) return { quota: row.quota, isDefault: false };
  return { quota: (await programmeService.settings(em)).priorityExaminationQuota, isDefault: true };
}

async function usedOf(em: EntityManager, bureauCodes: readonly string[], year: number): Promise<Map<string, number>> {
  if (!bureauCodes.length) return new Map();
  const rows = await query<{ bureau_code: string; n: string }>(
    em,
    sql`select bureau_code, count(*) as n from priority_examination where status = 'RECOMMENDED' and quota_year = ${year}::int and ${anyOf(sql`bureau_code`, [...bureauCodes])} group by bureau_code`,
  );
  return new Map(rows.map((r) => [r.bureau_code, Number(r.n)]));
}

const lockQuota = (em: EntityManager, bureauCode: string, year: number) => advisoryLock(em, `priority-quota:${bureauCode}:${year}`);

/** The request of a global id, visible to the viewer and locked for a write (NOT_FOUND otherwise); CONFLICT on a stale version. */
async function loadForWrite(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<PriorityExaminationRequest> {
  const id = expectGlobalId(globalId, 'PriorityExaminationRequest', 'id');
  const rule = priorityVisibility(ctx.viewer, ctx.clock.today(), 'pe');
  const [row] = await query<{ id: string }>(em, sql`select pe.id from priority_examination pe where pe.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
  if (!row) throw notFound('优先审查推荐请求', globalId);
  const request = await em.findOneOrFail(PriorityExaminationRequest, row.id, { refresh: true, populate: ['enterprise'] });
  if (request.version !== version) throw conflict('请求已被修改，请刷新后重试', { field: 'version', currentVersion: request.version });
  return request;
}

const facts = (r: PriorityExaminationRequest) => ({ enterpriseId: r.enterprise.id, regionCode: regionOf(r.enterprise.unwrap()) });
const audit = (em: EntityManager, ctx: Context, operation: string, r: PriorityExaminationRequest, before: Record<string, unknown> | null) =>
  recordAudit(em, ctx, { operation, objectType: 'PriorityExaminationRequest', objectId: r.id, jurisdiction: r.bureauCode, changes: changedFields(before, snapshot(r, FIELDS), FIELDS) });

export const priorityService = {
  async request(ctx: Context, input: RequestPriorityExaminationInput): Promise<PriorityExaminationRequest> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.requestPriority);
    const problems = new InputProblems();
    const checked = checkApplicationNumber(input.applicationNumber, Number(ctx.clock.today().slice(0, 4)));
    const parsed = checked.value;
    if (checked.problem) problems.add('applicationNumber', describeApplicationNumberProblem(checked.problem));
    const title = requiredText(problems, 'title', input.title, 200);
    const reason = requiredText(problems, 'reason', input.reason, 2000);
    const ipcClasses = checkIpcClasses(problems, 'ipcClasses', input.ipcClasses, { min: 1 });
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      assertMay(ctx, navigationActions.requestPriority, { enterpriseId: enterprise.id });
      await assertTitled(em, enterprise, ctx.clock.today(), '优先审查推荐');
      const r = em.create(PriorityExaminationRequest, {
        enterprise,
        bureauCode: regionOf(enterprise),
        applicationNumber: parsed!.number,
        patentKind: parsed!.kind as PatentKind,
        title,
        ipcClasses,
        reason,
        requestedBy: user.username,
        history: [{ at: ctx.clock.now().toISOString(), by: user.username, status: PriorityRequestStatus.REQUESTED }],
      });
      audit(em, ctx, 'requestPriorityExamination', r, null);
      await flushOrConflict(em, { duplicate: () => conflict(`专利申请 ${parsed!.number} 已有待审核或已推荐的请求`, { field: 'applicationNumber' }) });
      return r;
    });
  },

  async withdraw(ctx: Context, input: WithdrawPriorityExaminationInput): Promise<PriorityExaminationRequest> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.requestPriority);
    return transaction(ctx.em, async (em) => {
      const r = await loadForWrite(ctx, em, input.id, input.version);
      assertMay(ctx, navigationActions.requestPriority, { enterpriseId: r.enterprise.id });
      if (r.status !== PriorityRequestStatus.REQUESTED) throw conflict('只能撤回待审核的请求', { status: r.status });
      const before = snapshot(r, FIELDS);
      r.status = PriorityRequestStatus.WITHDRAWN;
      r.history = [...r.history, { at: ctx.clock.now().toISOString(), by: user.username, status: r.status }];
      audit(em, ctx, 'withdrawPriorityExamination', r, before);
      await flushOrConflict(em, { stale: () => conflict('请求已被修改，请刷新后重试', { field: 'version' }) });
      return r;
    });
  },

  /** The bureau's decision; a recommendation takes one of the bureau's numbers for this year (R21). */
  async decide(ctx: Context, input: DecidePriorityExaminationInput): Promise<PriorityExaminationRequest> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.decidePriority);
    const problems = new InputProblems();
    const note = optionalText(problems, 'note', input.note, 2000);
    if (!input.recommend && !note) problems.add('note', '不予推荐须说明理由');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const r = await loadForWrite(ctx, em, input.id, input.version);
      const enterprise = r.enterprise.unwrap();
      assertMay(ctx, navigationActions.decidePriority, { regionCode: regionOf(enterprise) });
      if (r.status !== PriorityRequestStatus.REQUESTED) throw conflict('该请求已处理', { status: r.status });
      const before = snapshot(r, FIELDS);
      const today = ctx.clock.today();
      const bureauCode = jurisdictionOf(ctx.viewer)!;
      if (input.recommend) {
        await assertTitled(em, enterprise, today, '推荐优先审查');
        const year = Number(today.slice(0, 4));
        await lockQuota(em, bureauCode, year);
        const { quota } = await quotaOf(em, bureauCode, year);
        const used = (await usedOf(em, [bureauCode], year)).get(bureauCode) ?? 0;
        if (used >= quota) {
          throw ruleViolation('R21', `本局 ${year} 年的优先审查推荐名额（${quota} 项）已用完`, { paragraph: PARAGRAPHS, condition: 'QUOTA_EXHAUSTED', quota, used, year });
        }
        Object.assign(r, { status: PriorityRequestStatus.RECOMMENDED, quotaYear: year, outcome: PriorityExaminationOutcome.PENDING });
      } else {
        r.status = PriorityRequestStatus.DECLINED;
      }
      Object.assign(r, { bureauCode, decidedAt: ctx.clock.now(), decidedBy: user.username, decisionNote: note });
      r.history = [...r.history, { at: ctx.clock.now().toISOString(), by: user.username, status: r.status, note }];
      audit(em, ctx, 'decidePriorityExamination', r, before);
      await flushOrConflict(em, { stale: () => conflict('请求已被修改，请刷新后重试', { field: 'version' }) });
      return r;
    });
  },

  async recordOutcome(ctx: Context, input: RecordPriorityExaminationOutcomeInput): Promise<PriorityExaminationRequest> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.recordPriorityOutcome);
    if (input.outcome === PriorityExaminationOutcome.PENDING) throw badInput('outcome', '应为同意或不同意优先审查');
    return transaction(ctx.em, async (em) => {
      const r = await loadForWrite(ctx, em, input.id, input.version);
      assertMay(ctx, navigationActions.recordPriorityOutcome, facts(r));
      if (r.status !== PriorityRequestStatus.RECOMMENDED) throw conflict('只有已推荐的申请才有审查结果', { status: r.status });
      if (r.outcome !== PriorityExaminationOutcome.PENDING && r.outcome !== input.outcome) throw conflict('审查结果已登记，不能改为另一结果', { outcome: r.outcome });
      const problems = new InputProblems();
      const today = ctx.clock.today();
      const decidedOn = r.decidedAt!.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      if (input.outcomeOn < decidedOn || input.outcomeOn > today) problems.add('outcomeOn', `应在推荐日（${decidedOn}）和今天之间`);
      if (input.grantedOn != null) {
        if (input.outcome !== PriorityExaminationOutcome.ACCEPTED) problems.add('grantedOn', '只有同意优先审查的申请登记授权日');
        else if (input.grantedOn < input.outcomeOn || input.grantedOn > today) problems.add('grantedOn', '应在结果日和今天之间');
      }
      problems.throwIfAny();
      const before = snapshot(r, FIELDS);
      Object.assign(r, { outcome: input.outcome, outcomeOn: input.outcomeOn, grantedOn: input.grantedOn ?? r.grantedOn ?? null });
      r.history = [...r.history, { at: ctx.clock.now().toISOString(), by: user.username, status: r.status, outcome: input.outcome }];
      audit(em, ctx, 'recordPriorityExaminationOutcome', r, before);
      await flushOrConflict(em, { stale: () => conflict('请求已被修改，请刷新后重试', { field: 'version' }) });
      return r;
    });
  },

  /** The national bureau sets a bureau's number for a year; never below what it has recommended that year. */
  async setQuota(ctx: Context, input: SetPriorityExaminationQuotaInput): Promise<QuotaRow> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.setPriorityQuota);
    const problems = new InputProblems();
    if (!ctx.reference.regions.some((r) => r.code === input.bureauCode)) problems.add('bureauCode', '不是省级辖区');
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.add('year', '应在 2000 到 2100 之间');
    if (!Number.isInteger(input.quota) || input.quota < 0 || input.quota > 10_000) problems.add('quota', '应为 0 到 10000 的整数');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      await lockQuota(em, input.bureauCode, input.year);
      const used = (await usedOf(em, [input.bureauCode], input.year)).get(input.bureauCode) ?? 0;
      if (input.quota < used) throw conflict(`该局 ${input.year} 年已推荐 ${used} 项，名额不能少于此数`, { used });
      const row = (await em.findOne(PriorityExaminationQuota, { bureauCode: input.bureauCode, year: input.year })) ?? em.create(PriorityExaminationQuota, { bureauCode: input.bureauCode, year: input.year, quota: input.quota, setBy: user.username });
      const before = { quota: row.quota };
      Object.assign(row, { quota: input.quota, setBy: user.username });
      recordAudit(em, ctx, { operation: 'setPriorityExaminationQuota', objectType: 'PriorityExaminationQuota', objectId: row.id, jurisdiction: input.bureauCode, changes: { quota: { before: before.quota === input.quota ? null : before.quota, after: input.quota } } });
      await flushOrConflict(em, { duplicate: () => conflict('名额正被另一请求修改，请重试') });
      const regionName = ctx.reference.regions.find((r) => r.code === input.bureauCode)!.name;
      return { bureauCode: input.bureauCode, regionName, year: input.year, quota: input.quota, isDefault: false, used, remaining: input.quota - used };
    });
  },

  /** Each bureau's number for a year and its use: the national bureau all 37, a provincial bureau its own. */
  async quotas(ctx: Context, year: number): Promise<QuotaRow[]> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.readPriorityQuota);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', '应在 2000 到 2100 之间');
    const own = jurisdictionOf(ctx.viewer);
    const bureaus = ctx.reference.regions.filter((r) => !own || r.code === own);
    const em = ctx.em;
    const set = await em.find(PriorityExaminationQuota, { year, bureauCode: { $in: bureaus.map((b) => b.code) } });
    const fallback = (await programmeService.settings(em)).priorityExaminationQuota;
    const used = await usedOf(em, bureaus.map((b) => b.code), year);
    return bureaus.map((b) => {
      const row = set.find((q) => q.bureauCode === b.code);
      const quota = row?.quota ?? fallback;
      const n = used.get(b.code) ?? 0;
      return { bureauCode: b.code, regionName: b.name, year, quota, isDefault: !row, used: n, remaining: Math.max(0, quota - n) };
    });
  },

  async list(ctx: Context, filter: PriorityExaminationFilter | null | undefined, args: ConnectionArgs) {
    assertAudience(ctx, navigationActions.readPriority);
    const f = filter ?? {};
    return newestFirst(ctx, PriorityExaminationRequest, 'pe', [
        ...recordFilter(ctx, 'pe', f),
        f.status?.length ? anyOf(sql`pe.status`, f.status) : null,
        f.outcome?.length ? anyOf(sql`pe.outcome`, f.outcome) : null,
        f.quotaYear != null ? sql`pe.quota_year = ${f.quotaYear}::int` : null,
        priorityVisibility(ctx.viewer, ctx.clock.today(), 'pe'),
      ], args);
  },
};
