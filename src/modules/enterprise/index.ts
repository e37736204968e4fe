import { defineModule } from '../../common/module.js';
import { enterpriseReporting } from './enterprise.reporting.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { enterprisePolicy, factsOf, hasFullEnterpriseAccess } from './enterprise.policy.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseStatistics } from './enterprise-statistics.entity.js';
import { EnterpriseResolver, EnterpriseStatisticsResolver } from './enterprise.resolver.js';
import { createEnterpriseLoaders } from './enterprise.loaders.js';

export { Enterprise, SizeClass } from './enterprise.entity.js';
export { EnterpriseStatistics } from './enterprise-statistics.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const enterpriseModule = defineModule({
  name: 'enterprise',
  entities: [Enterprise, EnterpriseStatistics],
  createLoaders: createEnterpriseLoaders,
  policy: enterprisePolicy,
  reporting: enterpriseReporting,
  resolvers: [EnterpriseResolver, EnterpriseStatisticsResolver],
  nodes: {
    Enterprise: async (ctx, keys) => {
      const rows = await Promise.all(keys.map((k) => (UUID.test(k) ? ctx.loaders.enterprise.visibleById.load(k) : null)));
      return new Map(rows.filter((e): e is Enterprise => !!e).map((e) => [e.id, e]));
    },
    // A year's statistics are visible with the whole record of their enterprise.
    EnterpriseStatistics: async (ctx, keys) => {
      const found = await fetchByIds(EnterpriseStatistics)(ctx, keys);
      const entries = [...found] as [string, EnterpriseStatistics][];
      const owners = await Promise.all(entries.map(([, s]) => ctx.loaders.enterprise.visibleById.load(s.enterprise.id)));
      return new Map(
        entries.filter((_, i) => {
          const e = owners[i];
          return !!e && hasFullEnterpriseAccess(ctx.viewer, factsOf(e));
        }),
      );
    },
  },
});
