/**
 * Protection cases (R20, docs/overseas.md): an enterprise's problem abroad, taken by the overseas
 * workstation covering the country [D 四(二)一 "建立集重大知识产权问题需求收集、信息反馈、协调应对于一体的工作机制"],
 * or at home by the rights-protection assistance centre of its jurisdiction [A 四(三) "依托知识产权维权援助中心，
 * 建立优势企业维权援助服务快速反应机制"]; one flow (received → acknowledged → information fed back →
 * coordinated response → closed), an append-only timeline, participants, and deadlines in the
 * handling office's business time (sla.ts), paused while the case waits on the enterprise.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum CaseChannel {
  OVERSEAS = 'OVERSEAS',
  DOMESTIC = 'DOMESTIC',
}
registerEnumType(CaseChannel, {
  name: 'CaseChannel',
  description: '案件的受理渠道（R20）。',
  valuesConfig: {
    OVERSEAS: { description: '海外：由覆盖该国的驻外知识产权工作站受理（D 四(二)一）' },
    DOMESTIC: { description: '国内：由企业所在辖区的知识产权维权援助中心快速响应（A 四(三)）' },
  },
});

export enum CaseType {
  INFRINGEMENT_CLAIM = 'INFRINGEMENT_CLAIM',
  RIGHTS_INFRINGED = 'RIGHTS_INFRINGED',
  CUSTOMS_SEIZURE = 'CUSTOMS_SEIZURE',
  EXHIBITION_DISPUTE = 'EXHIBITION_DISPUTE',
  LITIGATION = 'LITIGATION',
  INFORMATION_NEED = 'INFORMATION_NEED',
}
registerEnumType(CaseType, {
  name: 'CaseType',
  description: '案件类型。',
  valuesConfig: {
    INFRINGEMENT_CLAIM: { description: '企业被控侵权（收到警告函、投诉等）' },
    RIGHTS_INFRINGED: { description: '企业的权利被侵犯' },
    CUSTOMS_SEIZURE: { description: '货物被海关扣押' },
    EXHIBITION_DISPUTE: { description: '展会知识产权纠纷' },
    LITIGATION: { description: '诉讼（起诉或应诉）' },
    INFORMATION_NEED: { description: '信息需求（法律、程序、环境等）' },
  },
});

export enum CaseUrgency {
  NORMAL = 'NORMAL',
  URGENT = 'URGENT',
  CRITICAL = 'CRITICAL',
}
registerEnumType(CaseUrgency, {
  name: 'CaseUrgency',
  description: '紧急程度：决定各项时限。',
  valuesConfig: {
    NORMAL: { description: '一般' },
    URGENT: { description: '紧急（如临近答辩期限）' },
    CRITICAL: { description: '特急（如展会期间的临时禁令、货物扣押）' },
  },
});

export enum CaseStatus {
  RECEIVED = 'RECEIVED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
  RESPONDING = 'RESPONDING',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: '案件状态：依次为 已接收 → 已确认 → 已反馈信息 → 协调应对中 → 已结案（任何未结状态都可结案）。',
  valuesConfig: {
    RECEIVED: { description: '已接收（需求收集）' },
    ACKNOWLEDGED: { description: '已确认（受理单位首次响应）' },
    FEEDBACK_GIVEN: { description: '已反馈信息' },
    RESPONDING: { description: '协调应对中' },
    CLOSED: { description: '已结案' },
  },
});

export enum CaseOutcome {
  RESOLVED = 'RESOLVED',
  UNRESOLVED = 'UNRESOLVED',
  REFERRED = 'REFERRED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(CaseOutcome, {
  name: 'CaseOutcome',
  description: '结案结果。',
  valuesConfig: {
    RESOLVED: { description: '已解决' },
    UNRESOLVED: { description: '未能解决' },
    REFERRED: { description: '已转交（律师、行政或司法机关等）' },
    WITHDRAWN: { description: '企业撤回' },
  },
});

export enum CaseClock {
  FIRST_RESPONSE = 'FIRST_RESPONSE',
  FEEDBACK = 'FEEDBACK',
  RESOLUTION = 'RESOLUTION',
}
registerEnumType(CaseClock, {
  name: 'CaseClock',
  description: '案件的时限（自接收起，按受理单位的工作时间计）。',
  valuesConfig: {
    FIRST_RESPONSE: { description: '首次响应：确认受理' },
    FEEDBACK: { description: '信息反馈' },
    RESOLUTION: { description: '结案' },
  },
});

export enum DeadlineState {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  BREACHED = 'BREACHED',
  PAUSED = 'PAUSED',
  MET = 'MET',
  MET_LATE = 'MET_LATE',
}
registerEnumType(DeadlineState, {
  name: 'DeadlineState',
  description: '时限的状态。',
  valuesConfig: {
    ON_TRACK: { description: '进行中' },
    AT_RISK: { description: '即将到期（剩余不足四分之一，预警）' },
    BREACHED: { description: '已超期未完成' },
    PAUSED: { description: '暂停（等待企业）' },
    MET: { description: '按时完成' },
    MET_LATE: { description: '超期后完成' },
  },
});

export enum CaseEventKind {
  REPORTED = 'REPORTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
  RESPONDING = 'RESPONDING',
  CLOSED = 'CLOSED',
  NOTE = 'NOTE',
  WAITING_ON_ENTERPRISE = 'WAITING_ON_ENTERPRISE',
  RESUMED = 'RESUMED',
  REASSIGNED = 'REASSIGNED',
  PARTICIPANT_ADDED = 'PARTICIPANT_ADDED',
  PARTICIPANT_ENDED = 'PARTICIPANT_ENDED',
  MEASURE = 'MEASURE',
  DEADLINES_MOVED = 'DEADLINES_MOVED',
}
registerEnumType(CaseEventKind, {
  name: 'CaseEventKind',
  description: '案件时间线上的一项。',
  valuesConfig: {
    REPORTED: { description: '报告' },
    ACKNOWLEDGED: { description: '确认受理' },
    FEEDBACK_GIVEN: { description: '反馈信息' },
    RESPONDING: { description: '开始协调应对' },
    CLOSED: { description: '结案' },
    NOTE: { description: '说明或补充材料' },
    WAITING_ON_ENTERPRISE: { description: '等待企业补充（时限暂停）' },
    RESUMED: { description: '恢复办理（时限继续）' },
    REASSIGNED: { description: '国家局改派受理单位' },
    PARTICIPANT_ADDED: { description: '参与方加入' },
    PARTICIPANT_ENDED: { description: '参与方退出' },
    MEASURE: { description: '快速维权措施（国内：跟踪、监测、专题指导、快速维权）' },
    DEADLINES_MOVED: { description: '受理单位的日历变更，未到的时限随之调整（已用时间保留）' },
  },
});

export enum RapidResponseMeasure {
  TRACKING = 'TRACKING',
  MONITORING = 'MONITORING',
  SPECIAL_GUIDANCE = 'SPECIAL_GUIDANCE',
  FAST_PROTECTION = 'FAST_PROTECTION',
}
registerEnumType(RapidResponseMeasure, {
  name: 'RapidResponseMeasure',
  description: '维权援助快速反应措施（A 四(三) “主动跟踪、全面监测、专题指导、快速维权”）。',
  valuesConfig: {
    TRACKING: { description: '主动跟踪' },
    MONITORING: { description: '全面监测' },
    SPECIAL_GUIDANCE: { description: '专题指导' },
    FAST_PROTECTION: { description: '快速维权' },
  },
});

export interface CasePause {
  from: string;
  to: string | null;
  reason: string;
}

@ObjectType('ProtectionCase', {
  implements: Node,
  description:
    '维权案件（R20）：企业在海外遇到的知识产权问题（驻外工作站受理）或国内的维权援助（维权援助中心受理）。仅企业本身、受理单位、企业所在辖区的省局和国家局可见；公众只看到统计数。',
})
@Entity({ tableName: 'protection_case' })
@Index({ name: 'protection_case_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'protection_case_enterprise_idx', properties: ['enterprise', 'createdAt'] })
@Index({ name: 'protection_case_handler_idx', properties: ['handler', 'status'] })
@Check({ name: 'protection_case_country_check', expression: `("channel" = 'OVERSEAS') = ("country_code" is not null) and ("country_code" is null or "country_code" ~ '^[A-Z]{2}$')` })
@Check({ name: 'protection_case_closed_check', expression: `("status" = 'CLOSED') = ("outcome" is not null) and ("status" <> 'CLOSED' or "paused_since" is null)` })
export class ProtectionCase extends BaseEntity<'status' | 'pauses' | 'usedMs' | 'version'> {
  @Enum({ items: () => CaseChannel, type: 'string' })
  @Field(() => CaseChannel, { description: '渠道：海外或国内。' })
  channel!: CaseChannel;

  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => CaseType, type: 'string' })
  @Field(() => CaseType, { description: '类型。' })
  type!: CaseType;

  @Enum({ items: () => CaseUrgency, type: 'string' })
  @Field(() => CaseUrgency, { description: '紧急程度。' })
  urgency!: CaseUrgency;

  @Property({ type: 'string', length: 2, nullable: true })
  @Field(() => String, { nullable: true, description: '问题发生的国家（海外案件；ISO 3166-1 两位字母代码）。' })
  countryCode?: string | null;

  /** The workstation (OVERSEAS_STATION) or centre (RIGHTS_PROTECTION_CENTER) handling it. */
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'restrict' })
  handler!: Ref<ServiceOrganization>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '情况：发生了什么，涉及的权利和产品，已采取的措施，需要什么帮助。' })
  description!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '对方（权利人、被控侵权人、海关、展会主办方等）。' })
  counterparty?: string | null;

  @Enum({ items: () => CaseStatus, type: 'string' })
  @Field(() => CaseStatus, { description: '状态。' })
  status: CaseStatus = CaseStatus.RECEIVED;

  @Enum({ items: () => CaseOutcome, type: 'string', nullable: true })
  @Field(() => CaseOutcome, { nullable: true, description: '结案结果（结案后）。' })
  outcome?: CaseOutcome | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '接收时间：各项时限由此起算。' })
  receivedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '结案时间。' })
  closedAt?: Date | null;

  @Property({ type: 'string', length: 64 })
  reportedBy!: string;

  /** Who reported it: the enterprise itself or its bureau on its behalf. */
  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '报告方：ENTERPRISE（企业本身）或 BUREAU（主管局代为报告）。' })
  reporterKind!: string;

  /** Since when the case waits on the enterprise (null: not waiting): its deadlines stand still. */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '等待企业补充的开始时间（暂停中；否则为 null）。' })
  pausedSince?: Date | null;

  /** Every pause so far (ISO instants): what the deadline engine skips. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  pauses: CasePause[] = [];

  /**
   * The business time already used, in ms (on the calendars in force before `clockSince`): a
   * calendar change or a reassignment keeps it and spends the rest on the new calendar from `clockSince`.
   */
  @Property({ type: 'double', default: 0 })
  usedMs: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  clockSince!: Date;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：办理时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ProtectionCase', this.id);
  }
}
registerNodeType(ProtectionCase, 'ProtectionCase');

