import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { query, sql } from '../../common/sql.js';
import { userJurisdiction } from './account.policy.js';

/** Per-request batching for the fields of user accounts. */
export function createAccountLoaders({ em }: LoaderContext) {
  return {
    /** The jurisdiction each user's scope lies in (userJurisdiction; null: none), the facts of the account rules: one query per batch. */
    jurisdictionByUser: new DataLoader<string, string | null>(async (ids) => {
      const rows = await query<{ id: string; region: string | null }>(em, sql`select u.id, ${userJurisdiction('u')} as region from app_user u where u.id in (${[...ids]})`);
      const found = new Map(rows.map((r) => [r.id, r.region]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    account: ReturnType<typeof createAccountLoaders>;
  }
}
