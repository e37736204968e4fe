import { Check, Entity, Enum, Index, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Collection, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Person, PersonCategory } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { EmployerLevel } from '../talent/pool-membership.entity.js';

export enum TrainingFormat {
  MANAGER_FORUM = 'MANAGER_FORUM',
  ONLINE_COURSE = 'ONLINE_COURSE',
  MANAGEMENT_TRAINING = 'MANAGEMENT_TRAINING',
  BUSINESS_SEMINAR = 'BUSINESS_SEMINAR',
  THEMATIC_SALON = 'THEMATIC_SALON',
  STUDY_VISIT = 'STUDY_VISIT',
  INDUSTRY_PRACTICE = 'INDUSTRY_PRACTICE',
  EXPORT_PRACTICE = 'EXPORT_PRACTICE',
}
registerEnumType(TrainingFormat, {
  name: 'TrainingFormat',
  description: '培训形式（四(四)二，R19）。',
  valuesConfig: {
    MANAGER_FORUM: { description: '企业经理人论坛（高层管理人员）' },
    ONLINE_COURSE: { description: '网络课程（高层管理人员，中国企业知识产权网）' },
    MANAGEMENT_TRAINING: { description: '管理培训（知识产权管理人员）' },
    BUSINESS_SEMINAR: { description: '业务研讨（知识产权管理人员）' },
    THEMATIC_SALON: { description: '专题沙龙（知识产权管理人员）' },
    STUDY_VISIT: { description: '考察交流（知识产权管理人员）' },
    INDUSTRY_PRACTICE: { description: '分产业领域的实务培训（知识产权实务人员）' },
    EXPORT_PRACTICE: { description: '面向外向型企业的实务培训（知识产权实务人员）' },
  },
});

/** R19 [D 四(四)二]: the formats of each tier. */
export const FORMATS_BY_TIER: Record<string, TrainingFormat[]> = {
  SENIOR_EXECUTIVE: [TrainingFormat.MANAGER_FORUM, TrainingFormat.ONLINE_COURSE],
  IP_MANAGER: [TrainingFormat.MANAGEMENT_TRAINING, TrainingFormat.BUSINESS_SEMINAR, TrainingFormat.THEMATIC_SALON, TrainingFormat.STUDY_VISIT],
  IP_PRACTITIONER: [TrainingFormat.INDUSTRY_PRACTICE, TrainingFormat.EXPORT_PRACTICE],
};

/** A volume of the enterprise IP talent training series [A 四(四)]: 编制企业人才培训系列教材. */
@ObjectType('TrainingTextbook', { implements: Node, description: '企业知识产权人才培训系列教材（A 四(四)）。' })
@Entity({ tableName: 'training_textbook' })
export class TrainingTextbook extends BaseEntity<'topics' | 'tier' | 'publisher' | 'isbn'> {
  @Property({ type: 'string', length: 200 })
  @Unique({ name: 'training_textbook_title_edition_unique', properties: ['title', 'edition'] })
  @Field(() => String, { description: '书名。' })
  title!: string;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: '版次，例如 第1版、2025年修订版。' })
  edition!: string;

  @Enum({ items: () => PersonCategory, type: 'string', nullable: true })
  @Field(() => PersonCategory, { nullable: true, description: '面向的培训层级；null 为各层级通用。' })
  tier?: PersonCategory | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '编者。' })
  editors!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '出版社。' })
  publisher?: string | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '出版年份。' })
  publishedYear!: number;

  @Property({ type: 'string', length: 13, nullable: true })
  @Unique({ name: 'training_textbook_isbn_unique' })
  @Field(() => String, { nullable: true, description: 'ISBN-13（校验位已核验）。' })
  isbn?: string | null;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '主题。' })
  topics: string[] = [];

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('TrainingTextbook', this.id);
  }
}
registerNodeType(TrainingTextbook, 'TrainingTextbook');

/** A training program for one tier [D 四(四)二, A 四(四)]. */
@ObjectType('TrainingProgram', { implements: Node, description: '分层培训项目。' })
@Entity({ tableName: 'training_program' })
@Index({ name: 'training_program_title_idx', properties: ['title', 'id'] })
export class TrainingProgram extends BaseEntity<'topics' | 'targetIndustryCodes' | 'organizerRegionCode' | 'host'> {
  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '名称。' })
  title!: string;

  @Enum({ items: () => PersonCategory, type: 'string' })
  @Field(() => PersonCategory, { description: '培训层级（对应人员类别）。' })
  tier!: PersonCategory;

  @Enum({ items: () => TrainingFormat, type: 'string' })
  @Field(() => TrainingFormat, { description: '形式（须属于该层级，R19）。' })
  format!: TrainingFormat;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '主题，例如 战略规划、资本运作、法律事务。' })
  topics: string[] = [];

  /** GB/T 4754 codes (sections or divisions) of the industries the program is for; empty = every industry. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  targetIndustryCodes: string[] = [];

  /** The bureau that set the program up: a provincial jurisdiction, or null for the national bureau. */
  @Property({ type: 'string', length: 6, nullable: true })
  organizerRegionCode?: string | null;

  /** The national IP training base that delivers it [D 四(四)二], if any; its users run the program's sessions. */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'set null' })
  host?: Ref<ServiceOrganization> | null;

  /** Textbooks of the training series used by the program [A 四(四)]. */
  @ManyToMany(() => TrainingTextbook, undefined, { pivotTable: 'training_program_textbook', joinColumn: 'program_id', inverseJoinColumn: 'textbook_id' })
  textbooks = new Collection<TrainingTextbook>(this);

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('TrainingProgram', this.id);
  }
}
registerNodeType(TrainingProgram, 'TrainingProgram');

