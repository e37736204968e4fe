import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Transition } from '../audit/history.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ServiceRecord } from '../service/service-record.entity.js';
import { ConsultingBooking } from './booking.entity.js';
import { ConsultingSession } from './session.entity.js';
import { bookingService } from './booking.service.js';
import { outcomeService } from './outcome.service.js';
import {
  BookConsultingSessionInput,
  BookConsultingSessionPayload,
  CancelConsultingBookingInput,
  CancelConsultingBookingPayload,
  ConsultingBookingConnection,
  ConsultingBookingFilter,
  RateConsultationInput,
  RateConsultationPayload,
  RecordConsultationOutcomeInput,
  RecordConsultationOutcomePayload,
} from './booking.inputs.js';

@Resolver(() => ConsultingBooking)
export class ConsultingBookingResolver {
  @Query(() => ConsultingBookingConnection, {
    description: '问诊预约（新的在前，键集分页）：企业看本企业的，服务队伍看本机构场次的，省局看本辖区企业的，国家局看全部；可按企业所在辖区（可按省汇总）、服务队伍、企业、场次、状态、问诊日期筛选。',
  })
  async consultingBookings(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ConsultingBookingFilter, { nullable: true, description: '筛选条件。' }) filter?: ConsultingBookingFilter | null,
  ) {
    return ConsultingBookingConnection.from(await bookingService.list(ctx, filter, args));
  }

  @Mutation(() => BookConsultingSessionPayload, {
    description: '为本企业人员预约问诊（企业用户）：开始前、有余额时；一人一场一次（CONFLICT）；面向示范企业和优势企业（NOT_PROGRAMME_ENTERPRISE）、场次服务的辖区内的企业（OUTSIDE_REGION_SERVED）；SESSION_FULL、SESSION_STARTED、SESSION_CANCELLED。',
  })
  async bookConsultingSession(@Ctx() ctx: Context, @Arg('input', () => BookConsultingSessionInput, { description: '预约。' }) input: BookConsultingSessionInput): Promise<BookConsultingSessionPayload> {
    return Object.assign(new BookConsultingSessionPayload(), { booking: await bookingService.book(ctx, input) });
  }

  @Mutation(() => CancelConsultingBookingPayload, { description: '在问诊开始前取消预约（预约的企业），名额随即空出。' })
  async cancelConsultingBooking(@Ctx() ctx: Context, @Arg('input', () => CancelConsultingBookingInput, { description: '取消。' }) input: CancelConsultingBookingInput): Promise<CancelConsultingBookingPayload> {
    return Object.assign(new CancelConsultingBookingPayload(), { booking: await bookingService.cancel(ctx, input) });
  }

  @Mutation(() => RecordConsultationOutcomePayload, { description: '问诊开始后登记一项预约的出勤和诊断与建议（服务队伍）；参加了的形成一条问诊咨询（CONSULTATION）服务记录；场次随之为已举行。' })
  async recordConsultationOutcome(@Ctx() ctx: Context, @Arg('input', () => RecordConsultationOutcomeInput, { description: '结果。' }) input: RecordConsultationOutcomeInput): Promise<RecordConsultationOutcomePayload> {
    return Object.assign(new RecordConsultationOutcomePayload(), await outcomeService.record(ctx, input));
  }

  @Mutation(() => RateConsultationPayload, { description: '评价参加过的问诊（预约的企业，登记结果后一次；OUTCOME_NOT_RECORDED：尚未登记或未参加）。' })
  async rateConsultation(@Ctx() ctx: Context, @Arg('input', () => RateConsultationInput, { description: '评价。' }) input: RateConsultationInput): Promise<RateConsultationPayload> {
    return Object.assign(new RateConsultationPayload(), { booking: await outcomeService.rate(ctx, input) });
  }

  @FieldResolver(() => ConsultingSession, { description: '场次。' })
  async session(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<ConsultingSession> {
    return (await ctx.loaders.consulting.sessionById.load(b.session.id))!;
  }

  @FieldResolver(() => ServiceOrganization, { description: '提供问诊的服务队伍。' })
  async team(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(b.organization.id))!;
  }

  @FieldResolver(() => String, { description: '预约企业的名称（能看到预约者均可见）。' })
  async enterpriseName(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.consulting.enterpriseName.load(b.enterprise.id)) ?? '';
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '预约的企业（按企业名录的可见范围，其他人为 null）。' })
  enterprise(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(b.enterprise.id);
  }

  @FieldResolver(() => String, { description: '参加问诊的人员姓名（能看到预约者均可见）。' })
  async personName(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.consulting.personName.load(b.person.id)) ?? '';
  }

  @FieldResolver(() => Person, { nullable: true, description: '人员记录（按人员的可见范围：国家局、省局、本企业，其他人为 null）。' })
  person(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<Person | null> {
    return ctx.loaders.person.visibleById.load(b.person.id);
  }

  @FieldResolver(() => ServiceRecord, { nullable: true, description: '登记问诊结果形成的问诊咨询服务记录（参加了的；按服务记录的可见范围）。' })
  serviceRecord(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<ServiceRecord | null> | null {
    return b.serviceRecord ? ctx.loaders.consulting.recordById.load(b.serviceRecord.id) : null;
  }

  @FieldResolver(() => [Transition], { description: '预约、取消、登记结果、评价的记录（取自审计日志）。' })
  history(@Root() b: ConsultingBooking, @Ctx() ctx: Context): Promise<Transition[]> {
    return ctx.loaders.audit.historyByObject.load(`ConsultingBooking:${b.id}`);
  }
}
