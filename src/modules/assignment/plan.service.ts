/**
 * Plans for a whole bureau (issue 14, item 5): compute (the solver in a worker thread, on the world
 * read outside any transaction so a solve holds no locks), preview, edit a row, commit (one
 * transaction under the bureau's lock, refused when the world's fingerprint moved), discard.
 *
 * What is planned: UNASSIGNED mode, the bureau's demonstration enterprises without a current
 * assignment (the others' loads are fixed); REBALANCE, all of them, except those whose officer is
 * away today (kept: a leave is no reason to move an enterprise) and, unless asked otherwise, those
 * assigned by hand (a decision with a stated reason is not the optimiser's to undo). Officers offered: ACTIVE and not
 * away today. An officer's seats for the plan are its capacity less the load kept outside the plan.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Context } from '../../context.js';
import { badInput, conflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay, may } from '../../common/policy.js';
import { query, sql, type Sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { bureauOf } from '../liaison/liaison.policy.js';
import { programmeService } from '../programme/programme.service.js';
import { AssignmentEndReason, LiaisonAssignment } from './assignment.entity.js';
import { assignmentActions, planVisibility } from './assignment.policy.js';
import { assignmentService, endAssignments, lockBureau, PARAGRAPH, requestAudit } from './assignment.service.js';
import { bureauJurisdiction } from '../liaison/liaison.policy.js';
import { newestFirst, optionalText } from '../liaison/liaison.common.js';
import { exclusionsOf } from './candidates.js';
import { LiaisonOfficer } from './officer.entity.js';
import { AssignmentPlan, AssignmentPlanMode, AssignmentPlanRow, AssignmentPlanStatus } from './plan.entity.js';
import { describeShortfalls } from './diagnosis.js';
import { planLoads } from './plan.figures.js';
import { solveAssignment, stopAssignmentWorker } from './solver/run.js';
import type { SolverEnterprise, SolverOfficer, SolverResult } from './solver/problem.js';
import { absentOn, continuityPoints, factorsOf, fingerprintOf, languagePoints, languagesNeeded, loadWorld, sectionOf, seatsOf, type World, type WorldEnterprise, type WorldOfficer } from './world.js';
import type { AssignmentPlanRowFilter, CommitAssignmentPlanInput, ComputeAssignmentPlanInput, DiscardAssignmentPlanInput, EditAssignmentPlanRowInput } from './assignment.inputs.js';

/**
 * Plans come in sessions (compute, look, edit, compute again) a few times a year. The solver's worker
 * stays for the next solve of the session (a warm worker solves in about half the time, and reuses
 * its WebAssembly heap instead of a new worker adding another: measured 476 MB peak for a national
 * plan and its re-plan, against 504 MB when released after each solve), and goes after ten minutes
 * without one, so an idle server gives the heap back.
 */
const WORKER_IDLE_MS = 10 * 60_000;
let idleTimer: NodeJS.Timeout | null = null;
function releaseWorkerWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void stopAssignmentWorker(), WORKER_IDLE_MS);
  idleTimer.unref();
}

const available = (o: WorldOfficer, today: string) => o.status === 'ACTIVE' && !absentOn(o, today);

/**
 * The solver's problem for `world`: which enterprises are planned, the officers' free seats, the
 * eligible edges with their fit. A national plan has about 1.5 M pairs, so the fit is not computed
 * pair by pair with factorsOf (the same definition, object by object): the region and industry
 * points come from per-officer tables by the enterprise's region and section, the language points
 * from each side's sets, continuity from the recent assignments; the edges go to the solver as
 * typed columns.
 */
