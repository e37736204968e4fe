import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';

/** The two tables of the evaluation index system [D 三(一)2]. */
export enum EvaluationTable {
  A = 'A',
  B = 'B',
}

registerEnumType(EvaluationTable, {
  name: 'EvaluationTable',
  description: '《国家知识产权示范企业知识产权评价指标体系》的表（D 三(一)2：A 表 ≥ 75 分、B 表 ≥ 80 分，分数线为规则设置）。',
  valuesConfig: {
    A: { description: 'A 表' },
    B: { description: 'B 表' },
  },
});

/** One item (indicator) of a sheet: what it scores and its maximum. */
@ObjectType('EvaluationItem', { description: '评价表的一项指标：编号、名称、满分和评分说明。' })
export class EvaluationItem {
  @Field(() => String, { description: '指标编号（在本表内唯一），例如 A1.2；企业自评和省局核查按此编号引用。' })
  code!: string;

  @Field(() => String, { description: '指标名称。' })
  name!: string;

  @Field(() => Float, { description: '满分。' })
  maxPoints!: number;

  @Field(() => String, { nullable: true, description: '评分说明（得分要点、佐证材料要求）。' })
  guidance?: string | null;
}

/** A section of a sheet (a first-level indicator) with its items. */
@ObjectType('EvaluationSection', { description: '评价表的一个部分（一级指标）及其指标项。' })
export class EvaluationSection {
  @Field(() => String, { description: '部分编号（在本表内唯一），例如 A1。' })
  code!: string;

  @Field(() => String, { description: '部分名称，例如“知识产权管理体系”。' })
  name!: string;

  @Field(() => [EvaluationItem], { description: '指标项（每部分最多 30 项）。' })
  items!: EvaluationItem[];
}

/**
 * Table A or B of the evaluation index system for one year [D 三(一)2, 三(二)2], maintained by the
 * national bureau: sections of items with their maximum points (100 in all). Enterprises assess
 * themselves item by item against it and the provincial bureau checks each item. Once an
 * application of the year has been submitted the year's sheets no longer change (a version per year).
 */
@ObjectType('EvaluationSheet', { implements: Node, description: '某年度《评价指标体系》的 A 表或 B 表（国家局维护，公开）：各部分、指标项及满分。' })
@Entity({ tableName: 'evaluation_sheet' })
@Unique({ name: 'evaluation_sheet_year_table_unique', properties: ['year', 'table'] })
export class EvaluationSheet extends BaseEntity<'version' | 'updatedBy'> {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '适用的申报年度。' })
  year!: number;

  @Enum({ items: () => EvaluationTable, type: 'string', fieldName: 'evaluation_table' })
  @Field(() => EvaluationTable, { description: 'A 表或 B 表。' })
  table!: EvaluationTable;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'json' })
  @Field(() => [EvaluationSection], { description: '各部分及其指标项（每表最多 20 部分、100 项）。' })
  sections!: EvaluationSection[];

  @Property({ type: 'double' })
  @Field(() => Float, { description: '满分合计（各指标项满分之和，为 100）。' })
  maxTotal!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '最后修改人。' })
  updatedBy?: string | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('EvaluationSheet', this.id);
  }

  /** The item of this sheet with `code`, or undefined. */
  item(code: string): EvaluationItem | undefined {
    for (const section of this.sections) for (const item of section.items) if (item.code === code) return item;
    return undefined;
  }
}
registerNodeType(EvaluationSheet, 'EvaluationSheet');
