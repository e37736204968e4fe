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

  // --- accounts and sessions ---
  /** HMAC key for access tokens (HS256). Required in production. */
  jwtSecret: string;
  /** Access-token lifetime, seconds. */
  accessTokenTtl: number;
  /** Refresh-token (session) lifetime, seconds. */
  refreshTokenTtl: number;
  /** Failed logins (per account and per address) within the window before logins are refused. */
  loginMaxFailures: number;
  /** Window for counting failures and length of the refusal, seconds. */
  loginLockSeconds: number;

  // --- hardening ---
  /** Redis for shared rate limits and login throttling; in memory when unset. */
  redisUrl: string | undefined;
  /** Origins allowed to call the API from a browser (CORS). Empty: same origin only. */
  corsOrigins: string[];
  /** Requests per minute per client address. */
  rateLimitPerAddress: number;
  /** Requests per minute per signed-in user. */
  rateLimitPerUser: number;
  /** Largest request body, bytes. */
  bodyLimit: number;
  /** Longest a request may take before it is cut off, milliseconds (also the SQL statement timeout). */
  requestTimeoutMs: number;
  /** GraphQL operation limits. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** `anonymous`: viewers without a token may run only the operations in the trusted-documents list. */
  trustedDocuments: 'off' | 'anonymous';
  /** Largest uploaded file (POST /files), bytes. */
  fileMaxBytes: number;
  /** How often each server runs the scheduled transitions, seconds; 0: never (run them with `npm run jobs`). */
  jobIntervalSeconds: number;
  /** Whether statistics read the facts' rollups when a query fits them (off: always the rows; for comparison). */
  statisticsRollups: boolean;
  /** How often each server folds the rollups' changes into their cells, seconds; 0: never (npm run jobs does). */
  rollupFoldSeconds: number;

  // --- database connections (the serving pool) ---
  /** Connections in the serving pool. */
  dbPoolSize: number;
  /** Longest a request waits for a pooled connection before it is answered 503, milliseconds. */
  dbAcquireTimeoutMs: number;
  /** PostgreSQL lock_timeout of serving connections: the longest wait for a row or table lock, milliseconds. */
  dbLockTimeoutMs: number;
  /** PostgreSQL idle_in_transaction_session_timeout of serving connections, milliseconds. */
  dbIdleInTransactionTimeoutMs: number;
  /** `/healthz` answers 503 once the database has been unreachable this long, seconds. */
  healthDbGraceSeconds: number;
  /**
   * A query that asks the pool for a second connection from inside a transaction: refused
   * (`error`), logged (`log`) or ignored (`off`). See src/common/transaction.ts.
   */
  transactionGuard: 'error' | 'log' | 'off';
  /** Reads go as named (prepared) statements, planned once per connection (src/common/read.ts); off behind a pooler that cannot keep them. */
  dbPreparedStatements: boolean;

  // --- clients and input ---
  /** Which proxies to believe about the client address (X-Forwarded-For): false, a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  /** Most items in a list argument or list input field (unless the field says otherwise). */
  inputListMax: number;
  /** Most items in a list of codes (region, industry, credit codes…). */
  inputCodeListMax: number;
  /** Longest string argument or input field, characters (unless the field says otherwise). */
  inputStringMax: number;
  /** Failed logins for one user name from all addresses together after which only addresses it has signed in from may try. */
  loginAccountMaxFailures: number;
  /** How long a session found valid is trusted without asking the database again, seconds (0: every request asks). */
  sessionCacheSeconds: number;
  /** When set, GET /metrics wants `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** Memory for anonymous answers kept per data version (src/http/response-cache.ts), MB; 0: no response cache. */
  responseCacheMb: number;
  /** max-age of a cacheable anonymous answer over GET, for a CDN or browser in front; 0: revalidate every time (ETag). */
  publicCacheMaxAgeSeconds: number;

  // --- rehearsal (training and staging servers only) ---
  /**
   * A rehearsal clock (src/common/rehearsal-clock.ts): the programme's "today" starts on
   * `CLOCK_TODAY` or is shifted by `CLOCK_OFFSET_DAYS` and runs on from there; null: the real date.
   * Refused with NODE_ENV=production.
   */
  rehearsal: RehearsalSetting | null;
}

