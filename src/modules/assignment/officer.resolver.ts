import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Bureau } from '../region/bureau.entity.js';
import { LiaisonConflictDeclaration, LiaisonConflictKind, LiaisonOfficer } from './officer.entity.js';
import { may } from '../../common/policy.js';
import { isUser } from '../../common/viewer.policy.js';
import { assignmentActions } from './assignment.policy.js';
import {
  DeclareLiaisonConflictInput,
  DerivedLiaisonConflict,
  LiaisonConflictDeclarationConnection,
  LiaisonOfficerConnection,
  LiaisonOfficerFilter,
  RegisterLiaisonOfficerInput,
  SetLiaisonOfficerStatusInput,
  UpdateLiaisonOfficerInput,
  WithdrawLiaisonConflictInput,
} from './assignment.inputs.js';
import {
  DeclareLiaisonConflictPayload,
  RegisterLiaisonOfficerPayload,
  SetLiaisonOfficerStatusPayload,
  UpdateLiaisonOfficerPayload,
  WithdrawLiaisonConflictPayload,
} from './assignment.payloads.js';
import { officerService } from './officer.service.js';

@Resolver(() => LiaisonOfficer)
export class LiaisonOfficerResolver {
  @Query(() => LiaisonOfficerConnection, { description: '知识产权局的联络员（新登记的在前）：国家局看全部（可按局筛选），省局看本局的。' })
  async liaisonOfficers(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => LiaisonOfficerFilter, { nullable: true, description: '筛选条件。' }) filter?: LiaisonOfficerFilter | null,
  ) {
    return LiaisonOfficerConnection.from(await officerService.list(ctx, filter, args));
  }

  @Query(() => LiaisonConflictDeclarationConnection, { description: '利益冲突申报（新的在前，含已撤回的）：国家局看全部，联络员看本人的；其他人看不到。' })
  async liaisonConflictDeclarations(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('officerId', () => ID, { nullable: true, description: '只看这名联络员的。' }) officerId?: string | null,
  ) {
    return LiaisonConflictDeclarationConnection.from(await officerService.declarations(ctx, officerId, args));
  }

  @Query(() => [DerivedLiaisonConflict], { description: '一名联络员与本局所指派企业之间的全部利益冲突（申报的和由数据推导的，至多 1000 条）：只有国家局和联络员本人可以查看原因。' })
  liaisonOfficerConflicts(@Ctx() ctx: Context, @Arg('officerId', () => ID, { description: '联络员的全局 ID。' }) officerId: string) {
    return officerService.conflictsOf(ctx, officerId);
  }

  @Mutation(() => RegisterLiaisonOfficerPayload, { description: '把本局工作人员的账号登记为联络员（国家局登记国家局的，省局登记本局的）；同一账号只能登记一次（CONFLICT）。' })
  async registerLiaisonOfficer(@Ctx() ctx: Context, @Arg('input', () => RegisterLiaisonOfficerInput, { description: '联络员。' }) input: RegisterLiaisonOfficerInput) {
    return Object.assign(new RegisterLiaisonOfficerPayload(), { officer: await officerService.register(ctx, input) });
  }

  @Mutation(() => UpdateLiaisonOfficerPayload, { description: '修改联络员的容量、熟悉的地区行业语言、不在岗期间或人员记录；容量不能低于已用名额（BAD_USER_INPUT）。' })
  async updateLiaisonOfficer(@Ctx() ctx: Context, @Arg('input', () => UpdateLiaisonOfficerInput, { description: '修改。' }) input: UpdateLiaisonOfficerInput) {
    return Object.assign(new UpdateLiaisonOfficerPayload(), { officer: await officerService.update(ctx, input) });
  }

  @Mutation(() => SetLiaisonOfficerStatusPayload, { description: '暂停、恢复联络员，或登记离岗：暂停和离岗时其现任指派自今日结束（OFFICER_OPTED_OUT、OFFICER_LEFT），企业退回待指派。' })
  async setLiaisonOfficerStatus(@Ctx() ctx: Context, @Arg('input', () => SetLiaisonOfficerStatusInput, { description: '状态。' }) input: SetLiaisonOfficerStatusInput) {
    return Object.assign(new SetLiaisonOfficerStatusPayload(), await officerService.setStatus(ctx, input));
  }

  @Mutation(() => DeclareLiaisonConflictPayload, { description: '申报利益冲突（联络员本人或其所在局）：此后不再指派该企业（或该服务机构服务的企业），与之冲突的现任指派自今日结束（CONFLICT_DECLARED）。' })
  async declareLiaisonConflict(@Ctx() ctx: Context, @Arg('input', () => DeclareLiaisonConflictInput, { description: '申报。' }) input: DeclareLiaisonConflictInput) {
    return Object.assign(new DeclareLiaisonConflictPayload(), await officerService.declareConflict(ctx, input));
  }

  @Mutation(() => WithdrawLiaisonConflictPayload, { description: '撤回一项利益冲突申报。' })
  async withdrawLiaisonConflict(@Ctx() ctx: Context, @Arg('input', () => WithdrawLiaisonConflictInput, { description: '撤回。' }) input: WithdrawLiaisonConflictInput) {
    return Object.assign(new WithdrawLiaisonConflictPayload(), { declaration: await officerService.withdrawConflict(ctx, input) });
  }

  @FieldResolver(() => Bureau, { description: '所属知识产权局。' })
  bureau(@Root() o: LiaisonOfficer, @Ctx() ctx: Context): Bureau {
    return ctx.reference.bureau(o.bureauCode)!;
  }

  @FieldResolver(() => Int, { description: '已用名额（现任指派）。' })
  async load(@Root() o: LiaisonOfficer, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.assignment.loadByOfficer.load(o.id)).seats;
  }

  @FieldResolver(() => Int, { description: '现任指派的企业数。' })
  async enterpriseCount(@Root() o: LiaisonOfficer, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.assignment.loadByOfficer.load(o.id)).enterprises;
  }
}

