import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { keysetPage, LeanQuery, OrderDirection, type ConnectionArgs } from '../../common/pagination.js';
import { isCalendarDate } from '../../common/scalars.js';
import { effectiveStatus, holdsTitleOn, validOn } from '../designation/designation.rules.js';
import { designationsNested } from '../designation/designation.loaders.js';
import { and, anyOf, anyOfGiven, sql, type Sql } from '../../common/sql.js';
import { assertMay, may } from '../../common/policy.js';
import { enterpriseActions, enterpriseVisibility, factsOf, isEnterpriseVisible } from './enterprise.policy.js';
import { forbidden } from '../../common/errors.js';
import { requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from './enterprise.entity.js';
import { Region } from '../region/region.entity.js';
import { Industry } from '../industry/industry.entity.js';
import { EnterpriseStatistics, STATISTICS_COUNT_FIELDS } from './enterprise-statistics.entity.js';
import {
  EnterpriseOrderField,
  type CreateEnterpriseInput,
  type EnterpriseFilter,
  type EnterpriseOrder,
  type SetEnterpriseStatisticsInput,
  type UpdateEnterpriseInput,
} from './enterprise.inputs.js';
import { normalizeSearch, SEARCH_MAX_LENGTH, searchCondition } from './enterprise.search.js';
import { transaction } from '../../common/transaction.js';

const isText = (v: unknown) => typeof v === 'string' && v.length <= 400;
const isDate = (v: unknown) => typeof v === 'string' && isCalendarDate(v);
const isInstant = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v));

/** Sort columns: SQL, cast for the cursor value, the value of a row, and what a valid cursor value looks like. */
const ORDER_COLUMNS: Record<EnterpriseOrderField, { column: string; cast: string; value: (e: Enterprise) => string; valid: (v: unknown) => boolean }> = {
  NAME: { column: 'e.name', cast: 'text', value: (e) => e.name, valid: isText },
  CREDIT_CODE: { column: 'e.credit_code', cast: 'text', value: (e) => e.creditCode, valid: isText },
  FOUNDED_ON: { column: 'e.founded_on', cast: 'date', value: (e) => e.foundedOn, valid: isDate },
  // created_at is stored to the millisecond (timestamptz(3)), exactly what an ISO string carries.
  CREATED_AT: { column: 'e.created_at', cast: 'timestamptz', value: (e) => e.createdAt.toISOString(), valid: isInstant },
};

const ORDER_PROPERTIES: Record<EnterpriseOrderField, 'name' | 'creditCode' | 'foundedOn' | 'createdAt'> = {
  NAME: 'name',
  CREDIT_CODE: 'creditCode',
  FOUNDED_ON: 'foundedOn',
  CREATED_AT: 'createdAt',
};

/** Translates a filter into SQL conditions on alias `e`; bad values are BAD_USER_INPUT. */
function filterConditions(ctx: Context, filter: EnterpriseFilter | null | undefined): Sql[] {
  const out: Sql[] = [];
  if (!filter) return out;
  const problems = new InputProblems();
  const today = ctx.clock.today();
  if (filter.regionCodes) out.push(anyOf(sql`e.region_code`, ctx.reference.regionCodes(filter.regionCodes, !!filter.includeSubJurisdictions)));
  if (filter.industryCodes) {
    for (const code of filter.industryCodes) if (!ctx.reference.industry(code)) problems.add('filter.industryCodes', `未知的行业代码“${code}”`);
    out.push(anyOf(sql`e.industry_code`, ctx.reference.industryCodes(filter.industryCodes)));
  }
  if (filter.sizeClasses) out.push(anyOf(sql`e.size_class`, filter.sizeClasses));
  if (filter.exportOriented != null) out.push(sql`e.export_oriented = ${filter.exportOriented}`);
  if (filter.industryLeader != null) out.push(sql`e.industry_leader = ${filter.industryLeader}`);
  if (filter.designation) {
    const { levels, statuses, batchYears, validOn: on } = filter.designation;
    const where = and(
      sql`d.enterprise_id = e.id`,
      anyOfGiven(sql`d.level`, levels),
      anyOfGiven(effectiveStatus('d', today), statuses),
      anyOfGiven(sql`d.batch_year`, batchYears),
      on ? validOn('d', on) : null,
    );
    out.push(sql`exists (select 1 from designation d where ${where})`);
  }
  if (filter.designatedAsOf) out.push(holdsTitleOn('e.id', filter.designatedAsOf, filter.designatedLevels ?? undefined));
  if (filter.search != null) {
    const q = normalizeSearch(filter.search);
    if (q.length === 0) problems.add('filter.search', '搜索词不能为空');
    else if ([...q].length > SEARCH_MAX_LENGTH) problems.add('filter.search', `搜索词最长 ${SEARCH_MAX_LENGTH} 字`);
    else out.push(searchCondition(q));
  }
  problems.throwIfAny();
  return out;
}

