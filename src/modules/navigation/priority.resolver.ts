import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { PriorityExaminationRequest } from './priority.entity.js';
import {
  DecidePriorityExaminationInput,
  DecidePriorityExaminationPayload,
  PriorityExaminationConnection,
  PriorityExaminationFilter,
  PriorityExaminationHistoryEntry,
  PriorityExaminationQuotaRow,
  RecordPriorityExaminationOutcomeInput,
  RecordPriorityExaminationOutcomePayload,
  RequestPriorityExaminationInput,
  RequestPriorityExaminationPayload,
  SetPriorityExaminationQuotaInput,
  SetPriorityExaminationQuotaPayload,
  WithdrawPriorityExaminationInput,
  WithdrawPriorityExaminationPayload,
} from './priority.inputs.js';
import { priorityService } from './priority.service.js';

const row = (r: object) => Object.assign(new PriorityExaminationQuotaRow(), r);

@Resolver(() => PriorityExaminationRequest)
export class PriorityExaminationResolver {
  @Query(() => PriorityExaminationConnection, { description: '优先审查推荐请求（R21），新提出的在前：企业看本企业的，省局看本辖区企业的，国家局看全部。' })
  async priorityExaminationRequests(
    @Ctx() ctx: Context,
    @Arg('filter', () => PriorityExaminationFilter, { nullable: true, description: '筛选。' }) filter: PriorityExaminationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return PriorityExaminationConnection.from(await priorityService.list(ctx, filter, args));
  }

  @Query(() => [PriorityExaminationQuotaRow], { description: '某年各省局的优先审查推荐名额及使用情况（R21）：国家局看 37 个省局，省局看本局。' })
  async priorityExaminationQuotas(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<PriorityExaminationQuotaRow[]> {
    return (await priorityService.quotas(ctx, year)).map(row);
  }

  @Mutation(() => RequestPriorityExaminationPayload, { description: '企业请求省局推荐本企业关键技术领域的一件专利申请进行优先审查（R21：须为现有效的示范企业或优势企业）。' })
  async requestPriorityExamination(@Ctx() ctx: Context, @Arg('input', () => RequestPriorityExaminationInput, { description: '请求。' }) input: RequestPriorityExaminationInput): Promise<RequestPriorityExaminationPayload> {
    return Object.assign(new RequestPriorityExaminationPayload(), { request: await priorityService.request(ctx, input) });
  }

  @Mutation(() => WithdrawPriorityExaminationPayload, { description: '企业撤回待审核的优先审查推荐请求。' })
  async withdrawPriorityExamination(@Ctx() ctx: Context, @Arg('input', () => WithdrawPriorityExaminationInput, { description: '请求。' }) input: WithdrawPriorityExaminationInput): Promise<WithdrawPriorityExaminationPayload> {
    return Object.assign(new WithdrawPriorityExaminationPayload(), { request: await priorityService.withdraw(ctx, input) });
  }

  @Mutation(() => DecidePriorityExaminationPayload, { description: '省局审核本辖区企业的请求：推荐（占用本局当年的一个名额，用完即不能再推荐，R21）或不予推荐（附理由）。' })
  async decidePriorityExamination(@Ctx() ctx: Context, @Arg('input', () => DecidePriorityExaminationInput, { description: '决定。' }) input: DecidePriorityExaminationInput): Promise<DecidePriorityExaminationPayload> {
    return Object.assign(new DecidePriorityExaminationPayload(), { request: await priorityService.decide(ctx, input) });
  }

  @Mutation(() => RecordPriorityExaminationOutcomePayload, { description: '登记已推荐申请的审查结果（同意或不同意优先审查、决定日；同意的可补授权日）。' })
  async recordPriorityExaminationOutcome(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordPriorityExaminationOutcomeInput, { description: '结果。' }) input: RecordPriorityExaminationOutcomeInput,
  ): Promise<RecordPriorityExaminationOutcomePayload> {
    return Object.assign(new RecordPriorityExaminationOutcomePayload(), { request: await priorityService.recordOutcome(ctx, input) });
  }

  @Mutation(() => SetPriorityExaminationQuotaPayload, { description: '国家局下达某省局某年的优先审查推荐名额（不少于该局当年已推荐的数目）。' })
  async setPriorityExaminationQuota(@Ctx() ctx: Context, @Arg('input', () => SetPriorityExaminationQuotaInput, { description: '名额。' }) input: SetPriorityExaminationQuotaInput): Promise<SetPriorityExaminationQuotaPayload> {
    return Object.assign(new SetPriorityExaminationQuotaPayload(), { quota: row(await priorityService.setQuota(ctx, input)) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  async enterpriseName(@Root() r: PriorityExaminationRequest, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(r.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '企业（按企业名录的可见范围，看不到的为 null）。' })
  enterprise(@Root() r: PriorityExaminationRequest, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(r.enterprise.id);
  }

  @FieldResolver(() => [PriorityExaminationHistoryEntry], { description: '状态和结果的全部变化（时间、操作人、意见）。' })
  history(@Root() r: PriorityExaminationRequest): PriorityExaminationHistoryEntry[] {
    return r.history.map((h) => Object.assign(new PriorityExaminationHistoryEntry(), { ...h, at: new Date(h.at), outcome: h.outcome ?? null, note: h.note ?? null }));
  }
}
