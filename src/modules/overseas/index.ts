import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { OverseasWorkstation, WorkstationCalendarDay } from './workstation.entity.js';
import { OverseasWorkstationResolver } from './workstation.resolver.js';
import { overseasPolicy } from './overseas.policy.js';
import { createOverseasLoaders } from './overseas.loaders.js';

/** Overseas protection [D 四(二), A 四(三)]: the overseas workstations, their coverage and business calendars, and deadlines in their business time (docs/overseas.md). */
export const overseasModule = defineModule({
  name: 'overseas',
  entities: [OverseasWorkstation, WorkstationCalendarDay],
  createLoaders: createOverseasLoaders,
  policy: overseasPolicy,
  resolvers: [OverseasWorkstationResolver],
  nodes: {
    OverseasWorkstation: fetchVisibleByIds(OverseasWorkstation, 'ow', () => null),
  },
});
