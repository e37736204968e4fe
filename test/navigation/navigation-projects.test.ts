/**
 * Patent navigation projects [D 四(一)一]: "建立专利导航决策机制……为企业知识产权战略制定、重大科技经济项目、
 * 资产并购重组、进入国际市场等重大决策提供支撑"; [A 二(一)] the same for advantage enterprises; pilot
 * projects (专利导航工作试点) selected by a bureau for a year. A project moves PLANNED → ANALYSING →
 * REPORTED (with a report) → DECIDED (the decision it fed) → CLOSED (its outcome), or is cancelled;
 * the enterprise may publish a report to the public catalogue; the public sees pilots and published
 * reports only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { insertOrganization } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const TODAY = '2026-06-15';
const GD = '440000';
const JS = '320000';

const FIELDS = `id title area objective ipcClasses status startedOn decision decidedOn outcome closedOn cancelReason pilotYear pilotBureauCode enterpriseName version
  organization { id } milestones { title dueOn doneOn } reports { id title publishedAt } history { status by note }`;
const CREATE = `mutation($input: CreateNavigationProjectInput!) { createNavigationProject(input: $input) { project { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateNavigationProjectInput!) { updateNavigationProject(input: $input) { project { ${FIELDS} } } }`;
const ADVANCE = `mutation($input: AdvanceNavigationProjectInput!) { advanceNavigationProject(input: $input) { project { ${FIELDS} } } }`;
const REPORT = `mutation($input: SubmitNavigationReportInput!) { submitNavigationReport(input: $input) { report { id title summary deliveredOn publishedAt version projectTitle area enterpriseName } } }`;
const PUBLISH = `mutation($input: PublishNavigationReportInput!) { publishNavigationReport(input: $input) { report { id publishedAt version } } }`;
const PILOT = `mutation($input: SelectNavigationPilotInput!) { selectNavigationPilot(input: $input) { project { ${FIELDS} } } }`;
const PROJECTS = `query($filter: NavigationProjectFilter, $first: Int) { navigationProjects(filter: $filter, first: $first) { totalCount edges { node { ${FIELDS} } } } }`;
const PILOTS = `query($filter: NavigationPilotFilter) { navigationPilots(filter: $filter, first: 50) { totalCount edges { node { projectId title area year bureauCode enterpriseName } } } }`;
const REPORTS = `query($filter: NavigationReportFilter) { navigationReports(filter: $filter, first: 50) { totalCount edges { node { id title summary projectTitle area enterpriseName publishedAt project { id } } } } }`;

interface Project {
  id: string;
  status: string;
  version: number;
  [field: string]: any;
}

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string; message: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code), message: error.message };
}

describe('patent navigation projects', () => {
  let t: TestApp;
  let gd: string;
  let js: string;
  let org: string;
  let otherOrg: string;
  const provider = (id: string) => as.user('SERVICE_PROVIDER', { organizationId: id });
  const input = (enterpriseId: string, over: Record<string, unknown> = {}) => ({
    enterpriseId: toGlobalId('Enterprise', enterpriseId),
    title: '动力电池海外市场专利导航',
    area: 'INTERNATIONAL_MARKET',
    objective: '评估进入欧洲市场的专利风险，支撑出海决策',
    ipcClasses: ['H01M 10/42', 'h01m'],
    milestones: [
      { title: '检索', dueOn: '2026-07-31' },
      { title: '分析报告', dueOn: '2026-09-30' },
    ],
    ...over,
  });
  const create = async (viewer: Viewer, enterpriseId: string, over: Record<string, unknown> = {}): Promise<Project> => (await t.ok(CREATE, { input: input(enterpriseId, over) }, viewer)).createNavigationProject.project;
  const advance = (viewer: Viewer, p: Project, status: string, text?: string, on?: string) => t.gql<{ advanceNavigationProject: { project: Project } }>(ADVANCE, { input: { id: p.id, version: p.version, status, text, on } }, viewer);
  const advanced = async (viewer: Viewer, p: Project, status: string, text?: string, on?: string) => {
    const r = await advance(viewer, p, status, text, on);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.advanceNavigationProject.project;
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(16);
    const e1 = await makeEnterprise(t.orm.em, rng, { regionCode: GD });
    await makeDesignation(t.orm.em, e1, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    gd = e1.id;
    js = (await makeEnterprise(t.orm.em, rng, { regionCode: JS })).id;
    org = await insertOrganization(t.orm.em, { name: '导航分析服务中心', kind: 'AGENCY', regionCode: GD });
    otherOrg = await insertOrganization(t.orm.em, { name: '另一代理机构', kind: 'AGENCY', regionCode: GD });
  });
  afterAll(() => t.close());

  it('runs a project from planning to closing with a report, the decision it fed and its outcome', async () => {
    let p = await create(as.enterprise(gd), gd, { organizationId: toGlobalId('ServiceOrganization', org) });
    expect(p).toMatchObject({ status: 'PLANNED', area: 'INTERNATIONAL_MARKET', ipcClasses: ['H01M 10/42', 'H01M'], organization: { id: toGlobalId('ServiceOrganization', org) }, enterpriseName: expect.any(String) });
    expect(p.milestones).toEqual([
      { title: '检索', dueOn: '2026-07-31', doneOn: null },
      { title: '分析报告', dueOn: '2026-09-30', doneOn: null },
    ]);
    // Moves out of order are refused, with the moves allowed.
    expect(errorOf(await advance(as.enterprise(gd), p, 'REPORTED'))).toMatchObject({ code: 'CONFLICT', allowed: ['ANALYSING', 'CANCELLED'] });
    expect(errorOf(await advance(as.enterprise(gd), p, 'ANALYSING', undefined, '2026-06-16')).code).toBe('BAD_USER_INPUT');
    p = await advanced(provider(org), p, 'ANALYSING', undefined, '2026-06-01');
    expect(p).toMatchObject({ status: 'ANALYSING', startedOn: '2026-06-01' });
    expect(errorOf(await advance(as.enterprise(gd), p, 'REPORTED')).code).toBe('CONFLICT'); // no report yet
    const report = (await t.ok(REPORT, { input: { projectId: p.id, title: '欧洲动力电池专利态势分析', summary: '主要竞争对手在欧专利布局集中于正极材料', deliveredOn: '2026-06-10' } }, provider(org))).submitNavigationReport.report;
    expect(report).toMatchObject({ publishedAt: null, projectTitle: '动力电池海外市场专利导航', area: 'INTERNATIONAL_MARKET' });
    p = (await t.ok(`query($id: ID!) { node(id: $id) { ... on NavigationProject { ${FIELDS} } } }`, { id: p.id }, as.enterprise(gd))).node;
    p = await advanced(as.enterprise(gd), p, 'REPORTED');
    expect(errorOf(await advance(as.enterprise(gd), p, 'DECIDED')).code).toBe('BAD_USER_INPUT'); // the decision is required
    p = await advanced(as.enterprise(gd), p, 'DECIDED', '决定先以德国为切入点，规避正极材料专利', '2026-06-12');
    expect(errorOf(await advance(as.enterprise(gd), p, 'CLOSED', '成效', '2026-06-11')).code).toBe('BAD_USER_INPUT'); // before the decision
    p = await advanced(provincial(), p, 'CLOSED', '完成德国市场布局申请 12 件');
    expect(p).toMatchObject({ status: 'CLOSED', decision: '决定先以德国为切入点，规避正极材料专利', decidedOn: '2026-06-12', outcome: '完成德国市场布局申请 12 件', closedOn: TODAY });
    expect(p.history.map((h: { status: string }) => h.status)).toEqual(['PLANNED', 'ANALYSING', 'REPORTED', 'DECIDED', 'CLOSED']);
    expect(p.reports.map((r: { id: string }) => r.id)).toEqual([report.id]);
    expect(errorOf(await t.gql(UPDATE, { input: { id: p.id, version: p.version, title: '新名称' } }, as.enterprise(gd))).code).toBe('CONFLICT');
    expect(errorOf(await advance(as.enterprise(gd), p, 'CANCELLED', '不做了')).code).toBe('CONFLICT');
  });

  const provincial = () => as.provincial(GD);

  it('bad input is BAD_USER_INPUT and stores nothing; cancelling needs a reason', async () => {
    const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from navigation_project'))[0]!.n);
    const before = await count();
    for (const over of [{ ipcClasses: ['H0'] }, { ipcClasses: [] }, { title: '' }, { objective: 'x'.repeat(2001) }, { milestones: [{ title: '', dueOn: '2026-07-01' }] }, { milestones: [{ title: '完成', dueOn: '2026-07-01', doneOn: '2026-07-01' }] }]) {
      expect(errorOf(await t.gql(CREATE, { input: input(gd, over) }, as.enterprise(gd))).code, JSON.stringify(over)).toBe('BAD_USER_INPUT');
    }
    expect(await count()).toBe(before);
    const p = await create(as.enterprise(gd), gd);
    expect(errorOf(await advance(as.enterprise(gd), p, 'CANCELLED')).code).toBe('BAD_USER_INPUT');
    const updated = (await t.ok(UPDATE, { input: { id: p.id, version: p.version, milestones: [{ title: '检索', dueOn: '2026-07-31', doneOn: '2026-06-14' }] } }, as.enterprise(gd))).updateNavigationProject.project;
    expect(updated.milestones).toEqual([{ title: '检索', dueOn: '2026-07-31', doneOn: '2026-06-14' }]);
    expect(errorOf(await t.gql(UPDATE, { input: { id: p.id, version: p.version, title: '旧版本' } }, as.enterprise(gd))).code).toBe('CONFLICT');
    const cancelled = await advanced(as.enterprise(gd), updated, 'CANCELLED', '企业战略调整');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '企业战略调整' });
  });

  it('who sees and runs a project: the enterprise, the analysing organisation, its bureau, the national bureau', async () => {
    const p = await create(provider(org), gd);
    expect(p.organization).toEqual({ id: toGlobalId('ServiceOrganization', org) }); // a provider's project is its own analysis
    expect(errorOf(await t.gql(CREATE, { input: input(gd, { organizationId: toGlobalId('ServiceOrganization', otherOrg) }) }, provider(org))).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(CREATE, { input: input(js) }, as.enterprise(gd))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(errorOf(await t.gql(CREATE, { input: input(gd) }, as.user('EXPERT', { personId: gd }))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(CREATE, { input: input(gd) }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    const sees = async (viewer: Viewer) => ((await t.gql<{ navigationProjects: { edges: { node: { id: string } }[] } }>(PROJECTS, { first: 100 }, viewer)).data?.navigationProjects.edges ?? []).some((e) => e.node.id === p.id);
    for (const viewer of [as.enterprise(gd), provider(org), provincial(), as.national()]) expect(await sees(viewer)).toBe(true);
    for (const viewer of [as.enterprise(js), provider(otherOrg), as.provincial(JS)]) expect(await sees(viewer)).toBe(false);
    expect(errorOf(await t.gql(PROJECTS, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await advance(provider(otherOrg), p, 'ANALYSING')).code).toBe('NOT_FOUND');
    expect(errorOf(await advance(as.provincial(JS), p, 'ANALYSING')).code).toBe('NOT_FOUND');
    const node = await t.gql<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, { id: p.id }, as.anonymous);
    expect(node.data?.node).toBeNull();
  });

  it('the enterprise publishes a report to the public catalogue; the public sees its summary, never the project', async () => {
    let p = await create(as.enterprise(gd), gd, { title: '固态电池研发路线导航', area: 'RD_ROUTE' });
    p = await advanced(as.enterprise(gd), p, 'ANALYSING');
    const r = (await t.ok(REPORT, { input: { projectId: p.id, title: '固态电解质技术路线分析', summary: '硫化物路线专利集中度高', deliveredOn: TODAY } }, as.enterprise(gd))).submitNavigationReport.report;
    const catalogue = async (viewer: Viewer, filter: Record<string, unknown> = {}) => (await t.ok(REPORTS, { filter }, viewer)).navigationReports.edges.map((e: { node: { id: string } }) => e.node);
    expect((await catalogue(as.anonymous)).some((x: { id: string }) => x.id === r.id)).toBe(false);
    expect((await catalogue(as.enterprise(gd))).some((x: { id: string }) => x.id === r.id)).toBe(true);
    expect(errorOf(await t.gql(PUBLISH, { input: { id: r.id, version: r.version, published: true } }, provider(org))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(errorOf(await t.gql(PUBLISH, { input: { id: r.id, version: r.version, published: true } }, provincial())).code).toBe('FORBIDDEN');
    const published = (await t.ok(PUBLISH, { input: { id: r.id, version: r.version, published: true } }, as.enterprise(gd))).publishNavigationReport.report;
    expect(published.publishedAt).not.toBeNull();
    const seen = (await catalogue(as.anonymous, { search: '硫化物' })).find((x: { id: string }) => x.id === r.id);
    expect(seen).toMatchObject({ title: '固态电解质技术路线分析', summary: '硫化物路线专利集中度高', projectTitle: '固态电池研发路线导航', area: 'RD_ROUTE', project: null });
    expect(await catalogue(as.anonymous, { search: '不存在的词' })).toEqual([]);
    await t.ok(PUBLISH, { input: { id: r.id, version: published.version, published: false } }, as.enterprise(gd));
    expect((await catalogue(as.anonymous)).some((x: { id: string }) => x.id === r.id)).toBe(false);
  });

  it('a bureau selects pilots of its jurisdiction for a year; the public list shows them; only the selecting bureau or the national one takes a selection back', async () => {
    const p = await create(as.enterprise(gd), gd, { title: '新能源汽车专利导航试点' });
    const q = await create(as.national(), js, { title: '集成电路专利导航试点', area: 'MAJOR_PROJECT' });
    expect(errorOf(await t.gql(PILOT, { input: { projectId: q.id, year: 2026, selected: true } }, provincial())).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(PILOT, { input: { projectId: p.id, year: 2026, selected: true } }, as.enterprise(gd))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(PILOT, { input: { projectId: p.id, year: 2030, selected: true } }, provincial())).code).toBe('BAD_USER_INPUT');
    const selected = (await t.ok(PILOT, { input: { projectId: p.id, year: 2026, selected: true } }, provincial())).selectNavigationPilot.project;
    expect(selected).toMatchObject({ pilotYear: 2026, pilotBureauCode: GD });
    await t.ok(PILOT, { input: { projectId: q.id, year: 2026, selected: true } }, as.national());
    const pilots = (await t.ok(PILOTS, { filter: { year: 2026 } }, as.anonymous)).navigationPilots;
    expect(pilots.edges.map((e: { node: { title: string; bureauCode: string } }) => [e.node.title, e.node.bureauCode]).sort()).toEqual([
      ['新能源汽车专利导航试点', GD],
      ['集成电路专利导航试点', '100000'],
    ]);
    expect((await t.ok(PILOTS, { filter: { year: 2026, regionCodes: [JS] } }, as.anonymous)).navigationPilots.totalCount).toBe(1);
    expect(errorOf(await t.gql(PILOT, { input: { projectId: p.id, year: 2025, selected: true } }, provincial())).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(PILOT, { input: { projectId: q.id, year: 2026, selected: false } }, as.provincial(JS))).code).toBe('CONFLICT');
    await t.ok(PILOT, { input: { projectId: p.id, year: 2026, selected: false } }, as.national());
    expect((await t.ok(PILOTS, { filter: { year: 2026 } }, as.anonymous)).navigationPilots.totalCount).toBe(1);
  });

  it('a page of projects costs the same statements for 2 projects as for 8 (no per-row queries)', async () => {
    const viewer = as.national();
    const statements = async (n: number) => {
      const { queries } = await t.countQueries(() => t.ok(PROJECTS, { first: n }, viewer));
      return queries.length;
    };
    for (let i = 0; i < 8; i++) await create(as.enterprise(gd), gd, { organizationId: toGlobalId('ServiceOrganization', org) });
    expect(await statements(8)).toBe(await statements(2));
    const reports = async (n: number) => (await t.countQueries(() => t.ok(`query($n: Int) { navigationReports(first: $n) { edges { node { title projectTitle area enterpriseName project { id } } } } }`, { n }, viewer))).queries.length;
    expect(await reports(3)).toBe(await reports(1));
  });
});
