import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { scopeOf } from '../../common/policy.js';
import { organizationOf } from '../../common/viewer.policy.js';
import { Bureau } from '../region/bureau.entity.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { OrganizationMember, SelectedServiceTeam, lastDayOf } from './team.entity.js';
import {
  AddOrganizationMemberInput,
  AddOrganizationMemberPayload,
  EndOrganizationMembershipInput,
  EndOrganizationMembershipPayload,
  OrganizationMemberConnection,
  OrganizationMemberFilter,
  RevokeTeamSelectionInput,
  RevokeTeamSelectionPayload,
  SelectedServiceTeamConnection,
  SelectedServiceTeamFilter,
  SelectServiceTeamInput,
  SelectServiceTeamPayload,
} from './team.inputs.js';
import { teamService } from './team.service.js';
import { serviceActions } from './service.policy.js';

@Resolver(() => OrganizationMember)
export class OrganizationMemberResolver {
  @Query(() => OrganizationMemberConnection, { description: '服务机构的成员（按登记先后）：国家局、省局全部，服务机构本机构的，人员本人的；可按机构、人员、角色、某日在任、机构所在辖区筛选。' })
  async organizationMembers(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => OrganizationMemberFilter, { nullable: true, description: '筛选条件。' }) filter?: OrganizationMemberFilter | null,
  ) {
    return OrganizationMemberConnection.from(await teamService.members(ctx, filter, args));
  }

  @Mutation(() => AddOrganizationMemberPayload, { description: '增加服务机构的成员（国家局；省局为本辖区登记的机构）。同一人员任期重叠的为 CONFLICT。' })
  async addOrganizationMember(@Ctx() ctx: Context, @Arg('input', () => AddOrganizationMemberInput, { description: '成员。' }) input: AddOrganizationMemberInput): Promise<AddOrganizationMemberPayload> {
    return Object.assign(new AddOrganizationMemberPayload(), { member: await teamService.addMember(ctx, input) });
  }

  @Mutation(() => EndOrganizationMembershipPayload, { description: '提前结束成员任期（附原因）；作为特派员的派驻超过最后一天的，须先结束派驻（CONFLICT）。' })
  async endOrganizationMembership(@Ctx() ctx: Context, @Arg('input', () => EndOrganizationMembershipInput, { description: '结束。' }) input: EndOrganizationMembershipInput): Promise<EndOrganizationMembershipPayload> {
    return Object.assign(new EndOrganizationMembershipPayload(), { member: await teamService.endMembership(ctx, input) });
  }

  @FieldResolver(() => String, { description: '姓名（联系方式等个人信息见 person，按人员的可见范围）。' })
  async name(@Root() m: OrganizationMember, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.personName.load(m.person.id)) ?? '';
  }

  @FieldResolver(() => Person, { nullable: true, description: '人员记录（国家局、省局和本人可见，其他人为 null）。' })
  person(@Root() m: OrganizationMember, @Ctx() ctx: Context): Promise<Person | null> {
    return ctx.loaders.person.visibleById.load(m.person.id);
  }

  @FieldResolver(() => ServiceOrganization, { description: '服务机构。' })
  async organization(@Root() m: OrganizationMember, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(m.organization.id))!;
  }

  @FieldResolver(() => Boolean, { description: '今日是否在任。' })
  current(@Root() m: OrganizationMember, @Ctx() ctx: Context): boolean {
    const today = ctx.clock.today();
    const last = lastDayOf(m);
    return m.startsOn <= today && (last === null || last >= today);
  }
}

@Resolver(() => SelectedServiceTeam)
export class SelectedServiceTeamResolver {
  @Query(() => SelectedServiceTeamConnection, { description: '遴选的优秀知识产权服务队伍（公开，不含个人信息），按遴选先后；可按年度、作出遴选的局、机构所在辖区（可按省汇总）、机构、服务领域、某日在服务期内筛选；默认不含已撤销的。' })
  async selectedServiceTeams(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => SelectedServiceTeamFilter, { nullable: true, description: '筛选条件。' }) filter?: SelectedServiceTeamFilter | null,
  ) {
    return SelectedServiceTeamConnection.from(await teamService.selections(ctx, filter, args));
  }

  @Mutation(() => SelectServiceTeamPayload, { description: '遴选优秀服务队伍（四(三)）：列入本局某年度名单并给出服务期；机构须为正常状态（SV2）；同一机构同一年度同一局只列一次（CONFLICT）。' })
  async selectServiceTeam(@Ctx() ctx: Context, @Arg('input', () => SelectServiceTeamInput, { description: '遴选。' }) input: SelectServiceTeamInput): Promise<SelectServiceTeamPayload> {
    return Object.assign(new SelectServiceTeamPayload(), { selection: await teamService.select(ctx, input) });
  }

  @Mutation(() => RevokeTeamSelectionPayload, { description: '撤销入选（作出遴选的局；国家局），附理由。' })
  async revokeTeamSelection(@Ctx() ctx: Context, @Arg('input', () => RevokeTeamSelectionInput, { description: '撤销。' }) input: RevokeTeamSelectionInput): Promise<RevokeTeamSelectionPayload> {
    return Object.assign(new RevokeTeamSelectionPayload(), { selection: await teamService.revokeSelection(ctx, input) });
  }

  @FieldResolver(() => ServiceOrganization, { description: '入选的服务机构（联系方式按机构的规则，不公开）。' })
  async organization(@Root() s: SelectedServiceTeam, @Ctx() ctx: Context): Promise<ServiceOrganization> {
    return (await ctx.loaders.organization.byId.load(s.organization.id))!;
  }

  @FieldResolver(() => Bureau, { nullable: true, description: '作出遴选的知识产权局。' })
  bureau(@Root() s: SelectedServiceTeam, @Ctx() ctx: Context): Bureau | null {
    return ctx.reference.bureau(s.bureauCode) ?? null;
  }

  @FieldResolver(() => Boolean, { description: '今日是否在服务期内且未撤销。' })
  current(@Root() s: SelectedServiceTeam, @Ctx() ctx: Context): boolean {
    const today = ctx.clock.today();
    return !s.revokedOn && s.termStartsOn <= today && s.termEndsOn >= today;
  }
}

@Resolver(() => ServiceOrganization)
export class OrganizationMembersResolver {
  @FieldResolver(() => [OrganizationMember], {
    nullable: true,
    description: '今日在任的成员（每个机构至多 200 名在任和待任成员）：国家局、省局、本机构可见；人员本人只见到自己；其他人为 null。全部成员与历史见 organizationMembers。',
  })
  async members(@Root() o: ServiceOrganization, @Ctx() ctx: Context): Promise<OrganizationMember[] | null> {
    const scope = scopeOf(ctx.viewer, serviceActions.readMember);
    if (!scope || (scope === 'own' && organizationOf(ctx.viewer) !== o.id)) return null;
    return ctx.loaders.service.currentMembers.load(o.id);
  }
}
