import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation } from './designation.entity.js';

@Resolver(() => Designation)
export class DesignationResolver {
  @FieldResolver(() => Enterprise, { description: '被认定的企业。' })
  async enterprise(@Root() d: Designation, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.visibleEnterpriseById.load(d.enterprise.id))!;
  }
}
