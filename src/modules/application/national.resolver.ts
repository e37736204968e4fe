import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { isNational } from '../../common/viewer.policy.js';
import { toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { DemonstrationApplication } from './application.entity.js';
import {
  DecideObjectionInput,
  DecideObjectionPayload,
  LodgeObjectionInput,
  LodgeObjectionPayload,
  NoticeEntry,
  OpenPublicNoticeInput,
  OpenPublicNoticePayload,
  PublishDesignationListInput,
  PublishDesignationListPayload,
  ReviewApplicationNationallyInput,
  ReviewApplicationNationallyPayload,
} from './national.inputs.js';
import { nationalService } from './national.service.js';
import { Objection, PublicNotice } from './public-notice.entity.js';

@Resolver(() => PublicNotice)
export class NationalResolver {
  @Query(() => [PublicNotice], { description: '某年度的公示（公开），最新的在前。' })
  publicNotices(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<PublicNotice[]> {
    return ctx.em.find(PublicNotice, { year }, { orderBy: { startsOn: 'desc' } });
  }

  @FieldResolver(() => [NoticeEntry], { description: '公示名单（公开）：企业名称、信用代码、辖区和申报状态。' })
  async entries(@Root() n: PublicNotice, @Ctx() ctx: Context): Promise<NoticeEntry[]> {
    const apps = await ctx.em.find(DemonstrationApplication, { noticeId: n.id }, { orderBy: { id: 'asc' } });
    const enterprises = await ctx.em.find(Enterprise, { id: { $in: apps.map((a) => a.enterprise.id) } });
    return apps.map((a) => {
      const e = enterprises.find((x) => x.id === a.enterprise.id)!;
      return Object.assign(new NoticeEntry(), {
        applicationId: toGlobalId('DemonstrationApplication', a.id),
        enterpriseName: e.name,
        creditCode: e.creditCode,
        regionCode: e.region.unwrap().code,
        status: a.status,
      });
    });
  }

  @FieldResolver(() => [Objection], { nullable: true, description: '收到的异议（仅国家局可见，其他人为 null）。' })
  async objections(@Root() n: PublicNotice, @Ctx() ctx: Context): Promise<Objection[] | null> {
    if (!isNational(ctx.viewer)) return null;
    return ctx.em.find(Objection, { noticeId: n.id }, { orderBy: { createdAt: 'asc' } });
  }

  @Mutation(() => ReviewApplicationNationallyPayload, { description: '国家局评审（合格 / 不合格附意见）。' })
  async reviewApplicationNationally(@Ctx() ctx: Context, @Arg('input', () => ReviewApplicationNationallyInput, { description: '结论。' }) input: ReviewApplicationNationallyInput) {
    return Object.assign(new ReviewApplicationNationallyPayload(), { application: await nationalService.review(ctx, input) });
  }

  @Mutation(() => OpenPublicNoticePayload, { description: '对评审合格的申报开始公示，截止日按工作日历计算（R6）。' })
  async openPublicNotice(@Ctx() ctx: Context, @Arg('input', () => OpenPublicNoticeInput, { description: '公示。' }) input: OpenPublicNoticeInput) {
    return Object.assign(new OpenPublicNoticePayload(), { notice: await nationalService.openNotice(ctx, input) });
  }

  @Mutation(() => LodgeObjectionPayload, { description: '公示期间提出异议（登录用户，或留联系方式的公众）。' })
  async lodgeObjection(@Ctx() ctx: Context, @Arg('input', () => LodgeObjectionInput, { description: '异议。' }) input: LodgeObjectionInput) {
    return Object.assign(new LodgeObjectionPayload(), { objection: await nationalService.lodgeObjection(ctx, input) });
  }

  @Mutation(() => DecideObjectionPayload, { description: '处理异议（仅国家局）：成立则该申报不予认定。' })
  async decideObjection(@Ctx() ctx: Context, @Arg('input', () => DecideObjectionInput, { description: '结论。' }) input: DecideObjectionInput) {
    return Object.assign(new DecideObjectionPayload(), { objection: await nationalService.decideObjection(ctx, input) });
  }

  @Mutation(() => PublishDesignationListPayload, { description: '公示期满、异议处理完毕后发布认定名单（R7–R9）：每项仍在公示中的申报成为有效期 3 年的示范企业认定。' })
  async publishDesignationList(@Ctx() ctx: Context, @Arg('input', () => PublishDesignationListInput, { description: '公示和认定日。' }) input: PublishDesignationListInput) {
    return Object.assign(new PublishDesignationListPayload(), await nationalService.publish(ctx, input));
  }
}

@Resolver(() => Objection)
export class ObjectionResolver {
  @FieldResolver(() => String, { nullable: true, description: '联系人（个人信息，仅国家局可见）。' })
  contactName(@Root() o: Objection, @Ctx() ctx: Context): string | null {
    return isNational(ctx.viewer) ? (o.contactName ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话（个人信息，仅国家局可见）。' })
  contactPhone(@Root() o: Objection, @Ctx() ctx: Context): string | null {
    return isNational(ctx.viewer) ? (o.contactPhone ?? null) : null;
  }
}
