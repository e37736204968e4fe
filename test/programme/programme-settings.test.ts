/**
 * The programme's numbers are settings with the work plans' defaults: D 三(一)2 (scores 75 / 80),
 * D 三(二)2 (10 %), D 三(二)3 (10 working days, 3 years), D 三(二)4 (6 months, 2-year ban),
 * D 三(四) (last 3 years); the advantage cultivation period (3 years) is our assumption.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';

const READ = `{ programmeSettings { scoreThresholdA scoreThresholdB advantageCultivationYears recommendationQuotaPercent noticeWorkingDays designationValidityYears filingMonths banYears revocationLookbackYears version } }`;
const UPDATE = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { scoreThresholdA scoreThresholdB version updatedBy } } }`;

describe('programme settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('start with the work plans’ numbers and are public', async () => {
    const { programmeSettings } = await t.ok(READ, undefined, as.anonymous);
    expect(programmeSettings).toEqual({
      scoreThresholdA: 75,
      scoreThresholdB: 80,
      advantageCultivationYears: 3,
      recommendationQuotaPercent: 10,
      noticeWorkingDays: 10,
      designationValidityYears: 3,
      filingMonths: 6,
      banYears: 2,
      revocationLookbackYears: 3,
      version: 1,
    });
  });

  it('only the national admin changes them, with the version read; a stale version is CONFLICT', async () => {
    for (const [viewer, code] of [
      [as.anonymous, 'UNAUTHENTICATED'],
      [as.provincial('440000'), 'FORBIDDEN'],
    ] as const) {
      expect((await t.gql(UPDATE, { input: { version: 1, scoreThresholdA: 70 } }, viewer)).errors?.[0]?.extensions?.code).toBe(code);
    }
    const changed = await t.ok(UPDATE, { input: { version: 1, scoreThresholdA: 76.5 } });
    expect(changed.updateProgrammeSettings.settings).toMatchObject({ scoreThresholdA: 76.5, scoreThresholdB: 80, version: 2 });
    const stale = await t.gql(UPDATE, { input: { version: 1, scoreThresholdB: 85 } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.ok(READ)).programmeSettings.scoreThresholdB).toBe(80);
    const [audit] = await t.sql<{ changes: Record<string, unknown> }>("select changes from audit_entry where operation = 'updateProgrammeSettings'");
    expect(audit!.changes).toEqual({ scoreThresholdA: { before: 75, after: 76.5 } });
  });

  it('values out of range are BAD_USER_INPUT and change nothing', async () => {
    const before = (await t.ok(READ)).programmeSettings;
    const result = await t.gql(UPDATE, { input: { version: before.version, scoreThresholdA: 101, noticeWorkingDays: 0, banYears: null } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.ok(READ)).programmeSettings).toEqual(before);
  });
});
