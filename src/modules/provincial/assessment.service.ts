/**
 * The national bureau's yearly assessment of the provincial bureaus, commendations and experience
 * cases [D 五(一)] (docs/provincial.md). Criteria are data (code, name, weight; a year's weights sum
 * to 100); each bureau gets a score per criterion (0–100) and a weighted total; the ranking ranks by
 * total with ties sharing a rank (1, 2, 2, 4). Publishing a year locks its criteria and scores and
 * shows each bureau its own assessment and the ranking.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { query, sql } from '../../common/sql.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { isDemonstrationOn, newestFirst, optionalText, requiredText } from '../liaison/liaison.common.js';
import { AssessmentScheme, BureauAssessment, Commendation, CommendationKind, ExperienceCase, type AssessmentCriterion } from './assessment.entity.js';
import type { CommendInput, PublishExperienceCaseInput, ScoreBureauInput, SetAssessmentCriteriaInput } from './assessment.inputs.js';
import { assessmentVisibility, provincialActions } from './provincial.policy.js';

const PARAGRAPH = '五(一)';
const lockYear = (em: EntityManager, year: number) => advisoryLock(em, `assessment:${year}`);

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', '应在 2000 到 2100 之间');
}

/** The ranking: totals descending, ties share a rank (standard competition ranking). */
export function rankByTotal<T extends { total: number; bureauCode: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || (a.bureauCode < b.bureauCode ? -1 : 1));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => x.total === r.total) + 1 }));
}

const totalOf = (criteria: readonly AssessmentCriterion[], scores: readonly { code: string; score: number }[]) =>
  Math.round(criteria.reduce((sum, c) => sum + (c.weight * scores.find((s) => s.code === c.code)!.score) / 100, 0) * 100) / 100;

