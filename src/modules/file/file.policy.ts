/**
 * Attachments (POST /files, GET /files/:id): who may upload, and who may read a file. A file is
 * read by the national bureau; by its uploader; by the users of the uploader's enterprise or
 * service organisation; by the provincial bureau of the jurisdiction it belongs to (its own
 * uploads, or the uploading enterprise's jurisdiction); and by whoever sees a record that attaches
 * it, where the record's module shares its attachments (shareAttachments: a service record's
 * files go to the enterprise, its bureau and the provider, as the record does).
 */
import { action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, or, sql, TRUE, trusted } from '../../common/sql.js';
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

/** The stored files (alias) a viewer may read. */
export const fileVisibility: Visibility = (viewer, today, alias) => {
  if (isNational(viewer)) return null;
  if (!isUser(viewer)) return FALSE;
  const f = trusted(alias);
  const shared = shares.map((share) => share(viewer, today, alias) ?? TRUE);
  const uploader = sql`${f}.uploaded_by = ${viewer.userId}::uuid`;
  const region = jurisdictionOf(viewer);
  if (region) return or(uploader, sql`${f}.region_code = ${region}`, sql`exists (select 1 from enterprise fe where fe.id = ${f}.enterprise_id and fe.region_code = ${region})`, ...shared);
  const own = enterpriseOf(viewer);
  if (own) return or(uploader, sql`${f}.enterprise_id = ${own}::uuid`, ...shared);
  const organization = organizationOf(viewer);
  return organization ? or(uploader, sql`${f}.organization_id = ${organization}::uuid`, ...shared) : or(uploader, ...shared);
};

export const filePolicy: Policy = {
  actions: Object.values(fileActions),
  visibility: { StoredFile: fileVisibility },
};
