/**
 * Liaison officers and their assignments [D 五(一), R17] (docs/assignment.md; docs/permissions.md).
 *
 * - Each bureau runs its own officers: the national bureau assigns its officers to demonstration
 *   enterprises anywhere; a provincial bureau its officers to those of its jurisdiction. Neither
 *   registers, assigns or plans for the other's officers (scope `own`: the viewer's bureau).
 * - The national bureau reads every bureau's officers, assignments, plans and figures; a provincial
 *   bureau its own, plus the national bureau's assignments of its jurisdiction's enterprises (so it
 *   knows who from Beijing is in contact with them).
 * - An enterprise sees who is assigned to it (officer's name, dates), never the fit factors.
 * - Conflict declarations: the national admin reads them all; an officer reads its own. Anyone else
 *   (a provincial admin too) only learns that an officer is excluded for a conflict, not why.
 */
import type { Viewer } from '../../context.js';
import { action, scopeOf, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, or, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, isNational, jurisdictionOf } from '../../common/viewer.policy.js';
import { bureauOf } from '../liaison/liaison.policy.js';

/** What the bureau-scoped actions need of their object: the bureau it belongs to. */
export interface BureauFacts {
  bureauCode: string;
}

/** The viewer acts for this bureau. */
const ownBureau = (viewer: Viewer, target: BureauFacts | undefined): boolean => !target || bureauOf(viewer) === target.bureauCode;
/** The national bureau reads every bureau's; a provincial bureau its own. */
const readsBureau = (viewer: Viewer, target: BureauFacts | undefined): boolean => isNational(viewer) || ownBureau(viewer, target);

const BUREAUS_OWN = { NATIONAL_ADMIN: 'own', PROVINCIAL_ADMIN: 'own' } as const;
const BUREAUS_READ = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'own' } as const;

export const assignmentActions = {
  readOfficers: action<BureauFacts | undefined>({
    name: 'assignment.officer.read',
    description: '查看联络员（容量、熟悉的地区行业语言、不在岗期间、状态、负荷）：国家局全部，省局本局的',
    scopes: BUREAUS_READ,
    allows: readsBureau,
    refusal: '只能查看本局的联络员',
  }),
  manageOfficers: action<BureauFacts | undefined>({
    name: 'assignment.officer.manage',
    description: '登记、修改本局的联络员，暂停、恢复或登记离岗（其企业退回待指派）',
    scopes: BUREAUS_OWN,
    allows: ownBureau,
    refusal: '联络员由其所在的知识产权局管理',
  }),
  readConflicts: action<{ officerUserId: string } | undefined>({
    name: 'assignment.conflict.read',
    description: '查看利益冲突的申报及推导出的冲突原因：只有国家局和联络员本人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'self' },
    allows: (viewer, target, scope) => scope === 'all' || (!!target && viewer.kind === 'USER' && viewer.userId === target.officerUserId),
    refusal: '利益冲突的原因只有国家局和联络员本人可以查看',
  }),
  declareConflict: action<(BureauFacts & { officerUserId: string }) | undefined>({
    name: 'assignment.conflict.declare',
    description: '申报或撤回联络员的利益冲突（联络员本人，或其所在局代为申报）',
    scopes: BUREAUS_OWN,
    allows: (viewer, target) => !target || ownBureau(viewer, target) || (viewer.kind === 'USER' && viewer.userId === target.officerUserId),
    refusal: '利益冲突由联络员本人或其所在局申报',
  }),
  assign: action<BureauFacts | undefined>({
    name: 'assignment.assign',
    description: '为示范企业指派、改派或结束本局的联络员（附理由；R17：国家局指派其联络员，省局为本辖区指派）；查看候选人及其匹配分',
    scopes: BUREAUS_OWN,
    allows: ownBureau,
    refusal: '联络员由其所在的知识产权局指派（R17）',
  }),
  readAssignments: action({
    name: 'assignment.read',
    description: '查看指派及其历史：国家局全部，省局本局的和国家局对本辖区企业的，企业本企业的（不含匹配分）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: '无权查看联络员指派',
  }),
  plan: action<BureauFacts | undefined>({
    name: 'assignment.plan.manage',
    description: '计算本局的指派方案，预览、逐行修改、提交或放弃',
    scopes: BUREAUS_OWN,
    allows: ownBureau,
    refusal: '指派方案由其所在的知识产权局计算和提交',
  }),
  readPlans: action<BureauFacts | undefined>({
    name: 'assignment.plan.read',
    description: '查看指派方案：国家局全部，省局本局的',
    scopes: BUREAUS_READ,
    allows: readsBureau,
    refusal: '只能查看本局的指派方案',
  }),
  report: action<BureauFacts | undefined>({
    name: 'assignment.report.read',
    description: '联络工作统计：各联络员负荷、各地区未指派企业、平均指派天数、每次指派的联系记录数（国家局全部，省局本局的）',
    scopes: BUREAUS_READ,
    allows: readsBureau,
    refusal: '只能查看本局的联络工作统计',
  }),
};

