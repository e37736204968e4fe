import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { Person, PersonCategory, Specialty } from './person.entity.js';

/** The fields of a person that createPerson and updatePerson share (all optional on update). */
@InputType('CreatePersonInput', {
  description:
    '登记人员：企业登记本企业人员（工作单位企业固定为本企业），省局登记本辖区人员，国家局任何人。' +
    '手机号、电子邮箱、身份证件号码为个人信息，登记后只有国家局和本人可见；同一身份证件号码只能登记一次。',
})
export class CreatePersonInput {
  @Field(() => String, { description: '姓名，1–100 字（去除首尾空白）。' })
  name!: string;

  @Field(() => ID, { nullable: true, description: '工作单位企业的全局 ID（须为可见的企业）；企业用户不填即本企业。' })
  employerEnterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: '工作单位名称，最长 200 字；不填而给出了工作单位企业时，取该企业名称。' })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: '职务或职称，最长 100 字。' })
  title?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '所在省级辖区；不填时取工作单位企业的辖区，省局登记的取本辖区。' })
  regionCode?: string | null;

  @Field(() => PersonCategory, { nullable: true, description: '人员类别，默认 OTHER。' })
  category?: PersonCategory | null;

  @Field(() => [Specialty], { nullable: true, description: '知识产权专业领域（重复的只记一次）。' })
  specialties?: Specialty[] | null;

  @Field(() => [String], { nullable: true, description: '技术领域：IPC 部内的大类或小类，例如 H01、G06F；最多 20 个。' })
  technicalFields?: string[] | null;

  @Field(() => [String], { nullable: true, description: '资格（例如 专利代理师），每项 1–50 字，最多 20 项。' })
  qualifications?: string[] | null;

  @Field(() => String, { nullable: true, description: '专业领域说明，最长 300 字。' })
  expertise?: string | null;

  @Field(() => String, { nullable: true, description: '手机号或电话（个人信息）。' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱（个人信息）。' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '居民身份证号码（敏感个人信息）：18 位，末位可为 X，校验码和出生日期须正确；已登记过的号码返回 CONFLICT。',
  })
  identityNumber?: string | null;
}

@InputType('UpdatePersonInput', { description: '修改人员记录：只改给出的字段；可空字段传 null 即清空（列表传 null 即清空为空列表）。' })
export class UpdatePersonInput {
  @Field(() => ID, { description: '人员的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '读取时的版本号；若期间已被他人修改，返回 CONFLICT。' })
  version!: number;

  @Field(() => String, { nullable: true, description: '姓名，1–100 字；不能清空。' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '工作单位企业的全局 ID；null 清空。企业用户只能填本企业。' })
  employerEnterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: '工作单位名称；null 清空。' })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: '职务或职称；null 清空。' })
  title?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '所在省级辖区；null 清空。' })
  regionCode?: string | null;

  @Field(() => PersonCategory, { nullable: true, description: '人员类别；不能清空。' })
  category?: PersonCategory | null;

  @Field(() => [Specialty], { nullable: true, description: '知识产权专业领域（整体替换）。' })
  specialties?: Specialty[] | null;

  @Field(() => [String], { nullable: true, description: '技术领域（整体替换），IPC 大类或小类，最多 20 个。' })
  technicalFields?: string[] | null;

  @Field(() => [String], { nullable: true, description: '资格（整体替换），每项 1–50 字，最多 20 项。' })
  qualifications?: string[] | null;

  @Field(() => String, { nullable: true, description: '专业领域说明；null 清空。' })
  expertise?: string | null;

  @Field(() => String, { nullable: true, description: '手机号或电话（个人信息）；null 清空。' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱（个人信息）；null 清空。' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: '居民身份证号码（敏感个人信息）；null 清空。' })
  identityNumber?: string | null;
}

@ObjectType('CreatePersonPayload', { description: 'createPerson 的结果。' })
export class CreatePersonPayload {
  @Field(() => Person, { description: '新登记的人员。' })
  person!: Person;
}

@ObjectType('UpdatePersonPayload', { description: 'updatePerson 的结果。' })
export class UpdatePersonPayload {
  @Field(() => Person, { description: '修改后的人员（有改动时版本号加 1）。' })
  person!: Person;
}

export const { Connection: PersonConnection } = connectionTypes(Person, 'Person', '人员');

@InputType('PersonFilter', { description: '人员列表的筛选条件（在可见范围内）。' })
export class PersonFilter {
  @Field(() => ID, { nullable: true, description: '工作单位企业的全局 ID（本企业人员）。' })
  enterpriseId?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '所在省级辖区。' })
  regionCode?: string | null;

  @Field(() => PersonCategory, { nullable: true, description: '人员类别。' })
  category?: PersonCategory | null;

  @Field(() => String, { nullable: true, description: '姓名包含（1–50 字）。' })
  nameContains?: string | null;
}
