import type { AppModule } from '../../common/module.js';
import { BureauResolver, RegionResolver } from './region.resolver.js';

export { Region, RegionKind } from './region.entity.js';
export { Bureau, BureauLevel } from './bureau.entity.js';

const fromReference =
  <T>(pick: (ctx: Parameters<AppModule['nodes'][string]>[0], key: string) => T | undefined) =>
  async (ctx: Parameters<AppModule['nodes'][string]>[0], keys: string[]) => {
    const out = new Map<string, object>();
    for (const key of keys) {
      const found = pick(ctx, key);
      if (found) out.set(key, found as object);
    }
    return out;
  };

export const regionModule: AppModule = {
  name: 'region',
  resolvers: [RegionResolver, BureauResolver],
  nodes: {
    Region: fromReference((ctx, key) => ctx.reference.region(key)),
    Bureau: fromReference((ctx, key) => ctx.reference.bureau(key)),
  },
};
export { fromReference };
