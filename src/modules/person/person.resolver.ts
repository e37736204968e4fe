import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { isNational, isUser } from '../../common/viewer.policy.js';
import { Person } from './person.entity.js';

/** Personal data of a person: the national admin and the person. */
export function canReadPersonal(ctx: Context, p: Person): boolean {
  const v = ctx.viewer;
  return isNational(v) || (isUser(v) && v.role === 'EXPERT' && v.personId === p.id);
}

/** Who may see a person record at all: administrators and the person (the public expert directory comes later). */
export function canSeePerson(ctx: Context, p: Person): boolean {
  const v = ctx.viewer;
  return isUser(v) && (v.role === 'NATIONAL_ADMIN' || v.role === 'PROVINCIAL_ADMIN' || v.personId === p.id);
}

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => String, { nullable: true, description: '手机号（个人信息：仅国家局和本人可见，其他人为 null）。' })
  phone(@Root() p: Person, @Ctx() ctx: Context): string | null {
    return canReadPersonal(ctx, p) ? (p.phone ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '电子邮箱（个人信息：仅国家局和本人可见）。' })
  email(@Root() p: Person, @Ctx() ctx: Context): string | null {
    return canReadPersonal(ctx, p) ? (p.email ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '身份证件号码（敏感个人信息：仅国家局和本人可见）。' })
  identityNumber(@Root() p: Person, @Ctx() ctx: Context): string | null {
    return canReadPersonal(ctx, p) ? (p.identityNumber ?? null) : null;
  }
}
