import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { LoaderContext } from '../../common/module.js';
import { anyOf, trusted } from '../../common/sql.js';
import { LeanQuery } from '../../common/pagination.js';
import { Designation } from './designation.entity.js';
import { RevocationIncident } from './incident.entity.js';
import { ApplicationBan } from './ban.entity.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';

/** One query for a batch of enterprise ids, rows grouped back by enterprise. */
function byEnterprise<T extends { enterprise: { id: string } }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T[]>(async (enterpriseIds) => {
    const rows = await load([...enterpriseIds]);
    const grouped = new Map<string, T[]>(enterpriseIds.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.enterprise.id)?.push(row);
    return enterpriseIds.map((id) => grouped.get(id) ?? []);
  });
}

/** Per-request batching for designations. */
export function createDesignationLoaders({ em, viewer, clock }: LoaderContext) {
  /** Rows of the enterprises' whole record (incidents, bans), newest first, only as far as the viewer sees that record. */
  const recordRows = <T extends object>(entity: EntityClass<T>, dateProperty: string) => (ids: string[]) =>
    new LeanQuery(em, entity, 'r', [anyOf(trusted('r.enterprise_id'), ids), enterpriseRecordVisibility(viewer, clock.today(), 'r')])
      .orderBy([{ [dateProperty]: 'desc' }, { id: 'desc' }])
      .getResultList();
  return {
    /** All designations of each enterprise, newest first: one query per batch (the enterprises are visible, and so are their designations). */
    byEnterprise: byEnterprise((ids) =>
      new LeanQuery(em, Designation, 'd', [anyOf(trusted('d.enterprise_id'), ids)]).orderBy([{ validFrom: 'desc' }, { level: 'desc' }, { id: 'desc' }]).getResultList(),
    ),
    incidentsByEnterprise: byEnterprise(recordRows(RevocationIncident, 'occurredOn')),
    bansByEnterprise: byEnterprise(recordRows(ApplicationBan, 'startsOn')),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    designation: ReturnType<typeof createDesignationLoaders>;
  }
}
