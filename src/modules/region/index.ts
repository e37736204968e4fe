import { defineModule, type NodeFetcher } from '../../common/module.js';
import { Region } from './region.entity.js';
import { Bureau } from './bureau.entity.js';
import { BureauResolver, RegionResolver } from './region.resolver.js';
import { regionPolicy } from './region.policy.js';
import { regionDimensions } from './region.reporting.js';

export { Region, RegionKind } from './region.entity.js';
export { Bureau, BureauLevel } from './bureau.entity.js';

const fromReference =
  <T>(pick: (ctx: Parameters<NodeFetcher>[0], key: string) => T | undefined): NodeFetcher =>
  async (ctx, keys) => {
    const out = new Map<string, object>();
    for (const key of keys) {
      const found = pick(ctx, key);
      if (found) out.set(key, found as object);
    }
    return out;
  };

export const regionModule = defineModule({
  name: 'region',
  entities: [Region, Bureau],
  policy: regionPolicy,
  resolvers: [RegionResolver, BureauResolver],
  reporting: { dimensions: regionDimensions },
  nodes: {
    Region: fromReference((ctx, key) => ctx.reference.region(key)),
    Bureau: fromReference((ctx, key) => ctx.reference.bureau(key)),
  },
});
export { fromReference };
