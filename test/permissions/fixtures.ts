/**
 * The world the permission-matrix tests run against, and the matrix of docs/permissions.md as an
 * independent model (nothing here imports src/common/access.ts: the product is tested against the doc).
 *
 * Enterprises: Guangdong 440000 (designated today / not designated), Shenzhen 440300 — a separately
 * planned city, its own jurisdiction — (designated / not), Beijing 110000 (not designated / designation
 * expired, so not in the public directory). Each has two years of statistics, contact fields and
 * internal notes. A service organisation in 440000, a person (expert), and an account for every role.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp, GraphQLResult } from '../harness/app.js';
import { makeDesignation, makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { addDays } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { todayInChina } from '../../src/common/scalars.js';
import type { Role, Viewer } from '../../src/context.js';
import { insertOrganization, insertPerson, insertUser } from '../../seeds/factories.js';

export const GD = '440000';
export const SZ = '440300';
export const BJ = '110000';

export const ENTERPRISE_KEYS = ['gdDesignated', 'gdPlain', 'szDesignated', 'szPlain', 'bjPlain', 'bjExpired'] as const;
export type EnterpriseKey = (typeof ENTERPRISE_KEYS)[number];

export const VIEWER_KEYS = ['anonymous', 'national', 'provincialGd', 'provincialSz', 'enterpriseUser', 'serviceProvider', 'expert'] as const;
export type ViewerKey = (typeof VIEWER_KEYS)[number];

/** Accounts: one behind every signed-in viewer, plus a few others to look at and manage. */
export const USER_KEYS = ['national', 'provincialGd', 'provincialSz', 'enterpriseUser', 'serviceProvider', 'expert', 'enterpriseUserSz', 'enterpriseUserBj', 'provincialBj'] as const;
export type UserKey = (typeof USER_KEYS)[number];

export interface EnterpriseFx {
  key: EnterpriseKey;
  id: string;
  gid: string;
  name: string;
  creditCode: string;
  regionCode: string;
  /** In the public directory: holds a designation valid today. */
  publicDirectory: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  internalNotes: string;
  statistics: { id: string; gid: string; year: number }[];
  designations: { id: string; gid: string }[];
}

export interface UserFx {
  key: UserKey;
  id: string;
  gid: string;
  username: string;
  role: Role;
  phone: string;
  email: string;
  regionCode: string | null;
  enterpriseKey: EnterpriseKey | null;
  organization: boolean;
  person: boolean;
  /** The jurisdiction its scope lies in (a provincial admin's region, its enterprise's or organisation's region). */
  jurisdiction: string | null;
}

export interface World {
  today: string;
  enterprises: Record<EnterpriseKey, EnterpriseFx>;
  organization: { id: string; gid: string; name: string; regionCode: string; contactPhone: string; contactEmail: string };
  person: { id: string; gid: string; name: string; phone: string; email: string; identityNumber: string };
  users: Record<UserKey, UserFx>;
  viewers: Record<ViewerKey, Viewer>;
  /** The scope of each viewer, as the matrix reads it. */
  scopes: Record<ViewerKey, ViewerScope>;
}

export interface ViewerScope {
  role: Role | 'ANONYMOUS';
  regionCode?: string;
  enterpriseId?: string;
  organizationId?: string;
  personId?: string;
  userId?: string;
}

const ENTERPRISE_SPECS: Record<EnterpriseKey, { regionCode: string; name: string; designation: 'valid' | 'expired' | null }> = {
  gdDesignated: { regionCode: GD, name: '广东认定矩阵测试科技有限公司', designation: 'valid' },
  gdPlain: { regionCode: GD, name: '广东未认定矩阵测试科技有限公司', designation: null },
  szDesignated: { regionCode: SZ, name: '深圳认定矩阵测试科技有限公司', designation: 'valid' },
  szPlain: { regionCode: SZ, name: '深圳未认定矩阵测试科技有限公司', designation: null },
  bjPlain: { regionCode: BJ, name: '北京未认定矩阵测试科技有限公司', designation: null },
  bjExpired: { regionCode: BJ, name: '北京认定期满矩阵测试科技有限公司', designation: 'expired' },
};

const STAT_YEARS = [2023, 2024];

