import { defineModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { canReadFile } from './file-access.js';
import { StoredFile } from './stored-file.entity.js';

export { StoredFile } from './stored-file.entity.js';

export const fileModule = defineModule({
  name: 'file',
  entities: [StoredFile],
  policy: { actions: [] },
  resolvers: [],
  nodes: {
    StoredFile: async (ctx, keys) => {
      const v = ctx.viewer;
      if (v.kind !== 'USER') return new Map();
      const found = await fetchByIds(StoredFile)(ctx, keys);
      const out = new Map<string, object>();
      for (const [key, file] of found) if (await canReadFile(ctx.em, v, file as StoredFile)) out.set(key, file);
      return out;
    },
  },
});
