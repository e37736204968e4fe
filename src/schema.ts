import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { MODULES } from './modules/index.js';
import { createNodeResolver } from './common/node.resolver.js';
import { CreditCodeScalar, DateScalar, RegionCodeScalar } from './common/scalars.js';

export const SCHEMA_FILE = path.resolve('schema/schema.graphql');

let cached: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema from every module's resolvers (built once per process). */
export function createSchema(): Promise<GraphQLSchema> {
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
    return schema;
  });
  return cached;
}
