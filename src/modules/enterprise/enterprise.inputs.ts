import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../common/pagination.js';
import { CreditCodeScalar, DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { DesignationFilter } from '../designation/designation.inputs.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { Enterprise, SizeClass } from './enterprise.entity.js';
import { EnterpriseStatistics } from './enterprise-statistics.entity.js';

@InputType('EnterpriseFilter', { description: '企业列表的筛选条件；各条件之间为“且”，列表内各值之间为“或”。' })
export class EnterpriseFilter {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '所在省级辖区的行政区划代码之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: '为 true 时按省汇总：省的代码同时包含其计划单列市（例如 440000 含 440300 深圳），新疆包含兵团。',
  })
  includeSubJurisdictions?: boolean | null;

  @Field(() => [String], { nullable: true, description: '行业代码之一（GB/T 4754-2017）；门类字母包含其下所有大类。' })
  industryCodes?: string[] | null;

  @Field(() => [SizeClass], { nullable: true, description: '企业规模之一。' })
  sizeClasses?: SizeClass[] | null;

  @Field(() => Boolean, { nullable: true, description: '是否外向型企业。' })
  exportOriented?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否行业领军企业。' })
  industryLeader?: boolean | null;

  @Field(() => DesignationFilter, { nullable: true, description: '按认定层级、状态、批次、某日是否有效筛选。' })
  designation?: DesignationFilter | null;

  @Field(() => DateScalar, { nullable: true, description: '在这一天持有有效称号的企业（层级用 designatedLevels 限定）。' })
  designatedAsOf?: string | null;

  @Field(() => [DesignationLevel], { nullable: true, description: '与 designatedAsOf 合用的层级。' })
  designatedLevels?: DesignationLevel[] | null;

  @Field(() => String, {
    nullable: true,
    description: '名称包含此子串（任意长度，含单字、双字；不区分英文大小写）。最长 50 字。',
  })
  search?: string | null;
}

export enum EnterpriseOrderField {
  NAME = 'NAME',
  CREDIT_CODE = 'CREDIT_CODE',
  FOUNDED_ON = 'FOUNDED_ON',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(EnterpriseOrderField, {
  name: 'EnterpriseOrderField',
  description: '企业列表的排序字段（相同值再按 ID 排序，保证游标稳定）。',
  valuesConfig: {
    NAME: { description: '名称（按字符编码）' },
    CREDIT_CODE: { description: '统一社会信用代码' },
    FOUNDED_ON: { description: '成立日期' },
    CREATED_AT: { description: '录入时间' },
  },
});

@InputType('EnterpriseOrder', { description: '企业列表排序。' })
export class EnterpriseOrder {
  @Field(() => EnterpriseOrderField, { defaultValue: EnterpriseOrderField.NAME, description: '排序字段。' })
  field: EnterpriseOrderField = EnterpriseOrderField.NAME;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: '方向。' })
  direction: OrderDirection = OrderDirection.ASC;
}

@InputType('CreateEnterpriseInput', { description: '登记企业。' })
export class CreateEnterpriseInput {
  @Field(() => CreditCodeScalar, { description: '统一社会信用代码（校验位必须正确）。' })
  creditCode!: string;

  @Field(() => String, { description: '企业名称（全称），2–200 字。' })
  name!: string;

  @Field(() => RegionCodeScalar, { description: '所在省级辖区：计划单列市的企业填该市代码（如 440300），兵团企业填 660000。' })
  regionCode!: string;

  @Field(() => String, { description: '行业代码（GB/T 4754-2017 大类或门类）。' })
  industryCode!: string;

  @Field(() => SizeClass, { description: '企业规模。' })
  sizeClass!: SizeClass;

  @Field(() => String, { nullable: true, description: '注册地址，最长 300 字。' })
  address?: string | null;

