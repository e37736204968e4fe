import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { ApplicationBan } from './ban.entity.js';
import { Designation } from './designation.entity.js';

export const { Connection: DesignationConnection } = connectionTypes(Designation, 'Designation', '认定');

@InputType('RecordReexaminationInput', { description: '复核结果（省局）：通过即报国家局备案、称号延续新一轮；不通过即取消称号。' })
export class RecordReexaminationInput {
  @Field(() => ID, { description: '认定的全局 ID（本轮示范企业认定）。' })
  designationId!: string;

  @Field(() => Boolean, { description: '是否通过复核。' })
  passed!: boolean;

  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { description: '复核意见（1–5000 字）。' })
  notes!: string;
}

@ObjectType('RecordReexaminationPayload', { description: 'recordReexamination 的结果。' })
export class RecordReexaminationPayload {
  @Field(() => Designation, { description: '本轮认定（通过：EXPIRED 并由下一轮延续；不通过：CANCELLED）。' })
  designation!: Designation;

  @Field(() => Designation, { nullable: true, description: '通过后的新一轮认定（有效期 3 年）。' })
  successor!: Designation | null;

  @Field(() => ApplicationBan, { nullable: true, description: '不通过时开始的禁止申报期（2 年）。' })
  ban!: ApplicationBan | null;
}

@ObjectType('RunScheduledTransitionsPayload', { description: 'runScheduledTransitions 的结果：定时状态转换的一次运行。' })
export class RunScheduledTransitionsPayload {
  @Field(() => Boolean, { description: '是否由本次运行执行（另一实例正在运行时为 false）。' })
  ran!: boolean;

  @Field(() => Int, { description: '因逾期未备案而视为退出的认定数。' })
  withdrawn!: number;

  @Field(() => Int, { description: '期满且无待处理异议、已自动发布认定的公示数。' })
  noticesConcluded!: number;

  @Field(() => Int, { description: '报名截止后自动分配了名额的须审核培训班次数。' })
  sessionsAllocated!: number;
}
