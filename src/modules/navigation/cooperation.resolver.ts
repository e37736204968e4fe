import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { CollaborationAgreement, CollaborationPartner, StandardParticipation } from './cooperation.entity.js';
import {
  CollaborationAgreementConnection,
  CooperationFilter,
  RecordCollaborationAgreementInput,
  RecordCollaborationAgreementPayload,
  RecordStandardParticipationInput,
  RecordStandardParticipationPayload,
  StandardParticipationConnection,
  UpdateCollaborationAgreementInput,
  UpdateCollaborationAgreementPayload,
  UpdateStandardParticipationInput,
  UpdateStandardParticipationPayload,
} from './cooperation.inputs.js';
import { cooperationService } from './cooperation.service.js';

const enterpriseName = async (ctx: Context, id: string) => (await ctx.loaders.service.enterpriseFacts.load(id))?.name ?? '';

@Resolver(() => CollaborationAgreement)
export class CollaborationAgreementResolver {
  @Query(() => CollaborationAgreementConnection, { description: '企业牵头的协同创新合作（D 四(一)二），新登记的在前：企业看本企业的，省局看本辖区企业的，国家局看全部。' })
  async collaborationAgreements(
    @Ctx() ctx: Context,
    @Arg('filter', () => CooperationFilter, { nullable: true, description: '筛选。' }) filter: CooperationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return CollaborationAgreementConnection.from(await cooperationService.collaborations(ctx, filter, args));
  }

  @Mutation(() => RecordCollaborationAgreementPayload, { description: '登记企业牵头的一项协同创新合作（企业本身、所在辖区省局或国家局）。' })
  async recordCollaborationAgreement(@Ctx() ctx: Context, @Arg('input', () => RecordCollaborationAgreementInput, { description: '合作。' }) input: RecordCollaborationAgreementInput): Promise<RecordCollaborationAgreementPayload> {
    return Object.assign(new RecordCollaborationAgreementPayload(), { agreement: await cooperationService.recordCollaboration(ctx, input) });
  }

  @Mutation(() => UpdateCollaborationAgreementPayload, { description: '修改协同创新合作（例如补登形成的专利申请、结束日）。' })
  async updateCollaborationAgreement(@Ctx() ctx: Context, @Arg('input', () => UpdateCollaborationAgreementInput, { description: '修改。' }) input: UpdateCollaborationAgreementInput): Promise<UpdateCollaborationAgreementPayload> {
    return Object.assign(new UpdateCollaborationAgreementPayload(), { agreement: await cooperationService.updateCollaboration(ctx, input) });
  }

  @FieldResolver(() => [CollaborationPartner], { description: '合作方（至多 30 个）。' })
  partners(@Root() a: CollaborationAgreement): CollaborationPartner[] {
    return a.partners.map((p) => Object.assign(new CollaborationPartner(), p));
  }

  @FieldResolver(() => String, { description: '牵头企业名称。' })
  enterpriseName(@Root() a: CollaborationAgreement, @Ctx() ctx: Context): Promise<string> {
    return enterpriseName(ctx, a.enterprise.id);
  }
}

@Resolver(() => StandardParticipation)
export class StandardParticipationResolver {
  @Query(() => StandardParticipationConnection, { description: '企业主导或参与制定的标准（D 四(一)四），新登记的在前：企业看本企业的，省局看本辖区企业的，国家局看全部。' })
  async standardParticipations(
    @Ctx() ctx: Context,
    @Arg('filter', () => CooperationFilter, { nullable: true, description: '筛选（applicationNumber：声明了这件必要专利的）。' }) filter: CooperationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return StandardParticipationConnection.from(await cooperationService.standards(ctx, filter, args));
  }

  @Mutation(() => RecordStandardParticipationPayload, { description: '登记企业主导或参与制定的一项标准（企业本身、所在辖区省局或国家局）。' })
  async recordStandardParticipation(@Ctx() ctx: Context, @Arg('input', () => RecordStandardParticipationInput, { description: '标准。' }) input: RecordStandardParticipationInput): Promise<RecordStandardParticipationPayload> {
    return Object.assign(new RecordStandardParticipationPayload(), { standard: await cooperationService.recordStandard(ctx, input) });
  }

  @Mutation(() => UpdateStandardParticipationPayload, { description: '修改标准记录（例如登记发布日期和声明的必要专利）。' })
  async updateStandardParticipation(@Ctx() ctx: Context, @Arg('input', () => UpdateStandardParticipationInput, { description: '修改。' }) input: UpdateStandardParticipationInput): Promise<UpdateStandardParticipationPayload> {
    return Object.assign(new UpdateStandardParticipationPayload(), { standard: await cooperationService.updateStandard(ctx, input) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  enterpriseName(@Root() s: StandardParticipation, @Ctx() ctx: Context): Promise<string> {
    return enterpriseName(ctx, s.enterprise.id);
  }
}
