import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import {
  RankRecommendationsInput,
  RankRecommendationsPayload,
  RecommendationQuota,
  ReviewApplicationByProvinceInput,
  ReviewApplicationByProvincePayload,
  SaveRecommendationPackageInput,
  SaveRecommendationPackagePayload,
} from './provincial.inputs.js';
import { provincialService } from './provincial.service.js';

@Resolver()
export class ProvincialResolver {
  @Query(() => RecommendationQuota, { description: '某辖区某年度的推荐名额、已用和剩余（R5）：本辖区省局和国家局可查。' })
  async recommendationQuota(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => RegionCodeScalar, { description: '辖区。' }) regionCode: string,
    @Arg('year', () => Int, { description: '年度。' }) year: number,
  ): Promise<RecommendationQuota> {
    return Object.assign(new RecommendationQuota(), await provincialService.quota(ctx, regionCode, year));
  }

  @Mutation(() => SaveRecommendationPackagePayload, { description: '保存本辖区某年度的推荐函和培育工作总体方案（省局，三(三)1）。' })
  async saveRecommendationPackage(
    @Ctx() ctx: Context,
    @Arg('input', () => SaveRecommendationPackageInput, { description: '推荐材料。' }) input: SaveRecommendationPackageInput,
  ): Promise<SaveRecommendationPackagePayload> {
    return Object.assign(new SaveRecommendationPackagePayload(), { package: await provincialService.savePackage(ctx, input) });
  }

  @Mutation(() => RankRecommendationsPayload, { description: '调整本辖区某年度推荐名单的名次（省局）。' })
  async rankRecommendations(
    @Ctx() ctx: Context,
    @Arg('input', () => RankRecommendationsInput, { description: '年度和排好序的申报。' }) input: RankRecommendationsInput,
  ): Promise<RankRecommendationsPayload> {
    return Object.assign(new RankRecommendationsPayload(), { applications: await provincialService.rank(ctx, input.year, input.applicationIds) });
  }

  @Mutation(() => ReviewApplicationByProvincePayload, {
    description: '省局审核申报：推荐（受理期内、名额内，R4/R5；须已提交推荐材料）或不予推荐（附理由）。',
  })
  async reviewApplicationByProvince(
    @Ctx() ctx: Context,
    @Arg('input', () => ReviewApplicationByProvinceInput, { description: '结论。' }) input: ReviewApplicationByProvinceInput,
  ): Promise<ReviewApplicationByProvincePayload> {
    return Object.assign(new ReviewApplicationByProvincePayload(), { application: await provincialService.review(ctx, input) });
  }
}
