import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What one enterprise uses of a liaison officer's capacity (issue 14; the plans give no rule). */
export enum LiaisonCapacityBasis {
  COUNT = 'COUNT',
  SIZE = 'SIZE',
  NEEDS = 'NEEDS',
}
registerEnumType(LiaisonCapacityBasis, {
  name: 'LiaisonCapacityBasis',
  description: '联络员容量的计算口径：一家企业占用的名额。',
  valuesConfig: {
    COUNT: { description: '按企业数：每家 1 个名额' },
    SIZE: { description: '按企业规模：大型 3、中型 2、小型和微型 1 个名额' },
    NEEDS: { description: '按需求负荷：1 个名额，另加未办结需求数（至多再加 2 个）' },
  },
});

export enum AdvantageApproval {
  NATIONAL_CONFIRMS = 'NATIONAL_CONFIRMS',
  PROVINCE_DESIGNATES = 'PROVINCE_DESIGNATES',
}
registerEnumType(AdvantageApproval, {
  name: 'AdvantageApproval',
  description: '优势企业的认定方式。',
  valuesConfig: {
    NATIONAL_CONFIRMS: { description: '省局审核推荐，国家局按年度批次确认（默认）' },
    PROVINCE_DESIGNATES: { description: '省局审核通过即认定' },
  },
});
import { DateTimeResolver } from 'graphql-scalars';

/**
 * The programme's configurable rules (one row). Defaults are the work plans' numbers
 * [D 三(一)2, 三(二)2–4, 三(四)]; the advantage cultivation period is our assumption (DOMAIN.md).
 */
@ObjectType('ProgrammeSettings', { description: '培育工作的可配置规则（默认值取自工作方案）。Programme settings.' })
@Entity({ tableName: 'programme_settings' })
@Check({ name: 'programme_settings_singleton_check', expression: '"id" = 1' })
export class ProgrammeSettings {
  [OptionalProps]?: 'id' | 'version' | 'updatedAt' | 'updatedBy' | 'trainingCompletionPercent';

  @PrimaryKey({ type: 'integer', autoincrement: false, default: 1 })
  id: number = 1;

  @Property({ type: 'double' })
  @Field(() => Float, { description: '《评价指标体系》A 表最低分（D 三(一)2，默认 75）。' })
  scoreThresholdA: number = 75;

  @Property({ type: 'double' })
  @Field(() => Float, { description: '《评价指标体系》B 表最低分（D 三(一)2，默认 80）。' })
  scoreThresholdB: number = 80;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '优势企业培育期（年）：期满才可申报示范企业（D 三(一)1；工作方案未规定，默认 3）。' })
  advantageCultivationYears: number = 3;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '省局推荐上限：本地区有效优势企业数的百分比，向下取整（D 三(二)2，默认 10）。' })
  recommendationQuotaPercent: number = 10;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '公示期（工作日，D 三(二)3，默认 10）。' })
  noticeWorkingDays: number = 10;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '示范企业有效期（年，D 三(二)3，默认 3）。' })
  designationValidityYears: number = 3;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '复核备案期限：期满后多少个月内报国家局备案（D 三(二)4，默认 6）。' })
  filingMonths: number = 6;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '取消或撤销后不得再次申报的年数（D 三(二)4、三(四)，默认 2）。' })
  banYears: number = 2;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '撤销称号考察的近若干年（D 三(四)，默认 3）。' })
  revocationLookbackYears: number = 3;

  @Property({ type: 'integer', default: 80 })
  @Field(() => Int, { description: '培训结业要求：出勤天数占班次天数的最低百分比（默认 80）。' })
  trainingCompletionPercent: number = 80;

  /** Who designates advantage enterprises (A 三 omits the rules): the province, or the national bureau on the province's list. */
  @Enum({ items: () => AdvantageApproval, type: 'string', default: AdvantageApproval.NATIONAL_CONFIRMS })
  @Field(() => AdvantageApproval, { description: '优势企业的认定方式（A 三 从略，默认“省局推荐、国家局按年度批次确认”）。' })
  advantageApproval: AdvantageApproval = AdvantageApproval.NATIONAL_CONFIRMS;

  @Property({ type: 'integer', default: 18 })
  @Field(() => Int, { description: '优势企业中期检查：培育期开始若干个月后可以办理（默认 18，即 3 年培育期的一半）。' })
  advantageMidTermAfterMonths: number = 18;

  @Property({ type: 'integer', default: 60 })
  @Field(() => Int, { description: '优势企业年度进展报告：每个培育年度结束后若干天内提交（默认 60）。' })
  advantageReportDueDays: number = 60;

  /** A public notice before advantage enterprises are designated (A 三 omits the rules): 0 = none. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '优势企业认定前的公示期（工作日；A 三 从略，默认 0 即不公示）：大于 0 时，确认或认定的名单先公示，期满且异议处理完毕后才认定。' })
  advantageNoticeWorkingDays: number = 0;

  /** How many enterprises one IP commissioner serves at once [D 四(三)] (the plan gives no number). */
  @Property({ type: 'integer', default: 5 })
  @Field(() => Int, { description: '一名知识产权特派员同时服务的企业数上限（D 四(三) 未规定，默认 5）。' })
  commissionerMaxEnterprises: number = 5;

  /** What an enterprise uses of a liaison officer's capacity (issue 14): by count, size or needs load. */
  @Enum({ items: () => LiaisonCapacityBasis, type: 'string', default: LiaisonCapacityBasis.COUNT })
  @Field(() => LiaisonCapacityBasis, { description: '联络员容量口径（默认按企业数）：指派时按此计算企业占用的名额并记在指派上。' })
  liaisonCapacityBasis: LiaisonCapacityBasis = LiaisonCapacityBasis.COUNT;

  /** Re-planning keeps an enterprise with its officer unless moving it gains more than this many fit points. */
  @Property({ type: 'integer', default: 20 })
  @Field(() => Int, { description: '联络员重新规划的稳定权重（0–100，默认 20）：改派一家已指派企业须使匹配分至少提高此数，0 即不考虑现有指派。' })
  liaisonStabilityWeight: number = 20;

  /** Public figures: cells counting fewer units than this are not published (issue 15, docs/reporting.md). */
  @Property({ type: 'integer', default: 5 })
  @Field(() => Int, { description: '公开统计的小数保护阈值（2–50，默认 5）：涉及的单位少于此数的格子不公布，并另隐藏一个关联格子，使合计不能减出它。' })
  publicSuppressionThreshold: number = 5;

  /** R21 [D 四(一)三, A 二(二)]: each bureau's yearly number of priority-examination recommendations, unless the national bureau set its own. */
  @Property({ type: 'integer', default: 50 })
  @Field(() => Int, { description: '各省局每年优先审查推荐名额的默认数（R21，默认 50）：国家局可为某局某年另行下达（setPriorityExaminationQuota）。' })
  priorityExaminationQuota: number = 50;

  /** R4 [D 三(二)2, 三(三)1]: the latest day (month-day) a year's application window may close. */
  @Property({ type: 'string', length: 5, default: '07-31' })
  @Field(() => String, { description: '申报受理期最晚截止日（MM-DD；D 三(二)2、三(三)1“每年 7 月底前”，默认 07-31）：受理期可以提前截止，不能晚于此日。' })
  applicationClosesBy: string = '07-31';

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  @Field(() => DateTimeResolver, { description: '最后修改时间。' })
  updatedAt: Date = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '最后修改人。' })
  updatedBy?: string | null;
}
