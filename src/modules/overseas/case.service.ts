/**
 * Protection cases (R20, docs/overseas.md): reported by an enterprise (or its bureau), routed to the
 * overseas workstation covering the country or to the assistance centre of the enterprise's
 * jurisdiction, moved through the flow by the office handling it, with an append-only timeline,
 * participants, and deadlines in the handling office's business time, paused while it waits on the
 * enterprise and moved when its calendar changes (the time already used is kept).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { enterpriseOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOfGiven, or, query, sql, trusted, type Sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { titleOn } from '../designation/designation.rules.js';
import { attachments } from '../service/service.rules.js';
import { enterpriseForWrite, newestFirst, optionalText, regionOf, requiredText } from '../liaison/liaison.common.js';
import type { BusinessCalendar } from './sla.js';
import { checkpointAt } from './sla.js';
import {
  CaseChannel,
  CaseEventKind,
  CaseOutcome,
  CaseStatus,
  DeadlineState,
  ProtectionCase,
  ProtectionCaseDeadline,
  ProtectionCaseEvent,
} from './case.entity.js';
import { ProtectionCaseParticipant } from './case-parts.entity.js';
import type {
  AddCaseNoteInput,
  AdvanceProtectionCaseInput,
  ProtectionCaseFilter,
  ReassignProtectionCaseInput,
  ReportProtectionCaseInput,
  ResumeProtectionCaseInput,
  WaitOnEnterpriseInput,
  WithdrawProtectionCaseInput,
} from './case.inputs.js';
import { caseVisibility, overseasActions } from './overseas.policy.js';
import { CLOCK_ORDER, checkpoint, HANDLER_KIND, handlerCalendar, MEETS, NEXT, pausesOf, r20, schedule, shareCalendarLock } from './case.rules.js';
import { isCountry } from './workstation.service.js';
import { assertOpen, audit, deadlinesOf, endWait, event, loadCase, sideOf, stale, type Loaded } from './case.common.js';
import { targetsOf } from './case-clock.service.js';

/** The business hours used from receipt to `at` (without the waits). */
function usedHours(c: ProtectionCase, calendar: BusinessCalendar, at: Date): number {
  return Math.round((checkpointAt(calendar, { since: c.clockSince, usedMs: c.usedMs }, at, pausesOf(c)).usedMs / 3_600_000) * 100) / 100;
}

/** The handling office a new case goes to (R20). */
async function routeTo(em: EntityManager, channel: CaseChannel, countryCode: string | null, enterprise: Enterprise): Promise<ServiceOrganization> {
  if (channel === CaseChannel.OVERSEAS) {
    const [row] = await query<{ id: string }>(
      em,
      sql`select o.id from overseas_workstation w join service_organization o on o.id = w.organization_id
        where w.countries_covered @> jsonb_build_array(${countryCode}::text) and o.status = ${OrganizationStatus.ACTIVE} limit 1`,
    );
    if (!row) throw r20('NO_WORKSTATION', `没有驻外知识产权工作站受理 ${countryCode}：请联系国家局`, { countryCode });
    return em.findOneOrFail(ServiceOrganization, row.id);
  }
  const region = regionOf(enterprise);
  const [row] = await query<{ id: string }>(
    em,
    sql`select o.id from service_organization o where o.kind = ${OrganizationKind.RIGHTS_PROTECTION_CENTER} and o.status = ${OrganizationStatus.ACTIVE}
      and o.region_code = ${region} order by o.created_at, o.id limit 1`,
  );
  if (!row) throw r20('NO_CENTRE', `${enterprise.name}所在辖区没有知识产权维权援助中心：请联系主管局`, { regionCode: region });
  return em.findOneOrFail(ServiceOrganization, row.id);
}

/** Meets the clock(s) a status reaches at `at`. */
function meet(c: ProtectionCase, deadlines: readonly ProtectionCaseDeadline[], to: CaseStatus, calendar: BusinessCalendar, at: Date): void {
  const clock = MEETS[to];
  for (const d of deadlines) {
    // Closing answers every clock still open (a withdrawn case is not a breach waiting to happen).
    if (d.metAt || (d.clock !== clock && to !== CaseStatus.CLOSED)) continue;
    d.metAt = at;
    d.metBusinessHours = usedHours(c, calendar, at);
  }
}

