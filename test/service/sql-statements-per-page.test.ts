/**
 * No query per row in the service lists: every list of the measure (organisations with their members,
 * members, selected teams, stations, dispatches with their visits, service records, and an enterprise
 * page with each enterprise's records and station) costs the same number of SQL statements for a few
 * rows as for many, for the national bureau, a provincial bureau and a provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import type { Viewer } from '../../src/context.js';
import { APPROVE, DISPATCH, enterprise, GD, member, OPEN, organization, person, provider, RECORD, REQUEST, SELECT, VISIT } from './steps.js';

const LISTS: Record<string, string> = {
  organizations: `{ serviceOrganizations(first: 40, filter: { regionCodes: ["${GD}"] }) { totalCount edges { node { id name status region { code } regionsServed { code } contactPhone members { name current person { id name } organization { name } } } } } }`,
  members: `{ organizationMembers(first: 40) { totalCount edges { node { id name role current person { id name } organization { id name contactPhone } } } } }`,
  selections: `{ selectedServiceTeams(first: 40) { totalCount edges { node { id year bureau { code } current organization { id name contactPhone members { name } } } } } }`,
  stations: `{ serviceStations(first: 40) { totalCount edges { node { id status enterpriseName region { code } enterprise { id name } organization { id name } requestNote decisionNote history { operation }
    serviceRecords(first: 3) { totalCount edges { node { id type deliveredBy { name person { id } } } } } } } } }`,
  dispatches: `{ commissionerDispatches(first: 40) { totalCount edges { node { id status commissionerName commissioner { id } enterpriseName enterprise { id } organization { name } bureau { code } history { operation }
    visits(first: 3) { totalCount edges { node { id servedOn deliveredBy { name } attachments { id } } } } } } } }`,
  records: `{ serviceRecords(first: 40) { totalCount edges { node { id type servedOn hours enterpriseName enterprise { id } organization { name } station { id status } dispatch { id commissionerName } deliveredBy { name person { id } } attachments { id } history { operation } } } } }`,
  enterprises: `{ enterprises(first: 40, filter: { regionCodes: ["${GD}"] }) { totalCount edges { node { id name serviceStation { id status organization { name } } serviceRecords(first: 3) { totalCount edges { node { id type organization { name } } } } } } } }`,
};

describe('service lists: SQL statements do not grow with the rows', () => {
  let t: TestApp;
  let teamId = '';
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  /** n more of everything in Guangdong: a team with two members, a selection, an open station with work, a commissioner with visits, records. */
  async function more(n: number) {
    for (let i = 0; i < n; i++) {
      const team = await organization(t, GD);
      teamId ||= team.id;
      const people = [await person(t, GD, `成员甲${i}`), await person(t, GD, `成员乙${i}`)];
      for (const p of people) await member(t, GD, team.id, p, '2026-01-01');
      await t.ok(SELECT, { input: { organizationId: team.id, year: 2026, termStartsOn: '2026-01-01', termEndsOn: '2026-12-31' } }, as.provincial(GD));
      const e = await enterprise(t, GD);
      t.setToday('2026-05-01');
      const s = (await t.ok(REQUEST, { input: { enterpriseId: e.gid, note: '需求' } }, as.enterprise(e.id))).requestServiceStation.station;
      const a = (await t.ok(APPROVE, { input: { id: s.id, version: s.version, organizationId: team.id } }, as.provincial(GD))).approveServiceStation.station;
      await t.ok(OPEN, { input: { id: s.id, version: a.version, openedOn: '2026-05-01' } }, as.provincial(GD));
      t.setToday('2026-06-15');
      const d = (await t.ok(DISPATCH, { input: { enterpriseId: e.gid, personId: people[0], organizationId: team.id, startsOn: '2026-05-01', endsOn: '2026-12-31', purpose: '专利导航' } }, as.provincial(GD))).dispatchCommissioner.dispatch;
      for (const day of ['2026-05-10', '2026-06-10']) await t.ok(VISIT, { input: { dispatchId: d.id, visitedOn: day, hours: 2, summary: '走访' } }, provider(team.id));
      await t.ok(RECORD, { input: { enterpriseId: e.gid, type: 'STATION_WORK', stationId: s.id, servedOn: '2026-06-01', hours: 4, summary: '驻站服务', deliveredByIds: people } }, provider(team.id));
    }
  }

  async function measure(viewers: Record<string, Viewer>) {
    const out: Record<string, number> = {};
    for (const [name, query] of Object.entries(LISTS)) {
      for (const [who, viewer] of Object.entries(viewers)) {
        const { queries } = await t.countQueries(() => t.ok(query, undefined, viewer));
        out[`${name}/${who}`] = queries.length;
      }
    }
    return out;
  }

  it('every list with its nested relations: the same statements for 2 rows as for 6', async () => {
    await more(2);
    const viewers = () => ({ national: as.national(), guangdong: as.provincial(GD), provider: provider(teamId) });
    const few = await measure(viewers());
    await more(4);
    const many = await measure(viewers());
    const rows = (await t.ok(LISTS.records!)).serviceRecords;
    expect(rows.totalCount).toBe(18);
    expect(rows.edges.filter((e: any) => e.node.dispatch?.commissionerName && e.node.deliveredBy[0].name)).toHaveLength(12);
    const stations = (await t.ok(LISTS.stations!)).serviceStations.edges;
    expect(stations.every((e: any) => e.node.serviceRecords.totalCount === 1 && e.node.enterprise && e.node.history.length === 3)).toBe(true);
    const orgs = (await t.ok(LISTS.organizations!, undefined, as.provincial(GD))).serviceOrganizations.edges;
    expect(orgs.filter((e: any) => e.node.members?.length === 2)).toHaveLength(6);
    // The same statements whatever the rows; one loader may be dispatched in one batch or two (a
    // station's and a record's organisation resolve in the same tick or not), hence the one of slack.
    for (const [key, n] of Object.entries(few)) {
      expect(Math.abs(many[key]! - n), key).toBeLessThanOrEqual(1);
      expect(many[key]!, key).toBeLessThanOrEqual(12);
    }
  });
});
