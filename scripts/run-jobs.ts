/** npm run jobs: runs the scheduled transitions once against the configured database (safe alongside running servers). */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { systemClock } from '../src/common/clock.js';
import { runScheduledTransitions } from '../src/jobs/scheduled-transitions.js';

const config = loadConfig();
// Next to a running server on the same DATA_DIR: use its embedded PostgreSQL and leave it running.
const db = await openDatabase(config, (m) => console.log(m), { shared: 'join' });
const orm = await MikroORM.init(ormConfig(db.url));
try {
  const result = await runScheduledTransitions(orm, systemClock, 'npm-run-jobs');
  console.log(
    result.ran
      ? `Done: ${result.noticesConcluded} public notices concluded, ${result.withdrawn} designations withdrawn (not filed in time), ${result.sessionsAllocated} training sessions allocated.`
      : 'Another instance is running the transitions; nothing done.',
  );
} finally {
  await orm.close(true);
  await db.stop();
}
