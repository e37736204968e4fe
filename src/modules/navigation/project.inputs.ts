import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { NavigationArea, NavigationProject, NavigationProjectStatus, NavigationReport } from './project.entity.js';

@InputType('NavigationMilestoneInput', { description: '一个里程碑。' })
export class NavigationMilestoneInput {
  @Field(() => String, { description: '名称（1–100 字）。' })
  title!: string;
  @Field(() => DateScalar, { description: '计划完成日。' })
  dueOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '实际完成日（不晚于今天）。' })
  doneOn?: string | null;
}

@InputType('CreateNavigationProjectInput', { description: '为企业立一个专利导航项目。' })
export class CreateNavigationProjectInput {
  @Field(() => ID, { description: '企业。' })
  enterpriseId!: string;
  @Field(() => ID, { nullable: true, description: '承担分析的服务机构（服务机构立项时为本机构；不填为企业自行分析）。' })
  organizationId?: string | null;
  @Field(() => String, { description: '项目名称（1–200 字）。' })
  title!: string;
  @Field(() => NavigationArea, { description: '所支撑的决策领域。' })
  area!: NavigationArea;
  @Field(() => String, { description: '目标（1–2000 字）。' })
  objective!: string;
  @Extensions({ maxItems: 20 })
  @Field(() => [String], { description: '技术领域的国际专利分类号（1–20 个）。' })
  ipcClasses!: string[];
  @Extensions({ maxItems: 30 })
  @Field(() => [NavigationMilestoneInput], { nullable: true, description: '里程碑（至多 30 个）。' })
  milestones?: NavigationMilestoneInput[] | null;
}

