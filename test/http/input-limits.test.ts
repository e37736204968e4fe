/**
 * Input limits (src/http/input-limits.ts), generated from the schema rather than written per field:
 * for every list argument and list input field reachable from Query and Mutation, one item over its
 * limit is refused as BAD_USER_INPUT naming the field, before any SQL statement runs; the same for
 * every string over its maximum length and for control characters. So a list or string added
 * tomorrow is covered the day it is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isAbstractType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { createSchema } from '../../src/schema.js';
import { maxItemsOf, maxLengthOf } from '../../src/http/input-limits.js';

/** One hop from the root to the field whose argument is checked: the field, and the concrete type it leads to. */
interface Hop {
  field: GraphQLField<unknown, unknown>;
  /** Set when the field returns an interface or union: the inline fragment's type. */
  on?: string;
}

interface Target {
  root: 'query' | 'mutation';
  /** The fields leading from the root to `field` (empty for a root field). */
  chain: Hop[];
  field: GraphQLField<unknown, unknown>;
  arg: GraphQLArgument;
  /** Input-field names from the argument down to the limited value. */
  path: string[];
  /** The limited input field (or the argument itself). */
  site: GraphQLInputField | GraphQLArgument;
  kind: 'list' | 'string';
}

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
}

/** Every list and string position under an argument, through input objects. */
function* positions(type: GraphQLInputType, path: string[], site: GraphQLInputField | GraphQLArgument, seen: Set<string>): Generator<{ path: string[]; site: GraphQLInputField | GraphQLArgument; kind: 'list' | 'string' }> {
  const t = unwrap(type);
  if (isListType(t)) {
    yield { path, site, kind: 'list' };
    return; // the items are checked by the same code; a list of input objects' own fields are covered where they are reached directly
  }
  if (isInputObjectType(t)) {
    if (seen.has(t.name)) return;
    const next = new Set(seen).add(t.name);
    for (const f of Object.values(t.getFields())) yield* positions(f.type, [...path, f.name], f, next);
    return;
  }
  if (isLeafType(t) && !('getValues' in t)) yield { path, site, kind: 'string' }; // scalars (enums excluded)
}

/** The shortest chain of fields from Query (or Mutation, for its own fields) to every object type. */
function chains(schema: GraphQLSchema): Map<string, { root: Target['root']; chain: Hop[] }> {
  const found = new Map<string, { root: Target['root']; chain: Hop[] }>();
  const queue: { type: GraphQLObjectType; root: Target['root']; chain: Hop[] }[] = [
    { type: schema.getQueryType()!, root: 'query', chain: [] },
    { type: schema.getMutationType()!, root: 'mutation', chain: [] },
  ];
  for (const q of queue) if (!found.has(q.type.name)) found.set(q.type.name, q);
  while (queue.length) {
    const { type, root, chain } = queue.shift()!;
    if (chain.length >= 4) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      const next = isObjectType(named) ? [{ t: named, hop: { field } }] : isAbstractType(named) ? schema.getPossibleTypes(named).map((t) => ({ t, hop: { field, on: t.name } })) : [];
      for (const { t, hop } of next) {
        if (found.has(t.name)) continue;
        const entry = { type: t, root, chain: [...chain, hop] };
        found.set(t.name, entry);
        queue.push(entry);
      }
    }
  }
  return found;
}

function targets(schema: GraphQLSchema): Target[] {
  const out: Target[] = [];
  for (const [typeName, { root, chain }] of chains(schema)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        for (const p of positions(arg.type, [], arg, new Set())) {
          // Scalars that are not strings (Int, Float, Boolean) have no length.
          if (p.kind === 'string' && ['Int', 'Float', 'Boolean'].includes(getNamedType(p.site.type).name)) continue;
          out.push({ root, chain, field, arg, ...p });
        }
      }
    }
  }
  return out;
}

/** The target's own variable: `$v<depth>_<argument>`. */
const variableOf = (t: Target) => `v${t.chain.length}_${t.arg.name}`;

/** An operation that reaches the field through its chain, every argument on the way a variable of its own type. */
function operationFor(t: Target): string {
  const hops: Hop[] = [...t.chain, { field: t.field }];
  const declared: string[] = [];
  const call = (hop: Hop, depth: number) => {
    const args = hop.field.args.map((a) => {
      declared.push(`$v${depth}_${a.name}: ${a.type.toString()}`);
      return `${a.name}: $v${depth}_${a.name}`;
    });
    return `${hop.field.name}${args.length ? `(${args.join(', ')})` : ''}`;
  };
  let body = '';
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    const named = getNamedType(hop.field.type);
    const inner = i === hops.length - 1 ? (isLeafType(named) ? '' : ' { __typename }') : ` { ${hop.on ? `... on ${hop.on} { ${body} }` : body} }`;
    body = `${call(hop, i)}${inner}`;
  }
  return `${t.root}${declared.length ? `(${declared.join(', ')})` : ''} { ${body} }`;
}

/** Variables with `value` at the target's path (the others absent: the limit check runs before coercion). */
function variablesFor(t: Target, value: unknown): Record<string, unknown> {
  let v = value;
  for (const name of [...t.path].reverse()) v = { [name]: v };
  return { [variableOf(t)]: v };
}

/** The field path the error should name: as the services do, without the argument when it is `input`. */
function expectedField(t: Target): string {
  return [...(t.arg.name === 'input' ? [] : [t.arg.name]), ...t.path].join('.');
}

const LIMITS = { listMax: 100, codeListMax: 1_000, stringMax: 2_000 };

