/**
 * IP commissioners (知识产权特派员) [D 四(三)] through GraphQL: a bureau dispatches a current member of
 * an ACTIVE service team (SV2, SV3) to an enterprise of its jurisdiction (the national bureau: any) for a
 * term with a purpose; one person serves at most `commissionerMaxEnterprises` enterprises on any day
 * (SV4), held under concurrency; the dispatching bureau ends a dispatch early; the team's users and the
 * dispatching bureau record visits, each a service record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { DISPATCH, END_MEMBER, enterprise, expert, GD, JS, key, member, organization, person, provider, refusal, SZ, UPDATE_ORG, VISIT } from './steps.js';

const END = `mutation($input: EndCommissionerDispatchInput!) { endCommissionerDispatch(input: $input) { dispatch { id version status endedOn endReason history { operation } } } }`;
const DISPATCHES = `query($filter: CommissionerDispatchFilter) { commissionerDispatches(first: 10, filter: $filter) {
  totalCount edges { node { id status commissionerName commissioner { id phone } enterpriseName bureau { code } visits(first: 5) { totalCount edges { node { type servedOn hours summary deliveredBy { name } } } } } } } }`;
const SETTINGS = `query { programmeSettings { version commissionerMaxEnterprises } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version commissionerMaxEnterprises } } }`;

describe('IP commissioners', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  const setMax = async (n: number) => {
    const { version } = (await t.ok(SETTINGS)).programmeSettings;
    await t.ok(UPDATE_SETTINGS, { input: { version, commissionerMaxEnterprises: n } });
  };
  const input = (e: { gid: string }, personId: string, organizationId: string, startsOn = '2026-07-01', endsOn = '2027-06-30') => ({ enterpriseId: e.gid, personId, organizationId, startsOn, endsOn, purpose: '指导企业建立专利导航机制' });

  it('SV3 [D 四(三)]: the commissioner is a member of an ACTIVE team (SV2) for the whole term; a bureau dispatches to enterprises of its jurisdiction', async () => {
    const team = await organization(t, GD);
    const wang = await person(t, GD, '王特派');
    const e = await enterprise(t, GD, true);
    expect(refusal(await t.gql(DISPATCH, { input: input(e, wang, team.id) }, as.provincial(GD)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV3' });
    await member(t, GD, team.id, wang, '2026-01-01', '2027-03-31');
    // The membership ends before the term does.
    expect(refusal(await t.gql(DISPATCH, { input: input(e, wang, team.id) }, as.provincial(GD)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV3' });
    const d = (await t.ok(DISPATCH, { input: input(e, wang, team.id, '2026-07-01', '2027-03-31') }, as.provincial(GD))).dispatchCommissioner.dispatch;
    expect(d).toMatchObject({ status: 'SCHEDULED', bureauCode: GD, commissionerName: '王特派', enterpriseName: e.name });
    // Another jurisdiction: the enterprise is not theirs to see (NOT_FOUND) or not theirs to dispatch to.
    expect(refusal(await t.gql(DISPATCH, { input: input(e, wang, team.id) }, as.provincial(JS))).code).toBe('NOT_FOUND');
    const designated = await enterprise(t, GD);
    expect(refusal(await t.gql(DISPATCH, { input: input(designated, wang, team.id) }, as.provincial(SZ))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(DISPATCH, { input: input(designated, wang, team.id) }, provider(team.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(DISPATCH, { input: input(designated, wang, team.id, '2026-07-01', '2030-01-01') }, as.national())).code).toBe('BAD_USER_INPUT');
    // The same person to the same enterprise with an overlapping term: CONFLICT.
    expect(refusal(await t.gql(DISPATCH, { input: input(e, wang, team.id, '2026-09-01', '2026-12-31') }, as.national())).code).toBe('CONFLICT');
    // A suspended team sends nobody (SV2).
    await t.ok(UPDATE_ORG, { input: { id: team.id, version: team.version, status: 'SUSPENDED', statusNote: '整改' } }, as.provincial(GD));
    expect(refusal(await t.gql(DISPATCH, { input: input(designated, wang, team.id) }, as.national()))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV2' });
    // A membership cannot end while its dispatch runs beyond the new last day.
    const m = (await t.ok(`query($f: OrganizationMemberFilter) { organizationMembers(first: 1, filter: $f) { edges { node { id version } } } }`, { f: { personId: wang } })).organizationMembers.edges[0].node;
    expect(refusal(await t.gql(END_MEMBER, { input: { id: m.id, version: m.version, lastDay: '2026-12-31', reason: '离职' } }, as.provincial(GD))).code).toBe('CONFLICT');
  });

  it('SV4 [D 四(三)]: at most commissionerMaxEnterprises enterprises on any one day (a programme setting); terms that do not meet do not count', async () => {
    await setMax(2);
    const team = await organization(t, JS);
    const li = await person(t, JS, '李特派');
    await member(t, JS, team.id, li, '2026-01-01', '2029-12-31');
    const [a, b, c, d] = [await enterprise(t, JS, true), await enterprise(t, JS, true), await enterprise(t, JS, true), await enterprise(t, JS, true)];
    const bureau = as.provincial(JS);
    await t.ok(DISPATCH, { input: input(a, li, team.id, '2026-07-01', '2026-12-31') }, bureau);
    await t.ok(DISPATCH, { input: input(b, li, team.id, '2027-01-01', '2027-06-30') }, bureau);
    // c overlaps a and b but never both on one day: at most 2 at once.
    await t.ok(DISPATCH, { input: input(c, li, team.id, '2026-10-01', '2027-03-31') }, bureau);
    const over = refusal(await t.gql(DISPATCH, { input: input(d, li, team.id, '2026-11-01', '2026-11-30') }, bureau));
    expect(over).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV4' });
    expect(over.message).toContain('2 家');
    // After a term: fine.
    await t.ok(DISPATCH, { input: input(d, li, team.id, '2027-07-01', '2027-12-31') }, bureau);
    await setMax(5);
  });

  it('SV4 under concurrency: five dispatches of one person at once with room for three give exactly three (advisory lock per person)', async () => {
    await setMax(3);
    const team = await organization(t, GD);
    const zhao = await person(t, GD, '赵特派');
    await member(t, GD, team.id, zhao, '2026-01-01');
    const targets = await Promise.all([1, 2, 3, 4, 5].map(() => enterprise(t, GD, true)));
    const results = await Promise.all(targets.map((e) => t.gql(DISPATCH, { input: input(e, zhao, team.id) }, as.provincial(GD))));
    const codes = results.map((r) => (r.errors ? String(r.errors[0]!.extensions!.rule) : 'OK')).sort();
    expect(codes).toEqual(['OK', 'OK', 'OK', 'SV4', 'SV4']);
    const [{ n }] = await t.sql<{ n: number }>(`select count(*)::int as n from commissioner_dispatch where person_id = ?`, [key(zhao)]);
    expect(n).toBe(3);
    await setMax(5);
  });

  it('D 四(三): visits by the team\'s users and the dispatching bureau are service records; the dispatching bureau ends a dispatch early; who sees dispatches', async () => {
    const team = await organization(t, GD);
    const other = await organization(t, GD);
    const chen = await person(t, GD, '陈特派');
    await member(t, GD, team.id, chen, '2026-01-01');
    const e = await enterprise(t, GD);
    const d = (await t.ok(DISPATCH, { input: input(e, chen, team.id, '2026-05-01', '2026-12-31') }, as.provincial(GD))).dispatchCommissioner.dispatch;
    expect(d.status).toBe('ACTIVE');
    const visit = (viewer: any, visitedOn = '2026-06-10') => t.gql(VISIT, { input: { dispatchId: d.id, visitedOn, hours: 3.5, summary: '走访研发部门，梳理核心技术专利布局', outcome: '形成布局建议 1 份' } }, viewer);
    const v = (await visit(provider(team.id))).data!.recordCommissionerVisit.record;
    expect(v).toMatchObject({ type: 'COMMISSIONER_VISIT', servedOn: '2026-06-10', hours: 3.5, deliveredBy: [{ name: '陈特派' }], dispatch: { id: d.id } });
    expect((await visit(as.provincial(GD), '2026-06-12')).errors).toBeUndefined();
    expect(refusal(await visit(provider(other.id))).code).toBe('NOT_FOUND');
    expect(refusal(await visit(as.enterprise(e.id))).code).toBe('FORBIDDEN');
    expect(refusal(await visit(as.provincial(SZ))).code).toBe('NOT_FOUND');
    expect(refusal(await visit(provider(team.id), '2026-04-30')).code).toBe('BAD_USER_INPUT');
    expect(refusal(await visit(provider(team.id), '2026-06-16')).code).toBe('BAD_USER_INPUT');
    // A dispatch by the national bureau: the provincial bureau sees it but does not record its visits.
    const national = (await t.ok(DISPATCH, { input: input(await enterprise(t, GD), chen, team.id, '2026-06-01', '2026-08-31') }, as.national())).dispatchCommissioner.dispatch;
    expect(refusal(await t.gql(VISIT, { input: { dispatchId: national.id, visitedOn: '2026-06-10', hours: 2, summary: '走访' } }, as.provincial(GD))).code).toBe('FORBIDDEN');

    const list = async (viewer: any) => (await t.ok(DISPATCHES, { filter: { personId: chen } }, viewer)).commissionerDispatches;
    const bureau = await list(as.provincial(GD));
    expect(bureau.totalCount).toBe(2);
    const mine = bureau.edges.find((x: any) => x.node.id === d.id).node;
    expect(mine.visits.totalCount).toBe(2);
    expect(mine.commissioner).toMatchObject({ id: chen, phone: null });
    expect((await list(as.enterprise(e.id))).totalCount).toBe(1);
    expect((await list(as.enterprise(e.id))).edges[0].node).toMatchObject({ commissionerName: '陈特派', commissioner: null });
    expect((await list(provider(team.id))).totalCount).toBe(2);
    expect((await list(provider(other.id))).totalCount).toBe(0);
    expect((await list(expert(chen))).totalCount).toBe(2);
    expect((await list(expert(chen))).edges[0].node.commissioner.phone).toBe('13900001111');
    expect((await list(as.provincial(JS))).totalCount).toBe(0);
    expect((await list(as.anonymous)).totalCount).toBe(0);
    const statuses = async (filter: object) => (await t.ok(DISPATCHES, { filter: { personId: chen, ...filter } })).commissionerDispatches.totalCount;
    expect(await statuses({ statuses: ['ACTIVE'] })).toBe(2);
    expect(await statuses({ activeFrom: '2026-09-01', activeTo: '2026-12-31' })).toBe(1);
    expect(await statuses({ regionCodes: [GD] })).toBe(2);

    // Ending early: the dispatching bureau only, not before the last visit, with a reason.
    const end = (viewer: any, lastDay: string) => t.gql(END, { input: { id: d.id, version: d.version, lastDay, reason: '企业需求已完成' } }, viewer);
    expect(refusal(await end(provider(team.id), '2026-06-30')).code).toBe('FORBIDDEN');
    expect(refusal(await end(as.provincial(GD), '2026-06-11')).code).toBe('BAD_USER_INPUT');
    expect(refusal(await end(as.provincial(GD), '2026-12-31')).code).toBe('BAD_USER_INPUT');
    const ended = (await end(as.provincial(GD), '2026-06-30')).data!.endCommissionerDispatch.dispatch;
    expect(ended).toMatchObject({ endedOn: '2026-06-30', endReason: '企业需求已完成', status: 'ACTIVE' });
    expect(ended.history.map((h: any) => h.operation)).toEqual(['dispatchCommissioner', 'endCommissionerDispatch']);
    t.setToday('2026-07-01');
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on CommissionerDispatch { status } } }`, { id: d.id })).node.status).toBe('ENDED_EARLY');
    expect(refusal(await visit(provider(team.id), '2026-07-01')).code).toBe('BAD_USER_INPUT');
    t.setToday('2026-06-15');
  });
});
