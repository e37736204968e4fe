import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { OverseasWorkstation, WorkstationCalendarDay, WorkstationHours } from './workstation.entity.js';
import {
  LoadWorkstationHolidaysInput,
  LoadWorkstationHolidaysPayload,
  OverseasWorkstationConnection,
  SetOverseasWorkstationInput,
  SetOverseasWorkstationPayload,
  SetWorkstationCalendarInput,
  SetWorkstationCalendarPayload,
  WorkstationDeadline,
} from './workstation.inputs.js';
import { hhmm, workstationService } from './workstation.service.js';

@Resolver(() => OverseasWorkstation)
export class OverseasWorkstationResolver {
  @Query(() => OverseasWorkstationConnection, { description: '驻外知识产权工作站名录（公开），新设立的在前；countryCode：覆盖这个国家的。' })
  async overseasWorkstations(
    @Ctx() ctx: Context,
    @Arg('countryCode', () => String, { nullable: true, description: '覆盖的国家（ISO 3166-1 两位字母代码）。' }) countryCode: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return OverseasWorkstationConnection.from(await workstationService.list(ctx, countryCode, args));
  }

  @Query(() => OverseasWorkstation, { nullable: true, description: '受理某国问题的驻外工作站（运行中的、覆盖该国的；没有为 null）：企业报告海外问题时按此分派。' })
  overseasWorkstationFor(@Ctx() ctx: Context, @Arg('countryCode', () => String, { description: '国家（ISO 3166-1 两位字母代码）。' }) countryCode: string): Promise<OverseasWorkstation | null> {
    return workstationService.forCountry(ctx, countryCode);
  }

  @Query(() => WorkstationDeadline, { description: '按工作站的日历（时区、办公时间、当地节假日和调休）计算：从某时起经过若干工作小时的时刻。' })
  async overseasWorkstationDeadline(
    @Ctx() ctx: Context,
    @Arg('workstationId', () => ID, { description: '工作站的全局 ID。' }) workstationId: string,
    @Arg('from', () => DateTimeResolver, { description: '起算时间。' }) from: Date,
    @Arg('businessHours', () => Float, { description: '工作小时数（0–10000）。' }) businessHours: number,
  ): Promise<WorkstationDeadline> {
    return Object.assign(new WorkstationDeadline(), await workstationService.deadline(ctx, workstationId, from, businessHours));
  }

  @Mutation(() => SetOverseasWorkstationPayload, { description: '国家局设立或修改驻外工作站的资料（覆盖的国家：一个国家只由一个工作站受理）。' })
  async setOverseasWorkstation(@Ctx() ctx: Context, @Arg('input', () => SetOverseasWorkstationInput, { description: '资料。' }) input: SetOverseasWorkstationInput): Promise<SetOverseasWorkstationPayload> {
    return Object.assign(new SetOverseasWorkstationPayload(), { workstation: await workstationService.set(ctx, input) });
  }

  @Mutation(() => SetWorkstationCalendarPayload, { description: '设定工作站某一年的节假日和调休上班日（国家局或工作站本身）。' })
  async setWorkstationCalendar(@Ctx() ctx: Context, @Arg('input', () => SetWorkstationCalendarInput, { description: '日历。' }) input: SetWorkstationCalendarInput): Promise<SetWorkstationCalendarPayload> {
    return Object.assign(new SetWorkstationCalendarPayload(), { days: await workstationService.setCalendar(ctx, input) });
  }

  @Mutation(() => LoadWorkstationHolidaysPayload, { description: '从 date-holidays 载入工作站所在国某年的公共假日（中国取本系统的官方日历），替换这一年的例外日。' })
  async loadWorkstationHolidays(@Ctx() ctx: Context, @Arg('input', () => LoadWorkstationHolidaysInput, { description: '年份。' }) input: LoadWorkstationHolidaysInput): Promise<LoadWorkstationHolidaysPayload> {
    return Object.assign(new LoadWorkstationHolidaysPayload(), { days: await workstationService.loadHolidays(ctx, input) });
  }

  @FieldResolver(() => ServiceOrganization, { description: '工作站这个服务机构（名称、状态、成员）。' })
  async organization(@Root() w: OverseasWorkstation, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(w.organization.id))!;
  }

  @FieldResolver(() => [WorkstationHours], { description: '每周办公时间（当地时间）。' })
  weeklyHours(@Root() w: OverseasWorkstation): WorkstationHours[] {
    return w.weeklyHours.map((h) => Object.assign(new WorkstationHours(), { weekday: h.weekday, from: hhmm(h.from), to: hhmm(h.to) }));
  }

  @FieldResolver(() => [WorkstationCalendarDay], { description: '某一年的节假日和调休上班日（当地日期）。' })
  calendar(@Root() w: OverseasWorkstation, @Ctx() ctx: Context, @Arg('year', () => Int, { description: '年份。' }) year: number): Promise<WorkstationCalendarDay[]> {
    return ctx.loaders.overseas.calendarDays.load(`${w.id}:${year}`);
  }
}
