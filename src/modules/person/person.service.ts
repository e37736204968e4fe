/**
 * Registering and editing people (createPerson, updatePerson): an enterprise its own staff, a
 * provincial bureau the people of its jurisdiction, the national bureau anyone (person.policy.ts).
 * One record per identity document, held by the partial unique index person_identity_number_unique.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { conflict, flushOrConflict, forbidden, InputProblems, notFound, badInput } from '../../common/errors.js';
import { expectGlobalId, tryGlobalId } from '../../common/node.js';
import { assertMay, scopeOf } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { transaction } from '../../common/transaction.js';
import { enterpriseOf, jurisdictionOf } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { identityNumberProblem, normalizeIdentityNumber } from './identity-number.js';
import { Person, PersonCategory, type Specialty } from './person.entity.js';
import type { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person.inputs.js';
import { canSeePerson, personActions, personVisibility, type PersonWriteFacts } from './person.policy.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { containsPattern, sql, type Sql } from '../../common/sql.js';

const PERSON_AUDIT_FIELDS = [
  'name', 'employerEnterprise', 'employer', 'title', 'regionCode', 'category', 'specialties', 'technicalFields', 'qualifications', 'expertise',
  'phone', 'email', 'identityNumber',
] as const;
/** Personal data (readable by the national bureau and the person only): the audit log says that it changed, never what to. */
const PERSONAL_FIELDS = ['phone', 'email', 'identityNumber'] as const;

const LIST_MAX = 20;
/** An IPC section letter with a class (H01) or a subclass (G06F). */
const IPC = /^[A-H]\d{2}[A-Z]?$/;
const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The person's own fields as checked and normalised; `undefined`: not given (update: unchanged). */
interface PersonFields {
  name?: string;
  employer?: string | null;
  title?: string | null;
  regionCode?: string | null;
  category?: PersonCategory;
  specialties?: Specialty[];
  technicalFields?: string[];
  qualifications?: string[];
  expertise?: string | null;
  phone?: string | null;
  email?: string | null;
  identityNumber?: string | null;
}

const length = (s: string) => [...s].length;

/** An optional text: undefined = not given, null or blank = cleared; trimmed, whitespace runs made one space. */
function optionalText(problems: InputProblems, field: string, raw: string | null | undefined, max: number, label: string): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  if (length(text) > max) problems.add(field, `${label}最长 ${max} 字`);
  return text;
}

/** Checks every field given, collecting the problems; the values as they will be stored. */
function checkFields(ctx: Context, problems: InputProblems, input: CreatePersonInput | UpdatePersonInput): PersonFields {
  const out: PersonFields = {};
  if (input.name != null) {
    const name = input.name.normalize('NFKC').trim().replace(/\s+/g, ' ');
    if (length(name) < 1 || length(name) > 100) problems.add('name', '姓名应为 1–100 字');
    out.name = name;
  }
  out.employer = optionalText(problems, 'employer', input.employer, 200, '工作单位');
  out.title = optionalText(problems, 'title', input.title, 100, '职务或职称');
  out.expertise = optionalText(problems, 'expertise', input.expertise, 300, '专业领域说明');
  if (input.regionCode !== undefined) {
    if (input.regionCode !== null && !ctx.reference.region(input.regionCode)) problems.add('regionCode', `未知的省级辖区代码“${input.regionCode}”（应为 37 个省级辖区之一）`);
    out.regionCode = input.regionCode;
  }
  if (input.category != null) out.category = input.category;
  if (input.specialties !== undefined) out.specialties = [...new Set(input.specialties ?? [])];
  if (input.technicalFields !== undefined) {
    const fields = (input.technicalFields ?? []).map((f) => f.normalize('NFKC').trim().toUpperCase());
    fields.forEach((f, i) => {
      if (!IPC.test(f)) problems.add(`technicalFields.${i}`, `“${f.slice(0, 20)}”不是 IPC 大类或小类（例如 H01、G06F）`);
    });
    out.technicalFields = [...new Set(fields)];
    if (out.technicalFields.length > LIST_MAX) problems.add('technicalFields', `技术领域最多 ${LIST_MAX} 个`);
  }
  if (input.qualifications !== undefined) {
    const items = (input.qualifications ?? []).map((q) => q.normalize('NFKC').trim().replace(/\s+/g, ' '));
    items.forEach((q, i) => {
      if (length(q) < 1 || length(q) > 50) problems.add(`qualifications.${i}`, '每项资格应为 1–50 字');
    });
    out.qualifications = [...new Set(items)];
    if (out.qualifications.length > LIST_MAX) problems.add('qualifications', `资格最多 ${LIST_MAX} 项`);
  }
  if (input.phone !== undefined) {
    const phone = input.phone?.trim() || null;
    if (phone && !PHONE.test(phone)) problems.add('phone', '电话号码格式不正确');
    out.phone = phone;
  }
  if (input.email !== undefined) {
    const email = input.email?.trim() || null;
    if (email && (email.length > 200 || !EMAIL.test(email))) problems.add('email', '电子邮箱格式不正确');
    out.email = email;
  }
  if (input.identityNumber !== undefined) {
    const number = input.identityNumber === null ? null : normalizeIdentityNumber(input.identityNumber) || null;
    const problem = number && identityNumberProblem(number, ctx.clock.today());
    if (problem) problems.add('identityNumber', problem);
    out.identityNumber = number;
  }
  return out;
}

