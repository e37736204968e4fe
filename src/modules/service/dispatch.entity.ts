/**
 * IP commissioners (知识产权特派员) [D 四(三)]: a bureau dispatches a member of a service team to an
 * enterprise for a term with a purpose; the term may be ended early with a reason. How many
 * enterprises one person serves at once is the programme setting commissionerMaxEnterprises, held by
 * an advisory lock per person (dispatch.service.ts). Visits are service records (service-record.entity.ts).
 */
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum DispatchStatus {
  SCHEDULED = 'SCHEDULED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  ENDED_EARLY = 'ENDED_EARLY',
}
registerEnumType(DispatchStatus, {
  name: 'DispatchStatus',
  description: '特派任务在某日的状态（由任期和提前结束日得出）。',
  valuesConfig: {
    SCHEDULED: { description: '未开始：任期尚未开始' },
    ACTIVE: { description: '任期内' },
    COMPLETED: { description: '任期届满' },
    ENDED_EARLY: { description: '已提前结束' },
  },
});

@ObjectType('CommissionerDispatch', { implements: Node, description: '知识产权特派员的一次派驻（四(三)）：派往的企业、任期、任务和走访记录。' })
@Entity({ tableName: 'commissioner_dispatch' })
@Index({ name: 'commissioner_dispatch_person_idx', properties: ['person', 'startsOn'] })
@Index({ name: 'commissioner_dispatch_enterprise_idx', properties: ['enterprise'] })
@Index({ name: 'commissioner_dispatch_organization_idx', properties: ['organization'] })
@Index({ name: 'commissioner_dispatch_starts_idx', properties: ['startsOn', 'id'] })
@Check({ name: 'commissioner_dispatch_term_check', expression: '"ends_on" >= "starts_on" and ("ended_on" is null or ("ended_on" >= "starts_on" and "ended_on" < "ends_on"))' })
export class CommissionerDispatch extends BaseEntity<'version' | 'lastDay'> {
  /** The commissioner. */
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  /** The service team the commissioner is a member of. */
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<ServiceOrganization>;

  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The dispatching bureau: a provincial bureau's region code, or 100000 for the national bureau. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '派出的知识产权局代码（省局为其辖区代码，国家局为 100000）。' })
  bureauCode!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '派驻任务（目的与重点）。' })
  purpose!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '任期开始。' })
  startsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '任期结束（含）。' })
  endsOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '提前结束时的最后一天（含）。' })
  endedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '提前结束的原因。' })
  endReason?: string | null;

  @Property({ type: 'string', length: 64 })
  dispatchedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  /** The last day served: the early end, else the term's end. */
  get lastDay(): string {
    return this.endedOn ?? this.endsOn;
  }

  /** The status on `date`. */
  statusOn(date: string): DispatchStatus {
    if (date < this.startsOn) return DispatchStatus.SCHEDULED;
    if (date <= this.lastDay) return DispatchStatus.ACTIVE;
    return this.endedOn ? DispatchStatus.ENDED_EARLY : DispatchStatus.COMPLETED;
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('CommissionerDispatch', this.id);
  }
}
registerNodeType(CommissionerDispatch, 'CommissionerDispatch');
