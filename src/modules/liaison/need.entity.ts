/**
 * Needs (需求) [D 五(一)]: a demonstration enterprise states a need; its provincial bureau accepts
 * or rejects it, then assigns it to a service organisation or forwards it to the national bureau
 * (which then assigns it); the organisation resolves it; the enterprise confirms the closure or
 * reopens it. Personalised service [D 五(一) 个性化服务] is this loop closed. Every transition is an
 * append-only event (need_event: a trigger refuses updates and deletes).
 *
 * The assignee is a kind plus one column per kind (a check constraint keeps them together): a
 * service organisation (organization_id), the enterprise's commissioner (dispatch_id) or a
 * consulting session (consulting_session_id). organization_id is always the organisation that
 * answers for it (the commissioner's team, the session's team), so its users see and resolve it.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { CommissionerDispatch } from '../service/dispatch.entity.js';
import { ConsultingSession } from '../consulting/session.entity.js';

export enum NeedCategory {
  PATENT_NAVIGATION = 'PATENT_NAVIGATION',
  IP_OPERATION = 'IP_OPERATION',
  PRIORITY_EXAMINATION = 'PRIORITY_EXAMINATION',
  PROTECTION = 'PROTECTION',
  OVERSEAS = 'OVERSEAS',
  MANAGEMENT_STANDARD = 'MANAGEMENT_STANDARD',
  TALENT_TRAINING = 'TALENT_TRAINING',
  POLICY = 'POLICY',
  OTHER = 'OTHER',
}
registerEnumType(NeedCategory, {
  name: 'NeedCategory',
  description: '企业需求的类别。',
  valuesConfig: {
    PATENT_NAVIGATION: { description: '专利导航与专利信息分析' },
    IP_OPERATION: { description: '知识产权运营：许可、交易、质押融资、标准与专利联盟' },
    PRIORITY_EXAMINATION: { description: '专利申请优先审查推荐' },
    PROTECTION: { description: '维权援助与纠纷应对' },
    OVERSEAS: { description: '海外布局、海外纠纷与展会知识产权服务' },
    MANAGEMENT_STANDARD: { description: '知识产权管理规范（贯标）与管理体系' },
    TALENT_TRAINING: { description: '人才培养与培训' },
    POLICY: { description: '政策咨询与项目申报' },
    OTHER: { description: '其他' },
  },
});

export enum NeedUrgency {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(NeedUrgency, {
  name: 'NeedUrgency',
  description: '需求的紧急程度。',
  valuesConfig: { LOW: { description: '不急' }, NORMAL: { description: '一般' }, HIGH: { description: '较急' }, URGENT: { description: '紧急' } },
});

export enum NeedStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  FORWARDED = 'FORWARDED',
  ASSIGNED = 'ASSIGNED',
  RESOLVED = 'RESOLVED',
  REOPENED = 'REOPENED',
  CLOSED = 'CLOSED',
}
registerEnumType(NeedStatus, {
  name: 'NeedStatus',
  description: '需求的办理状态。',
  valuesConfig: {
    SUBMITTED: { description: '已提出：等待所在辖区省局受理' },
    ACCEPTED: { description: '省局已受理：待交办服务机构或转国家局' },
    REJECTED: { description: '不予受理（附理由；终结）' },
    FORWARDED: { description: '已转国家局：等待国家局交办' },
    ASSIGNED: { description: '已交办服务机构办理' },
    RESOLVED: { description: '服务机构已办结：等待企业确认' },
    REOPENED: { description: '企业认为未解决，重新打开（附理由）：待重新交办' },
    CLOSED: { description: '企业确认办结（终结）' },
  },
});

/** Statuses after which nothing happens to a need. */
export const FINAL_NEED_STATUSES: readonly NeedStatus[] = [NeedStatus.REJECTED, NeedStatus.CLOSED];

export enum NeedLevel {
  PROVINCIAL = 'PROVINCIAL',
  NATIONAL = 'NATIONAL',
}
registerEnumType(NeedLevel, {
  name: 'NeedLevel',
  description: '办理需求的知识产权局层级。',
  valuesConfig: { PROVINCIAL: { description: '所在辖区省局办理' }, NATIONAL: { description: '已转国家局办理' } },
});

export enum NeedAssigneeKind {
  SERVICE_ORGANIZATION = 'SERVICE_ORGANIZATION',
  COMMISSIONER = 'COMMISSIONER',
  CONSULTING_SESSION = 'CONSULTING_SESSION',
}
registerEnumType(NeedAssigneeKind, {
  name: 'NeedAssigneeKind',
  description: '需求交办对象的种类。',
  valuesConfig: {
    SERVICE_ORGANIZATION: { description: '服务机构' },
    COMMISSIONER: { description: '派驻该企业的知识产权特派员（其服务机构负责办结）' },
    CONSULTING_SESSION: { description: '问诊咨询场次（其服务团队负责办结）' },
  },
});