describe('input limits, for every list and string in the schema', () => {
  let t: TestApp;
  let all: Target[];
  beforeAll(async () => {
    t = await createTestApp({ inputListMax: LIMITS.listMax, inputCodeListMax: LIMITS.codeListMax, inputStringMax: LIMITS.stringMax });
    all = targets(await createSchema());
  });
  afterAll(() => t.close());

  async function refusedBeforeWork(target: Target, value: unknown): Promise<GraphQLResult> {
    const { result, queries } = await t.countQueries(() => t.gql(operationFor(target), variablesFor(target, value), as.national()));
    expect(queries, `${target.field.name}(${expectedField(target)}) ran SQL before refusing`).toEqual([]);
    return result;
  }

  it('finds the lists and strings to check (the walk itself works)', () => {
    const lists = all.filter((x) => x.kind === 'list').map((x) => `${x.field.name}.${expectedField(x)}`);
    expect(lists).toEqual(
      expect.arrayContaining(['nodes.ids', 'expertDirectory.filter.technicalFields', 'enterprises.filter.regionCodes', 'setWorkingDayCalendar.days', 'statistics.years', 'enrolments.statuses']),
    );
    expect(all.filter((x) => x.kind === 'string').length).toBeGreaterThan(50);
  });

  it('every list argument and list input field: one item over its limit is BAD_USER_INPUT naming the field, before any SQL', async () => {
    const lists = all.filter((x) => x.kind === 'list');
    for (const target of lists) {
      const item = getNamedType(target.site.type);
      const max = maxItemsOf({ name: target.site.name, extensions: target.site.extensions }, item, LIMITS);
      const result = await refusedBeforeWork(target, Array.from({ length: max + 1 }, () => (isInputObjectType(item) ? {} : 'x')));
      const error = result.errors?.[0];
      expect(error?.extensions?.code, `${target.field.name}.${expectedField(target)}: ${JSON.stringify(result.errors)}`).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.fields).toEqual([{ field: expectedField(target), message: `最多 ${max} 项` }]);
    }
  });

  it('every string argument and string input field: one character over its maximum, or a control character, is BAD_USER_INPUT before any SQL', async () => {
    for (const target of all.filter((x) => x.kind === 'string')) {
      const max = maxLengthOf({ extensions: target.site.extensions }, LIMITS);
      for (const [value, message] of [
        ['字'.repeat(max + 1), `最长 ${max} 字`],
        ['a\u0000b', '不能包含控制字符'],
        ['a\u001bb', '不能包含控制字符'],
        ['a\ud800b', '包含无效的 Unicode 字符'],
      ] as const) {
        const result = await refusedBeforeWork(target, value);
        const error = result.errors?.[0];
        expect(error?.extensions?.code, `${target.field.name}.${expectedField(target)}: ${JSON.stringify(result.errors)}`).toBe('BAD_USER_INPUT');
        expect(error?.extensions?.fields).toEqual([{ field: expectedField(target), message }]);
      }
    }
  });

  it('the cases seen in the wild: 100,000 IPC prefixes, region codes, node ids and years', async () => {
    const huge = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($f: ExpertDirectoryFilter) { expertDirectory(filter: $f, first: 1) { totalCount } }', { f: { technicalFields: huge(100_000, (i) => `H${i}`) } }, 'filter.technicalFields'],
      ['query($f: EnterpriseFilter) { enterprises(filter: $f, first: 1) { totalCount } }', { f: { regionCodes: huge(100_000, () => '440000') } }, 'filter.regionCodes'],
      ['query($f: EnterpriseFilter) { enterprises(filter: $f, first: 1) { totalCount } }', { f: { industryCodes: huge(100_000, () => 'C') } }, 'filter.industryCodes'],
      ['query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: huge(100_000, (i) => `id${i}`) }, 'ids'],
    ];
    for (const [query, variables, field] of cases) {
      const { result, queries } = await t.countQueries(() => t.gql(query, variables, as.anonymous));
      expect(queries).toEqual([]);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field }] });
    }
    // A list written in the document is held to the same limit.
    const literal = await t.gql(`{ nodes(ids: [${huge(101, (i) => `"n${i}"`).join(', ')}]) { id } }`, undefined, as.anonymous);
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ids', message: '最多 100 项' }] });
    // So is an escaped control character in a string literal.
    const escaped = await t.gql(`{ enterprises(first: 1, filter: { search: "科技\\u0000" }) { totalCount } }`, undefined, as.anonymous);
    expect(escaped.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.search', message: '不能包含控制字符' }] });
  });

  it('over HTTP: 400 with BAD_USER_INPUT, also for a NUL byte in the login user name (it used to be an internal error)', async () => {
    const { status, body } = await t.http('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: 'admin\u0000', password: 'whatever-password' } });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'username', message: '不能包含控制字符' }] });
    const search = await t.http('query($q: String) { enterprises(first: 1, filter: { search: $q }) { totalCount } }', { q: '\u0000' });
    expect(search.status).toBe(400);
    expect(search.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('within the limits nothing changes: tab, line feed and long Chinese text where a field allows it', async () => {
    const ok = await t.gql('query($f: EnterpriseFilter) { enterprises(filter: $f, first: 1) { totalCount } }', { f: { regionCodes: Array(1_000).fill('440000'), search: '科技\t' } }, as.national());
    expect(ok.errors).toBeUndefined();
    // A field that declares a larger maximum (the application form: 50,000) takes more than the default.
    const target = all.find((x) => x.field.name === 'saveDemonstrationApplication' && x.path.join('.') === 'formContent')!;
    expect(maxLengthOf({ extensions: target.site.extensions }, LIMITS)).toBe(50_000);
  });
});