export const assessmentService = {
  /** The year's assessment as the viewer may see it: criteria, published, the ranking (a bureau: once published). */
  async year(ctx: Context, year: number) {
    requireUser(ctx);
    assertMay(ctx, provincialActions.readAssessments);
    const scheme = await ctx.em.findOne(AssessmentScheme, { year }, { refresh: true });
    const published = !!scheme?.publishedAt;
    const rule = assessmentVisibility(ctx.viewer, ctx.clock.today(), 'a');
    const national = rule === null;
    const rows = national || published ? await ctx.em.find(BureauAssessment, { year }, { refresh: true }) : [];
    const visible = new Set((await query<{ id: string }>(ctx.em, sql`select a.id from bureau_assessment a where a.year = ${year}::int${rule ? sql` and ${rule}` : sql``}`)).map((r) => r.id));
    const ranking = rankByTotal(rows.map((a) => ({ bureauCode: a.bureauCode, total: Number(a.total), assessment: visible.has(a.id) ? a : null }))).map((r) => ({
      ...r,
      regionName: ctx.reference.region(r.bureauCode)?.name ?? r.bureauCode,
    }));
    return { year, criteria: national || published ? (scheme?.criteria ?? []) : [], published, ranking };
  },

  async setCriteria(ctx: Context, input: SetAssessmentCriteriaInput) {
    requireUser(ctx);
    assertMay(ctx, provincialActions.assess);
    checkYear(input.year);
    const problems = new InputProblems();
    const criteria: AssessmentCriterion[] = input.criteria.map((c, i) => {
      if (!/^[A-Za-z0-9_-]{1,20}$/.test(c.code)) problems.add(`criteria[${i}].code`, '应为 1–20 个字母、数字、-、_');
      if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) problems.add(`criteria[${i}].weight`, '应为 1–100 的整数');
      return { code: c.code, name: requiredText(problems, `criteria[${i}].name`, c.name, 100), description: optionalText(problems, `criteria[${i}].description`, c.description, 2000), weight: c.weight };
    });
    if (criteria.length === 0) problems.add('criteria', '至少一项指标');
    if (new Set(criteria.map((c) => c.code)).size !== criteria.length) problems.add('criteria', '指标代码重复');
    const sum = criteria.reduce((s, c) => s + c.weight, 0);
    if (sum !== 100) problems.add('criteria', `权重合计应为 100（现为 ${sum}）`);
    problems.throwIfAny();
    await transaction(ctx.em, async (em) => {
      await lockYear(em, input.year);
      let scheme = await em.findOne(AssessmentScheme, { year: input.year });
      if (scheme?.publishedAt) throw ruleViolation('ASSESSMENT_PUBLISHED', `${input.year} 年的考核已发布，指标不能再改`, { paragraph: PARAGRAPH });
      const before = scheme ? { criteria: scheme.criteria } : null;
      if (scheme) scheme.criteria = criteria;
      else scheme = em.create(AssessmentScheme, { year: input.year, criteria });
      // Scores given under other criteria no longer add up: they are removed, to be given again.
      const [{ n }] = (await query<{ n: number }>(em, sql`select count(*)::int as n from bureau_assessment where year = ${input.year}::int`)) as [{ n: number }];
      if (n > 0 && before) await em.nativeDelete(BureauAssessment, { year: input.year });
      recordAudit(em, ctx, { operation: 'setAssessmentCriteria', objectType: 'AssessmentScheme', objectId: scheme.id, jurisdiction: null, changes: { criteria: { before: before?.criteria ?? null, after: criteria }, ...(n && before ? { scoresRemoved: { before: n, after: 0 } } : {}) } });
      await em.flush();
    });
    return assessmentService.year(ctx, input.year);
  },

  async score(ctx: Context, input: ScoreBureauInput): Promise<BureauAssessment> {
    const user = requireUser(ctx);
    assertMay(ctx, provincialActions.assess);
    checkYear(input.year);
    const problems = new InputProblems();
    if (!ctx.reference.region(input.bureauCode)) problems.add('bureauCode', '应为 37 个省级辖区之一');
    const comment = optionalText(problems, 'comment', input.comment, 5000);
    const supportOutcome = optionalText(problems, 'supportOutcome', input.supportOutcome, 2000);
    const scores = input.scores.map((s, i) => {
      if (!Number.isFinite(s.score) || s.score < 0 || s.score > 100) problems.add(`scores[${i}].score`, '应在 0 到 100 之间');
      return { code: s.code, score: s.score, comment: optionalText(problems, `scores[${i}].comment`, s.comment, 2000) };
    });
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      await lockYear(em, input.year);
      const scheme = await em.findOne(AssessmentScheme, { year: input.year });
      if (!scheme) throw ruleViolation('ASSESSMENT_CRITERIA', `${input.year} 年尚未设定考核指标（setAssessmentCriteria）`, { paragraph: PARAGRAPH });
      if (scheme.publishedAt) throw ruleViolation('ASSESSMENT_PUBLISHED', `${input.year} 年的考核已发布，不能再评分`, { paragraph: PARAGRAPH });
      const codes = scheme.criteria.map((c) => c.code);
      const check = new InputProblems();
      const missing = codes.filter((c) => !scores.some((s) => s.code === c));
      const unknown = scores.filter((s) => !codes.includes(s.code)).map((s) => s.code);
      if (missing.length) check.add('scores', `缺少指标 ${missing.join('、')} 的得分`);
      if (unknown.length) check.add('scores', `没有指标 ${unknown.join('、')}`);
      if (new Set(scores.map((s) => s.code)).size !== scores.length) check.add('scores', '同一指标给了两次分');
      check.throwIfAny();
      const total = totalOf(scheme.criteria, scores);
      let a = await em.findOne(BureauAssessment, { year: input.year, bureauCode: input.bureauCode });
      const FIELDS = ['scores', 'total', 'comment', 'supportOutcome'] as const;
      const before = a ? snapshot(a, FIELDS) : null;
      if (a) {
        if (input.version == null || a.version !== input.version) throw conflict('该省局的评分已存在或已被修改：请带上当前版本号', { field: 'version', currentVersion: a.version });
        Object.assign(a, { scores, total, comment, supportOutcome, scoredBy: user.username });
      } else a = em.create(BureauAssessment, { year: input.year, bureauCode: input.bureauCode, scores, total, comment, supportOutcome, scoredBy: user.username });
      recordAudit(em, ctx, { operation: 'scoreBureau', objectType: 'BureauAssessment', objectId: a.id, jurisdiction: input.bureauCode, changes: changedFields(before, snapshot(a, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('评分已被修改，请刷新后重试', { field: 'version' }), duplicate: () => conflict('该省局的评分已存在，请刷新后重试') });
      return a;
    });
  },

  async publish(ctx: Context, year: number) {
    requireUser(ctx);
    assertMay(ctx, provincialActions.assess);
    checkYear(year);
    await transaction(ctx.em, async (em) => {
      await lockYear(em, year);
      const scheme = await em.findOne(AssessmentScheme, { year });
      if (!scheme) throw notFound(`${year} 年的考核`);
      if (scheme.publishedAt) throw conflict(`${year} 年的考核已发布`);
      const [{ n }] = (await query<{ n: number }>(em, sql`select count(*)::int as n from bureau_assessment where year = ${year}::int`)) as [{ n: number }];
      if (n === 0) throw ruleViolation('ASSESSMENT_EMPTY', `${year} 年还没有任何评分`, { paragraph: PARAGRAPH });
      scheme.publishedAt = ctx.clock.now();
      await em.nativeUpdate(BureauAssessment, { year }, { published: true });
      recordAudit(em, ctx, { operation: 'publishAssessments', objectType: 'AssessmentScheme', objectId: scheme.id, jurisdiction: null, changes: { published: { before: false, after: true }, assessments: { before: null, after: n } } });
      await em.flush();
    });
    return assessmentService.year(ctx, year);
  },

  async commend(ctx: Context, input: CommendInput): Promise<Commendation> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.commend);
    checkYear(input.year);
    const problems = new InputProblems();
    const citation = requiredText(problems, 'citation', input.citation, 2000);
    if (input.kind === CommendationKind.BUREAU && (!input.bureauCode || input.enterpriseId)) problems.add('bureauCode', '表扬省局时给出 bureauCode（不给 enterpriseId）');
    if (input.kind === CommendationKind.ENTERPRISE && (!input.enterpriseId || input.bureauCode)) problems.add('enterpriseId', '表扬企业时给出 enterpriseId（不给 bureauCode）');
    if (input.bureauCode && !ctx.reference.region(input.bureauCode)) problems.add('bureauCode', '应为 37 个省级辖区之一');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      let recipientName: string;
      let bureauCode = input.bureauCode ?? null;
      let enterpriseId: string | null = null;
      if (input.kind === CommendationKind.ENTERPRISE) {
        enterpriseId = expectGlobalId(input.enterpriseId!, 'Enterprise', 'enterpriseId');
        const [e] = await query<{ name: string; region_code: string; demonstration: boolean }>(
          em,
          sql`select e.name, e.region_code, ${isDemonstrationOn('e.id', ctx.clock.today())} as demonstration from enterprise e where e.id = ${enterpriseId}::uuid`,
        );
        if (!e) throw notFound('企业', input.enterpriseId!);
        // "表现突出的……示范企业": only a demonstration enterprise (a title valid today) is commended.
        if (!e.demonstration) throw ruleViolation('COMMENDATION_DEMONSTRATION', `${e.name} 今日不持有有效的示范企业称号`, { paragraph: PARAGRAPH });
        recipientName = e.name;
        bureauCode = e.region_code;
      } else recipientName = ctx.reference.bureau(bureauCode!)?.name ?? ctx.reference.region(bureauCode!)!.name;
      const c = em.create(Commendation, { year: input.year, kind: input.kind, bureauCode, enterpriseId, recipientName, citation, announcedOn: ctx.clock.today() });
      recordAudit(em, ctx, { operation: 'commend', objectType: 'Commendation', objectId: c.id, jurisdiction: bureauCode, changes: { recipient: { before: null, after: recipientName }, citation: { before: null, after: citation } } });
      await em.flush();
      return c;
    });
  },

  async publishCase(ctx: Context, input: PublishExperienceCaseInput): Promise<ExperienceCase> {
    requireUser(ctx);
    assertMay(ctx, provincialActions.commend);
    checkYear(input.year);
    const problems = new InputProblems();
    const content = {
      title: requiredText(problems, 'title', input.title, 200),
      summary: requiredText(problems, 'summary', input.summary, 1000),
      body: requiredText(problems, 'body', input.body, 50_000),
      source: optionalText(problems, 'source', input.source, 200),
    };
    if (input.regionCode && !ctx.reference.region(input.regionCode)) problems.add('regionCode', '应为 37 个省级辖区之一');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const c = em.create(ExperienceCase, { year: input.year, regionCode: input.regionCode ?? null, ...content });
      recordAudit(em, ctx, { operation: 'publishExperienceCase', objectType: 'ExperienceCase', objectId: c.id, jurisdiction: c.regionCode ?? null, changes: { title: { before: null, after: c.title } } });
      await em.flush();
      return c;
    });
  },

  commendations(ctx: Context, year: number | null | undefined, args: ConnectionArgs) {
    return newestFirst(ctx, Commendation, 'c', [year != null ? sql`c.year = ${year}::int` : null], args);
  },

  experienceCases(ctx: Context, args: ConnectionArgs) {
    return keysetPage<ExperienceCase>({
      query: filteredQuery(ctx.em, ExperienceCase, 'x', []),
      args,
      limits: ctx.config,
      orderKey: 'PUBLISHED_AT:DESC',
      ascending: false,
      column: 'x.published_at',
      idColumn: 'x.id',
      cast: 'timestamptz',
      property: 'publishedAt',
      value: (x) => x.publishedAt.toISOString(),
      valueOk: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
    });
  },
};