/** Conditions for deadline states at `now` (a case with any deadline in one of them). */
function deadlineStateCondition(alias: string, states: readonly DeadlineState[], now: Date): Sql {
  const at = now.toISOString();
  const one: Record<DeadlineState, string> = {
    ON_TRACK: `d.met_at is null and d.due_at >= '${at}'::timestamptz and (d.warn_at is null or d.warn_at > '${at}'::timestamptz)`,
    AT_RISK: `d.met_at is null and d.due_at >= '${at}'::timestamptz and d.warn_at <= '${at}'::timestamptz`,
    BREACHED: `d.met_at is null and d.due_at < '${at}'::timestamptz`,
    PAUSED: `d.met_at is null and d.due_at is null`,
    MET: `d.met_at is not null and (d.due_at is null or d.met_at <= d.due_at)`,
    MET_LATE: `d.met_at is not null and d.met_at > d.due_at`,
  };
  if (!states.length) return sql`false`;
  return sql`exists (select 1 from protection_case_deadline d where d.protection_case_id = ${trusted(alias)}.id and (${or(...states.map((s) => trusted(`(${one[s]})`)))}))`;
}

export const caseService = {
  async report(ctx: Context, input: ReportProtectionCaseInput): Promise<ProtectionCase> {
    const user = requireUser(ctx);
    assertAudience(ctx, overseasActions.reportCase);
    const problems = new InputProblems();
    const title = requiredText(problems, 'title', input.title, 200);
    const description = requiredText(problems, 'description', input.description, 20_000);
    const counterparty = optionalText(problems, 'counterparty', input.counterparty, 200);
    const countryCode = input.countryCode?.trim().toUpperCase() || null;
    if (input.channel === CaseChannel.OVERSEAS) {
      if (!countryCode) problems.add('countryCode', '海外案件须注明问题发生的国家');
      else if (!isCountry(countryCode)) problems.add('countryCode', '不是 ISO 3166-1 两位字母国家代码');
      else if (countryCode === 'CN') problems.add('countryCode', '在中国的问题请报告国内案件（channel: DOMESTIC）');
    } else if (countryCode) problems.add('countryCode', '国内案件不填国家');
    const enterpriseGlobalId = input.enterpriseId ?? (enterpriseOf(ctx.viewer) ? null : '');
    if (enterpriseGlobalId === '') problems.add('enterpriseId', '代为报告时须指明企业');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = enterpriseGlobalId ? await enterpriseForWrite(em, ctx, enterpriseGlobalId) : await em.findOneOrFail(Enterprise, enterpriseOf(ctx.viewer)!);
      assertMay(ctx, overseasActions.reportCase, { enterpriseId: enterprise.id, regionCode: regionOf(enterprise) });
      const today = ctx.clock.today();
      // R20: the mechanism serves the programme's enterprises, those holding a valid title today.
      const level = await titleOn(em, enterprise.id, today);
      if (!level) throw r20('NO_TITLE', `${enterprise.name}今日不是有效的示范企业或优势企业：维权案件受理的是培育工作的企业（D 四(二)一、A 四(三)）`, { enterpriseId: enterprise.id });
      const handler = await routeTo(em, input.channel, countryCode, enterprise);
      const attachmentIds = await attachments(em, ctx, input.attachmentIds ?? [], { enterpriseId: enterprise.id, organizationId: handler.id });
      await shareCalendarLock(em, handler);
      const { minutes } = await targetsOf(em, input.channel, input.type, input.urgency);
      const now = ctx.clock.now();
      const c = em.create(ProtectionCase, {
        channel: input.channel,
        enterprise,
        type: input.type,
        urgency: input.urgency,
        countryCode,
        handler,
        title,
        description,
        counterparty,
        receivedAt: now,
        clockSince: now,
        reportedBy: user.username,
        reporterKind: enterpriseOf(ctx.viewer) ? 'ENTERPRISE' : 'BUREAU',
      });
      const deadlines = CLOCK_ORDER.map((clock, i) => em.create(ProtectionCaseDeadline, { protectionCase: c, clock, targetMinutes: minutes[i]! }));
      schedule(c, deadlines, await handlerCalendar(em, handler));
      event(em, ctx, c, CaseEventKind.REPORTED, { body: description, attachmentIds });
      audit(em, ctx, 'reportProtectionCase', { c, enterprise }, { status: { before: null, after: c.status }, handler: { before: null, after: handler.id } });
      await em.flush();
      return c;
    });
  },

  /** The next step of the flow, or closing (the handling office or the national bureau). */
  async advance(ctx: Context, input: AdvanceProtectionCaseInput): Promise<ProtectionCase> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    const problems = new InputProblems();
    const body = requiredText(problems, 'body', input.body, 20_000);
    if (input.to === CaseStatus.CLOSED && !input.outcome) problems.add('outcome', '结案须注明结果');
    if (input.to !== CaseStatus.CLOSED && input.outcome) problems.add('outcome', '只有结案才有结果');
    if (input.outcome === CaseOutcome.WITHDRAWN) problems.add('outcome', '企业撤回用 withdrawProtectionCase');
    if (input.to === CaseStatus.RECEIVED) problems.add('to', '案件不能回到已接收');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      if (l.c.version !== input.version) throw conflict('案件已被修改，请刷新后重试', { field: 'version', currentVersion: l.c.version });
      assertOpen(l.c);
      const next = NEXT[l.c.status];
      if (input.to !== CaseStatus.CLOSED && input.to !== next) {
        throw r20('OUT_OF_ORDER', `案件${l.c.status}之后只能到 ${next}（或结案），不能到 ${input.to}：需求收集、信息反馈、协调应对依次进行（D 四(二)一）`, { from: l.c.status, allowed: [next, CaseStatus.CLOSED] });
      }
      const attachmentIds = await attachments(em, ctx, input.attachmentIds ?? [], { enterpriseId: l.enterprise.id, organizationId: l.handler.id });
      await this.moveTo(em, ctx, l, input.to, input.outcome ?? null, body, attachmentIds);
      return l.c;
    });
  },

  /** (Inside a transaction, the case locked.) Moves the case to `to`, meeting its clocks. */
  async moveTo(em: EntityManager, ctx: Context, l: Loaded, to: CaseStatus, outcome: CaseOutcome | null, body: string, attachmentIds: string[]): Promise<void> {
    await shareCalendarLock(em, l.handler);
    const now = ctx.clock.now();
    const calendar = await handlerCalendar(em, l.handler);
    const deadlines = await deadlinesOf(em, l.c);
    const before = l.c.status;
    // Moving on answers the enterprise: a wait ends with it (and its deadlines are known again before they are met).
    endWait(l.c, now);
    schedule(l.c, deadlines, calendar);
    meet(l.c, deadlines, to, calendar, now);
    l.c.status = to;
    if (to === CaseStatus.CLOSED) {
      l.c.outcome = outcome;
      l.c.closedAt = now;
      // The participants' part ends with the case.
      for (const p of await em.find(ProtectionCaseParticipant, { protectionCase: l.c.id, endedAt: null })) p.endedAt = now;
    }
    event(em, ctx, l.c, to as unknown as CaseEventKind, { body, attachmentIds });
    audit(em, ctx, 'advanceProtectionCase', l, { status: { before, after: to }, ...(outcome ? { outcome: { before: null, after: outcome } } : {}) });
    await flushOrConflict(em, { stale });
  },

  async withdraw(ctx: Context, input: WithdrawProtectionCaseInput): Promise<ProtectionCase> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.withdrawCase);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId, input.version);
      assertMay(ctx, overseasActions.withdrawCase, l.facts);
      assertOpen(l.c);
      await this.moveTo(em, ctx, l, CaseStatus.CLOSED, CaseOutcome.WITHDRAWN, reason, []);
      return l.c;
    });
  },

  /** The office waits on the enterprise: the deadlines stand still until it supplies what is asked or the office resumes. */
  async waitOnEnterprise(ctx: Context, input: WaitOnEnterpriseInput): Promise<ProtectionCase> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    const problems = new InputProblems();
    const request = requiredText(problems, 'request', input.request, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId, input.version);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      assertOpen(l.c);
      if (l.c.pausedSince) throw conflict('案件已在等待企业补充', { pausedSince: l.c.pausedSince.toISOString() });
      await shareCalendarLock(em, l.handler);
      const now = ctx.clock.now();
      l.c.pauses = [...l.c.pauses, { from: now.toISOString(), to: null, reason: request }];
      l.c.pausedSince = now;
      schedule(l.c, await deadlinesOf(em, l.c), await handlerCalendar(em, l.handler));
      event(em, ctx, l.c, CaseEventKind.WAITING_ON_ENTERPRISE, { body: request });
      audit(em, ctx, 'waitOnEnterprise', l, { pausedSince: { before: null, after: now.toISOString() } });
      await flushOrConflict(em, { stale });
      return l.c;
    });
  },

  async resume(ctx: Context, input: ResumeProtectionCaseInput): Promise<ProtectionCase> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    const problems = new InputProblems();
    const note = optionalText(problems, 'note', input.note, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId, input.version);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      assertOpen(l.c);
      if (!l.c.pausedSince) throw conflict('案件没有在等待企业');
      await this.resumeAt(em, ctx, l, note);
      await flushOrConflict(em, { stale });
      return l.c;
    });
  },

  async resumeAt(em: EntityManager, ctx: Context, l: Loaded, note: string | null): Promise<void> {
    await shareCalendarLock(em, l.handler);
    const now = ctx.clock.now();
    const since = l.c.pausedSince!;
    endWait(l.c, now);
    schedule(l.c, await deadlinesOf(em, l.c), await handlerCalendar(em, l.handler));
    event(em, ctx, l.c, CaseEventKind.RESUMED, { body: note });
    audit(em, ctx, 'resumeProtectionCase', l, { pausedSince: { before: since.toISOString(), after: null } });
  },

  /** A note or material on the timeline; the enterprise's side answering a wait ends it. */
  async addNote(ctx: Context, input: AddCaseNoteInput): Promise<{ event: ProtectionCaseEvent; protectionCase: ProtectionCase }> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.commentCase);
    const problems = new InputProblems();
    const body = requiredText(problems, 'body', input.body, 20_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId);
      assertMay(ctx, overseasActions.commentCase, l.facts);
      assertOpen(l.c);
      const side = sideOf(ctx);
      if (input.measure) {
        if (l.c.channel !== CaseChannel.DOMESTIC) throw badInput('measure', '快速维权措施只用于国内维权援助案件（A 四(三)）');
        if (side !== 'HANDLER' && side !== 'NATIONAL') throw badInput('measure', '快速维权措施由受理的维权援助中心记录');
      }
      const attachmentIds = await attachments(em, ctx, input.attachmentIds ?? [], { enterpriseId: l.enterprise.id, organizationId: l.handler.id });
      const e = event(em, ctx, l.c, input.measure ? CaseEventKind.MEASURE : CaseEventKind.NOTE, { body, attachmentIds, measure: input.measure ?? null });
      if (l.c.pausedSince && (side === 'ENTERPRISE' || side === 'BUREAU')) await this.resumeAt(em, ctx, l, '企业已补充');
      // The note changes the case's version (a reader's copy is stale).
      l.c.updatedAt = ctx.clock.now();
      await flushOrConflict(em, { stale });
      return { event: e, protectionCase: l.c };
    });
  },

  async reassign(ctx: Context, input: ReassignProtectionCaseInput): Promise<ProtectionCase> {
    requireUser(ctx);
    assertMay(ctx, overseasActions.reassignCase);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId, input.version);
      assertOpen(l.c);
      const next = await em.findOne(ServiceOrganization, expectGlobalId(input.handlerId, 'ServiceOrganization', 'handlerId'));
      if (!next) throw notFound('服务机构', input.handlerId);
      const kind = HANDLER_KIND[l.c.channel];
      if (next.kind !== kind) throw badInput('handlerId', l.c.channel === CaseChannel.OVERSEAS ? '海外案件由驻外知识产权工作站受理' : '国内案件由知识产权维权援助中心受理');
      if (next.status !== OrganizationStatus.ACTIVE) throw badInput('handlerId', '该单位不在正常状态');
      if (next.id === l.handler.id) throw badInput('handlerId', '已由该单位受理');
      await shareCalendarLock(em, l.handler);
      await shareCalendarLock(em, next);
      const now = ctx.clock.now();
      const oldCalendar = await handlerCalendar(em, l.handler);
      const newCalendar = await handlerCalendar(em, next);
      checkpoint(l.c, oldCalendar, now);
      l.c.handler = next as never;
      schedule(l.c, await deadlinesOf(em, l.c), newCalendar);
      event(em, ctx, l.c, CaseEventKind.REASSIGNED, { body: `${l.handler.name} → ${next.name}：${reason}` });
      audit(em, ctx, 'reassignProtectionCase', l, { handler: { before: l.handler.id, after: next.id }, reason: { before: null, after: reason } });
      await flushOrConflict(em, { stale });
      return l.c;
    });
  },

  list(ctx: Context, filter: ProtectionCaseFilter | null | undefined, args: ConnectionArgs) {
    assertAudience(ctx, overseasActions.readCases);
    const f = filter ?? {};
    const code = f.countryCode?.trim().toUpperCase();
    if (code && !isCountry(code)) throw badInput('filter.countryCode', '不是 ISO 3166-1 两位字母国家代码');
    const enterprise = f.enterpriseId ? expectGlobalId(f.enterpriseId, 'Enterprise', 'filter.enterpriseId') : null;
    const handler = f.handlerId ? expectGlobalId(f.handlerId, 'ServiceOrganization', 'filter.handlerId') : null;
    return newestFirst(ctx, ProtectionCase, 'pc', [
      f.channel ? sql`pc.channel = ${f.channel}` : null,
      anyOfGiven(trusted('pc.status'), f.statuses),
      anyOfGiven(trusted('pc.type'), f.types),
      code ? sql`pc.country_code = ${code}` : null,
      enterprise ? sql`pc.enterprise_id = ${enterprise}::uuid` : null,
      handler ? sql`pc.handler_id = ${handler}::uuid` : null,
      f.deadlineStates ? deadlineStateCondition('pc', f.deadlineStates, ctx.clock.now()) : null,
      f.waitingOnEnterprise == null ? null : f.waitingOnEnterprise ? sql`pc.paused_since is not null` : sql`pc.paused_since is null`,
      caseVisibility(ctx.viewer, ctx.clock.today(), 'pc'),
    ], args);
  },

};
