import { Arg, Ctx, Extensions, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { PersonCategory } from '../person/person.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { factsOf, hasFullEnterpriseAccess } from '../enterprise/enterprise.policy.js';
import { Certificate, Enrolment, EnrolmentStatus, TrainingFormat, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { trainingService } from './training.service.js';
import { statusVariant } from './training.loaders.js';
import { Person } from '../person/person.entity.js';
import { canSeePerson } from '../person/person.resolver.js';
import { Industry } from '../industry/industry.entity.js';
import { Region } from '../region/region.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ExpertDirectoryEntry } from '../talent/talent.resolver.js';

@InputType('CreateTrainingProgramInput', { description: '设立培训项目（国家局或省局）。' })
class CreateTrainingProgramInput {
  @Field(() => String, { description: '名称。' })
  title!: string;
  @Field(() => PersonCategory, { description: '层级。' })
  tier!: PersonCategory;
  @Field(() => TrainingFormat, { description: '形式（须属于该层级，R19）。' })
  format!: TrainingFormat;
  @Field(() => [String], { nullable: true, description: '主题，例如 战略规划、资本运作、法律事务（最多 20 项）。' })
  topics?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业（GB/T 4754 门类或大类代码）；不填为各行业。' })
  targetIndustryCodes?: string[] | null;
  @Field(() => ID, { nullable: true, description: '承办的国家知识产权培训基地（其用户可开设和办理本项目的班次）。' })
  hostId?: string | null;
  @Field(() => [ID], { nullable: true, description: '使用的培训系列教材。' })
  textbookIds?: string[] | null;
}

@InputType('UpdateTrainingProgramInput', { description: '修改培训项目（设立的国家局或省局）：省略的字段不变；层级和形式设立后不能修改；hostId 为 null 表示取消承办基地。' })
class UpdateTrainingProgramInput {
  @Field(() => ID, { description: '项目。' })
  id!: string;
  @Field(() => String, { nullable: true, description: '名称。' })
  title?: string | null;
  @Field(() => [String], { nullable: true, description: '主题（整体替换）。' })
  topics?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业（整体替换）。' })
  targetIndustryCodes?: string[] | null;
  @Field(() => ID, { nullable: true, description: '承办基地；null 取消。' })
  hostId?: string | null;
  @Field(() => [ID], { nullable: true, description: '教材（整体替换）。' })
  textbookIds?: string[] | null;
}

@InputType('CreateTrainingTextbookInput', { description: '登记一册培训系列教材（国家局）。' })
class CreateTrainingTextbookInput {
  @Field(() => String, { description: '书名。' })
  title!: string;
  @Field(() => String, { description: '版次。' })
  edition!: string;
  @Field(() => String, { description: '编者。' })
  editors!: string;
  @Field(() => Int, { description: '出版年份。' })
  publishedYear!: number;
  @Field(() => PersonCategory, { nullable: true, description: '面向的层级；不填为通用。' })
  tier?: PersonCategory | null;
  @Field(() => String, { nullable: true, description: '出版社。' })
  publisher?: string | null;
  @Field(() => String, { nullable: true, description: 'ISBN-13（可含连字符）。' })
  isbn?: string | null;
  @Field(() => [String], { nullable: true, description: '主题。' })
  topics?: string[] | null;
}

@InputType('CreateTrainingBaseInput', { description: '认定国家知识产权培训基地（国家局）。' })
class CreateTrainingBaseInput {
  @Field(() => String, { description: '名称。' })
  name!: string;
  @Field(() => RegionCodeScalar, { description: '所在辖区。' })
  regionCode!: string;
  @Field(() => String, { nullable: true, description: '联系电话。' })
  contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: '联系邮箱。' })
  contactEmail?: string | null;
}