/** The national admin and the officer read a declaration's reason; its bureau's admin (who may withdraw it) does not. */
async function tellsReason(ctx: Context, c: LiaisonConflictDeclaration): Promise<boolean> {
  if (!isUser(ctx.viewer)) return false;
  const officer = await ctx.loaders.assignment.officerById.load(c.officer.id);
  return may(ctx.viewer, assignmentActions.readConflicts, { officerUserId: officer?.user.id ?? '' });
}

@Resolver(() => LiaisonConflictDeclaration)
export class LiaisonConflictDeclarationResolver {
  @FieldResolver(() => LiaisonConflictKind, { nullable: true, description: '类型（只对国家局和联络员本人显示）。' })
  async kind(@Root() c: LiaisonConflictDeclaration, @Ctx() ctx: Context): Promise<LiaisonConflictKind | null> {
    return (await tellsReason(ctx, c)) ? c.kind : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '说明（只对国家局和联络员本人显示）。' })
  async detail(@Root() c: LiaisonConflictDeclaration, @Ctx() ctx: Context): Promise<string | null> {
    return (await tellsReason(ctx, c)) ? c.detail : null;
  }

  @FieldResolver(() => LiaisonOfficer, { nullable: true, description: '联络员。' })
  officer(@Root() c: LiaisonConflictDeclaration, @Ctx() ctx: Context): Promise<LiaisonOfficer | null> {
    return ctx.loaders.assignment.officerById.load(c.officer.id);
  }

  @FieldResolver(() => String, { nullable: true, description: '企业名称（申报与企业的冲突时）。' })
  async enterpriseName(@Root() c: LiaisonConflictDeclaration, @Ctx() ctx: Context): Promise<string | null> {
    return c.enterprise ? ((await ctx.loaders.enterprise.visibleById.load(c.enterprise.id))?.name ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '服务机构名称（申报与服务机构的关联时）。' })
  async organizationName(@Root() c: LiaisonConflictDeclaration, @Ctx() ctx: Context): Promise<string | null> {
    return c.organization ? ((await ctx.loaders.organization.byId.load(c.organization.id))?.name ?? null) : null;
  }
}
