import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ApplicationBan } from './ban.entity.js';
import { RevocationIncident } from './incident.entity.js';
import { RecordIncidentInput, RecordIncidentPayload, RevokeDesignationInput, RevokeDesignationPayload } from './revocation.inputs.js';
import { revocationService } from './revocation.service.js';
import { designationService } from './designation.service.js';

/** Revocation incidents and application bans, and the fields they add to Enterprise. */
@Resolver(() => Enterprise)
export class RevocationResolver {
  @FieldResolver(() => [RevocationIncident], {
    nullable: true,
    description: '记录在案的违规情形，最新的在前：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  async incidents(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<RevocationIncident[] | null> {
    return designationService.incidentsOf(ctx, e);
  }

  @FieldResolver(() => [ApplicationBan], {
    nullable: true,
    description: '全部禁止申报期，最新的在前（可见范围同 incidents）。',
  })
  async bans(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<ApplicationBan[] | null> {
    return designationService.bansOf(ctx, e);
  }

  @FieldResolver(() => ApplicationBan, {
    nullable: true,
    description: '某日（默认今日）仍在进行的禁止申报期；没有则为 null（可见范围同 incidents）。',
  })
  async activeBan(
    @Root() e: Enterprise,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '日期；不填为今日。' }) asOf?: string | null,
  ): Promise<ApplicationBan | null> {
    return designationService.activeBanOf(ctx, e, asOf);
  }

  @Mutation(() => RecordIncidentPayload, { description: '记录一项违规情形（三(四)1–5），附日期和证据：国家局，或企业所在辖区的省局。' })
  async recordIncident(@Ctx() ctx: Context, @Arg('input', () => RecordIncidentInput, { description: '情形。' }) input: RecordIncidentInput): Promise<RecordIncidentPayload> {
    return Object.assign(new RecordIncidentPayload(), { incident: await revocationService.recordIncident(ctx, input) });
  }

  @Mutation(() => RevokeDesignationPayload, {
    description: '撤销示范企业称号（仅国家局，R12 / 三(四)）：须有一项违规情形在近 3 年内；撤销当日起 2 年内不得再次申报。不满足时为 RULE_VIOLATION（rule R12）。',
  })
  async revokeDesignation(
    @Ctx() ctx: Context,
    @Arg('input', () => RevokeDesignationInput, { description: '认定、依据和理由。' }) input: RevokeDesignationInput,
  ): Promise<RevokeDesignationPayload> {
    return Object.assign(new RevokeDesignationPayload(), await revocationService.revoke(ctx, input));
  }
}
