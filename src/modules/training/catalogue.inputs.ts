/** The catalogue's inputs, payloads and connections: training bases, textbooks, programs, sessions and their instructors. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { PersonCategory } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { TrainingFormat, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';

@InputType('CreateTrainingProgramInput', { description: '设立培训项目（国家局或省局）。' })
export class CreateTrainingProgramInput {
  @Field(() => String, { description: '名称。' })
  title!: string;
  @Field(() => PersonCategory, { description: '层级。' })
  tier!: PersonCategory;
  @Field(() => TrainingFormat, { description: '形式（须属于该层级，R19）。' })
  format!: TrainingFormat;
  @Field(() => [String], { nullable: true, description: '主题，例如 战略规划、资本运作、法律事务（最多 20 项）。' })
  topics?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业（GB/T 4754 门类或大类代码）；不填为各行业。' })
  targetIndustryCodes?: string[] | null;
  @Field(() => ID, { nullable: true, description: '承办的国家知识产权培训基地（其用户可开设和办理本项目的班次）。' })
  hostId?: string | null;
  @Field(() => [ID], { nullable: true, description: '使用的培训系列教材。' })
  textbookIds?: string[] | null;
}

@InputType('UpdateTrainingProgramInput', { description: '修改培训项目（设立的国家局或省局）：省略的字段不变；层级和形式设立后不能修改；hostId 为 null 表示取消承办基地。' })
export class UpdateTrainingProgramInput {
  @Field(() => ID, { description: '项目。' })
  id!: string;
  @Field(() => String, { nullable: true, description: '名称。' })
  title?: string | null;
  @Field(() => [String], { nullable: true, description: '主题（整体替换）。' })
  topics?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业（整体替换）。' })
  targetIndustryCodes?: string[] | null;
  @Field(() => ID, { nullable: true, description: '承办基地；null 取消。' })
  hostId?: string | null;
  @Field(() => [ID], { nullable: true, description: '教材（整体替换）。' })
  textbookIds?: string[] | null;
}

@InputType('CreateTrainingTextbookInput', { description: '登记一册培训系列教材（国家局）。' })
export class CreateTrainingTextbookInput {
  @Field(() => String, { description: '书名。' })
  title!: string;
  @Field(() => String, { description: '版次。' })
  edition!: string;
  @Field(() => String, { description: '编者。' })
  editors!: string;
  @Field(() => Int, { description: '出版年份。' })
  publishedYear!: number;
  @Field(() => PersonCategory, { nullable: true, description: '面向的层级；不填为通用。' })
  tier?: PersonCategory | null;
  @Field(() => String, { nullable: true, description: '出版社。' })
  publisher?: string | null;
  @Field(() => String, { nullable: true, description: 'ISBN-13（可含连字符）。' })
  isbn?: string | null;
  @Field(() => [String], { nullable: true, description: '主题。' })
  topics?: string[] | null;
}

@InputType('CreateTrainingBaseInput', { description: '认定国家知识产权培训基地（国家局）。' })
export class CreateTrainingBaseInput {
  @Field(() => String, { description: '名称。' })
  name!: string;
  @Field(() => RegionCodeScalar, { description: '所在辖区。' })
  regionCode!: string;
  @Field(() => String, { nullable: true, description: '联系电话。' })
  contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: '联系邮箱。' })
  contactEmail?: string | null;
}

@InputType('CreateTrainingSessionInput', { description: '开设班次（国家局或省局）。' })
export class CreateTrainingSessionInput {
  @Field(() => ID, { description: '培训项目。' })
  programId!: string;
  @Field(() => DateScalar, { description: '开始日。' })
  startsOn!: string;
  @Field(() => DateScalar, { description: '结束日。' })
  endsOn!: string;
  @Field(() => Int, { description: '名额。' })
  capacity!: number;
  @Field(() => DateScalar, { nullable: true, description: '报名开始日（不填为开设后即可报名）。' })
  registrationOpensOn?: string | null;
  @Field(() => DateScalar, { description: '报名截止日（含当日）。' })
  registrationClosesOn!: string;
  @Field(() => String, { nullable: true, description: '地点。' })
  place?: string | null;
  @Field(() => String, { nullable: true, description: '线上链接。' })
  onlineUrl?: string | null;
  @Field(() => RegionCodeScalar, { nullable: true, description: '举办地辖区（省局开设的为本辖区，培训基地开设的为基地所在辖区）。' })
  regionCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: '报名是否须经举办方审核（默认否：报名即按先后占额）。' })
  approvalRequired?: boolean | null;
}

@InputType('SetSessionInstructorsInput', { description: '安排班次的授课教师（举办方）：须为师资库中班次全程在任期内的成员；整体替换原名单。' })
export class SetSessionInstructorsInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
  @Field(() => [ID], { description: '授课教师（人员 ID，最多 20 名；空列表表示清空）。' })
  personIds!: string[];
}

@InputType('TrainingCatalogueFilter', { description: '培训目录筛选。' })
export class TrainingCatalogueFilter {
  @Field(() => [PersonCategory], { nullable: true, description: '层级之一。' })
  tiers?: PersonCategory[] | null;
  @Field(() => [TrainingFormat], { nullable: true, description: '形式之一。' })
  formats?: TrainingFormat[] | null;
  @Field(() => [RegionCodeScalar], { nullable: true, description: '举办地辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true 只看线上，false 只看现场。' })
  online?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '只看尚有名额的班次。' })
  withOpenSeats?: boolean | null;
  @Field(() => [String], { nullable: true, description: '面向这些行业之一的项目（门类含其大类，大类也匹配其门类）；不面向特定行业的项目不在其内。' })
  industryCodes?: string[] | null;
  @Field(() => [ID], { nullable: true, description: '由这些培训基地承办。' })
  hostIds?: string[] | null;
}

@ObjectType('CreateTrainingProgramPayload', { description: '设立的培训项目。' })
export class CreateTrainingProgramPayload {
  @Field(() => TrainingProgram, { description: '项目。' })
  program!: TrainingProgram;
}

@ObjectType('UpdateTrainingProgramPayload', { description: '修改后的培训项目。' })
export class UpdateTrainingProgramPayload {
  @Field(() => TrainingProgram, { description: '项目。' })
  program!: TrainingProgram;
}

@ObjectType('CreateTrainingTextbookPayload', { description: '登记的培训系列教材。' })
export class CreateTrainingTextbookPayload {
  @Field(() => TrainingTextbook, { description: '教材。' })
  textbook!: TrainingTextbook;
}

@ObjectType('CreateTrainingBasePayload', { description: '认定的国家知识产权培训基地。' })
export class CreateTrainingBasePayload {
  @Field(() => ServiceOrganization, { description: '培训基地（类别为 TRAINING_BASE 的服务机构）。' })
  base!: ServiceOrganization;
}

@ObjectType('CreateTrainingSessionPayload', { description: '开设的培训班次。' })
export class CreateTrainingSessionPayload {
  @Field(() => TrainingSession, { description: '班次。' })
  session!: TrainingSession;
}

@ObjectType('SetSessionInstructorsPayload', { description: '安排了授课教师的班次。' })
export class SetSessionInstructorsPayload {
  @Field(() => TrainingSession, { description: '班次（instructors 为新名单）。' })
  session!: TrainingSession;
}

export const { Connection: TrainingProgramConnection } = connectionTypes(TrainingProgram, 'TrainingProgram', '培训项目');
export const { Connection: TrainingTextbookConnection } = connectionTypes(TrainingTextbook, 'TrainingTextbook', '培训系列教材');
export const { Connection: TrainingBaseConnection } = connectionTypes(ServiceOrganization, 'TrainingBase', '国家知识产权培训基地');
export const { Connection: TrainingSessionConnection } = connectionTypes(TrainingSession, 'TrainingSession', '培训班次');