  @Field(() => DateScalar, { description: '成立日期（不晚于今日）。' })
  foundedOn!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '是否外向型企业。' })
  exportOriented?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '是否行业领军企业。' })
  industryLeader?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'GB/T 29490 贯标认证日期（不早于成立日期、不晚于今日）。' })
  standardCertifiedOn?: string | null;

  @Field(() => String, { nullable: true, description: '联系人姓名（个人信息）。' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话（个人信息）。' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '联系邮箱（个人信息）。' })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: '知识产权局内部备注（企业用户不可见、不可改）。' })
  internalNotes?: string | null;
}

@InputType('UpdateEnterpriseInput', { description: '修改企业信息：只改给出的字段；可空字段传 null 即清空。' })
export class UpdateEnterpriseInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '读取时的版本号；若期间已被他人修改，返回 CONFLICT。' })
  version!: number;

  @Field(() => CreditCodeScalar, { nullable: true, description: '更正统一社会信用代码。' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: '企业名称。' })
  name?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '所在省级辖区。' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '行业代码。' })
  industryCode?: string | null;

  @Field(() => SizeClass, { nullable: true, description: '企业规模。' })
  sizeClass?: SizeClass | null;

  @Field(() => String, { nullable: true, description: '注册地址；null 清空。' })
  address?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '成立日期。' })
  foundedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否外向型企业。' })
  exportOriented?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否行业领军企业。' })
  industryLeader?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'GB/T 29490 贯标认证日期；null 清空。' })
  standardCertifiedOn?: string | null;

  @Field(() => String, { nullable: true, description: '联系人姓名；null 清空。' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话；null 清空。' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '联系邮箱；null 清空。' })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: '内部备注（仅国家局和本辖区省局）；null 清空。' })
  internalNotes?: string | null;
}

@ObjectType('CreateEnterprisePayload', { description: 'createEnterprise 的结果。' })
export class CreateEnterprisePayload {
  @Field(() => Enterprise, { description: '新登记的企业。' })
  enterprise!: Enterprise;
}

@ObjectType('UpdateEnterprisePayload', { description: 'updateEnterprise 的结果。' })
export class UpdateEnterprisePayload {
  @Field(() => Enterprise, { description: '修改后的企业（版本号已加 1）。' })
  enterprise!: Enterprise;
}

@InputType('SetEnterpriseStatisticsInput', {
  description: '登记或修改企业某一年度的知识产权统计数据。未给出的数字按 0 记（新建时）或保持不变（修改时）。',
})
export class SetEnterpriseStatisticsInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => Int, { description: '统计年度（1980 至今年）。' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '修改已有年度数据时必须回传其版本号；新建时不填。' })
  version?: number | null;

  @Field(() => Int, { nullable: true, description: '发明专利申请量。' })
  inventionApplications?: number | null;
  @Field(() => Int, { nullable: true, description: '发明专利授权量。' })
  inventionGrants?: number | null;
  @Field(() => Int, { nullable: true, description: '实用新型专利授权量。' })
  utilityModelGrants?: number | null;
  @Field(() => Int, { nullable: true, description: '外观设计专利授权量。' })
  designGrants?: number | null;
  @Field(() => Int, { nullable: true, description: '年末有效发明专利拥有量。' })
  validInventionPatents?: number | null;
  @Field(() => Int, { nullable: true, description: 'PCT 国际专利申请量。' })
  pctApplications?: number | null;
  @Field(() => Int, { nullable: true, description: '境外授权专利拥有量。' })
  patentsHeldAbroad?: number | null;
  @Field(() => Int, { nullable: true, description: '国内注册商标量。' })
  trademarkRegistrations?: number | null;
  @Field(() => Int, { nullable: true, description: '境外注册商标量。' })
  overseasTrademarks?: number | null;
  @Field(() => Int, { nullable: true, description: '版权登记量。' })
  copyrightRegistrations?: number | null;
  @Field(() => Int, { nullable: true, description: '主导或参与制定的标准数。' })
  standardsLed?: number | null;
  @Field(() => Int, { nullable: true, description: '知识产权专职人员数。' })
  ipStaff?: number | null;
  @Field(() => Float, { nullable: true, description: '许可、转让收入（万元）。' })
  licensingIncome?: number | null;
  @Field(() => Float, { nullable: true, description: '质押融资额（万元）。' })
  pledgeFinancing?: number | null;
}

@ObjectType('SetEnterpriseStatisticsPayload', { description: 'setEnterpriseStatistics 的结果。' })
export class SetEnterpriseStatisticsPayload {
  @Field(() => EnterpriseStatistics, { description: '该年度的统计数据。' })
  statistics!: EnterpriseStatistics;

  @Field(() => Boolean, { description: '是否为新建的年度记录。' })
  created!: boolean;
}
