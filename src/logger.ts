import { pino, type Logger } from 'pino';

/**
 * The process's log outside requests (start, migrations, scheduled transitions, stop): one JSON
 * object per line, like the request log (Fastify's), so that a log collector reads every line.
 */
export function createLogger(level: string): Logger {
  return pino({ level: lifecycleLevel(level), base: { pid: process.pid } });
}

/**
 * Start, readiness and stop are always written (at info), whatever LOG_LEVEL says about requests,
 * so that an operator (and a supervisor waiting for "GraphQL API ready") sees them; only
 * `silent` silences them, and `debug`/`trace` add more.
 */
function lifecycleLevel(level: string): string {
  return level === 'silent' || level === 'debug' || level === 'trace' ? level : 'info';
}

/** Text as a terminal would colour it, without the colour codes (MikroORM's migrator writes them). */
export function withoutColours(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
