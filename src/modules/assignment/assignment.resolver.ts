import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { AssignmentFactors, LiaisonAssignment } from './assignment.entity.js';
import { AssignLiaisonOfficerInput, EndLiaisonAssignmentInput, LiaisonAssignmentConnection, LiaisonAssignmentFilter, LiaisonCandidates } from './assignment.inputs.js';
import { AssignLiaisonOfficerPayload, EndLiaisonAssignmentPayload, LiaisonAssignmentReport } from './assignment.payloads.js';
import { seesFactors } from './assignment.policy.js';
import { assignmentService } from './assignment.service.js';
import { LiaisonOfficer } from './officer.entity.js';
import { assignmentReport } from './report.service.js';

@Resolver(() => LiaisonAssignment)
export class LiaisonAssignmentResolver {
  @Query(() => LiaisonAssignmentConnection, { description: '联络员指派及其历史（新的在前）：国家局看全部，省局看本局的和国家局对本辖区企业的，企业看本企业的。' })
  async liaisonAssignments(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => LiaisonAssignmentFilter, { nullable: true, description: '筛选条件。' }) filter?: LiaisonAssignmentFilter | null,
  ) {
    return LiaisonAssignmentConnection.from(await assignmentService.list(ctx, filter, args));
  }

  @Query(() => LiaisonCandidates, {
    description: '一家示范企业的候选联络员（R17）：本局全部联络员，可指派的按匹配分（地区、行业、连续性、语言、负荷）从高到低，不能指派的附原因（利益冲突的具体原因只对国家局显示）。国家局可查看省局的（bureauCode）。',
  })
  liaisonCandidates(
    @Ctx() ctx: Context,
    @Arg('enterpriseId', () => ID, { description: '企业的全局 ID。' }) enterpriseId: string,
    @Arg('bureauCode', () => String, { nullable: true, description: '指派的局；不填为本局。' }) bureauCode?: string | null,
  ) {
    return assignmentService.candidates(ctx, enterpriseId, bureauCode);
  }

  @Query(() => LiaisonAssignmentReport, { description: '联络工作统计：各联络员负荷、各地区未指派的示范企业、平均指派天数、每次指派的联系记录数（国家局可查看任一局，省局本局）。' })
  liaisonAssignmentReport(@Ctx() ctx: Context, @Arg('bureauCode', () => String, { nullable: true, description: '局；不填为本局。' }) bureauCode?: string | null) {
    return assignmentReport(ctx, bureauCode);
  }

  @Mutation(() => AssignLiaisonOfficerPayload, {
    description: '手工指派或改派联络员（R17，附理由）：原指派自今日结束。非示范企业、省局辖区外、利益冲突、暂停、离岗、不在岗或名额已满返回 RULE_VIOLATION R17（condition 给出原因）；已是现任为 CONFLICT。',
  })
  async assignLiaisonOfficer(@Ctx() ctx: Context, @Arg('input', () => AssignLiaisonOfficerInput, { description: '指派。' }) input: AssignLiaisonOfficerInput) {
    return Object.assign(new AssignLiaisonOfficerPayload(), await assignmentService.assign(ctx, input));
  }

  @Mutation(() => EndLiaisonAssignmentPayload, { description: '手工结束一项现任指派（附理由）：企业退回待指派。' })
  async endLiaisonAssignment(@Ctx() ctx: Context, @Arg('input', () => EndLiaisonAssignmentInput, { description: '结束。' }) input: EndLiaisonAssignmentInput) {
    return Object.assign(new EndLiaisonAssignmentPayload(), { assignment: await assignmentService.end(ctx, input) });
  }

  @FieldResolver(() => Enterprise, { description: '企业。' })
  async enterprise(@Root() a: LiaisonAssignment, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.enterprise.visibleById.load(a.enterprise.id))!;
  }

  @FieldResolver(() => LiaisonOfficer, { nullable: true, description: '联络员（企业用户看到 null，见 officerName）。' })
  officer(@Root() a: LiaisonAssignment, @Ctx() ctx: Context): Promise<LiaisonOfficer | null> {
    return ctx.loaders.assignment.officerById.load(a.officer.id);
  }

  @FieldResolver(() => String, { description: '联络员姓名。' })
  async officerName(@Root() a: LiaisonAssignment, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.assignment.officerNameById.load(a.officer.id)) ?? '';
  }

  @FieldResolver(() => AssignmentFactors, { nullable: true, description: '指派时的匹配分构成（只对知识产权局显示）。' })
  factors(@Root() a: LiaisonAssignment, @Ctx() ctx: Context): AssignmentFactors | null {
    return seesFactors(ctx.viewer) ? (a.factors ?? null) : null;
  }
}
