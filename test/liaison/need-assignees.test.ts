/**
 * A need routed to the enterprise's commissioner or to a consulting session [D 五(一), 四(三)]: the
 * bureau assigns it to the commissioner in office at that enterprise (L5) or to a consulting
 * session not yet started (L5); the organisation that answers for it (the commissioner's team, the
 * session's team) sees and resolves it; exactly one assignee per assignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { DISPATCH } from '../service/steps.js';
import { CREATE_SESSION, provider, selectedTeam, teamMember } from '../consulting/steps.js';
import { buildWorld, errorOf, GD, TODAY, type World } from './world.js';

const SUBMIT = `mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id version } } }`;
const STEP = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { need { id version status assigneeKind } } }`;
const NEED = `query($id: ID!) { node(id: $id) { ... on EnterpriseNeed { status assigneeKind assignee { __typename ... on CommissionerDispatch { commissionerName } ... on ConsultingSession { date topics } ... on ServiceOrganization { name } } } } }`;

describe('needs assigned to a commissioner or a consulting session', () => {
  let t: TestApp;
  let w: World;
  let team: { id: string; selectionId: string };
  let dispatchId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 61);
    team = await selectedTeam(t, GD, { year: 2026, from: '2026-01-01', to: '2026-12-31' });
    const commissioner = await teamMember(t, GD, team.id, '特派员甲');
    dispatchId = (
      await t.ok(DISPATCH, { input: { enterpriseId: w.firms.gd.gid, personId: commissioner, organizationId: team.id, startsOn: '2026-10-01', endsOn: '2027-09-30', purpose: '专利导航' } }, as.provincial(GD))
    ).dispatchCommissioner.dispatch.id;
  });
  afterAll(() => t.close());

  async function accepted(firm = w.firms.gd) {
    const need = (await t.ok(SUBMIT, { input: { enterpriseId: firm.gid, category: 'OVERSEAS', title: '海外布局', description: '拟进入欧洲市场，需要海外专利布局建议。', urgency: 'HIGH' } }, firm.viewer)).submitNeed.need;
    return (await t.ok(STEP('acceptNeed'), { input: { id: need.id, version: need.version } }, w.viewers.gd)).acceptNeed.need as { id: string; version: number };
  }

  it('D 五(一), 四(三): to the enterprise\'s commissioner in office; the commissioner\'s team sees and resolves it', async () => {
    const need = await accepted();
    // Exactly one assignee.
    const both = await t.gql(STEP('assignNeed'), { input: { id: need.id, version: need.version, organizationId: team.id, dispatchId } }, w.viewers.gd);
    expect(errorOf(both)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const assigned = (await t.ok(STEP('assignNeed'), { input: { id: need.id, version: need.version, dispatchId, note: '请特派员走访时一并解决' } }, w.viewers.gd)).assignNeed.need;
    expect(assigned).toMatchObject({ status: 'ASSIGNED', assigneeKind: 'COMMISSIONER' });
    expect((await t.ok(NEED, { id: need.id }, provider(team.id))).node).toMatchObject({ assignee: { __typename: 'CommissionerDispatch', commissionerName: '特派员甲' } });
    const resolved = (await t.ok(STEP('resolveNeed'), { input: { id: need.id, version: assigned.version, resolution: '特派员走访时提供了欧洲专利布局建议。' } }, provider(team.id))).resolveNeed.need;
    expect(resolved.status).toBe('RESOLVED');
  });

  it('the organisation answering for a need sees its steps from its assignment on, not the routing before it', async () => {
    const need = await accepted();
    const otherTeam = await selectedTeam(t, GD, { year: 2026, from: '2026-01-01', to: '2026-12-31' });
    const first = (await t.ok(STEP('assignNeed'), { input: { id: need.id, version: need.version, organizationId: otherTeam.id, note: '先交办乙团队' } }, w.viewers.gd)).assignNeed.need;
    const resolved = (await t.ok(STEP('resolveNeed'), { input: { id: need.id, version: first.version, resolution: '乙团队无法处理，请改派。' } }, provider(otherTeam.id))).resolveNeed.need;
    const reopened = (await t.ok(STEP('reopenNeed'), { input: { id: need.id, version: resolved.version, reason: '问题未解决' } }, w.firms.gd.viewer)).reopenNeed.need;
    await t.ok(STEP('assignNeed'), { input: { id: need.id, version: reopened.version, dispatchId, note: '改由特派员处理' } }, w.viewers.gd);
    const events = async (viewer: Parameters<TestApp['ok']>[2]) => (await t.ok(`query($id: ID!) { node(id: $id) { ... on EnterpriseNeed { events { toStatus note } } } }`, { id: need.id }, viewer)).node.events.map((e: { toStatus: string }) => e.toStatus);
    expect(await events(w.viewers.gd)).toEqual(['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'RESOLVED', 'REOPENED', 'ASSIGNED']);
    expect(await events(provider(team.id))).toEqual(['ASSIGNED']);
  });

  it('L5: another enterprise\'s commissioner is not found; a commissioner not in office is refused', async () => {
    const other = await accepted(w.firms.gd2);
    expect(errorOf(await t.gql(STEP('assignNeed'), { input: { id: other.id, version: other.version, dispatchId } }, w.viewers.gd))).toMatchObject({ code: 'NOT_FOUND' });
    const need = await accepted();
    t.setToday('2027-10-01');
    try {
      expect(errorOf(await t.gql(STEP('assignNeed'), { input: { id: need.id, version: need.version, dispatchId } }, w.viewers.gd))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'L5' });
    } finally {
      t.setToday(TODAY);
    }
    expect((await t.ok(NEED, { id: need.id }, w.viewers.gd)).node).toMatchObject({ status: 'ACCEPTED', assigneeKind: null });
  });

  it('D 四(三)二: to a consulting session not yet started; the session\'s team answers for it; a started or cancelled one is refused (L5)', async () => {
    const session = (
      await t.ok(CREATE_SESSION, { input: { selectionId: team.selectionId, startsAt: '2026-12-10T09:00:00+08:00', topics: ['海外布局'], capacity: 10, mode: 'ONLINE', link: 'https://meeting.example.cn/1' } }, as.provincial(GD))
    ).createConsultingSession.session;
    const need = await accepted();
    const assigned = (await t.ok(STEP('assignNeed'), { input: { id: need.id, version: need.version, consultingSessionId: session.id } }, w.viewers.gd)).assignNeed.need;
    expect(assigned).toMatchObject({ status: 'ASSIGNED', assigneeKind: 'CONSULTING_SESSION' });
    expect((await t.ok(NEED, { id: need.id }, w.firms.gd.viewer)).node.assignee).toMatchObject({ __typename: 'ConsultingSession', date: '2026-12-10' });
    expect((await t.ok(NEED, { id: need.id }, provider(team.id))).node.status).toBe('ASSIGNED');
    const late = await accepted();
    t.setToday('2026-12-11');
    try {
      expect(errorOf(await t.gql(STEP('assignNeed'), { input: { id: late.id, version: late.version, consultingSessionId: session.id } }, w.viewers.gd))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'L5' });
    } finally {
      t.setToday(TODAY);
    }
  });
});
