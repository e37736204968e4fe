import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Field, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { Transition } from '../audit/history.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { Designation } from '../designation/designation.entity.js';
import { DesignationConnection } from '../designation/reexamination.inputs.js';
import { UnmetCondition } from '../application/eligibility.js';
import { AdvantageApplication, AdvantageBatch, CultivationReport } from './advantage.entity.js';
import {
  AdvantageApplicationConnection,
  AdvantageApplicationFilter,
  AdvantageCultivationFilter,
  ReviewAdvantageApplicationPayload,
  SaveAdvantageApplicationPayload,
  SetAdvantageBatchPayload,
  SubmitAdvantageApplicationInput,
  SubmitAdvantageApplicationPayload,
  SubmitAdvantageBatchPayload,
  SubmitCultivationReportPayload,
  WithdrawFromCultivationPayload,
  ConfirmAdvantageBatchInput,
  ConfirmAdvantageBatchPayload,
  Cultivation,
  RecordMidTermCheckInput,
  RecordMidTermCheckPayload,
  ReviewAdvantageApplicationInput,
  SaveAdvantageApplicationInput,
  SetAdvantageBatchInput,
  SubmitAdvantageBatchInput,
  SubmitCultivationReportInput,
  WithdrawFromCultivationInput,
} from './advantage.inputs.js';
import { advantageService } from './advantage.service.js';
import { cultivationService } from './cultivation.service.js';

@ObjectType('AdvantageEligibility', { description: '优势企业申报条件的检查结果。' })
export class AdvantageEligibility {
  @Field(() => Enterprise, { description: '企业。' })
  enterprise!: Enterprise;

  @Field(() => DateScalar, { description: '检查的日期。' })
  asOf!: string;

  @Field(() => Boolean, { description: '是否满足全部条件。' })
  eligible!: boolean;

  @Field(() => [UnmetCondition], { description: '未满足的条件：A1 贯标、A3 已持有有效称号、R12 近 3 年违规、R13 禁止申报期。' })
  unmet!: UnmetCondition[];
}

const files = async (ctx: Context, ids: readonly string[]) => (await ctx.loaders.file.visibleById.loadMany([...ids])).filter((f): f is StoredFile => f instanceof StoredFile);

@Resolver(() => AdvantageApplication)
export class AdvantageApplicationResolver {
  @Query(() => [AdvantageBatch], { description: '某年度的优势企业培育批次：省局看本辖区，国家局看全部。' })
  advantageBatches(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<AdvantageBatch[]> {
    return advantageService.batches(ctx, year);
  }

  @Query(() => AdvantageApplicationConnection, { description: '优势企业申报（新的在前）：省局本辖区，国家局全部或按辖区。' })
  async advantageApplications(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AdvantageApplicationFilter, { nullable: true, description: '筛选条件。' }) filter?: AdvantageApplicationFilter | null,
  ) {
    return AdvantageApplicationConnection.from(await advantageService.list(ctx, filter, args));
  }

