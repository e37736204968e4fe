import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

/**
 * The programme's configurable rules (one row). Defaults are the work plans' numbers
 * [D 三(一)2, 三(二)2–4, 三(四)]; the advantage cultivation period is our assumption (DOMAIN.md).
 */
@ObjectType('ProgrammeSettings', { description: '培育工作的可配置规则（默认值取自工作方案）。Programme settings.' })
@Entity({ tableName: 'programme_settings' })
@Check({ name: 'programme_settings_singleton_check', expression: '"id" = 1' })
export class ProgrammeSettings {
  [OptionalProps]?: 'id' | 'version' | 'updatedAt' | 'updatedBy' | 'trainingCompletionPercent';

  @PrimaryKey({ type: 'integer', autoincrement: false, default: 1 })
  id: number = 1;

  @Property({ type: 'double' })
  @Field(() => Float, { description: '《评价指标体系》A 表最低分（D 三(一)2，默认 75）。' })
  scoreThresholdA: number = 75;

  @Property({ type: 'double' })
  @Field(() => Float, { description: '《评价指标体系》B 表最低分（D 三(一)2，默认 80）。' })
  scoreThresholdB: number = 80;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '优势企业培育期（年）：期满才可申报示范企业（D 三(一)1；工作方案未规定，默认 3）。' })
  advantageCultivationYears: number = 3;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '省局推荐上限：本地区有效优势企业数的百分比，向下取整（D 三(二)2，默认 10）。' })
  recommendationQuotaPercent: number = 10;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '公示期（工作日，D 三(二)3，默认 10）。' })
  noticeWorkingDays: number = 10;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '示范企业有效期（年，D 三(二)3，默认 3）。' })
  designationValidityYears: number = 3;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '复核备案期限：期满后多少个月内报国家局备案（D 三(二)4，默认 6）。' })
  filingMonths: number = 6;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '取消或撤销后不得再次申报的年数（D 三(二)4、三(四)，默认 2）。' })
  banYears: number = 2;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '撤销称号考察的近若干年（D 三(四)，默认 3）。' })
  revocationLookbackYears: number = 3;

  @Property({ type: 'integer', default: 80 })
  @Field(() => Int, { description: '培训结业要求：出勤天数占班次天数的最低百分比（默认 80）。' })
  trainingCompletionPercent: number = 80;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  @Field(() => DateTimeResolver, { description: '最后修改时间。' })
  updatedAt: Date = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '最后修改人。' })
  updatedBy?: string | null;
}
