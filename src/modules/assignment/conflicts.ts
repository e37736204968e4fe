/**
 * Conflicts of interest between officers and enterprises (issue 14, item 2), as one SQL statement
 * so that the candidates of one enterprise and a plan for thousands use the same definition.
 *
 * Declared (liaison_conflict, not withdrawn): about an enterprise directly, or about a service
 * organisation, which then reaches every enterprise the organisation serves.
 * Derived (never stored, so never stale), through the officer's person record:
 * - EMPLOYED: the person's employer enterprise;
 * - FORMER_LIAISON: the person was the enterprise's own liaison (so worked for it);
 * - NOMINATED: the enterprise nominated the person to a talent pool;
 * - COMMISSIONER: the person serves or served it as an IP commissioner (ended less than two years ago);
 * - ORGANIZATION_MEMBER: the person is (or was less than two years ago) a member of an organisation
 *   that serves the enterprise.
 * "Serves" = a commissioner dispatch, an open service station, or a service record, within the two
 * years before `today` (the cooling-off the plans do not give; two years is the programme's ban
 * length, the nearest figure the plans have).
 */
import { sql, trusted, type Sql } from '../../common/sql.js';
import type { LiaisonConflictKind } from './officer.entity.js';

export interface ConflictRow {
  officer_id: string;
  enterprise_id: string;
  kind: LiaisonConflictKind;
  detail: string;
}

/** The organisation (column) serves the enterprise (column) within the two years before `cutoff`. */
function serves(org: string, enterprise: string, cutoff: Sql): Sql {
  const o = trusted(org);
  const e = trusted(enterprise);
  return sql`(exists (select 1 from commissioner_dispatch sd where sd.organization_id = ${o} and sd.enterprise_id = ${e} and coalesce(sd.ended_on, sd.ends_on) >= ${cutoff})
    or exists (select 1 from service_station ss where ss.organization_id = ${o} and ss.enterprise_id = ${e} and ss.opened_on is not null and coalesce(ss.closed_on, 'infinity'::date) >= ${cutoff})
    or exists (select 1 from service_record sr where sr.organization_id = ${o} and sr.enterprise_id = ${e} and sr.status <> 'VOIDED' and sr.served_on >= ${cutoff}))`;
}

/**
 * Every conflict pair of the officers matching `officers` (a condition on alias `o`) with the
 * enterprises matching `enterprises` (a condition on alias `e`), one row per pair and reason.
 */
export function conflictPairs(officers: Sql, enterprises: Sql, today: string): Sql {
  const cutoff = sql`(${today}::date - interval '2 years')::date`;
  return sql`
    select c.officer_id, c.enterprise_id, c.kind, c.detail
      from liaison_conflict c join liaison_officer o on o.id = c.officer_id join enterprise e on e.id = c.enterprise_id
     where c.withdrawn_at is null and ${officers} and ${enterprises}
    union all
    select c.officer_id, e.id, c.kind, so.name || '：' || c.detail
      from liaison_conflict c join liaison_officer o on o.id = c.officer_id join service_organization so on so.id = c.organization_id
      join enterprise e on ${serves('c.organization_id', 'e.id', cutoff)}
     where c.withdrawn_at is null and c.kind = 'SERVICE_ORGANIZATION' and ${officers} and ${enterprises}
    union all
    select o.id, e.id, 'EMPLOYED', '人员记录的工作单位为该企业'
      from liaison_officer o join person p on p.id = o.person_id join enterprise e on e.id = p.employer_enterprise_id
     where ${officers} and ${enterprises}
    union all
    select distinct o.id, e.id, 'FORMER_LIAISON', '曾任该企业的联络员（企业人员）'
      from liaison_officer o join enterprise_liaison l on l.person_id = o.person_id join enterprise e on e.id = l.enterprise_id
     where ${officers} and ${enterprises}
    union all
    select distinct o.id, e.id, 'NOMINATED', '由该企业推荐入人才库'
      from liaison_officer o join pool_membership pm on pm.person_id = o.person_id and pm.nominator_role = 'ENTERPRISE_USER'
      join app_user nu on nu.username = pm.nominated_by join enterprise e on e.id = nu.enterprise_id
     where ${officers} and ${enterprises}
    union all
    select distinct o.id, e.id, 'COMMISSIONER', '作为知识产权特派员服务该企业（现任或两年内）'
      from liaison_officer o join commissioner_dispatch d on d.person_id = o.person_id and coalesce(d.ended_on, d.ends_on) >= ${cutoff}
      join enterprise e on e.id = d.enterprise_id
     where ${officers} and ${enterprises}
    union all
    select distinct o.id, e.id, 'ORGANIZATION_MEMBER', '所在服务机构（' || so.name || '）服务该企业'
      from liaison_officer o join organization_member m on m.person_id = o.person_id and coalesce(m.ended_on, m.ends_on, 'infinity'::date) >= ${cutoff}
      join service_organization so on so.id = m.organization_id
      join enterprise e on ${serves('m.organization_id', 'e.id', cutoff)}
     where ${officers} and ${enterprises}`;
}
