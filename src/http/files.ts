import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { createContext } from '../context.js';
import type { ReferenceData } from '../common/reference-data.js';
import type { Clock } from '../common/clock.js';
import { fromGlobalId } from '../common/node.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { StoredFile } from '../modules/file/stored-file.entity.js';
import { canReadFile } from '../modules/file/file-access.js';
import { cleanFileName, contentMatches, FILE_TYPES, FileTooLargeError, type FileStorage } from '../modules/file/storage.js';
import './request-viewer.js';
import { transaction } from '../common/transaction.js';

function error(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code, ...extensions } }] });
}

const UPLOAD_ROLES = new Set(['NATIONAL_ADMIN', 'PROVINCIAL_ADMIN', 'ENTERPRISE_USER']);

/**
 * POST /files (multipart, one part named "file"): stores an attachment after checking its size
 * and type (the declared type, the file name's extension and the first bytes must agree), records
 * its SHA-256, and answers its id. GET /files/:id streams it back to those who may read it.
 */
export async function registerFileRoutes(
  fastify: FastifyInstance,
  deps: { config: AppConfig; orm: MikroORM; reference: ReferenceData; storage: FileStorage; clock?: Clock },
): Promise<void> {
  const { config, orm, storage } = deps;
  await fastify.register(multipart, { limits: { fileSize: config.fileMaxBytes, files: 1, fields: 0, parts: 1, headerPairs: 200 } });

  fastify.post('/files', async (request, reply) => {
    const viewer = request.viewer;
    if (viewer.kind !== 'USER') return error(reply, 401, 'UNAUTHENTICATED', '请先登录再上传文件');
    if (!UPLOAD_ROLES.has(viewer.role)) return error(reply, 403, 'FORBIDDEN', '无权上传文件');
    if (!request.isMultipart()) return error(reply, 415, 'BAD_REQUEST', '请以 multipart/form-data 上传，文件字段名为 file');
    let part;
    try {
      part = await request.file();
    } catch {
      return error(reply, 400, 'BAD_REQUEST', '请求格式有误：只能包含一个名为 file 的文件');
    }
    if (!part || part.fieldname !== 'file') return error(reply, 400, 'BAD_USER_INPUT', '缺少名为 file 的文件', { fields: [{ field: 'file', message: '必填' }] });
    const fileName = cleanFileName(part.filename);
    const contentType = part.mimetype.toLowerCase().split(';')[0]!.trim();
    const extension = path.extname(fileName).slice(1).toLowerCase();
    const spec = FILE_TYPES[contentType];
    if (!spec || !spec.extensions.includes(extension)) {
      part.file.resume();
      return error(reply, 415, 'BAD_USER_INPUT', `不支持的文件类型：只接受 PDF、OFD、JPEG、PNG、Word、Excel，且扩展名须与类型一致`, {
        fields: [{ field: 'file', message: `类型 ${contentType}、扩展名 .${extension}` }],
      });
    }
    let stored;
    try {
      stored = await storage.put(part.file, config.fileMaxBytes);
    } catch (e) {
      if (e instanceof FileTooLargeError || part.file.truncated) {
        return error(reply, 413, 'BAD_USER_INPUT', `文件过大：最大 ${Math.floor(config.fileMaxBytes / 1_048_576)} MB`, { maxBytes: config.fileMaxBytes });
      }
      throw e;
    }
    if (part.file.truncated) {
      await storage.remove(stored.key);
      return error(reply, 413, 'BAD_USER_INPUT', `文件过大：最大 ${Math.floor(config.fileMaxBytes / 1_048_576)} MB`, { maxBytes: config.fileMaxBytes });
    }
    if (stored.size === 0 || !contentMatches(contentType, stored.head)) {
      await storage.remove(stored.key);
      return error(reply, 415, 'BAD_USER_INPUT', '文件内容与声明的类型不符', { fields: [{ field: 'file', message: '内容与类型不符' }] });
    }
    const ctx = createContext({ em: orm.em, reference: deps.reference, config, clock: deps.clock }, { requestId: request.id, clientAddress: request.ip, viewer });
    try {
      const file = await transaction(ctx.em, async (em) => {
        const row = em.create(StoredFile, {
          fileName,
          contentType,
          size: stored.size,
          sha256: stored.sha256,
          storageKey: stored.key,
          uploadedBy: viewer.userId,
          enterprise: viewer.role === 'ENTERPRISE_USER' ? viewer.enterpriseId : null,
          regionCode: viewer.role === 'PROVINCIAL_ADMIN' ? viewer.regionCode : null,
        });
        const jurisdiction =
          viewer.role === 'PROVINCIAL_ADMIN' ? (viewer.regionCode ?? null) : viewer.enterpriseId ? (await em.findOne(Enterprise, viewer.enterpriseId))?.region.unwrap().code ?? null : null;
        recordAudit(em, ctx, {
          operation: 'uploadFile',
          objectType: 'StoredFile',
          objectId: row.id,
          jurisdiction,
          changes: { fileName: { before: null, after: fileName }, size: { before: null, after: stored.size }, sha256: { before: null, after: stored.sha256 } },
        });
        await em.flush();
        return row;
      });
      return reply.code(201).send({ id: file.nodeId, fileName, contentType, size: stored.size, sha256: stored.sha256, downloadUrl: file.downloadUrl });
    } catch (e) {
      await storage.remove(stored.key);
      throw e;
    }
  });

  fastify.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const viewer = request.viewer;
    if (viewer.kind !== 'USER') return error(reply, 401, 'UNAUTHENTICATED', '请先登录');
    const decoded = fromGlobalId(request.params.id);
    const notFound = () => error(reply, 404, 'NOT_FOUND', '未找到文件');
    if (!decoded || decoded.type !== 'StoredFile' || !/^[0-9a-f-]{36}$/.test(decoded.key)) return notFound();
    const em = orm.em.fork();
    const file = await em.findOne(StoredFile, decoded.key);
    if (!file || !(await canReadFile(em, viewer, file))) return notFound();
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', file.sha256)
      .send(storage.open(file.storageKey));
  });
}
