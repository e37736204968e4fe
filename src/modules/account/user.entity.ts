import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Region } from '../region/region.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';

export enum UserRole {
  NATIONAL_ADMIN = 'NATIONAL_ADMIN',
  PROVINCIAL_ADMIN = 'PROVINCIAL_ADMIN',
  ENTERPRISE_USER = 'ENTERPRISE_USER',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  EXPERT = 'EXPERT',
}

registerEnumType(UserRole, {
  name: 'UserRole',
  description: '用户角色，决定其范围（scope）。Role.',
  valuesConfig: {
    NATIONAL_ADMIN: { description: '国家局管理员：全国范围' },
    PROVINCIAL_ADMIN: { description: '省局管理员：一个省级辖区' },
    ENTERPRISE_USER: { description: '企业用户：一家企业' },
    SERVICE_PROVIDER: { description: '服务机构用户：一个服务机构' },
    EXPERT: { description: '专家：一条人员记录' },
  },
});

/** A login account with one role and the scope that goes with it. */
@ObjectType('User', { implements: Node, description: '用户账号：一个角色及其范围。User account.' })
@Entity({ tableName: 'app_user' })
@Check({
  name: 'app_user_scope_check',
  expression:
    "(\"role\" = 'NATIONAL_ADMIN' and \"region_code\" is null and \"enterprise_id\" is null and \"organization_id\" is null and \"person_id\" is null) or " +
    "(\"role\" = 'PROVINCIAL_ADMIN' and \"region_code\" is not null and \"enterprise_id\" is null and \"organization_id\" is null and \"person_id\" is null) or " +
    "(\"role\" = 'ENTERPRISE_USER' and \"enterprise_id\" is not null and \"region_code\" is null and \"organization_id\" is null and \"person_id\" is null) or " +
    "(\"role\" = 'SERVICE_PROVIDER' and \"organization_id\" is not null and \"region_code\" is null and \"enterprise_id\" is null and \"person_id\" is null) or " +
    "(\"role\" = 'EXPERT' and \"person_id\" is not null and \"region_code\" is null and \"enterprise_id\" is null and \"organization_id\" is null)",
})
export class User extends BaseEntity<'disabled' | 'version' | 'passwordChangedAt'> {
  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'app_user_username_unique' })
  @Field(() => String, { description: '用户名（登录名，小写）。' })
  username!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '显示名称。' })
  displayName!: string;

  @Property({ type: 'string', length: 200, hidden: true })
  passwordHash!: string;

  @Enum({ items: () => UserRole, type: 'string' })
  @Field(() => UserRole, { description: '角色。' })
  role!: UserRole;

  @ManyToOne(() => Region, { ref: true, nullable: true, fieldName: 'region_code' })
  @Index({ name: 'app_user_region_code_idx' })
  region?: Ref<Region> | null;

  @ManyToOne(() => Enterprise, { ref: true, nullable: true, deleteRule: 'restrict' })
  @Index({ name: 'app_user_enterprise_idx' })
  enterprise?: Ref<Enterprise> | null;

  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, fieldName: 'organization_id', deleteRule: 'restrict' })
  @Index({ name: 'app_user_organization_idx' })
  organization?: Ref<ServiceOrganization> | null;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  @Index({ name: 'app_user_person_idx' })
  person?: Ref<Person> | null;

  /** Personal data. */
  @Property({ type: 'string', length: 50, nullable: true })
  phone?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  email?: string | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '是否已停用（停用后不能登录，现有会话立即失效）。' })
  disabled: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  passwordChangedAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '最近一次登录时间。' })
  lastLoginAt?: Date | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('User', this.id);
  }
}
registerNodeType(User, 'User');
