import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { MODULES } from './modules/index.js';
import { createLoaders } from './loaders.js';
import type { Context } from './context.js';
import { createNodeResolver } from './common/node.resolver.js';
import { CreditCodeScalar, DateScalar, RegionCodeScalar } from './common/scalars.js';
import { reportingRegistry } from './reporting-registry.js';
import { fillStatisticsEnums } from './modules/reporting/statistics.types.js';

export const SCHEMA_FILE = path.resolve('schema/schema.graphql');

let cached: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema from every module's resolvers (built once per process). */
export function createSchema(): Promise<GraphQLSchema> {
  plainFieldsReadDirectly();
  if (!cached) fillStatisticsEnums(reportingRegistry());
  cached ??= buildSchema({
    resolvers: [createNodeResolver(Object.assign({}, ...MODULES.map((m) => m.nodes))), ...MODULES.flatMap((m) => m.resolvers)] as [
      Function,
      ...Function[],
    ],
    scalarsMap: [],
    orphanedTypes: [],
    validate: false,
    emitSchemaFile: false,
  }).then((schema) => {
    void [CreditCodeScalar, DateScalar, RegionCodeScalar];
    freshLoadersAfterMutations(schema);
    return schema;
  });
  return cached;
}

/**
 * type-graphql puts a resolver on every plain field (`@Field() name`) that allocates its
 * arguments and runs the (here empty) middleware chain just to read `root.name`: on a page of 20
 * rows that is most of the resolver calls. A field with no middlewares or roles, read under its own
 * name, is marked `simple`, so graphql-js's default resolver reads the property instead (the same
 * value: our objects have no function-valued data properties). Fields with a @FieldResolver, a
 * different schema name, middlewares or roles keep type-graphql's resolver. This project uses no
 * global middlewares and no authChecker (access is the policies' business), which this relies on.
 */
function plainFieldsReadDirectly(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.schemaName === field.name && !field.middlewares?.length && !field.roles?.length) field.simple = true;
  }
}

/**
 * After each mutation field, the request gets a fresh set of loaders, so that its payload (and any
 * later field) never reads what a loader cached before the change. Only the Mutation type's fields
 * are wrapped: queries pay nothing, and no service clears a loader by hand.
 */
function freshLoadersAfterMutations(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = async (source, args, context: Context, info) => {
      try {
        return await resolve(source, args, context, info);
      } finally {
        context.loaders = createLoaders(context);
      }
    };
  }
}
