/**
 * Input limits, enforced before any work is done: every list argument and list input field has a
 * maximum number of items, every string a maximum length, and strings may not carry control
 * characters (other than tab, line feed and carriage return) or broken Unicode (lone surrogates,
 * which PostgreSQL refuses with an internal error).
 *
 * The limits come from the schema, so a new argument is covered the day it is written:
 * - a list: `extensions.maxItems` of the input field (type-graphql `@Extensions({ maxItems })`),
 *   else INPUT_CODE_LIST_MAX (default 1,000) for lists of codes (items of a code scalar such as
 *   RegionCode, or a name ending in "Codes"), else INPUT_LIST_MAX (default 100);
 * - a string (String, ID and the custom scalars): `extensions.maxLength` of the input field, else
 *   INPUT_STRING_MAX (default 2,000 characters).
 * Arguments take the defaults (type-graphql 2 has no extensions on arguments).
 *
 * Checked in Apollo's didResolveOperation, after parsing and validation and before variables are
 * coerced or a resolver runs, on the literals of the document and on the raw JSON variables alike.
 * A violation is BAD_USER_INPUT (HTTP 400) naming every offending field.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { FieldProblem } from '../common/errors.js';

export interface InputLimits {
  listMax: number;
  codeListMax: number;
  stringMax: number;
}

/** Scalars whose values are codes: their lists get the larger code-list maximum. */
const CODE_SCALARS = new Set(['RegionCode', 'CreditCode']);
/** C0 controls except tab, LF, CR; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The number of code points of `value`, counting no further than `limit + 1`. */
function codePoints(value: string, limit: number): number {
  let n = 0;
  for (const _ of value) if (++n > limit) break;
  return n;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

function namedType(type: GraphQLInputType): GraphQLNamedType {
  let t: GraphQLInputType = type;
  while (isNonNullType(t) || isListType(t)) t = t.ofType as GraphQLInputType;
  return t as GraphQLNamedType;
}

interface Where {
  /** Path of the value in the operation's input, e.g. `filter.technicalFields` or `input.days.3.name`. */
  path: string;
  /** The last name on the path (the argument or input field). */
  name: string;
  extensions?: Readonly<Record<string, unknown>>;
}

export function maxItemsOf(where: Pick<Where, 'name' | 'extensions'>, item: GraphQLNamedType, limits: InputLimits): number {
  const declared = where.extensions?.maxItems;
  if (typeof declared === 'number') return declared;
  return CODE_SCALARS.has(item.name) || /Codes$/.test(where.name) ? limits.codeListMax : limits.listMax;
}

export function maxLengthOf(where: Pick<Where, 'extensions'>, limits: InputLimits): number {
  const declared = where.extensions?.maxLength;
  return typeof declared === 'number' ? declared : limits.stringMax;
}

class Checker {
  readonly problems: FieldProblem[] = [];
  constructor(
    private readonly limits: InputLimits,
    private readonly variables: Record<string, unknown>,
  ) {}

  private problem(field: string, message: string) {
    if (this.problems.length < 20) this.problems.push({ field: field || 'input', message });
  }

  private string(value: string, where: Where) {
    const max = maxLengthOf(where, this.limits);
    // Characters as the services count them (code points: a supplementary character is one).
    if (value.length > max && codePoints(value, max) > max) this.problem(where.path, `最长 ${max} 字`);
    else if (CONTROL.test(value)) this.problem(where.path, '不能包含控制字符');
    else if (!value.isWellFormed()) this.problem(where.path, '包含无效的 Unicode 字符');
  }

  private field(parent: Where, field: GraphQLInputField): Where {
    return { path: join(parent.path, field.name), name: field.name, extensions: field.extensions };
  }

  /** A value written in the document. */
  literal(node: ValueNode, type: GraphQLInputType, where: Where): void {
    if (node.kind === Kind.VARIABLE) return this.value(this.variables[node.name.value], type, where);
    if (node.kind === Kind.NULL) return;
    if (isNonNullType(type)) return this.literal(node, type.ofType as GraphQLInputType, where);
    if (isListType(type)) {
      const item = type.ofType as GraphQLInputType;
      if (node.kind !== Kind.LIST) return this.literal(node, item, where); // a single value stands for a list of one
      const max = maxItemsOf(where, namedType(item), this.limits);
      if (node.values.length > max) return this.problem(where.path, `最多 ${max} 项`);
      node.values.forEach((v, i) => this.literal(v, item, { ...where, path: join(where.path, String(i)) }));
      return;
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return;
      const fields = type.getFields();
      for (const f of node.fields) {
        const def = fields[f.name.value];
        if (def) this.literal(f.value, def.type, this.field(where, def));
      }
      return;
    }
    if (node.kind === Kind.STRING) this.string(node.value, where);
  }

  /** A value from the JSON variables (not coerced yet). */
  value(raw: unknown, type: GraphQLInputType, where: Where): void {
    if (raw === null || raw === undefined) return;
    if (isNonNullType(type)) return this.value(raw, type.ofType as GraphQLInputType, where);
    if (isListType(type)) {
      const item = type.ofType as GraphQLInputType;
      if (!Array.isArray(raw)) return this.value(raw, item, where);
      const max = maxItemsOf(where, namedType(item), this.limits);
      if (raw.length > max) return this.problem(where.path, `最多 ${max} 项`);
      raw.forEach((v, i) => this.value(v, item, { ...where, path: join(where.path, String(i)) }));
      return;
    }
    if (isInputObjectType(type)) {
      if (typeof raw !== 'object' || Array.isArray(raw)) return;
      const fields = type.getFields();
      for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
        const def = fields[key];
        if (def) this.value(v, def.type, this.field(where, def));
      }
      return;
    }
    if (isLeafType(type) && typeof raw === 'string') this.string(raw, where);
  }
}

interface ArgumentSite {
  node: ValueNode;
  type: GraphQLInputType;
  where: Where;
}

/** The arguments of a document with their types, found once per parsed document (Apollo keeps them). */
const sitesOf = new WeakMap<DocumentNode, { schema: GraphQLSchema; sites: ArgumentSite[] }>();

function argumentSites(schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] {
  const known = sitesOf.get(document);
  if (known?.schema === schema) return known.sites;
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const arg = typeInfo.getArgument();
        // Paths as the services report them: inside an argument named `input` the name is left out
        // (`days.3.date`), other arguments keep theirs (`filter.search`).
        if (arg) sites.push({ node: node.value, type: arg.type, where: { path: arg.name === 'input' ? '' : arg.name, name: arg.name } });
        return false;
      },
    }),
  );
  sitesOf.set(document, { schema, sites });
  return sites;
}

/** The problems of one operation's inputs (empty when every limit holds). */
export function inputProblems(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, limits: InputLimits): FieldProblem[] {
  const checker = new Checker(limits, variables);
  for (const site of argumentSites(schema, document)) checker.literal(site.node, site.type, site.where);
  return checker.problems;
}

export function inputLimitsPlugin(limits: InputLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          const problems = inputProblems(schema, document, request.variables ?? {}, limits);
          if (problems.length === 0) return;
          throw new GraphQLError(`输入有误：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`, {
            extensions: { code: 'BAD_USER_INPUT', fields: problems, http: { status: 400 } },
          });
        },
      };
    },
  };
}
