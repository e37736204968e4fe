import type { Context } from '../../context.js';
import { may } from '../../common/policy.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fromGlobalId, tryGlobalId } from '../../common/node.js';
import { InputProblems } from '../../common/errors.js';
import { enterpriseOf, isUser, jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';
import { transaction } from '../../common/transaction.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { fileActions } from './file.policy.js';
import { StoredFile } from './stored-file.entity.js';

/** What the storage reports of an accepted upload. */
export interface StoredUpload {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

export const fileService = {
  /** Whether the viewer may upload at all (POST /files answers 401 / 403 otherwise). */
  mayUpload(ctx: Pick<Context, 'viewer'>): boolean {
    return may(ctx.viewer, fileActions.upload);
  },

  /**
   * Records an accepted upload: the file belongs to the uploader's enterprise (enterprise users) or
   * jurisdiction (provincial admins), which decides who else may read it (file.policy.ts); audited.
   */
  async recordUpload(ctx: Context, upload: StoredUpload): Promise<StoredFile> {
    const viewer = ctx.viewer;
    if (!isUser(viewer)) throw new Error('recordUpload needs a signed-in viewer');
    const enterpriseId = enterpriseOf(viewer);
    const regionCode = jurisdictionOf(viewer);
    const organizationId = organizationOf(viewer);
    return transaction(ctx.em, async (em) => {
      const row = em.create(StoredFile, { ...upload, uploadedBy: viewer.userId, enterprise: enterpriseId, regionCode, organization: organizationId });
      const owner = enterpriseId ? await em.findOne(Enterprise, enterpriseId) : organizationId ? await em.findOne(ServiceOrganization, organizationId) : null;
      const jurisdiction = regionCode ?? owner?.region?.unwrap().code ?? null;
      recordAudit(em, ctx, {
        operation: 'uploadFile',
        objectType: 'StoredFile',
        objectId: row.id,
        jurisdiction,
        changes: { fileName: { before: null, after: upload.fileName }, size: { before: null, after: upload.size }, sha256: { before: null, after: upload.sha256 } },
      });
      await em.flush();
      return row;
    });
  },

  /** The file of a global id if the viewer may read it; null otherwise (GET /files/:id answers 404, never revealing that it exists). */
  async findReadable(ctx: Context, globalId: string): Promise<StoredFile | null> {
    const decoded = fromGlobalId(globalId);
    if (!decoded || decoded.type !== 'StoredFile') return null;
    return ctx.loaders.file.visibleById.load(decoded.key);
  },
};

/**
 * Attachment ids of a record an enterprise keeps (global StoredFile ids, in order, deduplicated):
 * each must be a file that enterprise uploaded; else BAD_USER_INPUT naming `field.i`. At most `max`.
 */
export async function enterpriseAttachments(em: EntityManager, enterpriseId: string, globalIds: readonly string[], field = 'attachmentIds', max = 30): Promise<string[]> {
  const problems = new InputProblems();
  if (globalIds.length > max) problems.add(field, `最多 ${max} 个附件`);
  const keys = globalIds.map((id, i) => {
    const key = tryGlobalId(id, 'StoredFile');
    if (!key) problems.add(`${field}.${i}`, '不是有效的文件 ID');
    return key ?? '';
  });
  problems.throwIfAny();
  if (!keys.length) return [];
  const files = await em.find(StoredFile, { id: { $in: keys }, enterprise: enterpriseId });
  keys.forEach((key, i) => {
    if (!files.some((f) => f.id === key)) problems.add(`${field}.${i}`, '未找到本企业上传的该文件');
  });
  problems.throwIfAny();
  return [...new Set(keys)];
}