/** How a rehearsal clock was asked for: exactly one of the two is set. */
export interface RehearsalSetting {
  /** CLOCK_TODAY: the programme's date when the rehearsal starts (YYYY-MM-DD). */
  today?: string;
  /** CLOCK_OFFSET_DAYS: the programme's date is the real one plus this many days (may be negative). */
  offsetDays?: number;
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

const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789abcdef';

function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const IPV4_OR_6 = /^[0-9a-fA-F.:]+(\/\d{1,3})?$/;

/** TRUST_PROXY: empty/false (default: the socket's address is the client), true, a hop count, or proxy addresses/CIDRs. */
function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string[] {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 1, 100);
  const entries = list(env, 'TRUST_PROXY');
  for (const entry of entries) {
    if (!IPV4_OR_6.test(entry) && !['loopback', 'linklocal', 'uniquelocal'].includes(entry)) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not a hop count, an address, a CIDR range or loopback/linklocal/uniquelocal`);
    }
  }
  return entries;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** CLOCK_TODAY or CLOCK_OFFSET_DAYS (not both), never in production. */
function rehearsal(env: NodeJS.ProcessEnv, nodeEnv: string): RehearsalSetting | null {
  const today = env.CLOCK_TODAY?.trim() || undefined;
  const offset = env.CLOCK_OFFSET_DAYS?.trim() || undefined;
  if (today === undefined && offset === undefined) return null;
  if (nodeEnv === 'production') {
    throw new ConfigError(
      `${today !== undefined ? 'CLOCK_TODAY' : 'CLOCK_OFFSET_DAYS'} sets a rehearsal clock, which is refused with NODE_ENV=production: a production server runs on the real date (unset it, or run a training/staging server with NODE_ENV=development)`,
    );
  }
  if (today !== undefined && offset !== undefined) throw new ConfigError('CLOCK_TODAY and CLOCK_OFFSET_DAYS are both set: give one of them');
  if (today !== undefined) {
    const date = new Date(`${today}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== today) {
      throw new ConfigError(`CLOCK_TODAY must be a date like 2026-07-15, got "${today}"`);
    }
    if (today < '2000-01-01' || today > '2100-12-31') throw new ConfigError(`CLOCK_TODAY must be between 2000-01-01 and 2100-12-31, got ${today}`);
    return { today };
  }
  if (!/^[+-]?\d+$/.test(offset!)) throw new ConfigError(`CLOCK_OFFSET_DAYS must be a whole number of days (may be negative), got "${offset}"`);
  const offsetDays = Number(offset);
  if (Math.abs(offsetDays) > 36_500) throw new ConfigError(`CLOCK_OFFSET_DAYS must be between -36500 and 36500, got ${offsetDays}`);
  return { offsetDays };
}