export async function buildWorld(t: TestApp): Promise<World> {
  const today = todayInChina();
  const rng = randomFor(20_261_122);
  const em = t.orm.em;
  const enterprises = {} as Record<EnterpriseKey, EnterpriseFx>;
  let n = 0;
  for (const key of ENTERPRISE_KEYS) {
    const spec = ENTERPRISE_SPECS[key];
    n++;
    const e = await makeEnterprise(em, rng, { regionCode: spec.regionCode, name: spec.name, industryCode: '39', sizeClass: 'MEDIUM', industryLeader: false });
    const designations: EnterpriseFx['designations'] = [];
    if (spec.designation === 'valid') {
      const validFrom = addDays(today, -400);
      const d = await makeDesignation(em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: Number(validFrom.slice(0, 4)), validFrom, validUntil: addDays(today, 600) });
      designations.push({ id: d.id, gid: toGlobalId('Designation', d.id) });
    } else if (spec.designation === 'expired') {
      // Still stored as ACTIVE, but its validity ended a month ago: reads as EXPIRED, not in the directory.
      const validFrom = addDays(today, -1130);
      const d = await makeDesignation(em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: Number(validFrom.slice(0, 4)), validFrom, validUntil: addDays(today, -30) });
      designations.push({ id: d.id, gid: toGlobalId('Designation', d.id) });
    }
    const statistics: EnterpriseFx['statistics'] = [];
    for (const year of STAT_YEARS) {
      const s = await makeStatistics(em, e, { year, inventionApplications: 10 * n + year - 2020, inventionGrants: n, ipStaff: 3 });
      statistics.push({ id: s.id, gid: toGlobalId('EnterpriseStatistics', s.id), year });
    }
    const fx: EnterpriseFx = {
      key,
      id: e.id,
      gid: toGlobalId('Enterprise', e.id),
      name: spec.name,
      creditCode: e.creditCode,
      regionCode: spec.regionCode,
      publicDirectory: spec.designation === 'valid',
      contactName: `联系人${n}`,
      contactPhone: `0755-8000000${n}`,
      contactEmail: `contact${n}@${key.toLowerCase()}.example.cn`,
      internalNotes: `内部备注：${key} 第 ${n} 号`,
      statistics,
      designations,
    };
    await t.sql('update enterprise set contact_name = ?, contact_phone = ?, contact_email = ?, internal_notes = ? where id = ?', [
      fx.contactName,
      fx.contactPhone,
      fx.contactEmail,
      fx.internalNotes,
      fx.id,
    ]);
    enterprises[key] = fx;
  }

  const organization = {
    id: randomUUID(),
    gid: '',
    name: '广东矩阵测试知识产权代理有限公司',
    regionCode: GD,
    contactPhone: '020-87654321',
    contactEmail: 'agency@matrix.example.cn',
  };
  organization.gid = toGlobalId('ServiceOrganization', organization.id);
  await insertOrganization(t.orm.em, { name: organization.name, kind: 'AGENCY', regionCode: organization.regionCode, contactPhone: organization.contactPhone, contactEmail: organization.contactEmail }, organization.id);

  const person = { id: randomUUID(), gid: '', name: '张矩阵', phone: '13800138000', email: 'expert@matrix.example.cn', identityNumber: '110101199003074514' };
  person.gid = toGlobalId('Person', person.id);
  await insertPerson(t.orm.em, { name: person.name, employer: '某大学', title: '教授', expertise: '专利分析', phone: person.phone, email: person.email, identityNumber: person.identityNumber }, person.id);

  const userSpecs: Record<UserKey, { role: Role; regionCode?: string; enterpriseKey?: EnterpriseKey; organization?: boolean; person?: boolean }> = {
    national: { role: 'NATIONAL_ADMIN' },
    provincialGd: { role: 'PROVINCIAL_ADMIN', regionCode: GD },
    provincialSz: { role: 'PROVINCIAL_ADMIN', regionCode: SZ },
    enterpriseUser: { role: 'ENTERPRISE_USER', enterpriseKey: 'gdPlain' },
    serviceProvider: { role: 'SERVICE_PROVIDER', organization: true },
    expert: { role: 'EXPERT', person: true },
    enterpriseUserSz: { role: 'ENTERPRISE_USER', enterpriseKey: 'szPlain' },
    enterpriseUserBj: { role: 'ENTERPRISE_USER', enterpriseKey: 'bjPlain' },
    provincialBj: { role: 'PROVINCIAL_ADMIN', regionCode: BJ },
  };
  const users = {} as Record<UserKey, UserFx>;
  let u = 0;
  for (const key of USER_KEYS) {
    const spec = userSpecs[key];
    u++;
    const id = randomUUID();
    const username = `matrix-${key.toLowerCase()}`;
    const enterprise = spec.enterpriseKey ? enterprises[spec.enterpriseKey] : null;
    const fx: UserFx = {
      key,
      id,
      gid: toGlobalId('User', id),
      username,
      role: spec.role,
      phone: `1390000000${u}`,
      email: `${username}@users.example.cn`,
      regionCode: spec.regionCode ?? null,
      enterpriseKey: spec.enterpriseKey ?? null,
      organization: !!spec.organization,
      person: !!spec.person,
      jurisdiction: spec.regionCode ?? enterprise?.regionCode ?? (spec.organization ? organization.regionCode : null),
    };
    await insertUser(
      t.orm.em,
      {
        username, displayName: `矩阵用户 ${key}`, passwordHash: 'not-a-usable-hash', role: spec.role, regionCode: spec.regionCode, enterpriseId: enterprise?.id,
        organizationId: spec.organization ? organization.id : null, personId: spec.person ? person.id : null, phone: fx.phone, email: fx.email,
      },
      id,
    );
    users[key] = fx;
  }

  const viewerOf = (user: UserFx): Viewer => ({
    kind: 'USER',
    userId: user.id,
    username: user.username,
    role: user.role,
    sessionId: randomUUID(),
    ...(user.regionCode ? { regionCode: user.regionCode } : {}),
    ...(user.enterpriseKey ? { enterpriseId: enterprises[user.enterpriseKey].id } : {}),
    ...(user.organization ? { organizationId: organization.id } : {}),
    ...(user.person ? { personId: person.id } : {}),
  });
  const viewers: Record<ViewerKey, Viewer> = {
    anonymous: { kind: 'ANONYMOUS' },
    national: viewerOf(users.national),
    provincialGd: viewerOf(users.provincialGd),
    provincialSz: viewerOf(users.provincialSz),
    enterpriseUser: viewerOf(users.enterpriseUser),
    serviceProvider: viewerOf(users.serviceProvider),
    expert: viewerOf(users.expert),
  };
  const scopes = Object.fromEntries(
    VIEWER_KEYS.map((k) => {
      const v = viewers[k];
      if (v.kind !== 'USER') return [k, { role: 'ANONYMOUS' }];
      const s: ViewerScope = { role: v.role, userId: v.userId };
      if (v.regionCode) s.regionCode = v.regionCode;
      if (v.enterpriseId) s.enterpriseId = v.enterpriseId;
      if (v.organizationId) s.organizationId = v.organizationId;
      if (v.personId) s.personId = v.personId;
      return [k, s];
    }),
  ) as Record<ViewerKey, ViewerScope>;

  return { today, enterprises, organization, person, users, viewers, scopes };
}

