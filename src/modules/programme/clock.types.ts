import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { RunScheduledTransitionsPayload } from '../designation/reexamination.inputs.js';

@ObjectType('ProgrammeClock', { description: '培育工作的时钟：各项期限、受理期和有效期按此日期判断。演练服务器（培训、预发布）可运行演练时钟，生产环境始终为真实日期。' })
export class ProgrammeClock {
  @Field(() => DateScalar, { description: '培育工作的“今日”（北京时间）。每个 HTTP 响应的 x-programme-date 头也给出此日期。' })
  today!: string;

  @Field(() => Boolean, { description: '是否为演练时钟（rehearsal clock，由 CLOCK_TODAY 或 CLOCK_OFFSET_DAYS 设置）；为 true 时前端应显示“演练”横幅。' })
  rehearsal!: boolean;

  @Field(() => Int, { description: '培育工作日期与真实日期相差的天数（真实时钟为 0）。' })
  offsetDays!: number;
}

@InputType('AdvanceProgrammeClockInput', { description: '将演练时钟向前拨动（只能向前）。' })
export class AdvanceProgrammeClockInput {
  @Field(() => Int, { description: '向前拨动的天数（1–400）。' })
  days!: number;

  @Field(() => Boolean, { defaultValue: false, description: '拨动后立即运行定时状态转换（公示期满发布认定、逾期未备案视为退出、培训名额分配），结果见 transitions。' })
  runTransitions!: boolean;
}

@ObjectType('AdvanceProgrammeClockPayload', { description: 'advanceProgrammeClock 的结果。' })
export class AdvanceProgrammeClockPayload {
  @Field(() => DateScalar, { description: '拨动前的培育工作日期。' })
  previousDate!: string;

  @Field(() => ProgrammeClock, { description: '拨动后的时钟。' })
  clock!: ProgrammeClock;

  @Field(() => RunScheduledTransitionsPayload, { nullable: true, description: 'runTransitions 为 true 时，按新日期运行定时状态转换的结果；否则为 null。' })
  transitions!: RunScheduledTransitionsPayload | null;
}
