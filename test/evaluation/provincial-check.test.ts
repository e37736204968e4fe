/**
 * The provincial check [D 三(二)2, 三(一)1]: the bureau of the enterprise's jurisdiction checks every
 * self-assessed item against the year's sheet (an adjustment needs a reason) and attests that the
 * enterprise is a domestic backbone enterprise with strong industry influence; R1 then uses the
 * checked totals, and in a year with sheets the recommendation waits for both. The history keeps
 * the claimed and the checked scores.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { advantagePool, fileRecommendationPackage, recommend } from '../application/flow.js';
import { applicant, BACKBONE, CHECK, checksFor, publishSheets, SAVE_APP, submittedWithItems, SUBMIT_APP, TEXTS } from './steps.js';

const TODAY = '2026-06-15';
const JS = '320000';
const ELIGIBILITY = `query($id: ID!) { demonstrationEligibility(enterpriseId: $id) { eligible unmet { rule paragraph message } } }`;
const HISTORY = `query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { history { operation actor changes } } } }`;
type Problem = { field: string; message: string };
const fieldsOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => ((r.errors?.[0]?.extensions?.fields ?? []) as Problem[]).map((p) => p.field).sort();

describe('the provincial check of the self-assessment', () => {
  let t: TestApp;
  const rng = randomFor(2026_12_04);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
    await publishSheets(t, 2026);
    await advantagePool(t, rng, JS, 40); // quota 4
    await fileRecommendationPackage(t, JS);
  });
  afterAll(() => t.close());

  const check = (input: Record<string, unknown>, region = JS) => t.gql(CHECK, { input }, as.provincial(region));

  it('D 三(二)2: every self-assessed item gets a checked score; the checked totals are their sums; the backbone condition is attested (三(一)1)', async () => {
    const app = await submittedWithItems(t, rng, JS, { a: 80, b: 85 });
    const items = checksFor(app.indicators, { 'A1.1': [6, '贯标认证尚未满一个监督周期'], 'B1.1': [app.indicators.find((x) => x.code === 'B1.1')!.score, '与自评一致，另附说明'] });
    const r = await check({ applicationId: app.id, version: app.version, items, backboneStatement: BACKBONE });
    expect(r.errors).toBeUndefined();
    const checked = r.data!.checkApplicationItems.application;
    const claimedA11 = app.indicators.find((x) => x.code === 'A1.1')!.score;
    expect(checked).toMatchObject({
      status: 'SUBMITTED',
      scoreA: 80,
      scoreB: 85,
      checkedScoreA: 80 - claimedA11 + 6,
      checkedScoreB: 85,
      checkedBy: 'test-provincial_admin',
      backboneAttestation: { statement: BACKBONE, attestedBy: 'test-provincial_admin', attestedOn: TODAY },
    });
    expect(checked.indicators.find((x: { code: string }) => x.code === 'A1.1')).toMatchObject({ score: claimedA11, checkedScore: 6, checkReason: '贯标认证尚未满一个监督周期' });
    expect(checked.indicators.find((x: { code: string }) => x.code === 'A1.2')).toMatchObject({ checkedScore: app.indicators.find((x) => x.code === 'A1.2')!.score, checkReason: null });
  });

  it('D 三(二)2: an adjusted score needs a reason; a checked score stays within the item’s maximum; every item, once, and only self-assessed ones', async () => {
    const app = await submittedWithItems(t, rng, JS);
    const noReason = await check({ applicationId: app.id, version: app.version, items: checksFor(app.indicators, { 'A2.1': [5, null], 'A2.2': [4, '  '] }), backboneStatement: BACKBONE });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(noReason)).toEqual(['items.2.reason', 'items.3.reason']);
    expect(noReason.errors![0]!.message).toContain('须说明理由');

    const overMax = await check({ applicationId: app.id, version: app.version, items: checksFor(app.indicators, { 'A1.1': [11, '加分'] }), backboneStatement: BACKBONE });
    expect(fieldsOf(overMax)).toEqual(['items.0.checkedScore']);

    const partial = checksFor(app.indicators).slice(1);
    const missing = await check({ applicationId: app.id, version: app.version, items: [...partial, { table: 'A', code: 'A9.9', checkedScore: 1, reason: '新增' }, partial[0]!] });
    expect(fieldsOf(missing)).toEqual(['items', `items.${partial.length}.code`, `items.${partial.length + 1}.code`]);
    const untouched = await t.ok(`query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { version checkedScoreA checkedAt backboneAttestation { statement } } } }`, { id: app.id });
    expect(untouched.node).toEqual({ version: app.version, checkedScoreA: null, checkedAt: null, backboneAttestation: null });
  });

  it('R14: only the bureau of the enterprise’s own jurisdiction checks (another bureau: NOT_FOUND); nobody else', async () => {
    const app = await submittedWithItems(t, rng, '440300'); // Shenzhen: its own jurisdiction
    const input = { applicationId: app.id, version: app.version, items: checksFor(app.indicators), backboneStatement: BACKBONE };
    expect((await check(input, '440000')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const [viewer, code] of [
      [as.anonymous, 'UNAUTHENTICATED'],
      [as.national(), 'FORBIDDEN'],
      [as.enterprise(app.enterprise.id), 'FORBIDDEN'],
    ] as const) {
      expect((await t.gql(CHECK, { input }, viewer)).errors?.[0]?.extensions?.code).toBe(code);
    }
    expect((await check(input, '440300')).data?.checkApplicationItems.application.checkedBy).toBe('test-provincial_admin');
  });

  it('D 三(二)2: the recommendation waits for the check (ITEMS_NOT_CHECKED), then for the backbone attestation (R2 BACKBONE_NOT_ATTESTED, 三(一)1)', async () => {
    const app = await submittedWithItems(t, rng, JS);
    const unchecked = await recommend(t, app, JS);
    expect(unchecked.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ITEMS_NOT_CHECKED', paragraph: '三(二)2' });

    const checked = (await t.ok(CHECK, { input: { applicationId: app.id, version: app.version, items: checksFor(app.indicators) } }, as.provincial(JS))).checkApplicationItems.application;
    expect(checked.backboneAttestation).toBeNull();
    const unattested = await recommend(t, checked, JS);
    expect(unattested.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R2', condition: 'BACKBONE_NOT_ATTESTED', paragraph: '三(一)1' });

    const attested = (await t.ok(CHECK, { input: { applicationId: app.id, version: checked.version, items: checksFor(app.indicators), backboneStatement: BACKBONE } }, as.provincial(JS))).checkApplicationItems
      .application;
    const recommended = await recommend(t, attested, JS);
    expect(recommended.data?.reviewApplicationByProvince.application.status).toBe('RECOMMENDED');
  });

  it('R1 (三(一)2) at RECOMMEND uses the checked totals (“核定得分”); the check can be re-done until the recommendation, not after', async () => {
    const app = await submittedWithItems(t, rng, JS, { a: 80, b: 85 });
    // The bureau finds table A worth 70: below 75.
    const a = app.indicators.filter((x) => x.table === 'A');
    const cut = Object.fromEntries(a.slice(0, 4).map((x) => [x.code, [Math.max(0, x.score - 2.5), '佐证材料不足'] as [number, string]]));
    const low = (await t.ok(CHECK, { input: { applicationId: app.id, version: app.version, items: checksFor(app.indicators, cut), backboneStatement: BACKBONE } }, as.provincial(JS))).checkApplicationItems
      .application;
    expect(low).toMatchObject({ scoreA: 80, checkedScoreA: 70, checkedScoreB: 85 });
    const refused = await recommend(t, low, JS);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R1', paragraph: '三(一)2' });
    expect(refused.errors![0]!.message).toContain('核定得分');
    expect(refused.errors![0]!.message).toContain('A 表 70');
    // demonstrationEligibility says the same for the enterprise.
    const eligibility = await t.ok(ELIGIBILITY, { id: toGlobalId('Enterprise', app.enterprise.id) }, as.enterprise(app.enterprise.id));
    expect(eligibility.demonstrationEligibility.unmet).toEqual([{ rule: 'R1', paragraph: '三(一)2', message: expect.stringContaining('省局核定得分未达标：A 表 70') }]);

    // Checked again (before any recommendation): 76 on table A, recommended.
    const cut2 = Object.fromEntries(a.slice(0, 4).map((x) => [x.code, [x.score - 1, '佐证材料部分不足'] as [number, string]]));
    const again = (await t.ok(CHECK, { input: { applicationId: app.id, version: low.version, items: checksFor(app.indicators, cut2) } }, as.provincial(JS))).checkApplicationItems.application;
    expect(again).toMatchObject({ checkedScoreA: 76, backboneAttestation: { statement: BACKBONE } });
    const recommended = (await recommend(t, again, JS)).data!.reviewApplicationByProvince.application;
    expect(recommended.status).toBe('RECOMMENDED');
    const late = await check({ applicationId: app.id, version: recommended.version, items: checksFor(app.indicators), backboneStatement: BACKBONE });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'RECOMMENDED' });
  });

  it('history: the enterprise’s claimed scores and the bureau’s checked ones are both kept, item by item', async () => {
    const app = await submittedWithItems(t, rng, JS, { a: 80, b: 85 });
    const first = (await t.ok(CHECK, { input: { applicationId: app.id, version: app.version, items: checksFor(app.indicators, { 'B5.3': [2, '行业影响力佐证不足'] }), backboneStatement: BACKBONE } }, as.provincial(JS)))
      .checkApplicationItems.application;
    await t.ok(CHECK, { input: { applicationId: app.id, version: first.version, items: checksFor(app.indicators, { 'B5.3': [3, '补充材料后核定'] }) } }, as.provincial(JS));
    const history = (await t.ok(HISTORY, { id: app.id })).node.history as { operation: string; actor: string; changes: Record<string, { before: unknown; after: unknown }> }[];
    expect(history.map((h) => h.operation)).toEqual(['saveDemonstrationApplication', 'submitDemonstrationApplication', 'checkApplicationItems', 'checkApplicationItems']);
    expect(history[0]!.changes.scoreA).toEqual({ before: null, after: 80 });
    const claimedB53 = app.indicators.find((x) => x.code === 'B5.3')!.score;
    const [c1, c2] = [history[2]!, history[3]!];
    expect(c1.actor).toBe('test-provincial_admin');
    expect(c1.changes.claimedScores).toEqual({ before: null, after: { A: 80, B: 85 } });
    expect(c1.changes.checkedScoreB).toEqual({ before: null, after: 85 - claimedB53 + 2 });
    expect(c1.changes.backboneStatement).toEqual({ before: null, after: BACKBONE });
    expect((c1.changes.itemChecks!.after as unknown[]).find((x) => (x as { code: string }).code === 'B5.3')).toEqual({ table: 'B', code: 'B5.3', claimedScore: claimedB53, checkedScore: 2, reason: '行业影响力佐证不足' });
    expect(c2.changes.checkedScoreB).toEqual({ before: 85 - claimedB53 + 2, after: 85 - claimedB53 + 3 });
    expect((c2.changes.itemChecks!.before as unknown[]).find((x) => (x as { code: string }).code === 'B5.3')).toMatchObject({ checkedScore: 2 });
    expect(c2.changes.backboneStatement).toBeUndefined();
  });

  it('R3 (三(二)3): a direct application is not checked by the bureau; only submitted applications are', async () => {
    const direct = await submittedWithItems(t, rng, JS, { route: 'DIRECT' });
    const r = await check({ applicationId: direct.id, version: direct.version, items: checksFor(direct.indicators), backboneStatement: BACKBONE });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R3' });
    const unknown = await check({ applicationId: toGlobalId('DemonstrationApplication', randomUUID()), version: 1, items: [] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('D 三(二)2: a self-assessment that does not follow the year’s sheets (saved before them) cannot be checked item by item (SELF_ASSESSMENT_NOT_ITEMISED)', async () => {
    const app = await submittedWithItems(t, rng, JS);
    // As if drafted and submitted before the year's sheets were published: typed totals, no items.
    await t.sql(`update demonstration_application set indicators = '[]'::jsonb where id = ?`, [fromGlobalId(app.id)!.key]);
    const none = await check({ applicationId: app.id, version: app.version, items: [], backboneStatement: BACKBONE });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SELF_ASSESSMENT_NOT_ITEMISED', tables: ['A', 'B'] });
    await t.sql(`update demonstration_application set indicators = ?::jsonb where id = ?`, [JSON.stringify([{ table: 'A', code: 'X1', name: '自拟指标', score: 80, maxScore: 100 }, { table: 'B', code: 'B1.1', name: '发明专利', score: 8, maxScore: 10 }]), fromGlobalId(app.id)!.key]);
    const off = await check({ applicationId: app.id, version: app.version, items: [], backboneStatement: BACKBONE });
    expect(off.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SELF_ASSESSMENT_NOT_ITEMISED', items: ['A 表 X1'] });
  });

  it('a year without sheets: there is nothing to check the items against (NO_EVALUATION_SHEET), and nothing changes', async () => {
    t.setToday('2025-06-15');
    try {
      await t.ok(`mutation { setApplicationWindow(input: { year: 2025, opensOn: "2025-03-01" }) { window { year } } }`);
      const e = await applicant(t, rng, JS);
      const input = { enterpriseId: toGlobalId('Enterprise', e.id), year: 2025, ...TEXTS, scoreA: 80, scoreB: 85 };
      const draft = (await t.ok(SAVE_APP, { input }, as.enterprise(e.id))).saveDemonstrationApplication.application;
      const app = (await t.ok(SUBMIT_APP, { input: { id: draft.id, version: draft.version } }, as.enterprise(e.id))).submitDemonstrationApplication.application;
      const r = await check({ applicationId: app.id, version: app.version, items: [], backboneStatement: BACKBONE });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'NO_EVALUATION_SHEET', year: 2025 });
      expect(await t.sql(`select checked_at, backbone_statement from demonstration_application where id = ?`, [fromGlobalId(app.id)!.key])).toEqual([{ checked_at: null, backbone_statement: null }]);
    } finally {
      t.setToday(TODAY);
    }
  });
});
