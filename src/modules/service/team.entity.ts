/**
 * The people of the service organisations and the bureaus' yearly selection of quality teams
 * [D 四(三), A 四(二)]: a member is a person (src/modules/person) with a role, qualifications and a
 * term; a selection (遴选优秀服务队伍) lists an organisation for a year by one bureau, with its term.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum TeamRole {
  LEADER = 'LEADER',
  MEMBER = 'MEMBER',
  ADVISOR = 'ADVISOR',
}
registerEnumType(TeamRole, {
  name: 'TeamRole',
  description: '服务机构成员的角色。',
  valuesConfig: {
    LEADER: { description: '负责人（团队长）' },
    MEMBER: { description: '成员' },
    ADVISOR: { description: '顾问专家' },
  },
});

/** The last day of a term as stored: an early end (`endedOn`) before the planned one (`endsOn`, null: open-ended). */
export function lastDayOf(t: { endsOn?: string | null; endedOn?: string | null }): string | null {
  return t.endedOn ?? t.endsOn ?? null;
}

/** A person's membership of a service organisation, for a term. */
@ObjectType('OrganizationMember', { implements: Node, description: '服务机构的成员：人员、角色、资格和任期。' })
@Entity({ tableName: 'organization_member' })
@Index({ name: 'organization_member_organization_idx', properties: ['organization', 'createdAt', 'id'] })
@Index({ name: 'organization_member_person_idx', properties: ['person'] })
@Check({ name: 'organization_member_term_check', expression: '"ends_on" is null or "ends_on" >= "starts_on"' })
export class OrganizationMember extends BaseEntity<'qualifications' | 'version'> {
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'cascade' })
  organization!: Ref<ServiceOrganization>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'cascade' })
  person!: Ref<Person>;

  @Enum({ items: () => TeamRole, type: 'string' })
  @Field(() => TeamRole, { description: '角色。' })
  role!: TeamRole;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [String], { description: '在本机构服务所凭的资格（例如 专利代理师、专利管理职业资格）。' })
  qualifications: string[] = [];

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '任期开始。' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '任期结束（含；null 为未定期限）。' })
  endsOn?: string | null;

  /** The last day, when the membership was ended before its term. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '提前结束时的最后一天（含）。' })
  endedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '提前结束的原因。' })
  endReason?: string | null;

  @Property({ type: 'string', length: 64 })
  addedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('OrganizationMember', this.id);
  }
}
registerNodeType(OrganizationMember, 'OrganizationMember');

/** A bureau's yearly selection of a quality service team (遴选优秀服务队伍) [D 四(三)]. */
@ObjectType('SelectedServiceTeam', { implements: Node, description: '遴选的优秀知识产权服务队伍（某局某年度的名单中的一项，附服务期）。公开。' })
@Entity({ tableName: 'selected_service_team' })
@Unique({ name: 'selected_service_team_unique', properties: ['organization', 'year', 'bureauCode'] })
@Index({ name: 'selected_service_team_year_idx', properties: ['year', 'createdAt', 'id'] })
@Check({ name: 'selected_service_team_term_check', expression: '"term_ends_on" >= "term_starts_on"' })
export class SelectedServiceTeam extends BaseEntity<'version'> {
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'cascade' })
  organization!: Ref<ServiceOrganization>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  /** The selecting bureau: a provincial bureau's region code, or 100000 for the national bureau. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '遴选的知识产权局代码（省局为其辖区代码，国家局为 100000）。' })
  bureauCode!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '服务期开始。' })
  termStartsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '服务期结束（含）。' })
  termEndsOn!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '遴选说明（服务方向、重点对象）。' })
  note?: string | null;

  @Property({ type: 'string', length: 64 })
  selectedBy!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤销入选之日（null：未撤销）。' })
  revokedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤销入选的理由。' })
  revokeReason?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('SelectedServiceTeam', this.id);
  }
}
registerNodeType(SelectedServiceTeam, 'SelectedServiceTeam');
