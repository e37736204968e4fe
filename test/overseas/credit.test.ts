/**
 * Credit records [A 四(三) "完善企业知识产权信用评价、诚信公示和失信惩戒机制"]: integrity publicity and
 * dishonesty records, kept by the national bureau and the bureau of the enterprise's jurisdiction. A
 * dishonesty record of one of the five revocation grounds [D 三(四)] records the revocation incident in
 * the same transaction, and revocation (R12) takes that incident without it being typed again. A
 * record is public while it is publicised (decided, within its period, not repaired); every record is
 * visible to the enterprise itself, its bureau and the national bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { insertOrganization } from '../../seeds/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const RECORD_FIELDS = `id version kind title authority documentNumber decidedOn publicUntil description incidentKind penaltyArea incidentId repairedOn repairReason enterpriseName`;
const RECORD = `mutation($input: RecordCreditInput!) { recordCredit(input: $input) { creditRecord { ${RECORD_FIELDS} } incident { id kind penaltyArea occurredOn description evidence recordedBy } } }`;
const REPAIR = `mutation($input: RepairCreditInput!) { repairCredit(input: $input) { creditRecord { ${RECORD_FIELDS} } } }`;
const LIST = `query($filter: CreditRecordFilter) { creditRecords(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on CreditRecord { kind repairedOn } } }`;
const REVOKE = `mutation($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { id status endedOn } ban { reason startsOn endsOn } } }`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}
const fieldsOf = (e: Record<string, unknown>) => ((e.fields as { field: string }[] | undefined) ?? []).map((f) => f.field);

type CreditRecord = { id: string; version: number; kind: string; incidentId: string | null; [k: string]: unknown };

describe('credit records (A 四(三))', () => {
  let t: TestApp;
  let demo: string; // demonstration enterprise, Guangdong (in the public directory)
  let plain: string; // no title, Guangdong
  let other: string; // no title, Guangdong: a second enterprise of the same jurisdiction
  let agency: string;

  const eid = (id: string) => toGlobalId('Enterprise', id);
  const base = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
    enterpriseId: eid(enterpriseId),
    kind: 'DISHONESTY',
    title: '专利侵权行政裁决',
    authority: '广东省知识产权局',
    documentNumber: '粤知裁字〔2026〕12号',
    decidedOn: '2026-05-20',
    publicUntil: '2027-05-19',
    description: '经行政裁决认定构成专利侵权，责令停止侵权。',
    ...extra,
  });
  const record = (input: Record<string, unknown>, viewer: Viewer = as.national()) => t.gql<any>(RECORD, { input }, viewer);
  const counts = async () =>
    (await t.sql<{ c: number; i: number }>(`select (select count(*)::int from credit_record) as c, (select count(*)::int from revocation_incident) as i`))[0]!;
  const ids = async (viewer: Viewer, filter: Record<string, unknown> | null = null): Promise<string[]> =>
    ((await t.ok(LIST, { filter }, viewer)).creditRecords.edges as { node: { id: string } }[]).map((e) => e.node.id).sort();
  const sees = async (viewer: Viewer, id: string) => (await ids(viewer)).includes(id);
  const node = async (viewer: Viewer, id: string) => (await t.gql<any>(NODE, { id }, viewer)).data?.node ?? null;
  const station = (org: string) => as.user('SERVICE_PROVIDER', { organizationId: org });

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const rng = randomFor(41);
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000' });
    await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    demo = e.id;
    plain = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
    other = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
    agency = await insertOrganization(t.orm.em, { name: '某专利代理事务所', kind: 'AGENCY', regionCode: '440000' });
  });
  afterAll(() => t.close());

  it('the national bureau and the bureau of the jurisdiction record; nobody else', async () => {
    t.setToday('2026-06-15');
    const integrity = (await record(base(demo, { kind: 'INTEGRITY', title: '知识产权守信激励名单', documentNumber: '  ', publicUntil: null, description: '列入守信激励名单。' }))).data.recordCredit;
    expect(integrity.incident).toBeNull();
    expect(integrity.creditRecord).toMatchObject({
      kind: 'INTEGRITY',
      title: '知识产权守信激励名单',
      authority: '广东省知识产权局',
      documentNumber: null,
      decidedOn: '2026-05-20',
      publicUntil: null,
      incidentKind: null,
      penaltyArea: null,
      incidentId: null,
      repairedOn: null,
      version: 1,
    });
    expect(integrity.creditRecord.enterpriseName).not.toBe('');

    const byBureau = (await record(base(plain, { title: '  恶意侵权  ' }), as.provincial('440000'))).data.recordCredit;
    expect(byBureau.creditRecord).toMatchObject({ kind: 'DISHONESTY', title: '恶意侵权', incidentId: null });
    expect(byBureau.incident).toBeNull();
    const audit = await t.sql<{ operation: string; jurisdiction: string }>(`select operation, jurisdiction from audit_entry where operation = 'recordCredit' order by at`);
    expect(audit).toEqual([
      { operation: 'recordCredit', jurisdiction: '440000' },
      { operation: 'recordCredit', jurisdiction: '440000' },
    ]);

    const before = await counts();
    // Another bureau: the titled enterprise is in the public directory (so it is seen), but not its bureau's to record.
    expect(errorOf(await record(base(demo), as.provincial('320000')))).toMatchObject({ code: 'FORBIDDEN', action: 'overseas.credit.record' });
    // An enterprise without a title of another jurisdiction is not even seen.
    expect(errorOf(await record(base(plain), as.provincial('320000'))).code).toBe('NOT_FOUND');
    expect(errorOf(await record(base(demo), as.enterprise(demo))).code).toBe('FORBIDDEN');
    expect(errorOf(await record(base(demo), station(agency))).code).toBe('FORBIDDEN');
    expect(errorOf(await record(base(demo), as.user('EXPERT', { personId: '00000000-0000-0000-0000-000000000001' }))).code).toBe('FORBIDDEN');
    expect(errorOf(await record(base(demo), as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  it('input errors are refused and store nothing', async () => {
    t.setToday('2026-06-15');
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ decidedOn: '2026-06-16' }, 'decidedOn'],
      [{ decidedOn: '2026-05-20', publicUntil: '2026-05-19' }, 'publicUntil'],
      [{ kind: 'INTEGRITY', incidentKind: 'MALICIOUS_INFRINGEMENT' }, 'incidentKind'],
      [{ incidentKind: 'ADMINISTRATIVE_PENALTY' }, 'penaltyArea'],
      [{ incidentKind: 'MALICIOUS_INFRINGEMENT', penaltyArea: 'QUALITY_SAFETY' }, 'penaltyArea'],
      [{ penaltyArea: 'QUALITY_SAFETY' }, 'penaltyArea'],
      [{ title: '   ' }, 'title'],
      [{ title: '失'.repeat(201) }, 'title'],
      [{ authority: '' }, 'authority'],
      [{ description: '' }, 'description'],
      [{ documentNumber: '号'.repeat(101) }, 'documentNumber'],
    ];
    for (const [bad, field] of cases) {
      const error = errorOf(await record(base(demo, bad)));
      expect(error.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(error), JSON.stringify(bad)).toEqual([field]);
    }
    // The same day is not in the future; a publicity period may end the day it is decided.
    expect(await counts()).toEqual(before);
    const sameDay = (await t.ok(RECORD, { input: base(other, { decidedOn: '2026-06-15', publicUntil: '2026-06-15' }) })).recordCredit.creditRecord;
    expect(sameDay).toMatchObject({ decidedOn: '2026-06-15', publicUntil: '2026-06-15' });
  });

  it('D 三(四): a dishonesty record of a revocation ground records the incident, and revocation takes it as it is', async () => {
    t.setToday('2026-06-15');
    const e = await makeEnterprise(t.orm.em, randomFor(42), { regionCode: '440000' });
    const d = await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    const before = await counts();
    const input = base(e.id, { incidentKind: 'ADMINISTRATIVE_PENALTY', penaltyArea: 'INTELLECTUAL_PROPERTY', decidedOn: '2026-04-10', title: '假冒专利行政处罚' });
    const { creditRecord, incident } = (await record(input, as.provincial('440000'))).data.recordCredit;
    expect(await counts()).toEqual({ c: before.c + 1, i: before.i + 1 });
    expect(creditRecord).toMatchObject({ kind: 'DISHONESTY', incidentKind: 'ADMINISTRATIVE_PENALTY', penaltyArea: 'INTELLECTUAL_PROPERTY', incidentId: incident.id });
    expect(incident).toEqual({
      id: expect.any(String),
      kind: 'ADMINISTRATIVE_PENALTY',
      penaltyArea: 'INTELLECTUAL_PROPERTY',
      occurredOn: '2026-04-10',
      description: input.description,
      evidence: '信用记录：广东省知识产权局 粤知裁字〔2026〕12号 假冒专利行政处罚',
      recordedBy: 'test-provincial_admin',
    });
    // The incident is an ordinary one of the designation module: read by node(id), listed on the enterprise, audited as recordIncident.
    const read = (await t.ok(`query($id: ID!) { node(id: $id) { __typename ... on RevocationIncident { kind penaltyArea occurredOn } } }`, { id: creditRecord.incidentId })).node;
    expect(read).toEqual({ __typename: 'RevocationIncident', kind: 'ADMINISTRATIVE_PENALTY', penaltyArea: 'INTELLECTUAL_PROPERTY', occurredOn: '2026-04-10' });
    expect((await t.ok(`query($id: ID!) { enterprise(id: $id) { incidents { kind occurredOn } } }`, { id: eid(e.id) })).enterprise.incidents).toEqual([{ kind: 'ADMINISTRATIVE_PENALTY', occurredOn: '2026-04-10' }]);
    const incidentKey = fromGlobalId(creditRecord.incidentId)!.key;
    const recordKey = fromGlobalId(creditRecord.id)!.key;
    expect(await t.sql(`select incident_id from credit_record where id = ?`, [recordKey])).toEqual([{ incident_id: incidentKey }]);
    expect(await t.sql(`select operation, object_type from audit_entry where object_id in (?, ?) order by operation`, [incidentKey, recordKey])).toEqual([
      { operation: 'recordCredit', object_type: 'CreditRecord' },
      { operation: 'recordIncident', object_type: 'RevocationIncident' },
    ]);
    // Another jurisdiction's bureau does not see the incident.
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: creditRecord.incidentId }, as.provincial('320000'))).node).toBeNull();

    // Revocation (R12) with the incident id the credit record gives, typed nowhere else.
    const revoked = (await t.ok(REVOKE, { input: { designationId: toGlobalId('Designation', d.id), incidentIds: [creditRecord.incidentId], reason: '受到知识产权行政处罚' } })).revokeDesignation;
    expect(revoked).toEqual({
      designation: { id: toGlobalId('Designation', d.id), status: 'REVOKED', endedOn: '2026-06-15' },
      ban: { reason: 'REVOKED', startsOn: '2026-06-15', endsOn: '2028-06-14' },
    });

    // Other dishonesty kinds record their incident too (no penalty area); a dishonesty record of no ground records none.
    const malicious = (await record(base(e.id, { incidentKind: 'MALICIOUS_INFRINGEMENT' }))).data.recordCredit;
    expect(malicious.incident).toMatchObject({ kind: 'MALICIOUS_INFRINGEMENT', penaltyArea: null, occurredOn: '2026-05-20' });
    expect(malicious.creditRecord.incidentId).toBe(malicious.incident.id);
    const none = (await record(base(e.id))).data.recordCredit;
    expect(none.incident).toBeNull();
    expect(none.creditRecord.incidentId).toBeNull();
    expect(await counts()).toEqual({ c: before.c + 3, i: before.i + 2 });
  });

  it('public while publicised; afterwards, or once repaired, only the enterprise, its bureau and the national bureau', async () => {
    t.setToday('2026-06-15');
    const r: CreditRecord = (await t.ok(RECORD, { input: base(demo, { decidedOn: '2026-06-01', publicUntil: '2026-06-20' }) })).recordCredit.creditRecord;
    const lasting: CreditRecord = (await t.ok(RECORD, { input: base(demo, { decidedOn: '2026-06-01', publicUntil: null }) })).recordCredit.creditRecord;
    const everyone = [as.anonymous, as.enterprise(demo), as.enterprise(plain), as.provincial('440000'), as.provincial('320000'), as.national(), station(agency), as.user('EXPERT', { personId: '00000000-0000-0000-0000-000000000001' })];
    const insiders = [as.enterprise(demo), as.provincial('440000'), as.national()];
    const outsiders = [as.anonymous, as.enterprise(plain), as.provincial('320000'), station(agency), as.user('EXPERT', { personId: '00000000-0000-0000-0000-000000000001' })];
    for (const viewer of everyone) {
      expect(await sees(viewer, r.id)).toBe(true);
      expect(await node(viewer, r.id)).toMatchObject({ id: r.id, kind: 'DISHONESTY' });
    }
    // The last day of the period (inclusive) it is still public.
    t.setToday('2026-06-20');
    expect(await sees(as.anonymous, r.id)).toBe(true);
    t.setToday('2026-06-21');
    for (const viewer of insiders) {
      expect(await sees(viewer, r.id)).toBe(true);
      expect(await node(viewer, r.id)).not.toBeNull();
    }
    for (const viewer of outsiders) {
      expect(await sees(viewer, r.id)).toBe(false);
      expect(await node(viewer, r.id)).toBeNull();
    }
    // A record publicised for good stays public until it is repaired.
    expect(await sees(as.anonymous, lasting.id)).toBe(true);
    await t.ok(REPAIR, { input: { id: lasting.id, version: lasting.version, repairedOn: '2026-06-21', reason: '已履行行政处罚决定并作出信用承诺' } }, as.provincial('440000'));
    for (const viewer of insiders) expect((await node(viewer, lasting.id))?.repairedOn).toBe('2026-06-21');
    for (const viewer of outsiders) {
      expect(await sees(viewer, lasting.id)).toBe(false);
      expect(await node(viewer, lasting.id)).toBeNull();
    }
  });

  it('repair: dishonesty only, once, with the current version, not before the decision, by the bureaus of the enterprise', async () => {
    t.setToday('2026-06-15');
    const integrity: CreditRecord = (await t.ok(RECORD, { input: base(plain, { kind: 'INTEGRITY', title: '守信激励' }) })).recordCredit.creditRecord;
    const r: CreditRecord = (await t.ok(RECORD, { input: base(plain, { title: '非正常专利申请', decidedOn: '2026-05-20' }) })).recordCredit.creditRecord;
    const repair = (input: Record<string, unknown>, viewer: Viewer = as.provincial('440000')) => t.gql<any>(REPAIR, { input: { id: r.id, version: r.version, repairedOn: '2026-06-10', reason: '已撤回全部非正常申请', ...input } }, viewer);
    const stored = async () => (await t.sql<{ repaired_on: unknown; version: number }>(`select repaired_on, version from credit_record where id = ?`, [fromGlobalId(r.id)!.key]))[0]!;

    expect(errorOf(await repair({ id: integrity.id, version: integrity.version })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await repair({ version: r.version + 1 }))).toMatchObject({ code: 'CONFLICT', currentVersion: r.version });
    expect(errorOf(await repair({ repairedOn: '2026-05-19' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'repairedOn' }] });
    expect(errorOf(await repair({ repairedOn: '2026-06-16' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'repairedOn' }] });
    expect(errorOf(await repair({ reason: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    // The record is public, so another bureau sees it, but may not repair it; the enterprise neither.
    expect(errorOf(await repair({}, as.provincial('320000')))).toMatchObject({ code: 'FORBIDDEN', action: 'overseas.credit.record' });
    expect(errorOf(await repair({}, as.enterprise(plain))).code).toBe('FORBIDDEN');
    expect(errorOf(await repair({}, station(agency))).code).toBe('FORBIDDEN');
    expect(errorOf(await repair({}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(await stored()).toEqual({ repaired_on: null, version: 1 });

    // The decision day itself is allowed.
    const repaired = (await repair({ repairedOn: '2026-05-20' })).data.repairCredit.creditRecord;
    expect(repaired).toMatchObject({ id: r.id, repairedOn: '2026-05-20', repairReason: '已撤回全部非正常申请', version: r.version + 1 });
    expect(errorOf(await repair({ version: repaired.version })).code).toBe('CONFLICT');
    // Once repaired (not public any more), another bureau does not even see it.
    expect(errorOf(await repair({ version: repaired.version }, as.provincial('320000'))).code).toBe('NOT_FOUND');
    expect(errorOf(await repair({ version: repaired.version }, as.national())).code).toBe('CONFLICT');
    expect(await t.sql(`select operation, changes from audit_entry where object_id = ? and operation = 'repairCredit'`, [fromGlobalId(r.id)!.key])).toEqual([
      { operation: 'repairCredit', changes: { repairedOn: { before: null, after: '2026-05-20' } } },
    ]);
  });

  it('filters: kinds, current, enterprise, jurisdictions', async () => {
    t.setToday('2026-06-15');
    const rng = randomFor(43);
    const sc1 = (await makeEnterprise(t.orm.em, rng, { regionCode: '510000' })).id;
    const sc2 = (await makeEnterprise(t.orm.em, rng, { regionCode: '510000' })).id;
    const zj = (await makeEnterprise(t.orm.em, rng, { regionCode: '330000' })).id;
    const add = async (enterprise: string, extra: Record<string, unknown>) => (await t.ok(RECORD, { input: base(enterprise, { authority: '四川省知识产权局', ...extra }) })).recordCredit.creditRecord as CreditRecord;
    const a = await add(sc1, { kind: 'INTEGRITY', publicUntil: null }); // current
    const b = await add(sc1, { decidedOn: '2026-01-05', publicUntil: '2026-03-31' }); // expired
    const c = await add(sc2, { publicUntil: null }); // current, then repaired
    const d = await add(sc2, { kind: 'INTEGRITY', publicUntil: '2026-12-31' }); // current
    const z = await add(zj, { publicUntil: null }); // current
    await t.ok(REPAIR, { input: { id: c.id, version: c.version, repairedOn: '2026-06-15', reason: '信用修复' } });
    const sorted = (...xs: CreditRecord[]) => xs.map((x) => x.id).sort();

    expect(await ids(as.national(), { regionCodes: ['510000'] })).toEqual(sorted(a, b, c, d));
    expect(await ids(as.national(), { regionCodes: ['510000', '330000'] })).toEqual(sorted(a, b, c, d, z));
    expect(await ids(as.national(), { regionCodes: ['510000'], kinds: ['INTEGRITY'] })).toEqual(sorted(a, d));
    expect(await ids(as.national(), { regionCodes: ['510000'], kinds: ['DISHONESTY'] })).toEqual(sorted(b, c));
    expect(await ids(as.national(), { regionCodes: ['510000'], kinds: ['DISHONESTY', 'INTEGRITY'] })).toEqual(sorted(a, b, c, d));
    expect(await ids(as.national(), { regionCodes: ['510000'], current: true })).toEqual(sorted(a, d));
    expect(await ids(as.national(), { regionCodes: ['510000'], current: false })).toEqual(sorted(a, b, c, d));
    expect(await ids(as.national(), { enterpriseId: eid(sc1) })).toEqual(sorted(a, b));
    expect(await ids(as.national(), { enterpriseId: eid(sc2), current: true })).toEqual(sorted(d));
    expect(await ids(as.national(), { enterpriseId: eid(zj), kinds: ['INTEGRITY'] })).toEqual([]);
    // The public sees what is publicised now, whatever the filter; the bureau of Sichuan all of Sichuan's.
    expect(await ids(as.anonymous, { regionCodes: ['510000'] })).toEqual(sorted(a, d));
    expect(await ids(as.provincial('510000'), { regionCodes: ['510000'] })).toEqual(sorted(a, b, c, d));
    expect(await ids(as.provincial('330000'), { regionCodes: ['510000'] })).toEqual(sorted(a, d));
    expect(await ids(as.enterprise(sc1), { regionCodes: ['510000'] })).toEqual(sorted(a, b, d));
    const total = (await t.ok(LIST, { filter: { regionCodes: ['510000'] } })).creditRecords.totalCount;
    expect(total).toBe(4);
    expect(errorOf(await t.gql(LIST, { filter: { enterpriseId: toGlobalId('CreditRecord', a.id) } })).code).toBe('BAD_USER_INPUT');
  });
});
