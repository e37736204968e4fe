import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import {
  AssessmentRankingRow,
  AssessmentYear,
  CommendationConnection,
  CommendInput,
  CommendPayload,
  ExperienceCaseConnection,
  PublishAssessmentsInput,
  PublishAssessmentsPayload,
  PublishExperienceCaseInput,
  PublishExperienceCasePayload,
  ScoreBureauInput,
  ScoreBureauPayload,
  SetAssessmentCriteriaInput,
  SetAssessmentCriteriaPayload,
} from './assessment.inputs.js';
import { AssessmentCriterion } from './assessment.entity.js';
import { assessmentService } from './assessment.service.js';

const yearOf = (y: Awaited<ReturnType<typeof assessmentService.year>>): AssessmentYear =>
  Object.assign(new AssessmentYear(), {
    ...y,
    criteria: y.criteria.map((c) => Object.assign(new AssessmentCriterion(), c)),
    ranking: y.ranking.map((r) => Object.assign(new AssessmentRankingRow(), r)),
  });

@Resolver()
export class AssessmentResolver {
  @Query(() => AssessmentYear, { description: '某年对省局的考核（D 五(一)）：指标和权重、是否发布、按总分的排名（同分同名次）。国家局随时可见；省局在发布后看到指标、排名和本局的考核。' })
  async assessmentYear(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<AssessmentYear> {
    return yearOf(await assessmentService.year(ctx, year));
  }

  @Query(() => CommendationConnection, { description: '国家局对省局和示范企业的表扬（公开），最新的在前。' })
  async commendations(@Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true, description: '年度。' }) year: number | null, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return CommendationConnection.from(await assessmentService.commendations(ctx, year, args));
  }

  @Query(() => ExperienceCaseConnection, { description: '经验推广案例（公开），最新的在前。' })
  async experienceCases(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return ExperienceCaseConnection.from(await assessmentService.experienceCases(ctx, args));
  }

  @Mutation(() => SetAssessmentCriteriaPayload, { description: '国家局设定某年的考核指标和权重（合计 100）；发布前可改（已评的分随之删除，须按新指标重评）。' })
  async setAssessmentCriteria(@Ctx() ctx: Context, @Arg('input', () => SetAssessmentCriteriaInput, { description: '指标。' }) input: SetAssessmentCriteriaInput): Promise<SetAssessmentCriteriaPayload> {
    return Object.assign(new SetAssessmentCriteriaPayload(), { assessment: yearOf(await assessmentService.setCriteria(ctx, input)) });
  }

  @Mutation(() => ScoreBureauPayload, { description: '国家局为一个省局评分：每项指标 0–100 分和评语、总评、与支持政策挂钩的结果；总分按权重计算。' })
  async scoreBureau(@Ctx() ctx: Context, @Arg('input', () => ScoreBureauInput, { description: '评分。' }) input: ScoreBureauInput): Promise<ScoreBureauPayload> {
    return Object.assign(new ScoreBureauPayload(), { assessment: await assessmentService.score(ctx, input) });
  }

  @Mutation(() => PublishAssessmentsPayload, { description: '国家局发布某年的考核：指标和评分锁定，各省局可见本局考核和排名。' })
  async publishAssessments(@Ctx() ctx: Context, @Arg('input', () => PublishAssessmentsInput, { description: '年度。' }) input: PublishAssessmentsInput): Promise<PublishAssessmentsPayload> {
    return Object.assign(new PublishAssessmentsPayload(), { assessment: yearOf(await assessmentService.publish(ctx, input.year)) });
  }

  @Mutation(() => CommendPayload, { description: '国家局表扬表现突出的省局或示范企业（附表扬词，公开）。' })
  async commend(@Ctx() ctx: Context, @Arg('input', () => CommendInput, { description: '表扬。' }) input: CommendInput): Promise<CommendPayload> {
    return Object.assign(new CommendPayload(), { commendation: await assessmentService.commend(ctx, input) });
  }

  @Mutation(() => PublishExperienceCasePayload, { description: '国家局发布经验推广案例（公开）。' })
  async publishExperienceCase(@Ctx() ctx: Context, @Arg('input', () => PublishExperienceCaseInput, { description: '案例。' }) input: PublishExperienceCaseInput): Promise<PublishExperienceCasePayload> {
    return Object.assign(new PublishExperienceCasePayload(), { experienceCase: await assessmentService.publishCase(ctx, input) });
  }
}
