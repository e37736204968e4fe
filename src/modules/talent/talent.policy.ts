import type { Policy, Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted, type Sql } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf, personOf } from '../../common/viewer.policy.js';

/**
 * A person's jurisdiction (alias of person `p`): their employer enterprise's, else their own region.
 * The same rule as the nomination queue's.
 */
export const personJurisdiction = (p: string) =>
  trusted(`coalesce((select pje.region_code from enterprise pje where pje.id = ${p}.employer_enterprise_id), ${p}.region_code)`);

/**
 * Nominations and memberships (alias of pool_membership): the national admin all; a provincial
 * admin those of its jurisdiction's people; an enterprise those of its staff; an expert their own.
 */
export const membershipVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const p = trusted('mp');
  const of = (condition: Sql) => sql`exists (select 1 from person mp where mp.id = ${trusted(alias)}.person_id and ${condition})`;
  const region = jurisdictionOf(viewer);
  if (region) return of(sql`${personJurisdiction('mp')} = ${region}`);
  const enterprise = enterpriseOf(viewer);
  if (enterprise) return of(sql`${p}.employer_enterprise_id = ${enterprise}::uuid`);
  const self = personOf(viewer);
  if (self) return sql`${trusted(alias)}.person_id = ${self}::uuid`;
  return FALSE;
};

export const talentPolicy: Policy = {
  actions: [],
  visibility: { PoolMembership: membershipVisibility },
};
