/**
 * Tiered training (docs/permissions.md, "Talent pools and training"; docs/talent.md): who sets up
 * the catalogue, who runs a session (its host), who enrols and cancels, and which enrolments a
 * viewer sees. The catalogue itself (programs, sessions, textbooks, bases, certificates to verify)
 * is public.
 */
import type { Viewer } from '../../context.js';
import { action, inScope, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, or, sql, trusted, type Sql } from '../../common/sql.js';
import { enterpriseOf, isNational, isUser, jurisdictionOf, organizationOf, personOf } from '../../common/viewer.policy.js';

/** What the host rule needs of a session: where it is held and which training base delivers its program. */
export interface SessionFacts {
  /** The session's jurisdiction (null: a national session). */
  regionCode: string | null;
  /** The training base hosting the session's program, if any. */
  hostId: string | null;
}

/** A session about to be opened: the jurisdiction it would be in, and the base's own jurisdiction. */
export interface NewSessionFacts extends SessionFacts {
  /** The jurisdiction of the training base hosting the program (a base opens sessions only there). */
  hostRegionCode: string | null;
}

/** An enrolment about to be made or changed: the person's enterprise and jurisdiction, the session, who made it. */
export interface EnrolmentFacts {
  /** The person's jurisdiction: their employer enterprise's, else their own region (for enrolling). */
  regionCode?: string | null;
  /** The person's employer enterprise, if any. */
  enterpriseId: string | null;
  personId: string;
  session: SessionFacts;
  /** Username of whoever made the enrolment (a provincial admin may cancel what it made). */
  requestedBy?: string | null;
}

/**
 * The host of a session: the national admin, the provincial admin of the session's jurisdiction,
 * or a user of the training base hosting its program.
 */
function hosts(viewer: Viewer, session: SessionFacts): boolean {
  if (isNational(viewer)) return true;
  const region = jurisdictionOf(viewer);
  if (region) return session.regionCode === region;
  const organization = organizationOf(viewer);
  return !!organization && session.hostId === organization;
}

const HOST_SCOPES = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'host' } as const;

/** An action for the host of a session only (no target: whether the viewer's audience can host at all). */
const hostAction = (name: string, description: string) =>
  action<SessionFacts | undefined>({
    name,
    description,
    scopes: HOST_SCOPES,
    allows: (v, s) => !s || hosts(v, s),
    refusal: '只有举办方（国家局、本辖区省局或承办的培训基地）可以办理',
  });

