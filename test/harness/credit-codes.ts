/**
 * Credit codes for tests, built with an implementation of GB 32100-2015's check character that
 * is independent of src/common/credit-code.ts (so the product's own code is tested against it).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 17-character body followed by its check character. */
export function withCheck(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i]!, 0);
  const check = 31 - (sum % 31);
  return body + ALPHABET[check === 31 ? 0 : check]!;
}

/** A generator of fresh valid codes (91 + region + a 9-character body), distinct per (start, step) series. */
export function codeSeries(start: number, step: number, defaultRegion: string): (region?: string) => string {
  let serial = 0;
  return (region = defaultRegion) => {
    let n = start + serial++ * step;
    let org = '';
    for (let i = 0; i < 9; i++) {
      org = ALPHABET[n % 31]! + org;
      n = Math.floor(n / 31);
    }
    return withCheck(`91${region}${org}`);
  };
}

/** The same code with a wrong check character. */
export function wrongCheck(code: string): string {
  const right = ALPHABET.indexOf(code[17]!);
  return code.slice(0, 17) + ALPHABET[(right + 1) % 31]!;
}

/** The fields named in a BAD_USER_INPUT error's extensions.fields. */
export function fieldsOf(error: { extensions?: Record<string, unknown> }): string[] {
  return ((error.extensions?.fields as { field: string }[] | undefined) ?? []).map((f) => f.field);
}
