/**
 * Demonstration applications [D 三(一)–(三)]: drafting by the enterprise, the eligibility check
 * with every unmet condition and its paragraph, and submission inside the year's window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { lastDayOfYears } from '../../src/modules/designation/designation.rules.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { ApplicationBan, BanReason } from '../../src/modules/designation/ban.entity.js';

const TODAY = '2026-06-15';
const ELIGIBILITY = `query($id: ID!, $route: ApplicationRoute, $asOf: Date) { demonstrationEligibility(enterpriseId: $id, route: $route, asOf: $asOf) { eligible route asOf unmet { rule paragraph message date } } }`;
const SAVE = `mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) { application { id version status route scoreA scoreB indicators { table code score } } } }`;
const SUBMIT = `mutation($input: SubmitDemonstrationApplicationInput!) { submitDemonstrationApplication(input: $input) { application { id status submittedAt } } }`;
const WINDOW = `mutation($input: SetApplicationWindowInput!) { setApplicationWindow(input: $input) { window { year opensOn closesOn } } }`;

const COMPLETE = {
  formContent: '国家知识产权示范企业申报书（正文）',
  workFoundation: '已建立知识产权管理体系，通过贯标认证。',
  goalsAndTasks: '三年内发明专利拥有量翻番，主导制定行业标准两项。',
  measures: '设立知识产权部，建立专利导航机制，开展海外布局。',
};

describe('demonstration applications', () => {
  let t: TestApp;
  const rng = randomFor(77);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await t.ok(WINDOW, { input: { year: 2026, opensOn: '2026-03-01' } });
  });
  afterAll(() => t.close());

  /** An enterprise in Jiangsu with an advantage designation from `advFrom` (3-year cultivation), or none. */
  async function enterprise(advFrom: string | null, overrides: Partial<{ industryLeader: boolean }> = {}): Promise<{ e: Enterprise; id: string }> {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000', industryLeader: false, ...overrides });
    if (advFrom) {
      const until = lastDayOfYears(advFrom, 3); // a 3-year cultivation period: 2024-12-01 … 2027-11-30
      await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: Number(advFrom.slice(0, 4)), validFrom: advFrom, validUntil: until });
    }
    return { e, id: toGlobalId('Enterprise', e.id) };
  }

  async function draft(e: Enterprise, extra: Record<string, unknown> = {}) {
    const data = await t.ok(SAVE, { input: { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, ...COMPLETE, scoreA: 80, scoreB: 85, ...extra } }, as.enterprise(e.id));
    return data.saveDemonstrationApplication.application as { id: string; version: number };
  }

  const rules = (data: any) => data.demonstrationEligibility.unmet.map((u: any) => u.rule);

  it('D 三(一)2 (R1): scores below 75 on table A or 80 on table B are unmet; exactly 75 and 80 pass', async () => {
    const { e, id } = await enterprise('2021-12-01');
    expect(rules(await t.ok(ELIGIBILITY, { id }))).toEqual(['R1']); // no application, no scores
    await draft(e, { scoreA: 74.5, scoreB: 90 });
    const low = await t.ok(ELIGIBILITY, { id });
    expect(low.demonstrationEligibility.unmet[0]).toMatchObject({ rule: 'R1', paragraph: '三(一)2' });
    const app = (await t.ok(`query($id: ID!) { enterprise(id: $id) { demonstrationApplications { id version } } }`, { id })).enterprise.demonstrationApplications[0];
    await t.ok(SAVE, { input: { enterpriseId: id, year: 2026, version: app.version, scoreA: 75, scoreB: 80 } }, as.enterprise(e.id));
    expect(await t.ok(ELIGIBILITY, { id })).toMatchObject({ demonstrationEligibility: { eligible: true, unmet: [] } });
  });

  it('D 三(一)2: the thresholds are settings — raising table B to 86 makes 85 unmet', async () => {
    const { e, id } = await enterprise('2021-12-01');
    await draft(e);
    const { programmeSettings } = await t.ok(`{ programmeSettings { version } }`);
    await t.ok(`mutation($v: Int!) { updateProgrammeSettings(input: { version: $v, scoreThresholdB: 86 }) { settings { version } } }`, { v: programmeSettings.version });
    try {
      expect(rules(await t.ok(ELIGIBILITY, { id }))).toEqual(['R1']);
    } finally {
      const { programmeSettings: s } = await t.ok(`{ programmeSettings { version } }`);
      await t.ok(`mutation($v: Int!) { updateProgrammeSettings(input: { version: $v, scoreThresholdB: 80 }) { settings { version } } }`, { v: s.version });
    }
  });

  it('D 三(一)1 (R2): the advantage cultivation period must have been completed', async () => {
    const { e, id } = await enterprise('2024-12-01'); // ends 2027-11-30
    await draft(e);
    const data = await t.ok(ELIGIBILITY, { id });
    expect(data.demonstrationEligibility.unmet).toEqual([{ rule: 'R2', paragraph: '三(一)1', message: expect.stringContaining('2027-11-30'), date: '2027-11-30' }]);
    // On 2027-12-01 it is complete.
    expect(rules(await t.ok(ELIGIBILITY, { id, asOf: '2027-12-01' }))).not.toContain('R2');
    const none = await enterprise(null);
    expect(rules(await t.ok(ELIGIBILITY, { id: none.id }))).toEqual(['R1', 'R2']);
  });

  it('D 三(二)3 (R3): an industry leader may apply directly without the advantage period; others may not', async () => {
    const leader = await enterprise(null, { industryLeader: true });
    await draft(leader.e, { route: 'DIRECT' });
    expect(await t.ok(ELIGIBILITY, { id: leader.id })).toMatchObject({ demonstrationEligibility: { eligible: true, route: 'DIRECT' } });
    const other = await enterprise('2021-12-01');
    expect(rules(await t.ok(ELIGIBILITY, { id: other.id, route: 'DIRECT' }))).toEqual(['R1', 'R3']);
  });

  it('D 三(四) (R12) and D 三(二)4 (R13): an incident in the last 3 years, or a ban in force, are unmet', async () => {
    const { e, id } = await enterprise('2021-12-01');
    await draft(e);
    await t.ok(`mutation($id: ID!) { recordIncident(input: { enterpriseId: $id, kind: FALSE_MATERIAL, occurredOn: "2024-01-15", description: "虚报数据", evidence: "核查报告" }) { incident { id } } }`, { id });
    const fork = t.orm.em.fork();
    fork.create(ApplicationBan, { enterprise: e.id, reason: BanReason.REEXAMINATION_FAILED, startsOn: '2025-03-01', endsOn: '2027-02-28' });
    await fork.flush();
    const data = await t.ok(ELIGIBILITY, { id });
    expect(data.demonstrationEligibility.unmet.map((u: any) => [u.rule, u.paragraph, u.date])).toEqual([
      ['R12', '三(四)', '2024-01-15'],
      ['R13', '三(二)4、三(四)', '2027-02-28'],
    ]);
  });

  it('an enterprise that is already a valid demonstration enterprise cannot apply again', async () => {
    const { e, id } = await enterprise('2019-12-01');
    await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-09-26', validUntil: '2027-09-25' });
    await draft(e);
    expect(rules(await t.ok(ELIGIBILITY, { id }))).toEqual(['ALREADY_DESIGNATED']);
  });

  it('submitting an eligible, complete draft inside the window: SUBMITTED, audited; it can no longer be edited', async () => {
    const { e } = await enterprise('2021-12-01');
    const app = await draft(e);
    const data = await t.ok(SUBMIT, { input: { id: app.id, version: app.version } }, as.enterprise(e.id));
    expect(data.submitDemonstrationApplication.application).toMatchObject({ id: app.id, status: 'SUBMITTED' });
    const edit = await t.gql(SAVE, { input: { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, version: app.version + 1, scoreA: 90 } }, as.enterprise(e.id));
    expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [row] = await t.sql<{ id: string }>('select id from demonstration_application where enterprise_id = ?', [e.id]);
    const audit = await t.sql<{ operation: string }>(`select operation from audit_entry where object_id = ? order by at`, [row!.id]);
    expect(audit.map((a) => a.operation)).toEqual(['saveDemonstrationApplication', 'submitDemonstrationApplication']);
  });

  it('submitting an ineligible application fails with the same reasons as the eligibility check, and nothing changes', async () => {
    const { e, id } = await enterprise('2024-12-01');
    const app = await draft(e, { scoreA: 70 });
    const expected = (await t.ok(ELIGIBILITY, { id })).demonstrationEligibility.unmet;
    const result = await t.gql(SUBMIT, { input: { id: app.id, version: app.version } }, as.enterprise(e.id));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R1' });
    expect(result.errors?.[0]?.extensions?.unmet).toEqual(expected);
    expect(await t.sql(`select status from demonstration_application where enterprise_id = ?`, [e.id])).toEqual([{ status: 'DRAFT' }]);
  });

  it('R4: outside the window, or before it is published, submitting fails', async () => {
    const { e } = await enterprise('2021-12-01');
    const app = await draft(e);
    t.setToday('2026-08-01');
    try {
      const late = await t.gql(SUBMIT, { input: { id: app.id, version: app.version } }, as.enterprise(e.id));
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R4', opensOn: '2026-03-01', closesOn: '2026-07-31' });
    } finally {
      t.setToday(TODAY);
    }
    await t.sql('delete from application_window where year = 2026');
    try {
      const unpublished = await t.gql(SUBMIT, { input: { id: app.id, version: app.version } }, as.enterprise(e.id));
      expect(unpublished.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R4' });
    } finally {
      await t.ok(WINDOW, { input: { year: 2026, opensOn: '2026-03-01' } });
    }
  });

  it('an incomplete draft cannot be submitted (BAD_USER_INPUT naming the fields); table totals must equal their breakdown', async () => {
    const { e } = await enterprise('2021-12-01');
    const partial = (await t.ok(SAVE, { input: { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, formContent: '申报书' } }, as.enterprise(e.id))).saveDemonstrationApplication.application;
    const result = await t.gql(SUBMIT, { input: { id: partial.id, version: partial.version } }, as.enterprise(e.id));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions?.fields as any[]).map((f) => f.field)).toEqual(['workFoundation', 'goalsAndTasks', 'measures', 'scoreA', 'scoreB']);
    const mismatch = await t.gql(
      SAVE,
      { input: { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, version: partial.version, scoreA: 80, indicators: [{ table: 'A', code: 'A1', name: '知识产权战略', score: 30, maxScore: 40 }] } },
      as.enterprise(e.id),
    );
    expect(mismatch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((mismatch.errors?.[0]?.extensions?.fields as any[]).map((f) => f.field)).toEqual(['scoreA']);
  });

  it('who may: the enterprise drafts and submits its own; bureaus check eligibility in their scope; others are refused', async () => {
    const { e, id } = await enterprise('2021-12-01');
    const other = await enterprise('2021-12-01');
    const input = { enterpriseId: id, year: 2026, ...COMPLETE };
    expect((await t.gql(SAVE, { input }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(SAVE, { input }, as.enterprise(other.e.id))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(SAVE, { input }, as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ELIGIBILITY, { id }, as.provincial('320000'))).errors).toBeUndefined();
    expect((await t.gql(ELIGIBILITY, { id }, as.provincial('440000'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(ELIGIBILITY, { id }, as.enterprise(e.id))).errors).toBeUndefined();
    expect((await t.gql(ELIGIBILITY, { id }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(WINDOW, { input: { year: 2027, opensOn: '2027-03-01' } }, as.provincial('320000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
