/**
 * Industry patent analysis reports [D 四(三)三]: "支持和指导企业基于行业发展动向和企业需求，开展产业专利信息分析
 * 并发布相关行业分析报告". An enterprise (for itself) or a service organisation (for itself) drafts a
 * report for an industry, publishes it to the public catalogue and may withdraw it with a reason; the
 * national bureau may act for either. Drafts are seen by the publisher, its bureau and the national
 * bureau only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { insertOrganization } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const REPORT = `id industryCode industryName title summary status publishedAt withdrawReason publisherName version`;
const DRAFT = `mutation($input: DraftIndustryReportInput!) { draftIndustryReport(input: $input) { report { ${REPORT} } } }`;
const UPDATE = `mutation($input: UpdateIndustryReportInput!) { updateIndustryReport(input: $input) { report { ${REPORT} } } }`;
const PUBLISH = `mutation($input: PublishIndustryReportInput!) { publishIndustryReport(input: $input) { report { ${REPORT} } } }`;
const LIST = `query($f: IndustryReportFilter) { industryAnalysisReports(filter: $f, first: 50) { totalCount edges { node { ${REPORT} } } } }`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('industry patent analysis reports', () => {
  let t: TestApp;
  let gd: string;
  let org: string;
  const provider = () => as.user('SERVICE_PROVIDER', { organizationId: org });
  const report = (over: Record<string, unknown> = {}) => ({ industryCode: '39', title: '5G 通信产业专利分析报告', summary: '全球 5G 标准必要专利分布与国内企业布局建议', ...over });
  const ids = async (viewer: Viewer, f: Record<string, unknown> = {}) => (await t.ok(LIST, { f }, viewer)).industryAnalysisReports.edges.map((e: any) => e.node.id);

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    gd = (await makeEnterprise(t.orm.em, randomFor(71), { regionCode: '440000' })).id;
    org = await insertOrganization(t.orm.em, { name: '专利信息服务中心', kind: 'AGENCY', regionCode: '440000' });
  });
  afterAll(() => t.close());

  it('an enterprise drafts, corrects, publishes and withdraws a report; the public sees it only while published', async () => {
    const r = (await t.ok(DRAFT, { input: { report: report() } }, as.enterprise(gd))).draftIndustryReport.report;
    expect(r).toMatchObject({ status: 'DRAFT', industryName: '计算机、通信和其他电子设备制造业', publishedAt: null });
    expect(await ids(as.anonymous)).not.toContain(r.id);
    expect(await ids(as.provincial('440000'))).toContain(r.id);
    expect(await ids(as.provincial('320000'))).not.toContain(r.id);
    const fixed = (await t.ok(UPDATE, { input: { id: r.id, version: r.version, report: report({ title: '5G 通信产业专利态势分析报告' }) } }, as.enterprise(gd))).updateIndustryReport.report;
    const published = (await t.ok(PUBLISH, { input: { id: r.id, version: fixed.version, published: true } }, as.enterprise(gd))).publishIndustryReport.report;
    expect(published.status).toBe('PUBLISHED');
    const seen = (await t.ok(LIST, { f: { industryCodes: ['C'], search: '态势' } }, as.anonymous)).industryAnalysisReports.edges.map((e: any) => e.node);
    expect(seen).toEqual([expect.objectContaining({ id: r.id, title: '5G 通信产业专利态势分析报告', publisherName: expect.any(String) })]);
    expect(errorOf(await t.gql(UPDATE, { input: { id: r.id, version: published.version, report: report() } }, as.enterprise(gd))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: r.id, version: published.version, published: false } }, as.enterprise(gd))).code).toBe('BAD_USER_INPUT');
    const withdrawn = (await t.ok(PUBLISH, { input: { id: r.id, version: published.version, published: false, reason: '数据更新，另行发布' } }, as.enterprise(gd))).publishIndustryReport.report;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawReason: '数据更新，另行发布' });
    expect(await ids(as.anonymous)).not.toContain(r.id);
  });

  it('a provider writes for itself; others may not touch it; bad input stores nothing', async () => {
    const r = (await t.ok(DRAFT, { input: { report: report({ industryCode: '36' }) } }, provider())).draftIndustryReport.report;
    expect(r.publisherName).toBe('专利信息服务中心');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: r.id, version: r.version, published: true } }, as.enterprise(gd))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(errorOf(await t.gql(PUBLISH, { input: { id: r.id, version: r.version, published: true } }, as.provincial('440000'))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(DRAFT, { input: { report: report() } }, as.provincial('440000'))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(DRAFT, { input: { report: report() } }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(DRAFT, { input: { report: report() } }, as.national())).code).toBe('BAD_USER_INPUT'); // the national bureau names a publisher
    const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from industry_analysis_report'))[0]!.n);
    const before = await count();
    for (const over of [{ industryCode: 'ZZ' }, { title: '' }, { summary: 'x'.repeat(2001) }]) expect(errorOf(await t.gql(DRAFT, { input: { report: report(over) } }, as.enterprise(gd))).code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
    const byNational = (await t.ok(DRAFT, { input: { enterpriseId: toGlobalId('Enterprise', gd), report: report() } }, as.national())).draftIndustryReport.report;
    expect(byNational.status).toBe('DRAFT');
    expect(await ids(as.enterprise(gd))).toContain(byNational.id);
  });
});