@ObjectType('CaseDeadline', { description: '案件的一项时限：目标（工作小时）、到期时间、预警时间、完成时间和状态。' })
@Entity({ tableName: 'protection_case_deadline' })
@Unique({ name: 'protection_case_deadline_unique', properties: ['protectionCase', 'clock'] })
@Index({ name: 'protection_case_deadline_open_idx', expression: `create index "protection_case_deadline_open_idx" on "protection_case_deadline" ("due_at") where "met_at" is null` })
export class ProtectionCaseDeadline extends BaseEntity<'targetBusinessHours'> {
  @ManyToOne(() => ProtectionCase, { ref: true, deleteRule: 'cascade' })
  protectionCase!: Ref<ProtectionCase>;

  @Enum({ items: () => CaseClock, type: 'string' })
  @Field(() => CaseClock, { description: '哪一项时限。' })
  clock!: CaseClock;

  @Property({ type: 'integer' })
  targetMinutes!: number;

  /** null while the case waits on the enterprise (the deadline is not known until it resumes). */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '到期时间（暂停中为 null）。' })
  dueAt?: Date | null;

  /** When three quarters of the target are used: the warning. */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '预警时间：目标时间用去四分之三时（暂停中为 null）。' })
  warnAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '完成时间。' })
  metAt?: Date | null;

  /** The business time from receipt to completion (the response time the statistics average). */
  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '完成用时：自接收起的工作小时（不含等待企业的时间）。' })
  metBusinessHours?: number | null;

  @Field(() => Float, { description: '目标：工作小时（按受理单位的日历）。' })
  get targetBusinessHours(): number {
    return this.targetMinutes / 60;
  }
}

