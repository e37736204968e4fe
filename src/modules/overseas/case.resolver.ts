import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { PatentAlliance } from '../navigation/alliance.entity.js';
import { directoryEntry, ExpertDirectoryEntry } from '../talent/expert-directory.js';
import { CaseChannel, DeadlineState, ProtectionCase, ProtectionCaseDeadline, ProtectionCaseEvent } from './case.entity.js';
import { ProtectionCaseParticipant } from './case-parts.entity.js';
import {
  AddCaseNoteInput,
  AddCaseNotePayload,
  AddCaseParticipantInput,
  AdvanceProtectionCaseInput,
  CaseDeadlineTargetRow,
  CaseEventConnection,
  AddCaseParticipantPayload,
  EndCaseParticipantPayload,
  AdvanceProtectionCasePayload,
  WithdrawProtectionCasePayload,
  WaitOnEnterprisePayload,
  ResumeProtectionCasePayload,
  ReassignProtectionCasePayload,
  EndCaseParticipantInput,
  ProtectionCaseConnection,
  ProtectionCaseFilter,
  ReassignProtectionCaseInput,
  ReportProtectionCaseInput,
  ReportProtectionCasePayload,
  ResumeProtectionCaseInput,
  SetCaseDeadlineTargetInput,
  SetCaseDeadlineTargetPayload,
  WaitOnEnterpriseInput,
  WithdrawProtectionCaseInput,
} from './case.inputs.js';
import { caseService } from './case.service.js';
import { caseParticipantService } from './case-participant.service.js';
import { caseClockService } from './case-clock.service.js';
import { deadlineState } from './case.rules.js';
import { assertMay } from '../../common/policy.js';
import { overseasActions } from './overseas.policy.js';


@Resolver(() => ProtectionCase)
export class ProtectionCaseResolver {
  @Query(() => ProtectionCaseConnection, {
    description: '维权案件，新报告的在前（保密）：企业看本企业的，受理的工作站或援助中心看其受理的，省局看本辖区企业的，国家局看全部。filter.deadlineStates: [BREACHED] 即超期清单，[AT_RISK] 即预警清单。',
  })
  async protectionCases(
    @Ctx() ctx: Context,
    @Arg('filter', () => ProtectionCaseFilter, { nullable: true, description: '筛选。' }) filter: ProtectionCaseFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return ProtectionCaseConnection.from(await caseService.list(ctx, filter, args));
  }

  @Query(() => [CaseDeadlineTargetRow], { description: '各类维权案件的时限目标（工作小时；国家局设定的或默认值）：公开，企业据此知道多久能得到答复。' })
  async caseDeadlineTargets(@Ctx() ctx: Context, @Arg('channel', () => CaseChannel, { nullable: true, description: '渠道（不填为全部）。' }) channel: CaseChannel | null): Promise<CaseDeadlineTargetRow[]> {
    assertMay(ctx, overseasActions.readCaseStatistics);
    return caseClockService.targets(ctx, ctx.em, channel);
  }

  @Mutation(() => ReportProtectionCasePayload, { description: '报告维权案件（R20）：海外问题由覆盖该国的驻外工作站受理，国内问题由企业所在辖区的维权援助中心受理；各项时限自此按受理单位的工作时间起算。' })
  async reportProtectionCase(@Ctx() ctx: Context, @Arg('input', () => ReportProtectionCaseInput, { description: '案件。' }) input: ReportProtectionCaseInput): Promise<ReportProtectionCasePayload> {
    return Object.assign(new ReportProtectionCasePayload(), { protectionCase: await caseService.report(ctx, input) });
  }

  @Mutation(() => AdvanceProtectionCasePayload, { description: '案件进入下一步（确认受理 → 反馈信息 → 协调应对）或结案：受理单位、国家局。' })
  async advanceProtectionCase(@Ctx() ctx: Context, @Arg('input', () => AdvanceProtectionCaseInput, { description: '下一步。' }) input: AdvanceProtectionCaseInput): Promise<InstanceType<typeof AdvanceProtectionCasePayload>> {
    return Object.assign(new AdvanceProtectionCasePayload(), { protectionCase: await caseService.advance(ctx, input) });
  }

