import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Specialty } from '../person/person.entity.js';
import { OrganizationMember, SelectedServiceTeam, TeamRole } from './team.entity.js';

export const { Connection: OrganizationMemberConnection } = connectionTypes(OrganizationMember, 'OrganizationMember', '服务机构成员');
export const { Connection: SelectedServiceTeamConnection } = connectionTypes(SelectedServiceTeam, 'SelectedServiceTeam', '遴选的优秀服务队伍');

@InputType('OrganizationMemberFilter', { description: '服务机构成员的筛选条件（各条件之间为“且”）。' })
export class OrganizationMemberFilter {
  @Field(() => ID, { nullable: true, description: '服务机构。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '人员。' })
  personId?: string | null;

  @Field(() => [TeamRole], { nullable: true, description: '角色之一。' })
  roles?: TeamRole[] | null;

  @Field(() => DateScalar, { nullable: true, description: '在这一天任期内的成员。' })
  currentOn?: string | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '服务机构登记所在的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;
}

@InputType('AddOrganizationMemberInput', { description: '增加服务机构的成员（国家局；省局为本辖区登记的机构）。' })
export class AddOrganizationMemberInput {
  @Field(() => ID, { description: '服务机构。' })
  organizationId!: string;

  @Field(() => ID, { description: '人员（须已登记：createPerson）。' })
  personId!: string;

  @Field(() => TeamRole, { description: '角色。' })
  role!: TeamRole;

  @Extensions({ maxItems: 10 })
  @Field(() => [String], { nullable: true, description: '在本机构服务所凭的资格（最多 10 项，每项 1–50 字）。' })
  qualifications?: string[] | null;

  @Field(() => DateScalar, { description: '任期开始。' })
  startsOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '任期结束（含；不填为未定期限）。' })
  endsOn?: string | null;
}

@InputType('EndOrganizationMembershipInput', { description: '提前结束成员任期（国家局；省局为本辖区登记的机构）。' })
export class EndOrganizationMembershipInput {
  @Field(() => ID, { description: '成员资格。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => DateScalar, { description: '最后一天（含）。' })
  lastDay!: string;

  @Field(() => String, { description: '原因（1–2000 字）。' })
  reason!: string;
}

@ObjectType('AddOrganizationMemberPayload', { description: 'addOrganizationMember 的结果。' })
export class AddOrganizationMemberPayload {
  @Field(() => OrganizationMember, { description: '新的成员资格。' })
  member!: OrganizationMember;
}

@ObjectType('EndOrganizationMembershipPayload', { description: 'endOrganizationMembership 的结果。' })
export class EndOrganizationMembershipPayload {
  @Field(() => OrganizationMember, { description: '已结束的成员资格。' })
  member!: OrganizationMember;
}

@InputType('SelectedServiceTeamFilter', { description: '遴选的优秀服务队伍名单的筛选条件（各条件之间为“且”）。' })
export class SelectedServiceTeamFilter {
  @Field(() => Int, { nullable: true, description: '年度。' })
  year?: number | null;

  @Field(() => [String], { nullable: true, description: '作出遴选的知识产权局代码之一（省局为辖区代码，国家局 100000）。' })
  bureauCodes?: string[] | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '服务机构登记所在的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团（对 bureauCodes 和 regionCodes 都适用）。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '服务机构。' })
  organizationId?: string | null;

  @Field(() => [Specialty], { nullable: true, description: '服务机构的服务领域之一。' })
  specialties?: Specialty[] | null;

  @Field(() => DateScalar, { nullable: true, description: '服务期包含这一天。' })
  activeOn?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '是否包含已撤销入选的（默认不含）。' })
  includeRevoked?: boolean | null;
}

@InputType('SelectServiceTeamInput', { description: '将服务机构列入本局某年度的优秀服务队伍名单（国家局；省局为本辖区登记或服务本辖区的机构）。' })
export class SelectServiceTeamInput {
  @Field(() => ID, { description: '服务机构（正常状态的服务团队、服务机构或维权援助中心）。' })
  organizationId!: string;

  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => DateScalar, { description: '服务期开始。' })
  termStartsOn!: string;

  @Field(() => DateScalar, { description: '服务期结束（含；服务期须与该年度有交集）。' })
  termEndsOn!: string;

  @Field(() => String, { nullable: true, description: '遴选说明（最长 2000 字）。' })
  note?: string | null;
}

@InputType('RevokeTeamSelectionInput', { description: '撤销入选（作出遴选的局；国家局）。' })
export class RevokeTeamSelectionInput {
  @Field(() => ID, { description: '入选记录。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@ObjectType('SelectServiceTeamPayload', { description: 'selectServiceTeam 的结果。' })
export class SelectServiceTeamPayload {
  @Field(() => SelectedServiceTeam, { description: '入选记录。' })
  selection!: SelectedServiceTeam;
}

@ObjectType('RevokeTeamSelectionPayload', { description: 'revokeTeamSelection 的结果。' })
export class RevokeTeamSelectionPayload {
  @Field(() => SelectedServiceTeam, { description: '已撤销的入选记录。' })
  selection!: SelectedServiceTeam;
}
