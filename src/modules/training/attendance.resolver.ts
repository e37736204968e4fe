import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Certificate } from './training.entity.js';
import { attendanceService } from './attendance.service.js';
import {
  CompleteTrainingSessionInput,
  CompleteTrainingSessionPayload,
  RecordAttendanceInput,
  RecordAttendancePayload,
  TrainingRecordConnection,
  TrainingSummary,
} from './attendance.inputs.js';

@Resolver(() => Certificate)
export class AttendanceResolver {
  @Mutation(() => RecordAttendancePayload, { description: '登记某一天的出勤（举办方）。' })
  async recordAttendance(@Ctx() ctx: Context, @Arg('input', () => RecordAttendanceInput, { description: '出勤。' }) input: RecordAttendanceInput) {
    return Object.assign(new RecordAttendancePayload(), await attendanceService.recordAttendance(ctx, input));
  }

  @Mutation(() => CompleteTrainingSessionPayload, { description: '班次结束后办理结业（举办方）：出勤达到要求者结业并获证书（COMPLETED），全部缺勤者 NO_SHOW，其余 ATTENDED。' })
  async completeTrainingSession(@Ctx() ctx: Context, @Arg('input', () => CompleteTrainingSessionInput, { description: '班次。' }) input: CompleteTrainingSessionInput) {
    return Object.assign(new CompleteTrainingSessionPayload(), await attendanceService.complete(ctx, input));
  }

  @Query(() => Certificate, { nullable: true, description: '公开核验证书：返回证书载明的内容；编号不存在（含伪造）时为 null。' })
  verifyCertificate(@Ctx() ctx: Context, @Arg('number', () => String, { description: '证书编号。' }) number: string): Promise<Certificate | null> {
    return attendanceService.verify(ctx, number);
  }

  @Query(() => [TrainingSummary], { description: '分层培训年度统计（公开，仅合计数）：每个层级一行，可限定举办地辖区。' })
  async trainingSummary(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: '年度。' }) year: number,
    @Arg('regionCodes', () => [RegionCodeScalar], { nullable: true, description: '举办地辖区之一（不含国家局的全国性班次）。' }) regionCodes?: string[] | null,
  ): Promise<TrainingSummary[]> {
    return (await attendanceService.summary(ctx, year, regionCodes)).map((r) => Object.assign(new TrainingSummary(), r));
  }
}

@Resolver(() => Enterprise)
export class EnterpriseTrainingRecordsResolver {
  @FieldResolver(() => TrainingRecordConnection, {
    nullable: true,
    description: '本企业人员参加过的培训（结业或参加），按班次结束日倒序，键集分页，可按年度筛选：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async trainingRecords(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('year', () => Int, { nullable: true, description: '年度。' }) year?: number | null,
  ) {
    const page = await attendanceService.records(ctx, e, year, args);
    return page && TrainingRecordConnection.from(page);
  }
}
