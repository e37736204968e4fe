import { containsPattern, sql, type Sql } from '../../common/sql.js';

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

/** The condition on alias `e` (MikroORM expands the array: array[?] becomes array[$1, $2, …]). */
export function searchCondition(q: string): Sql {
  const grams = sql`e.name_grams @> array[${queryGrams(q)}]::text[]`;
  if ([...q].length <= 2) return grams;
  return sql`${grams} and lower(e.name) like ${containsPattern(q)} escape '\\'`;
}
