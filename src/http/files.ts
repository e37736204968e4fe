import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { createContext } from '../context.js';
import type { ReferenceData } from '../common/reference-data.js';
import type { Clock } from '../common/clock.js';
import { fileService } from '../modules/file/file.service.js';
import { cleanFileName, contentMatches, FILE_TYPES, FileTooLargeError, type FileStorage } from '../modules/file/storage.js';
import './request-viewer.js';

/**
 * A Content-Disposition for a download: an ASCII fallback name and the UTF-8 name encoded as
 * RFC 8187 wants (encodeURIComponent leaves ' ( ) * unencoded, which strict parsers refuse).
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function error(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code, ...extensions } }] });
}

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
    if (!fileService.mayUpload({ viewer })) return error(reply, 403, 'FORBIDDEN', '无权上传文件');
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
      const file = await fileService.recordUpload(ctx, { fileName, contentType, size: stored.size, sha256: stored.sha256, storageKey: stored.key });
      return reply.code(201).send({ id: file.nodeId, fileName, contentType, size: stored.size, sha256: stored.sha256, downloadUrl: file.downloadUrl });
    } catch (e) {
      await storage.remove(stored.key);
      throw e;
    }
  });

  fastify.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const viewer = request.viewer;
    if (viewer.kind !== 'USER') return error(reply, 401, 'UNAUTHENTICATED', '请先登录');
    const ctx = createContext({ em: orm.em, reference: deps.reference, config, clock: deps.clock }, { requestId: request.id, clientAddress: request.ip, viewer });
    const file = await fileService.findReadable(ctx, request.params.id);
    if (!file) return error(reply, 404, 'NOT_FOUND', '未找到文件');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', attachment(file.fileName))
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', file.sha256)
      .send(storage.open(file.storageKey));
  });
}
