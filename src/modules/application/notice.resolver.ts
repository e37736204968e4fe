import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import {
  DecideObjectionInput,
  DecideObjectionPayload,
  LodgeObjectionInput,
  LodgeObjectionPayload,
  NoticeEntry,
  ObjectionConnection,
  OpenPublicNoticeInput,
  OpenPublicNoticePayload,
  PublishDesignationListInput,
  PublishDesignationListPayload,
} from './national.inputs.js';
import { noticeService } from './notice.service.js';
import { Objection, PublicNotice } from './public-notice.entity.js';

@Resolver(() => PublicNotice)
export class NoticeResolver {
  @Query(() => [PublicNotice], { description: '某年度的公示（公开），最新的在前；一年只有寥寥几次公示，故为列表而非分页连接。' })
  publicNotices(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<PublicNotice[]> {
    return noticeService.list(ctx, year);
  }

  @FieldResolver(() => [NoticeEntry], { description: '公示名单（公开）：企业名称、信用代码、辖区和申报状态；一次公示至多 500 项。' })
  entries(@Root() n: PublicNotice, @Ctx() ctx: Context): Promise<NoticeEntry[]> {
    return noticeService.entriesOf(ctx, n);
  }

  @FieldResolver(() => ObjectionConnection, { nullable: true, description: '收到的异议，先提出的在前（Relay 连接）：仅组织公示的国家局或省局可见，其他人为 null。' })
  async objections(@Root() n: PublicNotice, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    const page = await noticeService.objectionsOf(ctx, n, args);
    return page && ObjectionConnection.from(page);
  }

  @Mutation(() => OpenPublicNoticePayload, { description: '对评审合格的申报开始公示，截止日按工作日历计算（R6）。' })
  async openPublicNotice(@Ctx() ctx: Context, @Arg('input', () => OpenPublicNoticeInput, { description: '公示。' }) input: OpenPublicNoticeInput): Promise<OpenPublicNoticePayload> {
    return Object.assign(new OpenPublicNoticePayload(), { notice: await noticeService.openNotice(ctx, input) });
  }

  @Mutation(() => LodgeObjectionPayload, { description: '公示期间提出异议（登录用户，或留联系方式的公众）。' })
  async lodgeObjection(@Ctx() ctx: Context, @Arg('input', () => LodgeObjectionInput, { description: '异议。' }) input: LodgeObjectionInput): Promise<LodgeObjectionPayload> {
    return Object.assign(new LodgeObjectionPayload(), { objection: await noticeService.lodgeObjection(ctx, input) });
  }

  @Mutation(() => DecideObjectionPayload, { description: '处理异议（组织公示的国家局或省局）：成立则该申报不予认定。' })
  async decideObjection(@Ctx() ctx: Context, @Arg('input', () => DecideObjectionInput, { description: '结论。' }) input: DecideObjectionInput): Promise<DecideObjectionPayload> {
    return Object.assign(new DecideObjectionPayload(), { objection: await noticeService.decideObjection(ctx, input) });
  }

  @Mutation(() => PublishDesignationListPayload, { description: '公示期满、异议处理完毕后发布认定名单（R7–R9）：每项仍在公示中的申报成为认定（示范企业有效期 3 年；优势企业为培育期，可列出不予认定的申报）。' })
  async publishDesignationList(
    @Ctx() ctx: Context,
    @Arg('input', () => PublishDesignationListInput, { description: '公示和认定日。' }) input: PublishDesignationListInput,
  ): Promise<PublishDesignationListPayload> {
    return Object.assign(new PublishDesignationListPayload(), await noticeService.publish(ctx, input));
  }
}

@Resolver(() => Objection)
export class ObjectionResolver {
  @FieldResolver(() => String, { nullable: true, description: '联系人（个人信息，仅组织公示的国家局或省局可见）。' })
  async contactName(@Root() o: Objection, @Ctx() ctx: Context): Promise<string | null> {
    return (await noticeService.contactOf(ctx, o)).name;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话（个人信息，仅组织公示的国家局或省局可见）。' })
  async contactPhone(@Root() o: Objection, @Ctx() ctx: Context): Promise<string | null> {
    return (await noticeService.contactOf(ctx, o)).phone;
  }
}
