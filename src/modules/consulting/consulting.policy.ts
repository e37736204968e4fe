/**
 * Consulting sessions (问诊咨询) [D 四(三)二] (docs/consulting.md; docs/permissions.md): who offers
 * and runs sessions, who books, records the outcome and rates, and which bookings a viewer sees.
 *
 * - Sessions are public (the portal lists upcoming ones: team, time, topics, mode, region, seats left).
 * - A session is run by its team's own users, by the bureau that selected the team (the listing's
 *   bureau) and by the national bureau.
 * - A booking is seen by the enterprise that made it, the team, the bureau of the enterprise's
 *   jurisdiction (where it is today) and the national bureau; never by other enterprises.
 */
import type { Viewer } from '../../context.js';
import { action, scopeOf, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';
import { NATIONAL_BUREAU } from '../service/service.policy.js';

/** What the session rules need of a session (or of the listing it is offered under). */
export interface SessionFacts {
  /** The team. */
  organizationId: string;
  /** The bureau of the listing: a provincial region code, or 100000 for the national bureau. */
  bureauCode: string;
}

/** The team's users, the listing's bureau, the national bureau. */
function runs(viewer: Viewer, s: SessionFacts): boolean {
  if (organizationOf(viewer)) return organizationOf(viewer) === s.organizationId;
  const region = jurisdictionOf(viewer);
  return !!region && region === s.bureauCode && s.bureauCode !== NATIONAL_BUREAU;
}

export const consultingActions = {
  readSessions: action({
    name: 'consulting.session.read',
    description: '查看问诊咨询场次（公开：服务队伍、时间、主题、方式、服务辖区、剩余名额；不含预约者）',
    scopes: { ANONYMOUS: 'public', EXPERT: 'public', SERVICE_PROVIDER: 'public', ENTERPRISE_USER: 'public', PROVINCIAL_ADMIN: 'public', NATIONAL_ADMIN: 'public' },
    refusal: '无权查看',
  }),
  /** Target: the session's (or the listing's) team and bureau. */
  runSession: action<SessionFacts | undefined>({
    name: 'consulting.session.run',
    description: '安排、修改、取消问诊咨询场次（可一次安排一季），确认举行：入选服务队伍本机构的，作出遴选的省局，国家局全部',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own' },
    allows: (v, s, scope) => scope === 'all' || !s || runs(v, s),
    refusal: (v) => (organizationOf(v) ? '只能安排本机构的问诊咨询' : jurisdictionOf(v) ? '只能安排本局遴选的服务队伍的问诊咨询' : '问诊咨询由入选的服务队伍或作出遴选的知识产权局安排'),
  }),
  /** Target: the enterprise booking. */
  book: action<{ enterpriseId: string } | undefined>({
    name: 'consulting.booking.create',
    description: '为本企业人员预约问诊咨询（开始前，有剩余名额时）',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: '问诊咨询由企业为本企业人员预约',
  }),
  /** Target: the booking's enterprise. */
  cancelBooking: action<{ enterpriseId: string } | undefined>({
    name: 'consulting.booking.cancel',
    description: '在开始前取消预约：企业本企业的，国家局全部',
    scopes: { ENTERPRISE_USER: 'own', NATIONAL_ADMIN: 'all' },
    refusal: '预约由预约的企业取消',
  }),
  /** The rows themselves: bookingVisibility. */
  readBookings: action<{ enterpriseId: string; regionCode: string; organizationId: string }>({
    name: 'consulting.booking.read',
    description: '查看问诊预约（人员、问题、出勤、诊断与建议、评价）：预约企业本企业的，服务队伍本机构场次的，省局本辖区企业的，国家局全部',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own', ENTERPRISE_USER: 'own' },
    refusal: '无权查看该预约',
    hideRefused: true,
  }),
  /** Target: the booking's team. */
  recordOutcome: action<{ organizationId: string } | undefined>({
    name: 'consulting.outcome.record',
    description: '问诊后登记出勤和诊断与建议（同时形成问诊咨询服务记录）：服务队伍本机构场次的，国家局全部',
    scopes: { SERVICE_PROVIDER: 'own', NATIONAL_ADMIN: 'all' },
    refusal: '问诊结果由提供问诊的服务队伍登记',
  }),
  /** Target: the booking's enterprise. */
  rate: action<{ enterpriseId: string } | undefined>({
    name: 'consulting.booking.rate',
    description: '评价参加过的问诊（1–5 分和意见，登记结果后一次）：预约的企业',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: '问诊由预约的企业评价',
  }),
};

/**
 * The bookings (alias of consulting_booking) a viewer may see: all for the national bureau; those of
 * the enterprises of its jurisdiction (today) for a provincial bureau; its own for an enterprise;
 * those of its sessions for a team; none for anyone else.
 */
export const bookingVisibility: Visibility = (viewer, _today, alias) => {
  const b = trusted(alias);
  switch (scopeOf(viewer, consultingActions.readBookings)) {
    case 'all':
      return null;
    case 'jurisdiction': {
      const region = jurisdictionOf(viewer);
      return region ? sql`(select cbe.region_code from enterprise cbe where cbe.id = ${b}.enterprise_id) = ${region}` : FALSE;
    }
    case 'own': {
      const enterprise = enterpriseOf(viewer);
      const org = organizationOf(viewer);
      return enterprise ? sql`${b}.enterprise_id = ${enterprise}::uuid` : org ? sql`${b}.organization_id = ${org}::uuid` : FALSE;
    }
    default:
      return FALSE;
  }
};

/** Sessions are public. */
export const sessionVisibility: Visibility = () => null;

export const consultingPolicy: Policy = {
  actions: Object.values(consultingActions) as Action<never>[],
  visibility: { ConsultingSession: sessionVisibility, ConsultingBooking: bookingVisibility },
};
