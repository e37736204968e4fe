import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import type { Context } from '../../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation, DesignationStatus } from './designation.entity.js';
import { Transition } from '../audit/history.js';
import { designationService } from './designation.service.js';
import { ReexaminationRecord } from './reexamination.inputs.js';

@Resolver(() => Designation)
export class DesignationResolver {
  @FieldResolver(() => DesignationStatus, {
    description: '状态：默认为今日（中国标准时间），也可查询任一日期的状态；有效期已过的“有效”认定显示为“期满”。',
  })
  status(
    @Root() d: Designation,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '查询这一天的状态；不填为今日。' }) asOf?: string | null,
  ): DesignationStatus {
    return d.statusOn(asOf ?? ctx.clock.today());
  }

  @FieldResolver(() => [Transition], {
    nullable: true,
    description: '全部状态变化（撤销、复核、视为退出……，含操作者、时间、理由）：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async history(@Root() d: Designation, @Ctx() ctx: Context): Promise<Transition[] | null> {
    return designationService.historyOf(ctx, d);
  }

  @FieldResolver(() => ReexaminationRecord, {
    nullable: true,
    description: '复核记录（核定得分、当时的违规情形）：已复核的示范企业认定，国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async reexamination(@Root() d: Designation, @Ctx() ctx: Context): Promise<ReexaminationRecord | null> {
    return designationService.reexaminationOf(ctx, d);
  }

  @FieldResolver(() => Enterprise, { description: '被认定的企业。' })
  async enterprise(@Root() d: Designation, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.enterprise.visibleById.load(d.enterprise.id))!;
  }
}
