import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from '../designation/designation.entity.js';
import { RevocationIncident } from '../designation/incident.entity.js';
import { ApplicationBan } from '../designation/ban.entity.js';
import { lastDayOfYears, yearsBefore } from '../designation/designation.rules.js';
import type { ProgrammeSettings } from '../programme/programme-settings.entity.js';
import { ApplicationRoute } from './application.entity.js';

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
  scores: { a: number | null | undefined; b: number | null | undefined } | null;
  settings: ProgrammeSettings;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The day an advantage designation's cultivation period ends (settings.advantageCultivationYears from its start). */
export function cultivationEnd(d: Designation, years: number): string {
  return lastDayOfYears(d.validFrom, years);
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
  const a = scores?.a;
  const b = scores?.b;
  if (a == null || b == null) add('R1', '三(一)2', `尚未填报《评价指标体系》A 表和 B 表得分（要求 A 表 ≥ ${fmt(settings.scoreThresholdA)}、B 表 ≥ ${fmt(settings.scoreThresholdB)}）`);
  else if (a < settings.scoreThresholdA || b < settings.scoreThresholdB) {
    add('R1', '三(一)2', `评分未达标：A 表 ${fmt(a)}（要求 ≥ ${fmt(settings.scoreThresholdA)}），B 表 ${fmt(b)}（要求 ≥ ${fmt(settings.scoreThresholdB)}）`);
  }

  const designations = await em.find(Designation, { enterprise: enterprise.id });
  if (route === ApplicationRoute.DIRECT) {
    // R3: only an industry-leading enterprise may apply directly; condition 1 then does not apply.
    if (!enterprise.industryLeader) add('R3', '三(二)3', '只有知识产权整体优势特别突出的行业领军企业可以直接向专利管理司申报');
  } else {
    // R2: a completed advantage cultivation period (valid through its end, ended before asOf).
    const completed = designations
      .filter((d) => d.level === DesignationLevel.ADVANTAGE)
      .map((d) => ({ d, end: cultivationEnd(d, settings.advantageCultivationYears) }))
      .filter(({ d, end }) => d.statusOn(end) === DesignationStatus.ACTIVE || d.statusOn(end) === DesignationStatus.EXPIRED)
      .filter(({ d, end }) => !d.endedOn || d.endedOn > end);
    const done = completed.filter(({ end }) => end < asOf);
    if (!done.length) {
      const next = completed.map(({ end }) => end).sort()[0];
      add('R2', '三(一)1', next ? `优势企业培育期尚未期满（${next} 期满）` : '尚未完成国家知识产权优势企业培育期', next ?? null);
    }
  }

  // R12: no incident of the five kinds in the last 3 years.
  const since = yearsBefore(asOf, settings.revocationLookbackYears);
  const incidents = await em.find(RevocationIncident, { enterprise: enterprise.id, occurredOn: { $gte: since, $lte: asOf } }, { orderBy: { occurredOn: 'desc' } });
  if (incidents.length) add('R12', '三(四)', `近 ${settings.revocationLookbackYears} 年内有 ${incidents.length} 项违规情形（最近一项 ${incidents[0]!.occurredOn}）`, incidents[0]!.occurredOn);

  // R13: no ban in force.
  const bans = await em.find(ApplicationBan, { enterprise: enterprise.id, startsOn: { $lte: asOf }, endsOn: { $gte: asOf } }, { orderBy: { endsOn: 'desc' } });
  if (bans.length) add('R13', '三(二)4、三(四)', `处于禁止申报期，${bans[0]!.endsOn} 之后方可再次申报`, bans[0]!.endsOn);

  // Already a valid demonstration enterprise: the title continues through re-examination instead.
  const current = designations.find((d) => d.level === DesignationLevel.DEMONSTRATION && d.isValidOn(asOf));
  if (current) add('ALREADY_DESIGNATED', '三(二)3–4', `已是有效的国家知识产权示范企业（至 ${current.validUntil}），期满后经复核延续`, current.validUntil);

  return unmet;
}
