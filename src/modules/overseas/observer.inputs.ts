import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { ObserverReport, OverseasObserver } from './observer.entity.js';

@InputType('AppointObserverInput', { description: '聘任志愿者观察员企业（国家局）。' })
export class AppointObserverInput {
  @Field(() => ID, { description: '企业。' })
  enterpriseId!: string;
  @Extensions({ maxItems: 30 })
  @Field(() => [String], { description: '观察的国家（ISO 3166-1 两位字母代码，1–30 个）。' })
  countryCodes!: string[];
  @Field(() => DateScalar, { description: '聘任日期（不晚于今天）。' })
  appointedOn!: string;
  @Field(() => String, { nullable: true, description: '选择非示范企业的理由（聘任日不是有效示范企业的必填，至多 2000 字）。' })
  reason?: string | null;
}

@InputType('EndObserverInput', { description: '结束观察员企业的聘任（国家局）。' })
export class EndObserverInput {
  @Field(() => ID, { description: '观察员的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => DateScalar, { description: '结束日期（不早于聘任，不晚于今天）。' })
  endedOn!: string;
}

@InputType('FileObserverReportInput', { description: '观察员企业报送一份观察报告。' })
export class FileObserverReportInput {
  @Field(() => ID, { description: '观察员的全局 ID（本企业的）。' })
  observerId!: string;
  @Field(() => String, { description: '国家（观察的国家之一）。' })
  countryCode!: string;
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '内容（1–20000 字）。' })
  body!: string;
}

@InputType('ObserverReportFilter', { description: '观察报告的筛选。' })
export class ObserverReportFilter {
  @Field(() => String, { nullable: true, description: '国家。' })
  countryCode?: string | null;
  @Field(() => ID, { nullable: true, description: '观察员。' })
  observerId?: string | null;
}

@ObjectType('AppointObserverPayload', { description: 'appointObserver 的结果。' })
export class AppointObserverPayload {
  @Field(() => OverseasObserver, { description: '观察员。' })
  observer!: OverseasObserver;
}
@ObjectType('EndObserverPayload', { description: 'endObserver 的结果。' })
export class EndObserverPayload {
  @Field(() => OverseasObserver, { description: '观察员。' })
  observer!: OverseasObserver;
}
@ObjectType('FileObserverReportPayload', { description: 'fileObserverReport 的结果。' })
export class FileObserverReportPayload {
  @Field(() => ObserverReport, { description: '报告。' })
  report!: ObserverReport;
}

export const { Connection: OverseasObserverConnection } = connectionTypes(OverseasObserver, 'OverseasObserver', '志愿者观察员企业');
export const { Connection: ObserverReportConnection } = connectionTypes(ObserverReport, 'ObserverReport', '观察报告');
