import type { AppModule } from '../../common/module.js';
import { ProgrammeResolver } from './programme.resolver.js';

export { ProgrammeSettings } from './programme-settings.entity.js';
export { CalendarDay, CalendarDayKind } from './calendar-day.entity.js';

export const programmeModule: AppModule = { name: 'programme', resolvers: [ProgrammeResolver], nodes: {} };