/** Enterprises (alias e) matching `conditions` among those the viewer may see: the columns a client can ask for, never name_grams. */
function baseQuery(ctx: Context, conditions: Sql[]) {
  return new LeanQuery(ctx.em, Enterprise, 'e', [enterpriseVisibility(ctx.viewer, ctx.clock.today(), 'e'), ...conditions]);
}

/** Relations read with the enterprises in their own statement, as the operation needs them. */
function withReads(ctx: Context, query: LeanQuery<Enterprise>, read: { designations?: boolean }): LeanQuery<Enterprise> {
  return read.designations ? query.with(designationsNested(ctx.em, ctx.loaders.designation.byEnterprise)) : query;
}

const ENTERPRISE_AUDIT_FIELDS = [
  'creditCode', 'name', 'region', 'industry', 'sizeClass', 'address', 'foundedOn', 'exportOriented', 'industryLeader',
  'standardCertifiedOn', 'contactName', 'contactPhone', 'contactEmail', 'internalNotes',
] as const;

const STATISTICS_AUDIT_FIELDS = ['year', ...STATISTICS_COUNT_FIELDS, 'licensingIncome', 'pledgeFinancing'] as const;

export const enterpriseService = {
  /** With `designations`, its designations are read in the same statement (see list). */
  async findById(ctx: Context, id: string, read: { designations?: boolean } = {}): Promise<Enterprise | null> {
    if (!read.designations) return ctx.loaders.enterprise.visibleById.load(id);
    const found = await enterpriseService.findOne(ctx, sql`e.id = ${id}::uuid`, read);
    ctx.loaders.enterprise.visibleById.prime(id, found);
    return found;
  },

  async findByCreditCode(ctx: Context, code: string, read: { designations?: boolean } = {}): Promise<Enterprise | null> {
    return enterpriseService.findOne(ctx, sql`e.credit_code = ${code}`, read);
  },

  /** The one visible enterprise matching `condition`, optionally with its designations in the same statement. */
  async findOne(ctx: Context, condition: Sql, read: { designations?: boolean } = {}): Promise<Enterprise | null> {
    return (await withReads(ctx, baseQuery(ctx, [condition]), read).getResultList())[0] ?? null;
  },

  /**
   * A keyset-paginated page of enterprises; totalCount runs only when asked for. With
   * `designations`, the page's designations are read in the page's statement (for the fields that
   * need them: currentDesignation, stage, designations).
   */
  async list(
    ctx: Context,
    filter: EnterpriseFilter | null | undefined,
    order: EnterpriseOrder | null | undefined,
    args: ConnectionArgs,
    read: { designations?: boolean } = {},
  ) {
    const field = order?.field ?? EnterpriseOrderField.NAME;
    const direction = order?.direction ?? OrderDirection.ASC;
    const orderKey = `${field}:${direction}`;
    const { column, cast, value, valid } = ORDER_COLUMNS[field];
    const conditions = filterConditions(ctx, filter);
    return keysetPage({
      query: () => withReads(ctx, baseQuery(ctx, conditions), read),
      args,
      limits: ctx.config,
      orderKey,
      ascending: direction === OrderDirection.ASC,
      column,
      idColumn: 'e.id',
      cast,
      property: ORDER_PROPERTIES[field],
      value,
      valueOk: valid,
    });
  },

  async create(ctx: Context, input: CreateEnterpriseInput): Promise<Enterprise> {
    assertMay(ctx, enterpriseActions.create, { regionCode: input.regionCode });
    const problems = new InputProblems();
    const name = checkName(problems, 'name', input.name);
    checkRegion(ctx, problems, input.regionCode);
    checkIndustry(ctx, problems, input.industryCode);
    const address = checkAddress(problems, input.address);
    checkDates(problems, ctx.clock.today(), input.foundedOn, input.standardCertifiedOn ?? null);
    const contacts = checkContacts(problems, input);
    problems.throwIfAny();

    return transaction(ctx.em, async (em) => {
      if (await em.count(Enterprise, { creditCode: input.creditCode })) throw duplicateCode(input.creditCode);
      const enterprise = em.create(Enterprise, {
        creditCode: input.creditCode,
        name,
        region: input.regionCode,
        industry: input.industryCode,
        sizeClass: input.sizeClass,
        address,
        foundedOn: input.foundedOn,
        exportOriented: input.exportOriented ?? false,
        industryLeader: input.industryLeader ?? false,
        standardCertifiedOn: input.standardCertifiedOn ?? null,
        ...contacts,
        internalNotes: input.internalNotes?.trim() || null,
      });
      recordAudit(em, ctx, {
        operation: 'createEnterprise',
        objectType: 'Enterprise',
        objectId: enterprise.id,
        jurisdiction: input.regionCode,
        changes: changedFields(null, snapshot(enterprise, ENTERPRISE_AUDIT_FIELDS), ENTERPRISE_AUDIT_FIELDS),
      });
      await flushUnique(em, input.creditCode);
      return enterprise;
    });
  },

  async update(ctx: Context, input: UpdateEnterpriseInput): Promise<Enterprise> {
    requireUser(ctx);
    const id = expectGlobalId(input.id, 'Enterprise', 'id');
    const problems = new InputProblems();
    for (const key of ['name', 'regionCode', 'industryCode', 'sizeClass', 'foundedOn', 'exportOriented', 'industryLeader', 'creditCode'] as const) {
      if (key in input && input[key] === null) problems.add(key, '该字段不能清空');
    }
    const name = input.name != null ? checkName(problems, 'name', input.name) : undefined;
    if (input.regionCode != null) checkRegion(ctx, problems, input.regionCode);
    if (input.industryCode != null) checkIndustry(ctx, problems, input.industryCode);
    const address = input.address !== undefined ? checkAddress(problems, input.address) : undefined;
    const contacts = checkContacts(problems, input);
    problems.throwIfAny();

    return transaction(ctx.em, async (em) => {
      const enterprise = await em.findOne(Enterprise, id);
      // An enterprise the viewer may not see is reported as not found, not as forbidden.
      if (!enterprise || !(await canSee(ctx, enterprise))) throw notFound('企业', input.id);
      const facts = factsOf(enterprise);
      assertMay(ctx, enterpriseActions.update, facts);
      // Official facts are kept by the bureaus; an enterprise edits its own profile and contacts.
      const official = (['creditCode', 'regionCode', 'industryLeader', 'internalNotes'] as const).filter((k) => input[k] !== undefined);
      if (official.length && !may(ctx.viewer, enterpriseActions.updateOfficial, facts)) throw forbidden(`企业用户不能修改：${official.join('、')}（由知识产权局维护）`);
      if (input.regionCode != null && input.regionCode !== facts.regionCode) assertMay(ctx, enterpriseActions.move);
      if (enterprise.version !== input.version) throw staleVersion(enterprise.version, input.version);
      const before = snapshot(enterprise, ENTERPRISE_AUDIT_FIELDS);
      const foundedOn = input.foundedOn ?? enterprise.foundedOn;
      const certified = input.standardCertifiedOn !== undefined ? input.standardCertifiedOn : enterprise.standardCertifiedOn ?? null;
      checkDates(problems, ctx.clock.today(), foundedOn, certified);
      problems.throwIfAny();
      if (input.creditCode != null && input.creditCode !== enterprise.creditCode) {
        if (await em.count(Enterprise, { creditCode: input.creditCode })) throw duplicateCode(input.creditCode);
        enterprise.creditCode = input.creditCode;
      }
      if (name !== undefined) enterprise.name = name;
      if (input.regionCode != null) enterprise.region = em.getReference(Region, input.regionCode, { wrapped: true });
      if (input.industryCode != null) enterprise.industry = em.getReference(Industry, input.industryCode, { wrapped: true });
      if (input.sizeClass != null) enterprise.sizeClass = input.sizeClass;
      if (address !== undefined) enterprise.address = address;
      enterprise.foundedOn = foundedOn;
      if (input.exportOriented != null) enterprise.exportOriented = input.exportOriented;
      if (input.industryLeader != null) enterprise.industryLeader = input.industryLeader;
      enterprise.standardCertifiedOn = certified;
      for (const [k, v] of Object.entries(contacts)) if (v !== undefined) (enterprise as unknown as Record<string, unknown>)[k] = v;
      if (input.internalNotes !== undefined) enterprise.internalNotes = input.internalNotes?.trim() || null;
      const changes = changedFields(before, snapshot(enterprise, ENTERPRISE_AUDIT_FIELDS), ENTERPRISE_AUDIT_FIELDS);
      recordAudit(em, ctx, { operation: 'updateEnterprise', objectType: 'Enterprise', objectId: enterprise.id, jurisdiction: enterprise.region.unwrap().code, changes });
      await flushUnique(em, enterprise.creditCode, input.version);
      return enterprise;
    });
  },

  /** Creates or updates one year's statistics of an enterprise (update needs the record's version). */
  async setStatistics(ctx: Context, input: SetEnterpriseStatisticsInput): Promise<{ statistics: EnterpriseStatistics; created: boolean }> {
    requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    const problems = new InputProblems();
    const thisYear = Number(ctx.clock.today().slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < 1980 || input.year > thisYear) problems.add('year', `应在 1980 到 ${thisYear} 之间`);
    for (const key of STATISTICS_COUNT_FIELDS) {
      const v = input[key];
      if (v != null && v < 0) problems.add(key, '不能为负数');
    }
    for (const key of ['licensingIncome', 'pledgeFinancing'] as const) {
      const v = input[key];
      if (v == null) continue;
      if (!Number.isFinite(v) || v < 0 || v >= 1e12) problems.add(key, '应为 0 至 1e12 之间的金额（万元）');
      // Stored as numeric(14,2): more decimals would be rounded silently, so they are refused.
      else if (Math.abs(Math.round(v * 100) - v * 100) > 1e-6) problems.add(key, '金额（万元）最多两位小数');
    }
    problems.throwIfAny();

    return transaction(ctx.em, async (em) => {
      const enterprise = await em.findOne(Enterprise, enterpriseId);
      if (!enterprise || !(await canSee(ctx, enterprise))) throw notFound('企业', input.enterpriseId);
      assertMay(ctx, enterpriseActions.writeStatistics, factsOf(enterprise));
      let statistics = await em.findOne(EnterpriseStatistics, { enterprise: enterpriseId, year: input.year });
      const created = !statistics;
      if (statistics) {
        if (input.version == null) throw conflict(`该企业 ${input.year} 年度的统计数据已存在，修改时须回传其版本号`, { field: 'version', currentVersion: statistics.version });
        if (statistics.version !== input.version) throw staleVersion(statistics.version, input.version);
      } else {
        statistics = em.create(EnterpriseStatistics, { enterprise: enterpriseId, year: input.year });
      }
      const before = created ? null : snapshot(statistics, STATISTICS_AUDIT_FIELDS);
      for (const key of [...STATISTICS_COUNT_FIELDS, 'licensingIncome', 'pledgeFinancing'] as const) {
        const v = input[key];
        if (v != null) statistics[key] = v;
      }
      const changes = changedFields(before, snapshot(statistics, STATISTICS_AUDIT_FIELDS), STATISTICS_AUDIT_FIELDS);
      recordAudit(em, ctx, { operation: 'setEnterpriseStatistics', objectType: 'EnterpriseStatistics', objectId: statistics.id, jurisdiction: enterprise.region.unwrap().code, changes });
      await flushOrConflict(em, {
        duplicate: () => conflict(`该企业 ${input.year} 年度的统计数据已由他人登记，请刷新后修改`),
        stale: () => staleVersion(undefined, input.version ?? undefined),
      });
      return { statistics, created };
    });
  },
};

