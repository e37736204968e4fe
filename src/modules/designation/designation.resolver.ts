import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import type { Context } from '../../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation, DesignationStatus } from './designation.entity.js';

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

  @FieldResolver(() => Enterprise, { description: '被认定的企业。' })
  async enterprise(@Root() d: Designation, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.visibleEnterpriseById.load(d.enterprise.id))!;
  }
}
