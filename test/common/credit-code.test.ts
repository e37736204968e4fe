/**
 * Unified social credit code (GB 32100-2015): check character, normalisation, rejection.
 * The expected check characters are computed here by an independent implementation of the
 * formula in DOMAIN.md, never by the code under test.
 */
import { Random } from '../../seeds/random.js';
import { describe, expect, it } from 'vitest';
import {
  buildCreditCode,
  checkCreditCode,
  creditCodeCheckCharacter,
  describeCreditCodeProblem,
  isValidCreditCode,
} from '../../src/common/credit-code.js';

// ---- independent reference implementation (DOMAIN.md) ----
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function referenceCheck(body: string): string {
  expect(body).toHaveLength(17);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(body[i]!);
    expect(value, `character ${body[i]} of ${body}`).toBeGreaterThanOrEqual(0);
    sum += value * WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check]!;
}

/** The demo data's deterministic PRNG (seeds/random.ts), so the generated cases are the same on every run. */
function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

const REGION_CODES = ['110000', '310000', '440000', '440300', '330200', '650000', '660000', '350100', '110108'];

function randomBody(rand: () => number): string {
  // Real-world layout: registration authority + kind, 6-digit region, 9-character organisation code.
  const authority = ['91', '92', '93', '11', '12', '51', '52', '53', 'Y1'][Math.floor(rand() * 9)]!;
  const region = REGION_CODES[Math.floor(rand() * REGION_CODES.length)]!;
  let org = '';
  for (let i = 0; i < 9; i++) org += ALPHABET[Math.floor(rand() * 31)]!;
  return authority + region + org;
}

/** Published codes of real enterprises (and the standard's textbook example). */
const PUBLISHED = [
  '91350100M000100Y43', // the worked example used in GB 32100-2015 explanations
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
];

describe('the reference implementation agrees with the standard', () => {
  it('weights are 3^(i-1) mod 31', () => {
    WEIGHTS.forEach((w, i) => expect(w).toBe(3 ** i % 31));
  });

  it.each(PUBLISHED)('published code %s has the check character the formula gives', (code) => {
    expect(referenceCheck(code.slice(0, 17))).toBe(code[17]);
  });
});

