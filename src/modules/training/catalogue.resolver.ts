import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { PersonCategory } from '../person/person.entity.js';
import { Industry } from '../industry/industry.entity.js';
import { Region } from '../region/region.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ExpertDirectoryEntry } from '../talent/expert-directory.js';
import { TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { catalogueService } from './catalogue.service.js';
import {
  CreateTrainingBaseInput,
  CreateTrainingBasePayload,
  CreateTrainingProgramInput,
  CreateTrainingProgramPayload,
  CreateTrainingSessionInput,
  CreateTrainingSessionPayload,
  CreateTrainingTextbookInput,
  CreateTrainingTextbookPayload,
  SetSessionInstructorsInput,
  SetSessionInstructorsPayload,
  TrainingBaseConnection,
  TrainingCatalogueFilter,
  TrainingProgramConnection,
  TrainingSessionConnection,
  TrainingTextbookConnection,
  UpdateTrainingProgramInput,
  UpdateTrainingProgramPayload,
} from './catalogue.inputs.js';

@Resolver(() => TrainingSession)
export class CatalogueResolver {
  @Query(() => TrainingSessionConnection, { description: '培训目录（公开）：即将开始的班次，按开始日排列，键集分页；可按层级、形式、辖区、线上/现场、是否有余额、面向行业、承办基地筛选。' })
  async upcomingTrainingSessions(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => TrainingCatalogueFilter, { nullable: true, description: '筛选。' }) filter?: TrainingCatalogueFilter | null,
  ) {
    return TrainingSessionConnection.from(await catalogueService.upcoming(ctx, filter ?? {}, args));
  }

  @Query(() => TrainingProgramConnection, { description: '培训项目（公开），按名称排列，键集分页。' })
  async trainingPrograms(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('tiers', () => [PersonCategory], { nullable: true, description: '层级之一。' }) tiers?: PersonCategory[] | null,
    @Arg('hostId', () => ID, { nullable: true, description: '承办的培训基地。' }) hostId?: string | null,
  ) {
    return TrainingProgramConnection.from(await catalogueService.programs(ctx, { tiers, hostId }, args));
  }

  @Query(() => TrainingTextbookConnection, { description: '培训系列教材（公开），按书名排列，键集分页；按层级筛选时含通用教材。' })
  async trainingTextbooks(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('tier', () => PersonCategory, { nullable: true, description: '层级。' }) tier?: PersonCategory | null,
  ) {
    return TrainingTextbookConnection.from(await catalogueService.textbooks(ctx, tier, args));
  }

  @Query(() => TrainingBaseConnection, { description: '国家知识产权培训基地（公开），按名称排列，键集分页。' })
  async trainingBases(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('regionCodes', () => [RegionCodeScalar], { nullable: true, description: '所在辖区之一。' }) regionCodes?: string[] | null,
  ) {
    return TrainingBaseConnection.from(await catalogueService.bases(ctx, regionCodes, args));
  }

  @Mutation(() => CreateTrainingProgramPayload, { description: '设立培训项目（国家局或省局）。' })
  async createTrainingProgram(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingProgramInput, { description: '项目。' }) input: CreateTrainingProgramInput) {
    return Object.assign(new CreateTrainingProgramPayload(), { program: await catalogueService.createProgram(ctx, input) });
  }

  @Mutation(() => UpdateTrainingProgramPayload, { description: '修改培训项目（设立的国家局或省局）。' })
  async updateTrainingProgram(@Ctx() ctx: Context, @Arg('input', () => UpdateTrainingProgramInput, { description: '修改。' }) input: UpdateTrainingProgramInput) {
    return Object.assign(new UpdateTrainingProgramPayload(), { program: await catalogueService.updateProgram(ctx, input) });
  }

  @Mutation(() => CreateTrainingTextbookPayload, { description: '登记一册培训系列教材（国家局）。' })
  async createTrainingTextbook(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingTextbookInput, { description: '教材。' }) input: CreateTrainingTextbookInput) {
    return Object.assign(new CreateTrainingTextbookPayload(), { textbook: await catalogueService.createTextbook(ctx, input) });
  }

  @Mutation(() => CreateTrainingBasePayload, { description: '认定国家知识产权培训基地（国家局）。' })
  async createTrainingBase(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingBaseInput, { description: '培训基地。' }) input: CreateTrainingBaseInput) {
    return Object.assign(new CreateTrainingBasePayload(), { base: await catalogueService.createTrainingBase(ctx, input) });
  }

  @Mutation(() => CreateTrainingSessionPayload, { description: '开设班次（国家局、本辖区省局或承办的培训基地）。' })
  async createTrainingSession(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingSessionInput, { description: '班次。' }) input: CreateTrainingSessionInput) {
    return Object.assign(new CreateTrainingSessionPayload(), { session: await catalogueService.createSession(ctx, input) });
  }

  @Mutation(() => SetSessionInstructorsPayload, { description: '安排班次的授课教师（举办方）。' })
  async setSessionInstructors(@Ctx() ctx: Context, @Arg('input', () => SetSessionInstructorsInput, { description: '教师名单。' }) input: SetSessionInstructorsInput) {
    return Object.assign(new SetSessionInstructorsPayload(), { session: await catalogueService.setInstructors(ctx, input) });
  }

  @FieldResolver(() => TrainingProgram, { description: '所属项目。' })
  async program(@Root() s: TrainingSession, @Ctx() ctx: Context): Promise<TrainingProgram> {
    return (await ctx.loaders.training.programById.load(s.program.id))!;
  }

  @FieldResolver(() => [ExpertDirectoryEntry], { description: '授课教师（师资库成员的公开信息，最多 20 名）。' })
  instructors(@Root() s: TrainingSession, @Ctx() ctx: Context): Promise<ExpertDirectoryEntry[]> {
    return ctx.loaders.training.instructorsBySession.load(s.id);
  }

  @FieldResolver(() => Int, { description: '剩余名额：名额减去已占额（BOOKED）和审核通过待分配（APPROVED）的人数。' })
  async seatsLeft(@Root() s: TrainingSession, @Ctx() ctx: Context): Promise<number> {
    return Math.max(0, s.capacity - (await ctx.loaders.training.bookedSeatsBySession.load(s.id)));
  }
}

@Resolver(() => TrainingProgram)
export class TrainingProgramResolver {
  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '承办的国家知识产权培训基地。' })
  async host(@Root() p: TrainingProgram, @Ctx() ctx: Context): Promise<ServiceOrganization | null> {
    return p.host ? ((await ctx.loaders.organization.byId.load(p.host.id)) ?? null) : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: '设立的省局辖区；国家局设立的为 null。' })
  organizer(@Root() p: TrainingProgram, @Ctx() ctx: Context): Region | null {
    return p.organizerRegionCode ? (ctx.reference.region(p.organizerRegionCode) ?? null) : null;
  }

  @FieldResolver(() => [Industry], { description: '面向的行业；空列表为各行业。' })
  targetIndustries(@Root() p: TrainingProgram, @Ctx() ctx: Context): Industry[] {
    return p.targetIndustryCodes.map((c) => ctx.reference.industry(c)).filter((i): i is Industry => !!i);
  }

  @FieldResolver(() => [TrainingTextbook], { description: '使用的培训系列教材（最多 50 册）。' })
  textbooks(@Root() p: TrainingProgram, @Ctx() ctx: Context): Promise<TrainingTextbook[]> {
    return ctx.loaders.training.textbooksByProgram.load(p.id);
  }
}
