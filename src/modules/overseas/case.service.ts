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
import { enterpriseOf, isBureau, isNational, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOfGiven, or, query, run, sql, trusted, type Sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { PatentAlliance } from '../navigation/alliance.entity.js';
import { titleOn } from '../designation/designation.rules.js';
import { attachments } from '../service/service.rules.js';
import { enterpriseForWrite, newestFirst, optionalText, regionOf, requiredText } from '../liaison/liaison.common.js';
import type { BusinessCalendar } from './sla.js';
import { businessMsBetween } from './sla.js';
import {
  CaseChannel,
  CaseEventKind,
  CaseOutcome,
  CaseStatus,
  DeadlineState,
  ParticipantKind,
  ProtectionCase,
  ProtectionCaseDeadline,
  ProtectionCaseEvent,
  ProtectionCaseParticipant,
  ProtectionCaseTarget,
  CaseType,
  CaseUrgency,
  type RapidResponseMeasure,
} from './case.entity.js';
import type {
  AddCaseNoteInput,
  AddCaseParticipantInput,
  AdvanceProtectionCaseInput,
  EndCaseParticipantInput,
  ProtectionCaseFilter,
  ReassignProtectionCaseInput,
  ReportProtectionCaseInput,
  ResumeProtectionCaseInput,
  SetCaseDeadlineTargetInput,
  WaitOnEnterpriseInput,
  WithdrawProtectionCaseInput,
} from './case.inputs.js';
import { CaseDeadlineTargetRow } from './case.inputs.js';
import { caseVisibility, overseasActions } from './overseas.policy.js';
import { chinaCalendar, CLOCK_ORDER, checkpoint, DEFAULT_TARGET_HOURS, HANDLER_KIND, handlerCalendar, MEETS, NEXT, pausesOf, r20, schedule, shareCalendarLock } from './case.rules.js';
import { isCountry } from './workstation.service.js';
import { poolExpert } from './overseas.rules.js';
import { onWorkingDayCalendarChange } from '../programme/programme.service.js';

/** At most this many participants (current and past) on one case. */
const MAX_PARTICIPANTS = 50;

type Side = 'ENTERPRISE' | 'BUREAU' | 'HANDLER' | 'NATIONAL' | 'SYSTEM';
const sideOf = (ctx: Pick<Context, 'viewer'>): Side => (isNational(ctx.viewer) ? 'NATIONAL' : isBureau(ctx.viewer) ? 'BUREAU' : enterpriseOf(ctx.viewer) ? 'ENTERPRISE' : 'HANDLER');

interface Loaded {
  c: ProtectionCase;
  enterprise: Enterprise;
  handler: ServiceOrganization;
  facts: { enterpriseId: string; regionCode: string; organizationId: string };
}

/**
 * A case the viewer may see, row-locked for the write (NOT_FOUND otherwise). The handling office's
 * calendar lock is shared before the row is locked, in the order a calendar change takes them
 * (calendar, then its cases), so the two never wait on each other in a cycle; a reassignment in
 * between is seen, and the new office's lock taken too.
 */
async function loadCase(ctx: Context, em: EntityManager, globalId: string, version?: number): Promise<Loaded> {
  const id = expectGlobalId(globalId, 'ProtectionCase', 'caseId');
  const rule = caseVisibility(ctx.viewer, ctx.clock.today(), 'pc');
  const visible = rule ? sql` and ${rule}` : sql``;
  let locked: string | null = null;
  for (;;) {
    const [peek] = await query<{ handler_id: string; kind: OrganizationKind }>(
      em,
      sql`select pc.handler_id, o.kind from protection_case pc join service_organization o on o.id = pc.handler_id where pc.id = ${id}::uuid${visible}`,
    );
    if (!peek) throw notFound('维权案件', globalId);
    if (locked !== peek.handler_id) await shareCalendarLock(em, { id: peek.handler_id, kind: peek.kind });
    locked = peek.handler_id;
    const [row] = await query<{ handler_id: string }>(em, sql`select pc.handler_id from protection_case pc where pc.id = ${id}::uuid${visible} for update of pc`);
    if (!row) throw notFound('维权案件', globalId);
    if (row.handler_id === locked) break;
  }
  const c = await em.findOneOrFail(ProtectionCase, id, { refresh: true });
  const enterprise = await em.findOneOrFail(Enterprise, c.enterprise.id);
  const handler = await em.findOneOrFail(ServiceOrganization, c.handler.id);
  if (version !== undefined && c.version !== version) throw conflict('案件已被修改，请刷新后重试', { field: 'version', currentVersion: c.version });
  return { c, enterprise, handler, facts: { enterpriseId: enterprise.id, regionCode: regionOf(enterprise), organizationId: handler.id } };
}

function assertOpen(c: ProtectionCase): void {
  if (c.status === CaseStatus.CLOSED) throw r20('CASE_CLOSED', '案件已结案', { status: c.status });
}

const deadlinesOf = (em: EntityManager, c: ProtectionCase) => em.find(ProtectionCaseDeadline, { protectionCase: c.id }, { refresh: true });

function event(em: EntityManager, ctx: Pick<Context, 'clock' | 'viewer'>, c: ProtectionCase, kind: CaseEventKind, fields: { body?: string | null; attachmentIds?: string[]; measure?: RapidResponseMeasure | null; side?: Side; at?: Date; detached?: boolean } = {}): ProtectionCaseEvent {
  const user = ctx.viewer.kind === 'USER' ? ctx.viewer.username : 'system';
  return em.create(ProtectionCaseEvent, {
    protectionCase: fields.detached ? em.getReference(ProtectionCase, c.id) : c,
    at: fields.at ?? ctx.clock.now(),
    kind,
    side: fields.side ?? sideOf(ctx),
    by: user,
    body: fields.body ?? null,
    measure: fields.measure ?? null,
    attachmentIds: fields.attachmentIds ?? [],
  });
}

const audit = (em: EntityManager, ctx: Context, operation: string, l: { c: ProtectionCase; enterprise: Enterprise }, changes: Record<string, { before: unknown; after: unknown }>) =>
  recordAudit(em, ctx, { operation, objectType: 'ProtectionCase', objectId: l.c.id, jurisdiction: regionOf(l.enterprise), changes });

const stale = () => conflict('案件已被修改，请刷新后重试', { field: 'version' });

/** Ends the wait on the enterprise at `at` (its deadlines run again). */
function endWait(c: ProtectionCase, at: Date): void {
  if (!c.pausedSince) return;
  c.pauses = c.pauses.map((p) => (p.to === null ? { ...p, to: at.toISOString() } : p));
  c.pausedSince = null;
}

/** The business hours used from receipt to `at` (without the waits). */
function usedHours(c: ProtectionCase, calendar: BusinessCalendar, at: Date): number {
  return Math.round(((c.usedMs + businessMsBetween(calendar, c.clockSince, at, pausesOf(c))) / 3_600_000) * 100) / 100;
}

/** The targets of a kind of case: the national bureau's, else the defaults (in minutes). */
async function targetsOf(em: EntityManager, channel: CaseChannel, type: CaseType, urgency: CaseUrgency): Promise<{ row: ProtectionCaseTarget | null; minutes: [number, number, number] }> {
  const row = await em.findOne(ProtectionCaseTarget, { channel, type, urgency });
  const minutes: [number, number, number] = row ? [row.firstResponseMinutes, row.feedbackMinutes, row.resolutionMinutes] : (DEFAULT_TARGET_HOURS[urgency].map((h) => h * 60) as [number, number, number]);
  return { row, minutes };
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

function sortDeadlines(ds: ProtectionCaseDeadline[]): ProtectionCaseDeadline[] {
  return ds.sort((a, b) => CLOCK_ORDER.indexOf(a.clock) - CLOCK_ORDER.indexOf(b.clock));
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

  async addParticipant(ctx: Context, input: AddCaseParticipantInput): Promise<ProtectionCaseParticipant> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    const problems = new InputProblems();
    const role = requiredText(problems, 'role', input.role, 200);
    const given = { EXPERT: input.personId, ORGANIZATION: input.organizationId, ALLIANCE_FUND: input.allianceId };
    for (const [kind, field] of [['EXPERT', 'personId'], ['ORGANIZATION', 'organizationId'], ['ALLIANCE_FUND', 'allianceId']] as const) {
      if ((input.kind === kind) !== (given[kind] != null)) problems.add(field, input.kind === kind ? '必填' : `类别 ${input.kind} 不填此项`);
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      assertOpen(l.c);
      const today = ctx.clock.today();
      const count = await em.count(ProtectionCaseParticipant, { protectionCase: l.c.id });
      if (count >= MAX_PARTICIPANTS) throw conflict(`一件案件至多 ${MAX_PARTICIPANTS} 个参与方`);
      let name: string;
      const row: { person?: Person; organization?: ServiceOrganization; alliance?: PatentAlliance } = {};
      if (input.kind === ParticipantKind.EXPERT) {
        const person = await poolExpert(em, input.personId!, today, 'personId');
        row.person = person;
        name = person.name;
      } else if (input.kind === ParticipantKind.ORGANIZATION) {
        const org = await em.findOne(ServiceOrganization, expectGlobalId(input.organizationId!, 'ServiceOrganization', 'organizationId'));
        if (!org) throw notFound('服务机构', input.organizationId!);
        if (org.status !== OrganizationStatus.ACTIVE) throw badInput('organizationId', '该服务机构不在正常状态');
        if (org.id === l.handler.id) throw badInput('organizationId', '受理单位本身不是参与方');
        row.organization = org;
        name = org.name;
      } else {
        const alliance = await em.findOne(PatentAlliance, expectGlobalId(input.allianceId!, 'PatentAlliance', 'allianceId'));
        if (!alliance) throw notFound('产业知识产权联盟', input.allianceId!);
        const [member] = await query<{ id: string }>(em, sql`select id from patent_alliance_member where alliance_id = ${alliance.id}::uuid and enterprise_id = ${l.enterprise.id}::uuid and left_on is null`);
        if (!member) throw badInput('allianceId', `${l.enterprise.name}不是该联盟的在册成员：联合防御基金为成员应对纠纷（D 四(二)二）`);
        row.alliance = alliance;
        name = alliance.name;
      }
      const p = em.create(ProtectionCaseParticipant, { protectionCase: l.c, kind: input.kind, role, addedBy: ctx.viewer.kind === 'USER' ? ctx.viewer.username : 'system', ...row });
      event(em, ctx, l.c, CaseEventKind.PARTICIPANT_ADDED, { body: `${name}：${role}` });
      audit(em, ctx, 'addCaseParticipant', l, { participant: { before: null, after: `${input.kind} ${name}` } });
      await flushOrConflict(em, { duplicate: () => conflict('已是该案件的参与方') });
      return p;
    });
  },

  async endParticipant(ctx: Context, input: EndCaseParticipantInput): Promise<ProtectionCaseParticipant> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      assertOpen(l.c);
      const p = await em.findOne(ProtectionCaseParticipant, { id: expectGlobalId(input.participantId, 'CaseParticipant', 'participantId'), protectionCase: l.c.id }, { populate: ['person', 'organization', 'alliance'] });
      if (!p) throw notFound('参与方', input.participantId);
      if (p.endedAt) throw conflict('该参与方已退出');
      p.endedAt = ctx.clock.now();
      const name = p.person?.unwrap().name ?? p.organization?.unwrap().name ?? p.alliance?.unwrap().name ?? '';
      event(em, ctx, l.c, CaseEventKind.PARTICIPANT_ENDED, { body: name });
      audit(em, ctx, 'endCaseParticipant', l, { participant: { before: `${p.kind} ${name}`, after: null } });
      await em.flush();
      return p;
    });
  },

  /** The national bureau hands a case to another office: time used is kept, the rest runs on the new office's calendar. */
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

  /**
   * (Inside the transaction that changes it.) A handling office's calendar changed at `at`: every
   * open case it handles keeps the business time used on `old` and runs the rest on `next`.
   * `handler`: the office, or null for every centre (China's official calendar changed).
   */
  async calendarChanged(em: EntityManager, ctx: Pick<Context, 'clock' | 'viewer'>, handler: { id: string } | null, old: BusinessCalendar, next: BusinessCalendar): Promise<number> {
    const where = handler ? sql`pc.handler_id = ${handler.id}::uuid` : sql`pc.channel = ${CaseChannel.DOMESTIC}`;
    const rows = await query<{ id: string }>(em, sql`select pc.id from protection_case pc where ${where} and pc.status <> 'CLOSED' order by pc.id for update of pc`);
    if (!rows.length) return 0;
    const now = ctx.clock.now();
    // Read past the identity map: the checkpoint is written below without touching the cases'
    // versions (a calendar change is not an edit of the case; a reader's advance still applies).
    const cases = await em.find(ProtectionCase, { id: { $in: rows.map((r) => r.id) } }, { disableIdentityMap: true });
    const deadlines = await em.find(ProtectionCaseDeadline, { protectionCase: { $in: cases.map((c) => c.id) } }, { refresh: true });
    let moved = 0;
    for (const c of cases) {
      checkpoint(c, old, now);
      await run(em, sql`update protection_case set used_ms = ${c.usedMs}, clock_since = ${c.clockSince.toISOString()}::timestamptz where id = ${c.id}::uuid`);
      if (schedule(c, deadlines.filter((d) => d.protectionCase.id === c.id), next)) {
        moved++;
        event(em, ctx, c, CaseEventKind.DEADLINES_MOVED, { detached: true, side: 'SYSTEM', body: '受理单位的工作日历变更：已用的工作时间保留，余下的按新日历计' });
      }
    }
    await em.flush();
    return moved;
  },

  async setTarget(ctx: Context, input: SetCaseDeadlineTargetInput): Promise<CaseDeadlineTargetRow> {
    requireUser(ctx);
    assertMay(ctx, overseasActions.reassignCase);
    const hours = [input.firstResponseHours, input.feedbackHours, input.resolutionHours];
    const reset = hours.every((h) => h == null);
    const problems = new InputProblems();
    if (!reset) {
      (['firstResponseHours', 'feedbackHours', 'resolutionHours'] as const).forEach((f, i) => {
        const h = hours[i];
        if (h == null || !(h >= 0.25) || h > 10_000) problems.add(f, '应为 0.25–10000 工作小时');
      });
      if (problems.problems.length === 0 && !(hours[0]! <= hours[1]! && hours[1]! <= hours[2]!)) problems.add('feedbackHours', '应满足 首次响应 ≤ 信息反馈 ≤ 结案');
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const key = { channel: input.channel, type: input.type, urgency: input.urgency };
      const existing = await em.findOne(ProtectionCaseTarget, key);
      const before = existing ? [existing.firstResponseMinutes, existing.feedbackMinutes, existing.resolutionMinutes] : null;
      if (reset) {
        if (existing) em.remove(existing);
      } else {
        const [firstResponseMinutes, feedbackMinutes, resolutionMinutes] = hours.map((h) => Math.round(h! * 60)) as [number, number, number];
        if (existing) Object.assign(existing, { firstResponseMinutes, feedbackMinutes, resolutionMinutes });
        else em.create(ProtectionCaseTarget, { ...key, firstResponseMinutes, feedbackMinutes, resolutionMinutes });
      }
      recordAudit(em, ctx, { operation: 'setCaseDeadlineTarget', objectType: 'ProtectionCaseTarget', objectId: `${input.channel}:${input.type}:${input.urgency}`, jurisdiction: null, changes: { minutes: { before, after: reset ? null : hours.map((h) => Math.round(h! * 60)) } } });
      await flushOrConflict(em, { duplicate: () => conflict('时限目标已被同时修改，请重试') });
      return (await this.targets(ctx, em, input.channel)).find((t) => t.type === input.type && t.urgency === input.urgency)!;
    });
  },

  /** The effective targets of a channel's kinds of case. */
  async targets(ctx: Context, em: EntityManager, channel: CaseChannel | null | undefined): Promise<CaseDeadlineTargetRow[]> {
    const rows = await em.find(ProtectionCaseTarget, channel ? { channel } : {});
    const out: CaseDeadlineTargetRow[] = [];
    for (const ch of channel ? [channel] : Object.values(CaseChannel)) {
      for (const type of Object.values(CaseType)) {
        for (const urgency of Object.values(CaseUrgency)) {
          const row = rows.find((r) => r.channel === ch && r.type === type && r.urgency === urgency);
          const minutes = row ? [row.firstResponseMinutes, row.feedbackMinutes, row.resolutionMinutes] : DEFAULT_TARGET_HOURS[urgency].map((h) => h * 60);
          out.push(Object.assign(new CaseDeadlineTargetRow(), { channel: ch, type, urgency, firstResponseHours: minutes[0]! / 60, feedbackHours: minutes[1]! / 60, resolutionHours: minutes[2]! / 60, isDefault: !row }));
        }
      }
    }
    return out;
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

  sortDeadlines,
};

// The assistance centres work on China's official calendar: a change to it moves their open deadlines.
onWorkingDayCalendarChange(async (em, ctx) => {
  const old = await chinaCalendar(em);
  return async () => {
    await caseService.calendarChanged(em, ctx, null, old, await chinaCalendar(em));
  };
});
