import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { canSeePerson } from '../person/person.policy.js';
import { Certificate, Enrolment, EnrolmentStatus, TrainingSession } from './training.entity.js';
import { enrolmentService } from './enrolment.service.js';
import {
  AllocateSessionSeatsInput,
  AllocateSessionSeatsPayload,
  CancelEnrolmentInput,
  CancelEnrolmentPayload,
  EnrolInput,
  EnrolmentChange,
  EnrolmentConnection,
  EnrolPayload,
  ReviewEnrolmentInput,
  ReviewEnrolmentPayload,
} from './enrolment.inputs.js';

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @Mutation(() => EnrolPayload, { description: '报名：有空余名额即占额（BOOKED），否则候补（WAITLISTED）；须审核的班次为待审核（REQUESTED）。' })
  async enrol(@Ctx() ctx: Context, @Arg('input', () => EnrolInput, { description: '班次和人员。' }) input: EnrolInput) {
    return Object.assign(new EnrolPayload(), { enrolment: await enrolmentService.enrol(ctx, input) });
  }

  @Mutation(() => ReviewEnrolmentPayload, { description: '审核报名（举办方）。' })
  async reviewEnrolment(@Ctx() ctx: Context, @Arg('input', () => ReviewEnrolmentInput, { description: '审核。' }) input: ReviewEnrolmentInput) {
    return Object.assign(new ReviewEnrolmentPayload(), { enrolment: await enrolmentService.review(ctx, input) });
  }

  @Mutation(() => CancelEnrolmentPayload, { description: '取消报名。' })
  async cancelEnrolment(@Ctx() ctx: Context, @Arg('input', () => CancelEnrolmentInput, { description: '报名。' }) input: CancelEnrolmentInput) {
    return Object.assign(new CancelEnrolmentPayload(), await enrolmentService.cancel(ctx, input));
  }

  @Mutation(() => AllocateSessionSeatsPayload, {
    description: '报名截止后为须审核的班次分配名额（举办方）：审核通过者按示范企业、优势企业、其他、报名先后的顺序占额，其余候补。未手动分配的，定时任务在截止次日分配。',
  })
  async allocateSessionSeats(@Ctx() ctx: Context, @Arg('input', () => AllocateSessionSeatsInput, { description: '班次。' }) input: AllocateSessionSeatsInput) {
    return Object.assign(new AllocateSessionSeatsPayload(), await enrolmentService.allocateSeats(ctx, input));
  }

  @FieldResolver(() => TrainingSession, { description: '班次。' })
  async session(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<TrainingSession> {
    return (await ctx.loaders.training.sessionById.load(e.session.id))!;
  }

  @FieldResolver(() => String, { description: '报名人员姓名（能看到报名者均可见）。' })
  async personName(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.training.personById.load(e.person.id))!.name;
  }

  @FieldResolver(() => Person, { nullable: true, description: '报名人员的档案（按人员的可见范围，其他人为 null）。' })
  async person(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<Person | null> {
    const p = await ctx.loaders.training.personById.load(e.person.id);
    return p && canSeePerson(ctx.viewer, p) ? p : null;
  }

  @FieldResolver(() => Certificate, { nullable: true, description: '结业证书（结业时）。' })
  certificate(@Root() e: Enrolment, @Ctx() ctx: Context): Promise<Certificate | null> {
    return ctx.loaders.training.certificateByEnrolment.load(e.id);
  }

  @FieldResolver(() => [EnrolmentChange], { description: '全部状态变化（一次报名至多十余次）。' })
  history(@Root() e: Enrolment): EnrolmentChange[] {
    return e.history.map((h) => Object.assign(new EnrolmentChange(), { at: h.at, status: h.status, by: h.by, note: h.note ?? null }));
  }
}

@Resolver(() => TrainingSession)
export class RosterResolver {
  @FieldResolver(() => EnrolmentConnection, {
    nullable: true,
    description: '报名名单（按报名时间，键集分页）：举办方和国家局看全部；省局看本辖区人员和本局办理的；企业看本企业人员；本人看自己；未登录为 null。',
  })
  async enrolments(
    @Root() s: TrainingSession,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('statuses', () => [EnrolmentStatus], { nullable: true, description: '状态之一。' }) statuses?: EnrolmentStatus[] | null,
  ) {
    const page = await enrolmentService.roster(ctx, s, statuses, args);
    return page && EnrolmentConnection.from(page);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseEnrolmentsResolver {
  @FieldResolver(() => EnrolmentConnection, {
    nullable: true,
    description: '本企业人员的报名（含待审核、候补、已取消），按报名时间倒序，键集分页：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async trainingEnrolments(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('statuses', () => [EnrolmentStatus], { nullable: true, description: '状态之一。' }) statuses?: EnrolmentStatus[] | null,
  ) {
    const page = await enrolmentService.ofEnterprise(ctx, e, statuses, args);
    return page && EnrolmentConnection.from(page);
  }
}