@InputType('ReviewEnrolmentInput', { description: '审核报名（举办方）：通过（APPROVED，报名截止后按优先顺序分配名额）或不予通过（DECLINED，须说明理由）。' })
class ReviewEnrolmentInput {
  @Field(() => ID, { description: '报名。' })
  id!: string;
  @Field(() => Boolean, { description: '是否通过。' })
  approve!: boolean;
  @Field(() => String, { nullable: true, description: '说明（不予通过时必填）。' })
  note?: string | null;
}

@InputType('CreateTrainingSessionInput', { description: '开设班次（国家局或省局）。' })
class CreateTrainingSessionInput {
  @Field(() => ID, { description: '培训项目。' })
  programId!: string;
  @Field(() => DateScalar, { description: '开始日。' })
  startsOn!: string;
  @Field(() => DateScalar, { description: '结束日。' })
  endsOn!: string;
  @Field(() => Int, { description: '名额。' })
  capacity!: number;
  @Field(() => DateScalar, { nullable: true, description: '报名开始日（不填为开设后即可报名）。' })
  registrationOpensOn?: string | null;
  @Field(() => DateScalar, { description: '报名截止日（含当日）。' })
  registrationClosesOn!: string;
  @Field(() => String, { nullable: true, description: '地点。' })
  place?: string | null;
  @Field(() => String, { nullable: true, description: '线上链接。' })
  onlineUrl?: string | null;
  @Field(() => RegionCodeScalar, { nullable: true, description: '举办地辖区（省局开设的为本辖区，培训基地开设的为基地所在辖区）。' })
  regionCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: '报名是否须经举办方审核（默认否：报名即按先后占额）。' })
  approvalRequired?: boolean | null;
}

@InputType('EnrolInput', { description: '报名（企业为本企业人员，省局为本辖区人员）。' })
class EnrolInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
  @Field(() => ID, { description: '人员。' })
  personId!: string;
}

@InputType('CancelEnrolmentInput', { description: '取消报名；空出的名额由第一位候补递补。' })
class CancelEnrolmentInput {
  @Field(() => ID, { description: '报名。' })
  id!: string;
  @Field(() => String, { nullable: true, description: '说明。' })
  note?: string | null;
}

@ObjectType('TrainingProgramPayload', { description: '培训项目。' })
class TrainingProgramPayload {
  @Field(() => TrainingProgram, { description: '项目。' })
  program!: TrainingProgram;
}

@ObjectType('TrainingSessionPayload', { description: '培训班次。' })
class TrainingSessionPayload {
  @Field(() => TrainingSession, { description: '班次。' })
  session!: TrainingSession;
}

@ObjectType('EnrolPayload', { description: '报名结果：BOOKED 或 WAITLISTED。' })
class EnrolPayload {
  @Field(() => Enrolment, { description: '报名。' })
  enrolment!: Enrolment;
}

@ObjectType('CancelEnrolmentPayload', { description: '取消结果。' })
class CancelEnrolmentPayload {
  @Field(() => Enrolment, { description: '已取消的报名。' })
  enrolment!: Enrolment;
  @Field(() => Enrolment, { nullable: true, description: '递补占得名额的候补（如有）。' })
  promoted!: Enrolment | null;
}

@ObjectType('EnrolmentChange', { description: '报名状态的一次变化（保留全部历史）。' })
class EnrolmentChange {
  @Field(() => String, { description: '时间（ISO 8601）。' })
  at!: string;
  @Field(() => EnrolmentStatus, { description: '新状态。' })
  status!: EnrolmentStatus;
  @Field(() => String, { description: '操作者（system 为自动递补）。' })
  by!: string;
  @Field(() => String, { nullable: true, description: '说明。' })
  note!: string | null;
}

@InputType('RecordAttendanceInput', { description: '登记某一天的出勤（举办方）：列出当天到场的人员，其余已占名额者记为缺勤。' })
class RecordAttendanceInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
  @Field(() => DateScalar, { description: '日期（班次内，不晚于今日）。' })
  day!: string;
  @Extensions({ maxItems: 10_000 })
  @Field(() => [ID], { description: '到场人员（最多 10000 名）。' })
  presentPersonIds!: string[];
}