function logLevel(env: NodeJS.ProcessEnv, nodeEnv: string): string {
  const level = env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'warn' : 'info');
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
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
  const jwtSecret = env.JWT_SECRET?.trim() || (nodeEnv === 'production' ? '' : DEV_JWT_SECRET);
  if (!jwtSecret) throw new ConfigError('JWT_SECRET is required when NODE_ENV=production (at least 32 characters)');
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if (nodeEnv === 'production' && jwtSecret === DEV_JWT_SECRET) throw new ConfigError('JWT_SECRET must not be the development default in production');
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  const corsOrigins = list(env, 'CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin like https://portal.example.cn`);
  }
  const transactionGuard = (env.TRANSACTION_GUARD?.trim() || (nodeEnv === 'production' ? 'log' : 'error')) as AppConfig['transactionGuard'];
  if (!['error', 'log', 'off'].includes(transactionGuard)) throw new ConfigError(`TRANSACTION_GUARD must be error, log or off, got "${transactionGuard}"`);
  const requestTimeoutMs = int(env, 'REQUEST_TIMEOUT_MS', 15_000, 100, 600_000);
  const loginMaxFailures = int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1_000);
  const rehearsalSetting = rehearsal(env, nodeEnv);
  const trustedDocuments = (env.TRUSTED_DOCUMENTS?.trim() || 'off') as AppConfig['trustedDocuments'];
  if (!['off', 'anonymous'].includes(trustedDocuments)) throw new ConfigError('TRUSTED_DOCUMENTS must be off or anonymous');
  return {
    nodeEnv,
    jwtSecret,
    accessTokenTtl: int(env, 'ACCESS_TOKEN_TTL', 900, 60, 86_400),
    refreshTokenTtl: int(env, 'REFRESH_TOKEN_TTL', 30 * 86_400, 3_600, 365 * 86_400),
    loginMaxFailures,
    loginAccountMaxFailures: int(env, 'LOGIN_ACCOUNT_MAX_FAILURES', loginMaxFailures * 10, loginMaxFailures, 100_000),
    sessionCacheSeconds: int(env, 'SESSION_CACHE_SECONDS', 5, 0, 300),
    metricsToken: env.METRICS_TOKEN?.trim() || undefined,
    loginLockSeconds: int(env, 'LOGIN_LOCK_SECONDS', 900, 1, 86_400),
    redisUrl,
    corsOrigins,
    rateLimitPerAddress: int(env, 'RATE_LIMIT_PER_ADDRESS', 600, 1, 1_000_000),
    rateLimitPerUser: int(env, 'RATE_LIMIT_PER_USER', 1200, 1, 1_000_000),
    bodyLimit: int(env, 'BODY_LIMIT', 1_048_576, 1_024, 100 * 1_048_576),
    requestTimeoutMs,
    maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 9, 2, 100),
    maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1_000),
    maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', 20, 0, 1_000),
    maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 1_000, 50, 100_000),
    maxCost: int(env, 'GRAPHQL_MAX_COST', 5_000, 10, 1_000_000),
    trustedDocuments,
    fileMaxBytes: int(env, 'FILE_MAX_BYTES', 20 * 1_048_576, 1_024, 1_073_741_824),
    jobIntervalSeconds: int(env, 'JOB_INTERVAL_SECONDS', 3_600, 0, 86_400),
    statisticsRollups: bool(env, 'STATISTICS_ROLLUPS', true),
    rollupFoldSeconds: int(env, 'ROLLUP_FOLD_SECONDS', 60, 0, 86_400),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 1_000),
    dbAcquireTimeoutMs: int(env, 'DB_ACQUIRE_TIMEOUT_MS', Math.min(5_000, requestTimeoutMs), 10, requestTimeoutMs),
    dbLockTimeoutMs: int(env, 'DB_LOCK_TIMEOUT_MS', Math.min(5_000, requestTimeoutMs), 1, 600_000),
    dbIdleInTransactionTimeoutMs: int(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 100, 3_600_000),
    healthDbGraceSeconds: int(env, 'HEALTH_DB_GRACE_SECONDS', 60, 1, 86_400),
    transactionGuard,
    dbPreparedStatements: bool(env, 'DB_PREPARED_STATEMENTS', true),
    responseCacheMb: int(env, 'RESPONSE_CACHE_MB', 64, 0, 65_536),
    publicCacheMaxAgeSeconds: int(env, 'PUBLIC_CACHE_MAX_AGE_SECONDS', 0, 0, 86_400),
    trustProxy: trustProxy(env),
    inputListMax: int(env, 'INPUT_LIST_MAX', 100, 1, 100_000),
    inputCodeListMax: int(env, 'INPUT_CODE_LIST_MAX', 1_000, 1, 100_000),
    inputStringMax: int(env, 'INPUT_STRING_MAX', 2_000, 100, 1_000_000),
    host: env.HOST?.trim() || 'localhost',
    port: int(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || '.data'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 0, 0, 65535),
    seedDemo: bool(env, 'SEED_DEMO', true),
    demoEnterprises: int(env, 'DEMO_ENTERPRISES', 2000, 0, 1_000_000),
    logLevel: logLevel(env, nodeEnv),
    pageSizeDefault,
    pageSizeMax,
    graphiql: bool(env, 'GRAPHIQL', nodeEnv !== 'production'),
    rehearsal: rehearsalSetting,
  };
}