/* ------------------------------------------------------------------------------------------ *
 * The matrix of docs/permissions.md, cell by cell.                                            *
 * ------------------------------------------------------------------------------------------ */

/** "rows visible (list, count, by id, node, nested)". */
export function canSeeEnterprise(s: ViewerScope, e: EnterpriseFx): boolean {
  switch (s.role) {
    case 'NATIONAL_ADMIN':
      return true;
    case 'PROVINCIAL_ADMIN':
      return e.regionCode === s.regionCode || e.publicDirectory; // own jurisdiction + public directory
    case 'ENTERPRISE_USER':
      return e.id === s.enterpriseId || e.publicDirectory; // own + public directory
    default:
      return e.publicDirectory; // anonymous, expert, service provider
  }
}

/** `statistics`, `contactName`/`contactPhone`/`contactEmail`, and `EnterpriseStatistics` by node. */
export function canReadEnterprisePrivate(s: ViewerScope, e: EnterpriseFx): boolean {
  switch (s.role) {
    case 'NATIONAL_ADMIN':
      return true;
    case 'PROVINCIAL_ADMIN':
      return e.regionCode === s.regionCode;
    case 'ENTERPRISE_USER':
      return e.id === s.enterpriseId;
    default:
      return false;
  }
}

/** `internalNotes`: national admin, and the provincial admin of the enterprise's jurisdiction. */
export function canReadInternalNotes(s: ViewerScope, e: EnterpriseFx): boolean {
  return s.role === 'NATIONAL_ADMIN' || (s.role === 'PROVINCIAL_ADMIN' && e.regionCode === s.regionCode);
}

