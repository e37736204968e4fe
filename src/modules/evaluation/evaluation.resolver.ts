import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { IndicatorScore } from '../application/application.entity.js';
import { EvaluationSheet, EvaluationTable } from './evaluation-sheet.entity.js';
import {
  CheckApplicationItemsInput,
  CheckApplicationItemsPayload,
  CopyEvaluationSheetsInput,
  CopyEvaluationSheetsPayload,
  SaveEvaluationSheetInput,
  SaveEvaluationSheetPayload,
} from './evaluation.inputs.js';
import { evaluationService } from './evaluation.service.js';
import { itemCheckService } from './item-check.service.js';

@Resolver(() => EvaluationSheet)
export class EvaluationSheetResolver {
  @Query(() => EvaluationSheet, { nullable: true, description: '某年度《评价指标体系》的 A 表或 B 表（公开）；尚未发布为 null。' })
  evaluationSheet(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: '申报年度。' }) year: number,
    @Arg('table', () => EvaluationTable, { description: 'A 表或 B 表。' }) table: EvaluationTable,
  ): Promise<EvaluationSheet | null> {
    return evaluationService.sheet(ctx, year, table);
  }

  @Query(() => [EvaluationSheet], { description: '某年度的评价表（公开）：A 表、B 表中已发布的，A 表在前。' })
  evaluationSheets(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '申报年度。' }) year: number): Promise<EvaluationSheet[]> {
    return evaluationService.sheets(ctx, year);
  }

  @Mutation(() => SaveEvaluationSheetPayload, {
    description: '录入或整体替换某年度的 A 表或 B 表（仅国家局）：各项满分之和须为 100、编号在表内唯一；该年度已有申报提交后为 RULE_VIOLATION SHEET_IN_USE。',
  })
  async saveEvaluationSheet(
    @Ctx() ctx: Context,
    @Arg('input', () => SaveEvaluationSheetInput, { description: '评价表。' }) input: SaveEvaluationSheetInput,
  ): Promise<SaveEvaluationSheetPayload> {
    return Object.assign(new SaveEvaluationSheetPayload(), { sheet: await evaluationService.save(ctx, input) });
  }

  @Mutation(() => CopyEvaluationSheetsPayload, { description: '将某年度的评价表复制为另一年度的评价表（仅国家局；目标年度须尚无评价表、尚无申报提交）。' })
  async copyEvaluationSheets(
    @Ctx() ctx: Context,
    @Arg('input', () => CopyEvaluationSheetsInput, { description: '源年度和目标年度。' }) input: CopyEvaluationSheetsInput,
  ): Promise<CopyEvaluationSheetsPayload> {
    return Object.assign(new CopyEvaluationSheetsPayload(), { sheets: await evaluationService.copy(ctx, input) });
  }

  @FieldResolver(() => Boolean, { description: '是否已冻结：该年度已有申报提交，评价表不可再修改。' })
  frozen(@Root() sheet: EvaluationSheet, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loaders.evaluation.frozenByYear.load(sheet.year);
  }
}

@Resolver(() => IndicatorScore)
export class IndicatorScoreResolver {
  @FieldResolver(() => [StoredFile], { description: '该项的佐证材料（企业上传的文件，按添加顺序；只列出查看者有权查看的，每项最多 10 个）。' })
  async evidence(@Root() item: IndicatorScore, @Ctx() ctx: Context): Promise<StoredFile[]> {
    if (!item.evidenceFileIds?.length) return [];
    const files = await ctx.loaders.file.visibleById.loadMany(item.evidenceFileIds);
    return files.filter((f): f is StoredFile => f instanceof StoredFile);
  }
}

@Resolver()
export class ItemCheckResolver {
  @Mutation(() => CheckApplicationItemsPayload, {
    description:
      '省局逐项核查本辖区已提交申报的自评得分（三(二)2）：企业自评的每一项都须核定，核定与自评不同须说明理由；R1 随后按核定总分判断。同时认定“国内骨干企业，行业影响力较强”（三(一)1）。推荐前可重新核查；其他辖区的申报为 NOT_FOUND。',
  })
  async checkApplicationItems(
    @Ctx() ctx: Context,
    @Arg('input', () => CheckApplicationItemsInput, { description: '逐项核定和骨干企业认定。' }) input: CheckApplicationItemsInput,
  ): Promise<CheckApplicationItemsPayload> {
    return Object.assign(new CheckApplicationItemsPayload(), { application: await itemCheckService.check(ctx, input) });
  }
}
