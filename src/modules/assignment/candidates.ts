/**
 * Candidates for one enterprise (issue 14, item 3): every officer of the bureau with the fit
 * factors and, for those who cannot take it now, why: a conflict of interest (its reason shown to
 * the national admin and the officer only), opted out, left, away today, or full. The manual
 * assignment refuses with the same reasons, so what the list says is what assign does.
 */
import type { Viewer } from '../../context.js';
import type { ReferenceData } from '../../common/reference-data.js';
import { may } from '../../common/policy.js';
import { assignmentActions } from './assignment.policy.js';
import { LiaisonOfficerStatus } from './officer.entity.js';
import { absentOn, factorsOf, seatsOf, type World, type WorldEnterprise, type WorldOfficer } from './world.js';
import type { AssignmentFactors } from './assignment.entity.js';

export interface Exclusion {
  code: 'CONFLICT_OF_INTEREST' | 'OPTED_OUT' | 'LEFT' | 'ABSENT' | 'FULL';
  message: string;
}

export interface Candidate {
  officer: WorldOfficer;
  eligible: boolean;
  current: boolean;
  factors: AssignmentFactors;
  load: number;
  seats: number;
  exclusions: Exclusion[];
}

/** Why `o` cannot take `e` today. `viewer` decides whether a conflict's reason is told (the national admin, the officer). */
export function exclusionsOf(world: World, o: WorldOfficer, e: WorldEnterprise, viewer: Viewer | null): Exclusion[] {
  const out: Exclusion[] = [];
  if (o.status === LiaisonOfficerStatus.LEFT) out.push({ code: 'LEFT', message: `${o.name}已离岗` });
  if (o.status === LiaisonOfficerStatus.OPTED_OUT) out.push({ code: 'OPTED_OUT', message: `${o.name}已暂停承担联络工作` });
  const absence = absentOn(o, world.today);
  if (absence) out.push({ code: 'ABSENT', message: `${o.name}${absence.from} 至 ${absence.until} 不在岗${absence.reason ? `（${absence.reason}）` : ''}` });
  const conflicts = world.conflicts.get(e.id)?.get(o.id);
  if (conflicts?.length) {
    const tells = viewer && may(viewer, assignmentActions.readConflicts, { officerUserId: o.user_id });
    out.push({ code: 'CONFLICT_OF_INTEREST', message: tells ? `${o.name}与${e.name}存在利益冲突：${conflicts.map((c) => c.detail).join('；')}` : `${o.name}与${e.name}存在利益冲突` });
  }
  const isCurrent = world.current.some((a) => a.enterprise_id === e.id && a.officer_id === o.id);
  const load = world.loads.get(o.id) ?? 0;
  const seats = seatsOf(e, world.basis);
  if (!isCurrent && load + seats > o.capacity) out.push({ code: 'FULL', message: `${o.name}已用 ${load}/${o.capacity} 个名额，该企业需 ${seats} 个` });
  return out;
}

/** Every officer of the world for `e`: the eligible by fit (best first), then the excluded, each by name. */
export function candidatesFor(reference: ReferenceData, world: World, e: WorldEnterprise, viewer: Viewer | null): Candidate[] {
  const current = world.current.find((a) => a.enterprise_id === e.id)?.officer_id ?? null;
  const list = world.officers.map((o): Candidate => {
    const load = world.loads.get(o.id) ?? 0;
    const exclusions = exclusionsOf(world, o, e, viewer);
    return { officer: o, eligible: exclusions.length === 0, current: current === o.id, factors: factorsOf(reference, world, o, e, current, load), load, seats: seatsOf(e, world.basis), exclusions };
  });
  return list.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.factors.total - a.factors.total || a.officer.name.localeCompare(b.officer.name, 'zh') || a.officer.id.localeCompare(b.officer.id));
}
