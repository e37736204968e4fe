import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { DataDirInUseError, openDatabase, type Database } from './database.js';
import { prepareDatabase, type Runtime } from './bootstrap.js';
import { buildApp, type App } from './app.js';
import { runScheduledTransitions } from './jobs/scheduled-transitions.js';
import { openProgrammeClock } from './common/rehearsal-clock.js';
import { LocalFileStorage } from './modules/file/storage.js';
import { todayInChina } from './common/scalars.js';
import { addDays } from './modules/programme/working-days.js';
import path from 'node:path';
import { createLogger, withoutColours } from './logger.js';
import { shutdownTracing } from './telemetry/tracing.js';

/** start: config → database → ORM (migrations, reference data, demo data) → schema → HTTP. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No level is known yet (LOG_LEVEL may be the bad value): one JSON line at error level.
    createLogger('info').fatal({ component: 'start' }, `configuration error: ${error.message}`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const log = (m: string) => logger.info({ component: 'start' }, m);
  let db: Database | undefined;
  let runtime: Runtime | undefined;
  let app: App | undefined;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})`);
    const force = setTimeout(() => {
      logger.error({ component: 'stop' }, 'shutdown took too long, exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      if (timer) clearInterval(timer);
    if (app) await app.fastify.close(); // stops accepting, drains requests, stops Apollo
      if (runtime) await runtime.orm.close(true);
      if (db) await db.stop();
      log('stopped cleanly');
    } catch (error) {
      logger.error({ component: 'stop', err: error }, 'error during shutdown');
      code = code || 1;
    }
    await shutdownTracing(); // the last spans reach the collector (a no-op when tracing is off)
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    try {
      db = await openDatabase(config, (m) => log(m), { shared: 'refuse' });
    } catch (error) {
      // A second server on the DATA_DIR of a running one: refuse, naming it; nothing to stop here.
      if (!(error instanceof DataDirInUseError)) throw error;
      logger.fatal({ component: 'start' }, error.message);
      process.exit(1);
    }
    log(db.embedded ? `embedded PostgreSQL in ${config.dataDir}/pg` : 'using DATABASE_URL');
    runtime = await prepareDatabase(db.url, {
      seedDemo: config.seedDemo,
      demoEnterprises: config.demoEnterprises,
      serving: config,
      logError: (error) => logger.error({ component: 'database', err: error }, error.message),
      ormLog: (message) => logger.info({ component: 'orm' }, withoutColours(message)),
      storage: new LocalFileStorage(path.join(config.dataDir, 'files')),
      // A rehearsal server's first start builds the demo around the rehearsal's first day.
      demoToday: config.rehearsal ? (config.rehearsal.today ?? addDays(todayInChina(), config.rehearsal.offsetDays ?? 0)) : undefined,
      log,
    });
    // The programme's clock: the real date, or a rehearsal clock (CLOCK_TODAY / CLOCK_OFFSET_DAYS,
    // never in production) resumed from or stored in the database (src/common/rehearsal-clock.ts).
    const programme = await openProgrammeClock(runtime.orm.em.fork(), config.rehearsal);
    const clock = programme.clock;
    if (programme.outcome === 'ended') log(`rehearsal clock ended: the database held one (${programme.stored?.anchor}); this server runs on the real date and removed it`);
    if (clock.rehearsal) {
      logger.warn(
        { component: 'clock', programmeDate: clock.today(), offsetDays: clock.rehearsal.offsetDays, anchor: clock.rehearsal.anchor, outcome: programme.outcome },
        `REHEARSAL CLOCK: the programme's date is ${clock.today()}, not the real date (${programme.outcome === 'resumed' ? 'resumed from the database' : `started with ${clock.rehearsal.anchor}`}); not for production`,
      );
    }
    app = await buildApp({ config, orm: runtime.orm, reference: runtime.reference, clock, backgroundRounds: true });
    await app.fastify.listen({ host: config.host, port: config.port });
    const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const address = app.fastify.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log(`GraphQL API ready at http://${shown}:${port}/graphql${config.graphiql ? ' (open it in a browser for GraphiQL)' : ''}`);
    if (config.jobIntervalSeconds > 0) {
      const orm = runtime.orm;
      // A rehearsal clock first reads the stored offset, so a run never lags an advance made elsewhere.
      const tick = () =>
        Promise.resolve(clock.rehearsal?.refresh(orm.em.fork()))
          .then(() => runScheduledTransitions(orm, clock))
          .then((r) => (r.withdrawn || r.noticesConcluded || r.noticesHeld || r.sessionsAllocated || r.assignmentsEnded || r.holidaysLoaded) && log(`scheduled transitions: ${r.noticesConcluded} notices concluded, ${r.noticesHeld} held (R12/R13), ${r.withdrawn} designations withdrawn (not filed in time), ${r.sessionsAllocated} training sessions allocated, ${r.assignmentsEnded} liaison assignments ended (R17), ${r.holidaysLoaded} years of workstation holidays loaded`))
          .catch((error) => logger.error({ component: 'jobs', err: error }, 'scheduled transitions failed'));
      void tick();
      timer = setInterval(tick, config.jobIntervalSeconds * 1000);
      timer.unref();
    }
  } catch (error) {
    logger.fatal({ component: 'start', err: error }, `start failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown('start failed', 1);
  }
}

await main();
