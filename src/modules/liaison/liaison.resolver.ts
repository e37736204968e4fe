import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Bureau } from '../region/bureau.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { Liaison, LiaisonReminder } from './liaison.entity.js';
import {
  EndLiaisonInput,
  EndLiaisonPayload,
  LiaisonConnection,
  LiaisonFilter,
  LiaisonReminderConnection,
  LiaisonReminderFilter,
  MissingLiaison,
  MissingLiaisonConnection,
  MissingLiaisonFilter,
  NameLiaisonInput,
  NameLiaisonPayload,
  RemindLiaisonInput,
  RemindLiaisonPayload,
} from './liaison.inputs.js';
import { liaisonService } from './liaison.service.js';

/** The enterprise of a record the viewer sees (its record is visible, so the enterprise is). */
export async function enterpriseOfRecord(ctx: Context, record: { enterprise: { id: string } }): Promise<Enterprise> {
  return (await ctx.loaders.enterprise.visibleById.load(record.enterprise.id))!;
}

@Resolver(() => Liaison)
export class LiaisonResolver {
  @Query(() => LiaisonConnection, { description: '联络员（现任和历任，新的在前）：企业看本企业的，省局看本辖区的，国家局看全部；不公开。' })
  async liaisons(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => LiaisonFilter, { nullable: true, description: '筛选条件。' }) filter?: LiaisonFilter | null,
  ) {
    return LiaisonConnection.from(await liaisonService.list(ctx, filter, args));
  }

  @Query(() => MissingLiaisonConnection, { description: '尚未指定联络员的现有示范企业（R16），按名称排序：省局本辖区，国家局全部（可按辖区筛选）。' })
  async missingLiaisons(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => MissingLiaisonFilter, { nullable: true, description: '筛选条件。' }) filter?: MissingLiaisonFilter | null,
  ) {
    return MissingLiaisonConnection.from(await liaisonService.missing(ctx, filter, args));
  }

  @Query(() => LiaisonReminderConnection, { description: '指定联络员的提醒记录（新的在前）：企业看本企业收到的，省局看本辖区的，国家局看全部。' })
  async liaisonReminders(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => LiaisonReminderFilter, { nullable: true, description: '筛选条件。' }) filter?: LiaisonReminderFilter | null,
  ) {
    return LiaisonReminderConnection.from(await liaisonService.reminders(ctx, filter, args));
  }

  @Mutation(() => NameLiaisonPayload, { description: '示范企业指定或更换本企业的联络员（R16）：原联络员自今日卸任，新联络员自今日起任。非现有示范企业返回 RULE_VIOLATION R16。' })
  async nameLiaison(@Ctx() ctx: Context, @Arg('input', () => NameLiaisonInput, { description: '联络员。' }) input: NameLiaisonInput): Promise<NameLiaisonPayload> {
    return Object.assign(new NameLiaisonPayload(), await liaisonService.name(ctx, input));
  }

  @Mutation(() => EndLiaisonPayload, { description: '现任联络员卸任而暂无继任者（企业）：企业随即列入未指定联络员的名单。' })
  async endLiaison(@Ctx() ctx: Context, @Arg('input', () => EndLiaisonInput, { description: '卸任。' }) input: EndLiaisonInput): Promise<EndLiaisonPayload> {
    return Object.assign(new EndLiaisonPayload(), { liaison: await liaisonService.end(ctx, input) });
  }

  @Mutation(() => RemindLiaisonPayload, { description: '提醒尚未指定联络员的示范企业（省局本辖区，国家局全部）：只作记录，不发送邮件。已有联络员返回 RULE_VIOLATION R16。' })
  async remindLiaison(@Ctx() ctx: Context, @Arg('input', () => RemindLiaisonInput, { description: '提醒。' }) input: RemindLiaisonInput): Promise<RemindLiaisonPayload> {
    return Object.assign(new RemindLiaisonPayload(), { reminder: await liaisonService.remind(ctx, input) });
  }

  @FieldResolver(() => Enterprise, { description: '企业。' })
  enterprise(@Root() l: Liaison, @Ctx() ctx: Context): Promise<Enterprise> {
    return enterpriseOfRecord(ctx, l);
  }

  @FieldResolver(() => Person, { nullable: true, description: '联络员本人（本企业人员）。该人员后来不再是本企业人员时，企业用户看到 null（人员记录的可见范围）。' })
  person(@Root() l: Liaison, @Ctx() ctx: Context): Promise<Person | null> {
    // Whoever sees the liaison sees the person while they are its staff: its enterprise and the bureaus (person.read).
    return ctx.loaders.person.visibleById.load(l.person.id);
  }
}

@Resolver(() => LiaisonReminder)
export class LiaisonReminderResolver {
  @FieldResolver(() => Enterprise, { description: '被提醒的企业。' })
  enterprise(@Root() r: LiaisonReminder, @Ctx() ctx: Context): Promise<Enterprise> {
    return enterpriseOfRecord(ctx, r);
  }

  @FieldResolver(() => Bureau, { description: '提醒的知识产权局。' })
  bureau(@Root() r: LiaisonReminder, @Ctx() ctx: Context): Bureau {
    return ctx.reference.bureau(r.bureauCode)!;
  }
}

@Resolver(() => MissingLiaison)
export class MissingLiaisonResolver {
  @FieldResolver(() => Int, { description: '自无联络员以来被提醒的次数。' })
  async reminderCount(@Root() m: MissingLiaison, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.liaison.reminderStatsByEnterprise.load(m.enterprise.id)).count;
  }

  @FieldResolver(() => DateTimeResolver, { nullable: true, description: '最近一次提醒的时间；未提醒过为 null。' })
  async lastRemindedAt(@Root() m: MissingLiaison, @Ctx() ctx: Context): Promise<Date | null> {
    return (await ctx.loaders.liaison.reminderStatsByEnterprise.load(m.enterprise.id)).last?.remindedAt ?? null;
  }

  @FieldResolver(() => LiaisonReminder, { nullable: true, description: '最近一次提醒。' })
  async lastReminder(@Root() m: MissingLiaison, @Ctx() ctx: Context): Promise<LiaisonReminder | null> {
    return (await ctx.loaders.liaison.reminderStatsByEnterprise.load(m.enterprise.id)).last;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseLiaisonResolver {
  @FieldResolver(() => Liaison, { nullable: true, description: '现任联络员（R16）：仅本企业、所在辖区省局和国家局可见，其他人（含公众）为 null；没有联络员也为 null。' })
  liaison(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<Liaison | null> | null {
    return liaisonService.currentOf(ctx, e);
  }
}