  @Query(() => DesignationConnection, { description: '省局跟踪的优势企业培育期（本辖区；国家局全部或按辖区）：可筛选在培育期内、中期检查待办、年度报告逾期；开始早的在前。每项的 cultivation 字段给出详情。' })
  async advantageCultivations(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AdvantageCultivationFilter, { nullable: true, description: '筛选条件。' }) filter?: AdvantageCultivationFilter | null,
  ) {
    return DesignationConnection.from(await cultivationService.cultivations(ctx, filter, args));
  }

  @Query(() => AdvantageEligibility, { description: '某企业在某日（默认今日）是否满足优势企业申报条件（国家局、本辖区省局和本企业可查）。' })
  async advantageEligibility(
    @Ctx() ctx: Context,
    @Arg('enterpriseId', () => ID, { description: '企业的全局 ID。' }) enterpriseId: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '日期；不填为今日。' }) asOf?: string | null,
  ): Promise<AdvantageEligibility> {
    return Object.assign(new AdvantageEligibility(), await advantageService.eligibility(ctx, enterpriseId, asOf));
  }

  @Mutation(() => SetAdvantageBatchPayload, { description: '设置本辖区某年度优势企业培育批次的受理期（省局）。' })
  async setAdvantageBatch(@Ctx() ctx: Context, @Arg('input', () => SetAdvantageBatchInput, { description: '批次。' }) input: SetAdvantageBatchInput): Promise<SetAdvantageBatchPayload> {
    return Object.assign(new SetAdvantageBatchPayload(), { batch: await advantageService.setBatch(ctx, input) });
  }

  @Mutation(() => SaveAdvantageApplicationPayload, { description: '保存优势企业申报草稿（企业用户，本企业；只修改给出的字段）。' })
  async saveAdvantageApplication(@Ctx() ctx: Context, @Arg('input', () => SaveAdvantageApplicationInput, { description: '申报内容。' }) input: SaveAdvantageApplicationInput): Promise<SaveAdvantageApplicationPayload> {
    return Object.assign(new SaveAdvantageApplicationPayload(), { application: await advantageService.save(ctx, input) });
  }

  @Mutation(() => SubmitAdvantageApplicationPayload, { description: '在本辖区批次的受理期内提交优势企业申报（A2）；不满足条件时 RULE_VIOLATION，extensions.unmet 列出全部未满足的条件。' })
  async submitAdvantageApplication(@Ctx() ctx: Context, @Arg('input', () => SubmitAdvantageApplicationInput, { description: '申报与版本号。' }) input: SubmitAdvantageApplicationInput): Promise<SubmitAdvantageApplicationPayload> {
    return Object.assign(new SubmitAdvantageApplicationPayload(), { application: await advantageService.submit(ctx, input.id, input.version) });
  }

  @Mutation(() => ReviewAdvantageApplicationPayload, { description: '省局审核本辖区的优势企业申报：通过（报国家局确认，或按规则设置即认定）或不通过（附理由）。' })
  async reviewAdvantageApplication(@Ctx() ctx: Context, @Arg('input', () => ReviewAdvantageApplicationInput, { description: '审核结论。' }) input: ReviewAdvantageApplicationInput): Promise<ReviewAdvantageApplicationPayload> {
    return Object.assign(new ReviewAdvantageApplicationPayload(), await advantageService.review(ctx, input));
  }

  @Mutation(() => SubmitAdvantageBatchPayload, { description: '省局报送本年度审核通过的优势企业名单（全部申报审核完毕后）：报国家局确认；或“省局认定”且规则设置须公示时，开始公示。' })
  async submitAdvantageBatch(@Ctx() ctx: Context, @Arg('input', () => SubmitAdvantageBatchInput, { description: '年度与版本号。' }) input: SubmitAdvantageBatchInput): Promise<SubmitAdvantageBatchPayload> {
    return Object.assign(new SubmitAdvantageBatchPayload(), await advantageService.submitBatch(ctx, input));
  }

  @Mutation(() => ConfirmAdvantageBatchPayload, { description: '国家局确认省局报送的优势企业名单：其余申报认定为优势企业，培育期自认定日起；规则设置须公示时，名单先公示。' })
  async confirmAdvantageBatch(@Ctx() ctx: Context, @Arg('input', () => ConfirmAdvantageBatchInput, { description: '确认。' }) input: ConfirmAdvantageBatchInput): Promise<ConfirmAdvantageBatchPayload> {
    return Object.assign(new ConfirmAdvantageBatchPayload(), await advantageService.confirmBatch(ctx, input));
  }

  @FieldResolver(() => [StoredFile], { description: '附件。' })
  attachments(@Root() a: AdvantageApplication, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return files(ctx, a.attachmentIds);
  }

  @FieldResolver(() => [Transition], { description: '全部状态变化：保存、提交、省局审核、国家局确认（操作者、时间、理由）。' })
  history(@Root() a: AdvantageApplication, @Ctx() ctx: Context): Promise<Transition[]> {
    return ctx.loaders.audit.historyByObject.load(`AdvantageApplication:${a.id}`);
  }

  @FieldResolver(() => Enterprise, { description: '申报企业。' })
  async enterprise(@Root() a: AdvantageApplication, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.enterprise.visibleById.load(a.enterprise.id))!;
  }
}

@Resolver(() => CultivationReport)
export class CultivationReportResolver {
  @Mutation(() => SubmitCultivationReportPayload, { description: '提交（或在期限前修改）培育期的年度进展报告（企业，本企业）。' })
  async submitCultivationReport(@Ctx() ctx: Context, @Arg('input', () => SubmitCultivationReportInput, { description: '报告。' }) input: SubmitCultivationReportInput): Promise<SubmitCultivationReportPayload> {
    return Object.assign(new SubmitCultivationReportPayload(), { report: await cultivationService.submitReport(ctx, input) });
  }

  @Mutation(() => RecordMidTermCheckPayload, { description: '记录本辖区优势企业的中期检查（省局）：不通过即退出培育。' })
  async recordMidTermCheck(@Ctx() ctx: Context, @Arg('input', () => RecordMidTermCheckInput, { description: '检查结果。' }) input: RecordMidTermCheckInput): Promise<RecordMidTermCheckPayload> {
    return Object.assign(new RecordMidTermCheckPayload(), await cultivationService.recordMidTermCheck(ctx, input));
  }

  @Mutation(() => WithdrawFromCultivationPayload, { description: '退出优势企业培育（企业主动退出，或所在辖区省局代为办理）：称号自今日终止，不设禁止申报期。' })
  async withdrawFromCultivation(@Ctx() ctx: Context, @Arg('input', () => WithdrawFromCultivationInput, { description: '退出。' }) input: WithdrawFromCultivationInput): Promise<WithdrawFromCultivationPayload> {
    return Object.assign(new WithdrawFromCultivationPayload(), { designation: await cultivationService.withdraw(ctx, input) });
  }

  @FieldResolver(() => [StoredFile], { description: '附件。' })
  attachments(@Root() r: CultivationReport, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return files(ctx, r.attachmentIds);
  }
}

@Resolver(() => Designation)
export class DesignationCultivationResolver {
  @FieldResolver(() => Cultivation, { nullable: true, description: '优势企业认定的培育期（年度报告、中期检查、期满或退出）：国家局、本辖区省局和本企业可见；示范企业认定和其他人为 null。' })
  cultivation(@Root() d: Designation, @Ctx() ctx: Context): Promise<Cultivation | null> {
    return cultivationService.cultivationFor(ctx, d);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseAdvantageResolver {
  @FieldResolver(() => [AdvantageApplication], { nullable: true, description: '优势企业申报，新的年度在前：国家局、本辖区省局和本企业可见，其他人为 null。' })
  advantageApplications(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<AdvantageApplication[] | null> {
    return advantageService.applicationsOf(ctx, e);
  }
}
