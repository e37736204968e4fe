import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Transition } from '../audit/history.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { StandardImplementation } from './standard.entity.js';
import {
  CertifyStandardImplementationInput,
  CertifyStandardImplementationPayload,
  EndStandardImplementationInput,
  EndStandardImplementationPayload,
  MatchStandardTeamInput,
  MatchStandardTeamPayload,
  RecordStandardProgressInput,
  RecordStandardProgressPayload,
  StandardImplementationConnection,
  StandardImplementationFilter,
} from './standard.inputs.js';
import { standardService } from './standard.service.js';

@Resolver(() => StandardImplementation)
export class StandardImplementationResolver {
  @Query(() => StandardImplementationConnection, { description: '贯标对接与实施（A 四(二)），最新的在前：省局看本辖区，国家局看全部，服务团队看本团队的，企业看本企业的。' })
  async standardImplementations(
    @Ctx() ctx: Context,
    @Arg('filter', () => StandardImplementationFilter, { nullable: true, description: '筛选条件。' }) filter: StandardImplementationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return StandardImplementationConnection.from(await standardService.list(ctx, filter, args));
  }

  @Mutation(() => MatchStandardTeamPayload, { description: '省局为本辖区的优势企业匹配贯标服务团队（A 四(二)）。' })
  async matchStandardTeam(@Ctx() ctx: Context, @Arg('input', () => MatchStandardTeamInput, { description: '企业与团队。' }) input: MatchStandardTeamInput): Promise<MatchStandardTeamPayload> {
    return Object.assign(new MatchStandardTeamPayload(), { implementation: await standardService.match(ctx, input) });
  }

  @Mutation(() => RecordStandardProgressPayload, { description: '记录贯标实施的进展（对接的服务团队或省局）。' })
  async recordStandardProgress(@Ctx() ctx: Context, @Arg('input', () => RecordStandardProgressInput, { description: '进展。' }) input: RecordStandardProgressInput): Promise<RecordStandardProgressPayload> {
    return Object.assign(new RecordStandardProgressPayload(), { implementation: await standardService.progress(ctx, input) });
  }

  @Mutation(() => CertifyStandardImplementationPayload, { description: '登记贯标认证结果（省局）：企业资料中的认证日期随之填写。' })
  async certifyStandardImplementation(
    @Ctx() ctx: Context,
    @Arg('input', () => CertifyStandardImplementationInput, { description: '认证结果。' }) input: CertifyStandardImplementationInput,
  ): Promise<CertifyStandardImplementationPayload> {
    return Object.assign(new CertifyStandardImplementationPayload(), await standardService.certify(ctx, input));
  }

  @Mutation(() => EndStandardImplementationPayload, { description: '终止贯标对接（省局，附理由）。' })
  async endStandardImplementation(@Ctx() ctx: Context, @Arg('input', () => EndStandardImplementationInput, { description: '理由。' }) input: EndStandardImplementationInput): Promise<EndStandardImplementationPayload> {
    return Object.assign(new EndStandardImplementationPayload(), { implementation: await standardService.end(ctx, input) });
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '企业；服务团队只在企业属于公开名录时看得到（否则为 null，见 enterpriseName）。' })
  enterprise(@Root() i: StandardImplementation, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.visibleById.load(i.enterprise.id);
  }

  @FieldResolver(() => String, { description: '企业名称（看得到贯标对接的人都看得到）。' })
  async enterpriseName(@Root() i: StandardImplementation, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.standard.enterpriseName.load(i.enterprise.id)) ?? '';
  }

  @FieldResolver(() => ServiceOrganization, { description: '贯标服务团队。' })
  async organization(@Root() i: StandardImplementation, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(i.organization.id))!;
  }

  @FieldResolver(() => [Transition], { description: '每一步：对接、进展、认证、终止（谁、何时、改了什么）。' })
  history(@Root() i: StandardImplementation, @Ctx() ctx: Context): Promise<Transition[]> {
    return ctx.loaders.audit.historyByObject.load(`StandardImplementation:${i.id}`);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseStandardResolver {
  @FieldResolver(() => [StandardImplementation], { description: '贯标对接与实施（每家企业寥寥几项，故为列表）：国家局、所在辖区省局、企业本身和对接的服务团队可见，其他人为空列表。' })
  standardImplementations(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<StandardImplementation[]> {
    return ctx.loaders.standard.byEnterprise.load(e.id);
  }
}
