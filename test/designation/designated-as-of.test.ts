/** Who held a valid title on a date: `enterprises(filter: { designatedAsOf, designatedLevels })`, and status at any date. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';

describe('designated as of a date', () => {
  let t: TestApp;
  const names: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(55);
    const mk = async (key: string) => {
      const e = await makeEnterprise(t.orm.em, rng, { name: `${key}测试科技有限公司`, regionCode: '350000' });
      names[key] = e.name;
      return e;
    };
    // A demonstration round 2022-09-26…2025-09-25, re-examined early and continued (stored EXPIRED) into 2025-09-26…2028-09-25.
    const continued = await mk('延续');
    await makeDesignation(t.orm.em, continued, { level: 'DEMONSTRATION', status: 'EXPIRED', batchYear: 2022, validFrom: '2022-09-26', validUntil: '2025-09-25' });
    await makeDesignation(t.orm.em, continued, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2022, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    // Revoked on 2024-05-01: valid before, not after.
    const revoked = await mk('撤销');
    const d = await makeDesignation(t.orm.em, revoked, { level: 'DEMONSTRATION', status: 'REVOKED', batchYear: 2023, validFrom: '2023-09-26', validUntil: '2026-09-25' });
    await t.sql("update designation set ended_on = '2024-05-01' where id = ?", [d.id]);
    // An advantage enterprise only.
    const adv = await mk('优势');
    await makeDesignation(t.orm.em, adv, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2023, validFrom: '2023-12-01', validUntil: '2026-11-30' });
  });
  afterAll(() => t.close());

  const on = async (date: string, levels?: string[]) =>
    ((await t.ok(`query($d: Date!, $l: [DesignationLevel!]) { enterprises(filter: { designatedAsOf: $d, designatedLevels: $l }) { edges { node { name } } } }`, { d: date, l: levels ?? null })).enterprises.edges as { node: { name: string } }[])
      .map((x) => x.node.name)
      .sort();

  it('counts a continued round as valid through its last day and the next round after it', async () => {
    expect(await on('2025-09-25', ['DEMONSTRATION'])).toEqual([names['延续']]);
    expect(await on('2025-09-26', ['DEMONSTRATION'])).toEqual([names['延续']]);
  });

  it('counts a revoked title until the day before it ended', async () => {
    expect(await on('2024-04-30', ['DEMONSTRATION'])).toEqual([names['延续'], names['撤销']].sort());
    expect(await on('2024-05-01', ['DEMONSTRATION'])).toEqual([names['延续']]);
  });

  it('levels narrow it; without levels any title counts', async () => {
    expect(await on('2024-06-01', ['ADVANTAGE'])).toEqual([names['优势']]);
    expect(await on('2024-06-01')).toEqual([names['延续'], names['优势']].sort());
  });

  it('the public directory keeps a continued enterprise through the change of rounds', async () => {
    t.setToday('2025-09-10'); // the old round is stored EXPIRED (re-examined early) but still runs
    try {
      const data = await t.ok(`{ enterprises { edges { node { name currentDesignation { validUntil } } } } }`, undefined, as.anonymous);
      expect(data.enterprises.edges.map((e: any) => e.node)).toContainEqual({ name: names['延续'], currentDesignation: { validUntil: '2025-09-25' } });
    } finally {
      t.setToday(null);
    }
  });
});
