/**
 * Work information reports [D 五(一) 信息上报机制, R16]: a demonstration enterprise drafts and submits a
 * quarterly report by category with attachments; the bureaus see submitted reports of their
 * jurisdiction and who has not reported for a quarter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { storedFile } from '../application/flow.js';
import { buildWorld, errorOf, GD, type Firm, type World } from './world.js';

const SAVE = `mutation($input: SaveWorkReportInput!) { saveWorkReport(input: $input) { report { id version status year period sections { category content } attachments { fileName } updatedBy } } }`;
const SUBMIT = `mutation($input: SubmitWorkReportInput!) { submitWorkReport(input: $input) { report { id version status submittedAt submittedBy } } }`;
const LIST = `query($filter: WorkReportFilter) { workReports(first: 50, filter: $filter) { totalCount edges { node { id status year period enterprise { name } sections { category } } } } }`;
const MISSING = `query($year: Int!, $period: WorkReportPeriod!, $filter: MissingWorkReportFilter) { missingWorkReports(year: $year, period: $period, first: 50, filter: $filter) { totalCount edges { node { year period enterprise { name } } } } }`;

describe('work information reports [D 五(一), R16]', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 17);
  });
  afterAll(() => t.close());

  const save = (f: Firm, input: Record<string, unknown>) => t.gql(SAVE, { input: { enterpriseId: f.gid, year: 2026, period: 'Q3', ...input } }, f.viewer);
  const reports = async (viewer: any, filter?: Record<string, unknown>) => (await t.ok(LIST, { filter }, viewer)).workReports;
  const missing = async (viewer: any, period = 'Q3', filter?: Record<string, unknown>) =>
    (await t.ok(MISSING, { year: 2026, period, filter }, viewer)).missingWorkReports.edges.map((e: any) => e.node.enterprise.name).sort();

  it('R16: the enterprise drafts a quarter’s report by category with its own attachments; the draft is its alone until submitted', async () => {
    const { gd } = w.firms;
    const file = await storedFile(t, { enterpriseId: gd.id }, '专利布局报告.pdf');
    const draft = (
      await t.ok(SAVE, {
        input: {
          enterpriseId: gd.gid,
          year: 2026,
          period: 'Q3',
          sections: [
            { category: 'OVERSEAS', content: '在德国、美国提交 PCT 国家阶段申请 12 件。' },
            { category: 'STRATEGY', content: '修订知识产权战略规划。' },
          ],
          attachmentIds: [file],
        },
      }, gd.viewer)
    ).saveWorkReport.report;
    expect(draft).toMatchObject({ status: 'DRAFT', year: 2026, period: 'Q3', attachments: [{ fileName: '专利布局报告.pdf' }], updatedBy: 'test-enterprise_user' });
    // Sections in the categories' order.
    expect(draft.sections.map((s: any) => s.category)).toEqual(['STRATEGY', 'OVERSEAS']);
    expect((await reports(gd.viewer)).totalCount).toBe(1);
    for (const viewer of [w.viewers.gd, w.viewers.national]) expect((await reports(viewer)).totalCount).toBe(0);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: draft.id }, w.viewers.gd)).node).toBeNull();
    // A bureau cannot submit a draft it cannot see.
    expect(errorOf(await t.gql(SUBMIT, { input: { id: draft.id, version: draft.version } }, w.viewers.gd)).code).toBe('NOT_FOUND');

    const updated = (await t.ok(SAVE, { input: { enterpriseId: gd.gid, year: 2026, period: 'Q3', version: draft.version, sections: [{ category: 'CREATION', content: '新增发明专利授权 35 件。' }] } }, gd.viewer)).saveWorkReport.report;
    expect(updated.sections).toEqual([{ category: 'CREATION', content: '新增发明专利授权 35 件。' }]);
    expect(updated.attachments).toHaveLength(1);
    const stale = await save(gd, { version: draft.version, sections: [] });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'version' });

    const submitted = (await t.ok(SUBMIT, { input: { id: updated.id, version: updated.version } }, gd.viewer)).submitWorkReport.report;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedBy: 'test-enterprise_user' });
    for (const viewer of [w.viewers.gd, w.viewers.national, gd.viewer]) expect((await reports(viewer)).totalCount).toBe(1);
    for (const viewer of [w.viewers.sz, w.viewers.js, w.firms.gd2.viewer]) expect((await reports(viewer)).totalCount).toBe(0);
    for (const viewer of [w.viewers.providerGd, w.viewers.expert]) expect(errorOf(await t.gql(LIST, {}, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(LIST, {}, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
    // Submitted: final.
    expect(errorOf(await t.gql(SUBMIT, { input: { id: submitted.id, version: submitted.version } }, gd.viewer)).code).toBe('CONFLICT');
    expect(errorOf(await save(gd, { version: submitted.version, sections: [{ category: 'TALENT', content: '补充' }] }))).toMatchObject({ code: 'CONFLICT', status: 'SUBMITTED' });
    // A bureau that sees it may not submit for the enterprise.
    expect(errorOf(await t.gql(SUBMIT, { input: { id: submitted.id, version: submitted.version } }, w.viewers.gd)).code).toBe('FORBIDDEN');
  });

  it('failure paths: a quarter not begun, a year out of range, a category twice, empty content, another enterprise’s file, an empty submission', async () => {
    const { gd2, gd } = w.firms;
    expect((errorOf(await save(gd2, { period: 'Q4', year: 2027 })).fields as any[]).map((f) => f.field)).toEqual(['year']);
    t.setToday('2026-09-15');
    try {
      expect(errorOf(await save(gd2, { period: 'Q4' })).fields).toEqual([{ field: 'period', message: '该季度尚未开始' }]);
    } finally {
      t.setToday('2026-11-20');
    }
    const twice = await save(gd2, { sections: [{ category: 'TALENT', content: '培训' }, { category: 'TALENT', content: '' }] });
    expect((errorOf(twice).fields as any[]).map((f) => f.field)).toEqual(['sections.1.category', 'sections.1.content']);
    const foreign = await storedFile(t, { enterpriseId: gd.id });
    expect(errorOf(await save(gd2, { attachmentIds: [foreign] })).fields).toEqual([{ field: 'attachmentIds.0', message: '未找到本企业上传的该文件' }]);
    const empty = (await t.ok(SAVE, { input: { enterpriseId: gd2.gid, year: 2026, period: 'Q3' } }, gd2.viewer)).saveWorkReport.report;
    expect(errorOf(await t.gql(SUBMIT, { input: { id: empty.id, version: empty.version } }, gd2.viewer))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'sections' }] });
    // Two first saves of the same quarter at once: one draft, the other CONFLICT.
    const both = await Promise.all([0, 1].map(() => save(w.firms.sz, { sections: [{ category: 'PROTECTION', content: '维权' }] })));
    expect(both.filter((r) => !r.errors).length).toBe(1);
    expect(errorOf(both.find((r) => r.errors)!).code).toBe('CONFLICT');
  });

  it('R16: only a current demonstration enterprise reports; another enterprise or a bureau cannot write one', async () => {
    for (const f of [w.firms.gdAdvantage, w.firms.gdExpired]) {
      expect(errorOf(await save(f, { sections: [{ category: 'TALENT', content: '培训' }] }))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R16', condition: 'NOT_DEMONSTRATION' });
    }
    expect(errorOf(await t.gql(SAVE, { input: { enterpriseId: w.firms.js.gid, year: 2026, period: 'Q3' } }, w.firms.gd.viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(SAVE, { input: { enterpriseId: w.firms.js.gid, year: 2026, period: 'Q3' } }, w.viewers.js)).code).toBe('FORBIDDEN');
  });

  it('R16: the bureau sees who has not reported for a quarter (its jurisdiction; the national bureau all or by region with roll-up)', async () => {
    const { gd, gd2, sz, js } = w.firms;
    // gd submitted Q3; gd2 and sz only have drafts; js nothing.
    expect(await missing(w.viewers.gd)).toEqual([gd2.name]);
    expect(await missing(w.viewers.sz)).toEqual([sz.name]);
    expect(await missing(w.viewers.national)).toEqual([gd2.name, js.name, sz.name].sort());
    expect(await missing(w.viewers.national, 'Q3', { regionCodes: [GD] })).toEqual([gd2.name]);
    expect(await missing(w.viewers.national, 'Q3', { regionCodes: [GD], includeSubJurisdictions: true })).toEqual([gd2.name, sz.name].sort());
    // Q2: everyone (the expired title ended before the quarter closed).
    expect(await missing(w.viewers.gd, 'Q2')).toEqual([gd.name, gd2.name].sort());
    expect(errorOf(await t.gql(MISSING, { year: 2026, period: 'Q3' }, gd.viewer)).code).toBe('FORBIDDEN');
    t.setToday('2026-09-15');
    try {
      expect(errorOf(await t.gql(MISSING, { year: 2026, period: 'Q4' }, w.viewers.gd)).code).toBe('BAD_USER_INPUT');
    } finally {
      t.setToday('2026-11-20');
    }
  });

  it('filters: year, quarter, status, category, enterprise, region with roll-up', async () => {
    const { gd } = w.firms;
    expect((await reports(w.viewers.national, { categories: ['CREATION'] })).totalCount).toBe(1);
    expect((await reports(w.viewers.national, { categories: ['OVERSEAS'] })).totalCount).toBe(0);
    expect((await reports(w.viewers.national, { periods: ['Q2'] })).totalCount).toBe(0);
    expect((await reports(w.viewers.national, { year: 2026, periods: ['Q3'], statuses: ['SUBMITTED'], enterpriseId: gd.gid })).totalCount).toBe(1);
    expect((await reports(gd.viewer, { statuses: ['DRAFT'] })).totalCount).toBe(0);
    expect((await reports(w.firms.gd2.viewer, { statuses: ['DRAFT'] })).totalCount).toBe(1);
    expect((await reports(w.viewers.national, { regionCodes: ['440300'] })).totalCount).toBe(0);
    expect((await reports(w.viewers.national, { regionCodes: [GD], includeSubJurisdictions: true })).edges.map((e: any) => e.node.enterprise.name)).toEqual([gd.name]);
  });
});
