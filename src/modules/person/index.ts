import { defineModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { Person } from './person.entity.js';
import { canSeePerson, PersonResolver } from './person.resolver.js';

export { Person } from './person.entity.js';

export const personModule = defineModule({
  name: 'person',
  entities: [Person],
  policy: { actions: [] },
  resolvers: [PersonResolver],
  nodes: {
    Person: async (ctx, keys) => {
      const found = await fetchByIds(Person)(ctx, keys);
      return new Map([...found].filter(([, p]) => canSeePerson(ctx, p as Person)));
    },
  },
});
