import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { RecordFilterBase } from './liaison.inputs.js';
import { WorkReport, WorkReportCategory, WorkReportPeriod, WorkReportStatus } from './work-report.entity.js';

export const { Connection: WorkReportConnection } = connectionTypes(WorkReport, 'WorkReport', '工作信息报送');

@InputType('WorkReportFilter', { description: '工作信息报送列表的筛选条件。' })
export class WorkReportFilter extends RecordFilterBase {
  @Field(() => Int, { nullable: true, description: '年度。' })
  year?: number | null;

  @Field(() => [WorkReportPeriod], { nullable: true, description: '季度之一。' })
  periods?: WorkReportPeriod[] | null;

  @Field(() => [WorkReportStatus], { nullable: true, description: '状态之一（知识产权局只看得到已报送的）。' })
  statuses?: WorkReportStatus[] | null;

  @Field(() => [WorkReportCategory], { nullable: true, description: '含其中任一类别内容的。' })
  categories?: WorkReportCategory[] | null;
}

@InputType('MissingWorkReportFilter', { description: '未报送工作信息的示范企业列表的筛选条件。' })
export class MissingWorkReportFilter extends RecordFilterBase {}

/** A demonstration enterprise that has not submitted its report for a period. */
@ObjectType('MissingWorkReport', { description: '某季度尚未报送工作信息的示范企业（R16）。' })
export class MissingWorkReport {
  @Field(() => Enterprise, { description: '企业。' })
  enterprise!: Enterprise;

  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => WorkReportPeriod, { description: '季度。' })
  period!: WorkReportPeriod;
}

export const { Connection: MissingWorkReportConnection } = connectionTypes(MissingWorkReport, 'MissingWorkReport', '未报送工作信息的示范企业');

@InputType('WorkReportSectionInput', { description: '一个类别的内容。' })
export class WorkReportSectionInput {
  @Field(() => WorkReportCategory, { description: '类别（每类至多一项）。' })
  category!: WorkReportCategory;

  @Extensions({ maxLength: 5000 })
  @Field(() => String, { description: '内容（1–5000 字）。' })
  content!: string;
}

@InputType('SaveWorkReportInput', { description: '保存本企业某季度的工作信息草稿（示范企业）；只修改给出的字段。' })
export class SaveWorkReportInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => Int, { description: '年度（今年或上一年）。' })
  year!: number;

  @Field(() => WorkReportPeriod, { description: '季度（已开始的季度）。' })
  period!: WorkReportPeriod;

  @Field(() => Int, { nullable: true, description: '修改已有草稿时回传其版本号。' })
  version?: number | null;

  @Field(() => [WorkReportSectionInput], { nullable: true, description: '各类别的内容（至多 6 项，每类一项）；给出即整体替换。' })
  sections?: WorkReportSectionInput[] | null;

  @Field(() => [ID], { nullable: true, description: '附件（本企业通过 POST /files 上传的文件 ID，最多 30 个）；给出即替换。' })
  attachmentIds?: string[] | null;
}

@ObjectType('SaveWorkReportPayload', { description: 'saveWorkReport 的结果。' })
export class SaveWorkReportPayload {
  @Field(() => WorkReport, { description: '草稿。' })
  report!: WorkReport;
}

@InputType('SubmitWorkReportInput', { description: '报送工作信息（至少填写一个类别）。' })
export class SubmitWorkReportInput {
  @Field(() => ID, { description: '报送的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@ObjectType('SubmitWorkReportPayload', { description: 'submitWorkReport 的结果。' })
export class SubmitWorkReportPayload {
  @Field(() => WorkReport, { description: '已报送的工作信息。' })
  report!: WorkReport;
}
