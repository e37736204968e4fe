import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { DateTimeResolver, GraphQLJSONObject } from 'graphql-scalars';
import { AuditEntry } from './audit-entry.entity.js';

/** One transition of an object, from the audit log: when, by whom, what changed (with the reason where one was given). */
@ObjectType('Transition', { description: '对象的一次状态变化（取自审计日志）：时间、操作者、操作和变更（含理由）。' })
export class Transition {
  @Field(() => DateTimeResolver, { description: '时间。' })
  at!: Date;

  @Field(() => String, { description: '操作，例如 submitDemonstrationApplication、revokeDesignation。' })
  operation!: string;

  @Field(() => String, { nullable: true, description: '操作者用户名；定时任务为 null。' })
  actor!: string | null;

  @Field(() => String, { description: '操作者角色（SYSTEM 为定时任务）。' })
  role!: string;

  @Field(() => GraphQLJSONObject, { description: '变更：{ 字段: { before, after } }，理由、意见等也在其中。' })
  changes!: Record<string, unknown>;
}

/** Per-request batching: the transitions of many objects of one type in one query. */
export function createHistoryLoader(em: EntityManager) {
  return new DataLoader<string, Transition[]>(async (keys) => {
    // keys are "Type:uuid"
    const byType = new Map<string, string[]>();
    for (const key of keys) {
      const [type, id] = key.split(':') as [string, string];
      byType.set(type, [...(byType.get(type) ?? []), id]);
    }
    const rows: AuditEntry[] = [];
    for (const [type, ids] of byType) rows.push(...(await em.find(AuditEntry, { objectType: type, objectId: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } })));
    return keys.map((key) => {
      const [type, id] = key.split(':');
      return rows
        .filter((r) => r.objectType === type && r.objectId === id)
        .map((r) => Object.assign(new Transition(), { at: r.at, operation: r.operation, actor: r.username ?? null, role: r.role, changes: r.changes }));
    });
  });
}
