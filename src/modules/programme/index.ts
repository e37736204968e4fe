import { defineModule } from '../../common/module.js';
import { ProgrammeResolver } from './programme.resolver.js';
import { ProgrammeClockResolver } from './clock.resolver.js';
import { ProgrammeSettings } from './programme-settings.entity.js';
import { CalendarDay } from './calendar-day.entity.js';
import { programmePolicy } from './programme.policy.js';
import { createProgrammeLoaders } from './programme.loaders.js';

export { ProgrammeSettings } from './programme-settings.entity.js';
export { CalendarDay, CalendarDayKind } from './calendar-day.entity.js';

export const programmeModule = defineModule({
  name: 'programme',
  entities: [ProgrammeSettings, CalendarDay],
  createLoaders: createProgrammeLoaders,
  resolvers: [ProgrammeResolver, ProgrammeClockResolver],
  nodes: {},
  policy: programmePolicy,
});
