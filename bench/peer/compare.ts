/**
 * Comparing the answers of two GraphQL servers for the same operation (bench/peer/check.ts, and
 * bench/run.ts --compare before it measures): what legitimately differs between servers is taken
 * out (global ids become the key they encode, connections become their rows, cursors go), the rest
 * must be equal.
 */
import { isDeepStrictEqual } from 'node:util';

/** The key inside a global id of either server: ours are base64url `Type:uuid`, PostGraphile's base64 JSON `["Type", uuid]`. */
export function keyOfAnyGlobalId(id: string): string {
  const text = Buffer.from(id, 'base64').toString('utf8');
  if (text.startsWith('[')) {
    try {
      return String((JSON.parse(text) as unknown[]).at(-1));
    } catch {
      return id;
    }
  }
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(colon + 1) : id;
}

/** An answer's data with ids decoded, connections as { totalCount?, hasNextPage, rows } and lists of `nodes` as arrays. */
export function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value === null || typeof value !== 'object') return key === 'id' && typeof value === 'string' ? keyOfAnyGlobalId(value) : value;
  const object = value as Record<string, unknown>;
  if ('nodes' in object && Object.keys(object).length === 1) return normalize(object.nodes);
  if ('edges' in object) {
    const edges = object.edges as { node: unknown }[];
    const pageInfo = object.pageInfo as { hasNextPage?: boolean } | undefined;
    return {
      ...('totalCount' in object ? { totalCount: object.totalCount } : {}),
      hasNextPage: pageInfo?.hasNextPage,
      rows: edges.map((e) => normalize(e.node)),
    };
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, normalize(v, k)]));
}

/** The first place where two normalized answers differ (a path and both values), or null. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ours ${JSON.stringify(a)?.slice(0, 200)}, peer ${JSON.stringify(b)?.slice(0, 200)}`;
}

/** How the two data of one operation differ, or null when they return the same rows. */
export function dataDifference(ours: unknown, theirs: unknown): string | null {
  return firstDifference(normalize(ours), normalize(theirs));
}
