/**
 * The operations of the benchmark (bench/run.ts), shared with the row-equality check of the
 * PostGraphile peer (bench/peer/check.ts), and the peer's query file: for each operation name its
 * { query, variables?, headers? } (bench/peer/postgraphile.json). In that file the string
 * "$ENTERPRISE_ID" stands for the UUID of the enterprise this benchmark looks up by id, and
 * "$ENTERPRISE_GLOBAL_ID" for its global id.
 */
import { readFileSync } from 'node:fs';
import { keyOfGlobalId, post, UPDATE_ENTERPRISE } from './common.js';

export interface Operation {
  name: string;
  /** Who asks: the national admin (a token), or the public. */
  as: 'national' | 'public';
  query: string;
  variables?: Record<string, unknown>;
  /** A write: each request's body comes from the rotating write driver (bench/common.ts RotatingWrites). */
  write?: boolean;
}

const PAGE = `query Directory($first: Int, $filter: EnterpriseFilter) {
  enterprises(first: $first, filter: $filter) { totalCount edges { node { id name creditCode region { name } industry { name } currentDesignation { level validUntil } } } pageInfo { endCursor hasNextPage } }
}`;
const PAGE_NO_COUNT = `query DirectoryNoCount($first: Int, $filter: EnterpriseFilter) {
  enterprises(first: $first, filter: $filter) { edges { node { id name creditCode region { name } industry { name } currentDesignation { level validUntil } } } pageInfo { endCursor hasNextPage } }
}`;
const BY_ID = `query Enterprise($id: ID!) {
  enterprise(id: $id) { id name creditCode sizeClass foundedOn stage region { name } industry { name } currentDesignation { level validFrom validUntil } designations { level status batchYear validFrom validUntil } }
}`;

export const WRITE_OPERATION = 'write: updateEnterprise, 256 rotating (national)';

export function operations(enterpriseId: string): Operation[] {
  return [
    { name: 'directory page 20 + totalCount (national)', as: 'national', query: PAGE, variables: { first: 20 } },
    { name: 'directory page 20, no totalCount (national)', as: 'national', query: PAGE_NO_COUNT, variables: { first: 20 } },
    { name: 'enterprise by id with relations (public)', as: 'public', query: BY_ID, variables: { id: enterpriseId } },
    { name: '{ __typename } (public)', as: 'public', query: '{ __typename }' },
    { name: 'search 科技, public directory', as: 'public', query: PAGE, variables: { first: 20, filter: { search: '科技' } } },
    { name: 'search 深圳, public directory', as: 'public', query: PAGE, variables: { first: 20, filter: { search: '深圳' } } },
    { name: 'public directory, region 440000', as: 'public', query: PAGE, variables: { first: 20, filter: { regionCodes: ['440000'], includeSubJurisdictions: true } } },
    // Last, so that the data version it moves on does not leave the read operations' caches cold.
    { name: WRITE_OPERATION, as: 'national', query: UPDATE_ENTERPRISE, write: true },
  ];
}

export { PAGE, PAGE_NO_COUNT, BY_ID };

/**
 * The enterprise looked up by id: the first of the public directory (by name), so that the
 * anonymous lookup finds it, on both endpoints, as long as the data set is the same.
 */
export async function pickEnterprise(base: string): Promise<{ id: string; uuid: string }> {
  const pick = await post(base, { query: '{ enterprises(first: 1) { edges { node { id } } } }' });
  const id = pick.data?.enterprises?.edges?.[0]?.node?.id as string | undefined;
  if (!id) throw new Error(`no enterprise in the public directory: ${JSON.stringify(pick)}`);
  return { id, uuid: keyOfGlobalId(id) };
}

export interface PeerQuery {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Replaces every string that is exactly one of `values`' keys, anywhere in `value`. */
export function substitute<T>(value: T, values: Record<string, string>): T {
  if (typeof value === 'string') return (Object.hasOwn(values, value) ? values[value] : value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, values)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)])) as T;
  return value;
}

/** The peer's queries by operation name, with the looked-up enterprise put in. */
export function loadPeerQueries(file: string, enterprise: { id: string; uuid: string }): Record<string, PeerQuery> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, PeerQuery | string>;
  const out: Record<string, PeerQuery> = {};
  for (const [name, entry] of Object.entries(raw)) {
    if (typeof entry !== 'object' || entry === null) continue; // e.g. a "//" note
    out[name] = substitute(entry, { $ENTERPRISE_ID: enterprise.uuid, $ENTERPRISE_GLOBAL_ID: enterprise.id });
  }
  return out;
}
