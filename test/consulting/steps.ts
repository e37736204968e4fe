/**
 * Steps the consulting tests share: teams registered and selected through GraphQL, programme
 * enterprises and their staff from the factories, sessions and bookings through the mutations.
 */
import { expect } from 'vitest';
import { as, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { insertPerson } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

export const GD = '440000';
export const SZ = '440300';
export const JS = '320000';

export const SESSION_FIELDS = `id version status startsAt startsAtLocal date endsAt durationMinutes topics capacity seatsLeft mode location link regionCode note cancelReason team { id } selection { id }`;
export const CREATE_SESSION = `mutation($input: CreateConsultingSessionInput!) { createConsultingSession(input: $input) { session { ${SESSION_FIELDS} } } }`;
export const CREATE_SEASON = `mutation($input: CreateConsultingSeasonInput!) { createConsultingSeason(input: $input) { seasonId sessions { ${SESSION_FIELDS} } } }`;
export const UPDATE_SESSION = `mutation($input: UpdateConsultingSessionInput!) { updateConsultingSession(input: $input) { session { ${SESSION_FIELDS} } } }`;
export const CANCEL_SESSION = `mutation($input: CancelConsultingSessionInput!) { cancelConsultingSession(input: $input) { cancelledBookings session { ${SESSION_FIELDS} } } }`;
export const MARK_HELD = `mutation($input: MarkConsultingSessionHeldInput!) { markConsultingSessionHeld(input: $input) { session { id status version } } }`;
export const BOOK = `mutation($input: BookConsultingSessionInput!) { bookConsultingSession(input: $input) { booking { id status questions personName enterpriseName session { id seatsLeft } } } }`;
export const CANCEL_BOOKING = `mutation($input: CancelConsultingBookingInput!) { cancelConsultingBooking(input: $input) { booking { id status cancelReason session { id seatsLeft } } } }`;
export const RECORD = `mutation($input: RecordConsultationOutcomeInput!) {
  recordConsultationOutcome(input: $input) {
    booking { id status diagnosis advice outcomeRecordedBy session { id status } }
    serviceRecord { id type servedOn hours summary outcome enterpriseName organization { id } deliveredBy { name } }
  }
}`;
export const RATE = `mutation($input: RateConsultationInput!) { rateConsultation(input: $input) { booking { id rating ratingComment ratedAt } } }`;
export const SESSIONS = `query($filter: ConsultingSessionFilter, $first: Int) { consultingSessions(first: $first, filter: $filter) { totalCount edges { node { id date status seatsLeft regionCode topics team { name } } } } }`;
export const BOOKINGS = `query($filter: ConsultingBookingFilter) { consultingBookings(first: 100, filter: $filter) { totalCount edges { node { id status personName enterpriseName questions diagnosis rating } } } }`;

const CREATE_ORG = `mutation($input: CreateServiceOrganizationInput!) { createServiceOrganization(input: $input) { organization { id name } } }`;
const SELECT = `mutation($input: SelectServiceTeamInput!) { selectServiceTeam(input: $input) { selection { id version } } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
const ADD_MEMBER = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { member { id } } }`;

export const key = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
/** A user of the organisation of global id `organizationId`. */
export const provider = (organizationId: string): Viewer => as.user('SERVICE_PROVIDER', { organizationId: key(organizationId) });

/** The error of a refused operation: its code, rule and fields. */
export function refusal(r: GraphQLResult): { code: unknown; rule: unknown; message: string; fields: { field: string }[] } {
  expect(r.errors, JSON.stringify(r.data)).toBeDefined();
  const e = r.errors![0]!;
  return { code: e.extensions?.code, rule: e.extensions?.rule, message: e.message, fields: (e.extensions?.fields as { field: string }[]) ?? [] };
}

let serial = 0;

/** A service team registered by the bureau of `region`, selected by `bureau` (a region, or 'national') for `year` with the term given. */
export async function selectedTeam(t: TestApp, region: string, term: { year: number; from: string; to: string }, bureau: string | 'national' = region): Promise<{ id: string; name: string; selectionId: string; selectionVersion: number }> {
  const org = (
    await t.ok(CREATE_ORG, { input: { name: `问诊测试服务团队${++serial}`, kind: 'SERVICE_TEAM', regionCode: region, specialties: ['STRATEGY'], regionCodesServed: [region] } }, as.provincial(region))
  ).createServiceOrganization.organization;
  const selection = (await t.ok(SELECT, { input: { organizationId: org.id, year: term.year, termStartsOn: term.from, termEndsOn: term.to } }, bureau === 'national' ? as.national() : as.provincial(bureau))).selectServiceTeam.selection;
  return { id: org.id, name: org.name, selectionId: selection.id, selectionVersion: selection.version };
}

/** A member of the team (a person registered by the bureau), from `startsOn`. */
export async function teamMember(t: TestApp, region: string, teamId: string, name: string, startsOn = '2026-01-01'): Promise<string> {
  const personId = (await t.ok(CREATE_PERSON, { input: { name, regionCode: region } }, as.provincial(region))).createPerson.person.id;
  await t.ok(ADD_MEMBER, { input: { organizationId: teamId, personId, role: 'MEMBER', startsOn } }, as.provincial(region));
  return personId;
}

const rng = randomFor(7_131);

export interface TestEnterprise {
  id: string;
  gid: string;
  name: string;
  /** Global ids of its staff. */
  staff: string[];
}

/** An enterprise of `region` with `staff` people; a demonstration enterprise (valid 2025-09-26 to 2028-09-25) unless `title` says otherwise. */
export async function enterprise(t: TestApp, region: string, staff = 2, title: 'DEMONSTRATION' | 'ADVANTAGE' | null = 'DEMONSTRATION'): Promise<TestEnterprise> {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
  if (title) await makeDesignation(t.orm.em, e, { level: title, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
  const people: string[] = [];
  for (let i = 0; i < staff; i++) {
    const id = await insertPerson(t.orm.em, { name: `${e.name.slice(0, 2)}员工${++serial}`, employerEnterpriseId: e.id, regionCode: region, category: 'IP_MANAGER' });
    people.push(toGlobalId('Person', id));
  }
  return { id: e.id, gid: toGlobalId('Enterprise', e.id), name: e.name, staff: people };
}

/** A session input under the listing, on site in Guangzhou unless `extra` says otherwise. */
export const sessionInput = (selectionId: string, startsAt: string, extra: Record<string, unknown> = {}) => ({
  selectionId,
  startsAt,
  topics: ['海外专利布局', '展会知识产权纠纷应对'],
  capacity: 3,
  mode: 'ON_SITE',
  location: '广州市天河区（省知识产权保护中心）',
  ...extra,
});

/** Creates a session as `viewer` (default: the team's own user) and returns it. */
export async function session(t: TestApp, team: { id: string; selectionId: string }, startsAt: string, extra: Record<string, unknown> = {}, viewer?: Viewer): Promise<any> {
  return (await t.ok(CREATE_SESSION, { input: sessionInput(team.selectionId, startsAt, extra) }, viewer ?? provider(team.id))).createConsultingSession.session;
}

/** Books a seat for the enterprise's `staffIndex`-th person. */
export async function book(t: TestApp, e: TestEnterprise, sessionId: string, staffIndex = 0, questions = '如何应对海外展会上的专利侵权指控？'): Promise<any> {
  return (await t.ok(BOOK, { input: { sessionId, personId: e.staff[staffIndex], questions } }, as.enterprise(e.id))).bookConsultingSession.booking;
}
