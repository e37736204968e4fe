/**
 * The national bureau's assessment of the provincial bureaus, commendations and experience cases
 * [D 五(一)]: "国家局每年对示范企业培育工作进行考核，考核结果将与各项企业工作支持政策挂钩。对于表现突出的
 * 省局和示范企业予以表扬，并组织经验推广" (docs/provincial.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { rankByTotal } from '../../src/modules/provincial/assessment.service.js';

const YEAR = 2026;
const SET = `mutation($input: SetAssessmentCriteriaInput!) { setAssessmentCriteria(input: $input) { assessment { year criteria { code weight } published } } }`;
const SCORE = `mutation($input: ScoreBureauInput!) { scoreBureau(input: $input) { assessment { id bureauCode total version published supportOutcome scores { code score comment } } } }`;
const YEAR_Q = `query($y: Int!) { assessmentYear(year: $y) { published criteria { code } ranking { rank bureauCode total assessment { bureauCode } } } }`;
const CRITERIA = [
  { code: 'C1', name: '组织保障和政策支持', weight: 30 },
  { code: 'C2', name: '培育成效', weight: 50 },
  { code: 'C3', name: '年度总结按时报送', weight: 20 },
];
const scores = (a: number, b: number, c: number) => [
  { code: 'C1', score: a, comment: '组织有力' },
  { code: 'C2', score: b },
  { code: 'C3', score: c },
];
const codeOf = async (t: TestApp, query: string, variables: Record<string, unknown>, viewer?: Parameters<TestApp['gql']>[2]) => (await t.gql(query, variables, viewer)).errors?.[0]?.extensions;

describe('assessment of the provincial bureaus [D 五(一)]', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-12-20');
  });
  afterAll(() => t.close());

  it('criteria are data whose weights sum to 100; bad criteria are refused and store nothing', async () => {
    expect((await codeOf(t, SET, { input: { year: YEAR, criteria: [{ code: 'C1', name: 'x', weight: 60 }, { code: 'C2', name: 'y', weight: 30 }] } }))?.code).toBe('BAD_USER_INPUT');
    expect((await codeOf(t, SET, { input: { year: YEAR, criteria: [{ code: 'C1', name: 'x', weight: 50 }, { code: 'C1', name: 'y', weight: 50 }] } }))?.code).toBe('BAD_USER_INPUT');
    expect((await codeOf(t, SET, { input: { year: YEAR, criteria: [{ code: 'C 1', name: 'x', weight: 100 }] } }))?.code).toBe('BAD_USER_INPUT');
    expect(await t.sql(`select * from assessment_scheme`)).toEqual([]);
    const { setAssessmentCriteria } = await t.ok(SET, { input: { year: YEAR, criteria: CRITERIA } });
    expect(setAssessmentCriteria.assessment).toMatchObject({ year: YEAR, published: false, criteria: [{ code: 'C1', weight: 30 }, { code: 'C2', weight: 50 }, { code: 'C3', weight: 20 }] });
  });

  it('scores: every criterion 0–100, the total weighted; a second score of a bureau needs its version', async () => {
    expect((await codeOf(t, SCORE, { input: { year: YEAR, bureauCode: '440000', scores: scores(90, 80, 70).slice(0, 2) } }))?.code).toBe('BAD_USER_INPUT');
    expect((await codeOf(t, SCORE, { input: { year: YEAR, bureauCode: '440000', scores: scores(90, 180, 70) } }))?.code).toBe('BAD_USER_INPUT');
    expect((await codeOf(t, SCORE, { input: { year: YEAR, bureauCode: '440000', scores: [...scores(90, 80, 70), { code: 'C9', score: 1 }] } }))?.code).toBe('BAD_USER_INPUT');
    const gd = (await t.ok(SCORE, { input: { year: YEAR, bureauCode: '440000', scores: scores(90, 80, 70), supportOutcome: '下一年度专项资金增加 10%' } })).scoreBureau.assessment;
    // 0.3 × 90 + 0.5 × 80 + 0.2 × 70 = 81
    expect(gd).toMatchObject({ bureauCode: '440000', total: 81, published: false, supportOutcome: '下一年度专项资金增加 10%' });
    expect((await codeOf(t, SCORE, { input: { year: YEAR, bureauCode: '440000', scores: scores(10, 10, 10) } }))?.code).toBe('CONFLICT');
    const again = (await t.ok(SCORE, { input: { year: YEAR, bureauCode: '440000', scores: scores(100, 80, 70), version: gd.version } })).scoreBureau.assessment;
    expect(again.total).toBe(84);
  });

  it('the ranking ranks by total, ties sharing a rank (1, 2, 2, 4)', async () => {
    await t.ok(SCORE, { input: { year: YEAR, bureauCode: '320000', scores: scores(80, 80, 80) } }); // 80
    await t.ok(SCORE, { input: { year: YEAR, bureauCode: '330000', scores: scores(80, 80, 80) } }); // 80
    await t.ok(SCORE, { input: { year: YEAR, bureauCode: '110000', scores: scores(50, 60, 70) } }); // 59
    const { assessmentYear } = await t.ok(YEAR_Q, { y: YEAR });
    expect(assessmentYear.ranking.map((r: { rank: number; bureauCode: string; total: number }) => [r.rank, r.bureauCode, r.total])).toEqual([
      [1, '440000', 84],
      [2, '320000', 80],
      [2, '330000', 80],
      [4, '110000', 59],
    ]);
    expect(rankByTotal([{ bureauCode: 'a', total: 1 }, { bureauCode: 'b', total: 1 }, { bureauCode: 'c', total: 1 }]).map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it('before publication a bureau sees nothing; after it, its own assessment and the ranking; then everything is locked', async () => {
    const before = (await t.ok(YEAR_Q, { y: YEAR }, as.provincial('440000'))).assessmentYear;
    expect(before).toMatchObject({ published: false, criteria: [], ranking: [] });
    await t.ok(`mutation { publishAssessments(input: { year: ${YEAR} }) { assessment { published } } }`);
    const gd = (await t.ok(YEAR_Q, { y: YEAR }, as.provincial('440000'))).assessmentYear;
    expect(gd.published).toBe(true);
    expect(gd.ranking).toHaveLength(4);
    expect(gd.ranking.filter((r: { assessment: unknown }) => r.assessment).map((r: { bureauCode: string }) => r.bureauCode)).toEqual(['440000']);
    expect((await codeOf(t, SCORE, { input: { year: YEAR, bureauCode: '110000', scores: scores(100, 100, 100), version: 1 } }))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ASSESSMENT_PUBLISHED' });
    expect((await codeOf(t, SET, { input: { year: YEAR, criteria: CRITERIA } }))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ASSESSMENT_PUBLISHED' });
    expect((await codeOf(t, `mutation { publishAssessments(input: { year: ${YEAR} }) { assessment { published } } }`, {}))?.code).toBe('CONFLICT');
  });

  it('only the national bureau assesses; enterprises and the public see no assessment', async () => {
    expect((await codeOf(t, SET, { input: { year: 2027, criteria: CRITERIA } }, as.provincial('440000')))?.code).toBe('FORBIDDEN');
    expect((await codeOf(t, SCORE, { input: { year: YEAR, bureauCode: '440000', scores: scores(1, 1, 1) } }, as.provincial('440000')))?.code).toBe('FORBIDDEN');
    expect((await codeOf(t, YEAR_Q, { y: YEAR }, as.enterprise('00000000-0000-7000-8000-000000000001')))?.code).toBe('FORBIDDEN');
    expect((await codeOf(t, YEAR_Q, { y: YEAR }, as.anonymous))?.code).toBe('UNAUTHENTICATED');
  });
});

describe('commendations and experience cases [D 五(一)]', () => {
  let t: TestApp;
  let demo: string;
  let plain: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-12-20');
    const rng = randomFor(1515);
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000', name: '广东表扬示范企业有限公司' });
    await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' } as never);
    demo = toGlobalId('Enterprise', e.id);
    plain = toGlobalId('Enterprise', (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id);
  });
  afterAll(() => t.close());

  const COMMEND = `mutation($input: CommendInput!) { commend(input: $input) { commendation { id kind bureauCode recipientName citation announcedOn } } }`;

  it('a bureau and a demonstration enterprise are commended with a citation, and everyone sees it', async () => {
    await t.ok(COMMEND, { input: { year: 2026, kind: 'BUREAU', bureauCode: '440000', citation: '示范企业培育工作成效突出' } });
    const c = (await t.ok(COMMEND, { input: { year: 2026, kind: 'ENTERPRISE', enterpriseId: demo, citation: '知识产权管理体系完善' } })).commend.commendation;
    expect(c).toMatchObject({ kind: 'ENTERPRISE', bureauCode: '440000', recipientName: '广东表扬示范企业有限公司', announcedOn: '2026-12-20' });
    const list = (await t.ok(`{ commendations(first: 10, year: 2026) { totalCount edges { node { recipientName } } } }`, {}, as.anonymous)).commendations;
    expect(list.totalCount).toBe(2);
  });

  it('refuses an enterprise without a demonstration title, a mixed target, and anyone but the national bureau', async () => {
    expect(await codeOf(t, COMMEND, { input: { year: 2026, kind: 'ENTERPRISE', enterpriseId: plain, citation: 'x' } })).toMatchObject({ code: 'RULE_VIOLATION', rule: 'COMMENDATION_DEMONSTRATION' });
    expect((await codeOf(t, COMMEND, { input: { year: 2026, kind: 'BUREAU', bureauCode: '440000', enterpriseId: demo, citation: 'x' } }))?.code).toBe('BAD_USER_INPUT');
    expect((await codeOf(t, COMMEND, { input: { year: 2026, kind: 'BUREAU', bureauCode: '440000', citation: 'x' } }, as.provincial('440000')))?.code).toBe('FORBIDDEN');
    expect((await codeOf(t, COMMEND, { input: { year: 2026, kind: 'BUREAU', bureauCode: '440000', citation: 'x' } }, as.anonymous))?.code).toBe('UNAUTHENTICATED');
    expect((await t.ok(`{ commendations(first: 10) { totalCount } }`)).commendations.totalCount).toBe(2);
  });

  it('experience cases are published by the national bureau and public', async () => {
    const P = `mutation($input: PublishExperienceCaseInput!) { publishExperienceCase(input: $input) { experienceCase { id title regionCode } } }`;
    await t.ok(P, { input: { year: 2026, title: '广东：示范企业“一企一策”', summary: '分类施策', body: '正文……', regionCode: '440000', source: '广东省知识产权局' } });
    expect((await codeOf(t, P, { input: { year: 2026, title: ' ', summary: 's', body: 'b' } }))?.code).toBe('BAD_USER_INPUT');
    expect((await codeOf(t, P, { input: { year: 2026, title: 't', summary: 's', body: 'b' } }, as.provincial('440000')))?.code).toBe('FORBIDDEN');
    const cases = (await t.ok(`{ experienceCases(first: 10) { totalCount edges { node { title regionCode } } } }`, {}, as.anonymous)).experienceCases;
    expect(cases).toMatchObject({ totalCount: 1, edges: [{ node: { title: '广东：示范企业“一企一策”', regionCode: '440000' } }] });
  });
});
