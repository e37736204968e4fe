/**
 * Probes of a hostile review of src/modules/liaison (docs/liaison.md), kept as regression tests (the defects they found are fixed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { randomUUID } from 'node:crypto';
import { buildWorld, errorOf, nameLiaison, needStep, submitNeed, tryNeedStep, type World } from '../liaison/world.js';

const NEED = `query($id: ID!) { node(id: $id) { ... on EnterpriseNeed { id status } } }`;
const CONTACT = `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id version internalNote } } }`;
const CONTACTS = `query { contactRecords(first: 20) { totalCount edges { node { id internalNote } } } }`;
const LIAISON = `query($id: ID!) { enterprise(id: $id) { liaison { id phone } } }`;

describe('review: liaison', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 77);
  });
  afterAll(() => t.close());

  it('an anonymous need step answers UNAUTHENTICATED, whatever its input', async () => {
    const need = await submitNeed(t, w.firms.gd);
    const r = await tryNeedStep(t, 'rejectNeed', { id: need.id, version: need.version, reason: '' }, as.anonymous);
    expect(errorOf(r).code).toBe('UNAUTHENTICATED');
  });

  it('the national bureau forwarding an unknown need gets NOT_FOUND, not a rule violation', async () => {
    const r = await tryNeedStep(t, 'forwardNeed', { id: toGlobalId('EnterpriseNeed', randomUUID()), version: 1, note: '转' }, w.viewers.national);
    expect(errorOf(r).code).toBe('NOT_FOUND');
  });

  it('a provider sees a need while assigned to it, keeps it after reopen, loses it when forwarded; other providers never', async () => {
    let need = await submitNeed(t, w.firms.gd, '需求可见性');
    need = await needStep(t, 'acceptNeed', { id: need.id, version: need.version }, w.viewers.gd);
    need = await needStep(t, 'assignNeed', { id: need.id, version: need.version, organizationId: toGlobalId('ServiceOrganization', w.orgs.gd) }, w.viewers.gd);
    expect((await t.ok(NEED, { id: need.id }, w.viewers.providerGd)).node).not.toBeNull();
    expect((await t.ok(NEED, { id: need.id }, w.viewers.providerJs)).node).toBeNull();
    need = await needStep(t, 'resolveNeed', { id: need.id, version: need.version, resolution: '已办' }, w.viewers.providerGd);
    need = await needStep(t, 'reopenNeed', { id: need.id, version: need.version, reason: '未解决' }, w.firms.gd.viewer);
    expect((await t.ok(NEED, { id: need.id }, w.viewers.providerGd)).node).not.toBeNull();
    need = await needStep(t, 'forwardNeed', { id: need.id, version: need.version, note: '转国家局' }, w.viewers.gd);
    expect((await t.ok(NEED, { id: need.id }, w.viewers.providerGd)).node).toBeNull();
    // Guangdong does not route Shenzhen's needs: NOT_FOUND.
    const sz = await submitNeed(t, w.firms.sz, '深圳需求');
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: sz.id, version: sz.version }, w.viewers.gd)).code).toBe('NOT_FOUND');
  });

  it('contacts: the enterprise never sees internalNote; a provider, expert see none; liaison is null to other bureaus and the public', async () => {
    await t.ok(CONTACT, { input: { enterpriseId: w.firms.gd2.gid, contactedOn: '2026-11-01', channel: 'VISIT', subject: '走访', summary: '走访摘要', internalNote: '内部评价：较弱' } }, w.viewers.gd);
    const own = (await t.ok(CONTACTS, {}, w.firms.gd2.viewer)).contactRecords;
    expect(own.totalCount).toBeGreaterThan(0);
    expect(own.edges.every((e: { node: { internalNote: string | null } }) => e.node.internalNote === null)).toBe(true);
    expect(errorOf(await t.gql(CONTACTS, {}, w.viewers.providerGd)).code).toBe('FORBIDDEN');
    await nameLiaison(t, w.firms.gd2);
    expect((await t.ok(LIAISON, { id: w.firms.gd2.gid }, w.viewers.sz)).enterprise.liaison).toBeNull();
    expect((await t.ok(LIAISON, { id: w.firms.gd2.gid }, as.anonymous)).enterprise.liaison).toBeNull();
    expect((await t.ok(LIAISON, { id: w.firms.gd2.gid }, w.viewers.gd)).enterprise.liaison).not.toBeNull();
  });

  it('a need is not assigned to a dissolved organisation', async () => {
    const org = (await t.ok(`mutation($input: CreateServiceOrganizationInput!) { createServiceOrganization(input: $input) { organization { id version } } }`, { input: { name: '将撤销的团队', kind: 'SERVICE_TEAM', regionCode: '440000' } }, w.viewers.gd)).createServiceOrganization.organization;
    await t.ok(`mutation($input: UpdateServiceOrganizationInput!) { updateServiceOrganization(input: $input) { organization { id } } }`, { input: { id: org.id, version: org.version, status: 'DISSOLVED', statusNote: '解散' } }, w.viewers.gd);
    let need = await submitNeed(t, w.firms.gd, '交办给已撤销机构');
    need = await needStep(t, 'acceptNeed', { id: need.id, version: need.version }, w.viewers.gd);
    const r = await tryNeedStep(t, 'assignNeed', { id: need.id, version: need.version, organizationId: org.id }, w.viewers.gd);
    expect(r.errors?.[0]?.extensions?.code).toBeDefined();
  });
});