/** An enterprise's need and where it is in its routing. */
@ObjectType('EnterpriseNeed', { implements: Node, description: '示范企业提出的需求（五(一)）：省局受理、交办服务机构或转国家局，服务机构办结，企业确认。' })
@Entity({ tableName: 'enterprise_need' })
@Index({ name: 'enterprise_need_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'enterprise_need_enterprise_idx', properties: ['enterprise'] })
@Index({ name: 'enterprise_need_organization_idx', properties: ['organization'] })
@Index({ name: 'enterprise_need_status_idx', properties: ['status'] })
@Check({
  name: 'enterprise_need_assignee_check',
  // No kind and nothing assigned, or the kind with its own column (and the organisation that answers for it).
  expression: `("assignee_kind" is null and "organization_id" is null and "dispatch_id" is null and "consulting_session_id" is null) or ("organization_id" is not null and ("dispatch_id" is not null) = ("assignee_kind" = 'COMMISSIONER') and ("consulting_session_id" is not null) = ("assignee_kind" = 'CONSULTING_SESSION'))`,
})
export class EnterpriseNeed extends BaseEntity<'status' | 'level' | 'version' | 'reopenCount' | 'assigneeKind' | 'organization' | 'dispatch' | 'consultingSession' | 'resolution' | 'resolvedAt' | 'resolvedBy' | 'closedOn'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => NeedCategory, type: 'string' })
  @Field(() => NeedCategory, { description: '类别。' })
  category!: NeedCategory;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '需求描述。' })
  description!: string;

  @Enum({ items: () => NeedUrgency, type: 'string' })
  @Field(() => NeedUrgency, { description: '紧急程度。' })
  urgency!: NeedUrgency;

  @Enum({ items: () => NeedStatus, type: 'string' })
  @Field(() => NeedStatus, { description: '办理状态。' })
  status: NeedStatus = NeedStatus.SUBMITTED;

  @Enum({ items: () => NeedLevel, type: 'string' })
  @Field(() => NeedLevel, { description: '办理层级：省局，或已转国家局。' })
  level: NeedLevel = NeedLevel.PROVINCIAL;

  @Enum({ items: () => NeedAssigneeKind, type: 'string', nullable: true })
  @Field(() => NeedAssigneeKind, { nullable: true, description: '当前交办对象的种类；未交办为 null。' })
  assigneeKind?: NeedAssigneeKind | null;

  /** An organisation with needs is never deleted (the service module dissolves organisations instead). */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'no action' })
  organization?: Ref<ServiceOrganization> | null;

  /** The commissioner's dispatch to this enterprise, when assigned to the commissioner. */
  @ManyToOne(() => CommissionerDispatch, { ref: true, nullable: true, deleteRule: 'no action' })
  dispatch?: Ref<CommissionerDispatch> | null;

  /** The consulting session, when assigned to one. */
  @ManyToOne(() => ConsultingSession, { ref: true, nullable: true, deleteRule: 'no action' })
  consultingSession?: Ref<ConsultingSession> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '提出时间。' })
  submittedAt!: Date;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '提出日期（中国标准时间）。' })
  submittedOn!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '提出人（用户名）。' })
  submittedBy!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '服务机构的办理情况（办结时填写）。' })
  resolution?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '最近一次办结的时间。' })
  resolvedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '最近一次办结的经办人。' })
  resolvedBy?: string | null;

  /** The day it reached a final status (CLOSED or REJECTED); daysOpen counts to it. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '终结日期（企业确认办结或不予受理之日）；未终结为 null。' })
  closedOn?: string | null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '被企业重新打开的次数。' })
  reopenCount: number = 0;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：每次办理时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('EnterpriseNeed', this.id);
  }
}
registerNodeType(EnterpriseNeed, 'EnterpriseNeed');

/** One transition of a need (append-only). */
@ObjectType('NeedEvent', { description: '需求的一次办理（只增不改）：谁、何时、从何状态到何状态、说明。' })
@Entity({ tableName: 'need_event' })
@Index({ name: 'need_event_need_at_idx', properties: ['need', 'at'] })
export class NeedEvent extends BaseEntity {
  @ManyToOne(() => EnterpriseNeed, { ref: true })
  need!: Ref<EnterpriseNeed>;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '时间。' })
  at!: Date;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '办理人（用户名）。' })
  actor!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '办理人的角色。' })
  actorRole!: string;

  @Enum({ items: () => NeedStatus, type: 'string', nullable: true })
  @Field(() => NeedStatus, { nullable: true, description: '原状态；提出时为 null。' })
  fromStatus?: NeedStatus | null;

  @Enum({ items: () => NeedStatus, type: 'string' })
  @Field(() => NeedStatus, { description: '新状态。' })
  toStatus!: NeedStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明：理由、意见或办理情况。' })
  note?: string | null;

  /** The organisation it was assigned to in this step (ASSIGNED), if any. */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'no action' })
  organization?: Ref<ServiceOrganization> | null;
}