@InputType('SetSessionInstructorsInput', { description: '安排班次的授课教师（举办方）：须为师资库中班次全程在任期内的成员；整体替换原名单。' })
class SetSessionInstructorsInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
  @Field(() => [ID], { description: '授课教师（人员 ID，最多 20 名；空列表表示清空）。' })
  personIds!: string[];
}

@InputType('TrainingCatalogueFilter', { description: '培训目录筛选。' })
class TrainingCatalogueFilter {
  @Field(() => [PersonCategory], { nullable: true, description: '层级之一。' })
  tiers?: PersonCategory[] | null;
  @Field(() => [TrainingFormat], { nullable: true, description: '形式之一。' })
  formats?: TrainingFormat[] | null;
  @Field(() => [RegionCodeScalar], { nullable: true, description: '举办地辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true 只看线上，false 只看现场。' })
  online?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '只看尚有名额的班次。' })
  withOpenSeats?: boolean | null;
  @Field(() => [String], { nullable: true, description: '面向这些行业之一的项目（门类含其大类，大类也匹配其门类）；不面向特定行业的项目不在其内。' })
  industryCodes?: string[] | null;
  @Field(() => [ID], { nullable: true, description: '由这些培训基地承办。' })
  hostIds?: string[] | null;
}

@ObjectType('TrainingSummary', { description: '某年度某层级的培训情况（按班次结束的年份）。' })
class TrainingSummary {
  @Field(() => PersonCategory, { description: '层级。' })
  tier!: PersonCategory;
  @Field(() => Int, { description: '班次数。' })
  sessions!: number;
  @Field(() => Int, { description: '名额合计。' })
  seats!: number;
  @Field(() => Int, { description: '参训人数（曾占得名额：BOOKED、ATTENDED、COMPLETED、NO_SHOW）。' })
  participants!: number;
  @Field(() => Int, { description: '结业人数（获证书）。' })
  completed!: number;
  @Field(() => Int, { description: '未到人数。' })
  noShows!: number;
  @Field(() => Int, { description: '结业人员中报名时来自示范企业的人数。' })
  completedFromDemonstration!: number;
  @Field(() => Int, { description: '结业人员中报名时来自优势企业的人数。' })
  completedFromAdvantage!: number;
}

