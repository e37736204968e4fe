/**
 * Talent pools (docs/permissions.md, "Talent pools and training"): who nominates whom, who decides
 * and retires, who reads the review queue, and which nominations and memberships a viewer sees.
 * The public side (the expert directory, the pools' shares) shows public fields only, to everyone.
 */
import { action, scopeOf, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted, type Sql } from '../../common/sql.js';
import { enterpriseOf, jurisdictionOf, personOf } from '../../common/viewer.policy.js';

/**
 * A person's jurisdiction (alias of person `p`): their employer enterprise's, else their own region.
 * The same rule as the nomination queue's.
 */
export const personJurisdiction = (p: string) =>
  trusted(`coalesce((select pje.region_code from enterprise pje where pje.id = ${p}.employer_enterprise_id), ${p}.region_code)`);

/** What the talent rules need to know of a person: whose staff they are and which jurisdiction they belong to. */
export interface NomineeFacts extends ScopeFacts {
  personId: string;
  enterpriseId: string | null;
  regionCode: string | null;
}

export const talentActions = {
  /** On a nominee; without one (before the person is looked up), whether the viewer may nominate anyone at all. */
  nominate: action<NomineeFacts | undefined>({
    name: 'talent.nominate',
    description: '推荐人员进入人才库：企业推荐本企业人员，省局推荐本辖区人员',
    scopes: { ENTERPRISE_USER: 'own', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: (v, nominee) => (nominee && enterpriseOf(v) ? '只能推荐本企业的人员' : nominee && jurisdictionOf(v) ? '只能推荐本辖区的人员' : '人才库推荐由企业（本企业人员）或省局（本辖区）提出'),
  }),
  readNominations: action({
    name: 'talent.nominations.read',
    description: '查看待审核的人才库推荐（R18 顺序）：国家局全部，省局本辖区人员的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '无权查看推荐',
  }),
  decideNomination: action({
    name: 'talent.nomination.decide',
    description: '审核人才库推荐：入库（给出任期）或不予入选',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '人才库入库由国家局决定',
  }),
  retireMember: action({
    name: 'talent.member.retire',
    description: '办理人才库成员退出',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '人才库成员退出由国家局办理',
  }),
  /** A nomination or membership by node(id); which rows exactly is membershipVisibility. */
  readMembership: action<NomineeFacts>({
    name: 'talent.membership.read',
    description: '查看人才库推荐与成员资格：国家局全部，省局本辖区人员的，企业本企业人员的，专家本人的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', EXPERT: 'self' },
    refusal: '无权查看该推荐',
    hideRefused: true,
  }),
};

/**
 * Nominations and memberships (alias of pool_membership), by the scope of talent.membership.read:
 * the national admin all; a provincial admin those of its jurisdiction's people; an enterprise
 * those of its staff; an expert their own; nobody else any.
 */
export const membershipVisibility: Visibility = (viewer, _today, alias) => {
  const m = trusted(alias);
  const ofPerson = (condition: Sql) => sql`exists (select 1 from person mp where mp.id = ${m}.person_id and ${condition})`;
  switch (scopeOf(viewer, talentActions.readMembership)) {
    case 'all':
      return null;
    case 'jurisdiction': {
      const region = jurisdictionOf(viewer);
      return region ? ofPerson(sql`${personJurisdiction('mp')} = ${region}`) : FALSE;
    }
    case 'own': {
      const enterprise = enterpriseOf(viewer);
      return enterprise ? ofPerson(sql`mp.employer_enterprise_id = ${enterprise}::uuid`) : FALSE;
    }
    case 'self': {
      const self = personOf(viewer);
      return self ? sql`${m}.person_id = ${self}::uuid` : FALSE;
    }
    default:
      return FALSE;
  }
};

export const talentPolicy: Policy = {
  actions: Object.values(talentActions),
  visibility: { PoolMembership: membershipVisibility },
};
