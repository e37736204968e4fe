import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegionCodeScalar } from '../../common/scalars.js';
import { DemonstrationApplication } from './application.entity.js';
import { RecommendationPackage } from './recommendation-package.entity.js';

export enum ProvincialDecision {
  RECOMMEND = 'RECOMMEND',
  REJECT = 'REJECT',
}
registerEnumType(ProvincialDecision, {
  name: 'ProvincialDecision',
  description: '省局审核结论。',
  valuesConfig: { RECOMMEND: { description: '择优推荐至国家局（占名额）' }, REJECT: { description: '不予推荐（须说明理由）' } },
});

@InputType('ReviewApplicationByProvinceInput', { description: '省局审核一份已提交的申报（本辖区、省局推荐途径）。' })
export class ReviewApplicationByProvinceInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ProvincialDecision, { description: '结论。' })
  decision!: ProvincialDecision;

  @Field(() => String, { nullable: true, description: '不予推荐的理由（REJECT 时必填，1–2000 字）。' })
  reason?: string | null;
}

@ObjectType('ReviewApplicationByProvincePayload', { description: 'reviewApplicationByProvince 的结果。' })
export class ReviewApplicationByProvincePayload {
  @Field(() => DemonstrationApplication, { description: '审核后的申报。' })
  application!: DemonstrationApplication;
}

@InputType('SaveRecommendationPackageInput', { description: '保存本辖区某年度的推荐材料（省局）：推荐函和培育工作总体方案。' })
export class SaveRecommendationPackageInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '修改已有材料时回传版本号。' })
  version?: number | null;

  @Field(() => ID, { description: '推荐函（通过 POST /files 上传的文件 ID）。' })
  letterFileId!: string;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { description: '培育目标（1–20000 字）。' })
  goals!: string;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { description: '工作计划（1–20000 字）。' })
  workPlan!: string;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { description: '组织管理（1–20000 字）。' })
  organization!: string;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { description: '政策支持（1–20000 字）。' })
  policySupport!: string;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { description: '资金保障（1–20000 字）。' })
  funding!: string;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { description: '督导检查（1–20000 字）。' })
  supervision!: string;
}

@ObjectType('SaveRecommendationPackagePayload', { description: 'saveRecommendationPackage 的结果。' })
export class SaveRecommendationPackagePayload {
  @Field(() => RecommendationPackage, { description: '推荐材料。' })
  package!: RecommendationPackage;
}

@InputType('RankRecommendationsInput', { description: '调整本辖区某年度推荐名单的名次（省局）：按给出的顺序排为第 1、2、3……名。' })
export class RankRecommendationsInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Extensions({ maxItems: 1_000 })

  @Field(() => [ID], { description: '本辖区该年度全部已推荐的申报，按名次排列（最多 1000 项）。' })
  applicationIds!: string[];
}

@ObjectType('RankRecommendationsPayload', { description: 'rankRecommendations 的结果。' })
export class RankRecommendationsPayload {
  @Field(() => [DemonstrationApplication], { description: '按名次排列的推荐名单。' })
  applications!: DemonstrationApplication[];
}

@ObjectType('RecommendationQuota', { description: '某辖区某年度的推荐名额（三(二)2，R5）。' })
export class RecommendationQuota {
  @Field(() => RegionCodeScalar, { description: '辖区。' })
  regionCode!: string;

  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => Int, { description: '今日本辖区有效的优势企业数。' })
  validAdvantageEnterprises!: number;

  @Field(() => Int, { description: '推荐比例（%）。' })
  percent!: number;

  @Field(() => Int, { description: '名额：有效优势企业数 × 比例，向下取整。' })
  quota!: number;

  @Field(() => Int, { description: '已推荐数。' })
  used!: number;

  @Field(() => Int, { description: '剩余名额。' })
  remaining!: number;
}
