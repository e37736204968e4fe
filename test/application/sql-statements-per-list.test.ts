/**
 * No query per row in the application lists: public notices with their lists and objections, and
 * applications with their attachments, cost the same number of SQL statements for a few rows as
 * for many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { calendarsAndWindow, noticeWithObjections, SAVE, storedFile } from './flow.js';

const TODAY = '2026-06-15';
const NOTICES = `{ publicNotices(year: 2026) {
  id title endsOn
  entries { applicationId enterpriseName creditCode regionCode status }
  objections(first: 10) { totalCount edges { node { id status content contactName contactPhone } } }
} }`;
const APPLICATIONS = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on DemonstrationApplication {
  id year status attachments { id fileName sha256 } enterprise { name } history { operation }
} } }`;
const PAGE = `{ enterprises(first: 100) { edges { node { id demonstrationApplications { id attachments { id fileName } } } } } }`;

describe('SQL statements do not grow with the rows of application lists', () => {
  let t: TestApp;
  const rng = randomFor(733);
  const applications: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await calendarsAndWindow(t);
  });
  afterAll(() => t.close());

  /** An enterprise's 2026 draft with two attachments it uploaded. */
  async function withAttachments() {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    const files = [await storedFile(t, { enterpriseId: e.id }, '申报书.pdf'), await storedFile(t, { enterpriseId: e.id }, '工作方案.pdf')];
    const input = { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, formContent: '申报书', attachmentIds: files };
    applications.push((await t.ok(SAVE, { input }, as.enterprise(e.id))).saveDemonstrationApplication.application.id);
  }

  it('publicNotices with entries and objections: the same statements for 2 notices as for 6', async () => {
    for (const n of [2, 1]) await noticeWithObjections(t, rng, TODAY, n);
    const few = await t.countQueries(() => t.ok(NOTICES));
    expect(few.result.publicNotices).toHaveLength(2);
    for (const n of [3, 0, 2, 1]) await noticeWithObjections(t, rng, TODAY, n);
    const many = await t.countQueries(() => t.ok(NOTICES));
    expect(many.result.publicNotices).toHaveLength(6);
    expect(many.result.publicNotices.map((p: any) => p.objections.totalCount).sort()).toEqual([0, 1, 1, 2, 2, 3]);
    expect(many.result.publicNotices.every((p: any) => p.entries.length === 1)).toBe(true);
    // The notices, their lists, the objections' pages and their counts.
    expect(few.queries.length).toBeLessThanOrEqual(4);
    expect(many.queries.length).toBe(few.queries.length);
    // The public sees the lists, not the objections.
    const pub = await t.countQueries(() => t.ok(NOTICES, undefined, as.anonymous));
    expect(pub.result.publicNotices.every((p: any) => p.objections === null)).toBe(true);
    expect(pub.queries.length).toBeLessThanOrEqual(2);
  });

  it('applications with attachments, by node(id) and through the enterprises page: the same statements for 2 as for 8', async () => {
    for (let i = 0; i < 2; i++) await withAttachments();
    const fewNodes = await t.countQueries(() => t.ok(APPLICATIONS, { ids: applications }));
    const fewPage = await t.countQueries(() => t.ok(PAGE));
    expect(fewNodes.result.nodes.map((a: any) => a.attachments.length)).toEqual([2, 2]);
    for (let i = 0; i < 6; i++) await withAttachments();
    const manyNodes = await t.countQueries(() => t.ok(APPLICATIONS, { ids: applications }));
    const manyPage = await t.countQueries(() => t.ok(PAGE));
    expect(manyNodes.result.nodes).toHaveLength(8);
    expect(manyNodes.result.nodes.every((a: any) => a.attachments.length === 2 && a.attachments[0].fileName === '申报书.pdf')).toBe(true);
    expect(manyPage.result.enterprises.edges.filter((e: any) => e.node.demonstrationApplications.some((a: any) => a.attachments.length === 2))).toHaveLength(8);
    expect(manyNodes.queries.length).toBe(fewNodes.queries.length);
    expect(manyPage.queries.length).toBe(fewPage.queries.length);
  });
});
