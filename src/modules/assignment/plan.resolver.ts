import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { expectGlobalId } from '../../common/node.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { assertMay } from '../../common/policy.js';
import { query, sql, type Sql } from '../../common/sql.js';
import { requireUser } from '../../common/viewer.policy.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { newestFirst } from '../liaison/liaison.common.js';
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
import { assignmentActions, planVisibility } from './assignment.policy.js';
import { LiaisonOfficer } from './officer.entity.js';
import { AssignmentPlan, AssignmentPlanRow } from './plan.entity.js';
import { planLoads, planService } from './plan.service.js';

@Resolver(() => AssignmentPlan)
export class AssignmentPlanResolver {
  @Query(() => AssignmentPlanConnection, { description: '指派方案（新的在前）：国家局看全部，省局看本局的。单个方案用 node(id)。' })
  async assignmentPlans(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, assignmentActions.readPlans, undefined);
    return AssignmentPlanConnection.from(await newestFirst(ctx, AssignmentPlan, 'p', [planVisibility(ctx.viewer, ctx.clock.today(), 'p')], args));
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
    const [row] = await query<AssignmentPlanSummary>(
      ctx.em,
      sql`select count(*)::int as enterprises,
            count(*) filter (where r.previous_officer_id is null and r.officer_id is not null)::int as added,
            count(*) filter (where r.previous_officer_id is not null and r.officer_id is not null and r.officer_id <> r.previous_officer_id)::int as moved,
            count(*) filter (where r.officer_id = r.previous_officer_id)::int as kept,
            count(*) filter (where r.officer_id is null)::int as unassigned,
            count(*) filter (where r.edited)::int as edited
          from liaison_assignment_plan_row r where r.plan_id = ${p.id}::uuid`,
    );
    return Object.assign(new AssignmentPlanSummary(), row);
  }

  @FieldResolver(() => [AssignmentPlanOfficer], { description: '每名联络员：新增、保留、移出的企业数和方案后的负荷（本局全部联络员，至多 500 名）。' })
  async officers(@Root() p: AssignmentPlan, @Ctx() ctx: Context): Promise<AssignmentPlanOfficer[]> {
    const rows = await query<{ id: string; capacity: number; added: number; kept: number; removed: number }>(
      ctx.em,
      sql`select o.id, o.capacity,
            (select count(*) from liaison_assignment_plan_row r where r.plan_id = ${p.id}::uuid and r.officer_id = o.id and r.previous_officer_id is distinct from o.id)::int as added,
            (select count(*) from liaison_assignment_plan_row r where r.plan_id = ${p.id}::uuid and r.officer_id = o.id and r.previous_officer_id = o.id)::int as kept,
            (select count(*) from liaison_assignment_plan_row r where r.plan_id = ${p.id}::uuid and r.previous_officer_id = o.id and r.officer_id is distinct from o.id)::int as removed
          from liaison_officer o where o.bureau_code = ${p.bureauCode} order by o.name, o.id limit 500`,
    );
    const loads = await planLoads(ctx.em, p);
    const officers = await ctx.loaders.assignment.officerById.loadMany(rows.map((r) => r.id));
    return rows.flatMap((r, i) => {
      const officer = officers[i];
      return officer && !(officer instanceof Error) ? [Object.assign(new AssignmentPlanOfficer(), { officer, added: r.added, kept: r.kept, removed: r.removed, capacity: r.capacity, loadAfter: loads.get(r.id) ?? 0 })] : [];
    });
  }

  @FieldResolver(() => AssignmentPlanRowConnection, { description: '方案的行（每家企业一行）。' })
  async rows(
    @Root() p: AssignmentPlan,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AssignmentPlanRowFilter, { nullable: true, description: '筛选。' }) filter?: AssignmentPlanRowFilter | null,
  ) {
    const where: (Sql | null)[] = [sql`r.plan_id = ${p.id}::uuid`];
    if (filter?.changedOnly) where.push(sql`r.officer_id is distinct from r.previous_officer_id`);
    if (filter?.unassignedOnly) where.push(sql`r.officer_id is null`);
    if (filter?.officerId) {
      const id = expectGlobalId(filter.officerId, 'LiaisonOfficer', 'filter.officerId');
      where.push(sql`(r.officer_id = ${id}::uuid or r.previous_officer_id = ${id}::uuid)`);
    }
    return AssignmentPlanRowConnection.from(await newestFirst(ctx, AssignmentPlanRow, 'r', where, args));
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