export function buildProblem(ctx: Pick<Context, 'reference'>, world: World, mode: AssignmentPlanMode, keepManual = true) {
  const officers = world.officers.filter((o) => available(o, world.today));
  const officerIndex = new Map(officers.map((o, i) => [o.id, i]));
  const currentOf = new Map(world.current.map((a) => [a.enterprise_id, a]));
  const planned: WorldEnterprise[] = world.enterprises.filter((e) => {
    const current = currentOf.get(e.id);
    if (!current) return true;
    // A hand assignment was made for a stated reason: a re-plan keeps it unless asked not to.
    // (Not when the pair is now conflicted: a conflict found since must not be kept.)
    if (keepManual && current.source === 'MANUAL' && !world.conflicts.get(e.id)?.has(current.officer_id)) return false;
    return mode === AssignmentPlanMode.REBALANCE && officerIndex.has(current.officer_id);
  });
  const freed = new Map<string, number>();
  for (const e of planned) {
    const current = currentOf.get(e.id);
    if (current) freed.set(current.officer_id, (freed.get(current.officer_id) ?? 0) + current.seats);
  }
  const solverOfficers: SolverOfficer[] = officers.map((o) => ({ key: o.id, capacity: Math.max(0, o.capacity - ((world.loads.get(o.id) ?? 0) - (freed.get(o.id) ?? 0))) }));
  const enterprises: SolverEnterprise[] = planned.map((e) => {
    const current = currentOf.get(e.id)?.officer_id;
    return { key: e.id, weight: seatsOf(e, world.basis), current: current == null ? null : (officerIndex.get(current) ?? null), group: e.region_code };
  });

  // Per officer: points by region code and by section (factorsOf's definition, tabulated).
  const regionPoints = new Map<string, Float64Array>();
  const sectionPoints = new Map<string, Float64Array>();
  const sectionOfIndustry = new Map<string, string>();
  for (const e of planned) {
    if (!regionPoints.has(e.region_code)) {
      const probe = { ...e, export_oriented: false };
      regionPoints.set(e.region_code, Float64Array.from(officers, (o) => factorsOf(ctx.reference, world, o, probe, null, null).region));
    }
    if (!sectionOfIndustry.has(e.industry_code)) sectionOfIndustry.set(e.industry_code, sectionOf(ctx.reference, e.industry_code));
  }
  for (const section of new Set(sectionOfIndustry.values())) sectionPoints.set(section, Float64Array.from(officers, (o) => (o.industry_sections.includes(section) ? 25 : 0)));
  const previousOf = new Map<string, Set<string>>();
  for (const key of world.previous) {
    const [e, o] = key.split('|') as [string, string];
    (previousOf.get(e) ?? previousOf.set(e, new Set()).get(e)!).add(o);
  }
  const languages = officers.map((o) => new Set(o.languages));

  // Exactly as many edges as eligible pairs (the solver then takes these arrays as they are).
  let count = 0;
  for (const e of planned) {
    const conflicted = world.conflicts.get(e.id);
    count += officers.length - (conflicted ? officers.filter((o) => conflicted.has(o.id)).length : 0);
  }
  const edgeEnterprise = new Int32Array(count);
  const edgeOfficer = new Int32Array(count);
  const edgeScore = new Float64Array(count);
  let n = 0;
  planned.forEach((e, ei) => {
    const current = currentOf.get(e.id)?.officer_id ?? null;
    const conflicted = world.conflicts.get(e.id);
    const previous = previousOf.get(e.id);
    const region = regionPoints.get(e.region_code)!;
    const section = sectionPoints.get(sectionOfIndustry.get(e.industry_code)!)!;
    const needed = languagesNeeded(e);
    for (let oi = 0; oi < officers.length; oi++) {
      const o = officers[oi]!;
      if (conflicted?.has(o.id)) continue;
      const language = languagePoints(needed, (l) => languages[oi]!.has(l));
      const continuity = continuityPoints(current === o.id, !!previous?.has(o.id));
      edgeEnterprise[n] = ei;
      edgeOfficer[n] = oi;
      edgeScore[n] = Math.round((region[oi]! + section[oi]! + continuity + language) * 100) / 100;
      n++;
    }
  });
  const edges = { enterprise: edgeEnterprise, officer: edgeOfficer, score: edgeScore };
  if (n !== count) throw new Error(`buildProblem: counted ${count} edges, wrote ${n}`);
  return { officers, planned, problem: { officers: solverOfficers, enterprises, edges }, currentOf };
}

