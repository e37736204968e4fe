import { defineModule } from '../../common/module.js';
import { SystemMeta } from './system-meta.entity.js';
import { DataVersion } from './data-version.entity.js';

/** Bookkeeping of the installation itself (whether the demo data set was loaded, the data version). Nothing in the API. */
export const systemModule = defineModule({
  name: 'system',
  entities: [SystemMeta, DataVersion],
  resolvers: [],
  nodes: {},
  policy: { actions: [] },
});
