import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import type { CommissionerDispatch } from '../service/dispatch.entity.js';
import type { ConsultingSession } from '../consulting/session.entity.js';
import { EnterpriseNeed, NeedEvent } from './need.entity.js';
import {
  AcceptNeedInput,
  AcceptNeedPayload,
  AssignNeedInput,
  AssignNeedPayload,
  CloseNeedInput,
  CloseNeedPayload,
  EnterpriseNeedConnection,
  EnterpriseNeedFilter,
  ForwardNeedInput,
  ForwardNeedPayload,
  NeedAssignee,
  RejectNeedInput,
  RejectNeedPayload,
  ReopenNeedInput,
  ReopenNeedPayload,
  ResolveNeedInput,
  ResolveNeedPayload,
  SubmitNeedInput,
  SubmitNeedPayload,
} from './need.inputs.js';
import { needService } from './need.service.js';

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

@Resolver(() => EnterpriseNeed)
export class EnterpriseNeedResolver {
  @Query(() => EnterpriseNeedConnection, { description: '企业需求（新的在前）：企业看本企业的，服务机构看交办给本机构的，省局看本辖区的，国家局看全部。' })
  async enterpriseNeeds(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EnterpriseNeedFilter, { nullable: true, description: '筛选条件。' }) filter?: EnterpriseNeedFilter | null,
  ) {
    return EnterpriseNeedConnection.from(await needService.list(ctx, filter, args));
  }

  @Mutation(() => SubmitNeedPayload, { description: '示范企业提出需求（R16），由所在辖区省局受理。' })
  async submitNeed(@Ctx() ctx: Context, @Arg('input', () => SubmitNeedInput, { description: '需求。' }) input: SubmitNeedInput): Promise<SubmitNeedPayload> {
    return Object.assign(new SubmitNeedPayload(), { need: await needService.submit(ctx, input) });
  }

  @Mutation(() => AcceptNeedPayload, { description: '省局受理本辖区企业新提出的需求。' })
  async acceptNeed(@Ctx() ctx: Context, @Arg('input', () => AcceptNeedInput, { description: '受理。' }) input: AcceptNeedInput) {
    return Object.assign(new AcceptNeedPayload(), { need: await needService.accept(ctx, input) });
  }

  @Mutation(() => RejectNeedPayload, { description: '不予受理（须说明理由）：省局对新提出的需求，国家局对转来的需求。' })
  async rejectNeed(@Ctx() ctx: Context, @Arg('input', () => RejectNeedInput, { description: '不予受理。' }) input: RejectNeedInput) {
    return Object.assign(new RejectNeedPayload(), { need: await needService.reject(ctx, input) });
  }

  @Mutation(() => AssignNeedPayload, { description: '交办服务机构：省局交办本辖区或全国性的服务机构（L1），国家局交办转来的需求。' })
  async assignNeed(@Ctx() ctx: Context, @Arg('input', () => AssignNeedInput, { description: '交办。' }) input: AssignNeedInput) {
    return Object.assign(new AssignNeedPayload(), { need: await needService.assign(ctx, input) });
  }

  @Mutation(() => ForwardNeedPayload, { description: '省局将已受理的需求转国家局办理。' })
  async forwardNeed(@Ctx() ctx: Context, @Arg('input', () => ForwardNeedInput, { description: '转办。' }) input: ForwardNeedInput) {
    return Object.assign(new ForwardNeedPayload(), { need: await needService.forward(ctx, input) });
  }

  @Mutation(() => ResolveNeedPayload, { description: '服务机构办结交办给本机构的需求，填写办理情况；等待企业确认。' })
  async resolveNeed(@Ctx() ctx: Context, @Arg('input', () => ResolveNeedInput, { description: '办结。' }) input: ResolveNeedInput) {
    return Object.assign(new ResolveNeedPayload(), { need: await needService.resolve(ctx, input) });
  }

  @Mutation(() => CloseNeedPayload, { description: '企业确认需求已办结（终结）。' })
  async closeNeed(@Ctx() ctx: Context, @Arg('input', () => CloseNeedInput, { description: '确认。' }) input: CloseNeedInput) {
    return Object.assign(new CloseNeedPayload(), { need: await needService.close(ctx, input) });
  }

  @Mutation(() => ReopenNeedPayload, { description: '企业认为需求未解决，重新打开（须说明理由，至多 3 次：L3），由原办理的知识产权局重新交办。' })
  async reopenNeed(@Ctx() ctx: Context, @Arg('input', () => ReopenNeedInput, { description: '重新打开。' }) input: ReopenNeedInput) {
    return Object.assign(new ReopenNeedPayload(), { need: await needService.reopen(ctx, input) });
  }

  @FieldResolver(() => Enterprise, {
    nullable: true,
    description: '提出需求的企业。服务机构只看得到公开名录中的企业：企业称号期满或被撤销后，服务机构看到 null（企业本身、知识产权局始终可见）。',
  })
  enterprise(@Root() n: EnterpriseNeed, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(n.enterprise.id);
  }

  @FieldResolver(() => NeedAssignee, { nullable: true, description: '当前（或重新打开前）的交办对象：服务机构、特派任务或问诊咨询场次（看不到该特派任务的人为 null）；未交办为 null。' })
  assignee(@Root() n: EnterpriseNeed, @Ctx() ctx: Context): Promise<ServiceOrganization | CommissionerDispatch | ConsultingSession | null> | null {
    if (n.dispatch) return ctx.loaders.service.dispatchById.load(n.dispatch.id);
    if (n.consultingSession) return ctx.loaders.consulting.sessionById.load(n.consultingSession.id);
    return n.organization ? ctx.loaders.organization.byId.load(n.organization.id) : null;
  }

  @FieldResolver(() => [NeedEvent], { description: '办理记录（只增不改），按时间先后。' })
  events(@Root() n: EnterpriseNeed, @Ctx() ctx: Context): Promise<NeedEvent[]> {
    return ctx.loaders.liaison.eventsByNeed.load(n.id);
  }

  @FieldResolver(() => Int, { description: '办理天数：提出之日到终结之日（未终结：到今日）的自然日数。' })
  daysOpen(@Root() n: EnterpriseNeed, @Ctx() ctx: Context): number {
    return daysBetween(n.submittedOn, n.closedOn ?? ctx.clock.today());
  }
}

@Resolver(() => NeedEvent)
export class NeedEventResolver {
  @FieldResolver(() => ServiceOrganization, { nullable: true, description: '本次交办的服务机构（交办时）。' })
  organization(@Root() e: NeedEvent, @Ctx() ctx: Context): Promise<ServiceOrganization | null> | null {
    return e.organization ? ctx.loaders.organization.byId.load(e.organization.id) : null;
  }
}
