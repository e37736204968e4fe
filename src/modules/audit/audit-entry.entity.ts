import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver, GraphQLJSONObject } from 'graphql-scalars';
import { v7 as uuidv7 } from 'uuid';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';

/** One successful mutation: who, what (with the changed fields before and after), when, from where. Append-only. */
@ObjectType('AuditEntry', { implements: Node, description: '审计日志条目：每一次成功的修改操作。Audit log entry.' })
@Entity({ tableName: 'audit_entry' })
@Index({ name: 'audit_entry_at_id_idx', properties: ['at', 'id'] })
@Index({ name: 'audit_entry_jurisdiction_at_idx', properties: ['jurisdiction', 'at'] })
@Index({ name: 'audit_entry_object_idx', properties: ['objectType', 'objectId'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '发生时间。' })
  at: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  userId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '操作者用户名；匿名操作（如登录失败以外的公开提交）为 null。' })
  username?: string | null;

  @Property({ type: 'string', length: 32 })
  @Field(() => String, { description: '操作者角色（ANONYMOUS 表示未登录）。' })
  role!: string;

  @Property({ type: 'json' })
  @Field(() => GraphQLJSONObject, { description: '操作者范围（辖区、企业、机构或人员）。' })
  scope!: Record<string, unknown>;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '操作（GraphQL 变更名），例如 updateEnterprise。' })
  operation!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '对象类型。' })
  objectType!: string;

  @Property({ type: 'string', length: 64 })
  objectId!: string;

  /** The jurisdiction the object belongs to (for provincial admins' view); null when national. */
  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => String, { nullable: true, description: '对象所属辖区代码。' })
  jurisdiction?: string | null;

  @Property({ type: 'json' })
  @Field(() => GraphQLJSONObject, { description: '变更的字段：{ 字段: { before, after } }；敏感字段（密码等）只记“已修改”。' })
  changes!: Record<string, { before: unknown; after: unknown }>;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '请求编号（x-request-id）。' })
  requestId!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '客户端地址。' })
  clientAddress?: string | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('AuditEntry', this.id);
  }

  @Field(() => ID, { description: '对象的全局 ID。' })
  get objectGlobalId(): string {
    return toGlobalId(this.objectType, this.objectId);
  }
}
registerNodeType(AuditEntry, 'AuditEntry');
