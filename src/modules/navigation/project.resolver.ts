import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { NavigationArea, NavigationMilestone, NavigationProject, NavigationProjectStatus, NavigationReport } from './project.entity.js';
import {
  AdvanceNavigationProjectInput,
  AdvanceNavigationProjectPayload,
  CreateNavigationProjectInput,
  CreateNavigationProjectPayload,
  NavigationPilot,
  NavigationPilotConnection,
  NavigationPilotFilter,
  NavigationProjectConnection,
  NavigationProjectFilter,
  NavigationReportConnection,
  NavigationReportFilter,
  PublishNavigationReportInput,
  PublishNavigationReportPayload,
  SelectNavigationPilotInput,
  SelectNavigationPilotPayload,
  SubmitNavigationReportInput,
  SubmitNavigationReportPayload,
  UpdateNavigationProjectInput,
  UpdateNavigationProjectPayload,
} from './project.inputs.js';
import { projectService } from './project.service.js';

@ObjectType('NavigationProjectHistoryEntry', { description: '专利导航项目的一次变化。' })
export class NavigationProjectHistoryEntry {
  @Field(() => DateTimeResolver, { description: '时间。' })
  at!: Date;
  @Field(() => String, { description: '操作人（用户名）。' })
  by!: string;
  @Field(() => NavigationProjectStatus, { description: '变化后的状态。' })
  status!: NavigationProjectStatus;
  @Field(() => String, { nullable: true, description: '说明（决策、成效、撤销理由、试点入选）。' })
  note!: string | null;
}

const enterpriseName = async (ctx: Context, enterpriseId: string) => (await ctx.loaders.service.enterpriseFacts.load(enterpriseId))?.name ?? '';

@Resolver(() => NavigationProject)
export class NavigationProjectResolver {
  @Query(() => NavigationProjectConnection, { description: '专利导航项目，新立项的在前：企业看本企业的，服务机构看本机构承担的，省局看本辖区企业的，国家局看全部。' })
  async navigationProjects(
    @Ctx() ctx: Context,
    @Arg('filter', () => NavigationProjectFilter, { nullable: true, description: '筛选。' }) filter: NavigationProjectFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return NavigationProjectConnection.from(await projectService.list(ctx, filter, args));
  }

  @Query(() => NavigationPilotConnection, { description: '专利导航试点项目（公开名单），新入选的在前：名称、决策领域、企业、年度、遴选的局。' })
  async navigationPilots(
    @Ctx() ctx: Context,
    @Arg('filter', () => NavigationPilotFilter, { nullable: true, description: '筛选。' }) filter: NavigationPilotFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return NavigationPilotConnection.from(await projectService.pilots(ctx, filter?.year, filter?.regionCodes, args));
  }

  @Query(() => NavigationReportConnection, { description: '专利导航分析报告，新提交的在前：公众只见已公开的（公开的报告目录）；有权查看项目的另见其未公开的。' })
  async navigationReports(
    @Ctx() ctx: Context,
    @Arg('filter', () => NavigationReportFilter, { nullable: true, description: '筛选。' }) filter: NavigationReportFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return NavigationReportConnection.from(await projectService.reports(ctx, filter, args));
  }

  @Mutation(() => CreateNavigationProjectPayload, { description: '为企业立一个专利导航项目（企业本身、承担分析的服务机构、所在辖区省局或国家局）。' })
  async createNavigationProject(@Ctx() ctx: Context, @Arg('input', () => CreateNavigationProjectInput, { description: '项目。' }) input: CreateNavigationProjectInput): Promise<CreateNavigationProjectPayload> {
    return Object.assign(new CreateNavigationProjectPayload(), { project: await projectService.create(ctx, input) });
  }

  @Mutation(() => UpdateNavigationProjectPayload, { description: '修改专利导航项目（名称、目标、技术领域、里程碑）。' })
  async updateNavigationProject(@Ctx() ctx: Context, @Arg('input', () => UpdateNavigationProjectInput, { description: '修改。' }) input: UpdateNavigationProjectInput): Promise<UpdateNavigationProjectPayload> {
    return Object.assign(new UpdateNavigationProjectPayload(), { project: await projectService.update(ctx, input) });
  }

  @Mutation(() => AdvanceNavigationProjectPayload, { description: '推进专利导航项目的状态（开始分析、已出报告、已支撑决策、结项、撤销）。' })
  async advanceNavigationProject(@Ctx() ctx: Context, @Arg('input', () => AdvanceNavigationProjectInput, { description: '新状态。' }) input: AdvanceNavigationProjectInput): Promise<AdvanceNavigationProjectPayload> {
    return Object.assign(new AdvanceNavigationProjectPayload(), { project: await projectService.advance(ctx, input) });
  }

