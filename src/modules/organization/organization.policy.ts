/**
 * Service organisations (docs/permissions.md, "Accounts, people, organisations, audit";
 * docs/service.md): a public directory (name, kind, region, status, specialties, regions served);
 * their contact details are not public. The national bureau registers and changes any organisation,
 * a provincial bureau those of its jurisdiction [D 四(三), A 四(二)].
 */
import type { Viewer } from '../../context.js';
import { action, may, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';
import { jurisdictionOf } from '../../common/viewer.policy.js';

/** What the organisation rules need to know of one: its id and its jurisdiction (none for overseas stations). */
export const organizationFacts = (o: { id: string; region?: { unwrap(): { code: string } } | null }): ScopeFacts => ({
  organizationId: o.id,
  regionCode: o.region ? o.region.unwrap().code : null,
});

const BUREAUS = { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' } as const;
const outside = (v: Viewer) => (jurisdictionOf(v) ? `只能登记和修改本辖区（${jurisdictionOf(v)}）的服务机构` : '服务机构由国家局或所在辖区的省局登记');

export const organizationActions = {
  readContacts: action<ScopeFacts>({
    name: 'organization.contacts.read',
    description: '查看服务机构的联系人、联系电话和邮箱',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own' },
    refusal: '无权查看该机构的联系方式',
  }),
  /** On the organisation as it would be registered (its jurisdiction); without one, whether the viewer may register any. */
  create: action<{ regionCode: string | null } | undefined>({
    name: 'organization.create',
    description: '登记服务机构（服务团队、代理机构、维权援助中心；驻外工作站由国家局登记）：省局登记本辖区的',
    scopes: BUREAUS,
    refusal: outside,
  }),
  /** On the organisation before and after the change (a bureau cannot move one out of its jurisdiction). */
  update: action<{ regionCode: string | null } | undefined>({
    name: 'organization.update',
    description: '修改服务机构的信息、服务领域、服务地区和状态（正常、暂停、撤销）：省局修改本辖区的',
    scopes: BUREAUS,
    refusal: outside,
  }),
};

/** Every organisation is in the public directory (alias of service_organization): no restriction. */
export const organizationVisibility: Visibility = () => null;

/** Whether the viewer reads the organisation's contact details: the national admin, the bureau of its jurisdiction, its own users. */
export function canReadContacts(viewer: Viewer, o: Parameters<typeof organizationFacts>[0]): boolean {
  return may(viewer, organizationActions.readContacts, organizationFacts(o));
}

export const organizationPolicy: Policy = {
  actions: Object.values(organizationActions),
  visibility: { ServiceOrganization: organizationVisibility },
};
