/**
 * IP operation records [D 四(一)四]: "通过知识产权交易、许可、标准化、资本化等多种途径，促进企业知识产权价值
 * 最大化"; [A 四(一)]. Transfers and licences have a direction, a licence its type (exclusive, sole,
 * ordinary), a pledge its lender and term; amounts in CNY; checked application numbers. The
 * enterprise, its bureau and the national bureau record, correct and void them; voided records count
 * nowhere; statistics sum licensing income and pledge financing over what each viewer can list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { applicationCheckCharacter } from '../../src/common/patent-number.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const TODAY = '2026-06-15';
const number = (serial: number) => {
  const digits = `20251${String(serial).padStart(7, '0')}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};
const FIELDS = `id kind direction licenceType counterparty amount signedOn validFrom validUntil termMonths applicationNumbers note status voidReason enterpriseName version`;
const RECORD = `mutation($input: RecordIpOperationInput!) { recordIpOperation(input: $input) { operation { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateIpOperationInput!) { updateIpOperation(input: $input) { operation { ${FIELDS} } } }`;
const VOID = `mutation($input: VoidIpOperationInput!) { voidIpOperation(input: $input) { operation { ${FIELDS} } } }`;
const LIST = `query($filter: IpOperationFilter, $first: Int) { ipOperations(filter: $filter, first: $first) { totalCount edges { node { ${FIELDS} } } } }`;
const STATS = `query($q: StatisticsQuery!) { statistics(query: $q) { rows { isTotal keys { value } values { measure value } } } }`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('IP operation records', () => {
  let t: TestApp;
  let gd: string;
  let js: string;
  const licence = (over: Record<string, unknown> = {}) => ({ kind: 'LICENCE', direction: 'OUTBOUND', licenceType: 'EXCLUSIVE', counterparty: '某汽车零部件公司', amount: 1_200_000.5, signedOn: '2026-03-01', validFrom: '2026-03-01', validUntil: '2029-02-28', applicationNumbers: [number(1), number(2)], ...over });
  const pledge = (over: Record<string, unknown> = {}) => ({ kind: 'PLEDGE', counterparty: '中国工商银行广州分行', amount: 5_000_000, signedOn: '2026-04-10', termMonths: 12, applicationNumbers: [number(3)], ...over });
  const record = (viewer: Viewer, enterpriseId: string, operation: Record<string, unknown>) => t.gql<{ recordIpOperation: { operation: any } }>(RECORD, { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), operation } }, viewer);
  const recorded = async (viewer: Viewer, enterpriseId: string, operation: Record<string, unknown>) => {
    const r = await record(viewer, enterpriseId, operation);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.recordIpOperation.operation;
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(44);
    gd = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
    js = (await makeEnterprise(t.orm.em, rng, { regionCode: '320000' })).id;
  });
  afterAll(() => t.close());

  it('records a licence and a pledge with what each kind requires; corrects and voids', async () => {
    const l = await recorded(as.enterprise(gd), gd, licence());
    expect(l).toMatchObject({ kind: 'LICENCE', direction: 'OUTBOUND', licenceType: 'EXCLUSIVE', amount: 1200000.5, termMonths: null, status: 'RECORDED' });
    const p = await recorded(as.provincial('440000'), gd, pledge());
    expect(p).toMatchObject({ kind: 'PLEDGE', direction: null, licenceType: null, termMonths: 12, amount: 5000000 });
    const corrected = (await t.ok(UPDATE, { input: { id: p.id, version: p.version, operation: pledge({ amount: 4_800_000, termMonths: 24 }) } }, as.enterprise(gd))).updateIpOperation.operation;
    expect(corrected).toMatchObject({ amount: 4800000, termMonths: 24 });
    expect(errorOf(await t.gql(UPDATE, { input: { id: p.id, version: p.version, operation: pledge() } }, as.enterprise(gd))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(VOID, { input: { id: l.id, version: l.version, reason: ' ' } }, as.enterprise(gd))).code).toBe('BAD_USER_INPUT');
    const voided = (await t.ok(VOID, { input: { id: l.id, version: l.version, reason: '合同未生效' } }, as.national())).voidIpOperation.operation;
    expect(voided).toMatchObject({ status: 'VOIDED', voidReason: '合同未生效' });
    expect(errorOf(await t.gql(UPDATE, { input: { id: l.id, version: voided.version, operation: licence() } }, as.enterprise(gd))).code).toBe('CONFLICT');
    // Voided ones are listed only when asked for.
    const listed = async (filter: Record<string, unknown>) => (await t.ok(LIST, { filter }, as.enterprise(gd))).ipOperations.edges.map((e: any) => e.node.id);
    expect(await listed({})).toEqual([p.id]);
    expect(await listed({ status: ['VOIDED'] })).toEqual([l.id]);
    expect(await listed({ applicationNumber: number(3) })).toEqual([p.id]);
    expect(await listed({ kinds: ['LICENCE'] })).toEqual([]);
  });

  it('what each kind requires or forbids is BAD_USER_INPUT, and nothing is stored', async () => {
    const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from ip_operation'))[0]!.n);
    const before = await count();
    const wrong: Record<string, unknown>[] = [
      licence({ licenceType: null }),
      licence({ direction: null }),
      pledge({ termMonths: null }),
      pledge({ direction: 'OUTBOUND' }),
      pledge({ licenceType: 'SOLE' }),
      licence({ termMonths: 6 }),
      licence({ amount: -1 }),
      licence({ amount: 1.234 }),
      licence({ signedOn: '2026-06-16' }),
      licence({ validUntil: '2026-02-01' }),
      licence({ applicationNumbers: [] }),
      licence({ counterparty: '' }),
    ];
    for (const operation of wrong) expect(errorOf(await record(as.enterprise(gd), gd, operation)).code, JSON.stringify(operation)).toBe('BAD_USER_INPUT');
    expect(errorOf(await record(as.enterprise(gd), gd, licence({ applicationNumbers: ['202510000001.0'] }))).code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it('who records and sees them: the enterprise, its bureau, the national bureau', async () => {
    const o = await recorded(as.national(), js, { kind: 'TRANSFER', direction: 'OUTBOUND', counterparty: '某高校', amount: 300_000, signedOn: '2026-05-20', applicationNumbers: [number(9)] });
    expect(errorOf(await record(as.enterprise(gd), js, licence())).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errorOf(await record(as.provincial('440000'), js, licence())).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errorOf(await record(as.user('SERVICE_PROVIDER', { organizationId: gd }), gd, licence())).code).toBe('FORBIDDEN');
    const sees = async (viewer: Viewer) => ((await t.gql<{ ipOperations: { edges: { node: { id: string } }[] } }>(LIST, { first: 100 }, viewer)).data?.ipOperations.edges ?? []).some((e) => e.node.id === o.id);
    for (const viewer of [as.enterprise(js), as.provincial('320000'), as.national()]) expect(await sees(viewer)).toBe(true);
    for (const viewer of [as.enterprise(gd), as.provincial('440000')]) expect(await sees(viewer)).toBe(false);
    expect(errorOf(await t.gql(LIST, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(LIST, {}, as.user('EXPERT', { personId: gd }))).code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it('statistics: licensing income, transfer income and pledge financing, voided ones left out, each viewer its own rows', async () => {
    const measures = ['IP_OPERATIONS', 'IP_LICENSING_INCOME', 'IP_TRANSFER_INCOME', 'IP_PLEDGE_AMOUNT'];
    const totals = async (viewer: Viewer) => {
      const rows = (await t.ok(STATS, { q: { measures, dimensions: [], totals: 'NONE', from: '2026-01-01', to: '2026-12-31' } }, viewer)).statistics.rows;
      return Object.fromEntries(rows[0].values.map((v: { measure: string; value: number }) => [v.measure, v.value]));
    };
    const listed = async (viewer: Viewer) => (await t.ok(LIST, { first: 100 }, viewer)).ipOperations.edges.map((e: any) => e.node);
    for (const viewer of [as.national(), as.provincial('440000'), as.enterprise(gd), as.enterprise(js)]) {
      const rows = await listed(viewer);
      const sum = (pred: (o: any) => boolean) => rows.filter(pred).reduce((s: number, o: any) => s + o.amount, 0);
      expect(await totals(viewer)).toEqual({
        IP_OPERATIONS: rows.length,
        IP_LICENSING_INCOME: sum((o) => o.kind === 'LICENCE' && o.direction === 'OUTBOUND'),
        IP_TRANSFER_INCOME: sum((o) => o.kind === 'TRANSFER' && o.direction === 'OUTBOUND'),
        IP_PLEDGE_AMOUNT: sum((o) => o.kind === 'PLEDGE'),
      });
    }
    expect((await totals(as.national())).IP_PLEDGE_AMOUNT).toBe(4_800_000);
  });

  it('a page costs the same statements for 1 record as for 6', async () => {
    for (let i = 0; i < 6; i++) await recorded(as.enterprise(gd), gd, pledge({ amount: 1000 + i }));
    const statements = async (n: number) => (await t.countQueries(() => t.ok(LIST, { first: n }, as.national()))).queries.length;
    expect(await statements(6)).toBe(await statements(1));
  });
});
