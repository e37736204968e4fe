import { Field, InputType, Int } from 'type-graphql';
import { DesignationLevel, DesignationStatus } from './designation.entity.js';
import { DateScalar } from '../../common/scalars.js';

@InputType('DesignationFilter', {
  description: '按认定筛选：企业至少有一条认定同时满足所有给出的条件。要找当前有效的示范企业，用 { levels: [DEMONSTRATION], statuses: [ACTIVE] }。',
})
export class DesignationFilter {
  @Field(() => [DesignationLevel], { nullable: true, description: '认定层级之一。' })
  levels?: DesignationLevel[] | null;

  @Field(() => [DesignationStatus], { nullable: true, description: '当前状态之一（有效期已过的“有效”认定视为 EXPIRED）。' })
  statuses?: DesignationStatus[] | null;

  @Field(() => [Int], { nullable: true, description: '批次年度之一。' })
  batchYears?: number[] | null;

  @Field(() => DateScalar, { nullable: true, description: '在这一天持有有效称号（与 levels 合用：例如某日有效的示范企业）。' })
  validOn?: string | null;
}