/** One run of a program: dates, place or link, capacity, registration window. */
@ObjectType('TrainingSession', { implements: Node, description: '培训班次。' })
@Entity({ tableName: 'training_session' })
@Check({ name: 'training_session_dates_check', expression: '"ends_on" >= "starts_on" and "capacity" > 0' })
@Index({ name: 'training_session_starts_idx', properties: ['startsOn'] })
export class TrainingSession extends BaseEntity<'approvalRequired' | 'seatsAllocatedAt' | 'registrationOpensOn'> {
  @ManyToOne(() => TrainingProgram, { ref: true, deleteRule: 'cascade' })
  program!: Ref<TrainingProgram>;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '开始日。' })
  startsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '结束日。' })
  endsOn!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '地点（现场）。' })
  place?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '线上链接（远程）。' })
  onlineUrl?: string | null;

  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => RegionCodeScalar, { nullable: true, description: '举办地辖区。' })
  regionCode?: string | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '名额。' })
  capacity!: number;

  /** First day of registration; null = open from the session's creation. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '报名开始日；为空表示开设后即可报名。' })
  registrationOpensOn?: string | null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '报名截止日（含当日）。' })
  registrationClosesOn!: string;

  /** When true, enrolments wait for the host's approval and seats are allocated by priority after registration closes. */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '报名是否须经举办方审核：是则报名为 REQUESTED，审核通过为 APPROVED，报名截止后按优先顺序分配名额。' })
  approvalRequired: boolean = false;

  /** When the approved enrolments were given seats (sessions with approval only). */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '名额分配时间（须审核的班次）。' })
  seatsAllocatedAt?: Date | null;

  /** Instructors, admitted to the faculty pool for the whole session [D 四(四)一, 四(四)二]. */
  @ManyToMany(() => Person, undefined, { pivotTable: 'training_session_instructor', joinColumn: 'session_id', inverseJoinColumn: 'person_id' })
  instructors = new Collection<Person>(this);

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('TrainingSession', this.id);
  }
}
registerNodeType(TrainingSession, 'TrainingSession');

export enum EnrolmentStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  BOOKED = 'BOOKED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: '报名状态。',
  valuesConfig: {
    REQUESTED: { description: '已报名，待举办方审核（须审核的班次）' },
    APPROVED: { description: '审核通过，待报名截止后按优先顺序分配名额' },
    DECLINED: { description: '审核未通过' },
    BOOKED: { description: '已占名额' },
    WAITLISTED: { description: '候补' },
    CANCELLED: { description: '已取消' },
    ATTENDED: { description: '参加了部分课程，未达结业要求' },
    COMPLETED: { description: '结业（出勤达到要求），已发证书' },
    NO_SHOW: { description: '未到' },
  },
});

/** Attendance of one booked person on one day of a session. */
@Entity({ tableName: 'attendance' })
@Unique({ name: 'attendance_enrolment_day_unique', properties: ['enrolment', 'day'] })
export class Attendance extends BaseEntity {
  @ManyToOne(() => Enrolment, { ref: true, deleteRule: 'cascade' })
  enrolment!: Ref<Enrolment>;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'boolean' })
  present!: boolean;
}

/** A certificate of completion: a unique, unguessable number anyone can verify. */
@ObjectType('Certificate', { description: '结业证书：只包含证书本身载明的内容。' })
@Entity({ tableName: 'certificate' })
export class Certificate extends BaseEntity {
  @Property({ type: 'string', length: 40 })
  @Unique({ name: 'certificate_number_unique' })
  @Field(() => String, { description: '证书编号。' })
  number!: string;

  @ManyToOne(() => Enrolment, { ref: true, deleteRule: 'cascade' })
  enrolment!: Ref<Enrolment>;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '持证人姓名。' })
  holderName!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '培训项目。' })
  programTitle!: string;

  @Enum({ items: () => PersonCategory, type: 'string' })
  @Field(() => PersonCategory, { description: '培训层级。' })
  tier!: PersonCategory;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '培训开始日。' })
  startsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '培训结束日。' })
  endsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '发证日期。' })
  issuedOn!: string;
}

/** A person's enrolment in a session; every change is kept in `history` (not overwritten). */
@ObjectType('Enrolment', { implements: Node, description: '报名。' })
@Entity({ tableName: 'enrolment' })
@Unique({ name: 'enrolment_session_person_unique', properties: ['session', 'person'] })
@Index({ name: 'enrolment_session_status_idx', properties: ['session', 'status'] })
// The keyset orders of a session's roster and of a person's (an enterprise's staff's) enrolments.
@Index({ name: 'enrolment_session_requested_idx', properties: ['session', 'requestedAt', 'id'] })
@Index({ name: 'enrolment_person_requested_idx', properties: ['person', 'requestedAt', 'id'] })
export class Enrolment extends BaseEntity<'history'> {
  @ManyToOne(() => TrainingSession, { ref: true, deleteRule: 'cascade' })
  session!: Ref<TrainingSession>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'cascade' })
  person!: Ref<Person>;

  @Enum({ items: () => EnrolmentStatus, type: 'string' })
  @Field(() => EnrolmentStatus, { description: '状态。' })
  status!: EnrolmentStatus;

  @Enum({ items: () => EmployerLevel, type: 'string' })
  @Field(() => EmployerLevel, { description: '报名时所在企业的称号：名额不足时示范企业、优势企业人员优先。' })
  priority!: EmployerLevel;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '报名时间。' })
  requestedAt!: Date;

  @Property({ type: 'string', length: 64 })
  requestedBy!: string;

  @Property({ type: 'json' })
  history: { at: string; status: string; by: string; note?: string }[] = [];

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Enrolment', this.id);
  }
}
registerNodeType(Enrolment, 'Enrolment');
