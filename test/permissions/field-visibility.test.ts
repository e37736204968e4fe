/**
 * docs/permissions.md, field by field: an enterprise's statistics and contacts, its internal notes;
 * a user's phone and e-mail; a service organisation's contacts; a person record and its personal
 * data. A field the viewer may not read is null — never an error, and the rest of the object is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import {
  buildWorld,
  canReadEnterprisePrivate,
  canReadInternalNotes,
  canReadOrganizationContacts,
  canReadPersonPersonal,
  canReadUserPersonal,
  canSeePerson,
  canSeeUser,
  ENTERPRISE_KEYS,
  expectError,
  expectNoErrors,
  USER_KEYS,
  usersListOutcome,
  VIEWER_KEYS,
  visibleEnterprises,
  type EnterpriseFx,
  type ViewerKey,
  type World,
} from './fixtures.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const FIELDS = `
  id name creditCode region { code } stage
  contactName contactPhone contactEmail internalNotes
  statistics { id year inventionApplications }
  recent: statistics(years: [2024]) { year }
`;

/** What the viewer should read for each field of `e`, by the matrix. */
function expectedFields(viewerKey: ViewerKey, e: EnterpriseFx) {
  const s = w.scopes[viewerKey];
  const priv = canReadEnterprisePrivate(s, e);
  return {
    id: e.gid,
    name: e.name,
    creditCode: e.creditCode,
    contactName: priv ? e.contactName : null,
    contactPhone: priv ? e.contactPhone : null,
    contactEmail: priv ? e.contactEmail : null,
    internalNotes: canReadInternalNotes(s, e) ? e.internalNotes : null,
    statistics: priv ? e.statistics.map((x) => ({ id: x.gid, year: x.year })) : null,
    recent: priv ? [{ year: 2024 }] : null,
  };
}

function pick(row: any) {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    internalNotes: row.internalNotes,
    statistics: row.statistics ? row.statistics.map((x: any) => ({ id: x.id, year: x.year })) : row.statistics,
    recent: row.recent,
  };
}