/** The employer enterprise's key from the input: undefined = not given, null = none; a malformed id is a problem. */
function employerKey(problems: InputProblems, raw: string | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null) return raw;
  const key = tryGlobalId(raw, 'Enterprise');
  if (!key) problems.add('employerEnterpriseId', '不是有效的企业 ID');
  return key;
}

/** The employer enterprise, which the viewer must be able to see (else BAD_USER_INPUT, as if it did not exist). */
async function visibleEmployer(ctx: Context, em: EntityManager, key: string): Promise<Enterprise> {
  const enterprise = await em.findOne(Enterprise, key);
  if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), key))) throw badInput('employerEnterpriseId', '未找到该企业');
  return enterprise;
}

/** What the write rules need to know of a person: their employer and their jurisdiction (the employer's, else their own region). */
function writeFacts(employer: Enterprise | null, regionCode: string | null | undefined): PersonWriteFacts {
  return { enterpriseId: employer?.id ?? null, regionCode: employer ? employer.region.unwrap().code : (regionCode ?? null) };
}

/** A duplicate identity document: says only that the number is taken, never by whom. */
function duplicateIdentity() {
  return conflict('该身份证件号码已登记，同一证件只能登记一次', { field: 'identityNumber' });
}

function staleVersion(current: number | undefined, sent: number) {
  return conflict('数据已被他人修改，请刷新后重试', { field: 'version', ...(current !== undefined ? { currentVersion: current } : {}), sentVersion: sent });
}

