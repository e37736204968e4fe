import path from 'node:path';

/** Validated runtime configuration. Read once from the environment at start. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL connection string; when absent the embedded PostgreSQL is used. */
  databaseUrl: string | undefined;
  /** Directory for local state: the embedded PostgreSQL cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** Fixed port for the embedded PostgreSQL; 0 picks a free port at each start. */
  embeddedPgPort: number;
  /** Load the demo data set on the first start of an empty database. */
  seedDemo: boolean;
  /** Number of demo enterprises generated on first start. */
  demoEnterprises: number;
  logLevel: string;
  /** Default and hard maximum page sizes for connections. */
  pageSizeDefault: number;
  pageSizeMax: number;
  /** Show the GraphiQL IDE at GET /graphql (defaults to on outside production). */
  graphiql: boolean;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const pageSizeMax = int(env, 'PAGE_SIZE_MAX', 100, 1, 1000);
  const pageSizeDefault = int(env, 'PAGE_SIZE_DEFAULT', 20, 1, pageSizeMax);
  return {
    nodeEnv,
    host: env.HOST?.trim() || 'localhost',
    port: int(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || '.data'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 0, 0, 65535),
    seedDemo: bool(env, 'SEED_DEMO', true),
    demoEnterprises: int(env, 'DEMO_ENTERPRISES', 2000, 0, 1_000_000),
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'warn' : 'info'),
    pageSizeDefault,
    pageSizeMax,
    graphiql: bool(env, 'GRAPHIQL', nodeEnv !== 'production'),
  };
}
