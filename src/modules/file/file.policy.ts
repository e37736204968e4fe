/**
 * Attachments (POST /files, GET /files/:id): who may upload, and who may read a file. A file is
 * read by the national bureau; by its uploader; by the users of the uploader's enterprise; by the
 * provincial bureau of the jurisdiction it belongs to (its own uploads, or the uploading
 * enterprise's jurisdiction).
 */
import { action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, or, sql, trusted } from '../../common/sql.js';
import { enterpriseOf, isNational, isUser, jurisdictionOf } from '../../common/viewer.policy.js';

export const fileActions = {
  upload: action({
    name: 'file.upload',
    description: '上传附件（申报材料、推荐函等），之后在申报等处引用',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: '无权上传文件',
  }),
  /** Which files exactly is fileVisibility (the uploader always reads its own). */
  read: action({
    name: 'file.read',
    description: '下载附件：国家局全部，省局本辖区（本局上传的和本辖区企业上传的），企业本企业上传的；上传者本人',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own' },
    refusal: '未找到文件',
    hideRefused: true,
  }),
};

/** The stored files (alias) a viewer may read. */
export const fileVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  if (!isUser(viewer)) return FALSE;
  const f = trusted(alias);
  const uploader = sql`${f}.uploaded_by = ${viewer.userId}::uuid`;
  const region = jurisdictionOf(viewer);
  if (region) return or(uploader, sql`${f}.region_code = ${region}`, sql`exists (select 1 from enterprise fe where fe.id = ${f}.enterprise_id and fe.region_code = ${region})`);
  const own = enterpriseOf(viewer);
  return own ? or(uploader, sql`${f}.enterprise_id = ${own}::uuid`) : uploader;
};

export const filePolicy: Policy = {
  actions: Object.values(fileActions),
  visibility: { StoredFile: fileVisibility },
};