export const personService = {
  /**
   * People the viewer may see (personVisibility: the bureaus all, an enterprise its own staff, an
   * expert itself), in the order they were registered, with the filters given.
   */
  async list(ctx: Context, filter: PersonFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    if (!scopeOf(ctx.viewer, personActions.read)) throw forbidden('无权查看人员记录');
    const problems = new InputProblems();
    const enterpriseId = filter?.enterpriseId ? tryGlobalId(filter.enterpriseId, 'Enterprise') : null;
    if (filter?.enterpriseId && !enterpriseId) problems.add('filter.enterpriseId', '不是有效的企业 ID');
    if (filter?.regionCode && !ctx.reference.region(filter.regionCode)) problems.add('filter.regionCode', '未知的省级辖区');
    const name = filter?.nameContains?.trim() ?? '';
    if (filter?.nameContains != null && (name.length < 1 || name.length > 50)) problems.add('filter.nameContains', '应为 1–50 字');
    problems.throwIfAny();
    const where: (Sql | null)[] = [
      personVisibility(ctx.viewer, ctx.clock.today(), 'p'),
      enterpriseId ? sql`p.employer_enterprise_id = ${enterpriseId}::uuid` : null,
      filter?.regionCode ? sql`p.region_code = ${filter.regionCode}` : null,
      filter?.category ? sql`p.category = ${filter.category}` : null,
      name ? sql`p.name like ${containsPattern(name)} escape '\\'` : null,
    ];
    return keysetPage<Person>({
      query: filteredQuery(ctx.em, Person, 'p', where),
      args,
      limits: ctx.config,
      orderKey: 'REGISTERED:ASC',
      ascending: true,
      // Ids are time-ordered (UUID v7): the primary key is the registration order.
      column: 'p.id',
      idColumn: 'p.id',
      cast: 'uuid',
      property: 'id',
      value: (p) => p.id,
      valueOk: (v) => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v),
    });
  },

  async create(ctx: Context, input: CreatePersonInput): Promise<Person> {
    // Whether the viewer may register anyone at all, before anything is looked at.
    assertMay(ctx, personActions.create, undefined);
    const problems = new InputProblems();
    const fields = checkFields(ctx, problems, input);
    // An enterprise user registers its own staff: the employer is its enterprise unless it names one.
    const employerId = employerKey(problems, input.employerEnterpriseId) ?? enterpriseOf(ctx.viewer);
    problems.throwIfAny();

    return transaction(ctx.em, async (em) => {
      const employer = employerId ? await visibleEmployer(ctx, em, employerId) : null;
      const regionCode = fields.regionCode ?? employer?.region.unwrap().code ?? jurisdictionOf(ctx.viewer);
      const facts = writeFacts(employer, regionCode);
      assertMay(ctx, personActions.create, facts);
      const person = em.create(Person, {
        name: fields.name!,
        employer: fields.employer ?? employer?.name ?? null,
        title: fields.title ?? null,
        employerEnterprise: employer?.id ?? null,
        regionCode: regionCode ?? null,
        category: fields.category ?? PersonCategory.OTHER,
        specialties: fields.specialties ?? [],
        technicalFields: fields.technicalFields ?? [],
        qualifications: fields.qualifications ?? [],
        expertise: fields.expertise ?? null,
        phone: fields.phone ?? null,
        email: fields.email ?? null,
        identityNumber: fields.identityNumber ?? null,
      });
      recordAudit(em, ctx, {
        operation: 'createPerson',
        objectType: 'Person',
        objectId: person.id,
        jurisdiction: facts.regionCode,
        changes: changedFields(null, snapshot(person, PERSON_AUDIT_FIELDS), PERSON_AUDIT_FIELDS, { hidden: PERSONAL_FIELDS }),
      });
      // The partial unique index holds "one record per identity document" under any concurrency.
      await flushOrConflict(em, { duplicate: duplicateIdentity });
      return person;
    });
  },

  async update(ctx: Context, input: UpdatePersonInput): Promise<Person> {
    assertMay(ctx, personActions.update, undefined);
    const id = expectGlobalId(input.id, 'Person', 'id');
    const problems = new InputProblems();
    for (const key of ['name', 'category'] as const) if (input[key] === null) problems.add(key, '该字段不能清空');
    const fields = checkFields(ctx, problems, input);
    const employerId = employerKey(problems, input.employerEnterpriseId);
    problems.throwIfAny();

    return transaction(ctx.em, async (em) => {
      const person = await em.findOne(Person, id);
      // A person the viewer may not see is reported as not found, not as forbidden.
      if (!person || !canSeePerson(ctx.viewer, person)) throw notFound('人员', input.id);
      const currentEmployer = person.employerEnterprise ? await em.findOneOrFail(Enterprise, person.employerEnterprise.id) : null;
      assertMay(ctx, personActions.update, writeFacts(currentEmployer, person.regionCode));
      if (person.version !== input.version) throw staleVersion(person.version, input.version);

      const employer = employerId === undefined ? currentEmployer : employerId === null ? null : await visibleEmployer(ctx, em, employerId);
      const regionCode = fields.regionCode !== undefined ? fields.regionCode : person.regionCode;
      const facts = writeFacts(employer, regionCode);
      // The edit may not take the person out of the viewer's scope (to another enterprise or jurisdiction).
      assertMay(ctx, personActions.update, facts);

      const before = snapshot(person, PERSON_AUDIT_FIELDS);
      if (employer?.id !== currentEmployer?.id) person.employerEnterprise = employer ? em.getReference(Enterprise, employer.id, { wrapped: true }) : null;
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) (person as unknown as Record<string, unknown>)[key] = value;
      recordAudit(em, ctx, {
        operation: 'updatePerson',
        objectType: 'Person',
        objectId: person.id,
        jurisdiction: facts.regionCode,
        changes: changedFields(before, snapshot(person, PERSON_AUDIT_FIELDS), PERSON_AUDIT_FIELDS, { hidden: PERSONAL_FIELDS }),
      });
      await flushOrConflict(em, { duplicate: duplicateIdentity, stale: () => staleVersion(undefined, input.version) });
      return person;
    });
  },
};
