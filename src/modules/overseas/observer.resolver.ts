import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { ObserverReport, OverseasObserver } from './observer.entity.js';
import {
  AppointObserverInput,
  AppointObserverPayload,
  EndObserverInput,
  EndObserverPayload,
  FileObserverReportInput,
  FileObserverReportPayload,
  ObserverReportConnection,
  ObserverReportFilter,
  OverseasObserverConnection,
} from './observer.inputs.js';
import { observerService } from './observer.service.js';

const enterpriseName = async (ctx: Context, id: string) => (await ctx.loaders.service.enterpriseFacts.load(id))?.name ?? '';

@Resolver(() => OverseasObserver)
export class OverseasObserverResolver {
  @Query(() => OverseasObserverConnection, { description: '志愿者观察员企业名单（公开），新聘任的在前；countryCode：观察这个国家的；current：只要在任的。' })
  async overseasObservers(
    @Ctx() ctx: Context,
    @Arg('countryCode', () => String, { nullable: true, description: '观察的国家。' }) countryCode: string | null,
    @Arg('current', () => Boolean, { nullable: true, defaultValue: true, description: '只要在任的（默认）。' }) current: boolean,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return OverseasObserverConnection.from(await observerService.observers(ctx, countryCode, current, args));
  }

  @Query(() => ObserverReportConnection, { description: '观察报告，新报送的在前：观察员企业看本企业的，驻外工作站看其受理国家的，省局看本辖区企业的，国家局看全部。' })
  async observerReports(
    @Ctx() ctx: Context,
    @Arg('filter', () => ObserverReportFilter, { nullable: true, description: '筛选。' }) filter: ObserverReportFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return ObserverReportConnection.from(await observerService.reports(ctx, filter, args));
  }

  @Mutation(() => AppointObserverPayload, { description: '国家局聘任志愿者观察员企业（优先从示范企业中选择，其他企业须说明理由）。' })
  async appointObserver(@Ctx() ctx: Context, @Arg('input', () => AppointObserverInput, { description: '聘任。' }) input: AppointObserverInput): Promise<AppointObserverPayload> {
    return Object.assign(new AppointObserverPayload(), { observer: await observerService.appoint(ctx, input) });
  }

  @Mutation(() => EndObserverPayload, { description: '结束观察员企业的聘任。' })
  async endObserver(@Ctx() ctx: Context, @Arg('input', () => EndObserverInput, { description: '结束。' }) input: EndObserverInput): Promise<EndObserverPayload> {
    return Object.assign(new EndObserverPayload(), { observer: await observerService.end(ctx, input) });
  }

  @Mutation(() => FileObserverReportPayload, { description: '观察员企业报送一份观察报告（其观察的国家）。' })
  async fileObserverReport(@Ctx() ctx: Context, @Arg('input', () => FileObserverReportInput, { description: '报告。' }) input: FileObserverReportInput): Promise<FileObserverReportPayload> {
    return Object.assign(new FileObserverReportPayload(), { report: await observerService.file(ctx, input) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  enterpriseName(@Root() o: OverseasObserver, @Ctx() ctx: Context): Promise<string> {
    return enterpriseName(ctx, o.enterprise.id);
  }
}

@Resolver(() => ObserverReport)
export class ObserverReportResolver {
  @FieldResolver(() => String, { description: '观察员企业的名称。' })
  async enterpriseName(@Root() r: ObserverReport, @Ctx() ctx: Context): Promise<string> {
    const o = await ctx.loaders.overseas.observerById.load(r.observer.id);
    return o ? enterpriseName(ctx, o.enterprise.id) : '';
  }
}
