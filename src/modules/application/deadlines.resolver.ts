import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DateScalar } from '../../common/scalars.js';
import { Deadline } from './deadlines.types.js';
import { deadlineService } from './deadlines.service.js';

@Resolver()
export class DeadlineResolver {
  @Query(() => [Deadline], {
    description:
      '时间段内与请求者相关的期限，按日期排列：受理期截止和公示结束（所有人），本范围内示范企业认定的复核开始、届满、备案截止和禁止申报期结束（国家局全部、省局本辖区、企业本企业）。时间段最长 366 天，列表的长度也由此限定，故为列表而非分页连接。',
  })
  deadlines(
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar, { description: '起始日（含）。' }) from: string,
    @Arg('to', () => DateScalar, { description: '截止日（含），不晚于起始日后 366 天。' }) to: string,
  ): Promise<Deadline[]> {
    return deadlineService.between(ctx, from, to);
  }
}