/** `updateEnterprise` / `setEnterpriseStatistics`: own / own jurisdiction / everything. */
export function canWriteEnterprise(s: ViewerScope, e: EnterpriseFx): boolean {
  return canReadEnterprisePrivate(s, e);
}

/** The expected answer of a mutation on an existing enterprise: null when allowed, else the error code. */
export function enterpriseWriteOutcome(s: ViewerScope, e: EnterpriseFx): null | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' {
  if (s.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (!canSeeEnterprise(s, e)) return 'NOT_FOUND';
  return canWriteEnterprise(s, e) ? null : 'FORBIDDEN';
}

/** `createEnterprise` in `regionCode`. */
export function createEnterpriseOutcome(s: ViewerScope, regionCode: string): null | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (s.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (s.role === 'NATIONAL_ADMIN') return null;
  if (s.role === 'PROVINCIAL_ADMIN' && s.regionCode === regionCode) return null;
  return 'FORBIDDEN';
}

/** `User` by node(id): national all; provincial self and users of its region; others self. */
export function canSeeUser(s: ViewerScope, u: UserFx): boolean {
  if (s.role === 'ANONYMOUS') return false;
  if (s.role === 'NATIONAL_ADMIN' || s.userId === u.id) return true;
  return s.role === 'PROVINCIAL_ADMIN' && u.jurisdiction === s.regionCode;
}

/** `User.phone`, `User.email`: national; self; a provincial admin for users of the jurisdiction. */
export function canReadUserPersonal(s: ViewerScope, u: UserFx): boolean {
  return canSeeUser(s, u);
}

/** The `users` list: a provincial admin sees users of enterprises and organisations in its jurisdiction and its own bureau's admins. */
export function usersListOutcome(s: ViewerScope): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  if (s.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  return s.role === 'NATIONAL_ADMIN' || s.role === 'PROVINCIAL_ADMIN' ? null : 'FORBIDDEN';
}

/**
 * `createUser`, `setUserDisabled`, `resetUserPassword` on an account of `role` whose scope lies in
 * `jurisdiction`. `visible`: whether a provincial admin can see the target (the user, or the
 * enterprise a new enterprise user would belong to); one it cannot see is NOT_FOUND.
 */
export function manageUserOutcome(
  s: ViewerScope,
  target: { role: Role; jurisdiction: string | null },
  visible = true,
): null | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' {
  if (s.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (s.role === 'NATIONAL_ADMIN') return null;
  if (s.role === 'PROVINCIAL_ADMIN' && (target.role === 'ENTERPRISE_USER' || target.role === 'SERVICE_PROVIDER') && target.jurisdiction === s.regionCode) return null;
  if (s.role === 'PROVINCIAL_ADMIN' && !visible) return 'NOT_FOUND';
  return 'FORBIDDEN';
}

/** `ServiceOrganization.contactPhone`/`contactEmail`: national; provincial of its jurisdiction; its own provider users. */
export function canReadOrganizationContacts(s: ViewerScope, org: World['organization']): boolean {
  if (s.role === 'NATIONAL_ADMIN') return true;
  if (s.role === 'PROVINCIAL_ADMIN') return s.regionCode === org.regionCode;
  return s.role === 'SERVICE_PROVIDER' && s.organizationId === org.id;
}

/** `Person` by node(id): national, provincial, the employer enterprise (its own staff; the world's person has none), the expert itself. */
export function canSeePerson(s: ViewerScope, p: World['person'] & { enterpriseId?: string | null }): boolean {
  if (s.role === 'NATIONAL_ADMIN' || s.role === 'PROVINCIAL_ADMIN') return true;
  if (s.role === 'ENTERPRISE_USER') return !!p.enterpriseId && p.enterpriseId === s.enterpriseId;
  return s.role === 'EXPERT' && s.personId === p.id;
}

