/**
 * Substring search over Chinese names without a tokenizer and without depending on the
 * database locale. The index (enterprise_name_grams_idx) holds, for each name, every
 * character and every pair of adjacent characters of its lower-cased form (SQL function
 * ip_name_grams, initial migration). A query of one or two characters is then a single
 * index lookup; a longer one requires all its character pairs and is rechecked with LIKE.
 */
export const SEARCH_MAX_LENGTH = 50;

export function normalizeSearch(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The grams a query must find in the index. */
export function queryGrams(q: string): string[] {
  const chars = [...q];
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL condition and parameters for alias `e`. */
export function searchCondition(q: string): { sql: string; params: unknown[] } {
  const grams = queryGrams(q);
  // MikroORM expands an array parameter into a comma-separated list: array[?] becomes array[$1, $2, …].
  if ([...q].length <= 2) return { sql: 'e.name_grams @> array[?]::text[]', params: [grams] };
  return { sql: "e.name_grams @> array[?]::text[] and lower(e.name) like ? escape '\\'", params: [grams, likePattern(q)] };
}
