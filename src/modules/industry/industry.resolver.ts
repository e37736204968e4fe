import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Industry, IndustryLevel } from './industry.entity.js';

@Resolver(() => Industry)
export class IndustryResolver {
  @Query(() => [Industry], { description: '国民经济行业分类（GB/T 4754-2017）的门类和大类，按代码顺序。' })
  industries(
    @Ctx() ctx: Context,
    @Arg('level', () => IndustryLevel, { nullable: true, description: '只返回门类或只返回大类。' }) level?: IndustryLevel | null,
  ): Industry[] {
    return level ? ctx.reference.industries.filter((i) => i.level === level) : ctx.reference.industries;
  }

  @Query(() => Industry, { nullable: true, description: '按代码查询行业。' })
  industry(@Ctx() ctx: Context, @Arg('code', () => String, { description: '行业代码。' }) code: string): Industry | null {
    return ctx.reference.industry(code) ?? null;
  }

  @FieldResolver(() => Industry, { nullable: true, description: '大类所属的门类；门类为 null。' })
  parent(@Root() i: Industry, @Ctx() ctx: Context): Industry | null {
    return i.parent ? (ctx.reference.industry(i.parent.unwrap().code) ?? null) : null;
  }

  @FieldResolver(() => [Industry], { description: '门类下的大类。' })
  children(@Root() i: Industry, @Ctx() ctx: Context): Industry[] {
    return ctx.reference.industries.filter((c) => c.parent?.unwrap().code === i.code);
  }
}
