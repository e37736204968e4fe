import { defineModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { Designation } from './designation.entity.js';
import { DesignationResolver } from './designation.resolver.js';
import { RevocationResolver } from './revocation.resolver.js';
import { ReexaminationResolver } from './reexamination.resolver.js';
import { RevocationIncident } from './incident.entity.js';
import { ApplicationBan } from './ban.entity.js';
import { createDesignationLoaders } from './designation.loaders.js';
import { factsOf, hasFullEnterpriseAccess } from '../enterprise/enterprise.policy.js';
import type { Context } from '../../context.js';

/** Rows that hang off an enterprise, visible with its whole record. */
function withFullAccess<T extends { id: string; enterprise: { id: string } }>(entity: new () => T) {
  return async (ctx: Context, keys: string[]) => {
    const found = await fetchByIds(entity as never)(ctx, keys);
    const entries = [...found] as [string, T][];
    const owners = await Promise.all(entries.map(([, row]) => ctx.loaders.enterprise.visibleById.load(row.enterprise.id)));
    return new Map(
      entries.filter((_, i) => {
        const e = owners[i];
        return !!e && hasFullEnterpriseAccess(ctx.viewer, factsOf(e));
      }),
    );
  };
}

export { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';
export { RevocationIncident, IncidentKind, PenaltyArea } from './incident.entity.js';
export { ApplicationBan, BanReason } from './ban.entity.js';

export const designationModule = defineModule({
  name: 'designation',
  entities: [Designation, RevocationIncident, ApplicationBan],
  createLoaders: createDesignationLoaders,
  policy: { actions: [] },
  resolvers: [DesignationResolver, RevocationResolver, ReexaminationResolver],
  nodes: {
    // A designation is visible with its enterprise.
    Designation: async (ctx, keys) => {
      const found = await fetchByIds(Designation)(ctx, keys);
      const entries = [...found] as [string, Designation][];
      const owners = await Promise.all(entries.map(([, d]) => ctx.loaders.enterprise.visibleById.load(d.enterprise.id)));
      return new Map(entries.filter((_, i) => !!owners[i]));
    },
    RevocationIncident: withFullAccess(RevocationIncident),
    ApplicationBan: withFullAccess(ApplicationBan),
  },
});