/** Whether the viewer may see this enterprise at all (same rule as the lists, evaluated in SQL). */
function canSee(ctx: Context, enterprise: Enterprise): Promise<boolean> {
  return isEnterpriseVisible(ctx.em, ctx.viewer, ctx.clock.today(), enterprise.id);
}

const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Contact fields: undefined = not given, null = clear. */
function checkContacts(problems: InputProblems, input: { contactName?: string | null; contactPhone?: string | null; contactEmail?: string | null }) {
  const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : v.trim() || null);
  const contactName = clean(input.contactName);
  const contactPhone = clean(input.contactPhone);
  const contactEmail = clean(input.contactEmail);
  if (contactName && [...contactName].length > 100) problems.add('contactName', '联系人最长 100 字');
  if (contactPhone && !PHONE.test(contactPhone)) problems.add('contactPhone', '电话号码格式不正确');
  if (contactEmail && (contactEmail.length > 200 || !EMAIL.test(contactEmail))) problems.add('contactEmail', '电子邮箱格式不正确');
  return { contactName, contactPhone, contactEmail };
}

function duplicateCode(code: string) {
  return conflict(`统一社会信用代码 ${code} 已登记`, { field: 'creditCode' });
}

function staleVersion(current: number | undefined, sent: number | undefined) {
  return conflict('数据已被他人修改，请刷新后重试', { field: 'version', ...(current !== undefined ? { currentVersion: current } : {}), sentVersion: sent });
}

