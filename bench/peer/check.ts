/**
 * npx tsx bench/peer/check.ts [--url http://127.0.0.1:PORT] [--peer http://127.0.0.1:5050/graphql] [--queries bench/peer/postgraphile.json] [--sample 100]
 *
 * Before comparing req/s with another GraphQL endpoint (npm run bench -- --compare …), checks that
 * for every read operation of the benchmark both return the same rows: the ids (ours are global
 * ids of `Type:uuid`, PostGraphile's base64 JSON `["Type", uuid]`; both compared as the UUID), names,
 * credit codes, the region, industry and designation fields, totalCount and hasNextPage, in the
 * same order (bench/peer/compare.ts). Cursors are opaque to each server and not compared. Then,
 * with --sample N, the by-id operation over about N more enterprises (asked as the national admin,
 * so that it finds them whether or not they are in the public directory), chosen among those with
 * designations expired, revoked, cancelled, withdrawn and in force, so that the derived fields
 * (status, currentDesignation, stage) are compared on every kind of history.
 *
 * Without --url it starts our built server on ipbench_<--enterprises> (as npm run bench does).
 * Prints one line per operation and the first difference; exit code 1 when anything differs.
 */
import { parseArgs } from 'node:util';
import { adminUrl, buildIfStale, login, post, prepareDatabase, startServer, type ServerProcess } from '../common.js';
import { BY_ID, loadPeerQueries, operations, pickEnterprise } from '../operations.js';
import { firstDifference, keyOfAnyGlobalId, normalize } from './compare.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    enterprises: { type: 'string', default: '100000' },
    peer: { type: 'string', default: 'http://127.0.0.1:5050/graphql' },
    queries: { type: 'string', default: 'bench/peer/postgraphile.json' },
    sample: { type: 'string', default: '100' },
  },
});

function describe(n: unknown): string {
  if (n && typeof n === 'object' && 'rows' in n) {
    const c = n as { rows: unknown[]; totalCount?: number; hasNextPage?: boolean };
    return `${c.rows.length} rows${c.totalCount !== undefined ? `, totalCount ${c.totalCount}` : ''}, hasNextPage ${c.hasNextPage}`;
  }
  return n === null ? 'null' : typeof n === 'object' ? 'one object' : JSON.stringify(n);
}

/** The benchmark's read operations on both servers; returns the number of differences. */
async function check(base: string, peer: string): Promise<number> {
  const token = await login(base);
  const auth = { authorization: `Bearer ${token}` };
  const enterprise = await pickEnterprise(base);
  const peerQueries = loadPeerQueries(values.queries!, enterprise);
  let differences = 0;
  console.log(`ours ${base}, peer ${peer}; by id: enterprise ${enterprise.uuid}\n`);
  for (const op of operations(enterprise.id)) {
    if (op.write) continue;
    const alt = peerQueries[op.name];
    if (!alt) {
      console.log(`${op.name.padEnd(46)} no peer query`);
      continue;
    }
    const ours = await post(base, { query: op.query, variables: op.variables }, op.as === 'national' ? auth : {});
    const theirs = await post(peer, { query: alt.query, variables: alt.variables }, alt.headers ?? {});
    if (ours.errors || theirs.errors) {
      differences++;
      console.log(`${op.name.padEnd(46)} ERRORS ours ${JSON.stringify(ours.errors ?? null).slice(0, 300)} peer ${JSON.stringify(theirs.errors ?? null).slice(0, 300)}`);
      continue;
    }
    const a = normalize(ours.data);
    const difference = firstDifference(a, normalize(theirs.data));
    if (difference) differences++;
    console.log(`${op.name.padEnd(46)} ${difference ? 'DIFFERENT' : 'same'}: ${describe(Object.values(a as Record<string, unknown>)[0])}${difference ? `\n    first difference at ${difference}` : ''}`);
  }

  // The by-id operation over enterprises with every kind of designation history.
  const byId = operations(enterprise.id).find((o) => o.query === BY_ID)!;
  const sample = Number(values.sample);
  if (!peerQueries[byId.name] || sample <= 0) return differences;
  const kinds: [string, Record<string, unknown>][] = [
    ['expired', { statuses: ['EXPIRED'] }],
    ['revoked', { statuses: ['REVOKED'] }],
    ['cancelled', { statuses: ['CANCELLED'] }],
    ['withdrawn', { statuses: ['WITHDRAWN'] }],
    ['demonstration in force', { levels: ['DEMONSTRATION'], statuses: ['ACTIVE'] }],
  ];
  const ids: string[] = [];
  for (const [, designation] of kinds) {
    const page = await post(base, { query: 'query($first: Int, $filter: EnterpriseFilter) { enterprises(first: $first, filter: $filter) { edges { node { id } } } }', variables: { first: Math.max(1, Math.ceil(sample / kinds.length)), filter: { designation } } }, auth);
    if (page.errors) throw new Error(JSON.stringify(page.errors));
    for (const { node } of page.data.enterprises.edges as { node: { id: string } }[]) if (!ids.includes(node.id)) ids.push(node.id);
  }
  let same = 0;
  for (const id of ids) {
    const uuid = keyOfAnyGlobalId(id);
    const ours = await post(base, { query: byId.query, variables: { id } }, auth);
    const alt = loadPeerQueries(values.queries!, { id, uuid })[byId.name]!;
    const theirs = await post(peer, { query: alt.query, variables: alt.variables }, alt.headers ?? {});
    const difference = ours.errors || theirs.errors ? `errors: ours ${JSON.stringify(ours.errors ?? null)}, peer ${JSON.stringify(theirs.errors ?? null)}` : firstDifference(normalize(ours.data), normalize(theirs.data));
    if (difference) {
      differences++;
      console.log(`by id ${uuid}: DIFFERENT, first difference at ${difference}`);
    } else same++;
  }
  console.log(`by id over ${ids.length} more enterprises (${kinds.map(([k]) => k).join(', ')} designations), as the national admin: ${same} same, ${ids.length - same} different`);
  return differences;
}

let server: ServerProcess | undefined;
try {
  let base = values.url;
  if (!base) {
    const url = await prepareDatabase(adminUrl(), Number(values.enterprises));
    await buildIfStale();
    server = await startServer(url);
    base = server.base;
  }
  const differences = await check(base, values.peer!);
  console.log(differences ? `\n${differences} difference(s)` : '\nevery operation returns the same rows');
  process.exitCode = differences ? 1 : 0;
} finally {
  await server?.stop();
}