export const trainingActions = {
  createBase: action({
    name: 'training.base.create',
    description: '认定国家知识产权培训基地',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '国家知识产权培训基地由国家局认定',
  }),
  createTextbook: action({
    name: 'training.textbook.create',
    description: '登记培训系列教材',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '培训系列教材由国家局编制',
  }),
  createProgram: action({
    name: 'training.program.create',
    description: '设立培训项目（省局设立的项目属本辖区）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '培训项目和班次由国家局或省局设立',
  }),
  /** Target: the jurisdiction of the bureau that set the program up (null: the national bureau). */
  updateProgram: action<{ regionCode: string | null } | undefined>({
    name: 'training.program.update',
    description: '修改培训项目：国家局全部，省局本局设立的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: (v, program) => (program && jurisdictionOf(v) ? '只能修改本局设立的培训项目' : '培训项目和班次由国家局或省局设立'),
  }),
  /** Opening a session: a bureau in its jurisdiction, a training base for the programs it hosts, in its own jurisdiction. */
  createSession: action<NewSessionFacts | undefined>({
    name: 'training.session.create',
    description: '开设培训班次：国家局任意，省局在本辖区，培训基地为其承办的项目在基地所在辖区',
    scopes: HOST_SCOPES,
    allows: (v, s, scope) => {
      if (!s || scope === 'all') return true;
      if (scope === 'jurisdiction') return s.regionCode === jurisdictionOf(v);
      return !!s.hostId && s.hostId === organizationOf(v) && (!s.hostRegionCode || s.regionCode === s.hostRegionCode);
    },
    refusal: (v, s) => {
      if (s && jurisdictionOf(v)) return `省局只能在本辖区（${jurisdictionOf(v)}）开设班次`;
      if (s && organizationOf(v)) return s.hostId === organizationOf(v) ? `培训基地只能在其所在辖区（${s.hostRegionCode}）开设班次` : '培训基地只能为其承办的项目开设班次';
      return '培训班次由国家局、省局或承办的培训基地开设';
    },
  }),
  /** Running a session: instructors, attendance, seat allocation, completion. */
  runSession: hostAction('training.session.run', '办理班次（举办方）：安排授课教师、分配名额、登记出勤、办理结业'),
  /** Target: the person enrolled (their enterprise and jurisdiction). */
  enrol: action<Pick<EnrolmentFacts, 'regionCode' | 'enterpriseId'> | undefined>({
    name: 'training.enrolment.create',
    description: '报名：企业为本企业人员，省局为本辖区人员，国家局为任何人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: (v, person) => (!person ? '报名由企业或知识产权局办理' : enterpriseOf(v) ? '只能为本企业人员报名' : '只能为本辖区人员报名'),
  }),
  reviewEnrolment: hostAction('training.enrolment.review', '审核报名（举办方）：通过或不予通过'),
  cancelEnrolment: action<EnrolmentFacts | undefined>({
    name: 'training.enrolment.cancel',
    description: '取消报名：企业本企业人员的，专家本人的，省局本局办理的，举办方其班次的，国家局全部',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'host', ENTERPRISE_USER: 'own', EXPERT: 'self' },
    allows: (v, e, scope) => {
      if (!e) return true;
      if (hosts(v, e.session)) return true;
      if (scope === 'jurisdiction') return isUser(v) && !!e.requestedBy && e.requestedBy === v.username;
      return scope !== 'host' && inScope(v, scope, e);
    },
    refusal: '无权取消该报名',
  }),
  /** The rows themselves: enrolmentVisibility. */
  readEnrolments: action({
    name: 'training.enrolment.read',
    description: '查看报名（班次名单、node(id)）：国家局全部，举办方其班次的，省局另加本辖区人员和本局办理的，企业本企业人员的，专家本人的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'host', ENTERPRISE_USER: 'own', EXPERT: 'self' },
    refusal: '无权查看报名',
  }),
};

export { assertAudience } from '../../common/policy.js';

/** A person's jurisdiction (alias of person): their employer enterprise's, else their own region. */
const personRegion = (p: string) => trusted(`coalesce((select tpe.region_code from enterprise tpe where tpe.id = ${p}.employer_enterprise_id), ${p}.region_code)`);

/**
 * The enrolments (alias) a viewer may see: all for the national admin; those of the sessions it
 * hosts for a host (a provincial admin: sessions in its jurisdiction; a training base: sessions of
 * the programs it hosts); a provincial admin also the people of its jurisdiction and the enrolments
 * it made; an enterprise its own staff's; an expert their own; nothing for the public.
 */
export const enrolmentVisibility: Visibility = (viewer, _today, alias) => {
  if (!isUser(viewer)) return FALSE;
  if (isNational(viewer)) return null;
  const en = trusted(alias);
  const parts: Sql[] = [];
  const self = personOf(viewer);
  if (self) parts.push(sql`${en}.person_id = ${self}::uuid`);
  const region = jurisdictionOf(viewer);
  if (region) {
    parts.push(
      sql`exists (select 1 from training_session tvs where tvs.id = ${en}.session_id and tvs.region_code = ${region})`,
      sql`exists (select 1 from person tvp where tvp.id = ${en}.person_id and ${personRegion('tvp')} = ${region})`,
      sql`${en}.requested_by = ${viewer.username}`,
    );
  }
  const enterprise = enterpriseOf(viewer);
  if (enterprise) parts.push(sql`exists (select 1 from person tvp where tvp.id = ${en}.person_id and tvp.employer_enterprise_id = ${enterprise}::uuid)`);
  const organization = organizationOf(viewer);
  if (organization) {
    parts.push(sql`exists (select 1 from training_session tvs join training_program tvg on tvg.id = tvs.program_id where tvs.id = ${en}.session_id and tvg.host_id = ${organization}::uuid)`);
  }
  return or(...parts);
};

export const trainingPolicy: Policy = {
  actions: Object.values(trainingActions) as Action<never>[],
  visibility: { Enrolment: enrolmentVisibility },
};
