/**
 * Probes of a hostile review of src/modules/service and src/modules/organization (docs/service.md), kept as regression tests (the defects they found are fixed).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { DISPATCH, END_MEMBER, enterprise, GD, JS, key, member, organization, person, provider, refusal, SZ, UPDATE_ORG } from '../service/steps.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('review: service measure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  it('a membership ended while a dispatch waits on the commissioner lock must not leave a dispatch beyond the membership (SV3)', async () => {
    const team = await organization(t, GD);
    const p = await person(t, GD, '竞态特派员');
    const m = await member(t, GD, team.id, p, '2026-01-01', null);
    const e = await enterprise(t, GD);
    const client = new pg.Client({ connectionString: t.orm.config.get('clientUrl') as string });
    await client.connect();
    try {
      // What endOrganizationMembership does (it takes the same per-person lock, then ends the membership).
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`commissioner:${key(p)}`]);
      const dispatching = t.gql(DISPATCH, { input: { enterpriseId: e.gid, personId: p, organizationId: team.id, startsOn: '2026-07-01', endsOn: '2027-06-30', purpose: '专利导航' } }, as.provincial(GD));
      for (let i = 0; i < 200; i++) {
        const { rows } = await client.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`);
        if (rows[0].n > 0) break;
        await sleep(25);
      }
      await client.query(`update organization_member set ended_on = '2026-06-30', end_reason = '离职' where id = $1`, [key(m.id)]);
      await client.query('commit');
      const r = await dispatching;
      const rows = await t.sql<{ n: number }>(`select count(*)::int as n from commissioner_dispatch where person_id = ? and ends_on > '2026-06-30'`, [key(p)]);
      expect({ code: r.errors?.[0]?.extensions?.code ?? 'OK', beyondMembership: rows[0]!.n }).toEqual({ code: 'RULE_VIOLATION', beyondMembership: 0 });
    } finally {
      await client.end();
    }
  });

  it('organisations: a provincial bureau cannot move an organisation out of its jurisdiction (FORBIDDEN) nor touch another jurisdiction\'s (FORBIDDEN); Shenzhen is not Guangdong', async () => {
    const gd = await organization(t, GD);
    expect(refusal(await t.gql(UPDATE_ORG, { input: { id: gd.id, version: gd.version, regionCode: JS } }, as.provincial(GD))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(UPDATE_ORG, { input: { id: gd.id, version: gd.version, name: '改名' } }, as.provincial(SZ))).code).toBe('FORBIDDEN');
    const contacts = await t.ok(`query($id: ID!) { node(id: $id) { ... on ServiceOrganization { contactPhone contactName } } }`, { id: gd.id }, as.provincial(SZ));
    expect(contacts.node).toEqual({ contactPhone: null, contactName: null });
    const audit = await t.sql<{ changes: unknown }>(`select changes from audit_entry where object_type = 'ServiceOrganization' and object_id = ?`, [key(gd.id)]);
    expect(JSON.stringify(audit)).not.toContain('020-12345678');
  });

  it('members: a bureau ends a membership; another jurisdiction gets FORBIDDEN, a provider NOT_FOUND-or-FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const team = await organization(t, GD);
    const p = await person(t, GD, '成员甲');
    const m = await member(t, GD, team.id, p, '2026-01-01', null);
    const input = { id: m.id, version: m.version, lastDay: '2026-06-30', reason: '调离' };
    expect(refusal(await t.gql(END_MEMBER, { input }, as.provincial(JS))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(END_MEMBER, { input }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refusal(await t.gql(END_MEMBER, { input }, provider(team.id))).code);
  });
});
