import { Field, InputType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { connectionTypes } from '../../common/pagination.js';
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
