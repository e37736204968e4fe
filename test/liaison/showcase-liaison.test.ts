/**
 * The liaison part of the demo's showcase (seeds/showcase-liaison.ts) [D 五(一), R16]: made through
 * the services by the demo accounts on their dates; liaisons for most demonstration enterprises and
 * a few missing (reminded), quarterly reports, needs in every status, contacts with a major matter.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { toGlobalId } from '../../src/common/node.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';

const TODAY = '2026-11-22';
const GD = as.provincial('440000');

describe('demo showcase: liaisons, reports, needs and contacts', () => {
  let t: TestApp;
  let huachuang: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 400, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
    const [row] = await t.sql<{ id: string }>(`select id from enterprise where name = '广东华创智能装备股份有限公司'`);
    huachuang = toGlobalId('Enterprise', row!.id);
  }, 120_000);
  afterAll(() => t.close());

  it('R16: 广东华创 named its IP officer, then its IP director; the history and the reminder before it are there', async () => {
    const history = await t.ok(`query($id: ID!) { liaisons(first: 10, filter: { enterpriseId: $id }) { edges { node { current startsOn endedOn namedBy person { name } } } } }`, { id: huachuang }, GD);
    expect(history.liaisons.edges.map((e: any) => [e.node.person.name, e.node.current, e.node.namedBy])).toEqual([
      ['陈华', true, 'demo-enterprise'],
      ['赵敏', false, 'demo-enterprise'],
    ]);
    const reminders = await t.ok(`query($id: ID!) { liaisonReminders(first: 10, filter: { enterpriseId: $id }) { totalCount } }`, { id: huachuang }, GD);
    expect(reminders.liaisonReminders.totalCount).toBe(1);
  });

  it('R16: most demonstration enterprises have a liaison; the few without are on the bureaus’ lists with their reminders', async () => {
    const [counts] = await t.sql<{ demo: number; named: number }>(
      `select count(distinct d.enterprise_id)::int as demo, count(distinct l.enterprise_id)::int as named
         from designation d left join enterprise_liaison l on l.enterprise_id = d.enterprise_id and l.ended_on is null
        where d.level = 'DEMONSTRATION' and d.status = 'ACTIVE' and d.ended_on is null and d.valid_from <= ?::date and d.valid_until >= ?::date`,
      [TODAY, TODAY],
    );
    expect(counts!.named / counts!.demo).toBeGreaterThan(0.6);
    expect(counts!.named).toBeLessThan(counts!.demo);
    const gd = await t.ok(`{ missingLiaisons(first: 50) { edges { node { enterprise { name } reminderCount lastReminder { remindedBy } } } } }`, {}, GD);
    const byName = Object.fromEntries(gd.missingLiaisons.edges.map((e: any) => [e.node.enterprise.name, e.node.reminderCount]));
    expect(byName['广东远景新能源科技有限公司']).toBe(1);
    expect(byName['广东卓越精工科技股份有限公司']).toBe(1);
    const national = await t.ok(`{ missingLiaisons(first: 100) { totalCount edges { node { enterprise { region { code } } reminderCount lastReminder { remindedBy } } } } }`, {}, as.national());
    // 广东卓越精工 and one of the bulk, reminded by the national bureau.
    expect(national.missingLiaisons.edges.filter((e: any) => e.node.lastReminder?.remindedBy === 'national-admin').length).toBe(2);
    expect(national.missingLiaisons.totalCount).toBeGreaterThan(2);
  });

  it('needs in every status, with their histories by the accounts that took each step', async () => {
    const needs = await t.ok(`{ enterpriseNeeds(first: 50) { edges { node { title status level daysOpen events { toStatus actor } assignee { ... on ServiceOrganization { name } } } } } }`, {}, as.national());
    const statuses = needs.enterpriseNeeds.edges.map((e: any) => e.node.status).sort();
    expect(statuses).toEqual(['ACCEPTED', 'ASSIGNED', 'CLOSED', 'FORWARDED', 'REJECTED', 'REOPENED', 'RESOLVED', 'SUBMITTED']);
    const national = needs.enterpriseNeeds.edges.find((e: any) => e.node.status === 'ASSIGNED').node;
    expect(national).toMatchObject({ level: 'NATIONAL', assignee: { name: '中国贸促会驻德国代表处知识产权工作站' } });
    expect(national.events.map((e: any) => e.actor)).toEqual(['demo-enterprise', 'guangdong-admin', 'guangdong-admin', 'national-admin']);
    const closed = needs.enterpriseNeeds.edges.find((e: any) => e.node.status === 'CLOSED').node;
    expect(closed.events.map((e: any) => [e.toStatus, e.actor])).toEqual([
      ['SUBMITTED', 'demo-enterprise'],
      ['ACCEPTED', 'guangdong-admin'],
      ['ASSIGNED', 'guangdong-admin'],
      ['RESOLVED', 'demo-provider'],
      ['CLOSED', 'demo-enterprise'],
    ]);
    // The provider sees what was assigned to it.
    const [provider] = await t.sql<{ organization_id: string }>(`select organization_id from app_user where username = 'demo-provider'`);
    const own = await t.ok(`{ enterpriseNeeds(first: 50) { totalCount } }`, {}, as.user('SERVICE_PROVIDER', { organizationId: provider!.organization_id }));
    expect(own.enterpriseNeeds.totalCount).toBe(3);
  });

  it('quarterly reports submitted after each quarter, the current one a draft only the enterprise sees; contacts with a major matter', async () => {
    const bureau = await t.ok(`query($id: ID!) { workReports(first: 10, filter: { enterpriseId: $id }) { edges { node { year period status } } } }`, { id: huachuang }, GD);
    expect(bureau.workReports.edges.map((e: any) => `${e.node.year}${e.node.period}`).sort()).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3']);
    const [user] = await t.sql<{ enterprise_id: string }>(`select enterprise_id from app_user where username = 'demo-enterprise'`);
    const own = await t.ok(`{ workReports(first: 10, filter: { statuses: [DRAFT] }) { edges { node { year period } } } }`, {}, as.enterprise(user!.enterprise_id));
    expect(own.workReports.edges.map((e: any) => e.node)).toEqual([{ year: 2026, period: 'Q4' }]);
    const missing = await t.ok(`{ missingWorkReports(year: 2026, period: Q3, first: 50) { edges { node { enterprise { name } } } } }`, {}, GD);
    expect(missing.missingWorkReports.edges.map((e: any) => e.node.enterprise.name)).toEqual(expect.arrayContaining(['广东远景新能源科技有限公司']));
    expect(missing.missingWorkReports.edges.map((e: any) => e.node.enterprise.name)).not.toContain('广东华创智能装备股份有限公司');
    const contacts = await t.ok(`{ contactRecords(first: 10) { edges { node { subject major decision bureau { code } followUps { done } enterprise { name } } } } }`, {}, GD);
    const list = contacts.contactRecords.edges.map((e: any) => e.node);
    expect(list.filter((c: any) => c.major)).toEqual([expect.objectContaining({ bureau: { code: '100000' }, decision: expect.stringContaining('驻德国工作站') })]);
    expect(list.find((c: any) => c.subject === '走访了解示范企业培育进展').followUps.map((f: any) => f.done)).toEqual([true, false]);
    expect(list.some((c: any) => c.enterprise.name === '广东远景新能源科技有限公司')).toBe(true);
  });
});
