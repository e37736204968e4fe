import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';

export enum DeadlineKind {
  APPLICATION_WINDOW_CLOSES = 'APPLICATION_WINDOW_CLOSES',
  NOTICE_ENDS = 'NOTICE_ENDS',
  REEXAMINATION_OPENS = 'REEXAMINATION_OPENS',
  ROUND_ENDS = 'ROUND_ENDS',
  FILING_DEADLINE = 'FILING_DEADLINE',
  BAN_ENDS = 'BAN_ENDS',
}
registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  description: '期限的类别。',
  valuesConfig: {
    APPLICATION_WINDOW_CLOSES: { description: '申报受理期截止（企业提交、省局推荐，R4）' },
    NOTICE_ENDS: { description: '公示期结束（R6）' },
    REEXAMINATION_OPENS: { description: '可开始复核（本轮届满前 90 天）' },
    ROUND_ENDS: { description: '本轮示范企业认定届满' },
    FILING_DEADLINE: { description: '复核备案截止（届满后 6 个月，R11）' },
    BAN_ENDS: { description: '禁止申报期结束' },
  },
});

@ObjectType('Deadline', { description: '一个期限及其对象。' })
export class Deadline {
  @Field(() => DeadlineKind, { description: '类别。' })
  kind!: DeadlineKind;

  @Field(() => DateScalar, { description: '日期。' })
  date!: string;

  @Field(() => String, { description: '说明。' })
  title!: string;

  @Field(() => String, { description: '对象类型，例如 Designation、PublicNotice、ApplicationWindow。' })
  objectType!: string;

  @Field(() => ID, { description: '对象的全局 ID（受理期为年度）。' })
  objectId!: string;

  @Field(() => RegionCodeScalar, { nullable: true, description: '对象所属辖区。' })
  regionCode!: string | null;
}

export function deadline(kind: DeadlineKind, date: string, title: string, objectType: string, objectId: string, regionCode: string | null): Deadline {
  return Object.assign(new Deadline(), { kind, date, title, objectType, objectId, regionCode });
}
