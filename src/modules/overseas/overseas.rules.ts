/**
 * What the overseas module's services share.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../common/errors.js';
import { tryGlobalId } from '../../common/node.js';
import { query, sql } from '../../common/sql.js';
import { Person } from '../person/person.entity.js';
import { PUBLIC_POOLS } from '../talent/pool-membership.entity.js';

/** No enterprise: the attachments of an organisation's own record never match an enterprise's files. */
const NO_ENTERPRISE = '00000000-0000-0000-0000-000000000000';

/**
 * Whose files may be attached to a record of `organizationId` (service.rules.ts, attachments): the
 * uploader's and the organisation's; for the national bureau's own record (null), the uploader's.
 */
export function organizationFilesOwner(organizationId: string | null): { enterpriseId: string; organizationId: string } {
  return { enterpriseId: NO_ENTERPRISE, organizationId: organizationId ?? NO_ENTERPRISE };
}

/**
 * An expert of the public talent pools (a Person or ExpertDirectoryEntry global id): admitted to one
 * and within its term today (BAD_USER_INPUT otherwise), so that what a case or a consultation shows
 * of them is what the public expert directory shows. Cases and consultations take their experts here.
 */
export async function poolExpert(em: EntityManager, globalId: string, today: string, field: string): Promise<Person> {
  const id = tryGlobalId(globalId, 'Person') ?? tryGlobalId(globalId, 'ExpertDirectoryEntry');
  if (!id) throw badInput(field, '不是有效的专家 ID');
  const [member] = await query<{ id: string }>(
    em,
    sql`select p.id from person p where p.id = ${id}::uuid and exists (select 1 from pool_membership m where m.person_id = p.id and m.status = 'ADMITTED'
      and m.pool in (${[...PUBLIC_POOLS]}) and m.term_start <= ${today}::date and m.term_end >= ${today}::date)`,
  );
  if (!member) throw badInput(field, '不是公开人才库（专家咨询委员会、专家库、师资库）的在任成员');
  return em.findOneOrFail(Person, id);
}
