/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters from a 31-character alphabet (no I, O, S, V, Z). Character 18 is a check
 * character over characters 1–17 with weights 3^(i-1) mod 31.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblem =
  | { kind: 'LENGTH'; length: number }
  | { kind: 'CHARACTER'; position: number; character: string }
  | { kind: 'CHECK'; expected: string; actual: string };

/** The check character for the first 17 characters (which must be valid alphabet characters). */
export function creditCodeCheckCharacter(body: string): string {
  if (body.length !== 17) throw new Error('the body of a credit code has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(body[i]!);
    if (value < 0) throw new Error(`invalid credit code character "${body[i]}"`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

/** Normalises (trim, upper case) and checks a code; returns the problem or null. */
export function checkCreditCode(raw: string): { code: string; problem: CreditCodeProblem | null } {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { code, problem: { kind: 'LENGTH', length: code.length } };
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i]!)) {
      return { code, problem: { kind: 'CHARACTER', position: i + 1, character: code[i]! } };
    }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (expected !== code[17]) return { code, problem: { kind: 'CHECK', expected, actual: code[17]! } };
  return { code, problem: null };
}

export function describeCreditCodeProblem(problem: CreditCodeProblem): string {
  switch (problem.kind) {
    case 'LENGTH':
      return `统一社会信用代码应为 18 位，实际为 ${problem.length} 位`;
    case 'CHARACTER':
      return `统一社会信用代码第 ${problem.position} 位“${problem.character}”不是合法字符（只允许数字和除 I、O、S、V、Z 以外的大写字母）`;
    case 'CHECK':
      return `统一社会信用代码校验位错误：第 18 位应为“${problem.expected}”，实际为“${problem.actual}”`;
  }
}

export function isValidCreditCode(raw: string): boolean {
  return checkCreditCode(raw).problem === null;
}

/**
 * Builds a valid enterprise code: registration authority 9 (工商) and kind 1 (企业),
 * the 6-digit region code, a 9-character organisation code body, and the check character.
 * `orgBody` must be 9 alphabet characters (the organisation code's own check is not modelled).
 */
export function buildCreditCode(regionCode: string, orgBody: string): string {
  const body = `91${regionCode}${orgBody}`;
  return body + creditCodeCheckCharacter(body);
}
