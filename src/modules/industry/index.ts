import { defineModule } from '../../common/module.js';
import { fromReference } from '../region/index.js';
import { IndustryResolver } from './industry.resolver.js';
import { Industry } from './industry.entity.js';
import { industryPolicy } from './industry.policy.js';
import { industryDimensions } from './industry.reporting.js';

export { Industry, IndustryLevel } from './industry.entity.js';

export const industryModule = defineModule({
  name: 'industry',
  entities: [Industry],
  policy: industryPolicy,
  resolvers: [IndustryResolver],
  reporting: { dimensions: industryDimensions },
  nodes: { Industry: fromReference((ctx, key) => ctx.reference.industry(key)) },
});