describe('creditCodeCheckCharacter', () => {
  it.each(PUBLISHED)('gives the published check character of %s', (code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('agrees with an independent implementation on 2,000 generated bodies', () => {
    const rand = prng(20240601);
    for (let n = 0; n < 2000; n++) {
      const body = randomBody(rand);
      expect(creditCodeCheckCharacter(body), body).toBe(referenceCheck(body));
    }
  });

  it('maps a remainder of 0 (31 − 0 = 31) to the character 0, and 1 to Y (value 30)', () => {
    const rand = prng(7);
    let zero: string | null = null;
    let y: string | null = null;
    for (let n = 0; n < 20_000 && (!zero || !y); n++) {
      const body = randomBody(rand);
      const sum = [...body].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i]!, 0);
      if (sum % 31 === 0) zero ??= body;
      if (sum % 31 === 1) y ??= body;
    }
    expect(zero).not.toBeNull();
    expect(y).not.toBeNull();
    expect(creditCodeCheckCharacter(zero!)).toBe('0');
    expect(creditCodeCheckCharacter(y!)).toBe('Y');
  });

  it('an all-zero body has check character 0', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('rejects a body that is not 17 characters or has characters outside the alphabet', () => {
    expect(() => creditCodeCheckCharacter('9135010000000000')).toThrow();
    expect(() => creditCodeCheckCharacter('913501000000000000')).toThrow();
    expect(() => creditCodeCheckCharacter('91350100I00010000')).toThrow();
  });
});

describe('buildCreditCode', () => {
  it('builds 91 + region + organisation body + the correct check character', () => {
    const rand = prng(99);
    for (let n = 0; n < 500; n++) {
      const region = REGION_CODES[n % REGION_CODES.length]!;
      let org = '';
      for (let i = 0; i < 9; i++) org += ALPHABET[Math.floor(rand() * 31)]!;
      const code = buildCreditCode(region, org);
      const body = `91${region}${org}`;
      expect(code).toBe(body + referenceCheck(body));
      expect(checkCreditCode(code)).toEqual({ code, problem: null });
    }
  });

  it('reproduces a published code from its parts', () => {
    expect(buildCreditCode('440300', '192203821')).toBe('914403001922038216');
    expect(buildCreditCode('350100', 'M000100Y4')).toBe('91350100M000100Y43');
  });
});

describe('checkCreditCode', () => {
  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ code, problem: null });
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('accepts generated codes in every real-world layout (authority, kind, region, org code)', () => {
    const rand = prng(4242);
    for (let n = 0; n < 1000; n++) {
      const body = randomBody(rand);
      const code = body + referenceCheck(body);
      expect(checkCreditCode(code).problem, code).toBeNull();
    }
  });

  it('rejects every wrong check character with the expected and actual characters', () => {
    for (const code of PUBLISHED) {
      for (const c of ALPHABET) {
        if (c === code[17]) continue;
        const wrong = code.slice(0, 17) + c;
        expect(checkCreditCode(wrong)).toEqual({ code: wrong, problem: { kind: 'CHECK', expected: code[17], actual: c } });
        expect(isValidCreditCode(wrong)).toBe(false);
      }
    }
  });

  it('detects a single changed character in the body (the check catches substitutions)', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      for (const c of ALPHABET) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkCreditCode(changed).problem?.kind, changed).toBe('CHECK');
      }
    }
  });

  it('detects two swapped adjacent characters', () => {
    const code = '914403001922038216';
    for (let i = 0; i < 16; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(checkCreditCode(swapped).problem, swapped).not.toBeNull();
    }
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s anywhere, naming its position', (letter) => {
    const code = '91350100M000100Y43';
    for (const position of [1, 9, 12, 17, 18]) {
      const bad = code.slice(0, position - 1) + letter + code.slice(position);
      expect(checkCreditCode(bad)).toEqual({ code: bad, problem: { kind: 'CHARACTER', position, character: letter } });
    }
    // lower case forbidden letters are still forbidden after upper-casing
    const lower = code.slice(0, 8) + letter.toLowerCase() + code.slice(9);
    expect(checkCreditCode(lower).problem).toEqual({ kind: 'CHARACTER', position: 9, character: letter });
  });

  it('rejects characters outside letters and digits', () => {
    for (const c of ['-', '*', '中', '_', '.']) {
      const bad = `9135010${c}M000100Y43`;
      expect(checkCreditCode(bad).problem).toMatchObject({ kind: 'CHARACTER', position: 8 });
    }
  });

  it('upper-cases lower case input before checking', () => {
    expect(checkCreditCode('91350100m000100y43')).toEqual({ code: '91350100M000100Y43', problem: null });
    expect(checkCreditCode('91440300708461136t')).toEqual({ code: '91440300708461136T', problem: null });
    expect(isValidCreditCode('91330100799655058b')).toBe(true);
  });

  it('trims surrounding whitespace', () => {
    expect(checkCreditCode('  91350100M000100Y43  ')).toEqual({ code: '91350100M000100Y43', problem: null });
    expect(checkCreditCode('\t914403001922038216\n')).toEqual({ code: '914403001922038216', problem: null });
    expect(checkCreditCode(' 91440300708461136t\r\n')).toEqual({ code: '91440300708461136T', problem: null });
  });

  it('does not remove whitespace inside the code', () => {
    expect(checkCreditCode('91350100 M000100Y43').problem).toEqual({ kind: 'LENGTH', length: 19 });
    expect(checkCreditCode('9135010 M000100Y43').problem).toMatchObject({ kind: 'CHARACTER', position: 8, character: ' ' });
  });

  it.each([
    ['17 characters', '91350100M000100Y4', 17],
    ['19 characters', '91350100M000100Y433', 19],
    ['empty', '', 0],
    ['only whitespace', '   ', 0],
    ['15-digit old registration number', '110108000000016', 15],
  ])('rejects the wrong length (%s)', (_label, raw, length) => {
    expect(checkCreditCode(raw).problem).toEqual({ kind: 'LENGTH', length });
    expect(isValidCreditCode(raw)).toBe(false);
  });

  it('counts the length after trimming', () => {
    expect(checkCreditCode(' 91350100M000100Y4 ').problem).toEqual({ kind: 'LENGTH', length: 17 });
  });
});

describe('describeCreditCodeProblem', () => {
  it('explains each problem in Chinese, naming 统一社会信用代码', () => {
    const length = describeCreditCodeProblem({ kind: 'LENGTH', length: 17 });
    const character = describeCreditCodeProblem({ kind: 'CHARACTER', position: 9, character: 'I' });
    const check = describeCreditCodeProblem({ kind: 'CHECK', expected: '3', actual: '4' });
    for (const text of [length, character, check]) expect(text).toContain('统一社会信用代码');
    expect(length).toContain('17');
    expect(character).toContain('9');
    expect(character).toContain('I');
    expect(check).toContain('3');
    expect(check).toContain('4');
  });
});
