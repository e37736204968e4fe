/**
 * What the overseas module's services share.
 */

/** No enterprise: the attachments of an organisation's own record never match an enterprise's files. */
const NO_ENTERPRISE = '00000000-0000-0000-0000-000000000000';

/**
 * Whose files may be attached to a record of `organizationId` (service.rules.ts, attachments): the
 * uploader's and the organisation's; for the national bureau's own record (null), the uploader's.
 */
export function organizationFilesOwner(organizationId: string | null): { enterpriseId: string; organizationId: string } {
  return { enterpriseId: NO_ENTERPRISE, organizationId: organizationId ?? NO_ENTERPRISE };
}
