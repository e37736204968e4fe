/**
 * Probes of a hostile review of src/modules/navigation (docs/navigation.md, issue 16): cross-role
 * leaks through every read path (lists, node/nodes, field resolvers, files, the public catalogue,
 * statistics), the R21 yearly number under concurrency, input abuse, the project state machine and
 * pilots, and an enterprise moving to another jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { multipart, PDF } from '../harness/multipart.js';
import { applicationCheckCharacter } from '../../src/common/patent-number.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { enterprise, expert, GD, JS, key, organization, person, provider, SZ } from '../service/steps.js';

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------
const PR_FIELDS = `id status version bureauCode quotaYear applicationNumber ipcClasses outcome`;
const REQUEST = `mutation($input: RequestPriorityExaminationInput!) { requestPriorityExamination(input: $input) { request { ${PR_FIELDS} } } }`;
const WITHDRAW = `mutation($input: WithdrawPriorityExaminationInput!) { withdrawPriorityExamination(input: $input) { request { ${PR_FIELDS} } } }`;
const DECIDE = `mutation($input: DecidePriorityExaminationInput!) { decidePriorityExamination(input: $input) { request { ${PR_FIELDS} } } }`;
const OUTCOME = `mutation($input: RecordPriorityExaminationOutcomeInput!) { recordPriorityExaminationOutcome(input: $input) { request { ${PR_FIELDS} } } }`;
const QUOTA = `mutation($input: SetPriorityExaminationQuotaInput!) { setPriorityExaminationQuota(input: $input) { quota { bureauCode year quota used remaining } } }`;
const QUOTAS = `query($year: Int!) { priorityExaminationQuotas(year: $year) { bureauCode quota isDefault used remaining } }`;
const PR_LIST = `query($filter: PriorityExaminationFilter) { priorityExaminationRequests(filter: $filter, first: 100) { totalCount edges { node { ${PR_FIELDS} } } } }`;

const P_FIELDS = `id status version pilotYear pilotBureauCode history { status note by } reports { id }`;
const CREATE = `mutation($input: CreateNavigationProjectInput!) { createNavigationProject(input: $input) { project { ${P_FIELDS} ipcClasses } } }`;
const ADVANCE = `mutation($input: AdvanceNavigationProjectInput!) { advanceNavigationProject(input: $input) { project { ${P_FIELDS} } } }`;
const REPORT = `mutation($input: SubmitNavigationReportInput!) { submitNavigationReport(input: $input) { report { id version } } }`;
const PUBLISH = `mutation($input: PublishNavigationReportInput!) { publishNavigationReport(input: $input) { report { id version publishedAt } } }`;
const PILOT = `mutation($input: SelectNavigationPilotInput!) { selectNavigationPilot(input: $input) { project { ${P_FIELDS} } } }`;
const P_LIST = `query($filter: NavigationProjectFilter) { navigationProjects(filter: $filter, first: 100) { totalCount edges { node { id status pilotYear } } } }`;
const PILOTS = `query($filter: NavigationPilotFilter) { navigationPilots(filter: $filter, first: 100) { totalCount edges { node { projectId title area year bureauCode enterpriseName } } } }`;
const REPORTS = `query($filter: NavigationReportFilter) { navigationReports(filter: $filter, first: 100) { totalCount edges { node { id project { id } } } } }`;

const O_FIELDS = `id kind status amount version`;
const RECORD = `mutation($input: RecordIpOperationInput!) { recordIpOperation(input: $input) { operation { ${O_FIELDS} } } }`;
const O_LIST = `query($filter: IpOperationFilter) { ipOperations(filter: $filter, first: 100) { totalCount edges { node { ${O_FIELDS} } } } }`;

const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
const REPORT_NODE = `query($id: ID!) { node(id: $id) { ... on NavigationReport { id title summary projectTitle area enterpriseName project { id objective } attachments { id } } } }`;
const STATS = `query($q: StatisticsQuery!) { statistics(query: $q) { rows { isTotal values { measure value } } } }`;
const ENTERPRISE_VERSION = `query($id: ID!) { node(id: $id) { ... on Enterprise { version } } }`;
const UPDATE_ENTERPRISE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id version } } }`;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
let serial = 1;
/** A valid, never used application number of `year`. */
const number = (year: number, kind = 1) => {
  const digits = `${year}${kind}${String(serial++).padStart(7, '0')}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};

function errorOf(result: GraphQLResult<unknown>): { code: string; message: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code), message: error.message };
}
const codeOf = (r: GraphQLResult<unknown>) => (r.errors?.length ? String(r.errors[0]!.extensions?.code) : 'OK');

interface Row {
  id: string;
  status: string;
  version: number;
  [field: string]: any;
}

describe('review: patent navigation and IP operation', () => {
  let t: TestApp;

  const count = async (table: string) => Number((await t.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
  const counts = async () => ({
    priority: await count('priority_examination'),
    quota: await count('priority_examination_quota'),
    project: await count('navigation_project'),
    report: await count('navigation_report'),
    operation: await count('ip_operation'),
  });

  const ask = (enterpriseId: string, over: Record<string, unknown> = {}, viewer: Viewer = as.enterprise(enterpriseId)) =>
    t.gql<{ requestPriorityExamination: { request: Row } }>(
      REQUEST,
      { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), applicationNumber: number(Number(today.slice(0, 4))), title: '一种数据加密方法', ipcClasses: ['H04L 9/08'], reason: '关键技术领域', ...over } },
      viewer,
    );
  const asked = async (enterpriseId: string, over: Record<string, unknown> = {}) => {
    const r = await ask(enterpriseId, over);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.requestPriorityExamination.request;
  };
  const decide = (viewer: Viewer, r: Row, recommend: boolean, note: string | null = recommend ? null : '不属于关键技术领域') =>
    t.gql<{ decidePriorityExamination: { request: Row } }>(DECIDE, { input: { id: r.id, version: r.version, recommend, note } }, viewer);
  const projectInput = (enterpriseId: string, over: Record<string, unknown> = {}) => ({
    enterpriseId: toGlobalId('Enterprise', enterpriseId),
    title: '动力电池海外市场专利导航',
    area: 'INTERNATIONAL_MARKET',
    objective: '机密：评估进入欧洲市场的专利风险',
    ipcClasses: ['H01M 10/42'],
    ...over,
  });
  const created = async (viewer: Viewer, enterpriseId: string, over: Record<string, unknown> = {}): Promise<Row> => (await t.ok(CREATE, { input: projectInput(enterpriseId, over) }, viewer)).createNavigationProject.project;
  const advance = (viewer: Viewer, p: Row, status: string, text?: string, on?: string) => t.gql<{ advanceNavigationProject: { project: Row } }>(ADVANCE, { input: { id: p.id, version: p.version, status, text, on } }, viewer);
  const advanced = async (viewer: Viewer, p: Row, status: string, text?: string, on?: string): Promise<Row> => {
    const r = await advance(viewer, p, status, text, on);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.advanceNavigationProject.project;
  };
  const submitted = async (viewer: Viewer, p: Row, over: Record<string, unknown> = {}): Promise<Row> =>
    (await t.ok(REPORT, { input: { projectId: p.id, title: '分析报告', summary: '摘要', deliveredOn: today, ...over } }, viewer)).submitNavigationReport.report;
  const project = async (id: string): Promise<Row> => (await t.ok(`query($id: ID!) { node(id: $id) { ... on NavigationProject { ${P_FIELDS} } } }`, { id }, as.national())).node;
  const licence = (over: Record<string, unknown> = {}) => ({ kind: 'LICENCE', direction: 'OUTBOUND', licenceType: 'EXCLUSIVE', counterparty: '某汽车零部件公司', amount: 1_200_000.5, signedOn: '2026-03-01', applicationNumbers: [number(2025)], ...over });
  const record = (viewer: Viewer, enterpriseId: string, operation: Record<string, unknown>) => t.gql<{ recordIpOperation: { operation: Row } }>(RECORD, { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), operation } }, viewer);

  /** Ids a viewer lists, [] when the list is refused to it (UNAUTHENTICATED, FORBIDDEN, or NOT_FOUND for a hidden refusal); any other error fails. */
  const listed = async (query: string, field: string, viewer: Viewer, filter: Record<string, unknown> = {}): Promise<{ ids: string[]; total: number; nodes: Row[] }> => {
    const r = await t.gql<Record<string, { totalCount: number; edges: { node: Row }[] }>>(query, { filter }, viewer);
    if (r.errors?.length) {
      const code = codeOf(r);
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'NOT_FOUND') return { ids: [], total: 0, nodes: [] };
      throw new Error(`${field}: ${JSON.stringify(r.errors)}`);
    }
    const c = r.data![field]!;
    return { ids: c.edges.map((e) => e.node.id), total: c.totalCount, nodes: c.edges.map((e) => e.node) };
  };

  const MEASURES = ['NAVIGATION_PROJECTS', 'NAVIGATION_PILOTS', 'PRIORITY_REQUESTS', 'PRIORITY_RECOMMENDATIONS', 'IP_OPERATIONS'];
  const statistics = async (viewer: Viewer) => {
    const r = await t.gql<{ statistics: { rows: { values: { measure: string; value: number }[] }[] } }>(STATS, { q: { measures: MEASURES, dimensions: [], totals: 'NONE' } }, viewer);
    if (r.errors) return { error: codeOf(r) };
    return Object.fromEntries(r.data!.statistics.rows[0]!.values.map((v) => [v.measure, v.value]));
  };
  /** What the viewer's lists show, measure by measure. */
  const listedFigures = async (viewer: Viewer) => {
    const projects = await listed(P_LIST, 'navigationProjects', viewer);
    return {
      NAVIGATION_PROJECTS: projects.total,
      NAVIGATION_PILOTS: projects.nodes.filter((p) => p.pilotYear != null && p.status !== 'CANCELLED').length,
      PRIORITY_REQUESTS: (await listed(PR_LIST, 'priorityExaminationRequests', viewer)).total,
      PRIORITY_RECOMMENDATIONS: (await listed(PR_LIST, 'priorityExaminationRequests', viewer, { status: ['RECOMMENDED'] })).total,
      IP_OPERATIONS: (await listed(O_LIST, 'ipOperations', viewer)).total,
    };
  };

  const upload = async (token: string, name: string) => {
    const { payload, headers } = multipart(name, PDF);
    const res = await t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { ...headers, authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; downloadUrl: string };
  };
  const download = async (url: string, token: string | null) => (await t.app.fastify.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} })).statusCode;

  let today = '2026-06-15';
  const setToday = (d: string) => {
    today = d;
    t.setToday(d);
  };

  beforeAll(async () => {
    t = await createTestApp();
    setToday('2026-06-15');
  });
  afterAll(() => t.close());

  // ===========================================================================================
  // 1. Cross-role leaks
  // ===========================================================================================
  describe('1. cross-role leaks', () => {
    let gdA: string;
    let gdB: string;
    let js1: string;
    let orgA: string;
    let orgB: string;
    let expertId: string;
    let tokens: Record<string, string>;
    let R: Row; // waiting request of gdA
    let R2: Row; // recommended request of gdA
    let P: Row; // gdA's project analysed by orgA, a pilot
    let U: Row; // unpublished report of P (orgA's file)
    let Pub: Row; // published report of P (gdA's file)
    let O: Row; // gdA's IP operation
    let secretFile: { id: string; downloadUrl: string };
    let publicFile: { id: string; downloadUrl: string };
    let outsiders: Record<string, Viewer>;
    let insiders: Record<string, Viewer>;

    beforeAll(async () => {
      gdA = (await enterprise(t, GD)).id;
      gdB = (await enterprise(t, GD)).id;
      js1 = (await enterprise(t, JS)).id;
      orgA = (await organization(t, GD)).id;
      orgB = (await organization(t, GD)).id;
      expertId = await person(t, GD, '专家甲');
      tokens = {
        gdA: (await t.login('ENTERPRISE_USER', { enterpriseId: gdA })).accessToken,
        orgA: (await t.login('SERVICE_PROVIDER', { organizationId: key(orgA) })).accessToken,
        gd: (await t.login('PROVINCIAL_ADMIN', { regionCode: GD })).accessToken,
        gdB: (await t.login('ENTERPRISE_USER', { enterpriseId: gdB })).accessToken,
        js1: (await t.login('ENTERPRISE_USER', { enterpriseId: js1 })).accessToken,
        js: (await t.login('PROVINCIAL_ADMIN', { regionCode: JS })).accessToken,
        sz: (await t.login('PROVINCIAL_ADMIN', { regionCode: SZ })).accessToken,
        orgB: (await t.login('SERVICE_PROVIDER', { organizationId: key(orgB) })).accessToken,
        expert: (await t.login('EXPERT', { personId: key(expertId) })).accessToken,
      };
      outsiders = {
        anonymous: as.anonymous,
        expert: expert(expertId),
        otherProvider: provider(orgB),
        otherEnterpriseSameProvince: as.enterprise(gdB),
        otherEnterpriseOtherProvince: as.enterprise(js1),
        otherProvince: as.provincial(JS),
        plannedCity: as.provincial(SZ),
      };
      insiders = { enterprise: as.enterprise(gdA), bureau: as.provincial(GD), national: as.national() };

      R = await asked(gdA);
      R2 = (await decide(as.provincial(GD), await asked(gdA), true)).data!.decidePriorityExamination.request;
      P = await created(as.enterprise(gdA), gdA, { organizationId: orgA });
      P = await advanced(as.enterprise(gdA), P, 'ANALYSING');
      secretFile = await upload(tokens.orgA!, '机密分析底稿.pdf');
      publicFile = await upload(tokens.gdA!, '公开报告全文.pdf');
      const u = await t.http(REPORT, { input: { projectId: P.id, title: '未公开的分析报告', summary: '机密摘要', deliveredOn: today, attachmentIds: [secretFile.id] } }, tokens.orgA);
      expect(u.body.errors).toBeUndefined();
      U = (u.body.data as any).submitNavigationReport.report;
      const pub = await t.http(REPORT, { input: { projectId: P.id, title: '公开的分析报告', summary: '公开摘要', deliveredOn: today, attachmentIds: [publicFile.id] } }, tokens.gdA);
      expect(pub.body.errors).toBeUndefined();
      Pub = (pub.body.data as any).submitNavigationReport.report;
      const published = await t.http(PUBLISH, { input: { id: Pub.id, version: Pub.version, published: true } }, tokens.gdA);
      expect(published.body.errors).toBeUndefined();
      await t.ok(PILOT, { input: { projectId: P.id, year: 2026, selected: true } }, as.provincial(GD));
      O = (await record(as.enterprise(gdA), gdA, licence())).data!.recordIpOperation.operation;
    });

    it('lists, node(id) and nodes(ids) show an enterprise\'s requests, projects, unpublished reports and IP operations to no outsider', async () => {
      const hidden = [R.id, R2.id, P.id, U.id, O.id];
      const leaks: string[] = [];
      for (const [name, viewer] of Object.entries(outsiders)) {
        const seen = [
          ...(await listed(PR_LIST, 'priorityExaminationRequests', viewer)).ids,
          ...(await listed(P_LIST, 'navigationProjects', viewer)).ids,
          ...(await listed(O_LIST, 'ipOperations', viewer)).ids,
          ...(await listed(REPORTS, 'navigationReports', viewer)).ids,
          ...(await listed(REPORTS, 'navigationReports', viewer, { projectId: P.id })).ids,
        ];
        for (const id of hidden) if (seen.includes(id)) leaks.push(`${name}: listed ${id}`);
        for (const id of hidden) {
          const r = await t.gql<{ node: unknown }>(NODE, { id }, viewer);
          if (r.data?.node) leaks.push(`${name}: node ${id}`);
        }
        const many = await t.gql<{ nodes: ({ id: string } | null)[] }>(NODES, { ids: [...hidden, Pub.id] }, viewer);
        expect(many.errors, name).toBeUndefined();
        many.data!.nodes.slice(0, hidden.length).forEach((n, i) => n && leaks.push(`${name}: nodes ${hidden[i]}`));
        // The published report is public; its project never is.
        expect(many.data!.nodes[hidden.length], name).not.toBeNull();
        const report = (await t.ok(REPORT_NODE, { id: Pub.id }, viewer)).node;
        if (report.project) leaks.push(`${name}: report.project`);
      }
      expect(leaks).toEqual([]);
      // The insiders do see them (the probe would be vacuous otherwise).
      for (const [name, viewer] of Object.entries(insiders)) {
        const projects = (await listed(P_LIST, 'navigationProjects', viewer)).ids;
        const reports = (await listed(REPORTS, 'navigationReports', viewer, { projectId: P.id })).ids;
        expect({ name, p: projects.includes(P.id), u: reports.includes(U.id), r: (await listed(PR_LIST, 'priorityExaminationRequests', viewer)).ids.includes(R.id) }).toEqual({ name, p: true, u: true, r: true });
      }
      expect((await listed(P_LIST, 'navigationProjects', provider(orgA))).ids).toContain(P.id);
      expect((await listed(PR_LIST, 'priorityExaminationRequests', provider(orgA))).ids).toEqual([]);
      expect((await listed(O_LIST, 'ipOperations', provider(orgA))).ids).toEqual([]);
    });

    it('report files: an unpublished report\'s only to the project side; a published one\'s to any signed-in user, never anonymous; node(file) agrees', async () => {
      const got: Record<string, [number, number]> = {};
      for (const [name, token] of Object.entries(tokens)) got[name] = [await download(secretFile.downloadUrl, token), await download(publicFile.downloadUrl, token)];
      expect(got).toEqual({
        gdA: [200, 200],
        orgA: [200, 200],
        gd: [200, 200],
        gdB: [404, 200],
        js1: [404, 200],
        js: [404, 200],
        sz: [404, 200],
        orgB: [404, 200],
        expert: [404, 200],
      });
      expect(await download(secretFile.downloadUrl, null)).not.toBe(200);
      expect(await download(publicFile.downloadUrl, null)).not.toBe(200);
      const anonymousReport = (await t.ok(REPORT_NODE, { id: Pub.id }, as.anonymous)).node;
      expect(anonymousReport.attachments).toEqual([]);
      for (const [name, viewer] of Object.entries(outsiders)) {
        const secret = (await t.gql<{ node: unknown }>(NODE, { id: secretFile.id }, viewer)).data?.node ?? null;
        expect({ name, secret }).toEqual({ name, secret: null });
      }
    });

    it('the public pilot list and report catalogue lead nowhere further: pilot.projectId resolves to nothing, the project\'s unpublished reports stay hidden', async () => {
      const pilots = (await t.ok(PILOTS, { filter: { year: 2026 } }, as.anonymous)).navigationPilots.edges.map((e: { node: Row }) => e.node);
      const pilot = pilots.find((p: { projectId: string }) => p.projectId === P.id);
      expect(pilot).toMatchObject({ title: '动力电池海外市场专利导航', area: 'INTERNATIONAL_MARKET', bureauCode: GD });
      for (const [name, viewer] of Object.entries(outsiders)) {
        const node = (await t.gql<{ node: unknown }>(`query($id: ID!) { node(id: $id) { ... on NavigationProject { objective reports { id } } } }`, { id: pilot.projectId }, viewer)).data?.node ?? null;
        const reports = (await listed(REPORTS, 'navigationReports', viewer, { projectId: pilot.projectId })).ids;
        expect({ name, node, reports }).toEqual({ name, node: null, reports: [Pub.id] });
      }
    });

    it('the public catalogue tells the report, its project\'s title, area and enterprise, not the account name of whoever submitted it', async () => {
      const report = (await t.ok(REPORT_NODE, { id: Pub.id }, as.anonymous)).node;
      expect(report).toMatchObject({ title: '公开的分析报告', summary: '公开摘要', projectTitle: '动力电池海外市场专利导航', area: 'INTERNATIONAL_MARKET', project: null });
      const username = (await t.sql<{ submitted_by: string }>(`select submitted_by from navigation_report where id = ?`, [key(Pub.id)]))[0]!.submitted_by;
      expect(username).toMatch(/^u\d+-enterprise-user$/);
      // docs/navigation.md: the catalogue shows "title, summary, project title, area, enterprise"; docs/security.md keeps user names unguessable (login answers alike for unknown names).
      // Fixed: the account name is no field of NavigationReport at all.
      expect(report).not.toHaveProperty('submittedBy');
      const asked = await t.gql(`query($id: ID!) { node(id: $id) { ... on NavigationReport { submittedBy } } }`, { id: Pub.id }, as.anonymous);
      expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('statistics count exactly what each viewer can list (navigation projects, pilots, priority requests and recommendations, IP operations)', async () => {
      const viewers: Record<string, Viewer> = { ...insiders, provider: provider(orgA), ...outsiders };
      delete viewers.anonymous;
      const mismatches: unknown[] = [];
      for (const [name, viewer] of Object.entries(viewers)) {
        const [stats, lists] = [await statistics(viewer), await listedFigures(viewer)];
        if (JSON.stringify(stats) !== JSON.stringify(lists)) mismatches.push({ name, stats, lists });
      }
      expect(mismatches).toEqual([]);
      expect(await statistics(as.anonymous)).toEqual({ error: 'UNAUTHENTICATED' });
    });

    it('report attachments: nobody attaches a file of another enterprise, nor one read only through another report, to a report (it would go public with it)', async () => {
      const gdBFile = await upload(tokens.gdB!, '乙企业内部资料.pdf');
      const byBureau = await t.http(REPORT, { input: { projectId: P.id, title: '省局附件', summary: 's', deliveredOn: today, attachmentIds: [gdBFile.id] } }, tokens.gd);
      expect(byBureau.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // documents: the provider opens a project in the name of an enterprise it has no relation with (allowed by docs/navigation.md).
      let q = await created(provider(orgA), gdB, { title: '服务机构自行立项' });
      q = await advanced(provider(orgA), q, 'ANALYSING');
      // orgA reads gdA's published file only through Pub; it must not re-attach it to gdB's report.
      const relay = await t.http(REPORT, { input: { projectId: q.id, title: '转附', summary: 's', deliveredOn: today, attachmentIds: [publicFile.id] } }, tokens.orgA);
      expect(relay.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const relaySecret = await t.http(REPORT, { input: { projectId: q.id, title: '转附', summary: 's', deliveredOn: today, attachmentIds: [secretFile.id] } }, tokens.orgA);
      // orgA's own upload may go on any report of its projects: its own file.
      expect(relaySecret.body.errors).toBeUndefined();
    });

    it('unpublishing a report takes it out of the catalogue and its files back from outsiders', async () => {
      const current = (await t.ok(`query($id: ID!) { node(id: $id) { ... on NavigationReport { version } } }`, { id: Pub.id }, as.national())).node;
      const r = await t.http(PUBLISH, { input: { id: Pub.id, version: current.version, published: false } }, tokens.gdA);
      expect(r.body.errors).toBeUndefined();
      expect(await download(publicFile.downloadUrl, tokens.gdB!)).toBe(404);
      expect(await download(publicFile.downloadUrl, tokens.orgB!)).toBe(404);
      expect((await listed(REPORTS, 'navigationReports', as.anonymous)).ids).not.toContain(Pub.id);
      expect((await t.gql<{ node: unknown }>(NODE, { id: Pub.id }, as.enterprise(gdB))).data?.node).toBeNull();
    });

    it('fixed: one open request per application and enterprise, so no enterprise learns of (or blocks) another\'s request for a number', async () => {
      const victim = await asked(gdA);
      const other = await ask(js1, { applicationNumber: victim.applicationNumber });
      expect(other.errors).toBeUndefined();
      // The same enterprise asking twice is still CONFLICT.
      expect(errorOf(await ask(gdA, { applicationNumber: victim.applicationNumber })).code).toBe('CONFLICT');
    });
  });

  // ===========================================================================================
  // 2. R21: the yearly number under concurrency
  // ===========================================================================================
  describe('2. R21 quota under concurrency', () => {
    it('concurrent recommendations of many enterprises while the national bureau lowers and raises the number: never more recommended than the number at any commit; each bureau its own number', async () => {
      setToday('2027-03-01');
      const gds = [];
      for (let i = 0; i < 4; i++) gds.push((await enterprise(t, GD)).id);
      const jss = [(await enterprise(t, JS)).id, (await enterprise(t, JS)).id];
      await t.ok(QUOTA, { input: { bureauCode: GD, year: 2027, quota: 5 } }, as.national());
      await t.ok(QUOTA, { input: { bureauCode: JS, year: 2027, quota: 3 } }, as.national());
      const gdRequests: Row[] = [];
      for (let i = 0; i < 24; i++) gdRequests.push(await asked(gds[i % 4]!));
      const jsRequests: Row[] = [];
      for (let i = 0; i < 8; i++) jsRequests.push(await asked(jss[i % 2]!));
      // A Jiangsu bureau cannot decide Guangdong's (it does not see them), nor use its number for them.
      expect(errorOf(await decide(as.provincial(JS), gdRequests[0]!, true)).code).toBe('NOT_FOUND');

      const samples: { used: number; quota: number; jsUsed: number; jsQuota: number }[] = [];
      let done = false;
      const sampler = (async () => {
        while (!done) {
          const [row] = await t.sql<{ used: string; quota: number; js_used: string; js_quota: number }>(
            `select (select count(*) from priority_examination where bureau_code = '440000' and quota_year = 2027 and status = 'RECOMMENDED') as used,
                    (select quota from priority_examination_quota where bureau_code = '440000' and year = 2027) as quota,
                    (select count(*) from priority_examination where bureau_code = '320000' and quota_year = 2027 and status = 'RECOMMENDED') as js_used,
                    (select quota from priority_examination_quota where bureau_code = '320000' and year = 2027) as js_quota`,
          );
          samples.push({ used: Number(row!.used), quota: row!.quota, jsUsed: Number(row!.js_used), jsQuota: row!.js_quota });
        }
      })();
      const quotaMoves = [3, 8, 2, 6, 4, 9, 1, 7];
      const storm = await Promise.all([
        ...gdRequests.map((r) => decide(as.provincial(GD), r, true).then((x) => ({ what: 'gd', x }))),
        ...jsRequests.map((r) => decide(as.provincial(JS), r, true).then((x) => ({ what: 'js', x }))),
        ...quotaMoves.map((q) => t.gql<{ setPriorityExaminationQuota: { quota: { quota: number; used: number } } }>(QUOTA, { input: { bureauCode: GD, year: 2027, quota: q } }, as.national()).then((x) => ({ what: `quota ${q}`, x }))),
      ]);
      done = true;
      await sampler;

      const unexpected = storm.filter(({ what, x }) => {
        if (!x.errors) return false;
        const e = errorOf(x);
        if (what === 'gd' || what === 'js') return !(e.code === 'RULE_VIOLATION' && e.condition === 'QUOTA_EXHAUSTED' && (e.used as number) >= (e.quota as number));
        return !(e.code === 'CONFLICT' && (e.used as number) > Number(what.split(' ')[1]));
      });
      expect(unexpected.map(({ what, x }) => ({ what, errors: x.errors }))).toEqual([]);
      for (const { what, x } of storm) {
        if (what.startsWith('quota') && !x.errors) {
          const q = (x.data as any).setPriorityExaminationQuota.quota;
          expect(q.used).toBeLessThanOrEqual(q.quota);
        }
      }
      const gdOk = storm.filter(({ what, x }) => what === 'gd' && !x.errors).length;
      const jsOk = storm.filter(({ what, x }) => what === 'js' && !x.errors).length;
      const quotas = Object.fromEntries(((await t.ok(QUOTAS, { year: 2027 }, as.national())).priorityExaminationQuotas as Row[]).map((q) => [q.bureauCode, q]));
      expect(quotas[GD].used).toBe(gdOk);
      expect(quotas[GD].used).toBeLessThanOrEqual(quotas[GD].quota);
      expect(quotas[JS]).toMatchObject({ quota: 3, used: 3 });
      expect(jsOk).toBe(3);
      expect(samples.filter((s) => s.used > s.quota || s.jsUsed > s.jsQuota)).toEqual([]);
      expect(samples.length).toBeGreaterThan(0);
      // Every recommendation is on the number of the bureau that made it.
      const wrongBureau = await t.sql(
        `select pe.id, pe.bureau_code, e.region_code from priority_examination pe join enterprise e on e.id = pe.enterprise_id where pe.quota_year = 2027 and pe.status = 'RECOMMENDED' and pe.bureau_code <> e.region_code`,
      );
      expect(wrongBureau).toEqual([]);

      // A second wave: whatever is left is decided while the number is raised step by step; still never over.
      const waiting = (await listed(PR_LIST, 'priorityExaminationRequests', as.provincial(GD), { status: ['REQUESTED'], quotaYear: null })).nodes.filter((r) => gdRequests.some((g) => g.id === r.id));
      done = false;
      samples.length = 0;
      const sampler2 = (async () => {
        while (!done) {
          const [row] = await t.sql<{ used: string; quota: number }>(
            `select (select count(*) from priority_examination where bureau_code = '440000' and quota_year = 2027 and status = 'RECOMMENDED') as used, (select quota from priority_examination_quota where bureau_code = '440000' and year = 2027) as quota`,
          );
          samples.push({ used: Number(row!.used), quota: row!.quota, jsUsed: 0, jsQuota: 0 });
        }
      })();
      const base = quotas[GD].used as number;
      const wave = await Promise.all([
        ...waiting.map((r) => decide(as.provincial(GD), r, true)),
        ...[base + 2, base + 4, base + 1, base + 6].map((q) => t.gql(QUOTA, { input: { bureauCode: GD, year: 2027, quota: q } }, as.national())),
      ]);
      done = true;
      await sampler2;
      expect(wave.filter((x) => x.errors && !['RULE_VIOLATION', 'CONFLICT'].includes(codeOf(x))).map((x) => x.errors)).toEqual([]);
      expect(samples.filter((s) => s.used > s.quota)).toEqual([]);
      const [final] = (await t.ok(QUOTAS, { year: 2027 }, as.provincial(GD))).priorityExaminationQuotas;
      expect(final.used).toBeLessThanOrEqual(final.quota);
      setToday('2026-06-15');
    });

    it('a number is per bureau: the national bureau lists 37 bureaus and cannot set a number for itself (100000)', async () => {
      expect((await t.ok(QUOTAS, { year: 2026 }, as.national())).priorityExaminationQuotas).toHaveLength(37);
      expect(errorOf(await t.gql(QUOTA, { input: { bureauCode: '100000', year: 2026, quota: 5 } }, as.national())).code).toBe('BAD_USER_INPUT');
    });

    it('a planned city (Shenzhen) has its own number: Guangdong neither decides its requests nor lends it numbers', async () => {
      const sz = (await enterprise(t, SZ)).id;
      const gdUsed = async () => ((await t.ok(QUOTAS, { year: 2026 }, as.provincial(GD))).priorityExaminationQuotas as Row[])[0]!.used;
      const before = await gdUsed();
      await t.ok(QUOTA, { input: { bureauCode: SZ, year: 2026, quota: 1 } }, as.national());
      const [a, b] = [await asked(sz), await asked(sz)];
      expect(errorOf(await decide(as.provincial(GD), a, true)).code).toBe('NOT_FOUND');
      expect(codeOf(await decide(as.provincial(SZ), a, true))).toBe('OK');
      expect(errorOf(await decide(as.provincial(SZ), b, true))).toMatchObject({ code: 'RULE_VIOLATION', condition: 'QUOTA_EXHAUSTED', quota: 1, used: 1 });
      expect(await gdUsed()).toBe(before);
    });
  });

  // ===========================================================================================
  // 3. Input abuse: coded BAD_USER_INPUT, nothing stored
  // ===========================================================================================
  describe('3. input abuse', () => {
    let gdE: string;
    let P: Row;
    let token: string;
    beforeAll(async () => {
      gdE = (await enterprise(t, GD)).id;
      P = await advanced(as.enterprise(gdE), await created(as.enterprise(gdE), gdE), 'ANALYSING');
      token = (await t.login('ENTERPRISE_USER', { enterpriseId: gdE })).accessToken;
    });

    it('priority requests: unicode and full-width digits, overlong strings, odd IPC classes, foreign ids, a future filing year', async () => {
      const before = await counts();
      const valid = number(2026);
      const [digits, check] = valid.split('.') as [string, string];
      const fullWidth = [...valid].map((c) => (c === '.' ? '.' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
      const arabicIndic = [...digits].map((c) => String.fromCharCode(0x0660 + Number(c))).join('') + '.' + check;
      const devanagari = [...digits].map((c) => String.fromCharCode(0x0966 + Number(c))).join('') + '.' + check;
      const cases: [string, Record<string, unknown>][] = [
        ['full-width digits', { applicationNumber: fullWidth }],
        ['arabic-indic digits', { applicationNumber: arabicIndic }],
        ['devanagari digits', { applicationNumber: devanagari }],
        ['superscript digit', { applicationNumber: `${digits.slice(0, 11)}\u00b9.${check}` }],
        ['very long number', { applicationNumber: `${valid}${'0'.repeat(5000)}` }],
        ['number of 1500 digits', { applicationNumber: '1'.repeat(1500) }],
        ['NUL in number', { applicationNumber: `${digits}\u0000.${check}` }],
        ['lone surrogate in title', { title: 'a\ud800b' }],
        ['number as a number', { applicationNumber: 201710601862.3 }],
        ['future filing year', { applicationNumber: number(2099) }],
        ['title 201', { title: '题'.repeat(201) }],
        ['reason 2001', { reason: '由'.repeat(2001) }],
        ['21 IPC classes', { ipcClasses: Array.from({ length: 21 }, (_, i) => `H04L ${i + 1}/00`) }],
        ['IPC spaced around slash', { ipcClasses: ['H04L 9 / 08'] }],
        ['IPC full width', { ipcClasses: ['Ｈ０４Ｌ'] }],
        ['IPC blank', { ipcClasses: ['   '] }],
        ['IPC overlong', { ipcClasses: ['H04L 9/08'.padEnd(3000, '9')] }],
        ['enterprise id not global', { enterpriseId: 'not-an-id' }],
        ['enterprise id with non-uuid key', { enterpriseId: toGlobalId('Enterprise', "x' or '1'='1") }],
        ['enterprise id of another type', { enterpriseId: toGlobalId('NavigationProject', key(P.id)) }],
      ];
      const got = [];
      for (const [name, over] of cases) got.push([name, codeOf(await ask(gdE, over))]);
      expect(got).toEqual(cases.map(([name]) => [name, 'BAD_USER_INPUT']));
      expect(await counts()).toEqual(before);
      // Odd but valid spacing of IPC classes is normalised, not refused.
      const ok = await asked(gdE, { ipcClasses: ['h04l\u00a0\u00a09/08', 'H04L9/08', '\u3000g06f '] });
      expect(ok.ipcClasses).toEqual(['H04L 9/08', 'G06F']);
    });

    it('IP operations: 201 numbers, huge / NaN / Infinity / sub-cent amounts, bad terms and dates, a future filing year', async () => {
      const before = await counts();
      const cases: [string, Record<string, unknown>][] = [
        ['201 numbers', { applicationNumbers: Array.from({ length: 201 }, () => number(2025)) }],
        ['amount over the maximum', { amount: 1_000_000_000_000 }],
        ['amount 1e300', { amount: 1e300 }],
        ['amount NaN', { amount: NaN }],
        ['amount Infinity', { amount: Infinity }],
        ['amount -Infinity', { amount: -Infinity }],
        ['amount as a string', { amount: '100' }],
        ['amount sub-cent', { amount: 0.001 }],
        ['amount negative tiny', { amount: -0.01 }],
        ['negative term on a pledge', { kind: 'PLEDGE', direction: null, licenceType: null, termMonths: -3 }],
        ['term 361', { kind: 'PLEDGE', direction: null, licenceType: null, termMonths: 361 }],
        ['term over Int', { kind: 'PLEDGE', direction: null, licenceType: null, termMonths: 2 ** 31 }],
        ['term fractional', { kind: 'PLEDGE', direction: null, licenceType: null, termMonths: 1.5 }],
        ['signed 2026-02-30', { signedOn: '2026-02-30' }],
        ['signed 2026-13-01', { signedOn: '2026-13-01' }],
        ['signed year 0', { signedOn: '0000-01-01' }],
        ['signed with time', { signedOn: '2026-03-01T00:00:00Z' }],
        ['valid until 2026-02-29', { validFrom: '2026-01-01', validUntil: '2026-02-29' }],
        ['counterparty 201', { counterparty: '方'.repeat(201) }],
        ['note 2001', { note: '注'.repeat(2001) }],
        ['a future filing year', { applicationNumbers: [number(2099)] }],
        ['unknown kind', { kind: 'DONATION' }],
      ];
      const got = [];
      for (const [name, over] of cases) got.push([name, codeOf(await record(as.enterprise(gdE), gdE, licence(over)))]);
      expect(got).toEqual(cases.map(([name]) => [name, 'BAD_USER_INPUT']));
      // Raw JSON over HTTP: 1e999 parses to Infinity.
      const payload = JSON.stringify({ query: RECORD, variables: { input: { enterpriseId: toGlobalId('Enterprise', gdE), operation: licence({ amount: '__AMOUNT__' }) } } }).replace('"__AMOUNT__"', '1e999');
      const res = await t.app.fastify.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload });
      expect(res.json().errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await counts()).toEqual(before);
    });

    it('projects, reports, quotas and filters: 31 milestones, impossible dates, overlong text, bogus ids, out-of-range years', async () => {
      const before = await counts();
      const ms = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `里程碑${i}`, dueOn: '2026-12-31' }));
      const createCases: [string, Record<string, unknown>][] = [
        ['31 milestones', { milestones: ms(31) }],
        ['milestone 2026-02-30', { milestones: [{ title: '检索', dueOn: '2026-02-30' }] }],
        ['milestone done in the future', { milestones: [{ title: '检索', dueOn: '2026-07-01', doneOn: '2026-06-16' }] }],
        ['milestone title 101', { milestones: [{ title: '里'.repeat(101), dueOn: '2026-07-01' }] }],
        ['objective 2001', { objective: '目'.repeat(2001) }],
        ['title 201', { title: '题'.repeat(201) }],
        ['21 IPC classes', { ipcClasses: Array.from({ length: 21 }, (_, i) => `G06F ${i + 1}/00`) }],
        ['IPC odd', { ipcClasses: ['G06F-3/00'] }],
        ['unknown area', { area: 'WORLD_DOMINATION' }],
        ['organisation id bogus', { organizationId: 'bogus' }],
        ['organisation id non-uuid', { organizationId: toGlobalId('ServiceOrganization', '1; drop table x') }],
      ];
      const got: [string, string][] = [];
      for (const [name, over] of createCases) got.push([`create: ${name}`, codeOf(await t.gql(CREATE, { input: projectInput(gdE, over) }, as.enterprise(gdE)))]);
      const e = as.enterprise(gdE);
      const other: [string, Promise<GraphQLResult<unknown>>][] = [
        ['advance on 2026-02-30', t.gql(ADVANCE, { input: { id: P.id, version: P.version, status: 'CANCELLED', text: '理由', on: '2026-02-30' } }, e)],
        ['advance text 2001', t.gql(ADVANCE, { input: { id: P.id, version: P.version, status: 'CANCELLED', text: '理'.repeat(2001) } }, e)],
        ['advance id non-uuid', t.gql(ADVANCE, { input: { id: toGlobalId('NavigationProject', 'zzz'), version: 1, status: 'ANALYSING' } }, e)],
        ['report delivered 2026-02-30', t.gql(REPORT, { input: { projectId: P.id, title: 't', summary: 's', deliveredOn: '2026-02-30' } }, e)],
        ['report 31 attachments', t.gql(REPORT, { input: { projectId: P.id, title: 't', summary: 's', deliveredOn: today, attachmentIds: Array.from({ length: 31 }, () => toGlobalId('StoredFile', '00000000-0000-0000-0000-000000000000')) } }, e)],
        ['report attachment non-uuid', t.gql(REPORT, { input: { projectId: P.id, title: 't', summary: 's', deliveredOn: today, attachmentIds: [toGlobalId('StoredFile', 'abc')] } }, e)],
        ['report summary 2001', t.gql(REPORT, { input: { projectId: P.id, title: 't', summary: '摘'.repeat(2001), deliveredOn: today } }, e)],
        ['report project id non-uuid', t.gql(REPORT, { input: { projectId: toGlobalId('NavigationProject', 'abc'), title: 't', summary: 's', deliveredOn: today } }, e)],
        ['quota negative', t.gql(QUOTA, { input: { bureauCode: GD, year: 2026, quota: -1 } }, as.national())],
        ['quota 10001', t.gql(QUOTA, { input: { bureauCode: GD, year: 2026, quota: 10_001 } }, as.national())],
        ['quota year 1999', t.gql(QUOTA, { input: { bureauCode: GD, year: 1999, quota: 5 } }, as.national())],
        ['quota bureau 999999', t.gql(QUOTA, { input: { bureauCode: '999999', year: 2026, quota: 5 } }, as.national())],
        ['quotas year 99999', t.gql(QUOTAS, { year: 99_999 }, as.national())],
        ['pilot year -5', t.gql(PILOT, { input: { projectId: P.id, year: -5, selected: true } }, as.provincial(GD))],
        ['decide id non-uuid', t.gql(DECIDE, { input: { id: toGlobalId('PriorityExaminationRequest', 'x'), version: 1, recommend: true } }, as.provincial(GD))],
        ['decide note 2001', t.gql(DECIDE, { input: { id: toGlobalId('PriorityExaminationRequest', '00000000-0000-0000-0000-000000000000'), version: 1, recommend: false, note: '意'.repeat(2001) } }, as.provincial(GD))],
        ['outcome on 2026-02-30', t.gql(OUTCOME, { input: { id: toGlobalId('PriorityExaminationRequest', '00000000-0000-0000-0000-000000000000'), version: 1, outcome: 'ACCEPTED', outcomeOn: '2026-02-30' } }, as.provincial(GD))],
        ['reports search 51', t.gql(REPORTS, { filter: { search: '搜'.repeat(51) } }, as.anonymous)],
        ['reports project filter non-uuid', t.gql(REPORTS, { filter: { projectId: toGlobalId('NavigationProject', 'abc') } }, as.anonymous)],
        ['projects organisation filter non-uuid', t.gql(P_LIST, { filter: { organizationId: toGlobalId('ServiceOrganization', 'abc') } }, as.national())],
        ['operations signedFrom 2026-02-30', t.gql(O_LIST, { filter: { signedFrom: '2026-02-30' } }, as.national())],
        ['operations number filter wrong check', t.gql(O_LIST, { filter: { applicationNumber: '201710601862.4' } }, as.national())],
        ['requests filter 41 regions', t.gql(PR_LIST, { filter: { regionCodes: Array.from({ length: 41 }, () => GD) } }, as.national())],
      ];
      for (const [name, p] of other) got.push([name, codeOf(await p)]);
      expect(got).toEqual(got.map(([name]) => [name, 'BAD_USER_INPUT']));
      // A search with LIKE metacharacters is a search, not an error.
      expect(codeOf(await t.gql(REPORTS, { filter: { search: '%_\\' } }, as.anonymous))).toBe('OK');
      expect(await counts()).toEqual(before);
    });
  });

  // ===========================================================================================
  // 4. The project state machine and pilots
  // ===========================================================================================
  describe('4. state machine', () => {
    let gdS: string;
    let jsS: string;
    beforeAll(async () => {
      gdS = (await enterprise(t, GD)).id;
      jsS = (await enterprise(t, JS)).id;
    });
    const e = () => as.enterprise(gdS);

    it('every move out of order is CONFLICT with the moves allowed, and changes nothing', async () => {
      let p = await created(e(), gdS);
      const bad: [string, string][] = [];
      const tryAll = async (from: string, forbidden: string[], allowed: string[]) => {
        for (const status of forbidden) {
          const r = await advance(e(), p, status, '说明');
          const err = r.errors ? errorOf(r) : null;
          if (!err || err.code !== 'CONFLICT' || JSON.stringify(err.allowed) !== JSON.stringify(allowed)) bad.push([`${from}→${status}`, JSON.stringify(err ?? r.data)]);
        }
        expect((await project(p.id)).version).toBe(p.version);
      };
      await tryAll('PLANNED', ['PLANNED', 'REPORTED', 'DECIDED', 'CLOSED'], ['ANALYSING', 'CANCELLED']);
      p = await advanced(e(), p, 'ANALYSING');
      await tryAll('ANALYSING', ['PLANNED', 'ANALYSING', 'DECIDED', 'CLOSED'], ['REPORTED', 'CANCELLED']);
      await submitted(e(), p);
      p = await advanced(e(), await project(p.id), 'REPORTED');
      await tryAll('REPORTED', ['PLANNED', 'ANALYSING', 'REPORTED', 'CLOSED'], ['DECIDED', 'CANCELLED']);
      p = await advanced(e(), p, 'DECIDED', '决策');
      p = await advanced(e(), p, 'CLOSED', '成效');
      await tryAll('CLOSED', ['PLANNED', 'ANALYSING', 'REPORTED', 'DECIDED', 'CLOSED', 'CANCELLED'], []);
      expect(bad).toEqual([]);
    });

    it('a project that fed its decision but is not closed may still be cancelled ("CANCELLED (the reason) before closing")', async () => {
      let p = await advanced(e(), await created(e(), gdS), 'ANALYSING');
      await submitted(e(), p);
      p = await advanced(e(), await project(p.id), 'REPORTED');
      p = await advanced(e(), p, 'DECIDED', '决定收购');
      const r = await advance(e(), p, 'CANCELLED', '收购告吹，项目终止');
      expect({ code: codeOf(r), status: r.data?.advanceNavigationProject.project.status ?? null }).toEqual({ code: 'OK', status: 'CANCELLED' });
    });

    it('concurrent advances of one project with one version: exactly one wins, the others are CONFLICT, the history has one move', async () => {
      const p = await created(e(), gdS);
      const moves = ['ANALYSING', 'ANALYSING', 'ANALYSING', 'CANCELLED', 'ANALYSING', 'CANCELLED', 'ANALYSING', 'ANALYSING', 'CANCELLED', 'ANALYSING'];
      const viewers = [e(), as.provincial(GD), as.national()];
      const results = await Promise.all(moves.map((status, i) => advance(viewers[i % 3]!, p, status, '撤销理由')));
      expect(results.map(codeOf).sort()).toEqual([...Array(9).fill('CONFLICT'), 'OK'].sort());
      const after = await project(p.id);
      expect(after.history).toHaveLength(2);
      expect(after.version).toBe(p.version + 1);
    });

    it('reports: none on a cancelled or closed project; publishing one of a cancelled project is refused or puts only the report (never the project) in the catalogue', async () => {
      let p = await advanced(e(), await created(e(), gdS), 'ANALYSING');
      const r = await submitted(e(), p, { title: '撤销项目的报告' });
      p = await advanced(e(), await project(p.id), 'CANCELLED', '终止');
      expect(codeOf(await t.gql(REPORT, { input: { projectId: p.id, title: 't', summary: 's', deliveredOn: today } }, e()))).toBe('CONFLICT');
      const published = await t.gql(PUBLISH, { input: { id: r.id, version: r.version, published: true } }, e());
      expect(['OK', 'CONFLICT']).toContain(codeOf(published));
      const catalogue = await t.ok(`query($id: ID!) { node(id: $id) { ... on NavigationReport { id project { id } } } }`, { id: r.id }, as.anonymous);
      expect(catalogue.node).toEqual(codeOf(published) === 'OK' ? { id: r.id, project: null } : null);
    });

    it('pilots: never a cancelled project; a cancelled pilot leaves the public list and the pilot count; only the selecting bureau or the national one takes a selection back', async () => {
      const cancelled = await advanced(e(), await created(e(), gdS), 'CANCELLED', '终止');
      expect(errorOf(await t.gql(PILOT, { input: { projectId: cancelled.id, year: 2026, selected: true } }, as.provincial(GD))).code).toBe('CONFLICT');
      expect(errorOf(await t.gql(PILOT, { input: { projectId: cancelled.id, year: 2026, selected: true } }, as.national())).code).toBe('CONFLICT');

      const byGd = await created(e(), gdS, { title: '省局试点' });
      await t.ok(PILOT, { input: { projectId: byGd.id, year: 2026, selected: true } }, as.provincial(GD));
      const byNation = await created(e(), gdS, { title: '国家局试点' });
      await t.ok(PILOT, { input: { projectId: byNation.id, year: 2026, selected: true } }, as.national());
      // Guangdong takes back neither the national bureau's selection; Jiangsu and Shenzhen not Guangdong's.
      expect(codeOf(await t.gql(PILOT, { input: { projectId: byNation.id, year: 2026, selected: false } }, as.provincial(GD)))).toBe('CONFLICT');
      expect(codeOf(await t.gql(PILOT, { input: { projectId: byGd.id, year: 2026, selected: false } }, as.provincial(JS)))).toMatch(/NOT_FOUND|CONFLICT/);
      expect(codeOf(await t.gql(PILOT, { input: { projectId: byGd.id, year: 2026, selected: false } }, as.provincial(SZ)))).toMatch(/NOT_FOUND|CONFLICT/);
      expect((await project(byGd.id)).pilotBureauCode).toBe(GD);
      expect((await project(byNation.id)).pilotBureauCode).toBe('100000');

      // Cancelled after selection: gone from the public list.
      const pilotCount = async () => (await t.ok(PILOTS, { filter: { year: 2026 } }, as.anonymous)).navigationPilots.totalCount as number;
      const n = await pilotCount();
      await advanced(e(), await project(byGd.id), 'CANCELLED', '终止');
      expect(await pilotCount()).toBe(n - 1);
    });

    it('a bureau re-selecting another bureau\'s pilot for the same year changes nothing and claims nothing in the history', async () => {
      const p = await created(e(), gdS, { title: '重复遴选' });
      await t.ok(PILOT, { input: { projectId: p.id, year: 2026, selected: true } }, as.provincial(GD));
      const before = await project(p.id);
      const again = await t.gql(PILOT, { input: { projectId: p.id, year: 2026, selected: true } }, as.national());
      const after = await project(p.id);
      expect(after.pilotBureauCode).toBe(GD);
      // Either refused (CONFLICT) or a no-op: no "入选" entry by someone who did not select it, no new version.
      expect(['OK', 'CONFLICT']).toContain(codeOf(again));
      expect({ pilotBureauCode: after.pilotBureauCode, history: after.history, version: after.version }).toEqual({ pilotBureauCode: GD, history: before.history, version: before.version });
    });

    it('concurrent selections of one project by two bureaus for different years: exactly one wins', async () => {
      const p = await created(e(), gdS, { title: '并发遴选' });
      const [a, b] = await Promise.all([
        t.gql(PILOT, { input: { projectId: p.id, year: 2026, selected: true } }, as.provincial(GD)),
        t.gql(PILOT, { input: { projectId: p.id, year: 2027, selected: true } }, as.national()),
      ]);
      expect([codeOf(a), codeOf(b)].sort()).toEqual(['CONFLICT', 'OK']);
    });

    it('priority: a withdrawal and a decision racing on one version: exactly one wins; a stale decision is CONFLICT', async () => {
      for (let i = 0; i < 3; i++) {
        const r = await asked(gdS);
        const [w, d] = await Promise.all([t.gql(WITHDRAW, { input: { id: r.id, version: r.version } }, e()), decide(as.provincial(GD), r, i % 2 === 0)]);
        expect([codeOf(w), codeOf(d)].sort()).toEqual(['CONFLICT', 'OK']);
      }
      void jsS;
    });
  });

  // ===========================================================================================
  // 5. The enterprise moves to another jurisdiction
  // ===========================================================================================
  describe('5. an enterprise moves from Guangdong to Jiangsu', () => {
    it('afterwards Jiangsu (not Guangdong) sees and decides its requests on Jiangsu\'s number; Guangdong\'s past recommendation stays on Guangdong\'s number; statistics follow the lists', async () => {
      setToday('2026-06-15');
      const m = (await enterprise(t, GD)).id;
      const pending = await asked(m);
      const recommended = (await decide(as.provincial(GD), await asked(m), true)).data!.decidePriorityExamination.request;
      let p = await created(as.enterprise(m), m, { title: '迁出企业的项目' });
      p = (await t.ok(PILOT, { input: { projectId: p.id, year: 2026, selected: true } }, as.provincial(GD))).selectNavigationPilot.project;
      const o = (await record(as.enterprise(m), m, licence())).data!.recordIpOperation.operation;
      const quotasOf = async () => Object.fromEntries(((await t.ok(QUOTAS, { year: 2026 }, as.national())).priorityExaminationQuotas as Row[]).map((q) => [q.bureauCode, q.used]));
      const usedBefore = await quotasOf();

      const gid = toGlobalId('Enterprise', m);
      const version = (await t.ok(ENTERPRISE_VERSION, { id: gid }, as.national())).node.version;
      await t.ok(UPDATE_ENTERPRISE, { input: { id: gid, version, regionCode: JS } }, as.national());

      const sees = async (viewer: Viewer) => ({
        requests: (await listed(PR_LIST, 'priorityExaminationRequests', viewer)).ids.filter((id) => id === pending.id || id === recommended.id).length,
        project: (await listed(P_LIST, 'navigationProjects', viewer)).ids.includes(p.id),
        operation: (await listed(O_LIST, 'ipOperations', viewer)).ids.includes(o.id),
        node: (await t.gql<{ node: unknown }>(NODE, { id: pending.id }, viewer)).data?.node != null,
      });
      expect(await sees(as.provincial(GD))).toEqual({ requests: 0, project: false, operation: false, node: false });
      expect(await sees(as.provincial(JS))).toEqual({ requests: 2, project: true, operation: true, node: true });
      expect(await sees(as.enterprise(m))).toEqual({ requests: 2, project: true, operation: true, node: true });

      // Who decides the waiting request: Jiangsu, on Jiangsu's number.
      expect(errorOf(await decide(as.provincial(GD), pending, true)).code).toBe('NOT_FOUND');
      const decided = (await decide(as.provincial(JS), pending, true)).data!.decidePriorityExamination.request;
      expect(decided).toMatchObject({ status: 'RECOMMENDED', bureauCode: JS, quotaYear: 2026 });
      const usedAfter = await quotasOf();
      expect({ gd: usedAfter[GD], js: usedAfter[JS] }).toEqual({ gd: usedBefore[GD], js: usedBefore[JS] + 1 });
      // documents: Guangdong's number still counts the moved enterprise's recommendation, which Guangdong can no longer list.
      const gdListed = (await listed(PR_LIST, 'priorityExaminationRequests', as.provincial(GD), { quotaYear: 2026, status: ['RECOMMENDED'] })).total;
      expect(usedAfter[GD] - gdListed).toBe(1);
      // The earlier recommendation keeps Guangdong's number; its outcome is recorded by Jiangsu now.
      expect(errorOf(await t.gql(OUTCOME, { input: { id: recommended.id, version: recommended.version, outcome: 'ACCEPTED', outcomeOn: today } }, as.provincial(GD))).code).toBe('NOT_FOUND');
      await t.ok(OUTCOME, { input: { id: recommended.id, version: recommended.version, outcome: 'ACCEPTED', outcomeOn: today } }, as.provincial(JS));

      // The pilot Guangdong selected: Jiangsu cannot take it back; the national bureau can.
      expect(codeOf(await t.gql(PILOT, { input: { projectId: p.id, year: 2026, selected: false } }, as.provincial(JS)))).toBe('CONFLICT');
      const gdTakesBack = codeOf(await t.gql(PILOT, { input: { projectId: p.id, year: 2026, selected: false } }, as.provincial(GD)));
      expect(gdTakesBack).toBe('NOT_FOUND'); // documents the hole: the selecting bureau no longer can
      await t.ok(PILOT, { input: { projectId: p.id, year: 2026, selected: false } }, as.national());

      // Statistics follow today's jurisdiction, as the lists do.
      for (const viewer of [as.provincial(GD), as.provincial(JS), as.enterprise(m)]) {
        expect(await statistics(viewer)).toEqual(await listedFigures(viewer));
      }
    });
  });
});
