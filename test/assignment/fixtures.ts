/** What the assignment tests (and the Node cases) build: bureau staff registered as officers, demonstration enterprises. */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { insertUser } from '../../seeds/factories.js';

export const NATIONAL = '100000';
const rng = randomFor(20_261_214);
let serial = 0;

export interface OfficerSpec {
  bureau: string;
  capacity?: number;
  regions?: string[];
  industrySections?: string[];
  languages?: string[];
  name?: string;
  personId?: string | null;
}

/** A bureau staff account and its viewer (the officer itself, for self-declared conflicts). */
export async function staffUser(t: TestApp, bureau: string): Promise<{ userId: string; viewer: Viewer }> {
  const userId = randomUUID();
  const role = bureau === NATIONAL ? 'NATIONAL_ADMIN' : 'PROVINCIAL_ADMIN';
  await insertUser(t.orm.em, { username: `officer-${++serial}-${bureau}`, passwordHash: 'x', role, regionCode: bureau === NATIONAL ? null : bureau }, userId);
  const viewer: Viewer = { kind: 'USER', userId, username: `officer-${serial}`, role, sessionId: randomUUID(), ...(bureau === NATIONAL ? {} : { regionCode: bureau }) } as Viewer;
  return { userId, viewer };
}

export const bureauViewer = (bureau: string): Viewer =>
  ({ kind: 'USER', userId: randomUUID(), username: `admin-${bureau}`, role: bureau === NATIONAL ? 'NATIONAL_ADMIN' : 'PROVINCIAL_ADMIN', sessionId: randomUUID(), ...(bureau === NATIONAL ? {} : { regionCode: bureau }) }) as Viewer;

/** Registers an officer (by its bureau's admin): its global id, account and viewer. */
export async function registerOfficer(t: TestApp, spec: OfficerSpec): Promise<{ id: string; userId: string; viewer: Viewer }> {
  const { userId, viewer } = await staffUser(t, spec.bureau);
  const input = {
    userId: toGlobalId('User', userId),
    name: spec.name ?? `联络员${serial}`,
    capacity: spec.capacity ?? 5,
    regions: spec.regions ?? [],
    industrySections: spec.industrySections ?? [],
    languages: spec.languages ?? ['zh'],
    personId: spec.personId ?? null,
  };
  const data = await t.ok<{ registerLiaisonOfficer: { officer: { id: string } } }>(
    `mutation($input: RegisterLiaisonOfficerInput!) { registerLiaisonOfficer(input: $input) { officer { id } } }`,
    { input },
    bureauViewer(spec.bureau),
  );
  return { id: data.registerLiaisonOfficer.officer.id, userId, viewer };
}

/** A demonstration enterprise (title valid 2025-09-26 … 2028-09-25) of `regionCode`. */
export async function demonstrationEnterprise(t: TestApp, regionCode: string, overrides: Record<string, unknown> = {}): Promise<Enterprise & { gid: string }> {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode, ...overrides });
  await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
  return Object.assign(e, { gid: toGlobalId('Enterprise', e.id) });
}

export const ASSIGN = `mutation($input: AssignLiaisonOfficerInput!) { assignLiaisonOfficer(input: $input) { assignment { id bureauCode seats officerName current factors { region industry continuity language load total } } previous { id endReason endedOn } } }`;

/** Assigns by hand as the bureau's admin: the assignment's global id. */
export async function assign(t: TestApp, bureau: string, enterpriseGid: string, officerId: string, reason = '熟悉该企业所在地区和行业'): Promise<string> {
  const data = await t.ok<{ assignLiaisonOfficer: { assignment: { id: string } } }>(ASSIGN, { input: { enterpriseId: enterpriseGid, officerId, reason } }, bureauViewer(bureau));
  return data.assignLiaisonOfficer.assignment.id;
}

/** createTestApp's arguments: with DEBUG_LOG set, unexpected errors are printed in full (the answers only say INTERNAL_SERVER_ERROR). */
export const debuggable = (): [Record<string, string>, { logStream: { write(line: string): void } }] => [
  process.env.DEBUG_LOG ? { logLevel: 'error' } : {},
  { logStream: { write: (line: string) => void (process.env.DEBUG_LOG && process.stderr.write(line)) } },
];
