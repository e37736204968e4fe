/**
 * Who sees what of the liaison module, per role (docs/liaison.md): node(id), the lists and the
 * Enterprise.liaison field agree for every viewer. Nothing here is public: the portal (anonymous)
 * gets null from node(id) and Enterprise.liaison, UNAUTHENTICATED from the lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { buildWorld, nameLiaison, needStep, submitNeed, type World } from './world.js';

type Who = 'anonymous' | 'national' | 'gd' | 'sz' | 'js' | 'ownEnterprise' | 'otherEnterprise' | 'providerGd' | 'providerJs' | 'expert';

/** Per type: the list query (a field returning a connection) and who sees the instance. */
const EXPECTED: Record<string, { list: string; seenBy: Who[] }> = {
  Liaison: { list: 'liaisons', seenBy: ['national', 'gd', 'ownEnterprise'] },
  LiaisonReminder: { list: 'liaisonReminders', seenBy: ['national', 'gd', 'ownEnterprise'] },
  SubmittedReport: { list: 'workReports', seenBy: ['national', 'gd', 'ownEnterprise'] },
  DraftReport: { list: 'workReports', seenBy: ['ownEnterprise'] },
  EnterpriseNeed: { list: 'enterpriseNeeds', seenBy: ['national', 'gd', 'ownEnterprise', 'providerGd'] },
  ContactRecord: { list: 'contactRecords', seenBy: ['national', 'gd', 'ownEnterprise'] },
};

describe('liaison module: visibility per role', () => {
  let t: TestApp;
  let w: World;
  let viewers: Record<Who, Viewer>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 20);
    const { gd, gd2 } = w.firms;
    viewers = { ...w.viewers, ownEnterprise: gd2.viewer, otherEnterprise: gd.viewer };
    // Everything about 广东示范乙 (gd2); 广东示范甲 (gd) is "another enterprise" of the same province.
    await t.ok(`mutation($input: RemindLiaisonInput!) { remindLiaison(input: $input) { reminder { id } } }`, { input: { enterpriseId: gd2.gid, message: '请指定联络员' } }, w.viewers.gd);
    ids.LiaisonReminder = (await t.ok(`{ liaisonReminders(first: 1) { edges { node { id } } } }`, {}, w.viewers.gd)).liaisonReminders.edges[0].node.id;
    ids.Liaison = await nameLiaison(t, gd2);
    const save = `mutation($input: SaveWorkReportInput!) { saveWorkReport(input: $input) { report { id version } } }`;
    const q3 = (await t.ok(save, { input: { enterpriseId: gd2.gid, year: 2026, period: 'Q3', sections: [{ category: 'TALENT', content: '培训 3 次' }] } }, gd2.viewer)).saveWorkReport.report;
    await t.ok(`mutation($input: SubmitWorkReportInput!) { submitWorkReport(input: $input) { report { id } } }`, { input: { id: q3.id, version: q3.version } }, gd2.viewer);
    ids.SubmittedReport = q3.id;
    ids.DraftReport = (await t.ok(save, { input: { enterpriseId: gd2.gid, year: 2026, period: 'Q4', sections: [{ category: 'TALENT', content: '草稿' }] } }, gd2.viewer)).saveWorkReport.report.id;
    const need = await submitNeed(t, gd2);
    const accepted = await needStep(t, 'acceptNeed', { id: need.id, version: need.version }, w.viewers.gd);
    await needStep(t, 'assignNeed', { id: need.id, version: accepted.version, organizationId: toGlobalId('ServiceOrganization', w.orgs.gd) }, w.viewers.gd);
    ids.EnterpriseNeed = need.id;
    ids.ContactRecord = (
      await t.ok(`mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } } }`, {
        input: { enterpriseId: gd2.gid, contactedOn: '2026-11-19', channel: 'PHONE', subject: '电话回访', summary: '了解需求办理进展。' },
      }, w.viewers.gd)
    ).recordContact.contact.id;
  });
  afterAll(() => t.close());

  for (const [type, expected] of Object.entries(EXPECTED)) {
    it(`${type}: node(id) and ${expected.list} agree for every viewer`, async () => {
      for (const [who, viewer] of Object.entries(viewers) as [Who, Viewer][]) {
        const sees = expected.seenBy.includes(who);
        const node = (await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: ids[type] }, viewer)).node;
        expect(node ? node.id : null, `${type} node(id) as ${who}`).toBe(sees ? ids[type] : null);
        const listed = await t.gql(`{ ${expected.list}(first: 100) { edges { node { id } } } }`, {}, viewer);
        if (who === 'anonymous') {
          expect(listed.errors?.[0]?.extensions?.code, `${type} list as ${who}`).toBe('UNAUTHENTICATED');
          continue;
        }
        const inList = !listed.errors && (listed.data as any)[expected.list].edges.some((e: any) => e.node.id === ids[type]);
        expect(inList, `${type} in ${expected.list} as ${who}`).toBe(sees);
      }
    });
  }

  it('Enterprise.liaison: the enterprise itself, its bureau and the national bureau; null for everyone else (the public portal gets nothing personal)', async () => {
    const query = `query($id: ID!) { node(id: $id) { ... on Enterprise { name liaison { phone } } } }`;
    for (const [who, viewer] of Object.entries(viewers) as [Who, Viewer][]) {
      const node = (await t.ok(query, { id: w.firms.gd2.gid }, viewer)).node;
      expect(node?.liaison?.phone ?? null, who).toBe(['national', 'gd', 'ownEnterprise'].includes(who) ? '020-88886666' : null);
    }
    // The public directory lists the enterprise; asking for its liaison costs the public nothing and shows nothing.
    const directory = await t.ok(`{ enterprises(first: 50) { edges { node { name liaison { phone person { name } } } } } }`, {}, viewers.anonymous);
    expect(directory.enterprises.edges.length).toBeGreaterThan(0);
    expect(directory.enterprises.edges.every((e: any) => e.node.liaison === null)).toBe(true);
  });

  it('the bureaus’ lists of who is missing are for bureaus only', async () => {
    for (const [who, viewer] of Object.entries(viewers) as [Who, Viewer][]) {
      for (const query of ['{ missingLiaisons(first: 5) { totalCount } }', '{ missingWorkReports(year: 2026, period: Q3, first: 5) { totalCount } }']) {
        const result = await t.gql(query, {}, viewer);
        const code = result.errors?.[0]?.extensions?.code ?? 'OK';
        expect(code, `${query} as ${who}`).toBe(['national', 'gd', 'sz', 'js'].includes(who) ? 'OK' : who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
    }
  });
});
