import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { AssignmentFactors } from './assignment.entity.js';
import {
  AssignmentPlanConnection,
  AssignmentPlanOfficer,
  AssignmentPlanRowConnection,
  AssignmentPlanRowFilter,
  CommitAssignmentPlanInput,
  ComputeAssignmentPlanInput,
  DiscardAssignmentPlanInput,
  EditAssignmentPlanRowInput,
} from './assignment.inputs.js';
import { AssignmentPlanSummary, CommitAssignmentPlanPayload, ComputeAssignmentPlanPayload, DiscardAssignmentPlanPayload, EditAssignmentPlanRowPayload } from './assignment.payloads.js';
import { LiaisonOfficer } from './officer.entity.js';
import { AssignmentPlan, AssignmentPlanRow } from './plan.entity.js';
import { planService } from './plan.service.js';

@Resolver(() => AssignmentPlan)
export class AssignmentPlanResolver {
  @Query(() => AssignmentPlanConnection, { description: '指派方案（新的在前）：国家局看全部，省局看本局的。单个方案用 node(id)。' })
  async assignmentPlans(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return AssignmentPlanConnection.from(await planService.list(ctx, args));
  }

  @Mutation(() => ComputeAssignmentPlanPayload, {
    description: '计算本局的指派方案（草稿）：在容量和利益冲突之内，匹配分合计最高、负荷均衡（超过按容量分摊的目标负荷扣分），重新规划时现有指派按稳定权重保留。无法为每家企业指派时 feasible 为 false，shortfalls 说明相互冲突的约束。',
  })
  async computeAssignmentPlan(@Ctx() ctx: Context, @Arg('input', () => ComputeAssignmentPlanInput, { description: '方案参数。' }) input: ComputeAssignmentPlanInput) {
    return Object.assign(new ComputeAssignmentPlanPayload(), { plan: await planService.compute(ctx, input) });
  }

  @Mutation(() => EditAssignmentPlanRowPayload, { description: '修改方案中的一行（改为另一名联络员或暂不指派）；与手工指派同样检查（R17），名额按方案计。' })
  async editAssignmentPlanRow(@Ctx() ctx: Context, @Arg('input', () => EditAssignmentPlanRowInput, { description: '修改。' }) input: EditAssignmentPlanRowInput) {
    return Object.assign(new EditAssignmentPlanRowPayload(), { plan: await planService.editRow(ctx, input) });
  }

  @Mutation(() => CommitAssignmentPlanPayload, { description: '提交方案：在一个事务中结束被改派的指派并开始新指派。计算后联络员、冲突、现任指派或示范企业有变化返回 CONFLICT（reason DATA_CHANGED），须重新计算。' })
  async commitAssignmentPlan(@Ctx() ctx: Context, @Arg('input', () => CommitAssignmentPlanInput, { description: '提交。' }) input: CommitAssignmentPlanInput) {
    return Object.assign(new CommitAssignmentPlanPayload(), await planService.commit(ctx, input));
  }

  @Mutation(() => DiscardAssignmentPlanPayload, { description: '放弃方案草稿。' })
  async discardAssignmentPlan(@Ctx() ctx: Context, @Arg('input', () => DiscardAssignmentPlanInput, { description: '放弃。' }) input: DiscardAssignmentPlanInput) {
    return Object.assign(new DiscardAssignmentPlanPayload(), { plan: await planService.discard(ctx, input) });
  }

  @FieldResolver(() => AssignmentPlanSummary, { description: '汇总：新指派、改派、保留、未能指派、人工修改。' })
  async summary(@Root() p: AssignmentPlan, @Ctx() ctx: Context): Promise<AssignmentPlanSummary> {
    return Object.assign(new AssignmentPlanSummary(), await ctx.loaders.assignment.planSummary.load(p.id));
  }

  @FieldResolver(() => [AssignmentPlanOfficer], { description: '每名联络员：新增、保留、移出的企业数和方案后的负荷（本局全部联络员，至多 500 名）。' })
  async officers(@Root() p: AssignmentPlan, @Ctx() ctx: Context): Promise<AssignmentPlanOfficer[]> {
    const rows = (await ctx.loaders.assignment.planOfficers.load(p.id)).slice(0, 500);
    const officers = await ctx.loaders.assignment.officerById.loadMany(rows.map((r) => r.officer_id));
    return rows.flatMap((r, i) => {
      const officer = officers[i];
      return officer && !(officer instanceof Error) ? [Object.assign(new AssignmentPlanOfficer(), { officer, added: r.added, kept: r.kept, removed: r.removed, capacity: r.capacity, loadAfter: r.load_after })] : [];
    });
  }

  @FieldResolver(() => AssignmentPlanRowConnection, { description: '方案的行（每家企业一行）。' })
  async rows(
    @Root() p: AssignmentPlan,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AssignmentPlanRowFilter, { nullable: true, description: '筛选。' }) filter?: AssignmentPlanRowFilter | null,
  ) {
    return AssignmentPlanRowConnection.from(await planService.rows(ctx, p, filter, args));
  }
}

@Resolver(() => AssignmentPlanRow)
export class AssignmentPlanRowResolver {
  @FieldResolver(() => Enterprise, { nullable: true, description: '企业。' })
  enterprise(@Root() r: AssignmentPlanRow, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(r.enterprise.id);
  }

  @FieldResolver(() => LiaisonOfficer, { nullable: true, description: '拟指派的联络员（null：未能指派或暂不指派）。' })
  officer(@Root() r: AssignmentPlanRow, @Ctx() ctx: Context): Promise<LiaisonOfficer | null> | null {
    return r.officer ? ctx.loaders.assignment.officerById.load(r.officer.id) : null;
  }

  @FieldResolver(() => LiaisonOfficer, { nullable: true, description: '原联络员（null：原来没有）。' })
  previousOfficer(@Root() r: AssignmentPlanRow, @Ctx() ctx: Context): Promise<LiaisonOfficer | null> | null {
    return r.previousOfficer ? ctx.loaders.assignment.officerById.load(r.previousOfficer.id) : null;
  }

  @FieldResolver(() => AssignmentFactors, { nullable: true, description: '匹配分构成（方案中的负荷项为 0：负荷由均衡项约束）。' })
  factors(@Root() r: AssignmentPlanRow): AssignmentFactors | null {
    return r.factors ?? null;
  }
}
