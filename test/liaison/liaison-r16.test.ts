/**
 * R16 [D 五(一) 示范企业要建立示范工作联络员制度]: a demonstration enterprise names its liaison, a person
 * of its own staff, with contact details that only it, its bureaus and the national bureau see; a
 * change keeps history with at most one current liaison; bureaus list the demonstration
 * enterprises without one and remind them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { buildWorld, errorOf, GD, NAME, nameLiaison, SZ, type World } from './world.js';

const ENTERPRISE = `query($id: ID!) { node(id: $id) { ... on Enterprise { name liaison { id phone email current person { name } } } } }`;
const MISSING = `query($filter: MissingLiaisonFilter) { missingLiaisons(first: 50, filter: $filter) { totalCount edges { node { enterprise { id name } reminderCount lastRemindedAt lastReminder { message remindedBy bureau { code } } } } } }`;
const REMIND = `mutation($input: RemindLiaisonInput!) { remindLiaison(input: $input) { reminder { id message remindedBy remindedAt } } }`;
const END = `mutation($input: EndLiaisonInput!) { endLiaison(input: $input) { liaison { id current endedOn endNote endedBy } } }`;
const HISTORY = `query($filter: LiaisonFilter) { liaisons(first: 20, filter: $filter) { totalCount edges { node { id current startsOn endedOn namedBy endedBy enterprise { id } person { id name } } } } }`;

describe('R16 [D 五(一)]: the enterprise’s liaison', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const missingNames = async (viewer = w.viewers.gd, filter?: Record<string, unknown>) =>
    (await t.ok(MISSING, { filter }, viewer)).missingLiaisons.edges.map((e: any) => e.node.enterprise.name).sort();

  it('R16: a demonstration enterprise names a person of its staff; the contact details reach it, its bureau and the national bureau only', async () => {
    const { gd } = w.firms;
    const id = await nameLiaison(t, gd, gd.staff[0], '020-12345678');
    for (const viewer of [gd.viewer, w.viewers.gd, w.viewers.national]) {
      const node = (await t.ok(ENTERPRISE, { id: gd.gid }, viewer)).node;
      expect(node.liaison).toMatchObject({ id, phone: '020-12345678', email: 'ip@example.cn', current: true });
      expect(node.liaison.person.name).toMatch(/^王芳/);
    }
    // The public directory shows the enterprise, never its liaison.
    for (const viewer of [w.viewers.anonymous, w.viewers.expert, w.viewers.providerGd, w.viewers.sz, w.viewers.js, w.firms.js.viewer]) {
      const node = (await t.ok(ENTERPRISE, { id: gd.gid }, viewer)).node;
      expect(node.name).toBe(gd.name);
      expect(node.liaison).toBeNull();
      expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id }, viewer)).node).toBeNull();
    }
    // Lists and node(id) for those who see it.
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on Liaison { phone } } }`, { id }, w.viewers.gd)).node.phone).toBe('020-12345678');
    for (const viewer of [w.viewers.anonymous]) expect(errorOf(await t.gql(HISTORY, {}, viewer)).code).toBe('UNAUTHENTICATED');
    for (const viewer of [w.viewers.expert, w.viewers.providerGd]) expect(errorOf(await t.gql(HISTORY, {}, viewer)).code).toBe('FORBIDDEN');
    expect((await t.ok(HISTORY, { filter: { enterpriseId: gd.gid } }, w.viewers.sz)).liaisons.totalCount).toBe(0);
  });

  it('R16: changing the liaison ends the previous one today and starts the next; the history stays', async () => {
    const { gd2 } = w.firms;
    const first = await nameLiaison(t, gd2, gd2.staff[0]);
    t.setToday('2026-11-25');
    try {
      const changed = (await t.ok(NAME, { input: { enterpriseId: gd2.gid, personId: toGlobalId('Person', gd2.staff[1]), phone: '13800001111' } }, gd2.viewer)).nameLiaison;
      expect(changed.previous).toEqual({ id: first, endedOn: '2026-11-25', current: false });
      expect(changed.liaison).toMatchObject({ startsOn: '2026-11-25', endedOn: null, current: true, email: null, phone: '13800001111' });
      const history = (await t.ok(HISTORY, { filter: { enterpriseId: gd2.gid } }, w.viewers.gd)).liaisons;
      expect(history.totalCount).toBe(2);
      expect(history.edges.map((e: any) => [e.node.current, e.node.endedOn])).toEqual([
        [true, null],
        [false, '2026-11-25'],
      ]);
      expect((await t.ok(HISTORY, { filter: { enterpriseId: gd2.gid, current: false } }, w.viewers.national)).liaisons.edges.map((e: any) => e.node.id)).toEqual([first]);
      // The same person with the same details again: nothing to change.
      const again = await t.gql(NAME, { input: { enterpriseId: gd2.gid, personId: toGlobalId('Person', gd2.staff[1]), phone: '13800001111' } }, gd2.viewer);
      expect(errorOf(again).code).toBe('CONFLICT');
      // Audited.
      const log = await t.ok(`query($id: String!) { auditLog(first: 10, filter: { objectId: $id }) { edges { node { operation changes } } } }`, { id: first });
      expect(log.auditLog.edges.map((e: any) => e.node.operation)).toEqual(['nameLiaison', 'nameLiaison']);
    } finally {
      t.setToday('2026-11-20');
    }
  });

  it('R16: at most one current liaison per enterprise, whatever the concurrency (partial unique index)', async () => {
    const { sz } = w.firms;
    const results = await Promise.all(
      [0, 1, 0, 1].map((i) => t.gql(NAME, { input: { enterpriseId: sz.gid, personId: toGlobalId('Person', sz.staff[i as 0 | 1]), phone: `1380000000${i}` } }, sz.viewer)),
    );
    const failed = results.filter((r) => r.errors?.length);
    expect(failed.every((r) => errorOf(r).code === 'CONFLICT')).toBe(true);
    const [row] = await t.sql<{ n: number }>('select count(*)::int as n from enterprise_liaison where enterprise_id = ? and ended_on is null', [sz.id]);
    expect(row!.n).toBe(1);
    await expect(t.sql('insert into enterprise_liaison (id, created_at, updated_at, enterprise_id, person_id, phone, starts_on, named_by) values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?)', [sz.id, sz.staff[0], '1', '2026-11-20', 'x'])).rejects.toThrow(/enterprise_liaison_current_unique/);
  });

  it('R16: only a current demonstration enterprise names a liaison, and only a person of its own staff', async () => {
    const { gdAdvantage, gdExpired, js, gd } = w.firms;
    for (const f of [gdAdvantage, gdExpired]) {
      const result = await t.gql(NAME, { input: { enterpriseId: f.gid, personId: toGlobalId('Person', f.staff[0]), phone: '13800000000' } }, f.viewer);
      expect(errorOf(result)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R16', condition: 'NOT_DEMONSTRATION', paragraph: '五(一)' });
    }
    const stranger = await t.gql(NAME, { input: { enterpriseId: js.gid, personId: toGlobalId('Person', gd.staff[1]), phone: '13800000000' } }, js.viewer);
    expect(errorOf(stranger)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'personId', message: expect.stringContaining('本企业人员') }] });
    const badPhone = await t.gql(NAME, { input: { enterpriseId: js.gid, personId: toGlobalId('Person', js.staff[0]), phone: 'call me', email: 'nope' } }, js.viewer);
    expect((errorOf(badPhone).fields as { field: string }[]).map((f) => f.field)).toEqual(['phone', 'email']);
    // Another enterprise, a bureau or the public cannot name it.
    expect(errorOf(await t.gql(NAME, { input: { enterpriseId: js.gid, personId: toGlobalId('Person', js.staff[0]), phone: '13800000000' } }, gd.viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(NAME, { input: { enterpriseId: js.gid, personId: toGlobalId('Person', js.staff[0]), phone: '13800000000' } }, w.viewers.js)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(NAME, { input: { enterpriseId: js.gid, personId: toGlobalId('Person', js.staff[0]), phone: '13800000000' } }, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
  });

  it('R16: the bureau lists its demonstration enterprises without a liaison (Guangdong its own; with roll-up of Shenzhen only for the national bureau)', async () => {
    // gd and gd2 named liaisons above; sz too; js has none; advantage and expired titles are not R16's subjects.
    expect(await missingNames(w.viewers.gd)).toEqual([]);
    expect(await missingNames(w.viewers.js)).toEqual([w.firms.js.name]);
    expect(await missingNames(w.viewers.national)).toEqual([w.firms.js.name]);
    const { id } = (await t.ok(`query($id: ID!) { node(id: $id) { ... on Enterprise { liaison { id } } } }`, { id: w.firms.sz.gid }, w.viewers.sz)).node.liaison;
    await t.ok(END, { input: { id, note: '联络员离职' } }, w.firms.sz.viewer);
    expect(await missingNames(w.viewers.national, { regionCodes: [GD] })).toEqual([]);
    expect(await missingNames(w.viewers.national, { regionCodes: [GD], includeSubJurisdictions: true })).toEqual([w.firms.sz.name]);
    expect(await missingNames(w.viewers.sz)).toEqual([w.firms.sz.name]);
    // The Guangdong bureau's jurisdiction does not include Shenzhen's, whatever the filter says.
    expect(await missingNames(w.viewers.gd, { regionCodes: [GD, SZ], includeSubJurisdictions: true })).toEqual([]);
    for (const viewer of [w.firms.js.viewer, w.viewers.providerGd, w.viewers.expert]) expect(errorOf(await t.gql(MISSING, {}, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(MISSING, {}, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
  });

  it('R16: a bureau reminds an enterprise without a liaison: how often and when are on the list; the reminder is stored, not sent', async () => {
    const { js, sz, gd } = w.firms;
    t.setToday('2026-11-21');
    await t.ok(REMIND, { input: { enterpriseId: js.gid, message: '请于本月底前指定联络员。' } }, w.viewers.js);
    t.setToday('2026-11-24');
    await t.ok(REMIND, { input: { enterpriseId: js.gid, message: '再次提醒：请尽快指定联络员。' } }, w.viewers.national);
    t.setToday('2026-11-20');
    const list = (await t.ok(MISSING, { filter: { enterpriseId: js.gid } }, w.viewers.js)).missingLiaisons.edges.map((e: any) => e.node);
    expect(list).toEqual([
      {
        enterprise: { id: js.gid, name: js.name },
        reminderCount: 2,
        lastRemindedAt: expect.any(Date),
        lastReminder: { message: '再次提醒：请尽快指定联络员。', remindedBy: 'test-national_admin', bureau: { code: '100000' } },
      },
    ]);
    expect((await t.ok(MISSING, { filter: { reminded: false } }, w.viewers.national)).missingLiaisons.edges.map((e: any) => e.node.enterprise.name)).toEqual([sz.name]);
    // The enterprise sees the reminders it received; another does not.
    const own = await t.ok(`{ liaisonReminders(first: 10) { totalCount edges { node { message bureau { code } enterprise { name } } } } }`, {}, js.viewer);
    expect(own.liaisonReminders.totalCount).toBe(2);
    expect((await t.ok(`{ liaisonReminders(first: 10) { totalCount } }`, {}, gd.viewer)).liaisonReminders.totalCount).toBe(0);
    // Failure paths: another jurisdiction, an enterprise with a liaison, one that is not a demonstration enterprise.
    expect(errorOf(await t.gql(REMIND, { input: { enterpriseId: js.gid, message: '提醒' } }, w.viewers.gd)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(REMIND, { input: { enterpriseId: gd.gid, message: '提醒' } }, w.viewers.gd))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R16', condition: 'LIAISON_NAMED' });
    expect(errorOf(await t.gql(REMIND, { input: { enterpriseId: w.firms.gdAdvantage.gid, message: '提醒' } }, w.viewers.gd))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R16', condition: 'NOT_DEMONSTRATION' });
    expect(errorOf(await t.gql(REMIND, { input: { enterpriseId: js.gid, message: '提醒' } }, js.viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(REMIND, { input: { enterpriseId: js.gid, message: ' ' } }, w.viewers.js)).code).toBe('BAD_USER_INPUT');
  });

  it('R16: naming a liaison takes the enterprise off the list; reminders count again from the day the next liaison leaves', async () => {
    const { js } = w.firms;
    const id = await nameLiaison(t, js, js.staff[0]);
    expect(await missingNames(w.viewers.js)).toEqual([]);
    t.setToday('2026-11-26');
    try {
      const ended = (await t.ok(END, { input: { id, note: '调岗' } }, js.viewer)).endLiaison.liaison;
      expect(ended).toMatchObject({ current: false, endedOn: '2026-11-26', endNote: '调岗' });
      expect(errorOf(await t.gql(END, { input: { id, note: '再次' } }, js.viewer)).code).toBe('CONFLICT');
      const [entry] = (await t.ok(MISSING, { filter: { enterpriseId: js.gid } }, w.viewers.js)).missingLiaisons.edges;
      expect(entry.node).toMatchObject({ reminderCount: 0, lastRemindedAt: null, lastReminder: null });
    } finally {
      t.setToday('2026-11-20');
    }
  });
});
