/**
 * People (docs/permissions.md, "Accounts, people, organisations, audit"): who sees a person record
 * at all, and who reads its personal data (phone, e-mail, identity number). The public face of an
 * expert is the expert directory (talent module), which shows public fields only.
 */
import type { Viewer } from '../../context.js';
import { action, may, scopeOf, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { personOf } from '../../common/viewer.policy.js';

/** What the person rules need to know of one: its id. */
export const personFacts = (p: { id: string }): ScopeFacts => ({ personId: p.id });

export const personActions = {
  /** A person record by node(id) or through a relation; which rows exactly is personVisibility. */
  read: action<ScopeFacts>({
    name: 'person.read',
    description: '查看人员（专家）记录：国家局、省局全部，专家本人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'all', EXPERT: 'self' },
    refusal: '无权查看该人员',
    hideRefused: true,
  }),
  readPersonal: action<ScopeFacts>({
    name: 'person.personal.read',
    description: '查看人员的个人信息（手机号、电子邮箱、身份证件号码）',
    scopes: { NATIONAL_ADMIN: 'all', EXPERT: 'self' },
    refusal: '无权查看该人员的个人信息',
  }),
};

/** The person records (alias of person) a viewer may see: the bureaus all, an expert their own, nobody else any. */
export const personVisibility: Visibility = (viewer, _today, alias) => {
  const scope = scopeOf(viewer, personActions.read);
  if (scope === 'all') return null;
  const self = scope === 'self' ? personOf(viewer) : null;
  return self ? sql`${trusted(alias)}.id = ${self}::uuid` : FALSE;
};

/** Whether the viewer may see this person record at all (the rule of personVisibility, on a loaded record). */
export function canSeePerson(viewer: Viewer, p: { id: string }): boolean {
  return may(viewer, personActions.read, personFacts(p));
}

/** Whether the viewer reads the person's personal data: the national admin and the person. */
export function canReadPersonal(viewer: Viewer, p: { id: string }): boolean {
  return may(viewer, personActions.readPersonal, personFacts(p));
}

export const personPolicy: Policy = {
  actions: Object.values(personActions),
  visibility: { Person: personVisibility },
};
