import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ApplicationWindow } from './application-window.entity.js';
import { ApplicationRoute, DemonstrationApplication } from './application.entity.js';
import { UnmetCondition } from './eligibility.js';

@InputType('SetApplicationWindowInput', { description: '设置某年度的申报受理期（仅国家局）。' })
export class SetApplicationWindowInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => DateScalar, { description: '开始受理日（含），须在该年度内。' })
  opensOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '截止日（含），须在该年度内；不填为当年 7 月 31 日。' })
  closesOn?: string | null;
}

@ObjectType('SetApplicationWindowPayload', { description: 'setApplicationWindow 的结果。' })
export class SetApplicationWindowPayload {
  @Field(() => ApplicationWindow, { description: '受理期。' })
  window!: ApplicationWindow;
}

@InputType('IndicatorScoreInput', {
  description: '一项指标的自评得分。该年度已发布该表的评价表（evaluationSheet）时，须为评价表中的一项：名称和满分取自评价表；未发布时为自拟的指标明细。',
})
export class IndicatorScoreInput {
  @Field(() => String, { description: 'A 或 B。' })
  table!: string;

  @Field(() => String, { description: '指标编号（已发布评价表时为评价表中的编号，例如 A1.2）。' })
  code!: string;

  @Field(() => String, { nullable: true, description: '指标名称：已发布评价表时不填（取自评价表）；未发布时必填（1–200 字）。' })
  name?: string | null;

  @Field(() => Float, { description: '自评得分（0 至该项满分）。' })
  score!: number;

  @Field(() => Float, { nullable: true, description: '满分：已发布评价表时可不填（取自评价表，填写须与之相同）；未发布时必填。' })
  maxScore?: number | null;

  @Field(() => [ID], { nullable: true, description: '该项的佐证材料（本企业通过 POST /files 上传的文件 ID，最多 10 个）。' })
  evidenceFileIds?: string[] | null;
}

@InputType('SaveDemonstrationApplicationInput', {
  description: '保存示范企业申报草稿（企业用户，本企业）：同一企业同一年度一份；已有草稿时须回传版本号。草稿可以不完整，提交时才检查完整性和申报条件。',
})
export class SaveDemonstrationApplicationInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => Int, { description: '申报年度。' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '修改已有草稿时回传其版本号。' })
  version?: number | null;

  @Field(() => ApplicationRoute, { nullable: true, description: '申报途径（新建时默认 PROVINCIAL 省局推荐；修改时不填则不变）。' })
  route?: ApplicationRoute | null;

  @Extensions({ maxLength: 50_000 })

  @Field(() => String, { nullable: true, description: '申报书内容（最长 50000 字）。' })
  formContent?: string | null;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { nullable: true, description: '工作方案：工作基础（最长 20000 字）。' })
  workFoundation?: string | null;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { nullable: true, description: '工作方案：工作目标和任务（最长 20000 字）。' })
  goalsAndTasks?: string | null;

  @Extensions({ maxLength: 20_000 })

  @Field(() => String, { nullable: true, description: '工作方案：工作措施（最长 20000 字）。' })
  measures?: string | null;

  @Field(() => Float, { nullable: true, description: 'A 表总分（0–100）；给出 A 表明细时须等于明细之和（已发布 A 表评价表时由逐项得分求和，可不填）。' })
  scoreA?: number | null;

  @Field(() => Float, { nullable: true, description: 'B 表总分（0–100）；给出 B 表明细时须等于明细之和（已发布 B 表评价表时由逐项得分求和，可不填）。' })
  scoreB?: number | null;

  @Extensions({ maxItems: 200 })

  @Field(() => [IndicatorScoreInput], { nullable: true, description: '指标逐项自评（最多 200 项），整体替换；已发布评价表的表，总分为逐项得分之和。' })
  indicators?: IndicatorScoreInput[] | null;

  @Field(() => [ID], { nullable: true, description: '附件（本企业通过 POST /files 上传的文件 ID，最多 30 个），整体替换。' })
  attachmentIds?: string[] | null;
}

@ObjectType('SaveDemonstrationApplicationPayload', { description: 'saveDemonstrationApplication 的结果。' })
export class SaveDemonstrationApplicationPayload {
  @Field(() => DemonstrationApplication, { description: '申报（草稿）。' })
  application!: DemonstrationApplication;
}

@InputType('SubmitDemonstrationApplicationInput', { description: '提交申报：须在受理期内（R4）、内容完整且满足申报条件。' })
export class SubmitDemonstrationApplicationInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@ObjectType('SubmitDemonstrationApplicationPayload', { description: 'submitDemonstrationApplication 的结果。' })
export class SubmitDemonstrationApplicationPayload {
  @Field(() => DemonstrationApplication, { description: '已提交的申报。' })
  application!: DemonstrationApplication;
}

@ObjectType('DemonstrationEligibility', { description: '某企业在某日申报示范企业的条件检查结果。' })
export class DemonstrationEligibility {
  @Field(() => Enterprise, { description: '企业。' })
  enterprise!: Enterprise;

  @Field(() => DateScalar, { description: '检查的日期。' })
  asOf!: string;

  @Field(() => ApplicationRoute, { description: '按哪种途径检查。' })
  route!: ApplicationRoute;

  @Field(() => Boolean, { description: '是否满足全部条件。' })
  eligible!: boolean;

  @Field(() => [UnmetCondition], { description: '未满足的条件（满足时为空）。' })
  unmet!: UnmetCondition[];
}
