/**
 * Every list of the navigation module costs the same SQL statements for one row as for several:
 * each field of its rows (names, enterprises, members, funds, files) is batched, never one query per
 * row (issue 16, "statement counts for every list"). The lists not covered by their own test files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { applicationCheckCharacter } from '../../src/common/patent-number.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

let serial = 1;
const number = () => {
  const digits = `20251${String(serial++).padStart(7, '0')}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};

describe('navigation lists: statements per page', () => {
  let t: TestApp;
  const enterprises: string[] = [];
  const statements = async (query: string, n: number, viewer: Viewer = as.national()) => (await t.countQueries(() => t.ok(query, { n }, viewer))).queries.length;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const rng = randomFor(90);
    for (let i = 0; i < 4; i++) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000' });
      await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      enterprises.push(e.id);
    }
    for (const id of enterprises) {
      const viewer = as.enterprise(id);
      const enterpriseId = toGlobalId('Enterprise', id);
      await t.ok(`mutation($i: RequestPriorityExaminationInput!) { requestPriorityExamination(input: $i) { request { id } } }`, { i: { enterpriseId, applicationNumber: number(), title: '发明', ipcClasses: ['G06N'], reason: '关键技术' } }, viewer);
      await t.ok(`mutation($i: RecordCollaborationAgreementInput!) { recordCollaborationAgreement(input: $i) { agreement { id } } }`, { i: { enterpriseId, agreement: { title: '合作', description: '联合攻关', partners: [{ name: '某大学', kind: 'UNIVERSITY' }], ipcClasses: ['G06N'], startsOn: '2026-01-01', applicationNumbers: [number()] } } }, viewer);
      await t.ok(`mutation($i: RecordStandardParticipationInput!) { recordStandardParticipation(input: $i) { standard { id } } }`, { i: { enterpriseId, standard: { standardNumber: `T/X ${serial}-2026`, title: '标准', level: 'GROUP', role: 'LEAD', essentialPatents: [number()] } } }, viewer);
      const r = (await t.ok(`mutation($i: DraftIndustryReportInput!) { draftIndustryReport(input: $i) { report { id version } } }`, { i: { report: { industryCode: '39', title: '行业报告', summary: '摘要' } } }, viewer)).draftIndustryReport.report;
      await t.ok(`mutation($i: PublishIndustryReportInput!) { publishIndustryReport(input: $i) { report { id } } }`, { i: { id: r.id, version: r.version, published: true } }, viewer);
      const p = (await t.ok(`mutation($i: CreateNavigationProjectInput!) { createNavigationProject(input: $i) { project { id } } }`, { i: { enterpriseId, title: '导航', area: 'RD_ROUTE', objective: '目标', ipcClasses: ['G06N'] } }, viewer)).createNavigationProject.project;
      await t.ok(`mutation($i: SelectNavigationPilotInput!) { selectNavigationPilot(input: $i) { project { id } } }`, { i: { projectId: p.id, year: 2026, selected: true } }, as.provincial('440000'));
    }
  });
  afterAll(() => t.close());

  it.each([
    ['priorityExaminationRequests', `query($n: Int) { priorityExaminationRequests(first: $n) { totalCount edges { node { id enterpriseName enterprise { name } history { status } } } } }`],
    ['collaborationAgreements', `query($n: Int) { collaborationAgreements(first: $n) { totalCount edges { node { id enterpriseName partners { name } applicationNumbers } } } }`],
    ['standardParticipations', `query($n: Int) { standardParticipations(first: $n) { totalCount edges { node { id enterpriseName essentialPatents } } } }`],
    ['industryAnalysisReports', `query($n: Int) { industryAnalysisReports(first: $n) { totalCount edges { node { id publisherName industryName attachments { id } } } } }`],
    ['navigationPilots', `query($n: Int) { navigationPilots(first: $n) { totalCount edges { node { projectId title enterpriseName } } } }`],
  ])('%s', async (_name, query) => {
    expect(await statements(query, 4)).toBe(await statements(query, 1));
  });
});
