import { defineModule } from '../../common/module.js';
import { createFileLoaders } from './file.loaders.js';
import { filePolicy } from './file.policy.js';
import { StoredFile } from './stored-file.entity.js';

export { StoredFile } from './stored-file.entity.js';

export const fileModule = defineModule({
  name: 'file',
  entities: [StoredFile],
  createLoaders: createFileLoaders,
  policy: filePolicy,
  resolvers: [],
  nodes: {
    StoredFile: async (ctx, keys) => {
      const files = await ctx.loaders.file.visibleById.loadMany(keys);
      return new Map(files.filter((f): f is StoredFile => f instanceof StoredFile).map((f) => [f.id, f]));
    },
  },
});
