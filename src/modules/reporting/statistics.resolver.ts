import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { reportingRegistry } from '../../reporting-registry.js';
import { catalogueOf, comparisonOf, resultOf } from './statistics.shape.js';
import { statisticsService } from './statistics.service.js';
import { PublicStatisticsQuery, StatisticsCatalogue, StatisticsQuery, StatisticsResult } from './statistics.types.js';

@Resolver()
export class StatisticsResolver {
  @Query(() => StatisticsResult, {
    description:
      '分组统计：各模块登记的指标按维度分组，可逐级小计（辖区可汇总到省，含计划单列市、兵团）、按月/季/年（北京时间，空的时段为 0）、筛选和条件；在查看者可见的行上计算，与列表的可见范围相同，所以合计等于可列出的行数。须登录。',
  })
  async statistics(@Ctx() ctx: Context, @Arg('query', () => StatisticsQuery, { description: '查询。' }) query: StatisticsQuery): Promise<StatisticsResult> {
    return resultOf(await statisticsService.statistics(ctx, query), null);
  }

  @Query(() => StatisticsResult, {
    description: '公开统计（无需登录）：公开指标按公开维度（最多两个）的全部小计和总计，截至今天；涉及单位少于阈值的格子不公布，并另隐藏关联格子，使合计不能减出它。可与全国对比一个辖区。',
  })
  async publicStatistics(@Ctx() ctx: Context, @Arg('query', () => PublicStatisticsQuery, { description: '查询。' }) query: PublicStatisticsQuery): Promise<StatisticsResult> {
    const result = await statisticsService.publicStatistics(ctx, query);
    const comparison = query.compareRegion ? await comparisonOf(ctx, query, query.compareRegion) : null;
    return resultOf(result, comparison);
  }

  @Query(() => StatisticsCatalogue, { description: '可用的统计指标和维度（含各指标适用的维度、是否公开）。' })
  statisticsCatalogue(): StatisticsCatalogue {
    return catalogueOf(reportingRegistry());
  }
}
