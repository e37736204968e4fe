/**
 * Sessions: access tokens over HTTP (valid, malformed, tampered, foreign, expired), refresh-token
 * rotation and reuse detection, logout, and the revocations that a password change, a password
 * reset and disabling an account cause. Refresh tokens are stored only as their SHA-256.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../harness/app.js';
import {
  CHANGE_PASSWORD,
  LOGOUT,
  ME,
  REFRESH,
  RESET_PASSWORD,
  SET_DISABLED,
  enterpriseIn,
  login,
  loginOk,
  onlyError,
  post,
  userGlobalId,
  type HttpResponse,
} from './account-helpers.js';

const ISSUER = 'ip-enterprise-api';

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const me = (token?: string) => post<{ me: { authenticated: boolean; role: string; user: { username: string } | null } }>(t, ME, {}, { token });
  const refresh = (refreshToken: string) => post<{ refreshSession: { accessToken: string; refreshToken: string; user: { username: string } } }>(t, REFRESH, { input: { refreshToken } });

  /** The access token works: 200 and the user it belongs to. */
  async function expectAccepted(token: string, username: string) {
    const res = await me(token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data?.me).toMatchObject({ authenticated: true, user: { username } });
  }

  /** The access token is refused with HTTP 401 and UNAUTHENTICATED (never silently anonymous). */
  function expectRefused(res: HttpResponse) {
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(res.body.data ?? null).toBeNull();
    expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  }

  async function expectRefreshRefused(refreshToken: string) {
    const res = await refresh(refreshToken);
    expect(res.body.data ?? null).toBeNull();
    expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
  }

  /** Signs claims with the app's secret (or another) the way the server does. */
  async function sign(claims: JWTPayload, opts: { secret?: string; exp: number; iss?: string; aud?: string }) {
    const { exp: _exp, iat: _iat, iss: _iss, aud: _aud, ...rest } = claims;
    void [_exp, _iat, _iss, _aud];
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(opts.iss ?? ISSUER)
      .setAudience(opts.aud ?? ISSUER)
      .setIssuedAt(opts.exp - 900)
      .setExpirationTime(opts.exp)
      .sign(new TextEncoder().encode(opts.secret ?? t.config.jwtSecret));
  }

  const now = () => Math.floor(Date.now() / 1000);

  describe('access tokens', () => {
    it('identify the signed-in user over HTTP', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const res = await me(admin.accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { me: { authenticated: true, role: 'NATIONAL_ADMIN', user: { username: admin.username } } } });

      const enterprise = await enterpriseIn(t, '440000');
      const staff = await t.login('ENTERPRISE_USER', { enterpriseId: enterprise.key });
      expect((await me(staff.accessToken)).body).toEqual({ data: { me: { authenticated: true, role: 'ENTERPRISE_USER', user: { username: staff.username } } } });
    });

    it('without a token the request is anonymous', async () => {
      const res = await me();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { me: { authenticated: false, role: 'ANONYMOUS', user: null } } });
    });

    it.each([
      ['a short garbage token', 'garbage'],
      ['a long garbage token', 'this-is-not-a-jwt-at-all-0123456789'],
      ['three garbage segments', 'aaaaaaaaaa.bbbbbbbbbb.cccccccccc'],
      ['a refresh token used as an access token', 'REFRESH'],
    ])('refuses %s with 401', async (_name, token) => {
      const value = token === 'REFRESH' ? (await t.login('NATIONAL_ADMIN')).refreshToken : token;
      expectRefused(await me(value));
    });

    it('refuses a malformed Authorization header with 401', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      for (const header of [`Basic ${admin.accessToken}`, `Bearer`, `Bearer ${admin.accessToken} extra`]) {
        const response = await t.app.fastify.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json', authorization: header },
          payload: JSON.stringify({ query: ME }),
        });
        expect(response.statusCode, header).toBe(401);
        expect(response.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses a tampered token (claims changed, signature kept)', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const provincial = await t.login('PROVINCIAL_ADMIN', { regionCode: '440000' });
      const [header, payload, signature] = provincial.accessToken.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      for (const change of [{ role: 'NATIONAL_ADMIN', rc: undefined }, { rc: '110000' }, { sub: admin.userId }, { exp: now() + 86_400 }]) {
        const forged = Buffer.from(JSON.stringify({ ...claims, ...change }), 'utf8').toString('base64url');
        expectRefused(await me(`${header}.${forged}.${signature}`));
      }
      // A flipped signature character.
      const flipped = signature[5] === 'A' ? 'B' : 'A';
      expectRefused(await me(`${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`));
      // The untouched token still works.
      await expectAccepted(provincial.accessToken, provincial.username);
    });

    it('refuses a token signed with another secret, or for another issuer or audience', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const claims = decodeJwt(admin.accessToken);
      const exp = now() + 600;
      // Control: the same claims signed the server's way are accepted.
      await expectAccepted(await sign(claims, { exp }), admin.username);
      expectRefused(await me(await sign(claims, { exp, secret: 'another-secret-of-at-least-32-characters!!' })));
      expectRefused(await me(await sign(claims, { exp, iss: 'someone-else' })));
      expectRefused(await me(await sign(claims, { exp, aud: 'someone-else' })));
    });

    it('refuses an unsigned token (alg none)', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const [, payload] = admin.accessToken.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      expectRefused(await me(`${header}.${payload}.`));
      expectRefused(await me(`${header}.${payload}.x`));
    });

    it('refuses an expired token', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const claims = decodeJwt(admin.accessToken);
      expectRefused(await me(await sign(claims, { exp: now() - 5 })));
      expectRefused(await me(await sign(claims, { exp: now() - 3600 })));
      // The session itself is still valid: the same claims with a future expiry are accepted.
      await expectAccepted(await sign(claims, { exp: now() + 60 }), admin.username);
    });

    it('refuses a correctly signed token without exp or iat, issued in the future, or older than the access-token lifetime', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const { exp: _e, iat: _i, iss: _s, aud: _a, ...claims } = decodeJwt(admin.accessToken);
      void [_e, _i, _s, _a];
      const key = new TextEncoder().encode(t.config.jwtSecret);
      const base = () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(ISSUER).setAudience(ISSUER);
      // Control: issued now, expiring within the lifetime.
      await expectAccepted(await base().setIssuedAt(now()).setExpirationTime(now() + 600).sign(key), admin.username);
      expectRefused(await me(await base().setIssuedAt(now()).sign(key))); // no exp: valid forever
      expectRefused(await me(await base().setExpirationTime(now() + 600).sign(key))); // no iat
      expectRefused(await me(await base().setIssuedAt(now() + 3600).setExpirationTime(now() + 4000).sign(key))); // from the future
      // Issued two lifetimes ago with an exp far ahead: the lifetime counts, not the token's word.
      expectRefused(await me(await base().setIssuedAt(now() - 2 * t.config.accessTokenTtl).setExpirationTime(now() + 86_400 * 365).sign(key)));
    });
  });

  describe('refreshSession', () => {
    it('returns a new pair and spends the old refresh token', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const res = await refresh(u.refreshToken);
      expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
      const next = res.body.data!.refreshSession;
      expect(next.user.username).toBe(u.username);
      expect(next.refreshToken).not.toBe(u.refreshToken);
      // Same session family (the access token carries only the family, so within the same second it may be identical).
      expect(decodeJwt(next.accessToken).sid).toBe(decodeJwt(u.accessToken).sid);
      await expectAccepted(next.accessToken, u.username);

      const [old] = await t.sql<{ replaced: boolean; revoked: boolean }>(
        'select replaced_at is not null as replaced, revoked_at is not null as revoked from session where token_hash = ?',
        [createHash('sha256').update(u.refreshToken).digest('hex')],
      );
      expect(old).toEqual({ replaced: true, revoked: false });

      // The new refresh token rotates in turn.
      const third = await refresh(next.refreshToken);
      expect(third.body.errors, JSON.stringify(third.body)).toBeUndefined();
      await expectAccepted(third.body.data!.refreshSession.accessToken, u.username);
    });

    it('revokes the whole session when a spent refresh token is presented again', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const other = await loginOk(t, u.username, TEST_PASSWORD); // a second, independent session of the same user
      const next = (await refresh(u.refreshToken)).body.data!.refreshSession;
      await expectAccepted(next.accessToken, u.username);

      // Replay of the spent token.
      const replay = await refresh(u.refreshToken);
      expect(replay.body.data ?? null).toBeNull();
      expect(onlyError(replay.body).extensions?.code).toBe('UNAUTHENTICATED');

      // Every token of that family is dead now: the new refresh token, the new and the first access token.
      await expectRefreshRefused(next.refreshToken);
      expectRefused(await me(next.accessToken));
      expectRefused(await me(u.accessToken));
      const familyRows = await t.sql<{ live: string }>(
        'select count(*) filter (where revoked_at is null)::text as live from session where family_id = ?',
        [decodeJwt(u.accessToken).sid],
      );
      expect(familyRows[0]!.live).toBe('0');

      // The other login of the same user is a different session and keeps working.
      await expectAccepted(other.accessToken, u.username);
      const otherNext = await refresh(other.refreshToken);
      expect(otherNext.body.errors, JSON.stringify(otherNext.body)).toBeUndefined();
    });

    it('refuses an unknown refresh token', async () => {
      await expectRefreshRefused('this-token-was-never-issued-0123456789abcdefg');
      await expectRefreshRefused('');
    });
  });

  describe('logout', () => {
    it('with the access token and no input revokes the current session', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const other = await loginOk(t, u.username, TEST_PASSWORD);
      const res = await post(t, 'mutation { logout { revoked } }', {}, { token: u.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { logout: { revoked: true } } });

      expectRefused(await me(u.accessToken));
      await expectRefreshRefused(u.refreshToken);
      // Only that session: the user's other login still works.
      await expectAccepted(other.accessToken, u.username);
    });

    it('with a refresh token works anonymously', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const res = await post(t, LOGOUT, { input: { refreshToken: u.refreshToken } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { logout: { revoked: true } } });
      expectRefused(await me(u.accessToken));
      await expectRefreshRefused(u.refreshToken);

      // Nothing left to revoke the second time; an unknown token revokes nothing.
      expect((await post(t, LOGOUT, { input: { refreshToken: u.refreshToken } })).body).toEqual({ data: { logout: { revoked: false } } });
      expect((await post(t, LOGOUT, { input: { refreshToken: 'never-issued-token-0123456789' } })).body).toEqual({ data: { logout: { revoked: false } } });
    });

    it('without a token or a refresh token is UNAUTHENTICATED', async () => {
      for (const variables of [{}, { input: {} }, { input: { refreshToken: null } }]) {
        const res = await post(t, LOGOUT, variables);
        expect(onlyError(res.body).extensions?.code, JSON.stringify(variables)).toBe('UNAUTHENTICATED');
      }
    });

    it('takes a non-null input that defaults to {} (omitting it is the same as {}; null is refused before anything runs)', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const refused = await post(t, 'mutation { logout(input: null) { revoked } }', {}, { token: u.accessToken });
      expect(refused.status).toBe(400);
      expect(onlyError(refused.body).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      await expectAccepted(u.accessToken, u.username);
      const res = await post(t, 'mutation { logout(input: {}) { revoked } }', {}, { token: u.accessToken });
      expect(res.body).toEqual({ data: { logout: { revoked: true } } });
    });
  });

  describe('changePassword', () => {
    const NEW_PASSWORD = 'a-brand-new-password-42';

    it('revokes all sessions of the user and returns a working new pair', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const other = await loginOk(t, u.username, TEST_PASSWORD);
      const res = await post<{ changePassword: { session: { accessToken: string; refreshToken: string; user: { username: string } } } }>(
        t,
        CHANGE_PASSWORD,
        { input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } },
        { token: u.accessToken },
      );
      expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
      const session = res.body.data!.changePassword.session;
      expect(session.user.username).toBe(u.username);

      // Every earlier session is gone, including the one that made the change.
      expectRefused(await me(u.accessToken));
      expectRefused(await me(other.accessToken));
      await expectRefreshRefused(u.refreshToken);
      await expectRefreshRefused(other.refreshToken);

      // The new pair works.
      await expectAccepted(session.accessToken, u.username);
      const next = await refresh(session.refreshToken);
      expect(next.body.errors, JSON.stringify(next.body)).toBeUndefined();
      await expectAccepted(next.body.data!.refreshSession.accessToken, u.username);

      // Only the new password logs in.
      expect(onlyError((await login(t, u.username, TEST_PASSWORD)).body).extensions?.code).toBe('UNAUTHENTICATED');
      await loginOk(t, u.username, NEW_PASSWORD);
    });

    it('with a wrong current password or a weak new one changes nothing', async () => {
      const u = await t.login('NATIONAL_ADMIN');
      const wrong = await post(t, CHANGE_PASSWORD, { input: { currentPassword: 'not-my-password-1', newPassword: NEW_PASSWORD } }, { token: u.accessToken });
      expect(onlyError(wrong.body).extensions?.code).toBe('UNAUTHENTICATED');
      const weak = await post(t, CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }, { token: u.accessToken });
      expect(onlyError(weak.body).extensions?.code).toBe('BAD_USER_INPUT');
      await expectAccepted(u.accessToken, u.username);
      await loginOk(t, u.username, TEST_PASSWORD);
    });

    it('is UNAUTHENTICATED without a login', async () => {
      const res = await post(t, CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
      expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('resetUserPassword', () => {
    it("by a national admin revokes the user's sessions, and the temporary password logs in", async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const u = await t.login('PROVINCIAL_ADMIN', { regionCode: '320000' });
      const res = await post<{ resetUserPassword: { user: { id: string }; temporaryPassword: string } }>(
        t,
        RESET_PASSWORD,
        { input: { id: userGlobalId(u.userId) } },
        { token: admin.accessToken },
      );
      expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
      const { temporaryPassword } = res.body.data!.resetUserPassword;
      expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);

      expectRefused(await me(u.accessToken));
      await expectRefreshRefused(u.refreshToken);
      expect(onlyError((await login(t, u.username, TEST_PASSWORD)).body).extensions?.code).toBe('UNAUTHENTICATED');
      const payload = await loginOk(t, u.username, temporaryPassword);
      await expectAccepted(payload.accessToken, u.username);
      // The admin's own session is untouched.
      await expectAccepted(admin.accessToken, admin.username);
    });
  });

  describe('setUserDisabled', () => {
    it("makes the user's access token 401 at once and login fail with the generic message", async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const u = await t.login('PROVINCIAL_ADMIN', { regionCode: '330000' });
      await expectAccepted(u.accessToken, u.username);

      const res = await post(t, SET_DISABLED, { input: { id: userGlobalId(u.userId), disabled: true } }, { token: admin.accessToken });
      expect(res.body).toEqual({ data: { setUserDisabled: { user: { id: userGlobalId(u.userId), disabled: true } } } });

      expectRefused(await me(u.accessToken));
      await expectRefreshRefused(u.refreshToken);
      const denied = onlyError((await login(t, u.username, TEST_PASSWORD)).body);
      const unknown = onlyError((await login(t, `no-such-user-${u.userId.slice(0, 8)}`, TEST_PASSWORD)).body);
      expect(denied.message).toBe(unknown.message);
      expect(denied).toEqual(unknown);

      // Enabled again: the old session stays revoked, a new login works.
      await post(t, SET_DISABLED, { input: { id: userGlobalId(u.userId), disabled: false } }, { token: admin.accessToken });
      expectRefused(await me(u.accessToken));
      const again = await loginOk(t, u.username, TEST_PASSWORD);
      await expectAccepted(again.accessToken, u.username);
    });
  });

  describe('refresh tokens at rest', () => {
    it('are stored only as their SHA-256 (64 hex digits)', async () => {
      const issued: string[] = [];
      for (let i = 0; i < 3; i++) issued.push((await t.login('NATIONAL_ADMIN')).refreshToken);
      const rotated = (await refresh(issued[0]!)).body.data!.refreshSession.refreshToken;
      issued.push(rotated);

      const rows = await t.sql<{ token_hash: string }>('select token_hash from session');
      expect(rows.length).toBeGreaterThanOrEqual(issued.length);
      for (const row of rows) {
        expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(issued).not.toContain(row.token_hash);
      }
      const hashes = new Set(rows.map((r) => r.token_hash));
      for (const token of issued) {
        expect(hashes.has(createHash('sha256').update(token, 'utf8').digest('hex'))).toBe(true);
      }
      // No column of the table holds a token in clear.
      const dump = JSON.stringify(await t.sql('select * from session'));
      for (const token of issued) expect(dump).not.toContain(token);
    });
  });
});
