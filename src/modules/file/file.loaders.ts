import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { UUID } from '../../common/fetch-by-ids.js';
import { and, anyOf, trusted } from '../../common/sql.js';
import { fileVisibility } from './file.policy.js';
import { StoredFile } from './stored-file.entity.js';

/** Per-request batching for stored files. */
export function createFileLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** Files by id, only those the viewer may read (others are null): one query per batch. */
    visibleById: new DataLoader<string, StoredFile | null>(async (ids) => {
      const wanted = ids.filter((id) => UUID.test(id));
      const where = and(anyOf(trusted('f.id'), wanted), fileVisibility(viewer, clock.today(), 'f'));
      const rows = wanted.length ? await em.createQueryBuilder(StoredFile, 'f').where(where.sql, [...where.params]).getResultList() : [];
      const byId = new Map(rows.map((f) => [f.id, f]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    file: ReturnType<typeof createFileLoaders>;
  }
}
