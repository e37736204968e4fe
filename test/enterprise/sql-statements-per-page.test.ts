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

  it('issues the same small number of statements (≤ 4) for 10 and for 100 rows', async () => {
    const ten = await t.countQueries(() => t.ok(PAGE, { first: 10 }));
    const hundred = await t.countQueries(() => t.ok(PAGE, { first: 100 }));
    expect((ten.result as any).enterprises.edges).toHaveLength(10);
    expect((hundred.result as any).enterprises.edges).toHaveLength(100);
    expect(ten.queries.length).toBeLessThanOrEqual(4);
    expect(hundred.queries.length).toBe(ten.queries.length);
  });

  it('batches statistics(years) across the page into one statement', async () => {
    const q = `query { enterprises(first: 50) { edges { node { statistics(years: [2024]) { year inventionGrants } } } } }`;
    const { queries } = await t.countQueries(() => t.ok(q));
    expect(queries.length).toBe(2); // the page, the statistics batch
  });
});
