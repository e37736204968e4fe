/**
 * Patent navigation projects (专利导航) [D 四(一)一, A 二(一)]: patent analysis feeding one of an
 * enterprise's major decisions (IP strategy, a major S&T project, asset restructuring, entering an
 * international market, an R&D route), done with a service organisation; milestones, analysis
 * reports, the decision it fed and its outcome; pilot projects (试点) selected by a bureau for a year.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum NavigationArea {
  IP_STRATEGY = 'IP_STRATEGY',
  MAJOR_PROJECT = 'MAJOR_PROJECT',
  ASSET_RESTRUCTURING = 'ASSET_RESTRUCTURING',
  INTERNATIONAL_MARKET = 'INTERNATIONAL_MARKET',
  RD_ROUTE = 'RD_ROUTE',
}
registerEnumType(NavigationArea, {
  name: 'NavigationArea',
  description: '专利导航所支撑的决策领域（D 四(一)一）。',
  valuesConfig: {
    IP_STRATEGY: { description: '知识产权战略制定' },
    MAJOR_PROJECT: { description: '重大科技经济项目' },
    ASSET_RESTRUCTURING: { description: '资产并购重组' },
    INTERNATIONAL_MARKET: { description: '进入国际市场' },
    RD_ROUTE: { description: '研发路线与技术方向' },
  },
});

export enum NavigationProjectStatus {
  PLANNED = 'PLANNED',
  ANALYSING = 'ANALYSING',
  REPORTED = 'REPORTED',
  DECIDED = 'DECIDED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(NavigationProjectStatus, {
  name: 'NavigationProjectStatus',
  description: '专利导航项目的状态：立项 → 分析中 → 已出报告 → 已支撑决策 → 结项；未结项的可撤销。',
  valuesConfig: {
    PLANNED: { description: '已立项' },
    ANALYSING: { description: '分析中（已开始）' },
    REPORTED: { description: '已交付分析报告' },
    DECIDED: { description: '已支撑决策（记录了所支撑的决策）' },
    CLOSED: { description: '已结项（记录了成效）' },
    CANCELLED: { description: '已撤销（附理由）' },
  },
});

/** The moves a project may make, and what each requires (navigation.service.ts). */
export const PROJECT_MOVES: Record<NavigationProjectStatus, NavigationProjectStatus[]> = {
  PLANNED: [NavigationProjectStatus.ANALYSING, NavigationProjectStatus.CANCELLED],
  ANALYSING: [NavigationProjectStatus.REPORTED, NavigationProjectStatus.CANCELLED],
  REPORTED: [NavigationProjectStatus.DECIDED, NavigationProjectStatus.CANCELLED],
  DECIDED: [NavigationProjectStatus.CLOSED, NavigationProjectStatus.CANCELLED],
  CLOSED: [],
  CANCELLED: [],
};

export interface ProjectMilestone {
  title: string;
  dueOn: string;
  doneOn: string | null;
}

@ObjectType('NavigationMilestone', { description: '专利导航项目的一个里程碑。' })
export class NavigationMilestone {
  @Field(() => String, { description: '名称。' })
  title!: string;
  @Field(() => DateScalar, { description: '计划完成日。' })
  dueOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '实际完成日（未完成为 null）。' })
  doneOn!: string | null;
}

