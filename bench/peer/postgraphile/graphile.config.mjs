// PostGraphile v5 peer for the API's benchmark (npm run bench -- --compare http://127.0.0.1:5050/graphql).
// A production-like preset: Amber, simplified inflection, no GraphiQL, no explain, no watch mode,
// connecting as the default role (postgres: the peer has no row-level security), exposing only the
// `peer` schema of peer.sql (views over the application's tables and SQL functions).
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';
import { makePgService } from 'postgraphile/adaptors/pg';

const connectionString = process.env.PEER_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipbench_100000';

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ['peer'],
      // The same pool size as the API's benchmark server (DB_POOL_SIZE 20).
      poolConfig: { max: Number(process.env.PEER_POOL_SIZE ?? 20) },
    }),
  ],
  grafserv: {
    host: process.env.PEER_HOST ?? '127.0.0.1',
    port: Number(process.env.PEER_PORT ?? 5050),
    graphqlPath: '/graphql',
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    watch: false,
    websockets: false,
    // Grafast's documented output optimisation (leaves of the result stringified once): the peer at its fastest.
    outputDataAsString: true,
  },
  grafast: { explain: false },
};

export default preset;