@ObjectType('CaseEvent', { description: '案件时间线上的一项（只增不改）。' })
@Entity({ tableName: 'protection_case_event' })
@Index({ name: 'protection_case_event_case_idx', properties: ['protectionCase', 'at', 'id'] })
@Index({ name: 'protection_case_event_attachments_idx', expression: `create index "protection_case_event_attachments_idx" on "protection_case_event" using gin ("attachment_ids" jsonb_path_ops)` })
export class ProtectionCaseEvent extends BaseEntity<'attachmentIds'> {
  @ManyToOne(() => ProtectionCase, { ref: true, deleteRule: 'cascade' })
  protectionCase!: Ref<ProtectionCase>;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '时间。' })
  at!: Date;

  @Enum({ items: () => CaseEventKind, type: 'string' })
  @Field(() => CaseEventKind, { description: '类别。' })
  kind!: CaseEventKind;

  /** The author's side: ENTERPRISE, BUREAU, HANDLER, NATIONAL, SYSTEM. */
  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '由谁：ENTERPRISE（企业）、BUREAU（省局）、HANDLER（受理单位）、NATIONAL（国家局）、SYSTEM（系统）。' })
  side!: string;

  @Property({ type: 'string', length: 64 })
  by!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '内容。' })
  body?: string | null;

  @Enum({ items: () => RapidResponseMeasure, type: 'string', nullable: true })
  @Field(() => RapidResponseMeasure, { nullable: true, description: '快速维权措施（类别为 MEASURE 时）。' })
  measure?: RapidResponseMeasure | null;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  attachmentIds: string[] = [];
}
