import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DateScalar } from '../../common/scalars.js';
import { ProgrammeSettings } from './programme-settings.entity.js';
import {
  SetWorkingDayCalendarInput,
  SetWorkingDayCalendarPayload,
  UpdateProgrammeSettingsInput,
  UpdateProgrammeSettingsPayload,
  WorkingDayCalendar,
  WorkingDayPeriod,
} from './programme.inputs.js';
import { programmeService } from './programme.service.js';

@Resolver()
export class ProgrammeResolver {
  @Query(() => ProgrammeSettings, { description: '培育工作的可配置规则（公开）。' })
  programmeSettings(@Ctx() ctx: Context): Promise<ProgrammeSettings> {
    return programmeService.settings(ctx.em);
  }

  @Mutation(() => UpdateProgrammeSettingsPayload, { description: '修改培育工作规则（仅国家局；须回传版本号）。' })
  async updateProgrammeSettings(
    @Ctx() ctx: Context,
    @Arg('input', () => UpdateProgrammeSettingsInput, { description: '要修改的规则。' }) input: UpdateProgrammeSettingsInput,
  ): Promise<UpdateProgrammeSettingsPayload> {
    return Object.assign(new UpdateProgrammeSettingsPayload(), { settings: await programmeService.updateSettings(ctx, input) });
  }

  @Query(() => WorkingDayCalendar, { description: '某一年的工作日历（法定节假日和调休上班日，公开）。' })
  async workingDayCalendar(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年份。' }) year: number): Promise<WorkingDayCalendar> {
    return Object.assign(new WorkingDayCalendar(), await programmeService.calendarOf(ctx.em, year));
  }

  @Mutation(() => SetWorkingDayCalendarPayload, { description: '设置一年的工作日历（仅国家局），整体替换该年已有的例外日。' })
  async setWorkingDayCalendar(
    @Ctx() ctx: Context,
    @Arg('input', () => SetWorkingDayCalendarInput, { description: '年份和例外日。' }) input: SetWorkingDayCalendarInput,
  ): Promise<SetWorkingDayCalendarPayload> {
    return Object.assign(new SetWorkingDayCalendarPayload(), { calendar: Object.assign(new WorkingDayCalendar(), await programmeService.setCalendar(ctx, input)) });
  }

  @Query(() => WorkingDayPeriod, {
    description: '按工作日计算期间的最后一天（例如公示 10 个工作日何时结束）；所跨年份的日历须已录入，否则为 RULE_VIOLATION CALENDAR_NOT_MAINTAINED。',
  })
  async workingDayPeriod(
    @Ctx() ctx: Context,
    @Arg('start', () => DateScalar, { description: '起始日。' }) start: string,
    @Arg('workingDays', () => Int, { description: '工作日数（1–250）。' }) workingDays: number,
  ): Promise<WorkingDayPeriod> {
    return Object.assign(new WorkingDayPeriod(), await programmeService.period(ctx.em, start, workingDays));
  }
}
