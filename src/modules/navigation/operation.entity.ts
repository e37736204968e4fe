/**
 * IP operation records [D 四(一)四 "通过知识产权交易、许可、标准化、资本化等多种途径", A 四(一)]: an
 * enterprise's transfers, licences (exclusive, sole, ordinary), pledge financing (lender, amount,
 * term), capital contributions and securitisations of its patents, with the amounts in CNY, the
 * counterparty, the dates and the application numbers involved. What the licensing-income and
 * pledge-financing figures of the dashboards count.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { DecimalType, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, PatentApplicationNumberScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum IpOperationKind {
  TRANSFER = 'TRANSFER',
  LICENCE = 'LICENCE',
  PLEDGE = 'PLEDGE',
  CAPITAL_CONTRIBUTION = 'CAPITAL_CONTRIBUTION',
  SECURITISATION = 'SECURITISATION',
}
registerEnumType(IpOperationKind, {
  name: 'IpOperationKind',
  description: '知识产权运营的方式（D 四(一)四）。',
  valuesConfig: {
    TRANSFER: { description: '转让' },
    LICENCE: { description: '许可' },
    PLEDGE: { description: '质押融资' },
    CAPITAL_CONTRIBUTION: { description: '作价出资入股' },
    SECURITISATION: { description: '证券化' },
  },
});

export enum IpOperationDirection {
  OUTBOUND = 'OUTBOUND',
  INBOUND = 'INBOUND',
}
registerEnumType(IpOperationDirection, {
  name: 'IpOperationDirection',
  description: '转让、许可的方向。',
  valuesConfig: {
    OUTBOUND: { description: '企业转让出或许可他人实施（收入）' },
    INBOUND: { description: '企业受让或获得许可（支出）' },
  },
});

export enum LicenceType {
  EXCLUSIVE = 'EXCLUSIVE',
  SOLE = 'SOLE',
  ORDINARY = 'ORDINARY',
}
registerEnumType(LicenceType, {
  name: 'LicenceType',
  description: '专利实施许可的类型。',
  valuesConfig: {
    EXCLUSIVE: { description: '独占许可（许可人自己也不实施）' },
    SOLE: { description: '排他许可（许可人可自己实施，不再许可他人）' },
    ORDINARY: { description: '普通许可' },
  },
});

export enum IpOperationStatus {
  RECORDED = 'RECORDED',
  VOIDED = 'VOIDED',
}
registerEnumType(IpOperationStatus, {
  name: 'IpOperationStatus',
  description: '运营记录的状态。',
  valuesConfig: {
    RECORDED: { description: '有效' },
    VOIDED: { description: '已作废（附理由；不计入统计）' },
  },
});

@ObjectType('IpOperation', {
  implements: Node,
  description: '企业的一项知识产权运营：转让、许可（独占、排他、普通）、质押融资（出质、贷款方、金额、期限）、作价出资、证券化；金额（元）、交易对方、日期、涉及的专利申请号。企业本身、所在辖区省局和国家局可见，不公开。',
})
@Entity({ tableName: 'ip_operation' })
@Index({ name: 'ip_operation_enterprise_idx', properties: ['enterprise', 'signedOn', 'id'] })
@Index({ name: 'ip_operation_signed_idx', properties: ['signedOn', 'id'] })
@Index({ name: 'ip_operation_numbers_idx', expression: `create index "ip_operation_numbers_idx" on "ip_operation" using gin ("application_numbers" jsonb_path_ops)` })
@Check({ name: 'ip_operation_amount_check', expression: `"amount" >= 0` })
@Check({ name: 'ip_operation_licence_check', expression: `("kind" = 'LICENCE') = ("licence_type" is not null)` })
@Check({ name: 'ip_operation_direction_kind_check', expression: `("kind" in ('TRANSFER', 'LICENCE')) = ("direction" is not null)` })
@Check({ name: 'ip_operation_term_check', expression: `("kind" = 'PLEDGE') = ("term_months" is not null) and ("term_months" is null or "term_months" > 0)` })
@Check({ name: 'ip_operation_period_check', expression: `"valid_until" is null or "valid_from" is null or "valid_until" >= "valid_from"` })
export class IpOperation extends BaseEntity<'status' | 'applicationNumbers' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => IpOperationKind, type: 'string' })
  @Field(() => IpOperationKind, { description: '运营方式。' })
  kind!: IpOperationKind;

  @Enum({ items: () => IpOperationDirection, type: 'string', nullable: true })
  @Field(() => IpOperationDirection, { nullable: true, description: '方向（转让、许可必填）。' })
  direction?: IpOperationDirection | null;

  @Enum({ items: () => LicenceType, type: 'string', nullable: true })
  @Field(() => LicenceType, { nullable: true, description: '许可类型（许可必填）。' })
  licenceType?: LicenceType | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '交易对方（受让人、被许可人、质权人即贷款机构、被投资企业……）。' })
  counterparty!: string;

  @Property({ type: new DecimalType('number'), precision: 16, scale: 2 })
  @Field(() => Float, { description: '金额（元）：转让费、许可费、质押融资额、作价金额、证券化融资额。' })
  amount!: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '签订（登记）日期。' })
  signedOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '起始日（许可期、质押期）。' })
  validFrom?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '截止日。' })
  validUntil?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '质押融资的期限（月，质押必填）。' })
  termMonths?: number | null;

  @Property({ type: 'json' })
  @Field(() => [PatentApplicationNumberScalar], { description: '涉及的专利申请号（已校验，1–200 件）。' })
  applicationNumbers: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明。' })
  note?: string | null;

  @Enum({ items: () => IpOperationStatus, type: 'string' })
  @Field(() => IpOperationStatus, { description: '状态。' })
  status: IpOperationStatus = IpOperationStatus.RECORDED;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '作废的理由。' })
  voidReason?: string | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '登记人（用户名）。' })
  recordedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('IpOperation', this.id);
  }
}
registerNodeType(IpOperation, 'IpOperation');