/** Flush, turning a concurrent duplicate or a concurrent update into CONFLICT. */
function flushUnique(em: EntityManager, creditCode: string, version?: number): Promise<void> {
  return flushOrConflict(em, { duplicate: () => duplicateCode(creditCode), stale: () => staleVersion(undefined, version) });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkName(problems: InputProblems, field: string, raw: string): string {
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const length = [...name].length;
  if (length < 2 || length > 200) problems.add(field, '企业名称应为 2–200 字');
  else if (CONTROL.test(raw)) problems.add(field, '企业名称不能包含控制字符');
  return name;
}

function checkAddress(problems: InputProblems, raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const address = raw.trim();
  if (address === '') return null;
  if ([...address].length > 300) problems.add('address', '地址最长 300 字');
  if (CONTROL.test(address)) problems.add('address', '地址不能包含控制字符');
  return address;
}

function checkRegion(ctx: Context, problems: InputProblems, code: string): void {
  if (!ctx.reference.region(code)) problems.add('regionCode', `未知的省级辖区代码“${code}”（应为 37 个省级辖区之一）`);
}

function checkIndustry(ctx: Context, problems: InputProblems, code: string): void {
  if (!ctx.reference.industry(code)) problems.add('industryCode', `未知的行业代码“${code}”（GB/T 4754-2017 门类或大类）`);
}

function checkDates(problems: InputProblems, today: string, foundedOn: string, certifiedOn: string | null): void {
  if (foundedOn > today) problems.add('foundedOn', '成立日期不能晚于今日');
  if (foundedOn < '1900-01-01') problems.add('foundedOn', '成立日期不能早于 1900 年');
  if (certifiedOn) {
    if (certifiedOn > today) problems.add('standardCertifiedOn', '贯标认证日期不能晚于今日');
    if (certifiedOn < foundedOn) problems.add('standardCertifiedOn', '贯标认证日期不能早于成立日期');
  }
}