/** A plan of the viewer's reading, loaded with `em` (NOT_FOUND otherwise). */
async function planFor(em: EntityManager, ctx: Context, globalId: string): Promise<AssignmentPlan> {
  const id = expectGlobalId(globalId, 'AssignmentPlan', 'planId');
  const plan = await em.findOne(AssignmentPlan, id);
  if (!plan || !may(ctx.viewer, assignmentActions.readPlans, plan)) throw notFound('指派方案', globalId);
  return plan;
}

/** A draft of the viewer's bureau to change, under the bureau's lock and read again after it (CONFLICT unless a draft of `version`). */
async function draftForWrite(em: EntityManager, ctx: Context, globalId: string, version: number | null): Promise<AssignmentPlan> {
  const plan = await planFor(em, ctx, globalId);
  assertMay(ctx, assignmentActions.plan, plan);
  await lockBureau(em, plan.bureauCode);
  await em.refresh(plan);
  draftOnly(plan, version);
  return plan;
}

function draftOnly(plan: AssignmentPlan, version: number | null): void {
  if (plan.status !== AssignmentPlanStatus.DRAFT) throw conflict(`方案已${plan.status === AssignmentPlanStatus.COMMITTED ? '提交' : '放弃'}`, { status: plan.status });
  if (version != null && plan.version !== version) throw conflict('方案已被他人修改，请刷新后重试', { currentVersion: plan.version });
}

