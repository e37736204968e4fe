/**
 * Probes of a second hostile review (kept as regression tests; the defects they found are fixed): needs assigned to a commissioner or a consulting session (L5, docs/liaison.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { CREATE_SESSION, provider, selectedTeam } from '../consulting/steps.js';
import { buildWorld, JS, type World } from '../liaison/world.js';

const SUBMIT = `mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id version } } }`;
const STEP = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { need { id version status assigneeKind } } }`;
const NEED = `query($id: ID!) { node(id: $id) { ... on EnterpriseNeed { title status } } }`;

describe('review2: needs assigned to a consulting session', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 77);
  });
  afterAll(() => t.close());

  async function accepted() {
    const firm = w.firms.gd;
    const need = (await t.ok(SUBMIT, { input: { enterpriseId: firm.gid, category: 'OVERSEAS', title: '海外布局（保密）', description: '拟进入欧洲市场，需要海外专利布局建议。', urgency: 'HIGH' } }, firm.viewer)).submitNeed.need;
    return (await t.ok(STEP('acceptNeed'), { input: { id: need.id, version: need.version } }, w.viewers.gd)).acceptNeed.need as { id: string; version: number };
  }

  it('L5/L1: a Guangdong bureau cannot assign its enterprise\'s need to a Jiangsu team\'s session that the enterprise may not book (outside the region served)', async () => {
    const jsTeam = await selectedTeam(t, JS, { year: 2026, from: '2026-01-01', to: '2026-12-31' });
    const session = (
      await t.ok(CREATE_SESSION, { input: { selectionId: jsTeam.selectionId, startsAt: '2026-12-10T09:00:00+08:00', topics: ['海外布局'], capacity: 10, mode: 'ONLINE', link: 'https://meeting.example.cn/js' } }, as.provincial(JS))
    ).createConsultingSession.session;
    expect(session.regionCode).toBe(JS);
    const need = await accepted();
    const r = await t.gql(STEP('assignNeed'), { input: { id: need.id, version: need.version, consultingSessionId: session.id } }, w.viewers.gd);
    const seenByJiangsuTeam = (await t.gql(NEED, { id: need.id }, provider(jsTeam.id))).data?.node ?? null;
    expect({ code: r.errors?.[0]?.extensions?.code ?? 'OK', seenByJiangsuTeam }).toEqual({ code: 'RULE_VIOLATION', seenByJiangsuTeam: null });
  });
});
