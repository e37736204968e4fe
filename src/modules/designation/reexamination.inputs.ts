import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { RevocationIncident } from './incident.entity.js';
import { connectionTypes } from '../../common/pagination.js';
import { ApplicationBan } from './ban.entity.js';
import { Designation } from './designation.entity.js';

export const { Connection: DesignationConnection } = connectionTypes(Designation, 'Designation', '认定');

@InputType('RecordReexaminationInput', { description: '复核结果（省局）：通过即报国家局备案、称号延续新一轮；不通过即取消称号。' })
export class RecordReexaminationInput {
  @Field(() => ID, { description: '认定的全局 ID（本轮示范企业认定）。' })
  designationId!: string;

  @Field(() => Boolean, { description: '是否通过复核：须仍满足评分条件（R1）且近 3 年无违规情形（R12），否则只能记为不通过。' })
  passed!: boolean;

  @Field(() => Float, { description: '复核时核定的《评价指标体系》A 表得分（0–100）。' })
  scoreA!: number;

  @Field(() => Float, { description: '复核时核定的 B 表得分（0–100）。' })
  scoreB!: number;

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

  @Field(() => Int, { description: '公示期满但暂缓认定的公示数：其中有申报企业已不符合 R12/R13，待国家局将其评审为不合格。' })
  noticesHeld!: number;

  @Field(() => Int, { description: '报名截止后自动分配了名额的须审核培训班次数。' })
  sessionsAllocated!: number;

  @Field(() => Int, { description: '因企业已不是有效示范企业而结束的联络员指派数（R17）。' })
  assignmentsEnded!: number;

  @Field(() => Int, { description: '为尚无假日数据的驻外工作站载入的公共假日年数（今年；12 月 1 日起还有明年）。' })
  holidaysLoaded!: number;
}

@ObjectType('ReexaminationRecord', { description: '复核记录（三(二)4）：复核时核定的得分和当时近 3 年内的违规情形。' })
export class ReexaminationRecord {
  @Field(() => DateScalar, { description: '复核结果报备之日。' })
  reexaminedOn!: string;

  @Field(() => Boolean, { description: '是否通过。' })
  passed!: boolean;

  @Field(() => String, { description: '复核意见。' })
  notes!: string;

  @Field(() => Float, { nullable: true, description: 'A 表得分（本功能上线前的复核为 null）。' })
  scoreA!: number | null;

  @Field(() => Float, { nullable: true, description: 'B 表得分。' })
  scoreB!: number | null;

  @Field(() => [RevocationIncident], { description: '复核时近 3 年内的违规情形（R12）。' })
  incidents!: RevocationIncident[];
}
