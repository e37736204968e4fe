/**
 * Chinese patent application numbers (专利申请号), as CNIPA assigns them:
 *
 * - since 1 October 2003: 12 digits, a dot and a check character: the filing year (4 digits), the
 *   kind (1 invention, 2 utility model, 3 design, 8 PCT invention entering the national phase,
 *   9 PCT utility model) and a 7-digit serial, e.g. 201710601862.3;
 * - before: 8 digits (2-digit year, kind, 5-digit serial), a dot and the check character, e.g.
 *   97101765.4.
 *
 * The check character is the sum of the digits weighted 2, 3, 4, 5, 6, 7, 8, 9 (then 2, 3, 4, 5 for
 * the 9th to 12th digits) modulo 11, `X` for 10. Written forms accepted on input: with or without
 * a `CN` or `ZL` prefix, spaces, and a full-width dot; the stored form is the bare number with its dot.
 */
export type PatentKind = 'INVENTION' | 'UTILITY_MODEL' | 'DESIGN' | 'PCT_INVENTION' | 'PCT_UTILITY_MODEL';

const KINDS: Record<string, PatentKind> = { '1': 'INVENTION', '2': 'UTILITY_MODEL', '3': 'DESIGN', '8': 'PCT_INVENTION', '9': 'PCT_UTILITY_MODEL' };
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

export type ApplicationNumberProblem =
  | { kind: 'FORMAT' }
  | { kind: 'KIND'; digit: string }
  | { kind: 'YEAR'; year: number }
  | { kind: 'CHECK'; expected: string; actual: string };

export interface ApplicationNumber {
  /** 201710601862.3 */
  number: string;
  kind: PatentKind;
  /** The filing year. */
  year: number;
}

/** The check character of the digits before the dot (8 or 12 of them). */
export function applicationCheckCharacter(digits: string): string {
  if (!/^(\d{8}|\d{12})$/.test(digits)) throw new Error('an application number has 8 or 12 digits before its check character');
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  const check = sum % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * Normalises and checks a written application number; with `thisYear` (the programme's year), a
 * filing year after it is refused too (the GraphQL scalar leaves that to the service, which knows
 * the programme's clock).
 */
export function checkApplicationNumber(raw: string, thisYear?: number): { value: ApplicationNumber | null; problem: ApplicationNumberProblem | null } {
  const text = raw
    .trim()
    .toUpperCase()
    .replace(/^(CN|ZL)\s*/, '')
    .replace(/[\s\u3000]/g, '')
    .replace(/[．。]/g, '.');
  const m = /^(\d{8}|\d{12})\.([0-9X])$/.exec(text);
  if (!m) return { value: null, problem: { kind: 'FORMAT' } };
  const [, digits, check] = m as unknown as [string, string, string];
  const long = digits.length === 12;
  const kindDigit = long ? digits[4]! : digits[2]!;
  const kind = KINDS[kindDigit];
  if (!kind) return { value: null, problem: { kind: 'KIND', digit: kindDigit } };
  const yy = Number(digits.slice(0, 2));
  const year = long ? Number(digits.slice(0, 4)) : yy >= 85 ? 1900 + yy : 2000 + yy;
  // The 12-digit form began on 1 October 2003, the 8-digit one ended then; the patent office opened in 1985.
  if (long ? year < 2003 || (thisYear !== undefined && year > thisYear) : year > 2003) return { value: null, problem: { kind: 'YEAR', year } };
  const expected = applicationCheckCharacter(digits);
  if (expected !== check) return { value: null, problem: { kind: 'CHECK', expected, actual: check } };
  return { value: { number: `${digits}.${check}`, kind, year }, problem: null };
}

export function describeApplicationNumberProblem(problem: ApplicationNumberProblem): string {
  switch (problem.kind) {
    case 'FORMAT':
      return '专利申请号应为 12 位数字、小数点和校验位（如 201710601862.3），或 2003 年 10 月前的 8 位数字、小数点和校验位（如 97101765.4）';
    case 'KIND':
      return `专利申请号的申请种类位应为 1、2、3、8 或 9，实际为 ${problem.digit}`;
    case 'YEAR':
      return `专利申请号的申请年份 ${problem.year} 不可能（12 位申请号自 2003 年起，8 位申请号自 1985 年起）`;
    case 'CHECK':
      // The expected character is not told: the number was mistyped, and guessing it is not the caller's job.
      return `专利申请号的校验位不对（${problem.actual}）：请核对申请号`;
  }
}
