/**
 * Registering and changing service organisations [D 四(三), A 四(二)] (organization.create,
 * organization.update): the national bureau any, a provincial bureau those of its jurisdiction. Names
 * are unique within a kind (an advisory lock per kind and name serialises concurrent registrations);
 * a dissolved organisation stays dissolved. The directory is public (contacts are not).
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, forbidden, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay, may } from '../../common/policy.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { jurisdictionOf } from '../../common/viewer.policy.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { anyOf, containsPattern, FALSE, sql, type Sql } from '../../common/sql.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Specialty } from '../person/person.entity.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from './organization.entity.js';
import type { CreateServiceOrganizationInput, ServiceOrganizationFilter, UpdateServiceOrganizationInput } from './organization.inputs.js';
import { organizationActions } from './organization.policy.js';

const AUDITED = ['name', 'region', 'country', 'status', 'statusChangedOn', 'statusNote', 'specialties', 'regionsServed', 'address', 'description', 'contactName', 'contactPhone', 'contactEmail'] as const;
/** Contact data (not public): the audit log says that it changed, never what to. */
const CONTACTS = ['contactName', 'contactPhone', 'contactEmail'] as const;
const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SPECIALTIES = new Set<string>(Object.values(Specialty));

type Text = string | null | undefined;

/** An optional text: undefined = not given, null or blank = cleared; trimmed. */
function text(problems: InputProblems, field: string, raw: Text, max: number): string | null | undefined {
  if (raw === undefined) return undefined;
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if ([...value].length > max) problems.add(field, `最长 ${max} 字`);
  return value;
}

interface Checked {
  name?: string;
  regionCode?: string | null;
  country?: string | null;
  specialties?: Specialty[];
  regionsServed?: string[];
  address?: string | null;
  description?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  status?: OrganizationStatus;
  statusNote?: string | null;
}

type AnyInput = Omit<Partial<CreateServiceOrganizationInput>, 'name'> & Partial<Omit<UpdateServiceOrganizationInput, 'id' | 'version'>>;

function check(ctx: Context, input: AnyInput, creating: boolean): Checked {
  const problems = new InputProblems();
  const out: Checked = {};
  if (input.name !== undefined || creating) {
    const name = input.name?.trim().replace(/\s+/g, ' ') ?? '';
    if (name.length < 1 || [...name].length > 200) problems.add('name', '应为 1–200 字');
    out.name = name;
  }
  if (input.regionCode !== undefined) {
    if (input.regionCode !== null && !ctx.reference.region(input.regionCode)) problems.add('regionCode', '未知的省级辖区');
    out.regionCode = input.regionCode;
  }
  out.country = text(problems, 'country', input.country, 80);
  if (input.specialties !== undefined) {
    const list = [...new Set(input.specialties ?? [])];
    if (list.some((s) => !SPECIALTIES.has(s))) problems.add('specialties', '未知的服务领域');
    out.specialties = list;
  }
  if (input.regionCodesServed !== undefined) {
    const list = [...new Set(input.regionCodesServed ?? [])];
    list.forEach((code, i) => {
      if (!ctx.reference.region(code)) problems.add(`regionCodesServed.${i}`, '未知的省级辖区');
    });
    out.regionsServed = list;
  }
  out.address = text(problems, 'address', input.address, 300);
  out.description = text(problems, 'description', input.description, 5_000);
  out.contactName = text(problems, 'contactName', input.contactName, 100);
  out.contactPhone = text(problems, 'contactPhone', input.contactPhone, 50);
  if (out.contactPhone && !PHONE.test(out.contactPhone)) problems.add('contactPhone', '不是有效的电话号码');
  out.contactEmail = text(problems, 'contactEmail', input.contactEmail, 200);
  if (out.contactEmail && !EMAIL.test(out.contactEmail)) problems.add('contactEmail', '不是有效的邮箱地址');
  if (input.status === null) problems.add('status', '不能清空');
  else if (input.status !== undefined) out.status = input.status;
  out.statusNote = text(problems, 'statusNote', input.statusNote, 2_000);
  problems.throwIfAny();
  return out;
}

/** The jurisdictions of a filter's codes, with their sub-jurisdictions when asked. */
const codes = (ctx: Context, list: readonly string[], rollUp: boolean | null | undefined) => ctx.reference.regionCodes(list, !!rollUp);