export const planService = {
  async compute(ctx: Context, input: ComputeAssignmentPlanInput): Promise<AssignmentPlan> {
    const v = requireUser(ctx);
    const bureauCode = bureauOf(ctx.viewer);
    assertMay(ctx, assignmentActions.plan, { bureauCode: bureauCode ?? '' });
    const settings = await programmeService.settings(ctx.em);
    const stabilityWeight = input.stabilityWeight ?? settings.liaisonStabilityWeight;
    const balanceWeight = input.balanceWeight ?? 5;
    const problems = [];
    if (!Number.isInteger(stabilityWeight) || stabilityWeight < 0 || stabilityWeight > 100) problems.push({ field: 'stabilityWeight', message: '应为 0–100 的整数' });
    if (!Number.isFinite(balanceWeight) || balanceWeight < 0 || balanceWeight > 50) problems.push({ field: 'balanceWeight', message: '应在 0–50 之间' });
    if (problems.length) throw badInput(problems);
    const today = ctx.clock.today();
    const started = performance.now();
    const world = await loadWorld(ctx.em, bureauCode!, today, settings.liaisonCapacityBasis);
    const read = performance.now();
    const { officers, planned, problem, currentOf } = buildProblem(ctx, world, input.mode, input.keepManualAssignments ?? true);
    const built = performance.now();
    const edgeCount = problem.edges.score.length; // (the columns go to the worker: read before)
    // Nothing to place (everyone assigned, or no demonstration enterprise): an empty plan, no solve.
    const result: SolverResult = problem.enterprises.length
      ? await solveAssignment(problem, { stabilityWeight, balanceWeight, candidatesPerEnterprise: 10, timeLimitSeconds: 60 }, { adoptColumns: true })
      : { status: 'OPTIMAL', assignment: [], objective: 0, unassigned: [], noEligibleOfficer: [], shortfalls: [], stats: { variables: 0, constraints: 0, edgesUsed: 0, solveMs: 0, method: 'lp', rounds: 0 } };
    const solved = performance.now();
    releaseWorkerWhenIdle();
    const officerName = new Map(officers.map((o) => [o.id, o.name]));
    const shortfalls = describeShortfalls(ctx.reference, bureauCode!, result, problem, (key) => officerName.get(key) ?? key);
    return transaction(ctx.em, async (em) => {
      const plan = em.create(AssignmentPlan, {
        bureauCode: bureauCode!,
        mode: input.mode,
        computedOn: today,
        capacityBasis: world.basis,
        stabilityWeight,
        balanceWeight,
        fingerprint: fingerprintOf(world),
        feasible: result.status === 'OPTIMAL',
        shortfalls,
        objective: result.objective,
        stats: {
          ...result.stats,
          enterprises: planned.length,
          officers: officers.length,
          edges: edgeCount,
          readMs: Math.round(read - started),
          buildMs: Math.round(built - read),
          workerMs: Math.round(solved - built),
        },
        computedBy: v.username,
      });
      recordAudit(em, ctx, { operation: 'computeAssignmentPlan', objectType: 'AssignmentPlan', objectId: plan.id, jurisdiction: bureauJurisdiction(bureauCode!), changes: { mode: { before: null, after: input.mode }, feasible: { before: null, after: plan.feasible } } });
      await em.flush();
      // The rows in one statement (thousands of them): one JSON parameter, unpacked by PostgreSQL
      // (an array parameter would be spread into a list inside a transaction).
      const now = new Date();
      const rows = planned.map((e, i) => {
        const oi = result.assignment[i]!;
        const o = oi >= 0 ? officers[oi]! : null;
        const current = currentOf.get(e.id) ?? null;
        const factors = o ? factorsOf(ctx.reference, world, o, e, current?.officer_id ?? null, null) : null;
        return { id: uuidv7(), enterprise_id: e.id, officer_id: o?.id ?? null, previous_officer_id: current?.officer_id ?? null, seats: seatsOf(e, world.basis), score: factors?.total ?? null, factors };
      });
      if (rows.length) {
        await query(em, sql`insert into liaison_assignment_plan_row (id, created_at, updated_at, plan_id, enterprise_id, officer_id, previous_officer_id, seats, score, factors, edited)
          select r.id, ${now}, ${now}, ${plan.id}::uuid, r.enterprise_id, r.officer_id, r.previous_officer_id, r.seats, r.score, r.factors, false
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(id uuid, enterprise_id uuid, officer_id uuid, previous_officer_id uuid, seats int, score float8, factors jsonb)`);
      }
      return plan;
    });
  },

  /** Change one row: another officer of the bureau (checked as a manual assignment would be, capacity within the plan), or none. */
  async editRow(ctx: Context, input: EditAssignmentPlanRowInput): Promise<AssignmentPlan> {
    requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    const officerId = input.officerId == null ? null : expectGlobalId(input.officerId, 'LiaisonOfficer', 'officerId');
    const problems = new InputProblems();
    const note = optionalText(problems, 'note', input.note, 500);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const plan = await draftForWrite(em, ctx, input.planId, input.version);
      const row = await em.findOne(AssignmentPlanRow, { plan: plan.id, enterprise: enterpriseId });
      if (!row) throw notFound('方案中的企业', input.enterpriseId);
      if (officerId) {
        const world = await loadWorld(em, plan.bureauCode, ctx.clock.today(), plan.capacityBasis, [enterpriseId]);
        const officer = await assignmentService.officerFor(em, ctx, input.officerId!);
        // Another bureau's officer: refused as assignLiaisonOfficer refuses it.
        if (officer.bureauCode !== plan.bureauCode) assertMay(ctx, assignmentActions.assign, { bureauCode: officer.bureauCode });
        const o = world.officers.find((x) => x.id === officerId);
        const e = world.enterprises[0];
        if (!o) throw badInput([{ field: 'officerId', message: '不是本局的联络员' }]);
        if (!e) throw ruleViolation('R17', '该企业今日已不是本局指派的示范企业，请重新计算方案', { paragraph: PARAGRAPH, condition: 'NOT_DEMONSTRATION' });
        const loads = await planLoads(em, plan.id);
        world.loads.set(o.id, (loads.get(o.id) ?? 0) - (row.officer?.id === o.id ? row.seats : 0));
        world.current = []; // the plan's loads above stand for the current ones
        const exclusions = exclusionsOf(world, o, e, ctx.viewer);
        if (exclusions.length) {
          throw ruleViolation('R17', `不能改为该联络员：${exclusions.map((x) => x.message).join('；')}`, { paragraph: PARAGRAPH, condition: exclusions[0]!.code, conditions: exclusions.map((x) => x.code) });
        }
        row.factors = factorsOf(ctx.reference, world, o, e, row.previousOfficer?.id ?? null, null);
        row.score = row.factors.total;
      } else {
        row.factors = null;
        row.score = null;
      }
      row.officer = officerId ? em.getReference(LiaisonOfficer, officerId, { wrapped: true }) : null;
      row.edited = true;
      row.note = note;
      plan.updatedAt = new Date();
      recordAudit(em, ctx, { operation: 'editAssignmentPlanRow', objectType: 'AssignmentPlan', objectId: plan.id, jurisdiction: bureauJurisdiction(plan.bureauCode), changes: { [`row:${enterpriseId}`]: { before: null, after: officerId } } });
      await em.flush();
      return plan;
    });
  },

  /** Apply the plan in one transaction: refused (CONFLICT) when the world changed since it was computed. */
  async commit(ctx: Context, input: CommitAssignmentPlanInput): Promise<{ plan: AssignmentPlan; started: number; ended: number; kept: number }> {
    const v = requireUser(ctx);
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const plan = await draftForWrite(em, ctx, input.planId, input.version);
      const { liaisonCapacityBasis } = await programmeService.settings(em);
      const world = await loadWorld(em, plan.bureauCode, today, liaisonCapacityBasis);
      // The basis is in the digest: a plan computed under another basis counted other seats.
      if (fingerprintOf(world) !== plan.fingerprint) {
        throw conflict('自方案计算以来，联络员、利益冲突、现任指派或示范企业已有变化：请重新计算方案后再提交', { planId: plan.nodeId, reason: 'DATA_CHANGED' });
      }
      const loads = await planLoads(em, plan.id);
      const officers = new Map(world.officers.map((o) => [o.id, o]));
      const over = [...loads].filter(([id, seats]) => seats > (officers.get(id)?.capacity ?? 0)).map(([id, seats]) => `${officers.get(id)?.name ?? id}（${seats}/${officers.get(id)?.capacity ?? 0}）`);
      if (over.length) throw ruleViolation('R17', `方案使以下联络员超出容量：${over.join('、')}`, { paragraph: PARAGRAPH, condition: 'FULL' });
      // Lean rows (thousands in a national plan: not entities of the unit of work).
      const rows = await query<{ enterprise_id: string; officer_id: string | null; seats: number; note: string | null; factors: unknown }>(
        em,
        sql`select r.enterprise_id, r.officer_id, r.seats, r.note, r.factors from liaison_assignment_plan_row r where r.plan_id = ${plan.id}::uuid order by r.id`,
      );
      const currentOf = new Map(world.current.map((a) => [a.enterprise_id, a]));
      const toEnd: string[] = [];
      const toStart: typeof rows = [];
      let kept = 0;
      for (const row of rows) {
        const current = currentOf.get(row.enterprise_id);
        const target = row.officer_id;
        if (target && !available(officers.get(target)!, today)) throw ruleViolation('R17', `${officers.get(target)!.name}今日不在岗或已暂停：请修改该行或重新计算`, { paragraph: PARAGRAPH, condition: 'ABSENT' });
        if (current?.officer_id === target) {
          kept++;
          continue;
        }
        if (current) toEnd.push(current.id);
        if (target) toStart.push(row);
      }
      const ending = toEnd.length ? await em.find(LiaisonAssignment, { id: { $in: toEnd } }) : [];
      const audit = requestAudit(em, ctx);
      const moved = new Set(toStart.map((r) => r.enterprise_id));
      await endAssignments(em, ending.filter((a) => moved.has(a.enterprise.id)), { reason: AssignmentEndReason.REASSIGNED, note: `方案 ${plan.nodeId}`, by: v.username, today, operation: 'commitAssignmentPlan' }, audit);
      await endAssignments(em, ending.filter((a) => !moved.has(a.enterprise.id)), { reason: AssignmentEndReason.ENDED, note: `方案 ${plan.nodeId}：暂不指派`, by: v.username, today, operation: 'commitAssignmentPlan' }, audit);
      await em.flush();
      // The new assignments in one statement; their history is the rows themselves (source PLAN, the
      // plan's id, its committer) and the plan's commit is audited with the counts below.
      const now = new Date();
      const starts = toStart.map((r) => ({ id: uuidv7(), enterprise_id: r.enterprise_id, officer_id: r.officer_id, seats: r.seats, reason: r.note, factors: r.factors }));
      if (starts.length) {
        await query(em, sql`insert into liaison_assignment (id, created_at, updated_at, enterprise_id, officer_id, bureau_code, starts_on, seats, source, plan_id, reason, factors, assigned_by)
          select r.id, ${now}, ${now}, r.enterprise_id, r.officer_id, ${plan.bureauCode}, ${today}::date, r.seats, 'PLAN', ${plan.id}::uuid, r.reason, r.factors, ${v.username}
            from jsonb_to_recordset(${JSON.stringify(starts)}::jsonb) as r(id uuid, enterprise_id uuid, officer_id uuid, seats int, reason text, factors jsonb)`);
      }
      plan.status = AssignmentPlanStatus.COMMITTED;
      plan.committedAt = ctx.clock.now();
      plan.committedBy = v.username;
      recordAudit(em, ctx, {
        operation: 'commitAssignmentPlan',
        objectType: 'AssignmentPlan',
        objectId: plan.id,
        jurisdiction: bureauJurisdiction(plan.bureauCode),
        changes: { status: { before: 'DRAFT', after: 'COMMITTED' }, started: { before: null, after: starts.length }, ended: { before: null, after: ending.length }, kept: { before: null, after: kept } },
      });
      await em.flush();
      return { plan, started: starts.length, ended: ending.length, kept };
    });
  },

  async discard(ctx: Context, input: DiscardAssignmentPlanInput): Promise<AssignmentPlan> {
    const v = requireUser(ctx);
    return transaction(ctx.em, async (em) => {
      const plan = await draftForWrite(em, ctx, input.planId, null);
      plan.status = AssignmentPlanStatus.DISCARDED;
      plan.committedBy = v.username;
      recordAudit(em, ctx, { operation: 'discardAssignmentPlan', objectType: 'AssignmentPlan', objectId: plan.id, jurisdiction: bureauJurisdiction(plan.bureauCode), changes: { status: { before: 'DRAFT', after: 'DISCARDED' } } });
      await em.flush();
      return plan;
    });
  },

  /** Plans, newest first: the national bureau all, a provincial bureau its own. */
  list(ctx: Context, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, assignmentActions.readPlans, undefined);
    return newestFirst(ctx, AssignmentPlan, 'p', [planVisibility(ctx.viewer, ctx.clock.today(), 'p')], args);
  },

  /** A plan's rows (the plan is one the viewer sees: it was resolved through the lists or node). */
  rows(ctx: Context, plan: AssignmentPlan, filter: AssignmentPlanRowFilter | null | undefined, args: ConnectionArgs) {
    const where: (Sql | null)[] = [sql`r.plan_id = ${plan.id}::uuid`];
    if (filter?.changedOnly) where.push(sql`r.officer_id is distinct from r.previous_officer_id`);
    if (filter?.unassignedOnly) where.push(sql`r.officer_id is null`);
    if (filter?.officerId) {
      const id = expectGlobalId(filter.officerId, 'LiaisonOfficer', 'filter.officerId');
      where.push(sql`(r.officer_id = ${id}::uuid or r.previous_officer_id = ${id}::uuid)`);
    }
    return newestFirst(ctx, AssignmentPlanRow, 'r', where, args);
  },

  planFor,
};
