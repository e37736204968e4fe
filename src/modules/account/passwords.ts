import { hash, verify } from '@node-rs/argon2';
import type { InputProblems } from '../../common/errors.js';

/** Argon2id (OWASP parameters: 19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Passwords longer than this are cut before hashing or checking (Argon2 is given at most 200 characters). */
const PASSWORD_MAX = 200;

export const hashPassword = (password: string) => hash(password, ARGON2);

/** Verifying against this when the account does not exist keeps the timing the same. */
let dummyHash: Promise<string> | undefined;

/** Whether `password` matches `passwordHash`; with no hash (no such account), checks a dummy one so that it takes as long, and is false. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password-0000');
  const ok = await verify(passwordHash ?? (await dummyHash), password.slice(0, PASSWORD_MAX)).catch(() => false);
  return ok && passwordHash != null;
}

/** The rules for a new password (at least 10 characters, at most 200, not too simple), as problems of `field`. */
export function checkPassword(problems: InputProblems, field: string, password: string): void {
  const length = [...password].length;
  if (length < 10) problems.add(field, '密码至少 10 位');
  else if (length > PASSWORD_MAX) problems.add(field, `密码最长 ${PASSWORD_MAX} 位`);
  else if (new Set(password).size < 4) problems.add(field, '密码过于简单');
}
