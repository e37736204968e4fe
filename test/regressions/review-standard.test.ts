/**
 * Probes of a hostile review of src/modules/standard (docs/standard.md), kept as regression tests (the defects they found are fixed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { OrganizationKind, ServiceOrganization } from '../../src/modules/organization/organization.entity.js';
import { DesignationLevel, DesignationStatus } from '../../src/modules/designation/designation.entity.js';

const MATCH = `mutation($input: MatchStandardTeamInput!) { matchStandardTeam(input: $input) { implementation { id version status } } }`;
const PROGRESS = `mutation($input: RecordStandardProgressInput!) { recordStandardProgress(input: $input) { implementation { id version status startedOn auditAppliedOn } } }`;
const CERTIFY = `mutation($input: CertifyStandardImplementationInput!) { certifyStandardImplementation(input: $input) { implementation { status certifiedOn } } }`;
const END = `mutation($input: EndStandardImplementationInput!) { endStandardImplementation(input: $input) { implementation { status } } }`;
const LIST = `query { standardImplementations(first: 20) { totalCount edges { node { id status enterprise { id name } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on StandardImplementation { id status } } }`;
const ENTERPRISE = `query($id: ID!) { enterprise(id: $id) { id version region { code } } }`;
const UPDATE_ENTERPRISE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id region { code } } } }`;

const GD = '440000';
const JS = '320000';

describe('review: standard implementation', () => {
  let t: TestApp;
  const rng = randomFor(9191);
  let team: ServiceOrganization;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const em = t.orm.em.fork();
    team = em.create(ServiceOrganization, { name: '审查贯标团队', kind: OrganizationKind.SERVICE_TEAM, region: GD } as never) as ServiceOrganization;
    await em.flush();
  });
  afterAll(() => t.close());

  const provider = () => as.user('SERVICE_PROVIDER', { organizationId: team.id });
  const oid = () => toGlobalId('ServiceOrganization', team.id);

  async function advantage(validUntil = '2028-11-30', region = GD) {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: region, standardCertifiedOn: null });
    await makeDesignation(t.orm.em, e, { level: DesignationLevel.ADVANTAGE, status: DesignationStatus.ACTIVE, batchYear: 2025, validFrom: '2025-12-01', validUntil } as never);
    return e;
  }

  it('the matched team lists its implementations after the enterprise left the public directory without a GraphQL error', async () => {
    t.setToday('2026-06-15');
    const e = await advantage('2026-07-31');
    await t.ok(MATCH, { input: { enterpriseId: toGlobalId('Enterprise', e.id), organizationId: oid() } }, as.provincial(GD));
    // The title ends; the implementation is still under way (the team keeps seeing it per docs/standard.md).
    t.setToday('2026-08-15');
    const r = await t.gql(LIST, {}, provider());
    t.setToday('2026-06-15');
    expect(r.errors?.map((e) => e.message), JSON.stringify(r.errors)).toBeUndefined();
  });

  it('after the national bureau moves the enterprise, the old province no longer sees or ends its implementation and the new one does', async () => {
    t.setToday('2026-06-15');
    const e = await advantage();
    const gid = toGlobalId('Enterprise', e.id);
    const m = (await t.ok(MATCH, { input: { enterpriseId: gid, organizationId: oid() } }, as.provincial(GD))).matchStandardTeam.implementation;
    const { version } = (await t.ok(ENTERPRISE, { id: gid })).enterprise;
    await t.ok(UPDATE_ENTERPRISE, { input: { id: gid, version, regionCode: JS } });
    const byJs = (await t.ok(NODE, { id: m.id }, as.provincial(JS))).node;
    const byGd = (await t.ok(NODE, { id: m.id }, as.provincial(GD))).node;
    const endByGd = await t.gql(END, { input: { id: m.id, version: m.version, reason: '旧辖区省局终止' } }, as.provincial(GD));
    expect({ byJs: !!byJs, byGd: !!byGd, endByGd: endByGd.errors?.[0]?.extensions?.code ?? 'OK' }).toEqual({ byJs: true, byGd: false, endByGd: 'NOT_FOUND' });
  });

  it('progress and certification dates keep the order of the steps (audit applied not before implementation started; certified not before audit)', async () => {
    t.setToday('2026-06-15');
    const e = await advantage();
    let m = (await t.ok(MATCH, { input: { enterpriseId: toGlobalId('Enterprise', e.id), organizationId: oid() } }, as.provincial(GD))).matchStandardTeam.implementation;
    t.setToday('2026-09-01');
    m = (await t.ok(PROGRESS, { input: { id: m.id, version: m.version, status: 'IMPLEMENTING', on: '2026-08-20', note: '开始实施' } }, provider())).recordStandardProgress.implementation;
    const back = await t.gql(PROGRESS, { input: { id: m.id, version: m.version, status: 'AUDITING', on: '2026-07-01', note: '申请审核' } }, provider());
    t.setToday('2026-06-15');
    expect(back.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('anonymous gets UNAUTHENTICATED; another bureau gets null by node; expert sees nothing', async () => {
    expect((await t.gql(LIST, {}, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const e = await advantage();
    const m = (await t.ok(MATCH, { input: { enterpriseId: toGlobalId('Enterprise', e.id), organizationId: oid() } }, as.provincial(GD))).matchStandardTeam.implementation;
    expect((await t.ok(NODE, { id: m.id }, as.provincial('440300'))).node).toBeNull();
    expect((await t.gql(CERTIFY, { input: { id: m.id, version: m.version, certifiedOn: '2026-06-15', certificationBody: 'x', certificateNumber: 'y' } }, provider())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
