/**
 * The third work measure [D 四(三), A 四(二)] (docs/service.md; docs/permissions.md): who manages the
 * service organisations' members and selects quality teams, who requests, approves, opens and closes
 * stations, who dispatches commissioners, who records services, and which rows each viewer sees.
 *
 * An enterprise's stations, commissioners and service records are seen by the enterprise, by the
 * bureau of its jurisdiction (where it is today) and the national bureau, and by the provider
 * organisation; a commissioner also sees their own dispatches. Open stations and the selected teams
 * are public; members are seen by the bureaus, their organisation and the member.
 */
import type { Viewer } from '../../context.js';
import { action, may, scopeOf, type Action, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { and, FALSE, or, sql, trusted } from '../../common/sql.js';
import { shareAttachments } from '../file/file.policy.js';
import { enterpriseOf, isNational, jurisdictionOf, organizationOf, personOf } from '../../common/viewer.policy.js';

/** The national bureau's code where a bureau is named (SelectedServiceTeam, CommissionerDispatch). */
export const NATIONAL_BUREAU = '100000';

/** The bureau a viewer acts as: its jurisdiction, the national bureau, or none. */
export function bureauOf(viewer: Viewer): string | null {
  return isNational(viewer) ? NATIONAL_BUREAU : jurisdictionOf(viewer);
}

/** Facts of a row that hangs off an enterprise: the enterprise, its jurisdiction today, the provider, the person. */
export interface ServiceFacts extends ScopeFacts {
  enterpriseId: string;
  regionCode: string;
  organizationId?: string | null;
  personId?: string | null;
}

const ENTERPRISE_SIDE = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' } as const;
const BUREAUS = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' } as const;
const WRITERS = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own' } as const;

export const serviceActions = {
  readMember: action<{ organizationId: string; personId: string }>({
    name: 'service.member.read',
    description: '查看服务机构的成员（人员、角色、资格、任期）：国家局、省局全部，服务机构本机构的，成员本人的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'all', SERVICE_PROVIDER: 'own', EXPERT: 'self' },
    refusal: '无权查看该机构的成员',
    hideRefused: true,
  }),
  manageMembers: action<{ regionCode: string | null } | undefined>({
    name: 'service.member.manage',
    description: '增加服务机构的成员、提前结束成员任期：国家局全部，省局本辖区登记的机构',
    scopes: BUREAUS,
    refusal: (v) => (jurisdictionOf(v) ? '只能管理本辖区登记的服务机构的成员' : '服务机构的成员由国家局或所在辖区的省局管理'),
  }),
  readSelections: action({
    name: 'service.team.read',
    description: '查看遴选的优秀服务队伍名单（公开，不含个人信息）',
    scopes: { ANONYMOUS: 'public', EXPERT: 'public', SERVICE_PROVIDER: 'public', ENTERPRISE_USER: 'public', PROVINCIAL_ADMIN: 'public', NATIONAL_ADMIN: 'public' },
    refusal: '无权查看',
  }),
  /** On the organisation: a provincial bureau selects those registered in or serving its jurisdiction. */
  selectTeam: action<{ regionCode: string | null; regionsServed: readonly string[] } | undefined>({
    name: 'service.team.select',
    description: '遴选优秀服务队伍（年度名单，附服务期）：国家局全部，省局本辖区登记或服务本辖区的机构',
    scopes: BUREAUS,
    allows: (v, o, scope) => scope === 'all' || !o || (!!jurisdictionOf(v) && (o.regionCode === jurisdictionOf(v) || o.regionsServed.includes(jurisdictionOf(v)!))),
    refusal: '只能遴选本辖区登记或服务本辖区的服务机构',
  }),
  /** On the selection: the bureau that made it. */
  revokeSelection: action<{ bureauCode: string } | undefined>({
    name: 'service.team.revoke',
    description: '撤销某机构的入选（附理由）：作出遴选的省局，国家局全部',
    scopes: BUREAUS,
    allows: (v, s, scope) => scope === 'all' || !s || s.bureauCode === jurisdictionOf(v),
    refusal: '只能撤销本局作出的遴选',
  }),
  readStation: action({
    name: 'service.station.read',
    description: '查看服务站：运行中的公开（企业名称、服务团队、辖区、建站日期）；申请与审核记录为企业本身、所在辖区省局、指定的服务团队和国家局可见',
    scopes: { ANONYMOUS: 'public', EXPERT: 'public', ...ENTERPRISE_SIDE },
    refusal: '无权查看该服务站',
  }),
  readStationRecord: action<ServiceFacts>({
    name: 'service.station.record.read',
    description: '查看服务站的申请说明、审核意见、撤站理由和全部状态变化',
    scopes: ENTERPRISE_SIDE,
    refusal: '无权查看该服务站的办理记录',
  }),
  requestStation: action<{ enterpriseId: string }>({
    name: 'service.station.request',
    description: '申请设立本企业的知识产权服务站（仅限现为示范企业的），或撤回待审核的申请',
    scopes: { ENTERPRISE_USER: 'own' },
    refusal: '服务站由示范企业为本企业申请',
  }),
  decideStation: action<{ regionCode: string } | undefined>({
    name: 'service.station.decide',
    description: '审核本辖区企业的服务站申请：同意并指定服务团队，或不同意并说明理由',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '服务站申请由企业所在辖区的省局审核',
  }),
  openStation: action<ServiceFacts>({
    name: 'service.station.open',
    description: '登记服务站建站（日期）：所在辖区省局、指定的服务团队，国家局',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own' },
    refusal: '建站由所在辖区的省局或指定的服务团队登记',
  }),
  closeStation: action<ServiceFacts>({
    name: 'service.station.close',
    description: '撤站（日期和理由）：所在辖区省局、企业本身，国家局',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: '撤站由所在辖区的省局或企业本身办理',
  }),
  readDispatch: action<ServiceFacts>({
    name: 'service.dispatch.read',
    description: '查看特派员派驻：企业本身、所在辖区省局、特派员所在服务机构、特派员本人和国家局',
    scopes: { ...ENTERPRISE_SIDE, EXPERT: 'self' },
    refusal: '无权查看该派驻',
    hideRefused: true,
  }),
  dispatch: action<{ regionCode: string } | undefined>({
    name: 'service.dispatch.create',
    description: '派出知识产权特派员（服务团队的在任成员）到企业：省局派往本辖区企业，国家局派往任何企业',
    scopes: BUREAUS,
    refusal: '只能向本辖区的企业派出特派员',
  }),
  /** On the dispatch: the bureau that dispatched it. */
  endDispatch: action<{ bureauCode: string } | undefined>({
    name: 'service.dispatch.end',
    description: '提前结束特派员的派驻（附原因）：派出的省局，国家局全部',
    scopes: BUREAUS,
    allows: (v, d, scope) => scope === 'all' || !d || d.bureauCode === jurisdictionOf(v),
    refusal: '派驻由派出的知识产权局提前结束',
  }),
  /** On the dispatch: its organisation's users and the bureau that dispatched it. */
  recordVisit: action<{ organizationId: string; bureauCode: string } | undefined>({
    name: 'service.visit.record',
    description: '记录特派员走访（同时是一条服务记录）：特派员所在服务机构、派出的知识产权局，国家局',
    scopes: WRITERS,
    allows: (v, d, scope) => scope === 'all' || !d || (scope === 'own' ? organizationOf(v) === d.organizationId : jurisdictionOf(v) === d.bureauCode),
    refusal: '走访由特派员所在服务机构或派出的知识产权局记录',
  }),
  readRecord: action<ServiceFacts>({
    name: 'service.record.read',
    description: '查看服务记录：企业本身、所在辖区省局、提供服务的机构和国家局（不公开，其他企业不可见）',
    scopes: ENTERPRISE_SIDE,
    refusal: '无权查看该服务记录',
    hideRefused: true,
  }),
  writeRecord: action<ServiceFacts | undefined>({
    name: 'service.record.write',
    description: '登记、修改、作废服务记录：服务机构为本机构提供的服务，省局为本辖区企业，国家局全部',
    scopes: WRITERS,
    refusal: (v) => (organizationOf(v) ? '只能登记本机构提供的服务' : '只能登记本辖区企业接受的服务'),
  }),
};

/** The jurisdiction today of the enterprise of row `alias` (with an enterprise_id). */
export const enterpriseRegionOf = (alias: string) => sql`(select se.region_code from enterprise se where se.id = ${trusted(alias)}.enterprise_id)`;

/**
 * Rows hanging off an enterprise (alias with enterprise_id and organization_id, and person_id when
 * `withPerson`) by the scope of `act`: all; the jurisdiction of the enterprise; its own enterprise or
 * organisation; the person's own.
 */
export function enterpriseSide(act: Action<never> | Action<ServiceFacts>, withPerson = false): Visibility {
  return (viewer, _today, alias) => {
    const a = trusted(alias);
    switch (scopeOf(viewer, act)) {
      case 'all':
        return null;
      case 'jurisdiction': {
        const region = jurisdictionOf(viewer);
        return region ? sql`${enterpriseRegionOf(alias)} = ${region}` : FALSE;
      }
      case 'own': {
        const enterprise = enterpriseOf(viewer);
        const org = organizationOf(viewer);
        return enterprise ? sql`${a}.enterprise_id = ${enterprise}::uuid` : org ? sql`${a}.organization_id = ${org}::uuid` : FALSE;
      }
      case 'self': {
        const person = personOf(viewer);
        return withPerson && person ? sql`${a}.person_id = ${person}::uuid` : FALSE;
      }
      default:
        return FALSE;
    }
  };
}

const stationRecordVisibility = enterpriseSide(serviceActions.readStationRecord);

/** Stations (alias of service_station): open ones for everyone; the others with the record. */
export const stationVisibility: Visibility = (viewer, today, alias) => {
  const record = stationRecordVisibility(viewer, today, alias);
  return record === null ? null : or(sql`${trusted(alias)}.status = 'OPEN'`, record);
};

export const dispatchVisibility: Visibility = enterpriseSide(serviceActions.readDispatch, true);
export const recordVisibility: Visibility = enterpriseSide(serviceActions.readRecord);

// A service record's attachments (while it is not voided) are read by whoever sees the record (the enterprise, its bureau,
// the provider, the national admin), whoever uploaded them (GIN index on attachment_ids).
shareAttachments((viewer, today, alias) => {
  const visible = recordVisibility(viewer, today, 'sr');
  if (visible === FALSE) return FALSE;
  // A voided record shares nothing any more.
  const attached = sql`sr.status = 'RECORDED' and sr.attachment_ids @> jsonb_build_array(${trusted(alias)}.id::text)`;
  return sql`exists (select 1 from service_record sr where ${visible ? and(attached, visible) : attached})`;
});

/** Members (alias of organization_member): the bureaus all, an organisation its own, a person their own. */
export const memberVisibility: Visibility = (viewer, _today, alias) => {
  const m = trusted(alias);
  switch (scopeOf(viewer, serviceActions.readMember)) {
    case 'all':
      return null;
    case 'own': {
      const org = organizationOf(viewer);
      return org ? sql`${m}.organization_id = ${org}::uuid` : FALSE;
    }
    case 'self': {
      const person = personOf(viewer);
      return person ? sql`${m}.person_id = ${person}::uuid` : FALSE;
    }
    default:
      return FALSE;
  }
};

/** The selected teams are public. */
export const selectionVisibility: Visibility = () => null;

/** Whether the viewer reads a station's record (request note, decisions, history). */
export function canReadStationRecord(viewer: Viewer, facts: ServiceFacts): boolean {
  return may(viewer, serviceActions.readStationRecord, facts);
}

export const servicePolicy: Policy = {
  actions: Object.values(serviceActions) as Action<never>[],
  visibility: {
    OrganizationMember: memberVisibility,
    SelectedServiceTeam: selectionVisibility,
    ServiceStation: stationVisibility,
    CommissionerDispatch: dispatchVisibility,
    ServiceRecord: recordVisibility,
  },
};