  @Mutation(() => WithdrawProtectionCasePayload, { description: '企业撤回案件（以“企业撤回”结案）：企业本身或其主管局。' })
  async withdrawProtectionCase(@Ctx() ctx: Context, @Arg('input', () => WithdrawProtectionCaseInput, { description: '撤回。' }) input: WithdrawProtectionCaseInput): Promise<InstanceType<typeof WithdrawProtectionCasePayload>> {
    return Object.assign(new WithdrawProtectionCasePayload(), { protectionCase: await caseService.withdraw(ctx, input) });
  }

  @Mutation(() => WaitOnEnterprisePayload, { description: '等待企业补充：时限暂停，直至企业在时间线上补充或受理单位恢复办理。' })
  async waitOnEnterprise(@Ctx() ctx: Context, @Arg('input', () => WaitOnEnterpriseInput, { description: '等待。' }) input: WaitOnEnterpriseInput): Promise<InstanceType<typeof WaitOnEnterprisePayload>> {
    return Object.assign(new WaitOnEnterprisePayload(), { protectionCase: await caseService.waitOnEnterprise(ctx, input) });
  }

  @Mutation(() => ResumeProtectionCasePayload, { description: '恢复办理：结束等待，时限继续（受理单位、国家局）。' })
  async resumeProtectionCase(@Ctx() ctx: Context, @Arg('input', () => ResumeProtectionCaseInput, { description: '恢复。' }) input: ResumeProtectionCaseInput): Promise<InstanceType<typeof ResumeProtectionCasePayload>> {
    return Object.assign(new ResumeProtectionCasePayload(), { protectionCase: await caseService.resume(ctx, input) });
  }

  @Mutation(() => AddCaseNotePayload, { description: '在案件时间线上补充说明或材料（只增不改）；企业一方在等待期间补充即结束等待。' })
  async addCaseNote(@Ctx() ctx: Context, @Arg('input', () => AddCaseNoteInput, { description: '补充。' }) input: AddCaseNoteInput): Promise<AddCaseNotePayload> {
    return Object.assign(new AddCaseNotePayload(), await caseService.addNote(ctx, input));
  }

  @Mutation(() => AddCaseParticipantPayload, { description: '邀请参与方：人才库中的专家、服务机构、企业所在联盟的联合防御基金（受理单位、国家局）。' })
  async addCaseParticipant(@Ctx() ctx: Context, @Arg('input', () => AddCaseParticipantInput, { description: '参与方。' }) input: AddCaseParticipantInput): Promise<AddCaseParticipantPayload> {
    return Object.assign(new AddCaseParticipantPayload(), { participant: await caseParticipantService.addParticipant(ctx, input) });
  }

  @Mutation(() => EndCaseParticipantPayload, { description: '参与方退出（受理单位、国家局）。' })
  async endCaseParticipant(@Ctx() ctx: Context, @Arg('input', () => EndCaseParticipantInput, { description: '退出。' }) input: EndCaseParticipantInput): Promise<EndCaseParticipantPayload> {
    return Object.assign(new EndCaseParticipantPayload(), { participant: await caseParticipantService.endParticipant(ctx, input) });
  }

  @Mutation(() => ReassignProtectionCasePayload, { description: '国家局改派受理单位：已用的工作时间保留，余下的按新单位的日历计。' })
  async reassignProtectionCase(@Ctx() ctx: Context, @Arg('input', () => ReassignProtectionCaseInput, { description: '改派。' }) input: ReassignProtectionCaseInput): Promise<InstanceType<typeof ReassignProtectionCasePayload>> {
    return Object.assign(new ReassignProtectionCasePayload(), { protectionCase: await caseService.reassign(ctx, input) });
  }

