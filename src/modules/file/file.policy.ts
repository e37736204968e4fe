/**
 * Attachments (POST /files, GET /files/:id): who may upload, and who may read a file. A file is
 * read by the national bureau; by its uploader; by the users of the uploader's enterprise or
 * service organisation; by the provincial bureau of the jurisdiction it belongs to (its own
 * uploads, or the uploading enterprise's jurisdiction); and by whoever sees a record that attaches
 * it, where the record's module shares its attachments (shareAttachments: a service record's
 * files go to the enterprise, its bureau and the provider, as the record does).
 */
import { action, type Policy, type Visibility } from '../../common/policy.js';
import { and, FALSE, or, sql, TRUE, trusted, type Sql } from '../../common/sql.js';
import type { Viewer } from '../../context.js';
import { enterpriseOf, isNational, isUser, jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';

export const fileActions = {
  upload: action({
    name: 'file.upload',
    description: '上传附件（申报材料、推荐函等），之后在申报等处引用',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' },
    refusal: '无权上传文件',
  }),
  /** Which files exactly is fileVisibility (the uploader always reads its own). */
  read: action({
    name: 'file.read',
    description: '下载附件：国家局全部，省局本辖区（本局上传的和本辖区企业上传的），企业本企业上传的，服务机构本机构上传的；上传者本人；以及看得到引用该附件的服务记录的人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own' },
    refusal: '未找到文件',
    hideRefused: true,
  }),
};

/** The conditions under which records of other modules lend a viewer their attachments (alias of stored_file). */
const shares: Visibility[] = [];

/** A module whose records attach files lets whoever sees such a record read them (registered once, when the module loads). */
export function shareAttachments(share: Visibility): void {
  shares.push(share);
}

/** The stored files (alias) a viewer reads by the file rules alone: its uploads, its enterprise's or organisation's, its jurisdiction's. */
export const ownFileVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  if (!isUser(viewer)) return FALSE;
  const f = trusted(alias);
  const uploader = sql`${f}.uploaded_by = ${viewer.userId}::uuid`;
  const region = jurisdictionOf(viewer);
  if (region) return or(uploader, sql`${f}.region_code = ${region}`, sql`exists (select 1 from enterprise fe where fe.id = ${f}.enterprise_id and fe.region_code = ${region})`);
  const own = enterpriseOf(viewer);
  if (own) return or(uploader, sql`${f}.enterprise_id = ${own}::uuid`);
  const organization = organizationOf(viewer);
  return organization ? or(uploader, sql`${f}.organization_id = ${organization}::uuid`) : uploader;
};

/** The stored files (alias) a viewer may read: by the file rules, or through a record that shares them. */
export const fileVisibility: Visibility = (viewer, today, alias) => {
  const own = ownFileVisibility(viewer, today, alias);
  if (own === null || !isUser(viewer)) return own;
  return or(own, ...shares.map((share) => share(viewer, today, alias) ?? TRUE));
};

/**
 * The files (alias) a viewer may attach to a record of `owner` (its enterprise, and its
 * organisation when it has one): files it reads by the file rules (never through another record's
 * share) that it uploaded, or that belong to that enterprise, that organisation or its own bureau —
 * so a file of one enterprise is never attached to another enterprise's record.
 */
export function attachableFiles(viewer: Viewer, today: string, alias: string, owner: { enterpriseId: string; organizationId?: string | null }): Sql {
  if (!isUser(viewer)) return FALSE;
  const f = trusted(alias);
  const region = jurisdictionOf(viewer);
  const belongs = or(
    sql`${f}.uploaded_by = ${viewer.userId}::uuid`,
    sql`${f}.enterprise_id = ${owner.enterpriseId}::uuid`,
    owner.organizationId ? sql`${f}.organization_id = ${owner.organizationId}::uuid` : FALSE,
    region ? sql`${f}.region_code = ${region}` : FALSE,
  );
  const readable = ownFileVisibility(viewer, today, alias);
  return readable ? and(readable, belongs) : belongs;
}

export const filePolicy: Policy = {
  actions: Object.values(fileActions),
  visibility: { StoredFile: fileVisibility },
};
