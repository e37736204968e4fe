/**
 * Checks the navigation module's services share: IPC classes of technology fields.
 */
import type { InputProblems } from '../../common/errors.js';
import { checkApplicationNumber } from '../../common/patent-number.js';

/**
 * Application numbers the GraphQL scalar already checked, against the programme's year too (the
 * scalar does not know the programme's clock): a filing year after it is a problem on `field.i`.
 */
export function checkFilingYears(problems: InputProblems, field: string, numbers: readonly string[] | null | undefined, today: string): void {
  const year = Number(today.slice(0, 4));
  (numbers ?? []).forEach((n, i) => {
    const { problem } = checkApplicationNumber(n, year);
    if (problem?.kind === 'YEAR') problems.add(`${field}.${i}`, `申请年份晚于今年（${year}）`);
  });
}

/** An IPC class, subclass or group: H04L, H04L 9/08, G06N 3/0464 (the International Patent Classification). */
const IPC = /^([A-H])(\d{2})([A-Z])(?:\s*(\d{1,4})\/(\d{2,6}))?$/;

/** IPC classes, normalised (upper case, one space before the group), deduplicated; problems named `field.i`. */
export function checkIpcClasses(problems: InputProblems, field: string, raw: readonly string[] | null | undefined, limits: { min?: number; max?: number } = {}): string[] {
  const list = raw ?? [];
  const max = limits.max ?? 20;
  if (list.length < (limits.min ?? 0)) problems.add(field, `至少要有 ${limits.min} 个国际专利分类号`);
  if (list.length > max) problems.add(field, `最多 ${max} 个国际专利分类号`);
  const out: string[] = [];
  list.forEach((value, i) => {
    const m = IPC.exec(value.trim().toUpperCase());
    if (!m) return void problems.add(`${field}.${i}`, '国际专利分类号应形如 H04L 或 H04L 9/08');
    const [, section, cls, sub, main, group] = m;
    const code = `${section}${cls}${sub}${main ? ` ${main}/${group}` : ''}`;
    if (!out.includes(code)) out.push(code);
  });
  return out;
}
