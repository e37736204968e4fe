/**
 * The words of a plan that cannot place everyone (issue 14: "which constraints conflict", not a
 * timeout). The solver finds the binding set from its max-flow's residual graph (solver/diagnose.ts)
 * and reports it by region; this turns it into what the programme office reads:
 *
 * - per region: its enterprises, the seats they need, the seats of the officers who could take them
 *   (no conflict, active, not away) and those officers — "新疆维吾尔自治区：14 家企业需要 14 个名额……只剩 9 个名额";
 * - enterprises no officer can take at all are said so, by region (every candidate conflicted,
 *   away or paused);
 * - the solver's guarantee is for the regions together (officers shared between regions count in
 *   each), so when some region's own figures would not show a shortfall, a first line gives the
 *   regions together, whose figures always do;
 * - when seats remain but are too scattered to take whole enterprises (a size- or needs-weighted
 *   capacity), the region says that instead (no set is short of seats then).
 */
import type { ReferenceData } from '../../common/reference-data.js';
import type { AssignmentShortfall } from './plan.entity.js';
import type { SolverEnterprise, SolverOfficer, SolverResult } from './solver/problem.js';

export function describeShortfalls(
  reference: ReferenceData,
  bureauCode: string,
  result: SolverResult,
  problem: { officers: readonly SolverOfficer[]; enterprises: readonly SolverEnterprise[] },
  officerName: (key: string) => string,
): AssignmentShortfall[] {
  if (result.status === 'OPTIMAL') return [];
  const regionName = (code: string) => reference.region(code)?.name ?? code;
  const capacityOf = new Map(problem.officers.map((o) => [o.key, o.capacity]));
  const out: AssignmentShortfall[] = result.shortfalls.map((s) => ({
    message:
      s.officers.length === 0
        ? `${regionName(s.group)}：${s.enterprises} 家企业没有任何可指派的联络员（候选人均存在利益冲突、不在岗、已暂停或已离岗）`
        : `${regionName(s.group)}：${s.enterprises} 家企业需要 ${s.demand} 个名额，可为其服务（无利益冲突、在岗）的联络员只剩 ${s.capacity} 个名额`,
    regionCode: s.group,
    enterprises: s.enterprises,
    demand: s.demand,
    capacity: s.capacity,
    officers: s.officers.map(officerName),
  }));
  if (out.some((s) => s.demand <= s.capacity)) {
    const officers = [...new Set(result.shortfalls.flatMap((s) => s.officers))];
    const total = {
      enterprises: out.reduce((n, s) => n + s.enterprises, 0),
      demand: out.reduce((n, s) => n + s.demand, 0),
      capacity: officers.reduce((n, k) => n + (capacityOf.get(k) ?? 0), 0),
    };
    out.unshift({
      message: `合计（${out.map((s) => regionName(s.regionCode)).join('、')}）：${total.enterprises} 家企业需要 ${total.demand} 个名额，可为其中任一家服务的联络员共 ${total.capacity} 个名额（联络员跨地区共用，分地区的数字各自计入）`,
      regionCode: bureauCode,
      ...total,
      officers: officers.map(officerName),
    });
  }
  // Enterprises with no eligible officer at all (the solver lists them apart from the shortfalls).
  const alone = new Map<string, { enterprises: number; demand: number }>();
  for (const i of result.noEligibleOfficer) {
    const e = problem.enterprises[i]!;
    const r = alone.get(e.group) ?? { enterprises: 0, demand: 0 };
    r.enterprises++;
    r.demand += e.weight;
    alone.set(e.group, r);
  }
  for (const [code, r] of alone) {
    out.push({
      message: `${regionName(code)}：${r.enterprises} 家企业没有任何可指派的联络员（候选人均存在利益冲突、不在岗、已暂停或已离岗）`,
      regionCode: code,
      ...r,
      capacity: 0,
      officers: [],
    });
  }
  if (out.length === 0 && result.unassigned.length) {
    // Seats remain, but not whole enterprises' worth with any one eligible officer (weighted capacity).
    const byRegion = new Map<string, { enterprises: number; demand: number }>();
    for (const i of result.unassigned) {
      const e = problem.enterprises[i]!;
      const r = byRegion.get(e.group) ?? { enterprises: 0, demand: 0 };
      r.enterprises++;
      r.demand += e.weight;
      byRegion.set(e.group, r);
    }
    for (const [code, r] of byRegion) {
      out.push({
        message: `${regionName(code)}：${r.enterprises} 家企业需要 ${r.demand} 个名额，剩余名额分散在多名联络员处，没有一名可为其服务的联络员能整家容纳（按容量口径计）`,
        regionCode: code,
        enterprises: r.enterprises,
        demand: r.demand,
        capacity: 0,
        officers: [],
      });
    }
  }
  return out;
}
