import type { AppModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseStatistics } from './enterprise-statistics.entity.js';
import { EnterpriseResolver, EnterpriseStatisticsResolver } from './enterprise.resolver.js';

export { Enterprise, SizeClass } from './enterprise.entity.js';
export { EnterpriseStatistics } from './enterprise-statistics.entity.js';

export const enterpriseModule: AppModule = {
  name: 'enterprise',
  resolvers: [EnterpriseResolver, EnterpriseStatisticsResolver],
  nodes: {
    Enterprise: fetchByIds(Enterprise),
    EnterpriseStatistics: fetchByIds(EnterpriseStatistics),
  },
};
