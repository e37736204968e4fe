import type { AppModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { Designation } from './designation.entity.js';
import { DesignationResolver } from './designation.resolver.js';

export { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';

export const designationModule: AppModule = {
  name: 'designation',
  resolvers: [DesignationResolver],
  nodes: {
    // A designation is visible with its enterprise.
    Designation: async (ctx, keys) => {
      const found = await fetchByIds(Designation)(ctx, keys);
      const entries = [...found] as [string, Designation][];
      const owners = await Promise.all(entries.map(([, d]) => ctx.loaders.visibleEnterpriseById.load(d.enterprise.id)));
      return new Map(entries.filter((_, i) => !!owners[i]));
    },
  },
};
