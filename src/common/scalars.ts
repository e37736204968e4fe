import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { checkCreditCode, describeCreditCodeProblem } from './credit-code.js';
import { checkApplicationNumber, describeApplicationNumberProblem } from './patent-number.js';

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw new GraphQLError(`${scalar} 需要字符串`, { extensions: { code: 'BAD_USER_INPUT' } });
  return ast.value;
}

function parseCreditCode(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('统一社会信用代码需要字符串', { extensions: { code: 'BAD_USER_INPUT' } });
  const { code, problem } = checkCreditCode(value);
  if (problem) throw new GraphQLError(describeCreditCodeProblem(problem), { extensions: { code: 'BAD_USER_INPUT', problem: problem.kind } });
  return code;
}

export const CreditCodeScalar = new GraphQLScalarType<string, string>({
  name: 'CreditCode',
  description:
    '统一社会信用代码（GB 32100-2015）：18 位，字符取自 0-9 和除 I、O、S、V、Z 外的大写字母，第 18 位为校验位。输入时忽略首尾空白并转为大写；校验失败的值在解析时即被拒绝。Unified social credit code.',
  serialize: (value) => String(value),
  parseValue: parseCreditCode,
  parseLiteral: (ast) => parseCreditCode(literalString(ast, 'CreditCode')),
});

function parseApplicationNumber(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('专利申请号需要字符串', { extensions: { code: 'BAD_USER_INPUT' } });
  const { value: parsed, problem } = checkApplicationNumber(value);
  if (problem) throw new GraphQLError(describeApplicationNumberProblem(problem), { extensions: { code: 'BAD_USER_INPUT', problem: problem.kind } });
  return parsed!.number;
}

export const PatentApplicationNumberScalar = new GraphQLScalarType<string, string>({
  name: 'PatentApplicationNumber',
  description:
    '中国专利申请号：12 位数字（申请年 4 位、申请种类 1 位：1 发明、2 实用新型、3 外观设计、8 PCT 发明、9 PCT 实用新型，流水号 7 位）、小数点和校验位（如 201710601862.3），或 2003 年 10 月前的 8 位数字形式（如 97101765.4）。校验位为各位数字依次乘以 2、3、4、5、6、7、8、9、2、3、4、5 之和除以 11 的余数，余 10 记为 X。输入可带 CN 或 ZL 前缀和空格；校验不通过的在解析时即被拒绝（BAD_USER_INPUT）。',
  serialize: (value) => String(value),
  parseValue: parseApplicationNumber,
  parseLiteral: (ast) => parseApplicationNumber(literalString(ast, 'PatentApplicationNumber')),
});

/**
 * The offending value, for a literal written in the document only: a variable's value is never
 * repeated (src/http/errors.ts rebuilds those messages from the position and the reason).
 */
function quoted(value: unknown, literal: boolean): string {
  return literal ? `，实际为“${String(value).slice(0, 40)}”` : '';
}

const REGION_CODE = /^[1-9]\d{5}$/;
function parseRegionCode(value: unknown, literal = false): string {
  if (typeof value !== 'string' || !REGION_CODE.test(value.trim())) {
    throw new GraphQLError(`行政区划代码应为 6 位数字（GB/T 2260）${quoted(value, literal)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value.trim();
}

export const RegionCodeScalar = new GraphQLScalarType<string, string>({
  name: 'RegionCode',
  description: '行政区划代码（GB/T 2260），6 位数字，例如 440000 广东省、440300 深圳市。Administrative division code.',
  serialize: (value) => String(value),
  parseValue: parseRegionCode,
  parseLiteral: (ast) => parseRegionCode(literalString(ast, 'RegionCode'), true),
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Validates a calendar date string YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown, literal = false): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`日期应为 YYYY-MM-DD 格式的有效日期${quoted(value, literal)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '日历日期，YYYY-MM-DD（中国标准时间 Asia/Shanghai 的日期）。Calendar date.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date'), true),
});

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Today's date in China Standard Time, YYYY-MM-DD. Arithmetic on the fixed offset: an
 * Intl.DateTimeFormat built per call cost 0.2 ms each and was called a dozen times per page.
 */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
