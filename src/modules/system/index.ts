import { defineModule } from '../../common/module.js';
import { SystemMeta } from './system-meta.entity.js';

/** Bookkeeping of the installation itself (e.g. whether the demo data set was loaded). Nothing in the API. */
export const systemModule = defineModule({
  name: 'system',
  entities: [SystemMeta],
  resolvers: [],
  nodes: {},
  policy: { actions: [] },
});
