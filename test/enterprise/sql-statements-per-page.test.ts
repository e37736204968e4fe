import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';

const PAGE = `
  query Page($first: Int!) {
    enterprises(first: $first) {
      totalCount
      edges {
        node {
          id name
          region { code name parent { code } }
          industry { code name parent { code } }
          designations { level status validFrom }
          currentDesignation { level status }
          stage
        }
      }
    }
  }`;

describe('enterprises page: SQL statements do not grow with the page size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(1);
    for (let i = 0; i < 110; i++) {
      const e = await makeEnterprise(t.orm.em, rng);
      if (i % 3 === 0) await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-12-01', validUntil: '2027-11-30' });
      if (i % 5 === 0) await makeStatistics(t.orm.em, e, { year: 2024, inventionGrants: i });
    }
  });
  afterAll(() => t.close());

  it('issues two statements for 10 and for 100 rows: the page with its designations, and the count', async () => {
    const ten = await t.countQueries(() => t.ok(PAGE, { first: 10 }));
    const hundred = await t.countQueries(() => t.ok(PAGE, { first: 100 }));
    expect((ten.result as any).enterprises.edges).toHaveLength(10);
    expect((hundred.result as any).enterprises.edges).toHaveLength(100);
    expect(ten.queries.length).toBe(2);
    expect(hundred.queries.length).toBe(2);
    // Without a field that needs them, the page does not read designations at all.
    const bare = await t.countQueries(() => t.ok('{ enterprises(first: 10) { edges { node { id name } } } }'));
    expect(bare.queries).toHaveLength(1);
    expect(bare.queries[0]).not.toMatch(/designation/);
  });

  it('reads exactly the designations the loader reads, in the same order, field for field', async () => {
    const FIELDS = 'id createdAt updatedAt level batchYear validFrom validUntil endedOn reexaminedOn reexaminationPassed reexaminationNotes status history { at }';
    // A second designation on some enterprises, ended, with a re-examination, to vary every column.
    const some = (await t.ok<{ enterprises: { edges: { node: { id: string } }[] } }>('{ enterprises(first: 6) { edges { node { id } } } }')).enterprises.edges;
    for (const [i, { node }] of some.entries()) {
      const enterpriseId = Buffer.from(node.id, 'base64').toString('utf8').split(':').pop()!;
      if (i % 2) await t.sql(`insert into designation (id, enterprise_id, level, status, batch_year, valid_from, valid_until, ended_on, reexamined_on, reexamination_passed, reexamination_notes, created_at, updated_at) values (gen_random_uuid(), ?, 'DEMONSTRATION', 'REVOKED', 2021, '2021-12-01', '2024-11-30', '2023-05-06', '2023-04-01', false, '复核不合格', now(), now())`, [enterpriseId]);
    }
    const page = await t.ok<{ enterprises: { edges: { node: { id: string; designations: unknown[]; currentDesignation: unknown; stage: string } }[] } }>(
      `{ enterprises(first: 30) { edges { node { id stage currentDesignation { id } designations { ${FIELDS} } } } } }`,
    );
    let compared = 0;
    for (const { node } of page.enterprises.edges) {
      // One lookup at a time: the loader's own statement, nothing read with a page.
      const alone = await t.ok<{ node: { id: string; designations: unknown[]; currentDesignation: unknown; stage: string } }>(
        `query($id: ID!) { node(id: $id) { ... on Enterprise { id stage currentDesignation { id } designations { ${FIELDS} } } } }`,
        { id: node.id },
      );
      expect(node).toEqual(alone.node);
      // enterprise(id:) reads them in its own statement too: the same again.
      const byId = await t.ok<{ enterprise: unknown }>(`query($id: ID!) { enterprise(id: $id) { id stage currentDesignation { id } designations { ${FIELDS} } } }`, { id: node.id });
      expect(byId.enterprise).toEqual(alone.node);
      compared += node.designations.length;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('one enterprise by id or credit code with its designations is one statement', async () => {
    const { enterprises } = await t.ok<{ enterprises: { edges: { node: { id: string; creditCode: string } }[] } }>('{ enterprises(first: 1) { edges { node { id creditCode } } } }');
    const { id, creditCode } = enterprises.edges[0]!.node;
    const byId = await t.countQueries(() => t.ok(`query($id: ID!) { enterprise(id: $id) { name stage currentDesignation { level } designations { level } } }`, { id }));
    expect(byId.queries).toHaveLength(1);
    const byCode = await t.countQueries(() => t.ok(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { name stage designations { level } } }`, { c: creditCode }));
    expect(byCode.queries).toHaveLength(1);
    expect((byCode.result as any).enterpriseByCreditCode.name).toBe((byId.result as any).enterprise.name);
  });

  it('batches statistics(years) across the page into one statement', async () => {
    const q = `query { enterprises(first: 50) { edges { node { statistics(years: [2024]) { year inventionGrants } } } } }`;
    const { queries } = await t.countQueries(() => t.ok(q));
    expect(queries.length).toBe(2); // the page, the statistics batch
  });
});
