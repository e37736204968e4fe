import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from '../designation/designation.entity.js';
import { bansInForce, incidentsWithin } from '../designation/designation.rules.js';
import type { ProgrammeSettings } from '../programme/programme-settings.entity.js';
import { ApplicationRoute } from './application.entity.js';
import { ruleViolation, type AppError } from '../../common/errors.js';

@ObjectType('UnmetCondition', { description: '一项未满足的申报条件。' })
export class UnmetCondition {
  @Field(() => String, { description: '规则代码：R1 评分、R2 优势企业培育期满、R3 直报须为行业领军企业、R12 近 3 年违规、R13 禁止申报期、ALREADY_DESIGNATED 已是有效的示范企业。' })
  rule!: string;

  @Field(() => String, { description: '工作方案条款，例如“三(一)2”。' })
  paragraph!: string;

  @Field(() => String, { description: '说明。' })
  message!: string;

  @Field(() => DateScalar, { nullable: true, description: '相关日期（例如禁止申报期截止日、培育期满日）。' })
  date?: string | null;
}

export interface EligibilityInput {
  enterprise: Enterprise;
  asOf: string;
  route: ApplicationRoute;
  scores: ApplicationScores | null;
  settings: ProgrammeSettings;
}

/** The totals R1 compares: the enterprise's own, or the provincial bureau's once it checked the items (`checked`). */
export interface ApplicationScores {
  a: number | null | undefined;
  b: number | null | undefined;
  checked?: boolean;
}

/**
 * The totals R1 uses for an application [D 三(一)2, 三(二)2]: the checked totals once the provincial
 * bureau has checked the items (checkApplicationItems), else the enterprise's own.
 */
