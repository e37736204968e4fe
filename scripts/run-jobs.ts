/**
 * npm run jobs: runs the scheduled transitions once against the configured database (safe alongside
 * running servers), on the servers' programme clock: its own CLOCK_TODAY/CLOCK_OFFSET_DAYS as a server
 * would, else the rehearsal clock the servers stored in the database, else the real date.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { joinProgrammeClock } from '../src/common/rehearsal-clock.js';
import { runScheduledTransitions } from '../src/jobs/scheduled-transitions.js';
import { foldRollups } from '../src/modules/reporting/rollup.fold.js';

const config = loadConfig();
// Next to a running server on the same DATA_DIR: use its embedded PostgreSQL and leave it running.
const db = await openDatabase(config, (m) => console.log(m), { shared: 'join' });
const orm = await MikroORM.init(ormConfig(db.url));
try {
  const { clock, source, ignored } = await joinProgrammeClock(orm.em.fork(), config.rehearsal, config.nodeEnv === 'production');
  if (ignored) console.log(`The database holds a rehearsal clock (${ignored.anchor}); NODE_ENV=production runs on the real date and ignores it.`);
  if (clock.rehearsal) console.log(`Rehearsal clock (${source === 'stored' ? 'the servers\' one, from the database' : clock.rehearsal.anchor}): the programme's date is ${clock.today()}.`);
  const result = await runScheduledTransitions(orm, clock, 'npm-run-jobs');
  console.log(
    result.ran
      ? `Done: ${result.noticesConcluded} public notices concluded, ${result.withdrawn} designations withdrawn (not filed in time), ${result.sessionsAllocated} training sessions allocated, ${result.holidaysLoaded} years of workstation holidays loaded.`
      : 'Another instance is running the transitions; nothing done.',
  );
  const folded = await foldRollups(orm.em);
  console.log(`Statistics rollups folded: ${Object.entries(folded).map(([t, n]) => `${t} ${n} cells`).join(', ')}.`);
} finally {
  await orm.close(true);
  await db.stop();
}