/** Officers (alias of liaison_officer): the national bureau all, a provincial bureau its own. */
export const officerVisibility: Visibility = (viewer, _today, alias) => {
  const o = trusted(alias);
  if (scopeOf(viewer, assignmentActions.readOfficers) === 'all') return null;
  const bureau = bureauOf(viewer);
  return bureau && scopeOf(viewer, assignmentActions.readOfficers) ? sql`${o}.bureau_code = ${bureau}` : FALSE;
};

/** Assignments (alias of liaison_assignment). */
export const assignmentVisibility: Visibility = (viewer, _today, alias) => {
  const a = trusted(alias);
  switch (scopeOf(viewer, assignmentActions.readAssignments)) {
    case 'all':
      return null;
    case 'jurisdiction': {
      const region = jurisdictionOf(viewer);
      return region ? or(sql`${a}.bureau_code = ${region}`, sql`(select ae.region_code from enterprise ae where ae.id = ${a}.enterprise_id) = ${region}`) : FALSE;
    }
    case 'own': {
      const enterprise = enterpriseOf(viewer);
      return enterprise ? sql`${a}.enterprise_id = ${enterprise}::uuid` : FALSE;
    }
    default:
      return FALSE;
  }
};

/** Conflict declarations (alias of liaison_conflict): the national bureau all, an officer its own. */
export const conflictVisibility: Visibility = (viewer, _today, alias) => {
  const c = trusted(alias);
  const scope = scopeOf(viewer, assignmentActions.readConflicts);
  if (scope === 'all') return null;
  if (scope === 'self' && viewer.kind === 'USER') return sql`${c}.officer_id in (select so.id from liaison_officer so where so.user_id = ${viewer.userId}::uuid)`;
  return FALSE;
};

/** Plans (alias of liaison_assignment_plan). */
export const planVisibility: Visibility = (viewer, _today, alias) => {
  if (scopeOf(viewer, assignmentActions.readPlans) === 'all') return null;
  const bureau = bureauOf(viewer);
  return bureau && scopeOf(viewer, assignmentActions.readPlans) ? sql`${trusted(alias)}.bureau_code = ${bureau}` : FALSE;
};

/** The viewer sees the fit factors of assignments (the bureaus, not the enterprise). */
export const seesFactors = (viewer: Viewer): boolean => scopeOf(viewer, assignmentActions.readAssignments) !== 'own' && scopeOf(viewer, assignmentActions.readAssignments) !== null;

export const assignmentPolicy: Policy = {
  actions: Object.values(assignmentActions) as Action<never>[],
  visibility: {
    LiaisonOfficer: officerVisibility,
    LiaisonAssignment: assignmentVisibility,
    LiaisonConflictDeclaration: conflictVisibility,
    AssignmentPlan: planVisibility,
  },
};
