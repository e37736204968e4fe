import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation } from './designation.entity.js';

export enum BanReason {
  REVOKED = 'REVOKED',
  REEXAMINATION_FAILED = 'REEXAMINATION_FAILED',
  NOT_FILED = 'NOT_FILED',
}

registerEnumType(BanReason, {
  name: 'BanReason',
  description: '禁止再次申报的原因。',
  valuesConfig: {
    REVOKED: { description: '称号被撤销（三(四)）' },
    REEXAMINATION_FAILED: { description: '复核不合格（三(二)4）' },
    NOT_FILED: { description: '期满后逾期未备案，视为退出（三(二)4）' },
  },
});

/** A period in which an enterprise may not apply again [D 三(二)4, 三(四)]: from `startsOn` to `endsOn` inclusive. */
@ObjectType('ApplicationBan', { implements: Node, description: '禁止再次申报的期间。' })
@Entity({ tableName: 'application_ban' })
@Index({ name: 'application_ban_enterprise_idx', properties: ['enterprise', 'endsOn'] })
@Check({ name: 'application_ban_period_check', expression: '"ends_on" >= "starts_on"' })
export class ApplicationBan extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @ManyToOne(() => Designation, { ref: true, nullable: true, deleteRule: 'set null' })
  designation?: Ref<Designation> | null;

  @Enum({ items: () => BanReason, type: 'string' })
  @Field(() => BanReason, { description: '原因。' })
  reason!: BanReason;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '起始日。' })
  startsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '截止日（含）：次日起可再次申报。' })
  endsOn!: string;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ApplicationBan', this.id);
  }
}
registerNodeType(ApplicationBan, 'ApplicationBan');
