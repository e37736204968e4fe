import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { Bureau } from './bureau.entity.js';
import { Region, RegionKind } from './region.entity.js';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { description: '37 个省级辖区，按官方顺序；可按类别筛选。' })
  regions(
    @Ctx() ctx: Context,
    @Arg('kinds', () => [RegionKind], { nullable: true, description: '只返回这些类别。' }) kinds?: RegionKind[] | null,
  ): Region[] {
    return kinds ? ctx.reference.regions.filter((r) => kinds.includes(r.kind)) : ctx.reference.regions;
  }

  @Query(() => Region, { nullable: true, description: '按行政区划代码查询省级辖区。' })
  region(@Ctx() ctx: Context, @Arg('code', () => RegionCodeScalar, { description: '行政区划代码。' }) code: string): Region | null {
    return ctx.reference.region(code) ?? null;
  }

  @FieldResolver(() => Region, { nullable: true, description: '计划单列市、兵团所在的省；其他为 null。' })
  parent(@Root() r: Region, @Ctx() ctx: Context): Region | null {
    return r.parent ? (ctx.reference.region(r.parent.unwrap().code) ?? null) : null;
  }

  @FieldResolver(() => [Region], { description: '下属的单独辖区（省内的计划单列市、新疆的兵团）。' })
  children(@Root() r: Region, @Ctx() ctx: Context): Region[] {
    return ctx.reference.childRegions(r.code);
  }

  @FieldResolver(() => Bureau, { nullable: true, description: '本辖区的知识产权局（省局）。' })
  bureau(@Root() r: Region, @Ctx() ctx: Context): Bureau | null {
    return ctx.reference.bureau(r.code) ?? null;
  }
}

@Resolver(() => Bureau)
export class BureauResolver {
  @Query(() => [Bureau], { description: '国家知识产权局和 37 个省局。' })
  bureaus(@Ctx() ctx: Context): Bureau[] {
    return ctx.reference.bureaus;
  }

  @FieldResolver(() => Region, { nullable: true, description: '省局的辖区；国家局为 null。' })
  region(@Root() b: Bureau, @Ctx() ctx: Context): Region | null {
    return b.region ? (ctx.reference.region(b.region.unwrap().code) ?? null) : null;
  }
}
