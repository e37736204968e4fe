import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { ANONYMOUS } from '../context.js';
import { verifyAccessToken } from '../modules/account/tokens.js';
import type { SessionCache } from '../modules/account/session-cache.js';
import './request-viewer.js';

function unauthenticated(reply: FastifyReply, message: string) {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer')
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/**
 * Sets request.viewer from `Authorization: Bearer <access token>`. No header: the anonymous
 * viewer. A token that is malformed, expired, or whose session was revoked (logout, password
 * reset, disabled account) is refused with 401 so that the client refreshes or logs in again,
 * rather than silently seeing the public view.
 */
export function registerAuth(fastify: FastifyInstance, deps: { config: AppConfig; orm: MikroORM; sessions: SessionCache }): void {
  fastify.decorateRequest('viewer', null as never);
  fastify.addHook('onRequest', async (request, reply) => {
    request.viewer = ANONYMOUS;
    const header = request.headers.authorization;
    // The API's own routes: GraphQL, the file endpoints and the exports.
    if (!header || !(request.url.startsWith('/graphql') || request.url.startsWith('/files') || request.url.startsWith('/exports'))) return;
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})$/i.exec(header.trim());
    if (!match) return unauthenticated(reply, '请求头 Authorization 应为 “Bearer <访问令牌>”');
    const viewer = await verifyAccessToken(deps.config, match[1]!);
    if (!viewer) return unauthenticated(reply, '访问令牌无效或已过期，请刷新会话或重新登录');
    // A session found valid a moment ago is not asked about again (SESSION_CACHE_SECONDS; revocations
    // reach the cache as soon as they commit). A failure here (database down, pool exhausted)
    // reaches the error handler: 503, masked.
    if (!deps.sessions.isValid(viewer.userId, viewer.sessionId)) {
      const checkedAt = deps.sessions.checkStarts();
      const rows = await deps.orm.em.execute<{ ok: boolean }[]>(
        `select (not u.disabled and exists (select 1 from session s where s.family_id = ? and s.revoked_at is null and s.expires_at > now())) as ok
           from app_user u where u.id = ?`,
        [viewer.sessionId, viewer.userId],
      );
      if (!rows[0]?.ok) return unauthenticated(reply, '会话已失效，请重新登录');
      deps.sessions.remember(viewer.userId, viewer.sessionId, checkedAt);
    }
    const { issuedAt: _issuedAt, ...rest } = viewer;
    void _issuedAt;
    request.viewer = rest;
  });
}