@Resolver(() => TrainingSession)
export class TrainingResolver {
  @Query(() => [TrainingSummary], { description: '分层培训年度统计（公开，仅合计数）：每个层级一行，可限定举办地辖区。' })
  trainingSummary(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: '年度。' }) year: number,
    @Arg('regionCodes', () => [RegionCodeScalar], { nullable: true, description: '举办地辖区之一（不含国家局的全国性班次）。' }) regionCodes?: string[] | null,
  ): Promise<TrainingSummary[]> {
    return trainingService.summary(ctx, year, regionCodes).then((rows) => rows.map((r) => Object.assign(new TrainingSummary(), r)));
  }

  @Mutation(() => TrainingSession, { description: '安排班次的授课教师（举办方）。' })
  setSessionInstructors(@Ctx() ctx: Context, @Arg('input', () => SetSessionInstructorsInput, { description: '教师名单。' }) input: SetSessionInstructorsInput): Promise<TrainingSession> {
    return trainingService.setInstructors(ctx, input);
  }

  @Mutation(() => Int, { description: '登记出勤，返回到场人数。' })
  recordAttendance(@Ctx() ctx: Context, @Arg('input', () => RecordAttendanceInput, { description: '出勤。' }) input: RecordAttendanceInput): Promise<number> {
    return trainingService.recordAttendance(ctx, input);
  }

  @Mutation(() => [Enrolment], { description: '班次结束后办理结业：出勤达到要求者结业并获证书（COMPLETED），全部缺勤者 NO_SHOW，其余 ATTENDED。' })
  completeTrainingSession(@Ctx() ctx: Context, @Arg('sessionId', () => ID, { description: '班次。' }) sessionId: string): Promise<Enrolment[]> {
    return trainingService.complete(ctx, sessionId);
  }

  @Query(() => Certificate, { nullable: true, description: '公开核验证书：返回证书载明的内容；编号不存在（含伪造）时为 null。' })
  verifyCertificate(@Ctx() ctx: Context, @Arg('number', () => String, { description: '证书编号。' }) number: string): Promise<Certificate | null> {
    return trainingService.verify(ctx.em, number);
  }

  @Mutation(() => TrainingProgramPayload, { description: '设立培训项目。' })
  async createTrainingProgram(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingProgramInput, { description: '项目。' }) input: CreateTrainingProgramInput) {
    return Object.assign(new TrainingProgramPayload(), { program: await trainingService.createProgram(ctx, input) });
  }

  @Mutation(() => TrainingSessionPayload, { description: '开设班次。' })
  async createTrainingSession(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingSessionInput, { description: '班次。' }) input: CreateTrainingSessionInput) {
    return Object.assign(new TrainingSessionPayload(), { session: await trainingService.createSession(ctx, input) });
  }

  @Mutation(() => EnrolPayload, { description: '报名：有空余名额即占额（BOOKED），否则候补（WAITLISTED）。' })
  async enrol(@Ctx() ctx: Context, @Arg('input', () => EnrolInput, { description: '班次和人员。' }) input: EnrolInput) {
    return Object.assign(new EnrolPayload(), { enrolment: await trainingService.enrol(ctx, input) });
  }

  @Mutation(() => TrainingProgramPayload, { description: '修改培训项目（设立的国家局或省局）。' })
  async updateTrainingProgram(@Ctx() ctx: Context, @Arg('input', () => UpdateTrainingProgramInput, { description: '修改。' }) input: UpdateTrainingProgramInput) {
    return Object.assign(new TrainingProgramPayload(), { program: await trainingService.updateProgram(ctx, input) });
  }

  @Mutation(() => TrainingTextbook, { description: '登记一册培训系列教材（国家局）。' })
  createTrainingTextbook(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingTextbookInput, { description: '教材。' }) input: CreateTrainingTextbookInput): Promise<TrainingTextbook> {
    return trainingService.createTextbook(ctx, input);
  }

  @Mutation(() => ServiceOrganization, { description: '认定国家知识产权培训基地（国家局）。' })
  createTrainingBase(@Ctx() ctx: Context, @Arg('input', () => CreateTrainingBaseInput, { description: '培训基地。' }) input: CreateTrainingBaseInput): Promise<ServiceOrganization> {
    return trainingService.createTrainingBase(ctx, input);
  }

  @Mutation(() => Enrolment, { description: '审核报名（举办方）。' })
  reviewEnrolment(@Ctx() ctx: Context, @Arg('input', () => ReviewEnrolmentInput, { description: '审核。' }) input: ReviewEnrolmentInput): Promise<Enrolment> {
    return trainingService.review(ctx, input);
  }

  @Mutation(() => TrainingSession, { description: '报名截止后为须审核的班次分配名额（举办方）：审核通过者按示范企业、优势企业、其他、报名先后的顺序占额，其余候补。未手动分配的，定时任务在截止次日分配。' })
  allocateSessionSeats(@Ctx() ctx: Context, @Arg('sessionId', () => ID, { description: '班次。' }) sessionId: string): Promise<TrainingSession> {
    return trainingService.allocateSeats(ctx, sessionId);
  }

  @Query(() => [TrainingProgram], { description: '培训项目（公开），按层级、名称排列，最多 500 个。' })
  trainingPrograms(
    @Ctx() ctx: Context,
    @Arg('tiers', () => [PersonCategory], { nullable: true, description: '层级之一。' }) tiers?: PersonCategory[] | null,
    @Arg('hostId', () => ID, { nullable: true, description: '承办的培训基地。' }) hostId?: string | null,
  ): Promise<TrainingProgram[]> {
    return trainingService.programs(ctx, { tiers, hostId });
  }

  @Query(() => [TrainingTextbook], { description: '培训系列教材（公开），按书名排列；按层级筛选时含通用教材。' })
  trainingTextbooks(@Ctx() ctx: Context, @Arg('tier', () => PersonCategory, { nullable: true, description: '层级。' }) tier?: PersonCategory | null): Promise<TrainingTextbook[]> {
    return trainingService.textbooks(ctx, tier);
  }

  @Query(() => [ServiceOrganization], { description: '国家知识产权培训基地（公开），按名称排列。' })
  trainingBases(
    @Ctx() ctx: Context,
    @Arg('regionCodes', () => [RegionCodeScalar], { nullable: true, description: '所在辖区之一。' }) regionCodes?: string[] | null,
  ): Promise<ServiceOrganization[]> {
    return trainingService.bases(ctx, regionCodes);
  }

  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description: '报名名单（按报名时间）：举办方和国家局看全部；省局看本辖区人员和本局办理的；企业看本企业人员；本人看自己；未登录为 null。',
  })
  async enrolments(
    @Root() s: TrainingSession,
    @Ctx() ctx: Context,
    @Arg('statuses', () => [EnrolmentStatus], { nullable: true, description: '状态之一。' }) statuses?: EnrolmentStatus[] | null,
  ): Promise<Enrolment[] | null> {
    if (ctx.viewer.kind === 'ANONYMOUS') return null;
    if (statuses && !statuses.length) return [];
    return ctx.loaders.training.enrolmentsBySession.load(`${s.id}|${statusVariant(statuses)}`);
  }

  @Mutation(() => CancelEnrolmentPayload, { description: '取消报名。' })
  async cancelEnrolment(@Ctx() ctx: Context, @Arg('input', () => CancelEnrolmentInput, { description: '报名。' }) input: CancelEnrolmentInput) {
    return Object.assign(new CancelEnrolmentPayload(), await trainingService.cancel(ctx, input));
  }

  @Query(() => [TrainingSession], { description: '培训目录（公开）：即将开始的班次，按开始日排列（最多 200 个），可按层级、形式、辖区、线上/现场、是否有余额筛选。' })
  async upcomingTrainingSessions(
    @Ctx() ctx: Context,
    @Arg('filter', () => TrainingCatalogueFilter, { nullable: true, description: '筛选。' }) filter?: TrainingCatalogueFilter | null,
  ): Promise<TrainingSession[]> {
    return trainingService.catalogue(ctx, filter ?? {});
  }

  @FieldResolver(() => TrainingProgram, { description: '所属项目。' })
  async program(@Root() s: TrainingSession, @Ctx() ctx: Context): Promise<TrainingProgram> {
    return (await ctx.loaders.training.programById.load(s.program.id))!;
  }

  @FieldResolver(() => [ExpertDirectoryEntry], { description: '授课教师（师资库成员的公开信息）。' })
  instructors(@Root() s: TrainingSession, @Ctx() ctx: Context): Promise<ExpertDirectoryEntry[]> {
    return ctx.loaders.training.instructorsBySession.load(s.id);
  }

  @FieldResolver(() => Int, { description: '剩余名额：名额减去已占额（BOOKED）和审核通过待分配（APPROVED）的人数。' })
  async seatsLeft(@Root() s: TrainingSession, @Ctx() ctx: Context): Promise<number> {
    return Math.max(0, s.capacity - (await ctx.loaders.training.bookedSeatsBySession.load(s.id)));
  }
}

