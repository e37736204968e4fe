import type { Context } from '../../context.js';
import { may } from '../../common/policy.js';
import { fromGlobalId } from '../../common/node.js';
import { enterpriseOf, isUser, jurisdictionOf } from '../../common/viewer.policy.js';
import { transaction } from '../../common/transaction.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
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
    return transaction(ctx.em, async (em) => {
      const row = em.create(StoredFile, { ...upload, uploadedBy: viewer.userId, enterprise: enterpriseId, regionCode });
      const jurisdiction = regionCode ?? (enterpriseId ? ((await em.findOne(Enterprise, enterpriseId))?.region.unwrap().code ?? null) : null);
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