export function scoresOf(app: {
  scoreA?: number | null;
  scoreB?: number | null;
  checkedAt?: Date | null;
  checkedScoreA?: number | null;
  checkedScoreB?: number | null;
}): ApplicationScores {
  return app.checkedAt ? { a: app.checkedScoreA, b: app.checkedScoreB, checked: true } : { a: app.scoreA, b: app.scoreB };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The day an advantage designation's cultivation period ends: its own last day (a later change of the setting does not move it). */
export function cultivationEnd(d: Designation): string {
  return d.validUntil;
}

/**
 * Every unmet condition for applying to be a demonstration enterprise on `asOf` [D 三(一), 三(二)3,
 * 三(二)4, 三(四)]; empty when eligible.
 */
export async function unmetConditions(em: EntityManager, input: EligibilityInput): Promise<UnmetCondition[]> {
  const { enterprise, asOf, route, scores, settings } = input;
  const unmet: UnmetCondition[] = [];
  const add = (rule: string, paragraph: string, message: string, date: string | null = null) =>
    unmet.push(Object.assign(new UnmetCondition(), { rule, paragraph, message, date }));

  // R1: table A ≥ 75 and table B ≥ 80 (settings).
  unmet.push(...scoreConditions(scores, settings));

  const designations = await em.find(Designation, { enterprise: enterprise.id });
  if (route === ApplicationRoute.DIRECT) {
    // R3: only an industry-leading enterprise may apply directly; condition 1 then does not apply.
    if (!enterprise.industryLeader) add('R3', '三(二)3', '只有知识产权整体优势特别突出的行业领军企业可以直接向专利管理司申报');
  } else {
    // R2: a completed advantage cultivation period (valid through its end, ended before asOf).
    const completed = designations
      .filter((d) => d.level === DesignationLevel.ADVANTAGE)
      .map((d) => ({ d, end: cultivationEnd(d) }))
      .filter(({ d, end }) => d.statusOn(end) === DesignationStatus.ACTIVE || d.statusOn(end) === DesignationStatus.EXPIRED)
      .filter(({ d, end }) => !d.endedOn || d.endedOn > end);
    const done = completed.filter(({ end }) => end < asOf);
    if (!done.length) {
      const next = completed.map(({ end }) => end).sort()[0];
      add('R2', '三(一)1', next ? `优势企业培育期尚未期满（${next} 期满）` : '尚未完成国家知识产权优势企业培育期', next ?? null);
    }
  }

  // R12, R13: no incident in the last 3 years, no ban in force (re-checked at every later step).
  unmet.push(...((await standingProblems(em, [enterprise.id], asOf, settings)).get(enterprise.id) ?? []));

  // Already a valid demonstration enterprise: the title continues through re-examination instead.
  const current = designations.find((d) => d.level === DesignationLevel.DEMONSTRATION && d.isValidOn(asOf));
  if (current) add('ALREADY_DESIGNATED', '三(二)3–4', `已是有效的国家知识产权示范企业（至 ${current.validUntil}），期满后经复核延续`, current.validUntil);

  return unmet;
}

/**
 * R1 [D 三(一)2]: table A ≥ `scoreThresholdA` (75) and table B ≥ `scoreThresholdB` (80), on the
 * enterprise's totals or, once the provincial bureau has checked the items, on the checked totals
 * ("核定得分"). Empty when met.
 */
export function scoreConditions(scores: ApplicationScores | null, settings: Pick<ProgrammeSettings, 'scoreThresholdA' | 'scoreThresholdB'>): UnmetCondition[] {
  const a = scores?.a;
  const b = scores?.b;
  const required = `A 表 ≥ ${fmt(settings.scoreThresholdA)}、B 表 ≥ ${fmt(settings.scoreThresholdB)}`;
  const condition = (message: string) => [Object.assign(new UnmetCondition(), { rule: 'R1', paragraph: '三(一)2', message, date: null })];
  if (a == null || b == null) {
    return condition(scores?.checked ? `省局核定得分不完整（要求 ${required}）` : `尚未填报《评价指标体系》A 表和 B 表得分（要求 ${required}）`);
  }
  if (a < settings.scoreThresholdA || b < settings.scoreThresholdB) {
    const what = scores?.checked ? '省局核定得分未达标' : '评分未达标';
    return condition(`${what}：A 表 ${fmt(a)}（要求 ≥ ${fmt(settings.scoreThresholdA)}），B 表 ${fmt(b)}（要求 ≥ ${fmt(settings.scoreThresholdB)}）`);
  }
  return [];
}

/**
 * R12 and R13 for several enterprises on `asOf` [D 三(四), 三(二)4]: an incident of the five kinds
 * within the last `revocationLookbackYears` years, a ban in force. Two statements whatever the
 * number of enterprises; enterprises in good standing are absent from the map. The same check runs
 * at submission and again at every later step (provincial recommendation, national review, the
 * notice, designation, re-examination), so an incident recorded after submission stops the
 * application wherever it is.
 */
export async function standingProblems(
  em: EntityManager,
  enterpriseIds: readonly string[],
  asOf: string,
  settings: Pick<ProgrammeSettings, 'revocationLookbackYears'>,
): Promise<Map<string, UnmetCondition[]>> {
  const ids = [...new Set(enterpriseIds)];
  const out = new Map<string, UnmetCondition[]>();
  if (!ids.length) return out;
  const add = (enterpriseId: string, rule: string, paragraph: string, message: string, date: string) =>
    out.set(enterpriseId, [...(out.get(enterpriseId) ?? []), Object.assign(new UnmetCondition(), { rule, paragraph, message, date })]);
  const incidents = await incidentsWithin(em, ids, asOf, settings.revocationLookbackYears);
  for (const id of ids) {
    const own = incidents.filter((i) => i.enterprise.id === id);
    if (own.length) add(id, 'R12', '三(四)', `近 ${settings.revocationLookbackYears} 年内有 ${own.length} 项违规情形（最近一项 ${own[0]!.occurredOn}）`, own[0]!.occurredOn);
  }
  const bans = await bansInForce(em, ids, asOf);
  for (const id of ids) {
    const ban = bans.find((b) => b.enterprise.id === id);
    if (ban) add(id, 'R13', '三(二)4、三(四)', `处于禁止申报期，${ban.endsOn} 之后方可再次申报`, ban.endsOn);
  }
  return out;
}

/** The extensions entry of one unmet condition (the same shape at every step). */
export function describeUnmet(u: UnmetCondition) {
  return { rule: u.rule, paragraph: u.paragraph, message: u.message, date: u.date ?? null };
}

/**
 * Refuses a step when any of the enterprises is not in good standing (R12/R13), citing the first
 * rule and listing every problem; `label` names the enterprise (or its application) in the message
 * and `key` in extensions.
 */
export async function assertGoodStanding(
  em: EntityManager,
  step: string,
  subjects: readonly { enterpriseId: string; label: string; key?: Record<string, unknown> }[],
  asOf: string,
  settings: Pick<ProgrammeSettings, 'revocationLookbackYears'>,
): Promise<void> {
  const problems = await standingProblems(em, subjects.map((s) => s.enterpriseId), asOf, settings);
  if (!problems.size) return;
  throw standingRefusal(step, subjects.filter((s) => problems.has(s.enterpriseId)).map((s) => ({ ...s, unmet: problems.get(s.enterpriseId)! })));
}

function standingRefusal(step: string, failing: { label: string; key?: Record<string, unknown>; unmet: UnmetCondition[] }[]): AppError {
  const first = failing[0]!;
  return ruleViolation(first.unmet[0]!.rule, `${step}：${failing.map((f) => `${f.label}${f.unmet.map((u) => `（${u.rule} ${u.message}）`).join('')}`).join('；')}`, {
    paragraph: first.unmet[0]!.paragraph,
    unmet: first.unmet.map(describeUnmet),
    ...(failing.length > 1 || first.key ? { subjects: failing.map((f) => ({ ...f.key, unmet: f.unmet.map(describeUnmet) })) } : {}),
  });
}
