import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../../common/pagination.js';
import type { Context } from '../../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from './person.entity.js';
import { CreatePersonInput, CreatePersonPayload, PersonConnection, PersonFilter, UpdatePersonInput, UpdatePersonPayload } from './person.inputs.js';
import { canReadPersonal } from './person.policy.js';
import { personService } from './person.service.js';

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => String, { nullable: true, description: '手机号（个人信息：仅国家局和本人可见，其他人为 null）。' })
  phone(@Root() p: Person, @Ctx() ctx: Context): string | null {
    return canReadPersonal(ctx.viewer, p) ? (p.phone ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '电子邮箱（个人信息：仅国家局和本人可见）。' })
  email(@Root() p: Person, @Ctx() ctx: Context): string | null {
    return canReadPersonal(ctx.viewer, p) ? (p.email ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '身份证件号码（敏感个人信息：仅国家局和本人可见）。' })
  identityNumber(@Root() p: Person, @Ctx() ctx: Context): string | null {
    return canReadPersonal(ctx.viewer, p) ? (p.identityNumber ?? null) : null;
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '工作单位企业（该人员是其员工时）；查看者看不到该企业时为 null。' })
  async employerEnterprise(@Root() p: Person, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return p.employerEnterprise ? ctx.loaders.enterprise.visibleById.load(p.employerEnterprise.id) : null;
  }

  @Query(() => PersonConnection, { description: '人员列表（登记顺序）：国家局、省局全部，企业本企业人员，专家本人；个人信息字段同样按权限为 null。' })
  async people(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => PersonFilter, { nullable: true, description: '筛选条件。' }) filter?: PersonFilter | null,
  ) {
    return PersonConnection.from(await personService.list(ctx, filter, args));
  }

  @Mutation(() => CreatePersonPayload, {
    description: '登记人员：企业登记本企业人员，省局登记本辖区人员，国家局任何人。身份证件号码已登记返回 CONFLICT；字段有误返回 BAD_USER_INPUT。',
  })
  async createPerson(@Ctx() ctx: Context, @Arg('input', () => CreatePersonInput, { description: '人员信息。' }) input: CreatePersonInput): Promise<CreatePersonPayload> {
    const payload = new CreatePersonPayload();
    payload.person = await personService.create(ctx, input);
    return payload;
  }

  @Mutation(() => UpdatePersonPayload, { description: '修改人员记录（须回传版本号；版本过期返回 CONFLICT；看不到的人员返回 NOT_FOUND）。' })
  async updatePerson(@Ctx() ctx: Context, @Arg('input', () => UpdatePersonInput, { description: '要修改的字段。' }) input: UpdatePersonInput): Promise<UpdatePersonPayload> {
    const payload = new UpdatePersonPayload();
    payload.person = await personService.update(ctx, input);
    return payload;
  }
}
