import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { createContext } from '../context.js';
import type { ReferenceData } from '../common/reference-data.js';
import type { Clock } from '../common/clock.js';
import { contentTypeOf, exportService } from '../modules/reporting/export.service.js';
import { ExportStatus } from '../modules/reporting/export.entity.js';
import { attachment } from './files.js';
import './request-viewer.js';

function answer(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json; charset=utf-8').header('cache-control', 'private, no-store').send({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * GET /exports/:id (docs/reporting.md, "Exports"): the file of one of the viewer's own exports.
 * 202 while it is being made (with its status), 200 and the file when ready, 410 once expired,
 * 404 for anyone else's or an unknown id (an export is never revealed to another account).
 */
export function registerExportRoutes(fastify: FastifyInstance, deps: { config: AppConfig; orm: MikroORM; reference: ReferenceData; clock?: Clock }): void {
  fastify.get<{ Params: { id: string } }>('/exports/:id', async (request, reply) => {
    const viewer = request.viewer;
    if (viewer.kind !== 'USER') return answer(reply, 401, 'UNAUTHENTICATED', '请先登录');
    const ctx = createContext({ em: deps.orm.em, reference: deps.reference, config: deps.config, clock: deps.clock }, { requestId: request.id, clientAddress: request.ip, viewer });
    const job = await exportService.findOwn(ctx, request.params.id);
    if (!job) return answer(reply, 404, 'NOT_FOUND', '未找到该导出');
    if (job.status === ExportStatus.PENDING || job.status === ExportStatus.RUNNING) {
      return reply.code(202).header('retry-after', '2').header('cache-control', 'private, no-store').send({ id: job.nodeId, status: job.status });
    }
    if (job.status === ExportStatus.FAILED) return answer(reply, 500, 'EXPORT_FAILED', job.error ?? '导出失败');
    if (!job.storageKey || job.expiresAt.getTime() < Date.now()) return answer(reply, 410, 'GONE', '导出已过期，请重新导出');
    return reply
      .header('content-type', contentTypeOf(job.format))
      .header('content-length', String(job.bytes))
      .header('content-disposition', attachment(job.fileName))
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', job.sha256 ?? '')
      .header('x-export-rows', String(job.rowCount))
      .header('x-export-truncated', String(job.truncated))
      .send(exportService.open(ctx, job));
  });
}
