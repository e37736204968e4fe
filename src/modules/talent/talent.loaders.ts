import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { MembershipStatus, PoolMembership, PUBLIC_POOLS } from './pool-membership.entity.js';

/** Per-request batching for the talent pools. */
export function createTalentLoaders({ em }: LoaderContext) {
  return {
    /**
     * Each person's admitted memberships of the public pools (any term: directoryEntry keeps those
     * current on the day), public facts only: one query per batch.
     */
    publicMembershipsByPerson: new DataLoader<string, PoolMembership[]>(async (personIds) => {
      const rows = await em.find(PoolMembership, { person: { $in: [...personIds] }, status: MembershipStatus.ADMITTED, pool: { $in: [...PUBLIC_POOLS] } }, { orderBy: { nominatedAt: 'asc', id: 'asc' } });
      const byPerson = new Map<string, PoolMembership[]>();
      for (const m of rows) byPerson.set(m.person.id, [...(byPerson.get(m.person.id) ?? []), m]);
      return personIds.map((id) => byPerson.get(id) ?? []);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    talent: ReturnType<typeof createTalentLoaders>;
  }
}
