/**
 * The Node cases of consulting sessions [D 四(三)二] for test/architecture/node-implementations.test.ts
 * (spread into its CASES next to SERVICE_MEASURE_CASES): how to make a session and a booking in its
 * fresh database, who sees them and who does not.
 */
import { as } from '../../harness/app.js';
import { makeDesignation, makeEnterprise } from '../../harness/factories.js';
import { insertPerson } from '../../../seeds/factories.js';
import { gid, JS, rng, type Case, type World } from './world.js';

let serial = 0;

/** A session of a Jiangsu team selected by the Jiangsu bureau for 2026, arranged by the national bureau: its global id. */
async function createSession({ t }: World): Promise<string> {
  const team = (await t.ok(`mutation { createServiceOrganization(input: { name: "江苏问诊节点服务团队${++serial}", kind: SERVICE_TEAM, regionCode: "${JS}" }) { organization { id } } }`)).createServiceOrganization.organization.id;
  const selection = (
    await t.ok(`mutation($input: SelectServiceTeamInput!) { selectServiceTeam(input: $input) { selection { id } } }`, { input: { organizationId: team, year: 2026, termStartsOn: '2026-03-01', termEndsOn: '2027-02-28' } }, as.provincial(JS))
  ).selectServiceTeam.selection.id;
  const input = { selectionId: selection, startsAt: '2026-09-10T09:00:00+08:00', topics: ['专利导航'], capacity: 10, mode: 'ON_SITE', location: '南京市' };
  return (await t.ok(`mutation($input: CreateConsultingSessionInput!) { createConsultingSession(input: $input) { session { id } } }`, { input })).createConsultingSession.session.id;
}

export const CONSULTING_CASES: Record<string, Case> = {
  ConsultingSession: {
    create: createSession,
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'consulting sessions are public (the portal lists them), without personal data or who booked' },
  },
  ConsultingBooking: {
    // Booked by another demonstration enterprise of Jiangsu (the world's enterprise stays outside the public directory).
    create: async (w) => {
      const sessionId = await createSession(w);
      const e = await makeEnterprise(w.t.orm.em, rng, { regionCode: JS });
      await makeDesignation(w.t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      const person = await insertPerson(w.t.orm.em, { name: '节点问诊员工', employerEnterpriseId: e.id, category: 'IP_MANAGER' });
      const input = { sessionId, personId: gid('Person', person), questions: '如何开展专利导航？' };
      return (await w.t.ok(`mutation($input: BookConsultingSessionInput!) { bookConsultingSession(input: $input) { booking { id } } }`, { input }, as.enterprise(e.id))).bookConsultingSession.booking.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
};