@ObjectType('NavigationProject', {
  implements: Node,
  description: '企业的一个专利导航项目（D 四(一)一、A 二(一)）：所支撑的决策领域、技术领域（IPC）、承担分析的服务机构、里程碑、分析报告、所支撑的决策及成效、试点入选、状态记录。企业本身、承担分析的服务机构、所在辖区省局和国家局可见；公众只见试点名单和公开的报告（navigationPilots、navigationReports）。',
})
@Entity({ tableName: 'navigation_project' })
@Index({ name: 'navigation_project_enterprise_idx', properties: ['enterprise', 'createdAt', 'id'] })
@Index({ name: 'navigation_project_organization_idx', properties: ['organization'] })
@Index({ name: 'navigation_project_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'navigation_project_pilot_idx', expression: `create index "navigation_project_pilot_idx" on "navigation_project" ("pilot_year", "pilot_bureau_code") where "pilot_year" is not null` })
@Check({ name: 'navigation_project_pilot_check', expression: `("pilot_year" is null) = ("pilot_bureau_code" is null)` })
export class NavigationProject extends BaseEntity<'status' | 'milestones' | 'ipcClasses' | 'history' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The service organisation doing the analysis (none: the enterprise's own IP department). */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'set null' })
  organization?: Ref<ServiceOrganization> | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '项目名称。' })
  title!: string;

  @Enum({ items: () => NavigationArea, type: 'string' })
  @Field(() => NavigationArea, { description: '所支撑的决策领域。' })
  area!: NavigationArea;

  @Property({ type: 'text' })
  @Field(() => String, { description: '目标：要支撑的决策和要回答的问题。' })
  objective!: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '技术领域的国际专利分类号（IPC）。' })
  ipcClasses: string[] = [];

  @Property({ type: 'json', defaultRaw: `'[]'` })
  milestones: ProjectMilestone[] = [];

  @Enum({ items: () => NavigationProjectStatus, type: 'string' })
  @Field(() => NavigationProjectStatus, { description: '状态。' })
  status: NavigationProjectStatus = NavigationProjectStatus.PLANNED;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '开始分析的日期。' })
  startedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '所支撑的决策（内容）。' })
  decision?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '作出决策的日期。' })
  decidedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '成效（结项时）。' })
  outcome?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '结项日期。' })
  closedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤销的理由。' })
  cancelReason?: string | null;

  /** A pilot project (专利导航工作试点) of this year, selected by this bureau (100000: the national bureau). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '入选专利导航试点的年度（未入选为 null）。' })
  pilotYear?: number | null;

  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => RegionCodeScalar, { nullable: true, description: '遴选试点的知识产权局（100000 为国家局）。' })
  pilotBureauCode?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '入选时间。' })
  pilotSelectedAt?: Date | null;

  /** Every change of status: { at, by, status, note? }. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  history: { at: string; by: string; status: NavigationProjectStatus; note?: string | null }[] = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '立项人（用户名）。' })
  createdBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('NavigationProject', this.id);
  }
}
registerNodeType(NavigationProject, 'NavigationProject');

@ObjectType('NavigationReport', {
  implements: Node,
  description: '专利导航项目的一份分析报告：标题、摘要、交付日、附件；企业可公开（进入公开的报告目录，摘要公众可见）。未公开的与项目同样可见。',
})
@Entity({ tableName: 'navigation_report' })
@Index({ name: 'navigation_report_project_idx', properties: ['project', 'deliveredOn'] })
@Index({ name: 'navigation_report_published_idx', expression: `create index "navigation_report_published_idx" on "navigation_report" ("published_at" desc, "id") where "published_at" is not null` })
@Index({ name: 'navigation_report_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'navigation_report_attachments_idx', expression: `create index "navigation_report_attachments_idx" on "navigation_report" using gin ("attachment_ids" jsonb_path_ops)` })
export class NavigationReport extends BaseEntity<'attachmentIds' | 'version'> {
  @ManyToOne(() => NavigationProject, { ref: true, deleteRule: 'cascade' })
  project!: Ref<NavigationProject>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '报告标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '摘要（公开后公众可见）。' })
  summary!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '交付日期。' })
  deliveredOn!: string;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  attachmentIds: string[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '公开时间（未公开为 null）。' })
  publishedAt?: Date | null;

  /** Who submitted it (an account name: not shown to the public catalogue's readers). */
  @Property({ type: 'string', length: 64 })
  submittedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('NavigationReport', this.id);
  }
}
registerNodeType(NavigationReport, 'NavigationReport');
