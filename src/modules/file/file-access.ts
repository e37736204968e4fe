import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserViewer } from '../../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import type { StoredFile } from './stored-file.entity.js';

/**
 * Who may read an attachment: the national admin; the uploader; the enterprise user of the
 * uploader's enterprise; the provincial admin of the jurisdiction it was uploaded in (its own, or
 * the uploading enterprise's).
 */
export async function canReadFile(em: EntityManager, viewer: UserViewer, file: StoredFile): Promise<boolean> {
  if (viewer.role === 'NATIONAL_ADMIN' || file.uploadedBy === viewer.userId) return true;
  if (viewer.role === 'ENTERPRISE_USER') return !!file.enterprise && file.enterprise.id === viewer.enterpriseId;
  if (viewer.role === 'PROVINCIAL_ADMIN') {
    if (file.regionCode && file.regionCode === viewer.regionCode) return true;
    if (file.enterprise) return (await em.findOne(Enterprise, file.enterprise.id))?.region.unwrap().code === viewer.regionCode;
  }
  return false;
}