/**
 * `createPerson` of a staff member of enterprise `e` (employerEnterpriseId): national any; provincial
 * the staff of its jurisdiction's enterprises; an enterprise user its own staff. An employer the
 * viewer cannot see is BAD_USER_INPUT (as if it did not exist); a visible one outside its scope FORBIDDEN.
 */
export function createStaffOutcome(s: ViewerScope, e: EnterpriseFx): null | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' {
  if (s.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (s.role === 'NATIONAL_ADMIN') return null;
  if (s.role !== 'PROVINCIAL_ADMIN' && s.role !== 'ENTERPRISE_USER') return 'FORBIDDEN';
  if (!canSeeEnterprise(s, e)) return 'BAD_USER_INPUT';
  return (s.role === 'PROVINCIAL_ADMIN' ? e.regionCode === s.regionCode : e.id === s.enterpriseId) ? null : 'FORBIDDEN';
}

/** `updatePerson` of the world's person (no employer, no region): national only; NOT_FOUND for whoever cannot see it. */
export function updateWorldPersonOutcome(s: ViewerScope, p: World['person']): null | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' {
  if (s.role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (s.role === 'NATIONAL_ADMIN') return null;
  if (s.role !== 'PROVINCIAL_ADMIN' && s.role !== 'ENTERPRISE_USER') return 'FORBIDDEN';
  return canSeePerson(s, p) ? 'FORBIDDEN' : 'NOT_FOUND';
}

/** `Person.phone`, `email`, `identityNumber`: national and the expert itself (provincial: null). */
export function canReadPersonPersonal(s: ViewerScope, p: World['person']): boolean {
  return s.role === 'NATIONAL_ADMIN' || (s.role === 'EXPERT' && s.personId === p.id);
}

/** `auditLog`. */
export function auditLogOutcome(s: ViewerScope): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  return usersListOutcome(s);
}

/* ------------------------------------------------------------------------------------------ *
 * Helpers.                                                                                    *
 * ------------------------------------------------------------------------------------------ */

export function visibleEnterprises(w: World, viewer: ViewerKey): EnterpriseFx[] {
  return ENTERPRISE_KEYS.map((k) => w.enterprises[k]).filter((e) => canSeeEnterprise(w.scopes[viewer], e));
}

export function codesOf(result: GraphQLResult<unknown>): string[] {
  return (result.errors ?? []).map((e) => String(e.extensions?.code));
}

/** The result must carry exactly one error, with `code`. */
export function expectError(result: GraphQLResult<unknown>, code: string): void {
  expect(codesOf(result), JSON.stringify(result.errors)).toEqual([code]);
}

export function expectNoErrors(result: GraphQLResult<unknown>): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

/** Every enterprise id of `enterprises` for the viewer, following pages of `pageSize`, and the totalCount of each page. */
export async function listAllEnterpriseIds(t: TestApp, viewer: Viewer, filter: Record<string, unknown> | null = null, pageSize = 2): Promise<{ ids: string[]; totalCounts: number[] }> {
  const ids: string[] = [];
  const totalCounts: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result: GraphQLResult<Record<string, any>> = await t.gql(
      `query($first: Int, $after: String, $filter: EnterpriseFilter) {
        enterprises(first: $first, after: $after, filter: $filter) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
      }`,
      { first: pageSize, after, filter },
      viewer,
    );
    expectNoErrors(result);
    const conn: any = result.data!.enterprises;
    totalCounts.push(conn.totalCount);
    ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!conn.pageInfo.hasNextPage) return { ids, totalCounts };
    after = conn.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

/** Tables a refused mutation must leave exactly as they were. */
const WATCHED_TABLES = ['enterprise', 'enterprise_statistics', 'designation', 'app_user', 'session', 'service_organization', 'person', 'audit_entry'];

/** A full copy of every watched table, row by row. */
export async function databaseState(t: TestApp): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const table of WATCHED_TABLES) state[table] = await t.sql(`select * from ${table} order by id`);
  return state;
}

export async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.sql<{ n: string }>('select count(*)::text as n from audit_entry');
  return Number(row!.n);
}
