import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { may } from '../../common/policy.js';
import { DateScalar } from '../../common/scalars.js';
import { Transition } from '../audit/history.js';
import { Region } from '../region/region.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { SelectedServiceTeam } from '../service/team.entity.js';
import { ConsultingBookingStatus } from './booking.entity.js';
import { ConsultingBookingConnection } from './booking.inputs.js';
import { bookingService } from './booking.service.js';
import { ConsultingSession, ConsultingSessionStatus } from './session.entity.js';
import { chinaDate, chinaLocal } from './consulting.rules.js';
import { consultingActions } from './consulting.policy.js';
import { sessionService } from './session.service.js';
import {
  CancelConsultingSessionInput,
  CancelConsultingSessionPayload,
  ConsultingSessionConnection,
  ConsultingSessionFilter,
  CreateConsultingSeasonInput,
  CreateConsultingSeasonPayload,
  CreateConsultingSessionInput,
  CreateConsultingSessionPayload,
  MarkConsultingSessionHeldInput,
  MarkConsultingSessionHeldPayload,
  UpdateConsultingSessionInput,
  UpdateConsultingSessionPayload,
} from './session.inputs.js';

@Resolver(() => ConsultingSession)
export class ConsultingSessionResolver {
  @Query(() => ConsultingSessionConnection, {
    description: '问诊咨询场次（公开，不含预约者），按开始时间先后，键集分页：公开门户用 upcoming 看即将举行的；可按服务辖区（可按省汇总）、服务队伍、入选记录、季、状态、方式、日期、是否有余额筛选。',
  })
  async consultingSessions(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ConsultingSessionFilter, { nullable: true, description: '筛选条件。' }) filter?: ConsultingSessionFilter | null,
  ) {
    const page = await sessionService.list(ctx, filter, args);
    // Their bookings name their session: the page already holds it.
    for (const { node } of page.edges) ctx.loaders.consulting.sessionById.prime(node.id, node);
    return ConsultingSessionConnection.from(page);
  }

  @Mutation(() => CreateConsultingSessionPayload, { description: '安排一场问诊咨询（入选服务队伍本机构的、作出遴选的省局、国家局；TEAM_NOT_SELECTED：入选已撤销或服务期不覆盖问诊日期）。' })
  async createConsultingSession(@Ctx() ctx: Context, @Arg('input', () => CreateConsultingSessionInput, { description: '场次。' }) input: CreateConsultingSessionInput): Promise<CreateConsultingSessionPayload> {
    return Object.assign(new CreateConsultingSessionPayload(), { session: await sessionService.create(ctx, input) });
  }

  @Mutation(() => CreateConsultingSeasonPayload, { description: '一次安排一季定期问诊（例如每两周一次、共 n 次）：每一场都符合规则才全部安排，否则一场也不安排。' })
  async createConsultingSeason(@Ctx() ctx: Context, @Arg('input', () => CreateConsultingSeasonInput, { description: '一季。' }) input: CreateConsultingSeasonInput): Promise<CreateConsultingSeasonPayload> {
    return Object.assign(new CreateConsultingSeasonPayload(), await sessionService.createSeason(ctx, input));
  }

  @Mutation(() => UpdateConsultingSessionPayload, { description: '修改尚未开始的场次（安排它的各方）。' })
  async updateConsultingSession(@Ctx() ctx: Context, @Arg('input', () => UpdateConsultingSessionInput, { description: '修改。' }) input: UpdateConsultingSessionInput): Promise<UpdateConsultingSessionPayload> {
    return Object.assign(new UpdateConsultingSessionPayload(), { session: await sessionService.update(ctx, input) });
  }

  @Mutation(() => CancelConsultingSessionPayload, { description: '取消尚未举行的场次（附理由），其预约随之取消。' })
  async cancelConsultingSession(@Ctx() ctx: Context, @Arg('input', () => CancelConsultingSessionInput, { description: '取消。' }) input: CancelConsultingSessionInput): Promise<CancelConsultingSessionPayload> {
    return Object.assign(new CancelConsultingSessionPayload(), await sessionService.cancel(ctx, input));
  }

  @Mutation(() => MarkConsultingSessionHeldPayload, { description: '确认场次已举行（开始之后；登记问诊结果时自动确认）。' })
  async markConsultingSessionHeld(@Ctx() ctx: Context, @Arg('input', () => MarkConsultingSessionHeldInput, { description: '场次。' }) input: MarkConsultingSessionHeldInput): Promise<MarkConsultingSessionHeldPayload> {
    return Object.assign(new MarkConsultingSessionHeldPayload(), { session: await sessionService.markHeld(ctx, input) });
  }

  @FieldResolver(() => DateScalar, { description: '问诊日期（中国标准时间）。' })
  date(@Root() s: ConsultingSession): string {
    return chinaDate(s.startsAt);
  }

  @FieldResolver(() => String, { description: '开始时间的中国标准时间写法，例如 2026-12-10T14:30+08:00。' })
  startsAtLocal(@Root() s: ConsultingSession): string {
    return chinaLocal(s.startsAt);
  }

  @FieldResolver(() => DateTimeResolver, { description: '结束时间（开始时间加时长）。' })
  endsAt(@Root() s: ConsultingSession): Date {
    return s.endsAt;
  }

  @FieldResolver(() => Int, { description: '剩余名额（已安排的场次：名额减去有效预约；已取消或已举行的为 0）。' })
  seatsLeft(@Root() s: ConsultingSession): number {
    return s.status === ConsultingSessionStatus.SCHEDULED ? Math.max(0, s.capacity - s.seatsTaken) : 0;
  }

  @FieldResolver(() => ServiceOrganization, { description: '提供问诊的服务队伍（公开名录）。' })
  async team(@Root() s: ConsultingSession, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(s.organization.id))!;
  }

  @FieldResolver(() => SelectedServiceTeam, { description: '安排问诊所依据的入选记录（哪个局、哪一年度、服务期）。' })
  async selection(@Root() s: ConsultingSession, @Ctx() ctx: Context): Promise<SelectedServiceTeam> {
    return (await ctx.loaders.consulting.selectionById.load(s.selection.id))!;
  }

  @FieldResolver(() => Region, { description: '服务的辖区。' })
  region(@Root() s: ConsultingSession, @Ctx() ctx: Context): Region {
    return ctx.reference.region(s.regionCode)!;
  }

  @FieldResolver(() => ConsultingBookingConnection, {
    nullable: true,
    description: '本场的预约（按预约先后，键集分页）：服务队伍、国家局看全部；省局看本辖区企业的；企业只看本企业的；其他人（含未登录）为 null。',
  })
  async bookings(
    @Root() s: ConsultingSession,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('statuses', () => [ConsultingBookingStatus], { nullable: true, description: '状态之一。' }) statuses?: ConsultingBookingStatus[] | null,
  ) {
    const page = await bookingService.ofSession(ctx, s, statuses, args);
    return page && ConsultingBookingConnection.from(page);
  }

  @FieldResolver(() => [Transition], { nullable: true, description: '安排、修改、取消、举行的记录（取自审计日志）：安排它的各方（服务队伍、作出遴选的省局、国家局）可见，其他人为 null。' })
  async history(@Root() s: ConsultingSession, @Ctx() ctx: Context): Promise<Transition[] | null> {
    const selection = await ctx.loaders.consulting.selectionById.load(s.selection.id);
    if (!selection || !may(ctx.viewer, consultingActions.runSession, { organizationId: s.organization.id, bureauCode: selection.bureauCode })) return null;
    return ctx.loaders.audit.historyByObject.load(`ConsultingSession:${s.id}`);
  }
}
