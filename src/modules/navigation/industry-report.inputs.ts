import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { IndustryAnalysisReport, IndustryReportStatus } from './industry-report.entity.js';

@InputType('IndustryReportFields', { description: '行业专利分析报告的内容。' })
export class IndustryReportFields {
  @Field(() => String, { description: '行业（GB/T 4754 门类或大类代码）。' })
  industryCode!: string;
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;
  @Field(() => String, { description: '摘要（1–2000 字；发布后公开）。' })
  summary!: string;
  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（已上传的文件，至多 30 个）。' })
  attachmentIds?: string[] | null;
}

@InputType('DraftIndustryReportInput', { description: '撰写一份行业专利分析报告（草稿）：企业为本企业，服务机构为本机构；国家局须指明发布者。' })
export class DraftIndustryReportInput {
  @Field(() => ID, { nullable: true, description: '发布的企业（企业用户不填即本企业）。' })
  enterpriseId?: string | null;
  @Field(() => ID, { nullable: true, description: '发布的服务机构（服务机构用户不填即本机构）。' })
  organizationId?: string | null;
  @Field(() => IndustryReportFields, { description: '内容。' })
  report!: IndustryReportFields;
}

@InputType('UpdateIndustryReportInput', { description: '修改草稿（整体替换内容）。' })
export class UpdateIndustryReportInput {
  @Field(() => ID, { description: '报告的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => IndustryReportFields, { description: '内容。' })
  report!: IndustryReportFields;
}

@InputType('PublishIndustryReportInput', { description: '发布草稿（进入公开目录），或撤回已发布的（附理由）。' })
export class PublishIndustryReportInput {
  @Field(() => ID, { description: '报告的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => Boolean, { description: 'true 发布，false 撤回。' })
  published!: boolean;
  @Field(() => String, { nullable: true, description: '撤回的理由（撤回时必填，至多 2000 字）。' })
  reason?: string | null;
}

@InputType('IndustryReportFilter', { description: '行业分析报告的筛选。' })
export class IndustryReportFilter {
  @Extensions({ maxItems: 40 })
  @Field(() => [String], { nullable: true, description: '行业之一（门类含其大类）。' })
  industryCodes?: string[] | null;
  @Field(() => [IndustryReportStatus], { nullable: true, description: '状态之一（公众只见已发布的）。' })
  status?: IndustryReportStatus[] | null;
  @Field(() => String, { nullable: true, description: '标题或摘要中的文字（至多 50 字）。' })
  search?: string | null;
}

@ObjectType('DraftIndustryReportPayload', { description: 'draftIndustryReport 的结果。' })
export class DraftIndustryReportPayload {
  @Field(() => IndustryAnalysisReport, { description: '报告。' })
  report!: IndustryAnalysisReport;
}
@ObjectType('UpdateIndustryReportPayload', { description: 'updateIndustryReport 的结果。' })
export class UpdateIndustryReportPayload {
  @Field(() => IndustryAnalysisReport, { description: '报告。' })
  report!: IndustryAnalysisReport;
}
@ObjectType('PublishIndustryReportPayload', { description: 'publishIndustryReport 的结果。' })
export class PublishIndustryReportPayload {
  @Field(() => IndustryAnalysisReport, { description: '报告。' })
  report!: IndustryAnalysisReport;
}

export const { Connection: IndustryAnalysisReportConnection } = connectionTypes(IndustryAnalysisReport, 'IndustryAnalysisReport', '行业专利分析报告');
