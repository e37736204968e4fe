/**
 * People (docs/permissions.md, "Accounts, people, organisations, audit"): who sees a person record
 * at all, who reads its personal data (phone, e-mail, identity number), and who registers and edits
 * people. The public face of an expert is the expert directory (talent module), which shows public
 * fields only.
 *
 * A person belongs to their employer enterprise (its staff), if any, and to a jurisdiction: their
 * employer's, else their own region (the rule of the talent and training modules, personJurisdiction).
 */
import type { Viewer } from '../../context.js';
import { action, may, scopeOf, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, jurisdictionOf, personOf } from '../../common/viewer.policy.js';

/** What the person rules need to know of one: its id and its employer enterprise (as loaded or read). */
export const personFacts = (p: { id: string; employerEnterprise?: { id: string } | null }): ScopeFacts => ({
  personId: p.id,
  enterpriseId: p.employerEnterprise?.id ?? null,
});

/** A person as registered or edited: whose staff (if anyone's) and which jurisdiction they belong to. */
export interface PersonWriteFacts extends ScopeFacts {
  /** The employer enterprise, if any. */
  enterpriseId: string | null;
  /** The person's jurisdiction: their employer enterprise's region, else their own region (null: none). */
  regionCode: string | null;
}

const WRITE_SCOPES = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' } as const;

/** The refusal of create/update: which people the viewer may register, or that it may not at all. */
const writeRefusal = (v: Viewer, target: PersonWriteFacts | undefined): string => {
  if (target && enterpriseOf(v)) return '只能登记和修改本企业的人员';
  if (target && jurisdictionOf(v)) return `只能登记和修改本辖区（${jurisdictionOf(v)}）的人员`;
  return '人员由企业（本企业人员）、省局（本辖区人员）或国家局登记';
};

export const personActions = {
  /** A person record by node(id) or through a relation; which rows exactly is personVisibility. */
  read: action<ScopeFacts>({
    name: 'person.read',
    description: '查看人员（专家）记录：国家局、省局全部，企业本企业人员，专家本人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'all', ENTERPRISE_USER: 'own', EXPERT: 'self' },
    refusal: '无权查看该人员',
    hideRefused: true,
  }),
  readPersonal: action<ScopeFacts>({
    name: 'person.personal.read',
    description: '查看人员的个人信息（手机号、电子邮箱、身份证件号码）',
    scopes: { NATIONAL_ADMIN: 'all', EXPERT: 'self' },
    refusal: '无权查看该人员的个人信息',
  }),
  /** On the person as it would be registered; without one, whether the viewer may register anyone at all. */
  create: action<PersonWriteFacts | undefined>({
    name: 'person.create',
    description: '登记人员（含个人信息，登记后个人信息仍只有国家局和本人可见）：企业登记本企业人员，省局登记本辖区人员，国家局任何人',
    scopes: WRITE_SCOPES,
    refusal: writeRefusal,
  }),
  /** On the person before and after the change (an edit cannot take a person out of the viewer's scope). */
  update: action<PersonWriteFacts | undefined>({
    name: 'person.update',
    description: '修改人员记录（只改给出的字段）：企业修改本企业人员，省局修改本辖区人员，国家局任何人',
    scopes: WRITE_SCOPES,
    refusal: writeRefusal,
  }),
};

/**
 * The person records (alias of person) a viewer may see: the bureaus all, an enterprise its own
 * staff, an expert their own record, nobody else any.
 */
export const personVisibility: Visibility = (viewer, _today, alias) => {
  switch (scopeOf(viewer, personActions.read)) {
    case 'all':
      return null;
    case 'own': {
      const enterprise = enterpriseOf(viewer);
      return enterprise ? sql`${trusted(alias)}.employer_enterprise_id = ${enterprise}::uuid` : FALSE;
    }
    case 'self': {
      const self = personOf(viewer);
      return self ? sql`${trusted(alias)}.id = ${self}::uuid` : FALSE;
    }
    default:
      return FALSE;
  }
};

/** Whether the viewer may see this person record at all (the rule of personVisibility, on a loaded record). */
export function canSeePerson(viewer: Viewer, p: { id: string; employerEnterprise?: { id: string } | null }): boolean {
  return may(viewer, personActions.read, personFacts(p));
}

/** Whether the viewer reads the person's personal data: the national admin and the person. */
export function canReadPersonal(viewer: Viewer, p: { id: string; employerEnterprise?: { id: string } | null }): boolean {
  return may(viewer, personActions.readPersonal, personFacts(p));
}

export const personPolicy: Policy = {
  actions: Object.values(personActions),
  visibility: { Person: personVisibility },
};
