import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { User, UserRole } from './user.entity.js';

export const { Connection: UserConnection } = connectionTypes(User, 'User', '用户');

@InputType('UserFilter', { description: '用户列表筛选。' })
export class UserFilter {
  @Field(() => [UserRole], { nullable: true, description: '角色之一。' })
  roles?: UserRole[] | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '范围所在辖区（省局管理员本人、辖区内企业或机构的用户）。' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否停用。' })
  disabled?: boolean | null;
}

@InputType('CreateUserInput', { description: '创建用户。范围字段须与角色相符：省局管理员填 regionCode，企业用户填 enterpriseId，服务机构用户填 organizationId，专家填 personId。' })
export class CreateUserInput {
  @Field(() => String, { description: '用户名：3–64 位小写字母、数字、点、下划线或连字符，以字母或数字开头。' })
  username!: string;

  @Field(() => String, { description: '显示名称。' })
  displayName!: string;

  @Field(() => UserRole, { description: '角色。' })
  role!: UserRole;

  @Field(() => RegionCodeScalar, { nullable: true, description: '省局管理员的辖区。' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '企业用户所属企业的全局 ID。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '服务机构用户所属机构的全局 ID。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '专家对应人员记录的全局 ID。' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: '初始密码（至少 10 位）；不填则生成一个，只在结果中返回一次。' })
  password?: string | null;

  @Field(() => String, { nullable: true, description: '手机号（个人信息）。' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱（个人信息）。' })
  email?: string | null;
}

@ObjectType('CreateUserPayload', { description: 'createUser 的结果。' })
export class CreateUserPayload {
  @Field(() => User, { description: '新用户。' })
  user!: User;

  @Field(() => String, { nullable: true, description: '系统生成的初始密码（未指定密码时），只显示这一次。' })
  generatedPassword!: string | null;
}

@InputType('SetUserDisabledInput', { description: '停用或启用用户；停用立即撤销其全部会话。' })
export class SetUserDisabledInput {
  @Field(() => ID, { description: '用户的全局 ID。' })
  id!: string;

  @Field(() => Boolean, { description: 'true 停用，false 启用。' })
  disabled!: boolean;
}

@ObjectType('SetUserDisabledPayload', { description: 'setUserDisabled 的结果。' })
export class SetUserDisabledPayload {
  @Field(() => User, { description: '用户。' })
  user!: User;
}

@InputType('ResetUserPasswordInput', { description: '重置用户密码：生成新密码并撤销其全部会话。' })
export class ResetUserPasswordInput {
  @Field(() => ID, { description: '用户的全局 ID。' })
  id!: string;
}

@ObjectType('ResetUserPasswordPayload', { description: 'resetUserPassword 的结果。' })
export class ResetUserPasswordPayload {
  @Field(() => User, { description: '用户。' })
  user!: User;

  @Field(() => String, { description: '新密码，只显示这一次；请通过安全渠道交给用户。' })
  temporaryPassword!: string;
}
