import { AdvantageApproval, LiaisonCapacityBasis } from './programme-settings.entity.js';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { CalendarDay, CalendarDayKind } from './calendar-day.entity.js';
import { ProgrammeSettings } from './programme-settings.entity.js';

@InputType('UpdateProgrammeSettingsInput', { description: '修改培育工作规则：只改给出的字段；须回传版本号。' })
export class UpdateProgrammeSettingsInput {
  @Field(() => Int, { description: '读取时的版本号。' })
  version!: number;

  @Field(() => Float, { nullable: true, description: 'A 表最低分（0–100）。' })
  scoreThresholdA?: number | null;

  @Field(() => Float, { nullable: true, description: 'B 表最低分（0–100）。' })
  scoreThresholdB?: number | null;

  @Field(() => Int, { nullable: true, description: '优势企业培育期（1–10 年）。' })
  advantageCultivationYears?: number | null;

  @Field(() => Int, { nullable: true, description: '推荐上限百分比（1–100）。' })
  recommendationQuotaPercent?: number | null;

  @Field(() => Int, { nullable: true, description: '公示工作日数（1–60）。' })
  noticeWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: '有效期年数（1–10）。' })
  designationValidityYears?: number | null;

  @Field(() => Int, { nullable: true, description: '备案期限月数（1–24）。' })
  filingMonths?: number | null;

  @Field(() => Int, { nullable: true, description: '禁止再次申报的年数（0–10）。' })
  banYears?: number | null;

  @Field(() => Int, { nullable: true, description: '撤销考察年数（1–10）。' })
  revocationLookbackYears?: number | null;

  @Field(() => Int, { nullable: true, description: '培训结业要求的出勤百分比（1–100）。' })
  trainingCompletionPercent?: number | null;

  @Field(() => AdvantageApproval, { nullable: true, description: '优势企业的认定方式。' })
  advantageApproval?: AdvantageApproval | null;

  @Field(() => Int, { nullable: true, description: '优势企业中期检查的起始月数（1–120）。' })
  advantageMidTermAfterMonths?: number | null;

  @Field(() => Int, { nullable: true, description: '年度进展报告的提交期限天数（1–365）。' })
  advantageReportDueDays?: number | null;

  @Field(() => Int, { nullable: true, description: '优势企业认定前的公示工作日数（0–60；0 即不公示）。' })
  advantageNoticeWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: '知识产权特派员同时服务的企业数上限（1–50）。' })
  commissionerMaxEnterprises?: number | null;

  @Field(() => LiaisonCapacityBasis, { nullable: true, description: '联络员容量口径。' })
  liaisonCapacityBasis?: LiaisonCapacityBasis | null;

  @Field(() => Int, { nullable: true, description: '联络员重新规划的稳定权重（0–100）。' })
  liaisonStabilityWeight?: number | null;

  @Field(() => Int, { nullable: true, description: '公开统计的小数保护阈值（2–50）。' })
  publicSuppressionThreshold?: number | null;

  @Field(() => String, { nullable: true, description: '申报受理期最晚截止日（MM-DD，例如 07-31）。' })
  applicationClosesBy?: string | null;

  @Field(() => Int, { nullable: true, description: '各省局每年优先审查推荐名额的默认数（0–10000，R21）。' })
  priorityExaminationQuota?: number | null;
}

@ObjectType('UpdateProgrammeSettingsPayload', { description: 'updateProgrammeSettings 的结果。' })
export class UpdateProgrammeSettingsPayload {
  @Field(() => ProgrammeSettings, { description: '修改后的规则。' })
  settings!: ProgrammeSettings;
}

@InputType('CalendarDayInput', { description: '一个例外日。' })
export class CalendarDayInput {
  @Field(() => DateScalar, { description: '日期。' })
  date!: string;

  @Field(() => CalendarDayKind, { description: 'HOLIDAY：放假；WORKDAY：调休上班的周末。' })
  kind!: CalendarDayKind;

  @Field(() => String, { description: '名称，例如“春节”“春节调休上班”。' })
  name!: string;
}

@InputType('SetWorkingDayCalendarInput', { description: '设置一年的工作日历（整体替换该年已有的例外日）。' })
export class SetWorkingDayCalendarInput {
  @Field(() => Int, { description: '年份。' })
  year!: number;

  @Field(() => [CalendarDayInput], { description: '该年的全部法定节假日和调休上班日（按国务院办公厅的通知）。' })
  days!: CalendarDayInput[];
}

@ObjectType('WorkingDayCalendar', { description: '某一年的工作日历。' })
export class WorkingDayCalendar {
  @Field(() => Int, { description: '年份。' })
  year!: number;

  @Field(() => Boolean, { description: '国家局是否已录入该年的日历（未录入时无法按工作日计算期限）。' })
  maintained!: boolean;

  @Field(() => [CalendarDay], { description: '例外日，按日期排列。' })
  days!: CalendarDay[];
}

@ObjectType('SetWorkingDayCalendarPayload', { description: 'setWorkingDayCalendar 的结果。' })
export class SetWorkingDayCalendarPayload {
  @Field(() => WorkingDayCalendar, { description: '该年的日历。' })
  calendar!: WorkingDayCalendar;
}

@ObjectType('WorkingDayPeriod', { description: '按工作日计算的期间。' })
export class WorkingDayPeriod {
  @Field(() => DateScalar, { description: '起始日。' })
  start!: string;

  @Field(() => Int, { description: '工作日数。' })
  workingDays!: number;

  @Field(() => DateScalar, { description: '最后一个工作日（起始日若为工作日则计为第 1 天）。' })
  end!: string;
}
