import type { AppModule } from '../../common/module.js';
import { fromReference } from '../region/index.js';
import { IndustryResolver } from './industry.resolver.js';

export { Industry, IndustryLevel } from './industry.entity.js';

export const industryModule: AppModule = {
  name: 'industry',
  resolvers: [IndustryResolver],
  nodes: { Industry: fromReference((ctx, key) => ctx.reference.industry(key)) },
};