@ObjectType('TrainingRecord', { description: '企业人员的培训记录。' })
class TrainingRecord {
  @Field(() => String, { description: '姓名。' })
  personName!: string;
  @Field(() => String, { description: '培训项目。' })
  programTitle!: string;
  @Field(() => PersonCategory, { description: '层级。' })
  tier!: PersonCategory;
  @Field(() => Int, { description: '年度（班次结束的年份）。' })
  year!: number;
  @Field(() => EnrolmentStatus, { description: 'COMPLETED 结业或 ATTENDED 参加。' })
  status!: EnrolmentStatus;
  @Field(() => String, { nullable: true, description: '证书编号。' })
  certificateNumber!: string | null;
}

@Resolver(() => Enterprise)
export class EnterpriseTrainingResolver {
  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description: '本企业人员的报名（含待审核、候补、已取消），按报名时间倒序，最多 500 条：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async trainingEnrolments(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Arg('statuses', () => [EnrolmentStatus], { nullable: true, description: '状态之一。' }) statuses?: EnrolmentStatus[] | null,
  ): Promise<Enrolment[] | null> {
    if (!hasFullEnterpriseAccess(ctx.viewer, factsOf(e))) return null;
    if (statuses && !statuses.length) return [];
    return ctx.loaders.training.enrolmentsByEnterprise.load(`${e.id}|${statusVariant(statuses)}`);
  }

  @FieldResolver(() => [TrainingRecord], {
    nullable: true,
    description: '本企业人员参加过的培训（结业或参加），可按年度筛选：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async trainingRecords(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true, description: '年度。' }) year?: number | null,
  ): Promise<TrainingRecord[] | null> {
    if (!hasFullEnterpriseAccess(ctx.viewer, factsOf(e))) return null;
    const rows = await ctx.loaders.training.trainingRecordsByEnterprise.load(`${e.id}|${year ?? '*'}`);
    return rows.map((r) =>
      Object.assign(new TrainingRecord(), { personName: r.person_name, programTitle: r.title, tier: r.tier, year: r.year, status: r.status, certificateNumber: r.number }),
    );
  }
}

