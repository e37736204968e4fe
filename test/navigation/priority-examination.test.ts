/**
 * Priority-examination recommendations, R21 [D 四(一)三]: "推荐示范企业关键技术领域的专利申请进行优先审查";
 * [A 二(二)]: "推荐优势企业关键技术领域的专利申请进行优先审查". A titled enterprise asks the bureau of its
 * jurisdiction; the bureau recommends within its yearly number (the national bureau's setting for it,
 * else the programme's default) or declines with a reason; the outcome is recorded. Application
 * numbers are checked with their check character (12 digits since October 2003, 8 before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { applicationCheckCharacter, checkApplicationNumber } from '../../src/common/patent-number.js';
import type { Viewer } from '../../src/context.js';
import { toGlobalId } from '../../src/common/node.js';

const TODAY = '2026-06-15';
const GD = '440000';
const valid = (level: 'DEMONSTRATION' | 'ADVANTAGE') => ({ level, status: 'ACTIVE' as const, batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });

/** A valid application number of the given year, kind and serial. */
const number = (year: number, kind: number, serial: number) => {
  const digits = `${year}${kind}${String(serial).padStart(7, '0')}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};

const FIELDS = `id enterpriseName bureauCode applicationNumber patentKind title ipcClasses reason status quotaYear decidedBy decisionNote outcome outcomeOn grantedOn version history { status outcome note by }`;
const REQUEST = `mutation($input: RequestPriorityExaminationInput!) { requestPriorityExamination(input: $input) { request { ${FIELDS} } } }`;
const WITHDRAW = `mutation($input: WithdrawPriorityExaminationInput!) { withdrawPriorityExamination(input: $input) { request { ${FIELDS} } } }`;
const DECIDE = `mutation($input: DecidePriorityExaminationInput!) { decidePriorityExamination(input: $input) { request { ${FIELDS} } } }`;
const OUTCOME = `mutation($input: RecordPriorityExaminationOutcomeInput!) { recordPriorityExaminationOutcome(input: $input) { request { ${FIELDS} } } }`;
const QUOTA = `mutation($input: SetPriorityExaminationQuotaInput!) { setPriorityExaminationQuota(input: $input) { quota { bureauCode regionName year quota isDefault used remaining } } }`;
const QUOTAS = `query($year: Int!) { priorityExaminationQuotas(year: $year) { bureauCode quota isDefault used remaining } }`;
const LIST = `query($filter: PriorityExaminationFilter) { priorityExaminationRequests(filter: $filter, first: 100) { totalCount edges { node { id status applicationNumber } } } }`;

interface Request {
  id: string;
  status: string;
  version: number;
  [field: string]: unknown;
}

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string; message: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code), message: error.message };
}

describe('application numbers', () => {
  it('accepts the 12-digit form with its check character (also X), with CN/ZL prefixes and spaces, and the 8-digit form', () => {
    // The worked example of the check character: (2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5) mod 11 = 3.
    expect(checkApplicationNumber('201710601862.3').value).toEqual({ number: '201710601862.3', kind: 'INVENTION', year: 2017 });
    expect(checkApplicationNumber(' CN 2017 1 0601862.3 ').value?.number).toBe('201710601862.3');
    expect(checkApplicationNumber('ZL201710601862．3').value?.number).toBe('201710601862.3');
    // Before October 2003: 97 1 01765 . 4 — (9·2+7·3+1·4+0·5+1·6+7·7+6·8+5·9) mod 11 = 4.
    expect(checkApplicationNumber('97101765.4').value).toEqual({ number: '97101765.4', kind: 'INVENTION', year: 1997 });
    expect(checkApplicationNumber('02201234.' + applicationCheckCharacter('02201234')).value?.year).toBe(2002);
    // A check character of 10 is written X.
    const x = Array.from({ length: 200 }, (_, i) => `20212${String(i).padStart(7, '0')}`).find((d) => applicationCheckCharacter(d) === 'X')!;
    expect(checkApplicationNumber(`${x}.x`).value).toEqual({ number: `${x}.X`, kind: 'UTILITY_MODEL', year: 2021 });
    for (const [kind, name] of [[1, 'INVENTION'], [2, 'UTILITY_MODEL'], [3, 'DESIGN'], [8, 'PCT_INVENTION'], [9, 'PCT_UTILITY_MODEL']] as const) {
      expect(checkApplicationNumber(number(2024, kind, 12345)).value?.kind).toBe(name);
    }
  });

  it('refuses a wrong check character, a wrong length, an unknown kind and an impossible year', () => {
    expect(checkApplicationNumber('201710601862.4').problem).toEqual({ kind: 'CHECK', expected: '3', actual: '4' });
    expect(checkApplicationNumber('97101765.5').problem?.kind).toBe('CHECK');
    for (const wrong of ['20171060186.3', '2017106018623.3', '201710601862', '201710601862.', '201710601862.33', '2017106O1862.3', '9710176.4', '']) {
      expect(checkApplicationNumber(wrong).problem, wrong).toEqual({ kind: 'FORMAT' });
    }
    expect(checkApplicationNumber(number(2024, 5, 1)).problem).toEqual({ kind: 'KIND', digit: '5' });
    expect(checkApplicationNumber(number(2001, 1, 1)).problem?.kind).toBe('YEAR'); // 12 digits before 2003
    expect(checkApplicationNumber(number(2099, 1, 1), 2026).problem?.kind).toBe('YEAR'); // a future year
    expect(checkApplicationNumber(`05101765.${applicationCheckCharacter('05101765')}`).problem?.kind).toBe('YEAR'); // 8 digits after 2003
  });
});

describe('priority-examination recommendations (R21)', () => {
  let t: TestApp;
  let demo: string;
  let advantage: string;
  let plain: string;
  let other: string;
  const gd = () => as.provincial(GD);
  const ent = (id: string) => as.enterprise(id);
  let serial = 1;

  const ask = (viewer: Viewer, enterpriseId: string, over: Record<string, unknown> = {}) =>
    t.gql<{ requestPriorityExamination: { request: Request } }>(
      REQUEST,
      { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), applicationNumber: number(2026, 1, serial++), title: '一种数据加密方法', ipcClasses: ['h04l 9/08', 'G06F'], reason: '5G 关键技术领域，支撑海外布局', ...over } },
      viewer,
    );
  const asked = async (enterpriseId: string, over: Record<string, unknown> = {}) => {
    const result = await ask(ent(enterpriseId), enterpriseId, over);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.requestPriorityExamination.request;
  };
  const decide = (viewer: Viewer, r: Request, recommend: boolean, note?: string) => t.gql<{ decidePriorityExamination: { request: Request } }>(DECIDE, { input: { id: r.id, version: r.version, recommend, note } }, viewer);

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(21);
    const make = async (region: string, level?: 'DEMONSTRATION' | 'ADVANTAGE') => {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
      if (level) await makeDesignation(t.orm.em, e, valid(level));
      return e.id;
    };
    demo = await make(GD, 'DEMONSTRATION');
    advantage = await make(GD, 'ADVANTAGE');
    plain = await make(GD);
    other = await make('320000', 'DEMONSTRATION');
  });
  afterAll(() => t.close());

  it('a demonstration enterprise asks, its bureau recommends within the year’s number, the outcome and grant date are recorded', async () => {
    const r = await asked(demo);
    expect(r).toMatchObject({ status: 'REQUESTED', bureauCode: GD, patentKind: 'INVENTION', ipcClasses: ['H04L 9/08', 'G06F'], quotaYear: null, outcome: null });
    const recommended = (await decide(gd(), r, true, '符合本省关键技术领域')).data!.decidePriorityExamination.request;
    expect(recommended).toMatchObject({ status: 'RECOMMENDED', quotaYear: 2026, outcome: 'PENDING', decisionNote: '符合本省关键技术领域', decidedBy: 'test-provincial_admin' });
    const bad = await t.gql(OUTCOME, { input: { id: r.id, version: recommended.version, outcome: 'NOT_ACCEPTED', outcomeOn: '2026-06-15', grantedOn: '2026-06-15' } }, ent(demo));
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const early = await t.gql(OUTCOME, { input: { id: r.id, version: recommended.version, outcome: 'ACCEPTED', outcomeOn: '2026-06-01' } }, ent(demo));
    expect(errorOf(early).code).toBe('BAD_USER_INPUT');
    const accepted = (await t.ok(OUTCOME, { input: { id: r.id, version: recommended.version, outcome: 'ACCEPTED', outcomeOn: '2026-06-15' } }, ent(demo))).recordPriorityExaminationOutcome.request;
    expect(accepted).toMatchObject({ outcome: 'ACCEPTED', outcomeOn: '2026-06-15', grantedOn: null });
    t.setToday('2026-10-20');
    const granted = (await t.ok(OUTCOME, { input: { id: r.id, version: accepted.version, outcome: 'ACCEPTED', outcomeOn: '2026-06-15', grantedOn: '2026-10-18' } }, gd())).recordPriorityExaminationOutcome.request;
    expect(granted).toMatchObject({ outcome: 'ACCEPTED', grantedOn: '2026-10-18' });
    expect(granted.history.map((h: { status: string; outcome: string | null }) => [h.status, h.outcome])).toEqual([
      ['REQUESTED', null],
      ['RECOMMENDED', null],
      ['RECOMMENDED', 'ACCEPTED'],
      ['RECOMMENDED', 'ACCEPTED'],
    ]);
    const flip = await t.gql(OUTCOME, { input: { id: r.id, version: granted.version, outcome: 'NOT_ACCEPTED', outcomeOn: '2026-06-15' } }, gd());
    expect(errorOf(flip).code).toBe('CONFLICT');
    t.setToday(TODAY);
  });

  it('an advantage enterprise may ask too; an enterprise without a valid title may not (R21)', async () => {
    expect((await asked(advantage)).status).toBe('REQUESTED');
    const refused = errorOf(await ask(ent(plain), plain));
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R21', condition: 'NOT_TITLED', paragraph: 'D 四(一)三、A 二(二)' });
    expect(Number((await t.sql<{ n: string }>(`select count(*) as n from priority_examination where enterprise_id = ?`, [plain]))[0]!.n)).toBe(0);
  });

  it('a wrong application number is BAD_USER_INPUT and nothing is stored; one open request per application', async () => {
    const before = Number((await t.sql<{ n: string }>('select count(*) as n from priority_examination'))[0]!.n);
    for (const wrong of ['201710601862.4', '20171060186.3', '2017X0601862.3']) {
      expect(errorOf(await ask(ent(demo), demo, { applicationNumber: wrong })).code, wrong).toBe('BAD_USER_INPUT');
    }
    expect(errorOf(await ask(ent(demo), demo, { ipcClasses: ['not-a-class'] })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await ask(ent(demo), demo, { ipcClasses: [] })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await ask(ent(demo), demo, { title: '  ' })).code).toBe('BAD_USER_INPUT');
    expect(Number((await t.sql<{ n: string }>('select count(*) as n from priority_examination'))[0]!.n)).toBe(before);
    const first = await asked(demo, { applicationNumber: 'CN 201710601862.3' });
    expect(first.applicationNumber).toBe('201710601862.3');
    expect(errorOf(await ask(ent(demo), demo, { applicationNumber: '201710601862.3' })).code).toBe('CONFLICT');
    // Withdrawn: it may be asked again.
    await t.ok(WITHDRAW, { input: { id: first.id, version: first.version } }, ent(demo));
    const again = await asked(demo, { applicationNumber: '201710601862.3' });
    expect(again.status).toBe('REQUESTED');
    expect(errorOf(await t.gql(WITHDRAW, { input: { id: first.id, version: first.version + 1 } }, ent(demo))).code).toBe('CONFLICT');
  });

  it('who may do what: the enterprise for itself, its own bureau decides, a decline needs a reason', async () => {
    const r = await asked(demo);
    expect(errorOf(await ask(ent(demo), other)).code).toBe('FORBIDDEN'); // another enterprise (seen in the public directory) is not its own
    expect(errorOf(await ask(gd(), demo)).code).toBe('FORBIDDEN');
    expect(errorOf(await decide(as.provincial('320000'), r, true)).code).toBe('NOT_FOUND');
    expect(errorOf(await decide(as.national(), r, true)).code).toBe('FORBIDDEN');
    expect(errorOf(await decide(ent(demo), r, true)).code).toBe('FORBIDDEN');
    expect(errorOf(await decide(gd(), r, false)).code).toBe('BAD_USER_INPUT');
    const declined = (await decide(gd(), r, false, '不属于关键技术领域')).data!.decidePriorityExamination.request;
    expect(declined).toMatchObject({ status: 'DECLINED', quotaYear: null, outcome: null });
    expect(errorOf(await decide(gd(), declined, true)).code).toBe('CONFLICT');
    const outcome = await t.gql(OUTCOME, { input: { id: r.id, version: declined.version, outcome: 'ACCEPTED', outcomeOn: TODAY } }, gd());
    expect(errorOf(outcome).code).toBe('CONFLICT');
    // Visibility: the enterprise, its bureau, the national bureau; nobody else.
    const sees = async (viewer: Viewer) => ((await t.gql<{ priorityExaminationRequests: { edges: { node: { id: string } }[] } }>(LIST, {}, viewer)).data?.priorityExaminationRequests.edges ?? []).some((e) => e.node.id === r.id);
    expect(await sees(ent(demo))).toBe(true);
    expect(await sees(gd())).toBe(true);
    expect(await sees(as.national())).toBe(true);
    expect(await sees(ent(advantage))).toBe(false);
    expect(await sees(as.provincial('320000'))).toBe(false);
    expect(errorOf(await t.gql(LIST, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    const node = await t.gql<{ node: { id: string } | null }>(`query($id: ID!) { node(id: $id) { id } }`, { id: r.id }, ent(advantage));
    expect(node.data?.node).toBeNull();
  });

  it('concurrent recommendations never exceed the bureau’s number for the year (R21)', async () => {
    t.setToday('2027-03-01');
    await t.ok(QUOTA, { input: { bureauCode: GD, year: 2027, quota: 3 } }, as.national());
    const requests = [];
    for (let i = 0; i < 10; i++) requests.push(await asked(i % 2 ? demo : advantage));
    const results = await Promise.all(requests.map((r) => decide(gd(), r, true)));
    const ok = results.filter((x) => !x.errors);
    const refused = results.filter((x) => x.errors).map(errorOf);
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const e of refused) expect(e).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R21', condition: 'QUOTA_EXHAUSTED', quota: 3, used: 3, year: 2027 });
    const [row] = (await t.ok(QUOTAS, { year: 2027 }, gd())).priorityExaminationQuotas;
    expect(row).toEqual({ bureauCode: GD, quota: 3, isDefault: false, used: 3, remaining: 0 });
    // The number cannot go below what was recommended; raised, one more fits.
    expect(errorOf(await t.gql(QUOTA, { input: { bureauCode: GD, year: 2027, quota: 2 } }, as.national())).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(QUOTA, { input: { bureauCode: GD, year: 2027, quota: 5 } }, gd())).code).toBe('FORBIDDEN');
    await t.ok(QUOTA, { input: { bureauCode: GD, year: 2027, quota: 4 } }, as.national());
    const waiting = (await t.ok(LIST, { filter: { status: ['REQUESTED'] } }, gd())).priorityExaminationRequests.edges.map((e: { node: { id: string } }) => e.node.id);
    const next = requests.find((r) => waiting.includes(r.id))!;
    const fresh = (await t.ok(`query($id: ID!) { node(id: $id) { ... on PriorityExaminationRequest { id version } } }`, { id: next.id }, gd())).node;
    expect((await decide(gd(), fresh, true)).data?.decidePriorityExamination.request.status).toBe('RECOMMENDED');
    // Another bureau and an unset year use the programme's default number.
    const all = (await t.ok(QUOTAS, { year: 2027 }, as.national())).priorityExaminationQuotas;
    expect(all).toHaveLength(37);
    expect(all.find((q: { bureauCode: string }) => q.bureauCode === '320000')).toEqual({ bureauCode: '320000', quota: 50, isDefault: true, used: 0, remaining: 50 });
    t.setToday(TODAY);
  });
});
