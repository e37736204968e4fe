import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import { directoryEntry, type ExpertDirectoryEntry } from '../talent/talent.resolver.js';
import { MembershipStatus, PoolMembership, PUBLIC_POOLS } from '../talent/pool-membership.entity.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Certificate, EnrolmentStatus, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';

/** Per-request batching for training sessions, so a catalogue page costs a fixed number of queries. */
export function createTrainingLoaders(em: EntityManager, clock: Clock) {
  return {
    programById: new DataLoader<string, TrainingProgram | undefined>(async (ids) => {
      const rows = await em.find(TrainingProgram, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((p) => p.id === id));
    }),
    sessionById: new DataLoader<string, TrainingSession | undefined>(async (ids) => {
      const rows = await em.find(TrainingSession, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((s) => s.id === id));
    }),
    personById: new DataLoader<string, Person | undefined>(async (ids) => {
      const rows = await em.find(Person, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((p) => p.id === id));
    }),
    organizationById: new DataLoader<string, ServiceOrganization | undefined>(async (ids) => {
      const rows = await em.find(ServiceOrganization, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((o) => o.id === id));
    }),
    /** The textbooks of each program, by title: two queries per batch. */
    textbooksByProgram: new DataLoader<string, TrainingTextbook[]>(async (ids) => {
      const links = await em.getConnection().execute<{ program_id: string; textbook_id: string }[]>(
        `select program_id, textbook_id from training_program_textbook where program_id in (${ids.map(() => '?').join(', ')})`,
        [...ids],
      );
      const books = links.length ? await em.find(TrainingTextbook, { id: { $in: [...new Set(links.map((l) => l.textbook_id))] } }, { orderBy: { title: 'asc', edition: 'asc' } }) : [];
      return ids.map((id) => books.filter((b) => links.some((l) => l.program_id === id && l.textbook_id === b.id)));
    }),
    /** The certificate of each enrolment, if any: one query per batch. */
    certificateByEnrolment: new DataLoader<string, Certificate | null>(async (ids) => {
      const rows = await em.find(Certificate, { enrolment: { $in: [...ids] } });
      return ids.map((id) => rows.find((c) => c.enrolment.id === id) ?? null);
    }),
    /** Seats taken per session (booked, or approved and waiting for the allocation): one grouped count per batch. */
    bookedSeatsBySession: new DataLoader<string, number>(async (ids) => {
      const rows = await em.getConnection().execute<{ session_id: string; n: number }[]>(
        `select session_id, count(*)::int as n from enrolment where session_id in (${ids.map(() => '?').join(', ')}) and status in (?, ?) group by session_id`,
        [...ids, EnrolmentStatus.BOOKED, EnrolmentStatus.APPROVED],
      );
      return ids.map((id) => rows.find((r) => r.session_id === id)?.n ?? 0);
    }),
    /** Instructors per session as public directory entries, ordered by name: two queries per batch. */
    instructorsBySession: new DataLoader<string, ExpertDirectoryEntry[]>(async (ids) => {
      const links = await em.getConnection().execute<{ session_id: string; person_id: string }[]>(
        `select session_id, person_id from training_session_instructor where session_id in (${ids.map(() => '?').join(', ')})`,
        [...ids],
      );
      const personIds = [...new Set(links.map((l) => l.person_id))];
      const [people, memberships] = personIds.length
        ? await Promise.all([
            em.find(Person, { id: { $in: personIds } }),
            em.find(PoolMembership, { person: { $in: personIds }, status: MembershipStatus.ADMITTED, pool: { $in: [...PUBLIC_POOLS] } }),
          ])
        : [[], []];
      const today = clock.today();
      return ids.map((id) =>
        links
          .filter((l) => l.session_id === id)
          .map((l) => people.find((p) => p.id === l.person_id)!)
          .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
          .map((p) => directoryEntry(p, memberships, today)),
      );
    }),
  };
}
