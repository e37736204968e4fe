import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { badInput } from './errors.js';
import type { NodeFetcher } from './module.js';
import { fromGlobalId, Node } from './node.js';

export const NODES_MAX = 100;

/** node(id) / nodes(ids) over every module's node types. */
export function createNodeResolver(fetchers: Record<string, NodeFetcher>) {
  async function resolve(ctx: Context, ids: string[]): Promise<(object | null)[]> {
    const decoded = ids.map((id) => fromGlobalId(id));
    const byType = new Map<string, string[]>();
    decoded.forEach((d) => {
      if (d && fetchers[d.type]) byType.set(d.type, [...(byType.get(d.type) ?? []), d.key]);
    });
    const found = new Map<string, Map<string, object>>();
    for (const [type, keys] of byType) found.set(type, await fetchers[type]!(ctx, [...new Set(keys)]));
    return decoded.map((d) => (d ? (found.get(d.type)?.get(d.key) ?? null) : null));
  }

  @Resolver()
  class NodeResolver {
    @Query(() => Node, { nullable: true, description: '按全局 ID 获取任意对象；ID 无效或对象不存在时为 null。' })
    async node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: '全局 ID。' }) id: string): Promise<object | null> {
      return (await resolve(ctx, [id]))[0] ?? null;
    }

    @Query(() => [Node], { nullable: 'items', description: `按全局 ID 批量获取对象（最多 ${NODES_MAX} 个），顺序与输入一致，找不到的位置为 null。` })
    async nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID], { description: '全局 ID 列表。' }) ids: string[]): Promise<(object | null)[]> {
      if (ids.length > NODES_MAX) throw badInput([{ field: 'ids', message: `最多 ${NODES_MAX} 个` }]);
      return resolve(ctx, ids);
    }
  }
  return NodeResolver;
}
