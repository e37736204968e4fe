/**
 * npm run bench:writes [-- --clients 64 --seconds 15 --enterprises 2000] [-- --url http://host:4000]
 *
 * Write throughput under concurrency, over real HTTP: `clients` connections, each sending
 * updateEnterprise in a loop for `seconds` (each with the version it last saw). Two scenarios:
 * - own: every client signed in as the user of its own enterprise (no conflicts between them);
 * - shared: every client on one enterprise, as its one user (the case that once wedged the server:
 *   most answers are CONFLICT, every request must be answered).
 * Prints answered and successful writes per second, p50/p99 latency, the answers by code (a
 * timeout is a request with no answer in 20 s) and the server process's CPU per answered request.
 *
 * Without --url it builds a scratch database (DATABASE_URL's server or a temporary embedded one)
 * with the demo data set and serves it in this process with the production pool settings. With
 * --url it drives a running server (only the shared scenario, as the demo account demo-enterprise).
 * Not a test: numbers are printed, never asserted.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import { openScratchDatabase } from '../src/database.js';
import { ormConfig, servingOrmOptions } from '../src/mikro-orm.config.js';
import { ReferenceData } from '../src/common/reference-data.js';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/modules/account/passwords.js';
import { toGlobalId } from '../src/common/node.js';
import { loadReferenceData } from '../seeds/reference.js';
import { loadDemoData } from '../seeds/demo.js';
import { DEMO_PASSWORD, login, post, type GraphQLAnswer } from './common.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '15' },
    enterprises: { type: 'string', default: '2000' },
    url: { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);

const UPDATE = 'mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { version } } }';
const VERSION = 'query($id: ID!) { enterprise(id: $id) { version } }';

interface Client {
  token: string;
  enterpriseId: string;
}

/** One request as `token`'s user; no answer in 20 s is an error (counted as NO_ANSWER). */
function gql(base: string, token: string, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
  return post(base, { query, variables }, { authorization: `Bearer ${token}` }, 20_000);
}

/** One scenario: CLIENTS loops of updateEnterprise for SECONDS; `cpu` reads the server's CPU time (µs), if it is this process. */
async function scenario(name: string, base: string, clients: Client[], cpu?: () => number) {
  const codes = new Map<string, number>();
  const latencies: number[] = [];
  const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
  const until = performance.now() + SECONDS * 1000;
  const cpu0 = cpu?.();
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      let version = ((await gql(base, client.token, VERSION, { id: client.enterpriseId })).data?.enterprise?.version as number) ?? 1;
      let n = 0;
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const body = await gql(base, client.token, UPDATE, { input: { id: client.enterpriseId, version, address: `基准测试 ${i}-${n++}` } });
          latencies.push(performance.now() - t0);
          const error = body.errors?.[0]?.extensions;
          if (!error) {
            count('OK');
            version = body.data!.updateEnterprise.enterprise.version;
          } else {
            count(error.code ?? 'UNKNOWN');
            version = error.currentVersion ?? ((await gql(base, client.token, VERSION, { id: client.enterpriseId })).data?.enterprise?.version as number) ?? version;
          }
        } catch {
          count('NO_ANSWER');
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const answered = latencies.length;
  const pct = (p: number) => (answered ? latencies[Math.min(answered - 1, Math.floor(answered * p))]!.toFixed(1) : '-');
  const cpuMs = cpu && cpu0 !== undefined && answered ? ((cpu() - cpu0) / 1000 / answered).toFixed(2) : '-';
  console.log(
    `${name.padEnd(8)} ${String(clients.length).padStart(7)} ${(answered / elapsed).toFixed(0).padStart(12)} ${((codes.get('OK') ?? 0) / elapsed).toFixed(0).padStart(10)} ${pct(0.5).padStart(8)} ${pct(0.99).padStart(8)} ${cpuMs.padStart(9)}  ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`,
  );
}

function header() {
  console.log(`\nupdateEnterprise, ${SECONDS} s per scenario`);
  console.log(`${'scenario'.padEnd(8)} ${'clients'.padStart(7)} ${'answered/s'.padStart(12)} ${'writes/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'cpu ms/rq'.padStart(9)}  answers`);
}

if (values.url) {
  const base = values.url.replace(/\/$/, '');
  const token = await login(base, 'demo-enterprise', DEMO_PASSWORD);
  const me = await gql(base, token, '{ me { user { enterprise { id } } } }', {});
  const enterpriseId = me.data?.me?.user?.enterprise?.id as string;
  header();
  await scenario('shared', base, Array.from({ length: CLIENTS }, () => ({ token, enterpriseId })));
} else {
  const db = await openScratchDatabase('ipbenchw');
  const orm0 = await MikroORM.init(ormConfig(db.url, { debug: false }));
  await orm0.migrator.up();
  await loadReferenceData(orm0.em.fork());
  await loadDemoData(orm0.em.fork(), { enterprises: Number(values.enterprises) });
  await orm0.close(true);
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), transactionGuard: 'log' as const, rateLimitPerUser: 1_000_000, rateLimitPerAddress: 1_000_000 };
  const orm = await MikroORM.init(ormConfig(db.url, { debug: false, ...servingOrmOptions(config) }));
  const reference = await ReferenceData.load(orm.em.fork());
  const app = await buildApp({ config, orm, reference });
  try {
    const base = await app.fastify.listen({ host: '127.0.0.1', port: 0 });
    // One user per enterprise for the first CLIENTS enterprises (in the designated, public directory or not).
    const rows = await orm.em.execute<{ id: string; region_code: string }[]>('select id, region_code from enterprise order by id limit ?', [CLIENTS]);
    const hash = await hashPassword('bench-password-2026');
    const clients: Client[] = [];
    for (const row of rows) {
      const username = `bench-${clients.length}`;
      await orm.em.execute(
        `insert into app_user (id, created_at, updated_at, username, display_name, password_hash, role, enterprise_id, disabled, password_changed_at, version)
         values (?, now(), now(), ?, ?, ?, 'ENTERPRISE_USER', ?, false, now(), 1)`,
        [randomUUID(), username, username, hash, row.id],
      );
      clients.push({ token: await login(base, username, 'bench-password-2026'), enterpriseId: toGlobalId('Enterprise', row.id) });
    }
    const cpu = () => {
      const u = process.cpuUsage();
      return u.user + u.system;
    };
    console.log(`pool ${config.dbPoolSize} connections, acquire timeout ${config.dbAcquireTimeoutMs} ms; server and clients in one process (cpu includes the clients)`);
    header();
    await scenario('own', base, clients, cpu);
    await scenario('shared', base, clients.map(() => clients[0]!), cpu);
  } finally {
    await app.fastify.close();
    await orm.close(true);
    await db.stop();
  }
}
