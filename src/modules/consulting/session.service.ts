/**
 * Consulting sessions [D 四(三)二]: a selected team's users, the bureau that selected it or the
 * national bureau arrange sessions one at a time or a season at once (all or nothing), change them
 * before they start, cancel them (their bookings with them) and confirm they were held; everyone
 * lists them (the public portal: upcoming ones). Rules and codes: consulting.rules.ts.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { assertMay } from '../../common/policy.js';
import { anyOf, query, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { NATIONAL_BUREAU } from '../service/service.policy.js';
import { SelectedServiceTeam } from '../service/team.entity.js';
import { ConsultingBooking, ConsultingBookingStatus } from './booking.entity.js';
import { ConsultingMode, ConsultingSession, ConsultingSessionStatus } from './session.entity.js';
import { consultingActions, type SessionFacts } from './consulting.policy.js';
import { activeTeam, assertListingCovers, checkSessionFields, listingOf, PARAGRAPH, regionServed, requiredText, seasonStarts, startOfChinaDay, type CheckedFields } from './consulting.rules.js';
import type { CancelConsultingSessionInput, ConsultingSessionFieldsInput, ConsultingSessionFilter, CreateConsultingSeasonInput, MarkConsultingSessionHeldInput, UpdateConsultingSessionInput } from './session.inputs.js';

const FIELDS = ['startsAt', 'durationMinutes', 'topics', 'capacity', 'mode', 'location', 'link', 'regionCode', 'note', 'status', 'cancelReason'] as const;
const SEASON_MAX = 26;

/** The audit jurisdiction of a session: its listing's provincial bureau, none for the national bureau's. */
const jurisdictionOf = (bureauCode: string) => (bureauCode === NATIONAL_BUREAU ? null : bureauCode);

/** What the run rule needs of a session: its team and its listing's bureau. */
export async function sessionFacts(em: EntityManager, s: ConsultingSession): Promise<SessionFacts & { selection: SelectedServiceTeam }> {
  const selection = await em.findOneOrFail(SelectedServiceTeam, s.selection.id);
  return { organizationId: s.organization.id, bureauCode: selection.bureauCode, selection };
}

/**
 * A session to change, locked (so that bookings and changes of one session take turns): NOT_FOUND,
 * then the run rule, then the version.
 */
async function forChange(em: EntityManager, ctx: Context, globalId: string, version: number | null) {
  const id = expectGlobalId(globalId, 'ConsultingSession', 'id');
  const s = await em.findOne(ConsultingSession, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!s) throw notFound('问诊咨询场次', globalId);
  const facts = await sessionFacts(em, s);
  assertMay(ctx, consultingActions.runSession, facts);
  if (version !== null && s.version !== version) throw conflict('场次已被修改，请刷新后重试', { field: 'version', currentVersion: s.version });
  return { s, facts };
}

/** Creates sessions at `starts` from the fields, inside the caller's transaction (checks done). */
async function createSessions(em: EntityManager, ctx: Context, input: ConsultingSessionFieldsInput, starts: Date[], operation: string, seasonId: string | null): Promise<ConsultingSession[]> {
  const v = requireUser(ctx);
  const selectionId = expectGlobalId(input.selectionId, 'SelectedServiceTeam', 'selectionId');
  const problems = new InputProblems();
  const checked = checkSessionFields(problems, { durationMinutes: input.durationMinutes ?? 120, topics: input.topics, capacity: input.capacity, mode: input.mode, location: input.location ?? null, link: input.link ?? null, note: input.note ?? null });
  const now = ctx.clock.now();
  starts.forEach((start, i) => {
    if (start.getTime() <= now.getTime()) problems.add(starts.length > 1 ? (i === 0 ? 'firstStartsAt' : `startsAt.${i}`) : 'startsAt', '须晚于现在');
  });
  problems.throwIfAny();
  const selection = await listingOf(em, selectionId, input.selectionId);
  assertMay(ctx, consultingActions.runSession, { organizationId: selection.organization.id, bureauCode: selection.bureauCode });
  const team = await activeTeam(em, selection);
  assertListingCovers(selection, starts);
  const regionCode = regionServed(ctx, problems, selection, team, input.regionCode);
  problems.throwIfAny();
  const sessions = starts.map((startsAt) =>
    em.create(ConsultingSession, {
      selection: selection.id,
      organization: team.id,
      seasonId,
      startsAt,
      durationMinutes: checked.durationMinutes!,
      topics: checked.topics!,
      capacity: checked.capacity!,
      mode: checked.mode!,
      location: checked.mode === ConsultingMode.ON_SITE ? checked.location : null,
      link: checked.mode === ConsultingMode.ONLINE ? checked.link : null,
      regionCode,
      note: checked.note ?? null,
      createdBy: v.username,
    }),
  );
  for (const s of sessions) {
    recordAudit(em, ctx, { operation, objectType: 'ConsultingSession', objectId: s.id, jurisdiction: jurisdictionOf(selection.bureauCode), changes: { ...changedFields(null, snapshot(s, FIELDS), FIELDS), team: { before: null, after: team.name } } });
  }
  await em.flush();
  return sessions;
}

