/**
 * npm run bench [-- --enterprises 100000 --runs 30]
 *
 * Builds a scratch database (DATABASE_URL's server, or a temporary embedded cluster) with the
 * demo data set at the requested size, then times typical directory operations through the
 * whole GraphQL layer (Apollo executeOperation, real SQL) and prints median and p95 latencies.
 * Not part of the test suite: timings are measured here, never asserted in tests.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import { openScratchDatabase } from '../src/database.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { ReferenceData } from '../src/common/reference-data.js';
import { buildApp } from '../src/app.js';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, createContext, type Viewer } from '../src/context.js';
import { loadReferenceData } from '../seeds/reference.js';
import { loadDemoData } from '../seeds/demo.js';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' } } });
const enterprises = Number(values.enterprises);
const runs = Number(values.runs);

const db = await openScratchDatabase('ipbench');
const orm = await MikroORM.init(ormConfig(db.url, { debug: false }));
try {
  await orm.migrator.up();
  await loadReferenceData(orm.em.fork());
  let t0 = performance.now();
  const totals = await loadDemoData(orm.em.fork(), { enterprises });
  console.log(`generated ${totals.enterprises} enterprises, ${totals.designations} designations, ${totals.statistics} statistics rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv) };
  const reference = await ReferenceData.load(orm.em.fork());
  const app = await buildApp({ config, orm, reference });

  // Every case runs as the national admin (no visibility condition) and as the public (the public
  // directory: enterprises with a designation valid today, an EXISTS on every row).
  const viewers: [string, Viewer][] = [
    ['national', { kind: 'USER', userId: randomUUID(), username: 'bench', role: 'NATIONAL_ADMIN', sessionId: randomUUID() }],
    ['public', ANONYMOUS],
  ];
  let viewer: Viewer = viewers[0]![1];
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const ctx = createContext({ em: orm.em, reference, config }, { viewer });
    const res = await app.apollo.executeOperation({ query, variables }, { contextValue: ctx });
    if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(JSON.stringify(res.body));
    return res.body.singleResult.data as Record<string, any>;
  };

  const PAGE = `query($filter: EnterpriseFilter, $after: String, $first: Int) {
    enterprises(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { node { id name creditCode region { name } industry { name } currentDesignation { level validUntil } } }
      pageInfo { endCursor hasNextPage }
    }
  }`;
  // A cursor deep in the list, to show keyset paging does not slow down with depth.
  let deepCursor: string | null = null;
  {
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const data = await run(`query($after: String) { enterprises(first: 100, after: $after) { pageInfo { endCursor } } }`, { after });
      after = data.enterprises.pageInfo.endCursor;
    }
    deepCursor = after;
  }

  const cases: [string, string, Record<string, unknown>][] = [
    ['first page, 20 rows, nested, totalCount', PAGE, { first: 20 }],
    ['first page, 100 rows, nested', PAGE, { first: 100 }],
    ['page after 2,000 rows (keyset)', PAGE, { first: 20, after: deepCursor }],
    ['search 1 char "科"', PAGE, { filter: { search: '科' } }],
    ['search 2 chars "电子"', PAGE, { filter: { search: '电子' } }],
    ['search 2 chars, rare "深圳"', PAGE, { filter: { search: '深圳' } }],
    ['search 4 chars "电子科技"', PAGE, { filter: { search: '电子科技' } }],
    ['search, no match "不存在的名称"', PAGE, { filter: { search: '不存在的名称' } }],
    ['region roll-up 440000 + designation filter', PAGE, { filter: { regionCodes: ['440000'], includeSubJurisdictions: true, designation: { levels: ['DEMONSTRATION'], statuses: ['ACTIVE'] } } }],
    ['industry section C + export-oriented', PAGE, { filter: { industryCodes: ['C'], exportOriented: true } }],
  ];

  console.log(`\n${enterprises} enterprises, ${runs} runs each (ms)`);
  console.log('viewer'.padEnd(9), 'operation'.padEnd(48), 'median'.padStart(8), 'p95'.padStart(8), 'rows'.padStart(8));
  for (const [viewerName, v] of viewers)
  for (const [name, query, variables] of cases) {
    viewer = v;
    if (name.startsWith('page after') && viewerName !== 'national') continue; // the cursor was taken as national
    const times: number[] = [];
    let rows = 0;
    await run(query, variables); // warm
    for (let i = 0; i < runs; i++) {
      t0 = performance.now();
      const data = await run(query, variables);
      times.push(performance.now() - t0);
      rows = data.enterprises.totalCount;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
    console.log(viewerName.padEnd(9), name.padEnd(48), median.toFixed(1).padStart(8), p95.toFixed(1).padStart(8), String(rows).padStart(8));
  }
  await app.fastify.close();
} finally {
  await orm.close(true);
  await db.stop();
}
