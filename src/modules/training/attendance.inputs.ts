/** Attendance, completion and records: inputs, payloads, the training record, the yearly summary. */
import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { PersonCategory } from '../person/person.entity.js';
import { EnrolmentStatus, TrainingSession } from './training.entity.js';

@InputType('RecordAttendanceInput', { description: '登记某一天的出勤（举办方）：列出当天到场的人员，其余已占名额者记为缺勤。' })
export class RecordAttendanceInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
  @Field(() => DateScalar, { description: '日期（班次内，不晚于今日）。' })
  day!: string;
  @Extensions({ maxItems: 10_000 })
  @Field(() => [ID], { description: '到场人员（最多 10000 名）。' })
  presentPersonIds!: string[];
}

@ObjectType('RecordAttendancePayload', { description: '登记的出勤。' })
export class RecordAttendancePayload {
  @Field(() => TrainingSession, { description: '班次。' })
  session!: TrainingSession;
  @Field(() => DateScalar, { description: '日期。' })
  day!: string;
  @Field(() => Int, { description: '当天到场人数。' })
  presentCount!: number;
  @Field(() => Int, { description: '当天缺勤人数（已占名额而未到场）。' })
  absentCount!: number;
}

@InputType('CompleteTrainingSessionInput', { description: '班次结束后办理结业（举办方）。' })
export class CompleteTrainingSessionInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
}

@ObjectType('CompleteTrainingSessionPayload', { description: '结业结果；各人的状态和证书见 session.enrolments。' })
export class CompleteTrainingSessionPayload {
  @Field(() => TrainingSession, { description: '班次。' })
  session!: TrainingSession;
  @Field(() => Int, { description: '结业并获证书（COMPLETED）的人数。' })
  completed!: number;
  @Field(() => Int, { description: '参加了部分课程、未达结业要求（ATTENDED）的人数。' })
  attended!: number;
  @Field(() => Int, { description: '全部缺勤（NO_SHOW）的人数。' })
  noShows!: number;
}

@ObjectType('TrainingRecord', { description: '企业人员的培训记录。' })
export class TrainingRecord {
  @Field(() => String, { description: '姓名。' })
  personName!: string;
  @Field(() => String, { description: '培训项目。' })
  programTitle!: string;
  @Field(() => PersonCategory, { description: '层级。' })
  tier!: PersonCategory;
  @Field(() => Int, { description: '年度（班次结束的年份）。' })
  year!: number;
  @Field(() => EnrolmentStatus, { description: 'COMPLETED 结业或 ATTENDED 参加。' })
  status!: EnrolmentStatus;
  @Field(() => String, { nullable: true, description: '证书编号。' })
  certificateNumber!: string | null;
}

export const { Connection: TrainingRecordConnection } = connectionTypes(TrainingRecord, 'TrainingRecord', '培训记录');

@ObjectType('TrainingSummary', { description: '某年度某层级的培训情况（按班次结束的年份）。' })
export class TrainingSummary {
  @Field(() => PersonCategory, { description: '层级。' })
  tier!: PersonCategory;
  @Field(() => Int, { description: '班次数。' })
  sessions!: number;
  @Field(() => Int, { description: '名额合计。' })
  seats!: number;
  @Field(() => Int, { description: '参训人数（曾占得名额：BOOKED、ATTENDED、COMPLETED、NO_SHOW）。' })
  participants!: number;
  @Field(() => Int, { description: '结业人数（获证书）。' })
  completed!: number;
  @Field(() => Int, { description: '未到人数。' })
  noShows!: number;
  @Field(() => Int, { description: '结业人员中报名时来自示范企业的人数。' })
  completedFromDemonstration!: number;
  @Field(() => Int, { description: '结业人员中报名时来自优势企业的人数。' })
  completedFromAdvantage!: number;
}
