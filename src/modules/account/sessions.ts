/**
 * Login sessions: issuing a token pair (an access token and a rotating refresh token, see
 * session.entity.ts) and revoking sessions. Shared by authentication (login, refresh, logout,
 * password change) and user administration (disabling an account, resetting its password).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, UserViewer } from '../../context.js';
import { run, sql } from '../../common/sql.js';
import { afterCommit } from '../../common/transaction.js';
import type { Revocation } from './session-cache.js';
import { Session } from './session.entity.js';
import type { User } from './user.entity.js';
import { newRefreshToken, signAccessToken } from './tokens.js';

/** A token pair and the user it was issued to (the fields of LoginPayload, RefreshSessionPayload and SessionTokens). */
export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

/** The viewer an access token of `user` carries, in session family `sessionId`. */
export function viewerOf(user: User, sessionId: string): UserViewer {
  return {
    kind: 'USER',
    userId: user.id,
    username: user.username,
    role: user.role,
    sessionId,
    regionCode: user.region?.unwrap().code ?? null,
    enterpriseId: user.enterprise?.id ?? null,
    organizationId: user.organization?.id ?? null,
    personId: user.person?.id ?? null,
  };
}

/** Adds a refresh token of session family `familyId` to the unit of work of `em` and signs an access token for it. */
export async function issueSession(em: EntityManager, ctx: Context, user: User, familyId: string): Promise<IssuedSession> {
  const refresh = newRefreshToken();
  const expiresAt = new Date(Date.now() + ctx.config.refreshTokenTtl * 1000);
  em.create(Session, {
    user: user.id,
    familyId,
    tokenHash: refresh.hash,
    expiresAt,
    clientAddress: ctx.clientAddress?.slice(0, 64) ?? null,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
  });
  const access = await signAccessToken(ctx.config, viewerOf(user, familyId));
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.token, refreshTokenExpiresAt: expiresAt, user };
}

/**
 * Revokes every open session of one family (one login), or of one user; returns how many tokens
 * were open. Once the transaction commits, the session cache forgets them (in every process, with Redis).
 */
export function revokeSessions(em: EntityManager, ctx: Pick<Context, 'sessions'>, of: Revocation): Promise<number> {
  const where = 'familyId' in of ? sql`family_id = ${of.familyId}` : sql`user_id = ${of.userId}`;
  afterCommit(() => ctx.sessions.revoke(of));
  return run(em, sql`update session set revoked_at = now() where ${where} and revoked_at is null`);
}
