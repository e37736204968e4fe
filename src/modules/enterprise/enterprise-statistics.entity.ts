import { DecimalType } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from './enterprise.entity.js';

/** The counted fields of a year's IP statistics, shared by the entity and the input. */
export const STATISTICS_COUNT_FIELDS = [
  'inventionApplications',
  'inventionGrants',
  'utilityModelGrants',
  'designGrants',
  'validInventionPatents',
  'pctApplications',
  'patentsHeldAbroad',
  'trademarkRegistrations',
  'overseasTrademarks',
  'copyrightRegistrations',
  'standardsLed',
  'ipStaff',
] as const;
export type StatisticsCountField = (typeof STATISTICS_COUNT_FIELDS)[number];

/** One enterprise's IP figures for one calendar year, as the enterprise reports them. */
@ObjectType('EnterpriseStatistics', { implements: Node, description: '企业某一年度的知识产权统计数据。Yearly IP statistics.' })
@Entity({ tableName: 'enterprise_statistics' })
@Check({ name: 'enterprise_statistics_year_check', expression: '"year" >= 1980 and "year" <= 2100' })
@Unique({ name: 'enterprise_statistics_enterprise_year_unique', properties: ['enterprise', 'year'] })
export class EnterpriseStatistics extends BaseEntity<StatisticsCountField | 'licensingIncome' | 'pledgeFinancing' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '统计年度。' })
  year!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '发明专利申请量（件）。' })
  inventionApplications: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '发明专利授权量（件）。' })
  inventionGrants: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '实用新型专利授权量（件）。' })
  utilityModelGrants: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '外观设计专利授权量（件）。' })
  designGrants: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '年末有效发明专利拥有量（件）。' })
  validInventionPatents: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'PCT 国际专利申请量（件）。' })
  pctApplications: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '境外授权专利拥有量（件）。Patents held abroad.' })
  patentsHeldAbroad: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '国内注册商标量（件）。' })
  trademarkRegistrations: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '境外注册商标量（件，含马德里体系）。' })
  overseasTrademarks: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '软件著作权等版权登记量（件）。' })
  copyrightRegistrations: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '主导或参与制定的标准数（项）。' })
  standardsLed: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '知识产权专职人员数（人）。' })
  ipStaff: number = 0;

  @Property({ type: new DecimalType('number'), precision: 14, scale: 2, default: 0 })
  @Field(() => Float, { description: '知识产权许可、转让收入（万元）。Licensing and transfer income, 10,000 CNY.' })
  licensingIncome: number = 0;

  @Property({ type: new DecimalType('number'), precision: 14, scale: 2, default: 0 })
  @Field(() => Float, { description: '知识产权质押融资额（万元）。' })
  pledgeFinancing: number = 0;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（乐观并发控制）。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('EnterpriseStatistics', this.id);
  }
}
registerNodeType(EnterpriseStatistics, 'EnterpriseStatistics');
