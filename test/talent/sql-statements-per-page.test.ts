/**
 * No query per row in the talent lists: the expert directory (with every field of its entries, the
 * pools included) and the nomination queue (with each nominee's record) cost the same few SQL
 * statements for a page of 5 and of 50, for the national and for a provincial bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';
import type { Viewer } from '../../src/context.js';

const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id version } } }`;
const DECIDE = `mutation($input: DecideNominationInput!) { decideNomination(input: $input) { membership { status } } }`;

const DIRECTORY = `query($first: Int!) {
  expertDirectory(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name employer title regionCode specialties technicalFields pools } }
  }
}`;

const PENDING = `query($first: Int!) {
  pendingNominations(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id pool status employerLevel reason nominatedBy nominatedAt version person { id name employer regionCode specialties phone email identityNumber } } }
  }
}`;

describe('talent lists: SQL statements do not grow with the page size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const rng = randomFor(99);
    const employers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
      if (i < 2) await makeDesignation(t.orm.em, e, { level: i === 0 ? 'DEMONSTRATION' : 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      employers.push(e.id);
    }
    // 60 admitted experts, each in one or two public pools; 60 more nominations waiting.
    for (let i = 0; i < 120; i++) {
      const employer = employers[i % employers.length]!;
      const personId = await insertPerson(t.orm.em, {
        name: `专家${String(i).padStart(3, '0')}`,
        employer: '某公司',
        title: '高级工程师',
        employerEnterpriseId: employer,
        category: 'IP_MANAGER',
        specialties: ['STRATEGY'],
        technicalFields: ['H01L'],
        phone: '13800000000',
      });
      const gid = toGlobalId('Person', personId);
      const pools = i < 60 && i % 3 === 0 ? ['EXPERT_POOL', 'FACULTY_POOL'] : ['EXPERT_POOL'];
      for (const pool of pools) {
        const m = (await t.ok(NOMINATE, { input: { personId: gid, pool, reason: '业务骨干' } }, as.enterprise(employer))).nominateToPool.membership;
        if (i < 60) await t.ok(DECIDE, { input: { id: m.id, version: m.version, admit: true, termStart: '2026-01-01', termEnd: '2028-12-31' } });
      }
    }
  });
  afterAll(() => t.close());

  async function statements(query: string, first: number, viewer?: Viewer) {
    const { result, queries } = await t.countQueries(() => t.ok(query, { first }, viewer));
    return { data: result as any, count: queries.length };
  }

  it('expertDirectory: a page, its entries\' pools and the total in three statements, for 5 rows as for 50', async () => {
    for (const viewer of [as.anonymous, as.national()]) {
      const five = await statements(DIRECTORY, 5, viewer);
      const fifty = await statements(DIRECTORY, 50, viewer);
      expect(five.data.expertDirectory.edges).toHaveLength(5);
      expect(fifty.data.expertDirectory.edges).toHaveLength(50);
      expect(five.data.expertDirectory.totalCount).toBe(60);
      // The pools are there, not an empty list from a skipped lookup.
      expect(fifty.data.expertDirectory.edges.filter((e: any) => e.node.pools.length === 2)).toHaveLength(17);
      expect(fifty.data.expertDirectory.edges.every((e: any) => e.node.pools.includes('EXPERT_POOL'))).toBe(true);
      expect(five.count).toBeLessThanOrEqual(3);
      expect(fifty.count).toBe(five.count);
    }
  });

  it('pendingNominations with each nominee\'s record: the page, the people and the total, for 5 rows as for 50', async () => {
    for (const viewer of [as.national(), as.provincial('320000')]) {
      const five = await statements(PENDING, 5, viewer);
      const fifty = await statements(PENDING, 50, viewer);
      expect(five.data.pendingNominations.edges).toHaveLength(5);
      expect(fifty.data.pendingNominations.edges).toHaveLength(50);
      expect(five.data.pendingNominations.totalCount).toBe(60);
      expect(fifty.data.pendingNominations.edges.every((e: any) => e.node.person?.name.startsWith('专家'))).toBe(true);
      expect(five.count).toBeLessThanOrEqual(3);
      expect(fifty.count).toBe(five.count);
    }
  });
});
