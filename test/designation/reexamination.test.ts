/**
 * Re-examination at the end of a 3-year round [D 三(二)4]: failed → title cancelled and a 2-year
 * ban (R10); passed → filed within 6 months and a new round (R10); not filed in time → withdrawn
 * automatically by the scheduled job, with a 2-year ban (R11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { fixedClock } from '../../src/common/clock.js';
import { runScheduledTransitions } from '../../src/jobs/scheduled-transitions.js';
import { fromGlobalId } from '../../src/common/node.js';

const fromGlobal = (id: string) => fromGlobalId(id)!.key;

const RECORD = `mutation($input: RecordReexaminationInput!) { recordReexamination(input: $input) { designation { id status endedOn reexaminedOn reexaminationPassed } successor { level status validFrom validUntil } ban { reason startsOn endsOn } } }`;
const DUE = `query($r: RegionCode, $first: Int, $after: String) { reexaminationsDue(regionCode: $r, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id validUntil } } } }`;
const ids = (data: any) => data.reexaminationsDue.edges.map((e: any) => e.node.id);

describe('re-examination and filing', () => {
  let t: TestApp;
  const rng = randomFor(2024);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A demonstration round of an enterprise in `region` ending on `validUntil`. */
  async function round(validUntil: string, region = '320000') {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
    const from = `${Number(validUntil.slice(0, 4)) - 3}${validUntil.slice(4)}`;
    const d = await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: Number(from.slice(0, 4)), validFrom: from, validUntil });
    return { e, d, id: toGlobalId('Designation', d.id), eid: toGlobalId('Enterprise', e.id) };
  }

  it('D 三(二)4 (R10): a failed re-examination cancels the title at once and starts a 2-year ban', async () => {
    t.setToday('2026-10-20');
    const { id, eid } = await round('2026-11-30');
    const data = await t.ok(RECORD, { input: { designationId: id, passed: false, notes: '知识产权管理体系运行不达标', scoreA: 82, scoreB: 86 } }, as.provincial('320000'));
    expect(data.recordReexamination).toEqual({
      designation: { id, status: 'CANCELLED', endedOn: '2026-10-20', reexaminedOn: '2026-10-20', reexaminationPassed: false },
      successor: null,
      ban: { reason: 'REEXAMINATION_FAILED', startsOn: '2026-10-20', endsOn: '2028-10-19' },
    });
    const e = await t.ok(`query($id: ID!) { enterprise(id: $id) { currentDesignation { id } activeBan { reason } } }`, { id: eid });
    expect(e.enterprise).toEqual({ currentDesignation: null, activeBan: { reason: 'REEXAMINATION_FAILED' } });
  });

  it('D 三(二)4: a passed re-examination, filed, continues the title for a new 3-year round', async () => {
    t.setToday('2027-01-10'); // after the end, within the 6 months
    const { id, eid } = await round('2026-12-31');
    const data = await t.ok(RECORD, { input: { designationId: id, passed: true, notes: '复核通过，报国家局备案', scoreA: 82, scoreB: 86 } }, as.provincial('320000'));
    expect(data.recordReexamination.designation).toMatchObject({ status: 'EXPIRED', reexaminationPassed: true });
    expect(data.recordReexamination.successor).toEqual({ level: 'DEMONSTRATION', status: 'ACTIVE', validFrom: '2027-01-01', validUntil: '2029-12-31' });
    const e = await t.ok(`query($id: ID!) { enterprise(id: $id) { stage currentDesignation { validUntil } } }`, { id: eid });
    expect(e.enterprise).toEqual({ stage: 'DEMONSTRATION', currentDesignation: { validUntil: '2029-12-31' } });
  });

  it('D 三(二)4 (R10, R11): re-examination opens 90 days before the end and closes 6 months after it', async () => {
    const { id } = await round('2027-06-30');
    t.setToday('2027-03-01');
    expect((await t.gql(RECORD, { input: { designationId: id, passed: true, notes: '提前', scoreA: 82, scoreB: 86 } }, as.provincial('320000'))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R10', opensOn: '2027-04-01' });
    t.setToday('2028-01-01');
    expect((await t.gql(RECORD, { input: { designationId: id, passed: true, notes: '逾期', scoreA: 82, scoreB: 86 } }, as.provincial('320000'))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R11', deadline: '2027-12-30' });
  });

  it('the due list shows rounds from 90 days before their end to the filing deadline, per jurisdiction', async () => {
    const soon = await round('2030-03-31', '330000');
    await round('2030-12-31', '330000'); // not yet due
    const other = await round('2030-03-31', '340000');
    t.setToday('2030-02-01');
    const due = await t.ok(DUE, {}, as.provincial('330000'));
    expect(ids(due)).toEqual([soon.id]);
    expect(due.reexaminationsDue.totalCount).toBe(1);
    expect((await t.gql(DUE, { r: '340000' }, as.provincial('330000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ids(await t.ok(DUE, { r: '340000' }, as.national()))).toEqual([other.id]);
    // Who may list at all: the public must sign in; an enterprise is refused.
    expect((await t.gql(DUE, {}, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(DUE, {}, as.enterprise(soon.e.id))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another jurisdiction's bureau cannot record it (it does not see it).
    expect((await t.gql(RECORD, { input: { designationId: soon.id, passed: true, notes: '越权', scoreA: 82, scoreB: 86 } }, as.provincial('340000'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the due list is a connection: soonest end first, paged by cursor, with the total', async () => {
    const rounds = [await round('2032-03-31', '360000'), await round('2032-02-28', '360000'), await round('2032-04-30', '360000')];
    t.setToday('2032-02-15');
    const first = await t.ok(DUE, { first: 2 }, as.provincial('360000'));
    expect(ids(first)).toEqual([rounds[1]!.id, rounds[0]!.id]);
    expect(first.reexaminationsDue).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await t.ok(DUE, { first: 2, after: first.reexaminationsDue.pageInfo.endCursor }, as.provincial('360000'));
    expect(ids(rest)).toEqual([rounds[2]!.id]);
    expect(rest.reexaminationsDue.pageInfo.hasNextPage).toBe(false);
  });

  it('D 三(二)4 (R11): not filed within 6 months → withdrawn by the scheduled job, with a 2-year ban; the job is idempotent and runs once at a time', async () => {
    const late = await round('2031-01-31', '350000');
    const inTime = await round('2031-03-31', '350000');
    const clock = fixedClock('2031-08-01'); // late's deadline was 2031-07-31
    // Every unfiled round whose deadline has passed (the earlier tests left some) is withdrawn, once.
    const [{ n: expected }] = (await t.sql<{ n: number }>(
      `select count(*)::int as n from designation where level = 'DEMONSTRATION' and status = 'ACTIVE' and reexamined_on is null
         and (valid_until + interval '6 months')::date < '2031-08-01'`,
    )) as [{ n: number }];
    expect(expected).toBeGreaterThanOrEqual(1);
    const runs = await Promise.all([runScheduledTransitions(t.orm, clock), runScheduledTransitions(t.orm, clock)]);
    expect(runs.reduce((n, r) => n + r.withdrawn, 0)).toBe(expected);
    const [d] = await t.sql<{ status: string; ended_on: string }>('select status, ended_on::text from designation where id = ?', [late.d.id]);
    expect(d).toEqual({ status: 'WITHDRAWN', ended_on: '2031-08-01' });
    expect(await t.sql('select reason, starts_on::text, ends_on::text from application_ban where designation_id = ?', [late.d.id])).toEqual([{ reason: 'NOT_FILED', starts_on: '2031-08-01', ends_on: '2033-07-31' }]);
    expect((await t.sql<{ status: string }>('select status from designation where id = ?', [inTime.d.id]))[0]!.status).toBe('ACTIVE');
    expect((await runScheduledTransitions(t.orm, clock)).withdrawn).toBe(0);
    const audit = await t.sql<{ role: string }>("select role from audit_entry where operation = 'withdrawUnfiledDesignation'");
    expect(audit).toHaveLength(expected);
    expect(audit.every((a) => a.role === 'SYSTEM')).toBe(true);
    // The national admin can run it by hand; nobody else.
    t.setToday('2031-08-02');
    const run = await t.ok(`mutation { runScheduledTransitions { __typename ran withdrawn noticesConcluded } }`);
    expect(run.runScheduledTransitions).toEqual({ __typename: 'RunScheduledTransitionsPayload', ran: true, withdrawn: 0, noticesConcluded: 0 });
    expect((await t.gql(`mutation { runScheduledTransitions { ran } }`, undefined, as.provincial('350000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`mutation { runScheduledTransitions { ran } }`, undefined, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  const INCIDENT = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`;
  const REEXAMINATION = `query($id: ID!) { node(id: $id) { ... on Designation { reexamination { reexaminedOn passed notes scoreA scoreB incidents { id occurredOn } } } } }`;

  it('D 三(二)4, 三(一)2 (R1): a re-examination records the checked scores, and below the thresholds it cannot pass', async () => {
    t.setToday('2033-11-01');
    const { id } = await round('2033-12-31', '320000');
    const low = await t.gql(RECORD, { input: { designationId: id, passed: true, notes: '复核通过', scoreA: 74, scoreB: 90 } }, as.provincial('320000'));
    expect(low.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R1', scoreThresholdA: 75 });
    expect((await t.sql<{ reexamined_on: string | null }>('select reexamined_on from designation where id = ?', [fromGlobal(id)]))[0]!.reexamined_on).toBeNull();
    const bad = await t.gql(RECORD, { input: { designationId: id, passed: true, notes: '复核通过', scoreA: 101, scoreB: 90 } }, as.provincial('320000'));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'scoreA' }] });
    // Recorded as failed, with its scores.
    await t.ok(RECORD, { input: { designationId: id, passed: false, notes: '评分未达标', scoreA: 74, scoreB: 90 } }, as.provincial('320000'));
    const record = await t.ok(REEXAMINATION, { id }, as.provincial('320000'));
    expect(record.node.reexamination).toEqual({ reexaminedOn: '2033-11-01', passed: false, notes: '评分未达标', scoreA: 74, scoreB: 90, incidents: [] });
    // The record goes with the enterprise's whole record: another bureau and the public see null.
    expect((await t.ok(REEXAMINATION, { id }, as.provincial('330000'))).node?.reexamination ?? null).toBeNull();
    expect((await t.ok(REEXAMINATION, { id }, as.anonymous)).node?.reexamination ?? null).toBeNull();
  });

  it('D 三(二)4, 三(四) (R12): an incident within 3 years refuses a passing re-examination, and the failed one records it', async () => {
    t.setToday('2034-11-15');
    const { id, eid } = await round('2034-12-31', '320000');
    const incident = (await t.ok(INCIDENT, { input: { enterpriseId: eid, kind: 'SUBSIDY_FRAUD', penaltyArea: null, occurredOn: '2034-10-26', description: '骗取专利资助', evidence: '苏知发〔2034〕5 号' } })).recordIncident.incident.id;
    const refused = await t.gql(RECORD, { input: { designationId: id, passed: true, notes: '复核通过', scoreA: 90, scoreB: 90 } }, as.provincial('320000'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12', incidentIds: [incident] });
    await t.ok(RECORD, { input: { designationId: id, passed: false, notes: '近三年有骗取资助情形', scoreA: 90, scoreB: 90 } }, as.provincial('320000'));
    const record = await t.ok(REEXAMINATION, { id }, as.national());
    expect(record.node.reexamination).toMatchObject({ passed: false, scoreA: 90, scoreB: 90, incidents: [{ id: incident, occurredOn: '2034-10-26' }] });
  });
});