export const sessionService = {
  async create(ctx: Context, input: ConsultingSessionFieldsInput & { startsAt: Date }): Promise<ConsultingSession> {
    assertMay(ctx, consultingActions.runSession, undefined);
    return transaction(ctx.em, async (em) => (await createSessions(em, ctx, input, [input.startsAt], 'createConsultingSession', null))[0]!);
  },

  /** A season: `count` sessions `every` weeks or months apart, every one checked before any is made. */
  async createSeason(ctx: Context, input: CreateConsultingSeasonInput): Promise<{ seasonId: string; sessions: ConsultingSession[] }> {
    assertMay(ctx, consultingActions.runSession, undefined);
    const problems = new InputProblems();
    if (!Number.isInteger(input.every) || input.every < 1 || input.every > 12) problems.add('every', '应为 1–12');
    if (!Number.isInteger(input.count) || input.count < 2 || input.count > SEASON_MAX) problems.add('count', `应为 2–${SEASON_MAX}`);
    problems.throwIfAny();
    const seasonId = uuidv7();
    const starts = seasonStarts(input.firstStartsAt, input.every, input.unit, input.count);
    const sessions = await transaction(ctx.em, (em) => createSessions(em, ctx, input, starts, 'createConsultingSeason', seasonId));
    return { seasonId, sessions };
  },

  /** Changes a scheduled session before it starts; the capacity never below the seats taken. */
  async update(ctx: Context, input: UpdateConsultingSessionInput): Promise<ConsultingSession> {
    assertMay(ctx, consultingActions.runSession, undefined);
    const problems = new InputProblems();
    if (input.startsAt === null) problems.add('startsAt', '不能清空');
    const given = Object.fromEntries(['durationMinutes', 'topics', 'capacity', 'mode', 'location', 'link', 'note'].filter((k) => (input as unknown as Record<string, unknown>)[k] !== undefined).map((k) => [k, (input as unknown as Record<string, unknown>)[k]]));
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await forChange(em, ctx, input.id, input.version);
      const checked: CheckedFields = checkSessionFields(problems, given, s);
      const now = ctx.clock.now();
      if (input.startsAt && input.startsAt.getTime() <= now.getTime()) problems.add('startsAt', '须晚于现在');
      problems.throwIfAny();
      assertScheduled(s);
      if (s.startsAt.getTime() <= now.getTime()) throw ruleViolation('SESSION_STARTED', '场次已开始，不能修改', { paragraph: PARAGRAPH });
      if (checked.capacity !== undefined && checked.capacity < s.seatsTaken) throw badInput('capacity', `已有 ${s.seatsTaken} 人预约，名额不能少于此数`);
      if (input.startsAt) assertListingCovers(facts.selection, [input.startsAt]);
      const before = snapshot(s, FIELDS);
      if (input.startsAt) s.startsAt = input.startsAt;
      Object.assign(s, Object.fromEntries(Object.entries(checked).filter(([, value]) => value !== undefined)));
      if (s.mode === ConsultingMode.ON_SITE) s.link = null;
      else s.location = null;
      recordAudit(em, ctx, { operation: 'updateConsultingSession', objectType: 'ConsultingSession', objectId: s.id, jurisdiction: jurisdictionOf(facts.bureauCode), changes: changedFields(before, snapshot(s, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('场次已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  /** Cancels a session that was not held (with a public reason); every live booking is cancelled with it. */
  async cancel(ctx: Context, input: CancelConsultingSessionInput): Promise<{ session: ConsultingSession; cancelledBookings: number }> {
    assertMay(ctx, consultingActions.runSession, undefined);
    const v = requireUser(ctx);
    const problems = new InputProblems();
    const reason = requiredText(problems, 'reason', input.reason, 2_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await forChange(em, ctx, input.id, input.version);
      assertScheduled(s);
      const now = ctx.clock.now();
      const bookings = await em.find(ConsultingBooking, { session: s.id, status: ConsultingBookingStatus.BOOKED });
      for (const b of bookings) Object.assign(b, { status: ConsultingBookingStatus.CANCELLED, cancelledAt: now, cancelledBy: v.username, cancelReason: `场次取消：${reason}` });
      const before = snapshot(s, FIELDS);
      Object.assign(s, { status: ConsultingSessionStatus.CANCELLED, cancelledAt: now, cancelReason: reason, seatsTaken: 0 });
      recordAudit(em, ctx, { operation: 'cancelConsultingSession', objectType: 'ConsultingSession', objectId: s.id, jurisdiction: jurisdictionOf(facts.bureauCode), changes: { ...changedFields(before, snapshot(s, FIELDS), FIELDS), cancelledBookings: { before: null, after: bookings.length } } });
      // Each booking's entry goes to the jurisdiction of its enterprise (whose bureau sees the booking).
      const regions = bookings.length ? await query<{ id: string; region_code: string }>(em, sql`select id, region_code from enterprise where ${anyOf(sql`id`, [...new Set(bookings.map((b) => b.enterprise.id))])}`) : [];
      for (const b of bookings) {
        const jurisdiction = regions.find((r) => r.id === b.enterprise.id)?.region_code ?? null;
        recordAudit(em, ctx, { operation: 'cancelConsultingSession', objectType: 'ConsultingBooking', objectId: b.id, jurisdiction, changes: { status: { before: ConsultingBookingStatus.BOOKED, after: ConsultingBookingStatus.CANCELLED }, reason: { before: null, after: b.cancelReason } } });
      }
      await flushOrConflict(em, { stale: () => conflict('场次已被修改，请刷新后重试', { field: 'version' }) });
      return { session: s, cancelledBookings: bookings.length };
    });
  },

  /** Confirms a scheduled session was held, once it has started. */
  async markHeld(ctx: Context, input: MarkConsultingSessionHeldInput): Promise<ConsultingSession> {
    assertMay(ctx, consultingActions.runSession, undefined);
    return transaction(ctx.em, async (em) => {
      const { s, facts } = await forChange(em, ctx, input.id, input.version);
      assertScheduled(s);
      if (s.startsAt.getTime() > ctx.clock.now().getTime()) throw ruleViolation('SESSION_NOT_STARTED', '场次尚未开始', { paragraph: PARAGRAPH, startsAt: s.startsAt.toISOString() });
      s.status = ConsultingSessionStatus.HELD;
      recordAudit(em, ctx, { operation: 'markConsultingSessionHeld', objectType: 'ConsultingSession', objectId: s.id, jurisdiction: jurisdictionOf(facts.bureauCode), changes: { status: { before: ConsultingSessionStatus.SCHEDULED, after: ConsultingSessionStatus.HELD } } });
      await flushOrConflict(em, { stale: () => conflict('场次已被修改，请刷新后重试', { field: 'version' }) });
      return s;
    });
  },

  /** Sessions (public), earliest first: upcoming ones (scheduled, from today on) for the portal, or by region (roll-up), team, status, mode, period. */
  list(ctx: Context, filter: ConsultingSessionFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    if (f.from && f.to && f.to < f.from) throw badInput('filter.to', '不能早于 from');
    // "Upcoming" is by the programme's date (what the public response cache is keyed by), not the instant.
    const where: (Sql | null)[] = [
      f.upcoming ? sql`s.status = ${ConsultingSessionStatus.SCHEDULED} and s.starts_at >= ${startOfChinaDay(ctx.clock.today())}::timestamptz` : null,
      f.regionCodes ? anyOf(sql`s.region_code`, ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions)) : null,
      f.organizationId ? sql`s.organization_id = ${expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      f.selectionId ? sql`s.selection_id = ${expectGlobalId(f.selectionId, 'SelectedServiceTeam', 'filter.selectionId')}::uuid` : null,
      f.seasonId ? sql`s.season_id = ${seasonKey(f.seasonId)}::uuid` : null,
      f.statuses ? anyOf(sql`s.status`, f.statuses) : null,
      f.modes ? anyOf(sql`s.mode`, f.modes) : null,
      f.from ? sql`s.starts_at >= ${startOfChinaDay(f.from)}::timestamptz` : null,
      f.to ? sql`s.starts_at < ${new Date(startOfChinaDay(f.to).getTime() + 86_400_000)}::timestamptz` : null,
      f.withOpenSeats ? sql`s.seats_taken < s.capacity and s.status = ${ConsultingSessionStatus.SCHEDULED}` : null,
    ];
    return keysetPage<ConsultingSession>({
      query: filteredQuery(ctx.em, ConsultingSession, 's', where),
      args,
      limits: ctx.config,
      orderKey: 'STARTS_AT:ASC',
      ascending: true,
      column: 's.starts_at',
      idColumn: 's.id',
      cast: 'timestamptz',
      property: 'startsAt',
      value: (s) => s.startsAt.toISOString(),
      valueOk: (x) => typeof x === 'string' && !Number.isNaN(Date.parse(x)),
    });
  },
};

/** A season id as given back by createConsultingSeason (a UUID). */
function seasonKey(raw: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(raw)) throw badInput('filter.seasonId', '不是有效的季标识');
  return raw;
}

/** CONFLICT unless the session is still scheduled. */
function assertScheduled(s: ConsultingSession): void {
  if (s.status !== ConsultingSessionStatus.SCHEDULED) throw conflict(s.status === ConsultingSessionStatus.CANCELLED ? '场次已取消' : '场次已举行', { status: s.status });
}
