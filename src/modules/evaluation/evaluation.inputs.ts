import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DemonstrationApplication } from '../application/application.entity.js';
import { EvaluationSheet, EvaluationTable } from './evaluation-sheet.entity.js';

@InputType('EvaluationItemInput', { description: '评价表的一项指标。' })
export class EvaluationItemInput {
  @Field(() => String, { description: '指标编号（1–20 个字母、数字、点、横线或下划线，在本表内唯一），例如 A1.2。' })
  code!: string;

  @Field(() => String, { description: '指标名称（1–200 字）。' })
  name!: string;

  @Field(() => Float, { description: '满分（大于 0）；全表各项满分之和须为 100。' })
  maxPoints!: number;

  @Field(() => String, { nullable: true, description: '评分说明（最长 2000 字）。' })
  guidance?: string | null;
}

@InputType('EvaluationSectionInput', { description: '评价表的一个部分（一级指标）。' })
export class EvaluationSectionInput {
  @Field(() => String, { description: '部分编号（在本表内唯一），例如 A1。' })
  code!: string;

  @Field(() => String, { description: '部分名称（1–100 字）。' })
  name!: string;

  @Field(() => [EvaluationItemInput], { description: '指标项（1–30 项）。' })
  items!: EvaluationItemInput[];
}

@InputType('SaveEvaluationSheetInput', {
  description: '录入或整体替换某年度的 A 表或 B 表（仅国家局）：已有该表时须回传版本号；该年度已有申报提交后不可再改（RULE_VIOLATION SHEET_IN_USE）。',
})
export class SaveEvaluationSheetInput {
  @Field(() => Int, { description: '申报年度。' })
  year!: number;

  @Field(() => EvaluationTable, { description: 'A 表或 B 表。' })
  table!: EvaluationTable;

  @Field(() => String, { description: '标题（1–100 字）。' })
  title!: string;

  @Field(() => [EvaluationSectionInput], { description: '各部分（1–20 个），整体替换。' })
  sections!: EvaluationSectionInput[];

  @Field(() => Int, { nullable: true, description: '修改已有的表时回传其版本号。' })
  version?: number | null;
}

@ObjectType('SaveEvaluationSheetPayload', { description: 'saveEvaluationSheet 的结果。' })
export class SaveEvaluationSheetPayload {
  @Field(() => EvaluationSheet, { description: '保存后的评价表。' })
  sheet!: EvaluationSheet;
}

@InputType('CopyEvaluationSheetsInput', { description: '将某年度的评价表（A 表、B 表）复制为另一年度的评价表（仅国家局；目标年度须尚无评价表）。' })
export class CopyEvaluationSheetsInput {
  @Field(() => Int, { description: '复制自哪一年度。' })
  fromYear!: number;

  @Field(() => Int, { description: '复制到哪一年度。' })
  toYear!: number;
}

@ObjectType('CopyEvaluationSheetsPayload', { description: 'copyEvaluationSheets 的结果。' })
export class CopyEvaluationSheetsPayload {
  @Field(() => [EvaluationSheet], { description: '目标年度新建的评价表（A 表在前）。' })
  sheets!: EvaluationSheet[];
}

@InputType('ItemCheckInput', { description: '省局对一项自评的核定。' })
export class ItemCheckInput {
  @Field(() => EvaluationTable, { description: 'A 表或 B 表。' })
  table!: EvaluationTable;

  @Field(() => String, { description: '指标编号（企业自评过的一项）。' })
  code!: string;

  @Field(() => Float, { description: '核定得分（0 至该项满分）。' })
  checkedScore!: number;

  @Field(() => String, { nullable: true, description: '调整的理由（核定得分与企业自评不同时必填，最长 1000 字）。' })
  reason?: string | null;
}

@InputType('CheckApplicationItemsInput', {
  description: '省局逐项核查本辖区一份已提交申报的自评得分（三(二)2），并认定“国内骨干企业，行业影响力较强”（三(一)1）；推荐前可重新核查。',
})
export class CheckApplicationItemsInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  applicationId!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Extensions({ maxItems: 200 })

  @Field(() => [ItemCheckInput], { description: '每一项自评的核定（企业自评的每一项都须给出，最多 200 项）。' })
  items!: ItemCheckInput[];

  @Field(() => String, {
    nullable: true,
    description: '省局对“国内骨干企业，行业影响力较强”（三(一)1）的认定意见及依据（1–2000 字）；不填则保留已有的认定（尚无认定时推荐为 RULE_VIOLATION R2 BACKBONE_NOT_ATTESTED）。',
  })
  backboneStatement?: string | null;
}

@ObjectType('CheckApplicationItemsPayload', { description: 'checkApplicationItems 的结果。' })
export class CheckApplicationItemsPayload {
  @Field(() => DemonstrationApplication, { description: '核查后的申报（逐项核定得分见 indicators，总分见 checkedScoreA / checkedScoreB）。' })
  application!: DemonstrationApplication;
}
