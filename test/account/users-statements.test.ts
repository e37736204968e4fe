/**
 * The `users` list with its relations (enterprise, organisation, person) and personal fields: the
 * number of SQL statements does not grow with the page size, for the national admin (who may read
 * everything) and for a provincial admin (whose right to each user's phone depends on where the
 * user's scope lies: one batched look-up per page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { insertOrganization, insertPerson, insertUser } from '../../seeds/factories.js';

const PAGE = `
  query Users($first: Int!) {
    users(first: $first) {
      totalCount
      edges {
        node {
          id username role phone email
          region { code }
          enterprise { id name }
          organization { id name }
          person { id name }
        }
      }
    }
  }`;

interface Page {
  users: { totalCount: number; edges: { node: { role: string; phone: string | null; enterprise: unknown; organization: unknown; person: unknown } }[] };
}

describe('users list: SQL statements do not grow with the page size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(7);
    // 120 accounts of Guangdong (enterprise staff and agencies) and elsewhere (experts), each with a relation of its own.
    for (let i = 0; i < 120; i++) {
      const username = `list-${String(i).padStart(3, '0')}`;
      const common = { username, passwordHash: 'not-a-hash', phone: `1380000${String(i).padStart(4, '0')}` };
      if (i % 3 === 0) {
        const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000', industryCode: '39' });
        await insertUser(t.orm.em, { ...common, role: 'ENTERPRISE_USER', enterpriseId: e.id });
      } else if (i % 3 === 1) {
        const organizationId = await insertOrganization(t.orm.em, { name: `服务机构 ${i}`, kind: 'AGENCY', regionCode: '440000' });
        await insertUser(t.orm.em, { ...common, role: 'SERVICE_PROVIDER', organizationId });
      } else {
        const personId = await insertPerson(t.orm.em, { name: `专家 ${i}`, employer: '某大学' });
        await insertUser(t.orm.em, { ...common, role: 'EXPERT', personId });
      }
    }
  });
  afterAll(() => t.close());

  async function statements(first: number, viewer = as.national()) {
    const { result, queries } = await t.countQueries(() => t.ok<Page>(PAGE, { first }, viewer));
    return { page: result.users, count: queries.length };
  }

  it('as the national admin: the same few statements for 10 and for 100 rows, with every relation resolved', async () => {
    const ten = await statements(10);
    const hundred = await statements(100);
    expect(ten.page.edges).toHaveLength(10);
    expect(hundred.page.edges).toHaveLength(100);
    for (const { node } of hundred.page.edges) {
      expect(node.phone).not.toBeNull();
      if (node.role === 'ENTERPRISE_USER') expect(node.enterprise).not.toBeNull();
      if (node.role === 'SERVICE_PROVIDER') expect(node.organization).not.toBeNull();
      if (node.role === 'EXPERT') expect(node.person).not.toBeNull();
    }
    // The page, the total, and one batch each for enterprises, organisations and people.
    expect(ten.count).toBeLessThanOrEqual(5);
    expect(hundred.count).toBe(ten.count);
  });

  it("as a provincial admin: the same for 10 and for 80 rows, the users' jurisdictions looked up once per page", async () => {
    const gd = as.provincial('440000');
    const ten = await statements(10, gd);
    const eighty = await statements(80, gd);
    expect(ten.page.edges).toHaveLength(10);
    expect(eighty.page.edges).toHaveLength(80);
    // Its jurisdiction's staff and agencies (not the experts), with their phones.
    expect(eighty.page.totalCount).toBe(80);
    for (const { node } of eighty.page.edges) {
      expect(node.role).not.toBe('EXPERT');
      expect(node.phone).not.toBeNull();
    }
    expect(ten.count).toBeLessThanOrEqual(5);
    expect(eighty.count).toBe(ten.count);
  });
});