@InputType('UpdateNavigationProjectInput', { description: '修改项目（结项或撤销后不能再改）；未给出的不变。' })
export class UpdateNavigationProjectInput {
  @Field(() => ID, { description: '项目的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { nullable: true, description: '项目名称。' })
  title?: string | null;
  @Field(() => String, { nullable: true, description: '目标。' })
  objective?: string | null;
  @Extensions({ maxItems: 20 })
  @Field(() => [String], { nullable: true, description: '技术领域的国际专利分类号（整体替换）。' })
  ipcClasses?: string[] | null;
  @Extensions({ maxItems: 30 })
  @Field(() => [NavigationMilestoneInput], { nullable: true, description: '里程碑（整体替换）。' })
  milestones?: NavigationMilestoneInput[] | null;
}

@InputType('AdvanceNavigationProjectInput', {
  description: '推进项目：PLANNED → ANALYSING（开始日）→ REPORTED（须已有分析报告）→ DECIDED（所支撑的决策）→ CLOSED（成效）；结项前可 CANCELLED（理由）。',
})
export class AdvanceNavigationProjectInput {
  @Field(() => ID, { description: '项目的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => NavigationProjectStatus, { description: '新状态。' })
  status!: NavigationProjectStatus;
  @Field(() => DateScalar, { nullable: true, description: '日期（开始、决策、结项；默认今天，不晚于今天）。' })
  on?: string | null;
  @Field(() => String, { nullable: true, description: '所支撑的决策（DECIDED 时必填）、成效（CLOSED 时必填）或撤销理由（CANCELLED 时必填），至多 2000 字。' })
  text?: string | null;
}

@InputType('SubmitNavigationReportInput', { description: '提交项目的一份分析报告（项目开始分析后）。' })
export class SubmitNavigationReportInput {
  @Field(() => ID, { description: '项目的全局 ID。' })
  projectId!: string;
  @Field(() => String, { description: '报告标题（1–200 字）。' })
  title!: string;
  @Field(() => String, { description: '摘要（1–2000 字；公开后公众可见）。' })
  summary!: string;
  @Field(() => DateScalar, { description: '交付日期（不晚于今天）。' })
  deliveredOn!: string;
  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（已上传的文件，至多 30 个）。' })
  attachmentIds?: string[] | null;
}

@InputType('PublishNavigationReportInput', { description: '公开或撤回公开一份分析报告（企业本身或国家局）。' })
export class PublishNavigationReportInput {
  @Field(() => ID, { description: '报告的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => Boolean, { description: 'true 公开，false 撤回公开。' })
  published!: boolean;
}

@InputType('SelectNavigationPilotInput', { description: '遴选（或撤销）某年的专利导航试点项目。' })
export class SelectNavigationPilotInput {
  @Field(() => ID, { description: '项目的全局 ID。' })
  projectId!: string;
  @Field(() => Int, { description: '试点年度。' })
  year!: number;
  @Field(() => Boolean, { description: 'true 入选，false 撤销入选（由作出遴选的局或国家局）。' })
  selected!: boolean;
}

@InputType('NavigationProjectFilter', { description: '专利导航项目的筛选。' })
export class NavigationProjectFilter {
  @Extensions({ maxItems: 40 })
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;
  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;
  @Field(() => ID, { nullable: true, description: '承担分析的服务机构。' })
  organizationId?: string | null;
  @Field(() => [NavigationArea], { nullable: true, description: '决策领域之一。' })
  areas?: NavigationArea[] | null;
  @Field(() => [NavigationProjectStatus], { nullable: true, description: '状态之一。' })
  status?: NavigationProjectStatus[] | null;
  @Field(() => Int, { nullable: true, description: '入选该年度试点的。' })
  pilotYear?: number | null;
}

@InputType('NavigationPilotFilter', { description: '试点名单的筛选。' })
export class NavigationPilotFilter {
  @Field(() => Int, { nullable: true, description: '试点年度（不填为全部年度）。' })
  year?: number | null;
  @Extensions({ maxItems: 40 })
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一（含计划单列市和兵团）。' })
  regionCodes?: string[] | null;
}

@InputType('NavigationReportFilter', { description: '分析报告的筛选。' })
export class NavigationReportFilter {
  @Field(() => ID, { nullable: true, description: '项目。' })
  projectId?: string | null;
  @Field(() => [NavigationArea], { nullable: true, description: '决策领域之一。' })
  areas?: NavigationArea[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true：只要已公开的（公众总是只见已公开的）。' })
  publishedOnly?: boolean | null;
  @Field(() => String, { nullable: true, description: '标题或摘要中的文字（至多 50 字）。' })
  search?: string | null;
}

@ObjectType('NavigationPilot', { description: '专利导航试点项目（公开名单）：项目名称、决策领域、企业、年度、遴选的局。' })
export class NavigationPilot {
  @Field(() => ID, { description: '项目的全局 ID（登录后有权查看的可用 node 查看详情）。' })
  projectId!: string;
  @Field(() => String, { description: '项目名称。' })
  title!: string;
  @Field(() => NavigationArea, { description: '决策领域。' })
  area!: NavigationArea;
  @Field(() => Int, { description: '试点年度。' })
  year!: number;
  @Field(() => RegionCodeScalar, { description: '遴选的知识产权局（100000 为国家局）。' })
  bureauCode!: string;
  enterpriseId!: string;
}

@ObjectType('CreateNavigationProjectPayload', { description: 'createNavigationProject 的结果。' })
export class CreateNavigationProjectPayload {
  @Field(() => NavigationProject, { description: '项目。' })
  project!: NavigationProject;
}
@ObjectType('UpdateNavigationProjectPayload', { description: 'updateNavigationProject 的结果。' })
export class UpdateNavigationProjectPayload {
  @Field(() => NavigationProject, { description: '项目。' })
  project!: NavigationProject;
}
@ObjectType('AdvanceNavigationProjectPayload', { description: 'advanceNavigationProject 的结果。' })
export class AdvanceNavigationProjectPayload {
  @Field(() => NavigationProject, { description: '项目。' })
  project!: NavigationProject;
}
@ObjectType('SubmitNavigationReportPayload', { description: 'submitNavigationReport 的结果。' })
export class SubmitNavigationReportPayload {
  @Field(() => NavigationReport, { description: '报告。' })
  report!: NavigationReport;
}
@ObjectType('PublishNavigationReportPayload', { description: 'publishNavigationReport 的结果。' })
export class PublishNavigationReportPayload {
  @Field(() => NavigationReport, { description: '报告。' })
  report!: NavigationReport;
}
@ObjectType('SelectNavigationPilotPayload', { description: 'selectNavigationPilot 的结果。' })
export class SelectNavigationPilotPayload {
  @Field(() => NavigationProject, { description: '项目。' })
  project!: NavigationProject;
}

export const { Connection: NavigationProjectConnection } = connectionTypes(NavigationProject, 'NavigationProject', '专利导航项目');
export const { Connection: NavigationReportConnection } = connectionTypes(NavigationReport, 'NavigationReport', '专利导航分析报告');
export const { Connection: NavigationPilotConnection } = connectionTypes(NavigationPilot, 'NavigationPilot', '专利导航试点');
