/**
 * Service organisations (docs/permissions.md, "Accounts, people, organisations, audit"): a public
 * directory (name, kind, region, country); their contact details are not public.
 */
import type { Viewer } from '../../context.js';
import { action, may, type Policy, type ScopeFacts, type Visibility } from '../../common/policy.js';

/** What the organisation rules need to know of one: its id and its jurisdiction (none for overseas stations). */
export const organizationFacts = (o: { id: string; region?: { unwrap(): { code: string } } | null }): ScopeFacts => ({
  organizationId: o.id,
  regionCode: o.region ? o.region.unwrap().code : null,
});

export const organizationActions = {
  readContacts: action<ScopeFacts>({
    name: 'organization.contacts.read',
    description: '查看服务机构的联系电话和邮箱',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', SERVICE_PROVIDER: 'own' },
    refusal: '无权查看该机构的联系方式',
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
