/**
 * What an export reads (docs/reporting.md, "Exports"): a statistics result, a frozen snapshot, or
 * any list of the API. A list is read through the API itself: the connection field with the
 * viewer's own arguments, page by page, executed against the schema with the viewer's context,
 * so an export holds exactly the rows and fields that viewer could page through.
 */
import {
  execute,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  parse,
  validate,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { Context } from '../../context.js';
import { inputProblems, type InputLimits } from '../../http/input-limits.js';
import { badInput } from '../../common/errors.js';
import type { CellValue, ExportTable } from './export.format.js';
import type { StatisticsResult } from './statistics.types.js';

/** A statistics answer (now, or as frozen) as a table: one column per dimension, then one per measure. */
export function statisticsTable(title: string, result: Pick<StatisticsResult, 'measures' | 'dimensions' | 'rows'>): ExportTable {
  const columns = [...result.dimensions.map((d) => d.label), ...result.measures.map((m) => `${m.label}（${m.unit}）`)];
  async function* rows(): AsyncIterable<CellValue[]> {
    for (const row of result.rows) yield [...row.keys.map((k) => k.label), ...row.values.map((v) => (v.suppressed ? '（不公布）' : v.value))];
  }
  return { title, columns, rows: rows() };
}

/** The API's input limits, as the server is configured. */
export const limitsOf = (ctx: Pick<Context, 'config'>): InputLimits => ({ listMax: ctx.config.inputListMax, codeListMax: ctx.config.inputCodeListMax, stringMax: ctx.config.inputStringMax });

export interface ListSpec {
  /** A Query field that returns a connection, e.g. "enterprises". */
  field: string;
  /** Its arguments other than the paging ones. */
  arguments: Record<string, unknown>;
  /** Leaf paths of the node, e.g. "name", "region.name". */
  columns: string[];
}

const PAGING = new Set(['first', 'after', 'last', 'before']);
export const LIST_LIMITS = { columns: 40, depth: 4 };

interface PreparedList {
  document: ReturnType<typeof parse>;
  variables: Record<string, unknown>;
  labels: string[];
}

/**
 * Checks a list spec against the schema and builds the paged query; BAD_USER_INPUT naming what is
 * wrong. The arguments get the API's own input limits (list lengths, string lengths, control
 * characters, broken Unicode), as if a client had sent them to the list itself.
 */
export function prepareList(schema: GraphQLSchema, spec: ListSpec, limits: InputLimits): PreparedList {
  const field = schema.getQueryType()!.getFields()[spec.field];
  const node = field && connectionNode(field);
  if (!field || !node) throw badInput('list.field', `${spec.field} 不是可导出的列表（须为返回连接的查询字段）`);
  const definitions: string[] = [];
  const passed: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(spec.arguments ?? {})) {
    const arg = field.args.find((a) => a.name === name);
    if (!arg || PAGING.has(name)) throw badInput('list.arguments', `${spec.field} 没有可用的参数 ${name}`);
    definitions.push(`$a_${name}: ${String(arg.type)}`);
    passed.push(`${name}: $a_${name}`);
    variables[`a_${name}`] = value;
  }
  if (spec.columns.length === 0 || spec.columns.length > LIST_LIMITS.columns) throw badInput('list.columns', `列数应为 1–${LIST_LIMITS.columns}`);
  const labels = spec.columns.map((path, i) => leafLabel(node, path, `list.columns[${i}]`));
  const selection = selectionOf(spec.columns);
  const text = `query Export($first: Int!, $after: String${definitions.map((d) => `, ${d}`).join('')}) {
    list: ${spec.field}(first: $first, after: $after${passed.map((p) => `, ${p}`).join('')}) { pageInfo { hasNextPage endCursor } edges { node ${selection} } }
  }`;
  const document = parse(text);
  const errors = validate(schema, document);
  if (errors.length) throw badInput('list', errors.map((e) => e.message).join('；'));
  const operation = document.definitions[0]!;
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw badInput('list', '无效的列表');
  const limited = inputProblems(schema, document, { ...variables, first: 1 }, limits);
  if (limited.length) throw badInput(limited.map((p) => ({ field: `list.arguments.${p.field.replace(/^a_/, '')}`, message: p.message })));
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables, first: 1 });
  if (coerced.errors) throw badInput('list.arguments', coerced.errors.map((e) => e.message).join('；'));
  return { document, variables, labels };
}

function connectionNode(field: GraphQLField<unknown, unknown>): GraphQLObjectType | null {
  const type = getNullableType(field.type);
  if (!isObjectType(type)) return null;
  const edges = type.getFields().edges;
  if (!edges) return null;
  const edge = getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  const nodeType = node && getNamedType(node.type);
  return nodeType && isObjectType(nodeType) ? nodeType : null;
}

/** The column title of a leaf path: each field's description up to its first punctuation, joined (地区·名称). */
function leafLabel(node: GraphQLObjectType, path: string, at: string): string {
  const parts = path.split('.');
  if (parts.length > LIST_LIMITS.depth || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) throw badInput(at, `无效的列 ${path}`);
  let type: GraphQLObjectType = node;
  const names: string[] = [];
  for (const [i, part] of parts.entries()) {
    const f = type.getFields()[part];
    if (!f || f.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)) throw badInput(at, `${type.name} 没有可导出的字段 ${part}`);
    names.push((f.description ?? part).split(/[（。，：；(]/)[0]!.trim() || part);
    const next = getNamedType(f.type);
    const last = i === parts.length - 1;
    if (last) {
      if (!isLeafType(next) || isListType(getNullableType(f.type))) throw badInput(at, `${path} 不是单个值（须一直写到名称、代码、日期这样的字段）`);
    } else if (!isObjectType(next) || isListType(getNullableType(f.type))) throw badInput(at, `${path} 中 ${part} 不是单个对象`);
    else type = next;
  }
  return names.join('·');
}

/** `{ a b { c } }` from ["a", "b.c"]. */
function selectionOf(paths: readonly string[]): string {
  const tree = new Map<string, string[]>();
  for (const p of paths) {
    const [head, ...rest] = p.split('.');
    tree.set(head!, [...(tree.get(head!) ?? []), ...(rest.length ? [rest.join('.')] : [])]);
  }
  return `{ ${[...tree].map(([k, sub]) => (sub.length ? `${k} ${selectionOf(sub)}` : k)).join(' ')} }`;
}

const valueAt = (node: unknown, path: string): CellValue => {
  let v: unknown = node;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : null;
  return v === undefined ? null : (v as CellValue);
};

/** The rows of a list, read page by page through the schema as the context's viewer. */
export function listTable(schema: GraphQLSchema, ctx: () => Context, spec: ListSpec, title: string, pageSize: number): ExportTable {
  const prepared = prepareList(schema, spec, limitsOf(ctx()));
  async function* rows(): AsyncIterable<CellValue[]> {
    let after: string | null = null;
    for (;;) {
      const result = await execute({ schema, document: prepared.document, variableValues: { ...prepared.variables, first: pageSize, after }, contextValue: ctx() });
      if (result.errors?.length) throw new Error(`list export: ${result.errors[0]!.message}`);
      const list = (result.data as { list: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: unknown }[] } }).list;
      for (const edge of list.edges) yield spec.columns.map((c) => valueAt(edge.node, c));
      if (!list.pageInfo.hasNextPage || !list.pageInfo.endCursor) return;
      after = list.pageInfo.endCursor;
    }
  }
  return { title, columns: prepared.labels, rows: rows() };
}
