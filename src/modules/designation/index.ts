import type { AppModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { Designation } from './designation.entity.js';
import { DesignationResolver } from './designation.resolver.js';

export { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';

export const designationModule: AppModule = {
  name: 'designation',
  resolvers: [DesignationResolver],
  nodes: { Designation: fetchByIds(Designation) },
};