  @Mutation(() => SubmitNavigationReportPayload, { description: '提交专利导航项目的一份分析报告（附件为已上传的文件）。' })
  async submitNavigationReport(@Ctx() ctx: Context, @Arg('input', () => SubmitNavigationReportInput, { description: '报告。' }) input: SubmitNavigationReportInput): Promise<SubmitNavigationReportPayload> {
    return Object.assign(new SubmitNavigationReportPayload(), { report: await projectService.submitReport(ctx, input) });
  }

  @Mutation(() => PublishNavigationReportPayload, { description: '公开或撤回公开一份分析报告（企业本身或国家局）：公开的进入公开的报告目录。' })
  async publishNavigationReport(@Ctx() ctx: Context, @Arg('input', () => PublishNavigationReportInput, { description: '公开与否。' }) input: PublishNavigationReportInput): Promise<PublishNavigationReportPayload> {
    return Object.assign(new PublishNavigationReportPayload(), { report: await projectService.publishReport(ctx, input) });
  }

  @Mutation(() => SelectNavigationPilotPayload, { description: '遴选（或撤销）某年的专利导航试点项目：省局为本辖区企业的项目，国家局为任何项目。' })
  async selectNavigationPilot(@Ctx() ctx: Context, @Arg('input', () => SelectNavigationPilotInput, { description: '遴选。' }) input: SelectNavigationPilotInput): Promise<SelectNavigationPilotPayload> {
    return Object.assign(new SelectNavigationPilotPayload(), { project: await projectService.selectPilot(ctx, input) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  enterpriseName(@Root() p: NavigationProject, @Ctx() ctx: Context): Promise<string> {
    return enterpriseName(ctx, p.enterprise.id);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '企业（按企业名录的可见范围，看不到的为 null）。' })
  enterprise(@Root() p: NavigationProject, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(p.enterprise.id);
  }

  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '承担分析的服务机构（企业自行分析的为 null）。' })
  async organization(@Root() p: NavigationProject, @Ctx() ctx: Context): Promise<ServiceOrganization | null> {
    return p.organization ? ((await ctx.loaders.organization.byId.load(p.organization.id)) ?? null) : null;
  }

  @FieldResolver(() => [NavigationMilestone], { description: '里程碑（至多 30 个）。' })
  milestones(@Root() p: NavigationProject): NavigationMilestone[] {
    return p.milestones.map((m) => Object.assign(new NavigationMilestone(), m));
  }

  @FieldResolver(() => [NavigationReport], { description: '分析报告，交付日新的在前（一个项目只有几份）。' })
  reports(@Root() p: NavigationProject, @Ctx() ctx: Context): Promise<NavigationReport[]> {
    return ctx.loaders.navigation.reportsByProject.load(p.id);
  }

  @FieldResolver(() => [NavigationProjectHistoryEntry], { description: '状态的全部变化（时间、操作人、说明）。' })
  history(@Root() p: NavigationProject): NavigationProjectHistoryEntry[] {
    return p.history.map((h) => Object.assign(new NavigationProjectHistoryEntry(), { ...h, at: new Date(h.at), note: h.note ?? null }));
  }
}

@Resolver(() => NavigationReport)
export class NavigationReportResolver {
  @FieldResolver(() => NavigationProject, { nullable: true, description: '所属项目（按项目的可见范围，看不到的为 null）。' })
  project(@Root() r: NavigationReport, @Ctx() ctx: Context): Promise<NavigationProject | null> {
    return ctx.loaders.navigation.projectById.load(r.project.id);
  }

  @FieldResolver(() => String, { description: '所属项目的名称。' })
  async projectTitle(@Root() r: NavigationReport, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.navigation.projectFacts.load(r.project.id))?.title ?? '';
  }

  @FieldResolver(() => NavigationArea, { description: '所属项目的决策领域。' })
  async area(@Root() r: NavigationReport, @Ctx() ctx: Context): Promise<NavigationArea> {
    return (await ctx.loaders.navigation.projectFacts.load(r.project.id))!.area;
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  async enterpriseName(@Root() r: NavigationReport, @Ctx() ctx: Context): Promise<string> {
    const facts = await ctx.loaders.navigation.projectFacts.load(r.project.id);
    return facts ? enterpriseName(ctx, facts.enterpriseId) : '';
  }

  @FieldResolver(() => [StoredFile], { description: '附件（按文件的可见范围）。' })
  async attachments(@Root() r: NavigationReport, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return (await ctx.loaders.file.visibleById.loadMany(r.attachmentIds)).filter((f): f is StoredFile => f instanceof StoredFile);
  }
}

@Resolver(() => NavigationPilot)
export class NavigationPilotResolver {
  @FieldResolver(() => String, { description: '企业名称。' })
  enterpriseName(@Root() p: NavigationPilot, @Ctx() ctx: Context): Promise<string> {
    return enterpriseName(ctx, p.enterpriseId);
  }
}
