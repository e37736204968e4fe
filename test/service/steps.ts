/** Steps the service-measure tests share: organisations, people and members through GraphQL, demonstration enterprises from the factories. */
import { expect } from 'vitest';
import { as, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';

export const GD = '440000';
export const SZ = '440300';
export const JS = '320000';

export const CREATE_ORG = `mutation($input: CreateServiceOrganizationInput!) { createServiceOrganization(input: $input) { organization { id name kind status version specialties regionsServed { code } region { code } contactName contactPhone } } }`;
export const UPDATE_ORG = `mutation($input: UpdateServiceOrganizationInput!) { updateServiceOrganization(input: $input) { organization { id name status statusNote statusChangedOn version region { code } contactPhone } } }`;
export const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
export const ADD_MEMBER = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { member { id version role qualifications startsOn endsOn current name } } }`;
export const END_MEMBER = `mutation($input: EndOrganizationMembershipInput!) { endOrganizationMembership(input: $input) { member { id version endedOn endReason current } } }`;
export const SELECT = `mutation($input: SelectServiceTeamInput!) { selectServiceTeam(input: $input) { selection { id version year bureauCode termStartsOn termEndsOn current bureau { code } organization { id name } } } }`;
export const DISPATCH = `mutation($input: DispatchCommissionerInput!) { dispatchCommissioner(input: $input) { dispatch { id version status bureauCode startsOn endsOn commissionerName enterpriseName organization { id } } } }`;
export const VISIT = `mutation($input: RecordCommissionerVisitInput!) { recordCommissionerVisit(input: $input) { record { id type servedOn hours deliveredBy { name } dispatch { id } } dispatch { id } } }`;
export const RECORD = `mutation($input: RecordServiceInput!) { recordService(input: $input) { record { id version type servedOn hours summary outcome status enterpriseName organization { id } deliveredBy { name } station { id } dispatch { id } } } }`;
export const REQUEST = `mutation($input: RequestServiceStationInput!) { requestServiceStation(input: $input) { station { id version status requestedOn enterpriseName } } }`;
export const APPROVE = `mutation($input: ApproveServiceStationInput!) { approveServiceStation(input: $input) { station { id version status decidedOn organization { id } } } }`;
export const OPEN = `mutation($input: OpenServiceStationInput!) { openServiceStation(input: $input) { station { id version status openedOn } } }`;

export const key = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
/** A user of the organisation of global id `organizationId`. */
export const provider = (organizationId: string): Viewer => as.user('SERVICE_PROVIDER', { organizationId: key(organizationId) });
/** The EXPERT user of the person of global id `personId`. */
export const expert = (personId: string): Viewer => as.user('EXPERT', { personId: key(personId) });

/** The error of a refused operation: its code and rule. */
export function refusal(r: GraphQLResult): { code: unknown; rule: unknown; message: string } {
  expect(r.errors, JSON.stringify(r.data)).toBeDefined();
  const e = r.errors![0]!;
  return { code: e.extensions?.code, rule: e.extensions?.rule, message: e.message };
}

let orgSerial = 0;

/** A service organisation registered by the bureau of `region` (or the national bureau). */
export async function organization(t: TestApp, region: string, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number; name: string }> {
  const input = { name: `测试服务团队${++orgSerial}`, kind: 'SERVICE_TEAM', regionCode: region, specialties: ['STRATEGY'], contactName: '王联络', contactPhone: '020-12345678', contactEmail: 'team@example.cn', ...extra };
  return (await t.ok(CREATE_ORG, { input }, as.provincial(region))).createServiceOrganization.organization;
}

/** A person registered by the bureau of `region`. */
export async function person(t: TestApp, region: string, name: string): Promise<string> {
  return (await t.ok(CREATE_PERSON, { input: { name, regionCode: region, phone: '13900001111', qualifications: ['专利代理师'] } }, as.provincial(region))).createPerson.person.id;
}

/** A member of the organisation (registered by its bureau) from `startsOn`. */
export async function member(t: TestApp, region: string, orgId: string, personId: string, startsOn = '2026-01-01', endsOn: string | null = null) {
  return (await t.ok(ADD_MEMBER, { input: { organizationId: orgId, personId, role: 'MEMBER', qualifications: ['专利代理师'], startsOn, endsOn } }, as.provincial(region))).addOrganizationMember.member;
}

const rng = randomFor(4343);

/** An enterprise of `region`, a demonstration enterprise (valid 2025-09-26 to 2028-09-25) unless `plain`. */
export async function enterprise(t: TestApp, region: string, plain = false): Promise<Enterprise & { gid: string }> {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
  if (!plain) await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
  return Object.assign(e, { gid: toGlobalId('Enterprise', e.id) });
}
