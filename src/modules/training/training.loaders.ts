import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { directoryEntry, type ExpertDirectoryEntry } from '../talent/talent.resolver.js';
import { MembershipStatus, PoolMembership, PUBLIC_POOLS } from '../talent/pool-membership.entity.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Certificate, type Enrolment, EnrolmentStatus, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { findVisibleEnrolments } from './training.service.js';
import { Sql } from '../../common/sql.js';

/** One row of an enterprise's training record. */
export interface TrainingRecordRow {
  employer_id: string;
  person_name: string;
  title: string;
  tier: string;
  year: number;
  status: string;
  number: string | null;
}

/** Enterprise.trainingEnrolments lists at most this many per enterprise. */
export const ENTERPRISE_ENROLMENTS_MAX = 500;

/**
 * Lists keyed by `<id>|<variant>` (the variant being an argument such as a status filter): one batch
 * query per variant for all the ids of a request, grouped by id.
 */
function listLoader<T>(load: (ids: string[], variant: string) => Promise<Map<string, T[]>>) {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const at = key.indexOf('|');
      const variant = key.slice(at + 1);
      groups.set(variant, [...(groups.get(variant) ?? []), key.slice(0, at)]);
    }
    const out = new Map<string, T[]>();
    for (const [variant, ids] of groups) for (const [id, rows] of await load(ids, variant)) out.set(`${id}|${variant}`, rows);
    return keys.map((k) => out.get(k) ?? []);
  });
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

/** The status filter of a list as a loader variant, and back. */
export const statusVariant = (statuses: readonly EnrolmentStatus[] | null | undefined) => (statuses ? [...statuses].sort().join(',') : '*');
const statusCondition = (variant: string, alias = 'en') => (variant === '*' ? new Sql('', []) : new Sql(` and ${alias}.status in (?)`, [variant.split(',')]));

/** Per-request batching for training sessions, so a catalogue page costs a fixed number of queries. */
export function createTrainingLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** A session's enrolments the viewer may see, by request time; key `<sessionId>|<statusVariant>`. */
    enrolmentsBySession: listLoader<Enrolment>(async (ids, variant) => {
      const status = statusCondition(variant);
      const rows = await findVisibleEnrolments(em, viewer, new Sql(`en.session_id in (?)${status.sql}`, [ids, ...status.params]));
      return groupBy(rows, (e) => e.session.id);
    }),
    /** An enterprise's staff's enrolments, newest first, at most ENTERPRISE_ENROLMENTS_MAX each; key `<enterpriseId>|<statusVariant>`. */
    enrolmentsByEnterprise: listLoader<Enrolment>(async (ids, variant) => {
      const status = statusCondition(variant, 'e2');
      const rows = await findVisibleEnrolments(
        em,
        viewer,
        new Sql(`en.id in (select x.id from (select e2.id, row_number() over (partition by pe2.employer_enterprise_id order by e2.requested_at desc, e2.id desc) as n
                 from enrolment e2 join person pe2 on pe2.id = e2.person_id where pe2.employer_enterprise_id in (?)${status.sql}) x where x.n <= ${ENTERPRISE_ENROLMENTS_MAX})`, [ids, ...status.params]),
        'en.requested_at desc, en.id desc',
      );
      const people = rows.length ? await em.find(Person, { id: { $in: [...new Set(rows.map((e) => e.person.id))] } }) : [];
      return groupBy(rows, (e) => people.find((p) => p.id === e.person.id)!.employerEnterprise!.id);
    }),
    /** Completed or attended training of an enterprise's staff, latest first; key `<enterpriseId>|<year or *>`. */
    trainingRecordsByEnterprise: listLoader<TrainingRecordRow>(async (ids, variant) => {
      const rows = await em.execute<TrainingRecordRow[]>(
        `select pe.employer_enterprise_id as employer_id, pe.name as person_name, p.title, p.tier, extract(year from s.ends_on)::int as year, en.status, c.number
           from enrolment en join person pe on pe.id = en.person_id join training_session s on s.id = en.session_id
           join training_program p on p.id = s.program_id left join certificate c on c.enrolment_id = en.id
          where pe.employer_enterprise_id in (?) and en.status in ('COMPLETED', 'ATTENDED') ${variant === '*' ? '' : 'and extract(year from s.ends_on) = ?'}
          order by s.ends_on desc, pe.name, en.id`,
        [ids, ...(variant === '*' ? [] : [Number(variant)])],
      );
      return groupBy(rows, (r) => r.employer_id);
    }),
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
      const links = await em.execute<{ program_id: string; textbook_id: string }[]>(
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
      const rows = await em.execute<{ session_id: string; n: number }[]>(
        `select session_id, count(*)::int as n from enrolment where session_id in (${ids.map(() => '?').join(', ')}) and status in (?, ?) group by session_id`,
        [...ids, EnrolmentStatus.BOOKED, EnrolmentStatus.APPROVED],
      );
      return ids.map((id) => rows.find((r) => r.session_id === id)?.n ?? 0);
    }),
    /** Instructors per session as public directory entries, ordered by name: two queries per batch. */
    instructorsBySession: new DataLoader<string, ExpertDirectoryEntry[]>(async (ids) => {
      const links = await em.execute<{ session_id: string; person_id: string }[]>(
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

declare module '../../common/module.js' {
  interface ModuleLoaders {
    training: ReturnType<typeof createTrainingLoaders>;
  }
}
