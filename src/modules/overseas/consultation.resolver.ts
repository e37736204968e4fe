import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { directoryEntry, ExpertDirectoryEntry } from '../talent/expert-directory.js';
import { OverseasConsultation } from './consultation.entity.js';
import {
  AnswerOverseasConsultingInput,
  CancelOverseasConsultingInput,
  ConsultingCandidate,
  MatchOverseasConsultingInput,
  OverseasConsultationConnection,
  OverseasConsultationFilter,
  RequestOverseasConsultingPayload,
  MatchOverseasConsultingPayload,
  AnswerOverseasConsultingPayload,
  CancelOverseasConsultingPayload,
  RequestOverseasConsultingInput,
} from './consultation.inputs.js';
import { consultationService } from './consultation.service.js';


@Resolver(() => OverseasConsultation)
export class OverseasConsultationResolver {
  @Query(() => OverseasConsultationConnection, { description: '海外知识产权专家咨询请求，新提出的在前：企业看本企业的，省局看本辖区企业的，驻外工作站看涉及其覆盖国家的，专家和服务机构看对接给自己的，国家局看全部。' })
  async overseasConsultations(
    @Ctx() ctx: Context,
    @Arg('filter', () => OverseasConsultationFilter, { nullable: true, description: '筛选。' }) filter: OverseasConsultationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return OverseasConsultationConnection.from(await consultationService.list(ctx, filter, args));
  }

  @Query(() => [ConsultingCandidate], { description: '可为咨询请求对接的专家（公开人才库在任成员）和服务机构（覆盖所涉国家的驻外工作站在前），专业领域相符的越多越靠前（国家局、覆盖所涉国家的驻外工作站）。' })
  overseasConsultingCandidates(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: '咨询请求。' }) id: string,
    @Arg('first', () => Int, { defaultValue: 10, description: '专家和机构各至多几个（1–20）。' }) first: number,
  ): Promise<ConsultingCandidate[]> {
    return consultationService.candidates(ctx, id, first);
  }

  @Mutation(() => RequestOverseasConsultingPayload, { description: '企业提出海外知识产权专家咨询请求（海外布局、维权咨询、展会法律服务）。' })
  async requestOverseasConsulting(@Ctx() ctx: Context, @Arg('input', () => RequestOverseasConsultingInput, { description: '请求。' }) input: RequestOverseasConsultingInput): Promise<InstanceType<typeof RequestOverseasConsultingPayload>> {
    return Object.assign(new RequestOverseasConsultingPayload(), { consultation: await consultationService.request(ctx, input) });
  }

  @Mutation(() => MatchOverseasConsultingPayload, { description: '对接专家和/或服务机构（国家局、覆盖所涉国家的驻外工作站）；未答复前可改对接。' })
  async matchOverseasConsulting(@Ctx() ctx: Context, @Arg('input', () => MatchOverseasConsultingInput, { description: '对接。' }) input: MatchOverseasConsultingInput): Promise<InstanceType<typeof MatchOverseasConsultingPayload>> {
    return Object.assign(new MatchOverseasConsultingPayload(), { consultation: await consultationService.match(ctx, input) });
  }

  @Mutation(() => AnswerOverseasConsultingPayload, { description: '对接的专家或服务机构答复。' })
  async answerOverseasConsulting(@Ctx() ctx: Context, @Arg('input', () => AnswerOverseasConsultingInput, { description: '答复。' }) input: AnswerOverseasConsultingInput): Promise<InstanceType<typeof AnswerOverseasConsultingPayload>> {
    return Object.assign(new AnswerOverseasConsultingPayload(), { consultation: await consultationService.answer(ctx, input) });
  }

  @Mutation(() => CancelOverseasConsultingPayload, { description: '企业取消未答复的请求。' })
  async cancelOverseasConsulting(@Ctx() ctx: Context, @Arg('input', () => CancelOverseasConsultingInput, { description: '取消。' }) input: CancelOverseasConsultingInput): Promise<InstanceType<typeof CancelOverseasConsultingPayload>> {
    return Object.assign(new CancelOverseasConsultingPayload(), { consultation: await consultationService.cancel(ctx, input) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  async enterpriseName(@Root() c: OverseasConsultation, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(c.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => ExpertDirectoryEntry, { nullable: true, description: '对接的专家（公开信息）。' })
  async expert(@Root() c: OverseasConsultation, @Ctx() ctx: Context): Promise<ExpertDirectoryEntry | null> {
    if (!c.expert) return null;
    const person = await ctx.loaders.training.personById.load(c.expert.id);
    if (!person) return null;
    return directoryEntry(person, await ctx.loaders.talent.publicMembershipsByPerson.load(c.expert.id), ctx.clock.today());
  }

  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '对接的服务机构。' })
  organization(@Root() c: OverseasConsultation, @Ctx() ctx: Context): Promise<ServiceOrganization | null> | null {
    return c.organization ? ctx.loaders.organization.byId.load(c.organization.id) : null;
  }
}
