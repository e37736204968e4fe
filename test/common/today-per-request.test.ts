/**
 * "Today" is read once per request from the request's clock, and no date formatter is built on the
 * way (one Intl.DateTimeFormat per call once cost a fifth of the directory's CPU).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { createContext } from '../../src/context.js';
import { todayInChina } from '../../src/common/scalars.js';
import type { Clock } from '../../src/common/clock.js';

describe('one today per request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(11);
    for (let i = 0; i < 25; i++) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000' });
      if (i % 2) await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-01-01', validUntil: '2027-12-31' });
    }
  });
  afterAll(() => t.close());

  it('a directory page of 20 with designations, stage and the public filter asks the clock once and builds no formatter', async () => {
    let asked = 0;
    const clock: Clock = { now: () => new Date('2026-06-01T04:00:00Z'), today: () => (asked++, '2026-06-01') };
    const formatter = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const ctx = createContext({ em: t.orm.em, reference: t.reference, config: t.config, clock }, { viewer: { kind: 'ANONYMOUS' } });
      const result = await t.app.apollo.executeOperation(
        { query: '{ enterprises(first: 20) { totalCount edges { node { name stage currentDesignation { level validUntil } designations { status } } } } }' },
        { contextValue: ctx },
      );
      expect(result.body.kind === 'single' && result.body.singleResult.errors).toBeFalsy();
      expect(asked).toBe(1);
      expect(formatter).not.toHaveBeenCalled();
    } finally {
      formatter.mockRestore();
    }
  });

  it('today in China is the UTC+8 date, at the day boundaries too', () => {
    expect(todayInChina(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(todayInChina(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayInChina(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });
});
