import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { CommissionerDispatch, DispatchStatus } from './dispatch.entity.js';

export const { Connection: CommissionerDispatchConnection } = connectionTypes(CommissionerDispatch, 'CommissionerDispatch', '特派员派驻');

@InputType('CommissionerDispatchFilter', { description: '特派员派驻的筛选条件（各条件之间为“且”）。' })
export class CommissionerDispatchFilter {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '特派员所在的服务机构。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '特派员（人员）。' })
  personId?: string | null;

  @Field(() => [DispatchStatus], { nullable: true, description: '今日的状态之一。' })
  statuses?: DispatchStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: '任期（含提前结束）与这一期间有交集：期间开始。' })
  activeFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '期间结束。' })
  activeTo?: string | null;
}

@InputType('DispatchCommissionerInput', { description: '派出知识产权特派员（省局派往本辖区企业；国家局）。' })
export class DispatchCommissionerInput {
  @Field(() => ID, { description: '企业。' })
  enterpriseId!: string;

  @Field(() => ID, { description: '特派员（人员）：服务机构在整个任期内在任的成员（SV3）。' })
  personId!: string;

  @Field(() => ID, { description: '特派员所在的服务机构（正常状态，SV2）。' })
  organizationId!: string;

  @Field(() => DateScalar, { description: '任期开始。' })
  startsOn!: string;

  @Field(() => DateScalar, { description: '任期结束（含；不超过 3 年）。' })
  endsOn!: string;

  @Field(() => String, { description: '派驻任务（1–2000 字）。' })
  purpose!: string;
}

@InputType('EndCommissionerDispatchInput', { description: '提前结束派驻（派出的局；国家局），附原因。' })
export class EndCommissionerDispatchInput {
  @Field(() => ID, { description: '特派任务。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => DateScalar, { description: '最后一天（含；不早于任期开始和最近一次走访，早于任期结束）。' })
  lastDay!: string;

  @Field(() => String, { description: '原因（1–2000 字）。' })
  reason!: string;
}

@ObjectType('DispatchCommissionerPayload', { description: 'dispatchCommissioner 的结果。' })
export class DispatchCommissionerPayload {
  @Field(() => CommissionerDispatch, { description: '派驻。' })
  dispatch!: CommissionerDispatch;
}

@ObjectType('EndCommissionerDispatchPayload', { description: 'endCommissionerDispatch 的结果。' })
export class EndCommissionerDispatchPayload {
  @Field(() => CommissionerDispatch, { description: '已提前结束的派驻。' })
  dispatch!: CommissionerDispatch;
}
