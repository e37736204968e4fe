/**
 * Revocation [D 三(四)]: incidents of five kinds, recorded with date and evidence; the national
 * admin revokes a valid demonstration title when one falls within the last 3 years (R12), and
 * the enterprise may not apply again for 2 years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import type { Designation } from '../../src/modules/designation/designation.entity.js';

const RECORD = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id kind penaltyArea occurredOn recordedBy } } }`;
const REVOKE = `mutation($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { id status endedOn before: status(asOf: "2026-11-21") } ban { reason startsOn endsOn } } }`;
const TODAY = '2026-11-22';

describe('revocation', () => {
  let t: TestApp;
  const rng = randomFor(31);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
  });
  afterAll(() => t.close());

  async function demonstrationEnterprise(regionCode = '440000'): Promise<{ e: Enterprise; d: Designation; eid: string; did: string }> {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode });
    const d = await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    return { e, d, eid: toGlobalId('Enterprise', e.id), did: toGlobalId('Designation', d.id) };
  }

  async function incident(eid: string, occurredOn: string, kind = 'ABNORMAL_PATENT_APPLICATION', penaltyArea: string | null = null) {
    const data = await t.ok(RECORD, { input: { enterpriseId: eid, kind, penaltyArea, occurredOn, description: '经核查存在非正常专利申请', evidence: '国知发〔2026〕1 号通报' } });
    return data.recordIncident.incident.id as string;
  }

  const counts = async () =>
    (await t.sql<{ d: number; b: number; a: number }>(`select (select count(*)::int from designation where status = 'REVOKED') as d, (select count(*)::int from application_ban) as b, (select count(*)::int from audit_entry) as a`))[0];

  it('D 三(四): a valid demonstration title with an incident in the last 3 years is revoked, and a 2-year ban starts', async () => {
    const { eid, did } = await demonstrationEnterprise();
    const inc = await incident(eid, '2024-03-01');
    const { revokeDesignation } = await t.ok(REVOKE, { input: { designationId: did, incidentIds: [inc], reason: '非正常专利申请' } });
    expect(revokeDesignation).toEqual({
      designation: { id: did, status: 'REVOKED', endedOn: TODAY, before: 'ACTIVE' },
      ban: { reason: 'REVOKED', startsOn: TODAY, endsOn: '2028-11-21' },
    });
    const read = await t.ok(`query($id: ID!) { enterprise(id: $id) { stage currentDesignation { id } activeBan { endsOn } later: activeBan(asOf: "2028-11-22") { endsOn } incidents { kind } } }`, { id: eid });
    expect(read.enterprise).toEqual({ stage: expect.any(String), currentDesignation: null, activeBan: { endsOn: '2028-11-21' }, later: null, incidents: [{ kind: 'ABNORMAL_PATENT_APPLICATION' }] });
    const audit = await t.sql<{ operation: string }>(`select operation from audit_entry where operation in ('recordIncident', 'revokeDesignation') order by at`);
    expect(audit.map((a) => a.operation)).toEqual(['recordIncident', 'revokeDesignation']);
    const history = await t.ok(`query($id: ID!) { node(id: $id) { ... on Designation { history { operation actor changes } } } }`, { id: did });
    expect(history.node.history).toEqual([{ operation: 'revokeDesignation', actor: 'test-national_admin', changes: expect.objectContaining({ reason: { before: null, after: '非正常专利申请' } }) }]);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on Designation { history { operation } } } }`, { id: did }, as.anonymous)).node).toBeNull();
  });

  it('D 三(四) (R12): an incident older than 3 years is no ground: RULE_VIOLATION, nothing written', async () => {
    const { eid, did } = await demonstrationEnterprise();
    const old = await incident(eid, '2023-11-21');
    const before = await counts();
    const result = await t.gql(REVOKE, { input: { designationId: did, incidentIds: [old], reason: '旧事' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12', condition: 'NO_INCIDENT_WITHIN_LOOKBACK', since: '2023-11-22' });
    expect(await counts()).toEqual(before);
    // Exactly 3 years back still counts.
    const edge = await incident(eid, '2023-11-22');
    expect((await t.ok(REVOKE, { input: { designationId: did, incidentIds: [old, edge], reason: '边界' } })).revokeDesignation.designation.status).toBe('REVOKED');
  });

  it('D 三(四) (R12): only a title valid today can be revoked; an advantage title too, by its own bureau, with the same ban', async () => {
    const { e, eid, did } = await demonstrationEnterprise();
    const inc = await incident(eid, '2026-01-10');
    await t.ok(REVOKE, { input: { designationId: did, incidentIds: [inc], reason: '第一次' } });
    const again = await t.gql(REVOKE, { input: { designationId: did, incidentIds: [inc], reason: '第二次' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12', condition: 'DESIGNATION_NOT_ACTIVE' });
    const adv = await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-12-01', validUntil: '2027-11-30' });
    const advId = toGlobalId('Designation', adv.id);
    const region = e.region.unwrap().code;
    // Another bureau does not see it; the enterprise's bureau may revoke an advantage title (not a demonstration one).
    expect((await t.gql(REVOKE, { input: { designationId: advId, incidentIds: [inc], reason: '越权' } }, as.provincial(region === '440000' ? '330000' : '440000'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const other = await demonstrationEnterprise(region);
    const otherInc = await incident(other.eid, '2026-01-11');
    expect((await t.gql(REVOKE, { input: { designationId: other.did, incidentIds: [otherInc], reason: '省局' } }, as.provincial(region))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const onAdvantage = await t.ok(REVOKE, { input: { designationId: advId, incidentIds: [inc], reason: '优势企业骗取资助' } }, as.provincial(region));
    expect(onAdvantage.revokeDesignation.designation).toMatchObject({ status: 'REVOKED' });
  });

  it('two revocations of the same title at once: exactly one succeeds, one ban', async () => {
    const { e, eid, did } = await demonstrationEnterprise();
    const inc = await incident(eid, '2026-02-02');
    const results = await Promise.all([1, 2].map((n) => t.gql(REVOKE, { input: { designationId: did, incidentIds: [inc], reason: `并发 ${n}` } })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', condition: 'DESIGNATION_NOT_ACTIVE' });
    expect(await t.sql('select 1 from application_ban where enterprise_id = ?', [e.id])).toHaveLength(1);
  });

  it('an incident of another enterprise is not a ground: NOT_FOUND, nothing written', async () => {
    const a = await demonstrationEnterprise();
    const b = await demonstrationEnterprise();
    const foreign = await incident(b.eid, '2026-03-03');
    const before = await counts();
    const result = await t.gql(REVOKE, { input: { designationId: a.did, incidentIds: [foreign], reason: '错配' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('who may: incidents by the national admin or the provincial admin of the jurisdiction; revocation by the national admin only', async () => {
    const { eid, did } = await demonstrationEnterprise('320000');
    const input = { enterpriseId: eid, kind: 'ADMINISTRATIVE_PENALTY', penaltyArea: 'QUALITY_SAFETY', occurredOn: '2026-05-05', description: '质量安全行政处罚', evidence: '苏市监罚〔2026〕5 号' };
    expect((await t.gql(RECORD, { input }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(RECORD, { input }, as.enterprise('00000000-0000-7000-8000-000000000001'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Guangdong's admin sees this enterprise (public directory) but it is not of its jurisdiction.
    expect((await t.gql(RECORD, { input }, as.provincial('440000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byJiangsu = await t.ok(RECORD, { input }, as.provincial('320000'));
    const inc = byJiangsu.recordIncident.incident.id;
    expect((await t.gql(REVOKE, { input: { designationId: did, incidentIds: [inc], reason: '处罚' } }, as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The public does not see incidents or bans.
    expect((await t.ok(`query($id: ID!) { enterprise(id: $id) { incidents { id } bans { id } } }`, { id: eid }, as.anonymous)).enterprise).toEqual({ incidents: null, bans: null });
  });

  it('bad incident input is BAD_USER_INPUT with the fields, nothing stored', async () => {
    const { eid } = await demonstrationEnterprise();
    const before = await t.sql('select count(*)::int as n from revocation_incident');
    const result = await t.gql(RECORD, { input: { enterpriseId: eid, kind: 'ADMINISTRATIVE_PENALTY', occurredOn: '2026-12-01', description: ' ', evidence: '文书' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['occurredOn', 'penaltyArea', 'description']);
    expect(await t.sql('select count(*)::int as n from revocation_incident')).toEqual(before);
  });
});
