/**
 * The provincial step [D 三(二)2, 三(三)1]: the jurisdiction's bureau reviews submitted applications,
 * rejects with a reason or recommends, within the window (R4) and within 10 % of its valid advantage
 * enterprises rounded down (R5), having filed its recommendation letter and cultivation plan.
 */
import { randomUUID } from 'node:crypto';
import { advantagePool, fileRecommendationPackage, recommend, REVIEW, submitted } from './flow.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { fromGlobalId } from '../../src/common/node.js';

const TODAY = '2026-06-15';
const QUOTA = `query($r: RegionCode!, $y: Int!) { recommendationQuota(regionCode: $r, year: $y) { validAdvantageEnterprises percent quota used remaining } }`;

describe('provincial review and recommendation', () => {
  let t: TestApp;
  const rng = randomFor(123);
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
  });
  afterAll(() => t.close());

  const pool = (region: string, n: number) => advantagePool(t, rng, region, n);
  const submit = (region: string) => submitted(t, rng, region);
  const pkg = (region: string) => fileRecommendationPackage(t, region);
  const rec = (app: { id: string; version: number }, region: string) => recommend(t, app, region);

  it('D 三(三)1: recommending needs the year’s recommendation letter and cultivation plan first', async () => {
    await pool('340000', 10);
    const app = await submit('340000');
    const result = await rec(app, '340000');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'PACKAGE_MISSING' });
    await pkg('340000');
    expect((await rec(app, '340000')).data?.reviewApplicationByProvince.application).toMatchObject({ status: 'RECOMMENDED', recommendationRank: 1 });
  });

  it('D 三(二)2 (R5): recommendations above 10 % of the region’s valid advantage enterprises (rounded down) are refused', async () => {
    await pool('320000', 25); // quota floor(2.5) = 2
    await pkg('320000');
    const apps = [await submit('320000'), await submit('320000'), await submit('320000')];
    expect((await t.ok(QUOTA, { r: '320000', y: 2026 }, as.provincial('320000'))).recommendationQuota).toEqual({ validAdvantageEnterprises: 25, percent: 10, quota: 2, used: 0, remaining: 2 });
    expect((await rec(apps[0]!, '320000')).data?.reviewApplicationByProvince.application.recommendationRank).toBe(1);
    expect((await rec(apps[1]!, '320000')).data?.reviewApplicationByProvince.application.recommendationRank).toBe(2);
    const third = await rec(apps[2]!, '320000');
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R5', quota: 2, used: 2 });
    expect(await t.sql('select status from demonstration_application where id = ?', [fromGlobalId(apps[2]!.id)!.key])).toEqual([{ status: 'SUBMITTED' }]);
    expect((await t.ok(QUOTA, { r: '320000', y: 2026 })).recommendationQuota).toMatchObject({ used: 2, remaining: 0 });
    // The bureau ranks its list: the whole recommended list, in order.
    const RANK = `mutation($input: RankRecommendationsInput!) { rankRecommendations(input: $input) { applications { id recommendationRank } } }`;
    const ranked = await t.ok(RANK, { input: { year: 2026, applicationIds: [apps[1]!.id, apps[0]!.id] } }, as.provincial('320000'));
    expect(ranked.rankRecommendations.applications).toEqual([
      { id: apps[1]!.id, recommendationRank: 1 },
      { id: apps[0]!.id, recommendationRank: 2 },
    ]);
    const partial = await t.gql(RANK, { input: { year: 2026, applicationIds: [apps[0]!.id] } }, as.provincial('320000'));
    expect(partial.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('D 三(二)2 (R5): two admins recommending at the same moment cannot exceed the quota', async () => {
    await pool('330000', 14); // quota 1
    await pkg('330000');
    const a = await submit('330000');
    const b = await submit('330000');
    const results = await Promise.all([rec(a, '330000'), rec(b, '330000')]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R5' });
    const [row] = await t.sql<{ n: number }>(
      `select count(*)::int as n from demonstration_application a join enterprise e on e.id = a.enterprise_id where e.region_code = '330000' and a.status = 'RECOMMENDED'`,
    );
    expect(row!.n).toBe(1);
  });

  it('R14: a separately planned city is its own jurisdiction — Guangdong cannot review Shenzhen’s application, Shenzhen can', async () => {
    await pool('440300', 10);
    await pkg('440300');
    const app = await submit('440300');
    expect((await rec(app, '440000')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await rec(app, '440300')).data?.reviewApplicationByProvince.application.status).toBe('RECOMMENDED');
  });

  it('a rejection needs a reason and is recorded; only submitted applications are reviewed, once', async () => {
    const app = await submit('410000');
    const noReason = await t.gql(REVIEW, { input: { id: app.id, version: app.version, decision: 'REJECT' } }, as.provincial('410000'));
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rejected = await t.ok(REVIEW, { input: { id: app.id, version: app.version, decision: 'REJECT', reason: 'B 表指标佐证材料不足' } }, as.provincial('410000'));
    expect(rejected.reviewApplicationByProvince.application).toMatchObject({ status: 'REJECTED_BY_PROVINCE', provincialRejectionReason: 'B 表指标佐证材料不足', provincialReviewer: 'test-provincial_admin' });
    const again = await t.gql(REVIEW, { input: { id: app.id, version: app.version + 1, decision: 'RECOMMEND' } }, as.provincial('410000'));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('D 三(二)2 (R4): recommending after the end of July is refused', async () => {
    await pool('420000', 10);
    await pkg('420000');
    const app = await submit('420000');
    t.setToday('2026-08-01');
    try {
      expect((await rec(app, '420000')).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R4', closesOn: '2026-07-31' });
    } finally {
      t.setToday(TODAY);
    }
  });

  it('only provincial admins review; the quota is visible to its bureau and the national admin only', async () => {
    const app = await submit('430000');
    for (const [viewer, code] of [
      [as.anonymous, 'UNAUTHENTICATED'],
      [as.national(), 'FORBIDDEN'],
      [as.enterprise(randomUUID()), 'FORBIDDEN'],
    ] as const) {
      expect((await t.gql(REVIEW, { input: { id: app.id, version: app.version, decision: 'REJECT', reason: '理由' } }, viewer)).errors?.[0]?.extensions?.code).toBe(code);
    }
    expect((await t.gql(QUOTA, { r: '430000', y: 2026 }, as.provincial('440000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(QUOTA, { r: '430000', y: 2026 }, as.national())).errors).toBeUndefined();
  });
});