@Resolver(() => TrainingProgram)
export class TrainingProgramResolver {
  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '承办的国家知识产权培训基地。' })
  async host(@Root() p: TrainingProgram, @Ctx() ctx: Context): Promise<ServiceOrganization | null> {
    return p.host ? ((await ctx.loaders.training.organizationById.load(p.host.id)) ?? null) : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: '设立的省局辖区；国家局设立的为 null。' })
  organizer(@Root() p: TrainingProgram, @Ctx() ctx: Context): Region | null {
    return p.organizerRegionCode ? (ctx.reference.region(p.organizerRegionCode) ?? null) : null;
  }

  @FieldResolver(() => [Industry], { description: '面向的行业；空列表为各行业。' })
  targetIndustries(@Root() p: TrainingProgram, @Ctx() ctx: Context): Industry[] {
    return p.targetIndustryCodes.map((c) => ctx.reference.industry(c)).filter((i): i is Industry => !!i);
  }

  @FieldResolver(() => [TrainingTextbook], { description: '使用的培训系列教材。' })
  textbooks(@Root() p: TrainingProgram, @Ctx() ctx: Context): Promise<TrainingTextbook[]> {
    return ctx.loaders.training.textbooksByProgram.load(p.id);
  }
}

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @FieldResolver(() => TrainingSession, { description: '班次。' })
  async session(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<TrainingSession> {
    return (await ctx.loaders.training.sessionById.load(e.session.id))!;
  }

  @FieldResolver(() => String, { description: '报名人员姓名（能看到报名者均可见）。' })
  async personName(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.training.personById.load(e.person.id))!.name;
  }

  @FieldResolver(() => Person, { nullable: true, description: '报名人员的档案（按人员的可见范围，其他人为 null）。' })
  async person(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<Person | null> {
    const p = await ctx.loaders.training.personById.load(e.person.id);
    return p && canSeePerson(ctx, p) ? p : null;
  }

  @FieldResolver(() => Certificate, { nullable: true, description: '结业证书（结业时）。' })
  certificate(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<Certificate | null> {
    return ctx.loaders.training.certificateByEnrolment.load(e.id);
  }

  @FieldResolver(() => [EnrolmentChange], { description: '全部状态变化。' })
  history(@Root() e: Enrolment): EnrolmentChange[] {
    return e.history.map((h) => Object.assign(new EnrolmentChange(), { at: h.at, status: h.status, by: h.by, note: h.note ?? null }));
  }
}
