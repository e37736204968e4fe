/**
 * No query per row in the liaison module's lists: each list with its nested relations (enterprise,
 * person, reminders, attachments, assignee, events, bureau) costs the same few SQL statements for a
 * page of 5 and of 50, for the national and for a provincial bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { storedFile } from '../application/flow.js';
import { insertOrganization, insertPerson } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { needStep, submitNeed, TODAY, type Firm } from './world.js';

const GD = '440000';
const N = 60;

const LISTS: Record<string, { query: string; total: number }> = {
  liaisons: { query: `liaisons(first: $first) { totalCount edges { node { id phone current enterprise { name } person { name } } } }`, total: 60 },
  missingLiaisons: { query: `missingLiaisons(first: $first) { totalCount edges { node { enterprise { name liaison { phone } } reminderCount lastRemindedAt lastReminder { message bureau { name } enterprise { name } } } } }`, total: 60 },
  liaisonReminders: { query: `liaisonReminders(first: $first) { totalCount edges { node { message enterprise { name } bureau { name } } } }`, total: 60 },
  workReports: { query: `workReports(first: $first) { totalCount edges { node { period sections { category } enterprise { name } attachments { fileName } } } }`, total: 60 },
  missingWorkReports: { query: `missingWorkReports(year: 2026, period: Q2, first: $first) { totalCount edges { node { period enterprise { name liaison { phone person { name } } } } } }`, total: 120 },
  enterpriseNeeds: { query: `enterpriseNeeds(first: $first) { totalCount edges { node { status daysOpen enterprise { name } assignee { ... on ServiceOrganization { name } } events { toStatus organization { name } } } } }`, total: 60 },
  contactRecords: { query: `contactRecords(first: $first) { totalCount edges { node { subject followUps { text } internalNote enterprise { name } bureau { name } } } }`, total: 60 },
  enterprises: { query: `enterprises(first: $first, filter: { regionCodes: ["${GD}"] }) { totalCount edges { node { name liaison { phone person { name } enterprise { name } } } } }`, total: 120 },
};

describe('liaison lists: SQL statements do not grow with the page size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(1616);
    const org = toGlobalId('ServiceOrganization', await insertOrganization(t.orm.em, { name: '广东服务团队', kind: 'SERVICE_TEAM', regionCode: GD }));
    const gd = as.provincial(GD);
    for (let i = 0; i < 2 * N; i++) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: GD, name: `广东示范${String(i).padStart(3, '0')}有限公司` });
      await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      const f: Firm = { id: e.id, gid: toGlobalId('Enterprise', e.id), name: e.name, region: GD, staff: ['', ''], viewer: as.enterprise(e.id) };
      if (i >= N) {
        // The second half: no liaison, one reminder each.
        await t.ok(`mutation($input: RemindLiaisonInput!) { remindLiaison(input: $input) { reminder { id } } }`, { input: { enterpriseId: f.gid, message: `提醒 ${i}` } }, gd);
        continue;
      }
      const person = await insertPerson(t.orm.em, { name: `联络员${i}`, employerEnterpriseId: e.id, regionCode: GD });
      await t.ok(`mutation($input: NameLiaisonInput!) { nameLiaison(input: $input) { liaison { id } } }`, { input: { enterpriseId: f.gid, personId: toGlobalId('Person', person), phone: `1380000${String(i).padStart(4, '0')}` } }, f.viewer);
      const file = await storedFile(t, { enterpriseId: e.id }, `报告${i}.pdf`);
      const report = (
        await t.ok(`mutation($input: SaveWorkReportInput!) { saveWorkReport(input: $input) { report { id version } } }`, {
          input: { enterpriseId: f.gid, year: 2026, period: 'Q3', sections: [{ category: 'CREATION', content: '新增授权' }], attachmentIds: [file] },
        }, f.viewer)
      ).saveWorkReport.report;
      await t.ok(`mutation($input: SubmitWorkReportInput!) { submitWorkReport(input: $input) { report { id } } }`, { input: report }, f.viewer);
      const need = await submitNeed(t, f);
      const accepted = await needStep(t, 'acceptNeed', { id: need.id, version: need.version }, gd);
      if (i % 2 === 0) await needStep(t, 'assignNeed', { id: need.id, version: accepted.version, organizationId: org }, gd);
      await t.ok(`mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } } }`, {
        input: { enterpriseId: f.gid, contactedOn: '2026-11-10', channel: 'VISIT', subject: '走访', summary: '了解情况', followUps: [{ text: '回访' }], internalNote: '内部' },
      }, gd);
    }
  }, 240_000);
  afterAll(() => t.close());

  async function statements(field: string, first: number, viewer: Viewer) {
    const { result, queries } = await t.countQueries(() => t.ok(`query($first: Int!) { ${LISTS[field]!.query} }`, { first }, viewer));
    return { data: (result as any)[field], count: queries.length };
  }

  for (const field of Object.keys(LISTS)) {
    it(`${field}: a page and its nested relations cost the same statements for 5 rows as for 50`, async () => {
      for (const viewer of [as.national(), as.provincial(GD)]) {
        const five = await statements(field, 5, viewer);
        const fifty = await statements(field, 50, viewer);
        // missingLiaisons: the 60 without a liaison; liaisons, reports, needs, contacts: 60 each.
        const expectedTotal = field === 'missingLiaisons' ? N : LISTS[field]!.total;
        expect(five.data.totalCount).toBe(expectedTotal);
        expect(five.data.edges).toHaveLength(5);
        expect(fifty.data.edges).toHaveLength(50);
        expect(fifty.count, `${field}: ${fifty.count} statements for 50 rows, ${five.count} for 5`).toBe(five.count);
        expect(five.count).toBeLessThanOrEqual(8);
      }
    });
  }

  it('the nested values are really there (not skipped lookups)', async () => {
    const needs = (await statements('enterpriseNeeds', 50, as.provincial(GD))).data.edges.map((e: any) => e.node);
    expect(needs.filter((n: any) => n.assignee?.name === '广东服务团队')).toHaveLength(25);
    expect(needs.every((n: any) => n.events.length >= 2)).toBe(true);
    const missing = (await statements('missingLiaisons', 50, as.national())).data.edges.map((e: any) => e.node);
    expect(missing.every((m: any) => m.reminderCount === 1 && m.lastReminder.bureau.name && m.enterprise.liaison === null)).toBe(true);
    const liaisons = (await statements('enterprises', 50, as.provincial(GD))).data.edges.map((e: any) => e.node);
    expect(liaisons.filter((e: any) => e.liaison?.person.name.startsWith('联络员'))).toHaveLength(50);
  });
});
