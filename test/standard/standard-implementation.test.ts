/**
 * Standard-implementation matching [A 四(二)] through GraphQL: the provincial bureau matches a 贯标
 * service team with an advantage enterprise (S1), never one already certified (S2), one under way per
 * enterprise (S3, held by the database), only an active service team (S4); the team reports the
 * progress; the bureau records the certification, which fills in the enterprise's
 * `standardCertifiedOn` and so its stage; who sees what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { OrganizationKind, ServiceOrganization } from '../../src/modules/organization/organization.entity.js';
import { DesignationLevel, DesignationStatus } from '../../src/modules/designation/designation.entity.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';

const MATCH = `mutation($input: MatchStandardTeamInput!) { matchStandardTeam(input: $input) { implementation { id version status matchedOn enterpriseName enterprise { id } organization { id name } } } }`;
const PROGRESS = `mutation($input: RecordStandardProgressInput!) { recordStandardProgress(input: $input) { implementation { id version status startedOn auditAppliedOn progressNote } } }`;
const CERTIFY = `mutation($input: CertifyStandardImplementationInput!) { certifyStandardImplementation(input: $input) { implementation { status certifiedOn certificateNumber history { operation } } enterprise { standardCertifiedOn stage } } }`;
const END = `mutation($input: EndStandardImplementationInput!) { endStandardImplementation(input: $input) { implementation { status endedOn endReason } } }`;
const LIST = `query($filter: StandardImplementationFilter) { standardImplementations(filter: $filter, first: 20) { totalCount edges { node { id status enterprise { id } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on StandardImplementation { id status } } }`;
const ENTERPRISE = `query($id: ID!) { node(id: $id) { ... on Enterprise { standardImplementations { id status } } } }`;

const GD = '440000';
const JS = '320000';

describe('standard-implementation matching [A 四(二)]', () => {
  let t: TestApp;
  const rng = randomFor(7171);
  let team: ServiceOrganization;
  let otherTeam: ServiceOrganization;
  let agency: ServiceOrganization;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const em = t.orm.em.fork();
    team = em.create(ServiceOrganization, { name: '广东贯标服务团队', kind: OrganizationKind.SERVICE_TEAM, region: GD } as never) as ServiceOrganization;
    otherTeam = em.create(ServiceOrganization, { name: '江苏贯标服务团队', kind: OrganizationKind.SERVICE_TEAM, region: JS } as never) as ServiceOrganization;
    agency = em.create(ServiceOrganization, { name: '某专利代理机构', kind: OrganizationKind.AGENCY, region: GD } as never) as ServiceOrganization;
    await em.flush();
  });
  afterAll(() => t.close());

  const eid = (e: Enterprise) => toGlobalId('Enterprise', e.id);
  const oid = (o: ServiceOrganization) => toGlobalId('ServiceOrganization', o.id);
  const provider = (o: ServiceOrganization) => as.user('SERVICE_PROVIDER', { organizationId: o.id });
  async function advantageEnterprise(region = GD) {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: region, standardCertifiedOn: null });
    await makeDesignation(t.orm.em, e, { level: DesignationLevel.ADVANTAGE, status: DesignationStatus.ACTIVE, batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' } as never);
    return e;
  }

  it('S1–S4: only an active 贯标 team, only an advantage enterprise not yet certified, one implementation under way at a time — even concurrently', async () => {
    const plain = await makeEnterprise(t.orm.em, rng, { regionCode: GD, standardCertifiedOn: null });
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(plain), organizationId: oid(team) } }, as.provincial(GD))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'S1', paragraph: '优势 四(二)' });
    const certified = await makeEnterprise(t.orm.em, rng, { regionCode: GD, standardCertifiedOn: '2024-03-01' });
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(certified), organizationId: oid(team) } }, as.provincial(GD))).errors?.[0]?.extensions).toMatchObject({ rule: 'S2', certifiedOn: '2024-03-01' });
    const e = await advantageEnterprise();
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(agency) } }, as.provincial(GD))).errors?.[0]?.extensions).toMatchObject({ rule: 'S4' });
    // Another bureau sees the enterprise (the public directory) but may not match it; one it does not see is NOT_FOUND; an enterprise cannot match.
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(team) } }, as.provincial(JS))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(plain), organizationId: oid(team) } }, as.provincial(JS))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(team) } }, as.enterprise(e.id))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Bad input stores nothing.
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(team), targetOn: '2026-01-01' } }, as.provincial(GD))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'targetOn' }] });
    // Two matches at once: exactly one lands, the other is a CONFLICT (S3).
    const both = await Promise.all([oid(team), oid(otherTeam)].map((organizationId) => t.gql(MATCH, { input: { enterpriseId: eid(e), organizationId } }, as.provincial(GD))));
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(both.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'S3' });
    expect(await t.sql(`select count(*)::int as n from standard_implementation where enterprise_id = ?`, [e.id])).toEqual([{ n: 1 }]);
  });

  it('A 四(二): the team reports progress, the bureau records the certification, which sets standardCertifiedOn and the stage; the history keeps every step', async () => {
    const e = await advantageEnterprise();
    const m = (await t.ok(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(team), targetOn: '2026-12-31', note: '三个月完成体系文件' } }, as.provincial(GD))).matchStandardTeam.implementation;
    expect(m).toMatchObject({ status: 'MATCHED', matchedOn: '2026-06-15', enterpriseName: e.name, organization: { name: '广东贯标服务团队' } });
    // Another team's provider does not see it; the matched team reports.
    expect((await t.gql(PROGRESS, { input: { id: m.id, version: m.version, status: 'IMPLEMENTING', note: '体系文件已发布' } }, provider(otherTeam))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const started = (await t.ok(PROGRESS, { input: { id: m.id, version: m.version, status: 'IMPLEMENTING', note: '体系文件已发布' } }, provider(team))).recordStandardProgress.implementation;
    expect(started).toMatchObject({ status: 'IMPLEMENTING', startedOn: '2026-06-15', auditAppliedOn: null });
    // A stale version is a CONFLICT; certification is not the team's to record.
    expect((await t.gql(PROGRESS, { input: { id: m.id, version: m.version, status: 'AUDITING', note: '已申请认证' } }, provider(team))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    t.setToday('2026-09-01');
    const auditing = (await t.ok(PROGRESS, { input: { id: m.id, version: started.version, status: 'AUDITING', note: '已向认证机构申请审核' } }, provider(team))).recordStandardProgress.implementation;
    expect(auditing).toMatchObject({ status: 'AUDITING', auditAppliedOn: '2026-09-01' });
    expect((await t.gql(PROGRESS, { input: { id: m.id, version: auditing.version, status: 'IMPLEMENTING', note: '退回' } }, provider(team))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const certify = { id: m.id, version: auditing.version, certifiedOn: '2026-09-01', certificationBody: '中知（北京）认证有限公司', certificateNumber: '165IP260001' };
    expect((await t.gql(CERTIFY, { input: certify }, provider(team))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Not in the future, not before the audit was applied for.
    for (const certifiedOn of ['2026-09-02', '2026-08-31']) {
      expect((await t.gql(CERTIFY, { input: { ...certify, certifiedOn } }, as.provincial(GD))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'certifiedOn' }] });
    }
    const done = (await t.ok(CERTIFY, { input: certify }, as.provincial(GD))).certifyStandardImplementation;
    expect(done.implementation).toMatchObject({ status: 'CERTIFIED', certifiedOn: '2026-09-01', certificateNumber: '165IP260001' });
    expect(done.implementation.history.map((h: { operation: string }) => h.operation)).toEqual(['matchStandardTeam', 'recordStandardProgress', 'recordStandardProgress', 'certifyStandardImplementation']);
    expect(done.enterprise).toMatchObject({ standardCertifiedOn: '2026-09-01', stage: 'ADVANTAGE' });
    const audit = await t.sql<{ n: number }>(`select count(*)::int as n from audit_entry where object_type = 'Enterprise' and object_id = ? and operation = 'certifyStandardImplementation'`, [e.id]);
    expect(audit).toEqual([{ n: 1 }]);
    // Certified: nothing more to change, and a new match is S2.
    expect((await t.gql(END, { input: { id: m.id, version: auditing.version + 1, reason: '—' } }, as.provincial(GD))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(team) } }, as.provincial(GD))).errors?.[0]?.extensions?.rule).toBe('S2');
  });

  it('ending an implementation frees the enterprise for a new match; the lists and node(id) follow the visibility of the record', async () => {
    t.setToday('2026-06-15');
    const e = await advantageEnterprise();
    const m = (await t.ok(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(team) } }, as.provincial(GD))).matchStandardTeam.implementation;
    expect((await t.gql(END, { input: { id: m.id, version: m.version, reason: '' } }, as.provincial(GD))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    expect((await t.ok(END, { input: { id: m.id, version: m.version, reason: '团队人员变动，改派其他团队' } }, as.provincial(GD))).endStandardImplementation.implementation).toMatchObject({ status: 'ENDED', endedOn: '2026-06-15' });
    const again = (await t.ok(MATCH, { input: { enterpriseId: eid(e), organizationId: oid(otherTeam) } }, as.provincial(GD))).matchStandardTeam.implementation;

    const other = await advantageEnterprise(JS);
    await t.ok(MATCH, { input: { enterpriseId: eid(other), organizationId: oid(otherTeam) } }, as.provincial(JS));
    const ids = (r: { standardImplementations: { edges: { node: { enterprise: { id: string } } }[] } }) => new Set(r.standardImplementations.edges.map((x) => x.node.enterprise.id));
    expect(ids(await t.ok(LIST, {}, as.provincial(GD))).has(eid(other))).toBe(false);
    expect(ids(await t.ok(LIST, {}, as.provincial(JS)))).toEqual(new Set([eid(other)]));
    expect(ids(await t.ok(LIST, { filter: { regionCodes: [JS] } })).has(eid(other))).toBe(true);
    expect((await t.ok(LIST, { filter: { status: ['ENDED'], enterpriseId: eid(e) } })).standardImplementations.totalCount).toBe(1);
    expect(ids(await t.ok(LIST, {}, as.enterprise(e.id)))).toEqual(new Set([eid(e)]));
    // (The concurrent match of the first test may have gone to either team: its enterprise may be listed too.)
    const ofOtherTeam = ids(await t.ok(LIST, {}, provider(otherTeam)));
    expect(ofOtherTeam.has(eid(e)) && ofOtherTeam.has(eid(other))).toBe(true);
    expect(ofOtherTeam.size).toBeLessThanOrEqual(3);
    expect((await t.gql(LIST, {}, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // node(id) and Enterprise.standardImplementations: the same viewers.
    expect((await t.ok(NODE, { id: again.id }, as.enterprise(e.id))).node).toMatchObject({ status: 'MATCHED' });
    expect((await t.ok(NODE, { id: again.id }, as.enterprise(other.id))).node).toBeNull();
    expect((await t.ok(NODE, { id: again.id }, provider(team))).node).toBeNull();
    expect((await t.ok(NODE, { id: again.id }, as.provincial(JS))).node).toBeNull();
    expect((await t.ok(ENTERPRISE, { id: eid(e) }, as.enterprise(e.id))).node.standardImplementations.map((x: { status: string }) => x.status)).toEqual(['MATCHED', 'ENDED']);
  });
});
