/**
 * What an assignment decision is made from, read in a handful of statements for one bureau on one
 * day: its officers, the enterprises it assigns (R17: those holding a demonstration title that day;
 * a provincial bureau only those of its jurisdiction), the current and recent assignments, and the
 * conflicts of interest. Candidates (one enterprise) and plans (all of them) score from the same
 * world with the same function, so the explanation of a plan row is the candidate list's.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { anyOf, query, sql, type Sql } from '../../common/sql.js';
import type { ReferenceData } from '../../common/reference-data.js';
import { isDemonstrationOn } from '../liaison/liaison.common.js';
import { NATIONAL_BUREAU } from '../liaison/liaison.policy.js';
import { LiaisonCapacityBasis } from '../programme/programme-settings.entity.js';
import { conflictPairs } from './conflicts.js';
import type { AssignmentFactors } from './assignment.entity.js';
import type { LiaisonConflictKind, LiaisonOfficerAbsence, LiaisonOfficerStatus } from './officer.entity.js';

export interface WorldOfficer {
  id: string;
  user_id: string;
  name: string;
  capacity: number;
  regions: string[];
  industry_sections: string[];
  languages: string[];
  absences: LiaisonOfficerAbsence[];
  status: LiaisonOfficerStatus;
  version: number;
}

export interface WorldEnterprise {
  id: string;
  name: string;
  region_code: string;
  industry_code: string;
  size_class: string;
  export_oriented: boolean;
  open_needs: number;
}

export interface WorldAssignment {
  id: string;
  enterprise_id: string;
  officer_id: string;
  seats: number;
  source: 'MANUAL' | 'PLAN';
}

export interface World {
  bureauCode: string;
  today: string;
  basis: LiaisonCapacityBasis;
  officers: WorldOfficer[];
  enterprises: WorldEnterprise[];
  /** Current assignments of the bureau (of the enterprises read; all of them when not narrowed). */
  current: WorldAssignment[];
  /** Seats used per officer by all its current assignments (never narrowed). */
  loads: Map<string, number>;
  /** `${enterpriseId}|${officerId}` of assignments that ended within three years (not for a conflict). */
  previous: Set<string>;
  /** enterpriseId → officerId → the conflict reasons. */
  conflicts: Map<string, Map<string, { kind: LiaisonConflictKind; detail: string }[]>>;
}

/** The languages an enterprise needs of its officer beyond Chinese: its autonomous region's, English when it exports. */
const REGION_LANGUAGES: Record<string, string> = { '650000': 'ug', '660000': 'ug', '540000': 'bo', '150000': 'mn' };

export function languagesNeeded(e: Pick<WorldEnterprise, 'region_code' | 'export_oriented'>): string[] {
  const out: string[] = [];
  const regional = REGION_LANGUAGES[e.region_code];
  if (regional) out.push(regional);
  if (e.export_oriented) out.push('en');
  return out;
}

/** Seats one enterprise uses of an officer's capacity under the basis (programme setting liaisonCapacityBasis). */
export function seatsOf(e: Pick<WorldEnterprise, 'size_class' | 'open_needs'>, basis: LiaisonCapacityBasis): number {
  switch (basis) {
    case LiaisonCapacityBasis.SIZE:
      return e.size_class === 'LARGE' ? 3 : e.size_class === 'MEDIUM' ? 2 : 1;
    case LiaisonCapacityBasis.NEEDS:
      return 1 + Math.min(2, e.open_needs);
    default:
      return 1;
  }
}

/** The officer is away on `day` (an absence period covers it). */
export function absentOn(o: Pick<WorldOfficer, 'absences'>, day: string): LiaisonOfficerAbsence | null {
  return o.absences.find((a) => a.from <= day && day <= a.until) ?? null;
}

