import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Person } from './person.entity.js';
import { canReadPersonal } from './person.policy.js';

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
}
