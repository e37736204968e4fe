import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { isCalendarDate } from '../../common/scalars.js';
import { and, anyOf, anyOfGiven, query, sql } from '../../common/sql.js';
import { directoryEntry, type ExpertDirectoryEntry } from '../talent/expert-directory.js';
import { MembershipStatus, PoolMembership, PUBLIC_POOLS } from '../talent/pool-membership.entity.js';
import { Person, type PersonCategory } from '../person/person.entity.js';
import { Certificate, Enrolment, EnrolmentStatus, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { enrolmentVisibility } from './training.policy.js';
import { instantText, isInstantText, nestedListLoader, type NestedList, type PageRow } from './training.paging.js';
import { TrainingRecord } from './attendance.inputs.js';

/** The filter of an enrolment list: some statuses, or (null) all. */
export interface StatusFilter {
  statuses: EnrolmentStatus[] | null;
}

/** The filter of an enterprise's training records: one year (of the session's end), or (null) all. */
export interface YearFilter {
  year: number | null;
}

interface RecordRow extends PageRow {
  person_name: string;
  title: string;
  tier: PersonCategory;
  year: number;
  status: EnrolmentStatus;
  number: string | null;
}

/** One query for the entities of many ids, in the order of the ids. */
function byIds<T extends { id: string }>(rows: T[], ids: readonly string[]): T[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id)!);
}

/** Per-request batching for training, so that a catalogue page, its rosters or a page of enterprises cost a fixed number of statements. */
export function createTrainingLoaders({ em, viewer, clock }: LoaderContext) {
  const visible = () => enrolmentVisibility(viewer, clock.today(), 'en');

  /** An enrolment list ordered by time of request, with its status filter and the viewer's visibility. */
  const enrolmentList = (spec: Pick<NestedList<StatusFilter, PageRow, Enrolment>, 'orderKey' | 'ascending' | 'from' | 'parent'>) =>
    nestedListLoader<StatusFilter, PageRow, Enrolment>(em, {
      ...spec,
      id: sql`en.id`,
      sort: sql`en.requested_at`,
      sortText: instantText(sql`en.requested_at`),
      cast: 'timestamptz',
      valueOk: isInstantText,
      where: (f) => and(anyOfGiven(sql`en.status`, f.statuses), visible()),
      nodes: async (rows) => byIds(await em.find(Enrolment, { id: { $in: [...new Set(rows.map((r) => r.id))] } }), rows.map((r) => r.id)),
    });

  return {
    /** A session's roster (TrainingSession.enrolments): the enrolments the viewer may see, by time of request. */
    roster: enrolmentList({ orderKey: 'REQUESTED_AT:ASC', ascending: true, from: sql`enrolment en`, parent: sql`en.session_id` }),
    /** An enterprise's staff's enrolments (Enterprise.trainingEnrolments), newest first. */
    enterpriseEnrolments: enrolmentList({ orderKey: 'REQUESTED_AT:DESC', ascending: false, from: sql`enrolment en join person pe on pe.id = en.person_id`, parent: sql`pe.employer_enterprise_id` }),
    /** Completed or attended training of an enterprise's staff (Enterprise.trainingRecords), latest session end first. */
    enterpriseRecords: nestedListLoader<YearFilter, RecordRow, TrainingRecord>(em, {
      orderKey: 'ENDS_ON:DESC',
      ascending: false,
      from: sql`enrolment en join person pe on pe.id = en.person_id join training_session s on s.id = en.session_id
                join training_program p on p.id = s.program_id left join certificate c on c.enrolment_id = en.id`,
      parent: sql`pe.employer_enterprise_id`,
      id: sql`en.id`,
      sort: sql`s.ends_on`,
      sortText: sql`s.ends_on::text`,
      cast: 'date',
      valueOk: (v) => typeof v === 'string' && isCalendarDate(v),
      columns: sql`pe.name as person_name, p.title, p.tier, extract(year from s.ends_on)::int as year, en.status, c.number`,
      where: (f) =>
        and(anyOf(sql`en.status`, [EnrolmentStatus.COMPLETED, EnrolmentStatus.ATTENDED]), f.year === null ? null : sql`extract(year from s.ends_on) = ${f.year}`, visible()),
      nodes: async (rows) =>
        rows.map((r) =>
          Object.assign(new TrainingRecord(), { personName: r.person_name, programTitle: r.title, tier: r.tier, year: r.year, status: r.status, certificateNumber: r.number }),
        ),
    }),
    programById: new DataLoader<string, TrainingProgram | undefined>(async (ids) => byIds(await em.find(TrainingProgram, { id: { $in: [...ids] } }), ids)),
    sessionById: new DataLoader<string, TrainingSession | undefined>(async (ids) => byIds(await em.find(TrainingSession, { id: { $in: [...ids] } }), ids)),
    personById: new DataLoader<string, Person | undefined>(async (ids) => byIds(await em.find(Person, { id: { $in: [...ids] } }), ids)),
    /** The textbooks of each program, by title: two queries per batch. */
    textbooksByProgram: new DataLoader<string, TrainingTextbook[]>(async (ids) => {
      const links = await query<{ program_id: string; textbook_id: string }>(em, sql`select program_id, textbook_id from training_program_textbook where program_id in (${ids})`);
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
      const rows = await query<{ session_id: string; n: number }>(
        em,
        sql`select session_id, count(*)::int as n from enrolment where session_id in (${ids}) and status in (${[EnrolmentStatus.BOOKED, EnrolmentStatus.APPROVED]}) group by session_id`,
      );
      return ids.map((id) => rows.find((r) => r.session_id === id)?.n ?? 0);
    }),
    /** Instructors per session as public directory entries, ordered by name: two queries per batch. */
    instructorsBySession: new DataLoader<string, ExpertDirectoryEntry[]>(async (ids) => {
      const links = await query<{ session_id: string; person_id: string }>(em, sql`select session_id, person_id from training_session_instructor where session_id in (${ids})`);
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