const OPEN_NEEDS = ['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'ASSIGNED', 'REOPENED'];

/**
 * Reads the world of `bureauCode` on `today`; `enterpriseIds` narrows the enterprises (candidates of
 * one). Inside a transaction, pass the transaction's `em`.
 */
export async function loadWorld(em: EntityManager, bureauCode: string, today: string, basis: LiaisonCapacityBasis, enterpriseIds?: readonly string[]): Promise<World> {
  const scope: Sql[] = [isDemonstrationOn('e.id', today)];
  if (bureauCode !== NATIONAL_BUREAU) scope.push(sql`e.region_code = ${bureauCode}`);
  if (enterpriseIds) scope.push(anyOf(sql`e.id`, enterpriseIds));
  const enterpriseCond = scope.reduce((a, b) => sql`${a} and ${b}`);
  const officerCond = sql`o.bureau_code = ${bureauCode}`;
  // One after the other: inside a transaction they share its one connection.
  const officers = await query<WorldOfficer>(em, sql`select o.id, o.user_id, o.name, o.capacity, o.regions, o.industry_sections, o.languages, o.absences, o.status, o.version
      from liaison_officer o where ${officerCond} order by o.name, o.id`);
  const enterprises = await query<WorldEnterprise>(em, sql`select e.id, e.name, e.region_code, e.industry_code, e.size_class, e.export_oriented,
        (select count(*)::int from enterprise_need n where n.enterprise_id = e.id and ${anyOf(sql`n.status`, OPEN_NEEDS)}) as open_needs
      from enterprise e where ${enterpriseCond} order by e.id`);
  const current = await query<WorldAssignment>(em, sql`select a.id, a.enterprise_id, a.officer_id, a.seats, a.source from liaison_assignment a
      where a.bureau_code = ${bureauCode} and a.ended_on is null ${enterpriseIds ? sql`and ${anyOf(sql`a.enterprise_id`, enterpriseIds)}` : sql``} order by a.id`);
  const loads = await query<{ officer_id: string; seats: number }>(em, sql`select a.officer_id, sum(a.seats)::int as seats from liaison_assignment a
      where a.bureau_code = ${bureauCode} and a.ended_on is null group by a.officer_id`);
  const previous = await query<{ enterprise_id: string; officer_id: string }>(em, sql`select distinct a.enterprise_id, a.officer_id from liaison_assignment a
      where a.bureau_code = ${bureauCode} and a.ended_on is not null and a.ended_on >= (${today}::date - interval '3 years')::date
        and a.end_reason is distinct from 'CONFLICT_DECLARED' ${enterpriseIds ? sql`and ${anyOf(sql`a.enterprise_id`, enterpriseIds)}` : sql``}`);
  const conflicts = await query<{ officer_id: string; enterprise_id: string; kind: LiaisonConflictKind; detail: string }>(em, conflictPairs(officerCond, enterpriseCond, today));
  const byEnterprise = new Map<string, Map<string, { kind: LiaisonConflictKind; detail: string }[]>>();
  for (const c of conflicts) {
    let m = byEnterprise.get(c.enterprise_id);
    if (!m) byEnterprise.set(c.enterprise_id, (m = new Map()));
    const list = m.get(c.officer_id) ?? [];
    list.push({ kind: c.kind, detail: c.detail });
    m.set(c.officer_id, list);
  }
  return {
    bureauCode,
    today,
    basis,
    officers,
    enterprises,
    current,
    loads: new Map(loads.map((l) => [l.officer_id, l.seats])),
    previous: new Set(previous.map((p) => `${p.enterprise_id}|${p.officer_id}`)),
    conflicts: byEnterprise,
  };
}

/**
 * The fit of `o` for `e`, factor by factor (docs/assignment.md): region 40 (25 for the province
 * above or a jurisdiction below the one the officer knows), industry section 25, continuity 15 for
 * the current officer and 10 for a recent one, languages 10 (in proportion to those needed; 10 when
 * none is), load 10 × the share of capacity free (`load` = seats used, or null to leave it out).
 */
export function factorsOf(
  reference: ReferenceData,
  world: World,
  o: WorldOfficer,
  e: WorldEnterprise,
  currentOfficer: string | null,
  load: number | null,
): AssignmentFactors {
  let region = 0;
  if (o.regions.includes(e.region_code)) region = 40;
  else {
    const parent = reference.region(e.region_code)?.parent?.unwrap().code;
    const knowsRelated = (parent && o.regions.includes(parent)) || o.regions.some((r) => reference.region(r)?.parent?.unwrap().code === e.region_code);
    if (knowsRelated) region = 25;
  }
  const industry = o.industry_sections.includes(sectionOf(reference, e.industry_code)) ? 25 : 0;
  const continuity = continuityPoints(currentOfficer === o.id, world.previous.has(`${e.id}|${o.id}`));
  const language = languagePoints(languagesNeeded(e), (l) => o.languages.includes(l));
  const loadFactor = load == null ? 0 : o.capacity > 0 ? Math.max(0, (10 * (o.capacity - load)) / o.capacity) : 0;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { region, industry, continuity, language: round(language), load: round(loadFactor), total: round(region + industry + continuity + language + loadFactor) };
}

/** Continuity: 15 for the current officer, 10 for one assigned in the last three years. */
export const continuityPoints = (current: boolean, recent: boolean): number => (current ? 15 : recent ? 10 : 0);

/** Language: 10 × the share of the languages needed that the officer speaks; 10 when none is needed. */
export function languagePoints(needed: readonly string[], speaks: (language: string) => boolean): number {
  return needed.length === 0 ? 10 : (10 * needed.filter(speaks).length) / needed.length;
}

/** The GB/T 4754 section (A–T) of an industry code. */
export function sectionOf(reference: ReferenceData, code: string): string {
  let industry = reference.industry(code);
  while (industry?.parent) industry = reference.industry(industry.parent.unwrap().code);
  return industry?.code ?? code;
}

/**
 * A digest of everything a plan depends on: the officers (id, version, status), the enterprises
 * assigned and what their seats and fit read (region, industry, size, exports, open needs under the
 * NEEDS basis), the current assignments and the conflicts. Equal digests ⇒ the plan still applies.
 */
export function fingerprintOf(world: World): string {
  const h = createHash('md5');
  // Not the day: a plan computed yesterday still applies if nothing it read has changed (a title
  // that ended overnight changes the enterprises; an absence that began is checked at commit).
  h.update(`${world.bureauCode}|${world.basis}\n`);
  for (const o of world.officers) h.update(`o|${o.id}|${o.version}|${o.status}\n`);
  for (const e of world.enterprises) {
    h.update(`e|${e.id}|${e.region_code}|${e.industry_code}|${e.size_class}|${e.export_oriented}|${world.basis === LiaisonCapacityBasis.NEEDS ? e.open_needs : ''}\n`);
  }
  for (const a of world.current) h.update(`a|${a.id}\n`);
  const pairs = [...world.conflicts].flatMap(([e, m]) => [...m.keys()].map((o) => `${e}|${o}`)).sort();
  for (const p of pairs) h.update(`c|${p}\n`);
  return h.digest('hex');
}

