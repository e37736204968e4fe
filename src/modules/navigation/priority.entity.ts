/**
 * Priority examination recommendations (优先审查推荐, R21) [D 四(一)三, A 二(二)]: a titled
 * enterprise asks the bureau of its jurisdiction to recommend one of its patent applications in a
 * key technology field for priority examination; the bureau recommends it within its yearly
 * number, or declines; the examination's outcome is recorded (accepted or not, the date of grant).
 */
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, PatentApplicationNumberScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum PatentKind {
  INVENTION = 'INVENTION',
  UTILITY_MODEL = 'UTILITY_MODEL',
  DESIGN = 'DESIGN',
  PCT_INVENTION = 'PCT_INVENTION',
  PCT_UTILITY_MODEL = 'PCT_UTILITY_MODEL',
}
registerEnumType(PatentKind, {
  name: 'PatentKind',
  description: '专利申请的种类（申请号的种类位）。',
  valuesConfig: {
    INVENTION: { description: '发明（1）' },
    UTILITY_MODEL: { description: '实用新型（2）' },
    DESIGN: { description: '外观设计（3）' },
    PCT_INVENTION: { description: '进入中国国家阶段的 PCT 发明（8）' },
    PCT_UTILITY_MODEL: { description: '进入中国国家阶段的 PCT 实用新型（9）' },
  },
});

export enum PriorityRequestStatus {
  REQUESTED = 'REQUESTED',
  RECOMMENDED = 'RECOMMENDED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PriorityRequestStatus, {
  name: 'PriorityRequestStatus',
  description: '优先审查推荐请求的状态。',
  valuesConfig: {
    REQUESTED: { description: '企业已提出，待省局审核' },
    RECOMMENDED: { description: '省局已推荐（占用当年的推荐名额）' },
    DECLINED: { description: '省局不予推荐（附理由）' },
    WITHDRAWN: { description: '企业在审核前撤回' },
  },
});

export enum PriorityExaminationOutcome {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
}
registerEnumType(PriorityExaminationOutcome, {
  name: 'PriorityExaminationOutcome',
  description: '国家知识产权局对优先审查请求的处理结果。',
  valuesConfig: {
    PENDING: { description: '已推荐，结果未到' },
    ACCEPTED: { description: '同意优先审查' },
    NOT_ACCEPTED: { description: '不同意优先审查' },
  },
});

@ObjectType('PriorityExaminationRequest', {
  implements: Node,
  description: '企业请求省局推荐其关键技术领域的专利申请进行优先审查（R21，D 四(一)三、A 二(二)）：申请号、技术领域、理由，省局的推荐或不予推荐，审查结果和授权日。企业本身、所在辖区省局和国家局可见，不公开。',
})
@Entity({ tableName: 'priority_examination' })
@Index({ name: 'priority_examination_enterprise_idx', properties: ['enterprise', 'createdAt', 'id'] })
@Index({ name: 'priority_examination_bureau_idx', properties: ['bureauCode', 'quotaYear', 'status'] })
@Index({ name: 'priority_examination_created_idx', properties: ['createdAt', 'id'] })
// One open or recommended request per application of an enterprise: declined and withdrawn ones may be
// asked again. Per enterprise, so that no enterprise learns of (or blocks) another's request for a number.
@Index({
  name: 'priority_examination_number_unique',
  expression: `create unique index "priority_examination_number_unique" on "priority_examination" ("enterprise_id", "application_number") where "status" in ('REQUESTED', 'RECOMMENDED')`,
})
@Check({ name: 'priority_examination_quota_year_check', expression: `("status" = 'RECOMMENDED') = ("quota_year" is not null)` })
export class PriorityExaminationRequest extends BaseEntity<'status' | 'outcome' | 'history' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The bureau asked: the enterprise's jurisdiction when it asked. */
  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '受理的省局（提出时企业所在辖区）。' })
  bureauCode!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => PatentApplicationNumberScalar, { description: '专利申请号（已校验）。' })
  applicationNumber!: string;

  @Enum({ items: () => PatentKind, type: 'string' })
  @Field(() => PatentKind, { description: '申请种类（由申请号得出）。' })
  patentKind!: PatentKind;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '发明创造名称。' })
  title!: string;

  /** IPC classes (H04L 9/08, G06N) of the key technology field. */
  @Property({ type: 'json' })
  @Field(() => [String], { description: '关键技术领域的国际专利分类号（IPC，如 H04L 9/08）。' })
  ipcClasses!: string[];

  @Property({ type: 'text' })
  @Field(() => String, { description: '请求推荐的理由（所属关键技术领域、对企业的意义）。' })
  reason!: string;

  @Enum({ items: () => PriorityRequestStatus, type: 'string' })
  @Field(() => PriorityRequestStatus, { description: '状态。' })
  status: PriorityRequestStatus = PriorityRequestStatus.REQUESTED;

  /** The year whose number the recommendation used (the day it was made, Asia/Shanghai). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '推荐占用的名额年度（推荐日所在年份）。' })
  quotaYear?: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '省局作出推荐或不予推荐的时间。' })
  decidedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '作出决定的人（用户名）。' })
  decidedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '省局的意见（不予推荐时必填）。' })
  decisionNote?: string | null;

  @Enum({ items: () => PriorityExaminationOutcome, type: 'string', nullable: true })
  @Field(() => PriorityExaminationOutcome, { nullable: true, description: '审查结果（推荐后才有）。' })
  outcome?: PriorityExaminationOutcome | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '国家知识产权局作出是否同意优先审查决定的日期。' })
  outcomeOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '授权公告日（同意优先审查并授权后）。' })
  grantedOn?: string | null;

  /** Every change of status and outcome: { at, by, status, outcome?, note? }. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  history: { at: string; by: string; status: PriorityRequestStatus; outcome?: PriorityExaminationOutcome; note?: string | null }[] = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '提出人（用户名）。' })
  requestedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('PriorityExaminationRequest', this.id);
  }
}
registerNodeType(PriorityExaminationRequest, 'PriorityExaminationRequest');

/** A bureau's number of recommendations for a year, when the national bureau set one (else the programme's default). */
@Entity({ tableName: 'priority_examination_quota' })
@Unique({ name: 'priority_examination_quota_unique', properties: ['bureauCode', 'year'] })
@Check({ name: 'priority_examination_quota_check', expression: `"quota" >= 0 and "year" >= 2000 and "year" <= 2100` })
export class PriorityExaminationQuota extends BaseEntity {
  @Property({ type: 'string', length: 6 })
  bureauCode!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  quota!: number;

  @Property({ type: 'string', length: 64 })
  setBy!: string;
}