  @Mutation(() => SetCaseDeadlineTargetPayload, { description: '国家局设定一类案件的时限目标（之后报告的案件按此计）；三项都不填则恢复默认。' })
  async setCaseDeadlineTarget(@Ctx() ctx: Context, @Arg('input', () => SetCaseDeadlineTargetInput, { description: '目标。' }) input: SetCaseDeadlineTargetInput): Promise<SetCaseDeadlineTargetPayload> {
    return Object.assign(new SetCaseDeadlineTargetPayload(), { target: await caseClockService.setTarget(ctx, input) });
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '企业。' })
  enterprise(@Root() c: ProtectionCase, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(c.enterprise.id);
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  async enterpriseName(@Root() c: ProtectionCase, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(c.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => ServiceOrganization, { description: '受理单位：驻外知识产权工作站或知识产权维权援助中心。' })
  async handler(@Root() c: ProtectionCase, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(c.handler.id))!;
  }

  @FieldResolver(() => Boolean, { description: '是否在等待企业补充（时限暂停）。' })
  waitingOnEnterprise(@Root() c: ProtectionCase): boolean {
    return c.pausedSince != null;
  }

  @FieldResolver(() => [ProtectionCaseDeadline], { description: '三项时限：首次响应、信息反馈、结案。' })
  deadlines(@Root() c: ProtectionCase, @Ctx() ctx: Context): Promise<ProtectionCaseDeadline[]> {
    return ctx.loaders.overseas.deadlinesByCase.load(c.id);
  }

  @FieldResolver(() => [ProtectionCaseParticipant], { description: '参与方（仍参与的在前；至多 50 个）。' })
  participants(@Root() c: ProtectionCase, @Ctx() ctx: Context): Promise<ProtectionCaseParticipant[]> {
    return ctx.loaders.overseas.participantsByCase.load(c.id);
  }

  @FieldResolver(() => CaseEventConnection, { description: '时间线，按时间先后（只增不改）。' })
  async timeline(@Root() c: ProtectionCase, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return CaseEventConnection.from(await ctx.loaders.overseas.eventsByCase.page(c.id, null, args, ctx.config));
  }
}

@Resolver(() => ProtectionCaseDeadline)
export class CaseDeadlineResolver {
  @FieldResolver(() => DeadlineState, { description: '此刻的状态：进行中、预警、超期、暂停、按时完成、超期后完成。' })
  state(@Root() d: ProtectionCaseDeadline, @Ctx() ctx: Context): DeadlineState {
    return deadlineState(d, ctx.clock.now());
  }
}

@Resolver(() => ProtectionCaseEvent)
export class CaseEventResolver {
  @FieldResolver(() => [StoredFile], { description: '附件（能看到案件的人可下载）。' })
  async attachments(@Root() e: ProtectionCaseEvent, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return (await ctx.loaders.file.visibleById.loadMany(e.attachmentIds)).filter((f): f is StoredFile => f instanceof StoredFile);
  }
}

@Resolver(() => ProtectionCaseParticipant)
export class CaseParticipantResolver {
  @FieldResolver(() => ExpertDirectoryEntry, { nullable: true, description: '专家（公开信息）。' })
  async expert(@Root() p: ProtectionCaseParticipant, @Ctx() ctx: Context): Promise<ExpertDirectoryEntry | null> {
    if (!p.person) return null;
    const [person, memberships] = await Promise.all([ctx.loaders.training.personById.load(p.person.id), ctx.loaders.talent.publicMembershipsByPerson.load(p.person.id)]);
    return person ? directoryEntry(person, memberships, ctx.clock.today()) : null;
  }

  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '服务机构。' })
  organization(@Root() p: ProtectionCaseParticipant, @Ctx() ctx: Context): Promise<ServiceOrganization | null> | null {
    return p.organization ? ctx.loaders.organization.byId.load(p.organization.id) : null;
  }

  @FieldResolver(() => PatentAlliance, { nullable: true, description: '联盟（其联合防御基金）。' })
  alliance(@Root() p: ProtectionCaseParticipant): PatentAlliance | null {
    return p.alliance ? p.alliance.unwrap() : null;
  }
}
