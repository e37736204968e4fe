/**
 * The demo's service measure (seeds/showcase-service.ts), as the demo accounts and the public see it:
 * teams in several provinces with members, this year's selected teams, stations open, closed and
 * waiting, commissioners at every status with their visits, and service records — all made through
 * the services, so that every record has its history.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';
import type { Viewer } from '../../src/context.js';

const TODAY = '2026-11-22';

describe('demo showcase: the service measure', () => {
  let t: TestApp;
  const account = async (username: string): Promise<Viewer> => {
    const [u] = await t.sql<{ id: string; role: any; region_code: string | null; enterprise_id: string | null; organization_id: string | null; person_id: string | null }>('select * from app_user where username = ?', [username]);
    return { kind: 'USER', userId: u!.id, username, role: u!.role, sessionId: username, regionCode: u!.region_code, enterpriseId: u!.enterprise_id, organizationId: u!.organization_id, personId: u!.person_id };
  };
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 0, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  });
  afterAll(() => t.close());

  it('D 四(三): teams in several provinces, one suspended; this year\'s selected teams are public', async () => {
    const orgs = (await t.ok(`{ serviceOrganizations(first: 50, filter: { kinds: [SERVICE_TEAM, AGENCY] }) { edges { node { name status region { code } specialties } } } }`, {}, as.anonymous)).serviceOrganizations.edges.map((e: any) => e.node);
    expect(new Set(orgs.map((o: any) => o.region.code))).toEqual(new Set(['440000', '440300', '320000', '330000', '510000', '110000']));
    expect(orgs.find((o: any) => o.name === '四川天府知识产权代理有限公司').status).toBe('SUSPENDED');
    const selected = (await t.ok(`{ selectedServiceTeams(first: 20, filter: { year: 2026 }) { edges { node { bureauCode current organization { name } } } } }`, {}, as.anonymous)).selectedServiceTeams.edges.map((e: any) => e.node);
    expect(selected.map((s: any) => [s.bureauCode, s.organization.name, s.current]).sort()).toEqual([
      ['100000', '江苏省企业知识产权管理服务团队', true],
      ['100000', '浙江省知识产权贯标服务团队', true],
      ['440000', '广东省知识产权保护中心服务团队', true],
      ['440300', '深圳市知识产权贯标服务团队', true],
    ]);
    const members = (await t.ok(`{ organizationMembers(first: 20) { edges { node { name role current organization { name } } } } }`, {}, await account('demo-provider'))).organizationMembers.edges.map((e: any) => [e.node.name, e.node.role, e.node.current]);
    expect(members).toEqual([['林志远', 'LEADER', true], ['黄敏', 'MEMBER', true], ['郭涛', 'MEMBER', false], ['张明', 'ADVISOR', true]]);
    expect((await t.ok(`{ organizationMembers(first: 5) { totalCount } }`, {}, await account('demo-expert'))).organizationMembers.totalCount).toBe(1);
  });

  it('D 四(三): stations open at 华创 and 鹏程 (public), one closed after a year, one request waiting; each with its history', async () => {
    const query = `{ serviceStations(first: 20) { edges { node { enterpriseName status openedOn closedOn organization { name } history { operation actor } } } } }`;
    const pub = (await t.ok(query, {}, as.anonymous)).serviceStations.edges.map((e: any) => [e.node.enterpriseName, e.node.status, e.node.history]);
    expect(pub.sort()).toEqual([['广东华创智能装备股份有限公司', 'OPEN', null], ['深圳鹏程通信技术有限公司', 'OPEN', null]]);
    const all = (await t.ok(query)).serviceStations.edges.map((e: any) => e.node);
    expect(all.map((s: any) => s.status).sort()).toEqual(['CLOSED', 'OPEN', 'OPEN', 'REQUESTED']);
    const huachuang = (await t.ok(query, {}, await account('demo-enterprise'))).serviceStations.edges.map((e: any) => e.node).find((s: any) => s.status === 'OPEN');
    expect(huachuang.history.map((h: any) => [h.operation, h.actor])).toEqual([['requestServiceStation', 'demo-enterprise'], ['approveServiceStation', 'guangdong-admin'], ['openServiceStation', 'demo-provider']]);
    expect(huachuang.openedOn).toBe('2025-12-01');
  });

  it('D 四(三): commissioners at every status, with visits that are service records; what demo-enterprise and demo-provider see', async () => {
    const dispatches = (await t.ok(`{ commissionerDispatches(first: 20) { edges { node { commissionerName enterpriseName status visits(first: 1) { totalCount } } } } }`)).commissionerDispatches.edges.map((e: any) => e.node);
    expect(dispatches.map((d: any) => d.status).sort()).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'COMPLETED', 'ENDED_EARLY']);
    expect(dispatches.every((d: any) => d.visits.totalCount > 0)).toBe(true);
    const own = await account('demo-enterprise');
    const mine = (await t.ok(`{ commissionerDispatches(first: 5) { edges { node { commissionerName status commissioner { id } visits(first: 20) { totalCount } } } } }`, {}, own)).commissionerDispatches.edges.map((e: any) => e.node);
    expect(mine).toEqual([{ commissionerName: '林志远', status: 'ACTIVE', commissioner: null, visits: { totalCount: 12 } }]);
    const types = async (viewer: Viewer) => new Set((await t.ok(`{ serviceRecords(first: 100) { edges { node { type organization { name } } } } }`, {}, viewer)).serviceRecords.edges.map((e: any) => e.node.type));
    expect(await types(own)).toEqual(new Set(['STATION_WORK', 'COMMISSIONER_VISIT', 'EXHIBITION_LEGAL_SERVICE', 'PATENT_ANALYSIS', 'CONSULTATION']));
    expect((await t.ok(`{ serviceRecords(first: 100, filter: { includeVoided: true, types: [PATENT_ANALYSIS] }) { totalCount } }`, {}, own)).serviceRecords.totalCount).toBe(2);
    const provider = (await t.ok(`{ serviceRecords(first: 100) { totalCount edges { node { organization { name } } } } }`, {}, await account('demo-provider'))).serviceRecords;
    expect(provider.edges.every((e: any) => e.node.organization.name === '广东省知识产权保护中心服务团队')).toBe(true);
    expect((await t.ok(`{ serviceRecords(first: 1) { totalCount } }`, {}, as.anonymous)).serviceRecords.totalCount).toBe(0);
    const national = new Set((await t.ok(`{ serviceRecords(first: 100) { edges { node { type } } } }`)).serviceRecords.edges.map((e: any) => e.node.type));
    expect(national).toEqual(new Set(['STATION_WORK', 'COMMISSIONER_VISIT', 'EXHIBITION_LEGAL_SERVICE', 'PATENT_ANALYSIS', 'CONSULTATION', 'TRAINING', 'STANDARD_GUIDANCE', 'RIGHTS_PROTECTION']));
  });
});