describe.each(VIEWER_KEYS)('enterprise fields as %s', (viewerKey) => {
  const viewer = () => w.viewers[viewerKey];

  it('enterprise(id): statistics, contacts and internal notes are values or null by the matrix, with no error', async () => {
    for (const e of visibleEnterprises(w, viewerKey)) {
      const result = await t.gql(`query($id: ID!) { enterprise(id: $id) { ${FIELDS} } }`, { id: e.gid }, viewer());
      expectNoErrors(result);
      expect(pick(result.data!.enterprise), `${viewerKey} → ${e.key}`).toEqual(expectedFields(viewerKey, e));
      expect(result.data!.enterprise.region.code).toBe(e.regionCode);
    }
  });

  it('the enterprises list with the same fields: no error, every row as by id', async () => {
    const result = await t.gql(`{ enterprises(first: 100) { totalCount edges { node { ${FIELDS} } } } }`, {}, viewer());
    expectNoErrors(result);
    const rows = result.data!.enterprises.edges.map((edge: any) => pick(edge.node));
    const want = visibleEnterprises(w, viewerKey).map((e) => expectedFields(viewerKey, e));
    expect([...rows].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...want].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('node(id) with the same fields agrees', async () => {
    const visible = visibleEnterprises(w, viewerKey);
    const result = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Enterprise { ${FIELDS} } } }`, { ids: visible.map((e) => e.gid) }, viewer());
    expectNoErrors(result);
    expect(result.data!.nodes.map(pick)).toEqual(visible.map((e) => expectedFields(viewerKey, e)));
  });

  it('statistics reached through a designation edge follow the same rule', async () => {
    const withDesignation = visibleEnterprises(w, viewerKey).filter((e) => e.designations.length > 0);
    for (const e of withDesignation) {
      const result = await t.gql(
        `query($id: ID!) { node(id: $id) { ... on Designation { enterprise { id contactPhone internalNotes statistics { year } } } } }`,
        { id: e.designations[0]!.gid },
        viewer(),
      );
      expectNoErrors(result);
      const s = w.scopes[viewerKey];
      expect(result.data!.node.enterprise).toEqual({
        id: e.gid,
        contactPhone: canReadEnterprisePrivate(s, e) ? e.contactPhone : null,
        internalNotes: canReadInternalNotes(s, e) ? e.internalNotes : null,
        statistics: canReadEnterprisePrivate(s, e) ? e.statistics.map((x) => ({ year: x.year })) : null,
      });
    }
  });
});

describe('enterprise fields: the cells spelled out', () => {
  const read = async (viewerKey: ViewerKey, key: (typeof ENTERPRISE_KEYS)[number]) =>
    (await t.ok(`query($id: ID!) { enterprise(id: $id) { contactPhone internalNotes statistics { year } } }`, { id: w.enterprises[key].gid }, w.viewers[viewerKey])).enterprise;

  it('an enterprise user reads its own statistics and contacts but not its internal notes', async () => {
    const e = w.enterprises.gdPlain;
    expect(await read('enterpriseUser', 'gdPlain')).toEqual({ contactPhone: e.contactPhone, internalNotes: null, statistics: [{ year: 2023 }, { year: 2024 }] });
    expect(await read('enterpriseUser', 'gdDesignated')).toEqual({ contactPhone: null, internalNotes: null, statistics: null });
  });

  it('a provincial admin reads everything of its jurisdiction, nothing private of a public-directory enterprise elsewhere', async () => {
    const e = w.enterprises.gdDesignated;
    expect(await read('provincialGd', 'gdDesignated')).toEqual({ contactPhone: e.contactPhone, internalNotes: e.internalNotes, statistics: [{ year: 2023 }, { year: 2024 }] });
    expect(await read('provincialGd', 'szDesignated')).toEqual({ contactPhone: null, internalNotes: null, statistics: null });
  });

  it('anonymous, expert and service provider read no private field of a public-directory enterprise', async () => {
    for (const v of ['anonymous', 'expert', 'serviceProvider'] as const) {
      expect(await read(v, 'gdDesignated'), v).toEqual({ contactPhone: null, internalNotes: null, statistics: null });
    }
  });

  it('the national admin reads everything, also of an enterprise outside the public directory', async () => {
    const e = w.enterprises.bjExpired;
    expect(await read('national', 'bjExpired')).toEqual({ contactPhone: e.contactPhone, internalNotes: e.internalNotes, statistics: [{ year: 2023 }, { year: 2024 }] });
  });
});

const USER_FIELDS = `__typename ... on User { id username role phone email }`;

describe.each(VIEWER_KEYS)('accounts, organisation and person as %s', (viewerKey) => {
  const viewer = () => w.viewers[viewerKey];
  const scope = () => w.scopes[viewerKey];

  it('User by nodes(ids): visible users only; phone and email by the matrix', async () => {
    const users = USER_KEYS.map((k) => w.users[k]);
    const result = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${USER_FIELDS} } }`, { ids: users.map((u) => u.gid) }, viewer());
    expectNoErrors(result);
    expect(result.data!.nodes).toEqual(
      users.map((u) =>
        canSeeUser(scope(), u)
          ? {
              __typename: 'User',
              id: u.gid,
              username: u.username,
              role: u.role,
              phone: canReadUserPersonal(scope(), u) ? u.phone : null,
              email: canReadUserPersonal(scope(), u) ? u.email : null,
            }
          : null,
      ),
    );
  });

  it('me: the own account with its own phone and email', async () => {
    const result = await t.gql(`{ me { authenticated role user { id phone email } } }`, {}, viewer());
    expectNoErrors(result);
    const s = scope();
    if (s.role === 'ANONYMOUS') {
      expect(result.data!.me).toEqual({ authenticated: false, role: 'ANONYMOUS', user: null });
    } else {
      const u = w.users[viewerKey as keyof World['users']];
      expect(result.data!.me).toEqual({ authenticated: true, role: s.role, user: { id: u.gid, phone: u.phone, email: u.email } });
    }
  });

  it('the users list: UNAUTHENTICATED / FORBIDDEN / the jurisdiction / all', async () => {
    const result = await t.gql(`{ users(first: 100) { totalCount edges { node { id phone } } } }`, {}, viewer());
    const outcome = usersListOutcome(scope());
    if (outcome) {
      expectError(result, outcome);
      expect(result.data ?? null).toBeNull();
      return;
    }
    expectNoErrors(result);
    const want = USER_KEYS.map((k) => w.users[k]).filter((u) => canSeeUser(scope(), u));
    const got = result.data!.users.edges.map((e: any) => e.node);
    expect([...got].sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual(
      want.map((u) => ({ id: u.gid, phone: u.phone })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(result.data!.users.totalCount).toBe(want.length);
  });

  it('ServiceOrganization: public to everyone; contactPhone and contactEmail by the matrix', async () => {
    const o = w.organization;
    const result = await t.gql(`query($id: ID!) { node(id: $id) { ... on ServiceOrganization { id name kind country region { code } contactPhone contactEmail } } }`, { id: o.gid }, viewer());
    expectNoErrors(result);
    const contacts = canReadOrganizationContacts(scope(), o);
    expect(result.data!.node).toEqual({
      id: o.gid,
      name: o.name,
      kind: 'AGENCY',
      country: null,
      region: { code: o.regionCode },
      contactPhone: contacts ? o.contactPhone : null,
      contactEmail: contacts ? o.contactEmail : null,
    });
  });

  it('Person by node(id) and its phone, email and identity number by the matrix', async () => {
    const p = w.person;
    const result = await t.gql(`query($id: ID!) { node(id: $id) { ... on Person { id name employer phone email identityNumber } } }`, { id: p.gid }, viewer());
    expectNoErrors(result);
    const personal = canReadPersonPersonal(scope(), p);
    expect(result.data!.node).toEqual(
      canSeePerson(scope(), p)
        ? { id: p.gid, name: p.name, employer: '某大学', phone: personal ? p.phone : null, email: personal ? p.email : null, identityNumber: personal ? p.identityNumber : null }
        : null,
    );
  });
});

describe('accounts: the cells spelled out', () => {
  it("Guangdong's admin sees the users of Guangdong's enterprises and organisations and its own bureau's admins, not Shenzhen's", async () => {
    const data = await t.ok(`{ users(first: 100) { edges { node { username } } } }`, {}, w.viewers.provincialGd);
    expect(data.users.edges.map((e: any) => e.node.username).sort()).toEqual(
      [w.users.provincialGd.username, w.users.enterpriseUser.username, w.users.serviceProvider.username].sort(),
    );
  });

  it('a provincial admin sees the person record but not its phone, email or identity number; the expert sees all of its own', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on Person { name phone email identityNumber } } }`;
    expect((await t.ok(q, { id: w.person.gid }, w.viewers.provincialGd)).node).toEqual({ name: w.person.name, phone: null, email: null, identityNumber: null });
    expect((await t.ok(q, { id: w.person.gid }, w.viewers.expert)).node).toEqual({
      name: w.person.name,
      phone: w.person.phone,
      email: w.person.email,
      identityNumber: w.person.identityNumber,
    });
    expect((await t.ok(q, { id: w.person.gid }, w.viewers.serviceProvider)).node).toBeNull();
  });

  it("Shenzhen's admin does not read the contacts of an organisation registered in Guangdong", async () => {
    const data = await t.ok(`query($id: ID!) { node(id: $id) { ... on ServiceOrganization { name contactPhone } } }`, { id: w.organization.gid }, w.viewers.provincialSz);
    expect(data.node).toEqual({ name: w.organization.name, contactPhone: null });
  });
});
