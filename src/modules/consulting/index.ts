import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { ConsultingSession } from './session.entity.js';
import { ConsultingBooking } from './booking.entity.js';
import { bookingVisibility, consultingPolicy, sessionVisibility } from './consulting.policy.js';
import { createConsultingLoaders } from './consulting.loaders.js';
import { ConsultingSessionResolver } from './session.resolver.js';
import { ConsultingBookingResolver } from './booking.resolver.js';

export { ConsultingSession, ConsultingSessionStatus, ConsultingMode } from './session.entity.js';
export { ConsultingBooking, ConsultingBookingStatus } from './booking.entity.js';

/**
 * Consulting sessions (问诊咨询) [D 四(三)二] (docs/consulting.md): selected quality teams offer
 * sessions (one, or a season at once), enterprises book seats for their staff, the team records what
 * was diagnosed and advised (a CONSULTATION service record) and the enterprise rates it.
 */
export const consultingModule = defineModule({
  name: 'consulting',
  entities: [ConsultingSession, ConsultingBooking],
  createLoaders: createConsultingLoaders,
  policy: consultingPolicy,
  resolvers: [ConsultingSessionResolver, ConsultingBookingResolver],
  nodes: {
    // Sessions are public; a booking only for those who may see it.
    ConsultingSession: fetchVisibleByIds(ConsultingSession, 's', sessionVisibility),
    ConsultingBooking: fetchVisibleByIds(ConsultingBooking, 'b', bookingVisibility),
  },
});