export const organizationService = {
  async create(ctx: Context, input: CreateServiceOrganizationInput): Promise<ServiceOrganization> {
    assertMay(ctx, organizationActions.create, undefined);
    const c = check(ctx, input, true);
    const problems = new InputProblems();
    if (input.kind === OrganizationKind.TRAINING_BASE) problems.add('kind', '国家知识产权培训基地通过 createTrainingBase 登记');
    const overseas = input.kind === OrganizationKind.OVERSEAS_STATION;
    const regionCode = overseas ? null : (c.regionCode ?? jurisdictionOf(ctx.viewer));
    if (overseas && c.regionCode) problems.add('regionCode', '驻外工作站不属于国内辖区');
    if (overseas && !c.country) problems.add('country', '驻外工作站须填所在国家或地区');
    if (!overseas && !regionCode) problems.add('regionCode', '须填登记所在的省级辖区');
    problems.throwIfAny();
    assertMay(ctx, organizationActions.create, { regionCode });
    return transaction(ctx.em, async (em) => {
      // Names are unique within a kind: serialise concurrent registrations of one name.
      await advisoryLock(em, `service-organization:${input.kind}:${c.name}`);
      if (await em.count(ServiceOrganization, { kind: input.kind, name: c.name })) throw conflict('同类服务机构中已有同名机构', { name: c.name });
      const o = em.create(ServiceOrganization, {
        name: c.name!,
        kind: input.kind,
        region: regionCode,
        country: c.country ?? null,
        specialties: c.specialties ?? [],
        regionsServed: c.regionsServed?.length ? c.regionsServed : regionCode ? [regionCode] : [],
        address: c.address ?? null,
        description: c.description ?? null,
        contactName: c.contactName ?? null,
        contactPhone: c.contactPhone ?? null,
        contactEmail: c.contactEmail ?? null,
      });
      recordAudit(em, ctx, { operation: 'createServiceOrganization', objectType: 'ServiceOrganization', objectId: o.id, jurisdiction: regionCode, changes: changedFields(null, snapshot(o, AUDITED), AUDITED, { hidden: CONTACTS }) });
      await em.flush();
      return o;
    });
  },

  async update(ctx: Context, input: UpdateServiceOrganizationInput): Promise<ServiceOrganization> {
    assertMay(ctx, organizationActions.update, undefined);
    const id = expectGlobalId(input.id, 'ServiceOrganization', 'id');
    const c = check(ctx, input, false);
    return transaction(ctx.em, async (em) => {
      const o = await em.findOne(ServiceOrganization, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!o) throw notFound('服务机构', input.id);
      const before = { regionCode: o.region?.unwrap().code ?? null };
      assertMay(ctx, organizationActions.update, before);
      if (o.version !== input.version) throw conflict('服务机构已被修改，请刷新后重试', { field: 'version', currentVersion: o.version });
      const overseas = o.kind === OrganizationKind.OVERSEAS_STATION;
      if (c.regionCode !== undefined && (overseas ? c.regionCode !== null : c.regionCode === null)) throw badInput('regionCode', overseas ? '驻外工作站不属于国内辖区' : '不能清空');
      const after = { regionCode: c.regionCode !== undefined ? c.regionCode : before.regionCode };
      if (!may(ctx.viewer, organizationActions.update, after)) throw forbidden('不能把服务机构移出本辖区；迁往另一辖区须由国家局办理');
      const old = snapshot(o, AUDITED);
      if (c.status !== undefined && c.status !== o.status) {
        if (o.status === OrganizationStatus.DISSOLVED) throw conflict('该服务机构已撤销，不能恢复', { status: o.status });
        if (c.status !== OrganizationStatus.ACTIVE && !c.statusNote) throw badInput('statusNote', '暂停或撤销须说明理由');
        o.status = c.status;
        o.statusChangedOn = ctx.clock.today();
        o.statusNote = c.statusNote ?? null;
      } else if (c.statusNote !== undefined) {
        o.statusNote = c.statusNote;
      }
      if (c.name !== undefined && c.name !== o.name) {
        await advisoryLock(em, `service-organization:${o.kind}:${c.name}`);
        if (await em.count(ServiceOrganization, { kind: o.kind, name: c.name, id: { $ne: o.id } })) throw conflict('同类服务机构中已有同名机构', { name: c.name });
        o.name = c.name;
      }
      if (c.regionCode !== undefined) o.region = c.regionCode as never;
      for (const field of ['country', 'address', 'description', 'contactName', 'contactPhone', 'contactEmail'] as const) if (c[field] !== undefined) o[field] = c[field];
      if (c.specialties !== undefined) o.specialties = c.specialties;
      if (c.regionsServed !== undefined) o.regionsServed = c.regionsServed;
      recordAudit(em, ctx, { operation: 'updateServiceOrganization', objectType: 'ServiceOrganization', objectId: o.id, jurisdiction: after.regionCode, changes: changedFields(old, snapshot(o, AUDITED), AUDITED, { hidden: CONTACTS }) });
      await flushOrConflict(em, { stale: () => conflict('服务机构已被修改，请刷新后重试', { field: 'version' }) });
      return o;
    });
  },

  /** The public directory, by name, with the filters. */
  list(ctx: Context, filter: ServiceOrganizationFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    const where: (Sql | null)[] = [
      f.kinds ? anyOf(sql`o.kind`, f.kinds) : null,
      f.statuses ? anyOf(sql`o.status`, f.statuses) : null,
      f.regionCodes ? anyOf(sql`o.region_code`, codes(ctx, f.regionCodes, f.includeSubJurisdictions)) : null,
      f.servedRegionCodes ? sql`jsonb_exists_any(o.regions_served, array[${codes(ctx, f.servedRegionCodes, f.includeSubJurisdictions)}]::text[])` : null,
      f.specialties ? sql`jsonb_exists_any(o.specialties, array[${f.specialties}]::text[])` : null,
      f.nameContains?.trim() ? sql`o.name like ${containsPattern(f.nameContains.trim())} escape '\\'` : null,
    ];
    // An empty list matches nothing.
    if (f.servedRegionCodes?.length === 0 || f.specialties?.length === 0) where.push(FALSE);
    return keysetPage<ServiceOrganization>({
      query: filteredQuery(ctx.em, ServiceOrganization, 'o', where),
      args,
      limits: ctx.config,
      orderKey: 'NAME:ASC',
      ascending: true,
      column: 'o.name',
      idColumn: 'o.id',
      cast: 'text',
      property: 'name',
      value: (o) => o.name,
      valueOk: (x) => typeof x === 'string' && x.length <= 200,
    });
  },
};
