import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../config.js';
import type { Role, UserViewer } from '../../context.js';

const ISSUER = 'ip-enterprise-api';
const AUDIENCE = 'ip-enterprise-api';
const CLOCK_SKEW_SECONDS = 5;

function key(config: AppConfig): Uint8Array {
  return new TextEncoder().encode(config.jwtSecret);
}

/** A short-lived access token (JWT, HS256) carrying the viewer: id, role, scope and session family. */
export async function signAccessToken(config: AppConfig, viewer: UserViewer): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + config.accessTokenTtl * 1000);
  const token = await new SignJWT({
    uname: viewer.username,
    role: viewer.role,
    sid: viewer.sessionId,
    ...(viewer.regionCode ? { rc: viewer.regionCode } : {}),
    ...(viewer.enterpriseId ? { eid: viewer.enterpriseId } : {}),
    ...(viewer.organizationId ? { oid: viewer.organizationId } : {}),
    ...(viewer.personId ? { pid: viewer.personId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(viewer.userId)
    .setJti(randomUUID())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(config));
  return { token, expiresAt };
}

type VerifiedToken = UserViewer & { issuedAt: number };

/** Tokens verified by this process, with the last instant they are still good (per configuration: tests run several). */
const verified = new WeakMap<AppConfig, Map<string, { viewer: VerifiedToken; goodUntil: number }>>();
const VERIFIED_MAX = 10_000;

/**
 * Verifies an access token; null when it is not valid (bad signature, expired, wrong issuer, no
 * exp or iat, issued in the future). A token is checked cryptographically once: the result is
 * remembered until the token expires (its signature cannot change), so that the signature is not
 * recomputed on every request of a signed-in client. Whether its session still holds is asked
 * separately, on every request (src/http/auth.ts).
 */
export async function verifyAccessToken(config: AppConfig, token: string): Promise<VerifiedToken | null> {
  let known = verified.get(config);
  if (!known) verified.set(config, (known = new Map()));
  const hit = known.get(token);
  if (hit) {
    if (Date.now() < hit.goodUntil) return hit.viewer;
    known.delete(token);
  }
  const viewer = await verifyToken(config, token);
  if (viewer) {
    if (known.size >= VERIFIED_MAX) known.delete(known.keys().next().value!);
    const exp = Number(decodeClaims(token)?.exp ?? 0);
    // jose accepts a token until exp (plus the skew) and for at most the token lifetime after iat.
    known.set(token, { viewer, goodUntil: Math.min(exp + CLOCK_SKEW_SECONDS, viewer.issuedAt + config.accessTokenTtl + CLOCK_SKEW_SECONDS) * 1000 });
  }
  return viewer;
}

function decodeClaims(token: string): { exp?: unknown } | null {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
  } catch {
    return null;
  }
}

async function verifyToken(config: AppConfig, token: string): Promise<VerifiedToken | null> {
  try {
    // A token must say when it was issued and when it expires: none without exp or iat, none issued
    // in the future, none older than the access-token lifetime whatever its exp says (5 s of clock skew between servers).
    const { payload } = await jwtVerify(token, key(config), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      maxTokenAge: config.accessTokenTtl,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.role !== 'string') return null;
    return {
      kind: 'USER',
      userId: payload.sub,
      username: String(payload.uname ?? ''),
      role: payload.role as Role,
      sessionId: payload.sid,
      regionCode: (payload.rc as string | undefined) ?? null,
      enterpriseId: (payload.eid as string | undefined) ?? null,
      organizationId: (payload.oid as string | undefined) ?? null,
      personId: (payload.pid as string | undefined) ?? null,
      issuedAt: payload.iat ?? 0,
    };
  } catch {
    return null;
  }
}

/** A random refresh token (256 bits) and the hash under which it is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A readable random password for resets and new accounts (shown once). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}
