/**
 * The mainland resident identity card number (居民身份证号码, GB 11643-1999): 17 digits (a
 * six-digit address code, the birth date YYYYMMDD, a three-digit sequence) and a check character
 * (ISO 7064 MOD 11-2: `0`–`9` or `X`).
 */
import { isCalendarDate } from '../../common/scalars.js';

/** The weights 2^(17-i) mod 11 of the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each remainder of the weighted sum mod 11. */
const CHECK = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** The check character of the first 17 digits. */
export function identityCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** The number as stored: spaces removed, a lowercase `x` made uppercase. */
export function normalizeIdentityNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * What is wrong with a (normalised) number, or null when it is a well-formed one: its shape, its
 * birth date (a real date, from 1900-01-01 to `today`) and its check character.
 */
export function identityNumberProblem(value: string, today: string): string | null {
  if (!SHAPE.test(value)) return '居民身份证号码应为 18 位：17 位数字加 1 位校验码（数字或 X）';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birth) || birth < '1900-01-01' || birth > today) return '居民身份证号码中的出生日期无效';
  if (identityCheckCharacter(value.slice(0, 17)) !== value[17]) return '居民身份证号码校验码不正确';
  return null;
}
