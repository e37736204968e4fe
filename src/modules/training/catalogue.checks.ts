/**
 * The catalogue's input rules, checked before anything is looked up: every problem of an input is
 * collected and refused at once (BAD_USER_INPUT naming the fields).
 */
import type { Context } from '../../context.js';
import { badInput, InputProblems } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { CreateTrainingBaseInput, CreateTrainingSessionInput, CreateTrainingTextbookInput } from './catalogue.inputs.js';

const ISBN13 = /^97[89]\d{10}$/;

/** An ISBN-13 (hyphens and spaces ignored) with a valid check digit, or null. */
export function normaliseIsbn(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  if (!ISBN13.test(digits)) return null;
  const sum = [...digits.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(digits[12]) ? digits : null;
}

/** An optional free text: trimmed, null when blank, a problem when longer than `max`. */
function optionalText(field: string, value: string | null | undefined, max: number, problems: InputProblems): string | null {
  const text = value?.trim() || null;
  if (text && text.length > max) problems.add(field, `最多 ${max} 字`);
  return text;
}

/** Topics or similar labels: trimmed, non-empty, distinct, at most 20 of at most 50 characters. */
function labels(field: string, values: readonly string[] | null | undefined, problems: InputProblems): string[] {
  const out = [...new Set((values ?? []).map((x) => x.trim()).filter(Boolean))];
  if (out.length > 20) problems.add(field, '最多 20 项');
  if (out.some((x) => x.length > 50)) problems.add(field, '每项最多 50 字');
  return out;
}

/** What a program's create and update inputs have in common. */
export interface ProgramInput {
  title?: string | null;
  topics?: string[] | null;
  targetIndustryCodes?: string[] | null;
  hostId?: string | null;
  textbookIds?: string[] | null;
}

/** A program input, checked: `creating` requires the title; undefined means "unchanged", null "cleared" (the host). */
export interface CheckedProgram {
  title: string | undefined;
  topics: string[] | null;
  industries: string[] | null;
  hostId: string | null | undefined;
  textbookIds: string[] | null;
}

export function checkProgramInput(ctx: Context, input: ProgramInput, creating: boolean): CheckedProgram {
  const problems = new InputProblems();
  const title = input.title?.trim();
  if ((creating || input.title != null) && (!title || title.length > 200)) problems.add('title', '应为 1–200 字');
  const topics = input.topics == null ? null : labels('topics', input.topics, problems);
  let industries: string[] | null = null;
  if (input.targetIndustryCodes != null) {
    industries = [...new Set(input.targetIndustryCodes.map((c) => c.trim().toUpperCase()))];
    const unknown = industries.filter((c) => !ctx.reference.industry(c));
    if (unknown.length) problems.add('targetIndustryCodes', `不是 GB/T 4754 的门类或大类代码：${unknown.join('、')}`);
    if (industries.length > 20) problems.add('targetIndustryCodes', '最多 20 个');
  }
  const hostId = input.hostId === undefined ? undefined : input.hostId === null ? null : expectGlobalId(input.hostId, 'ServiceOrganization', 'hostId');
  const textbookIds = input.textbookIds == null ? null : [...new Set(input.textbookIds.map((id, i) => expectGlobalId(id, 'TrainingTextbook', `textbookIds.${i}`)))];
  if (textbookIds && textbookIds.length > 50) problems.add('textbookIds', '最多 50 册');
  problems.throwIfAny();
  return { title, topics, industries, hostId, textbookIds };
}

export function checkTextbookInput(ctx: Context, input: CreateTrainingTextbookInput) {
  const problems = new InputProblems();
  const title = input.title.trim();
  const edition = input.edition.trim();
  const editors = input.editors.trim();
  if (title.length < 1 || title.length > 200) problems.add('title', '应为 1–200 字');
  if (edition.length < 1 || edition.length > 40) problems.add('edition', '应为 1–40 字');
  if (editors.length < 1 || editors.length > 200) problems.add('editors', '应为 1–200 字');
  if (!Number.isInteger(input.publishedYear) || input.publishedYear < 2000 || input.publishedYear > Number(ctx.clock.today().slice(0, 4)) + 1) problems.add('publishedYear', '应为 2000 年至明年');
  const isbn = input.isbn?.trim() ? normaliseIsbn(input.isbn) : null;
  if (input.isbn?.trim() && !isbn) problems.add('isbn', '不是有效的 ISBN-13（校验位不符或格式错误）');
  const topics = labels('topics', input.topics, problems);
  const publisher = optionalText('publisher', input.publisher, 200, problems);
  problems.throwIfAny();
  return { title, edition, editors, publishedYear: input.publishedYear, tier: input.tier ?? null, isbn, topics, publisher };
}

export function checkBaseInput(ctx: Context, input: CreateTrainingBaseInput) {
  const problems = new InputProblems();
  const name = input.name.trim();
  if (name.length < 2 || name.length > 200) problems.add('name', '应为 2–200 字');
  if (!ctx.reference.region(input.regionCode)) problems.add('regionCode', '不是已知的辖区代码');
  const contactPhone = optionalText('contactPhone', input.contactPhone, 50, problems);
  const contactEmail = optionalText('contactEmail', input.contactEmail, 200, problems);
  if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail)) problems.add('contactEmail', '邮箱格式不正确');
  problems.throwIfAny();
  return { name, regionCode: input.regionCode, contactPhone, contactEmail };
}

export function checkSessionInput(ctx: Context, input: CreateTrainingSessionInput) {
  const problems = new InputProblems();
  if (input.endsOn < input.startsOn) problems.add('endsOn', '不能早于开始日');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000) problems.add('capacity', '应为 1–10000');
  if (input.registrationClosesOn > input.startsOn) problems.add('registrationClosesOn', '不能晚于开始日');
  else if (input.approvalRequired && input.registrationClosesOn >= input.startsOn) problems.add('registrationClosesOn', '须审核的班次应在开始日之前截止报名，以便分配名额');
  if (input.registrationOpensOn && input.registrationOpensOn > input.registrationClosesOn) problems.add('registrationOpensOn', '不能晚于报名截止日');
  const place = optionalText('place', input.place, 200, problems);
  const onlineUrl = optionalText('onlineUrl', input.onlineUrl, 500, problems);
  if (!place && !onlineUrl) problems.add('place', '须给出地点或线上链接');
  if (onlineUrl && !/^https:\/\/\S+$/.test(onlineUrl)) problems.add('onlineUrl', '应为 https 链接');
  if (input.regionCode && !ctx.reference.region(input.regionCode)) problems.add('regionCode', '不是已知的辖区代码');
  problems.throwIfAny();
  return { place, onlineUrl };
}

/** The most instructors one session can list. */
export const MAX_INSTRUCTORS = 20;

/** The instructors of a session (person ids, distinct, in order). */
export function checkInstructors(personIds: readonly string[]): string[] {
  if (personIds.length > MAX_INSTRUCTORS) throw badInput([{ field: 'personIds', message: `最多 ${MAX_INSTRUCTORS} 名授课教师` }]);
  return [...new Set(personIds.map((id, i) => expectGlobalId(id, 'Person', `personIds.${i}`)))];
}
