import { defineModule } from '../../common/module.js';
import { UUID } from '../../common/fetch-by-ids.js';
import { Person } from './person.entity.js';
import { createPersonLoaders } from './person.loaders.js';
import { personPolicy } from './person.policy.js';
import { PersonResolver } from './person.resolver.js';

export { Person } from './person.entity.js';

export const personModule = defineModule({
  name: 'person',
  entities: [Person],
  createLoaders: createPersonLoaders,
  policy: personPolicy,
  resolvers: [PersonResolver],
  nodes: {
    // Through the person visibility (the bureaus, the person), batched with every other lookup of the request.
    Person: async (ctx, keys) => {
      const rows = await Promise.all(keys.filter((k) => UUID.test(k)).map((k) => ctx.loaders.person.visibleById.load(k)));
      return new Map(rows.filter((p): p is Person => !!p).map((p) => [p.id, p]));
    },
  },
});
