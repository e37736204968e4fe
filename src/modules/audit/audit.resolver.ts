import { Arg, Args, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import { forbidden } from '../../common/errors.js';
import { requireUser } from '../../common/viewer.policy.js';
import { type SqlCondition, Sql } from '../../common/sql.js';
import { badInput } from '../../common/errors.js';
import { ConnectionArgs, connectionTypes, filteredQuery, keysetPage, whereAnyOf } from '../../common/pagination.js';
import { fromGlobalId } from '../../common/node.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { AuditEntry } from './audit-entry.entity.js';

export const { Connection: AuditEntryConnection } = connectionTypes(AuditEntry, 'AuditEntry', '审计日志');

@InputType('AuditLogFilter', { description: '审计日志筛选。' })
export class AuditLogFilter {
  @Field(() => [String], { nullable: true, description: '操作名之一，例如 updateEnterprise。' })
  operations?: string[] | null;

  @Field(() => String, { nullable: true, description: '对象的全局 ID：只看这个对象的记录。' })
  objectId?: string | null;

  @Field(() => String, { nullable: true, description: '操作者用户名。' })
  username?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '对象所属辖区。' })
  jurisdiction?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: '起始时间（含）。' })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: '截止时间（不含）。' })
  to?: Date | null;
}

const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: '审计日志，最新的在前：国家局看全部，省局看本辖区对象的记录。' })
  async auditLog(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: '筛选。' }) filter?: AuditLogFilter | null,
  ) {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('无权查看审计日志');
    const where: SqlCondition[] = [];
    if (v.role === 'PROVINCIAL_ADMIN') where.push(new Sql('a.jurisdiction = ?', [v.regionCode]));
    where.push(...whereAnyOf('a.operation in (?)', filter?.operations));
    if (filter?.objectId) {
      const decoded = fromGlobalId(filter.objectId);
      if (!decoded) throw badInput([{ field: 'filter.objectId', message: '不是有效的全局 ID' }]);
      where.push(new Sql('a.object_type = ? and a.object_id = ?', [decoded.type, decoded.key]));
    }
    if (filter?.username) where.push(new Sql('a.username = ?', [filter.username.trim().toLowerCase()]));
    if (filter?.jurisdiction) where.push(new Sql('a.jurisdiction = ?', [filter.jurisdiction]));
    if (filter?.from) where.push(new Sql('a.at >= ?', [filter.from]));
    if (filter?.to) where.push(new Sql('a.at < ?', [filter.to]));
    const page = await keysetPage<AuditEntry>({
      query: filteredQuery(ctx.em, AuditEntry, 'a', where),
      args,
      limits: ctx.config,
      orderKey: 'AT:DESC',
      ascending: false, // newest first: "after" moves to older entries
      column: 'a.at',
      idColumn: 'a.id',
      cast: 'timestamptz',
      property: 'at',
      value: (a) => a.at.toISOString(),
      valueOk: isInstant,
    });
    return AuditEntryConnection.from(page);
  }
}
