import { defineModule } from '../../common/module.js';
import { reportingPolicy } from './reporting.policy.js';
import { timeDimensions } from './reporting.dimensions.js';
import { StatisticsResolver } from './statistics.resolver.js';

export const reportingModule = defineModule({
  name: 'reporting',
  entities: [],
  policy: reportingPolicy,
  resolvers: [StatisticsResolver],
  nodes: {},
  reporting: { dimensions: timeDimensions },
});
