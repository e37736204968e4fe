/**
 * login: a successful login returns an access token, a refresh token and the user; a wrong
 * password, an unknown user and a disabled account get exactly the same answer; the user name
 * is case-insensitive and trimmed (the password is not); lastLoginAt is recorded.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createTestApp, type TestApp } from '../harness/app.js';
import { fromGlobalId } from '../../src/common/node.js';
import { CREATE_USER, login, loginOk, ME, onlyError, PASSWORD, post, SET_DISABLED } from './account-helpers.js';

describe('login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  let n = 0;
  /** A national admin (no scope needed) with password PASSWORD; returns its user name and row id. */
  async function newUser(prefix = 'login'): Promise<{ username: string; id: string; globalId: string }> {
    const username = `${prefix}-${++n}`;
    const { createUser } = await t.ok<{ createUser: { user: { id: string; username: string } } }>(CREATE_USER, {
      input: { username, displayName: `登录测试 ${n}`, role: 'NATIONAL_ADMIN', password: PASSWORD },
    });
    return { username, id: fromGlobalId(createUser.user.id)!.key, globalId: createUser.user.id };
  }

  async function lastLoginAt(id: string): Promise<Date | null> {
    const [row] = await t.sql<{ ms: number | null }>('select (extract(epoch from last_login_at) * 1000)::float8 as ms from app_user where id = ?', [id]);
    return row!.ms == null ? null : new Date(Number(row!.ms));
  }

  async function sessionsOf(id: string): Promise<number> {
    const [row] = await t.sql<{ n: string }>('select count(*)::text as n from session where user_id = ?', [id]);
    return Number(row!.n);
  }

  it('returns a working access token, a refresh token, their expiry times and the user', async () => {
    const u = await newUser();
    const before = Date.now();
    const res = await login(t, u.username, PASSWORD);
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
    const payload = res.body.data!.login;

    expect(payload.user).toMatchObject({ id: u.globalId, username: u.username, role: 'NATIONAL_ADMIN', disabled: false });

    // Access token: an HS256 JWT for this user, valid for ACCESS_TOKEN_TTL.
    expect(payload.accessToken.split('.')).toHaveLength(3);
    const claims = decodeJwt(payload.accessToken);
    expect(claims.sub).toBe(u.id);
    expect(claims.iss).toBe('ip-enterprise-api');
    expect(claims.aud).toBe('ip-enterprise-api');
    expect(claims.role).toBe('NATIONAL_ADMIN');
    const accessExpires = new Date(payload.accessTokenExpiresAt).getTime();
    expect(accessExpires).toBeGreaterThanOrEqual(before + t.config.accessTokenTtl * 1000 - 1000);
    expect(accessExpires).toBeLessThanOrEqual(after + t.config.accessTokenTtl * 1000 + 1000);
    expect(claims.exp! * 1000).toBeGreaterThan(after);

    // Refresh token: 256 random bits, valid for REFRESH_TOKEN_TTL, stored as its SHA-256 only.
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.refreshToken).not.toBe(payload.accessToken);
    const refreshExpires = new Date(payload.refreshTokenExpiresAt).getTime();
    expect(refreshExpires).toBeGreaterThanOrEqual(before + t.config.refreshTokenTtl * 1000 - 1000);
    expect(refreshExpires).toBeLessThanOrEqual(after + t.config.refreshTokenTtl * 1000 + 1000);
    const sessions = await t.sql<{ token_hash: string; family_id: string; client_address: string | null }>(
      'select token_hash, family_id, client_address from session where user_id = ?',
      [u.id],
    );
    expect(sessions).toEqual([
      { token_hash: createHash('sha256').update(payload.refreshToken).digest('hex'), family_id: claims.sid, client_address: '127.0.0.1' },
    ]);

    // The access token works over HTTP.
    const me = await post(t, ME, {}, { token: payload.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ data: { me: { authenticated: true, role: 'NATIONAL_ADMIN', user: { username: u.username } } } });
  });

  it('answers a wrong password, an unknown user and a disabled account identically', async () => {
    const wrong = await newUser();
    const disabled = await newUser();
    await t.ok(SET_DISABLED, { input: { id: disabled.globalId, disabled: true } });

    const answers = [
      await login(t, wrong.username, `${PASSWORD}x`),
      await login(t, `nobody-${n}-here`, PASSWORD),
      // The right password of a disabled account.
      await login(t, disabled.username, PASSWORD),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body.data ?? null).toBeNull();
      const error = onlyError(res.body);
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    }
    const [a, b, c] = answers.map((res) => onlyError(res.body));
    expect(b!.message).toBe(a!.message);
    expect(c!.message).toBe(a!.message);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Nothing in the message says which of the three it was.
    expect(a!.message).toBe('用户名或密码错误');

    // No session and no login time for the failed attempts.
    for (const u of [wrong, disabled]) {
      expect(await sessionsOf(u.id)).toBe(0);
      expect(await lastLoginAt(u.id)).toBeNull();
    }
  });

  it('answers an empty user name or password like any other failure', async () => {
    const u = await newUser();
    const reference = onlyError((await login(t, `nobody-${n}-else`, PASSWORD)).body);
    for (const [username, password] of [
      ['', PASSWORD],
      ['   ', PASSWORD],
      [u.username, ''],
    ] as const) {
      const res = await login(t, username, password);
      expect(res.body.data ?? null).toBeNull();
      expect(onlyError(res.body)).toEqual(reference);
    }
  });

  it('accepts the user name in any letter case and with surrounding white space', async () => {
    const u = await newUser('Case');
    expect(u.username).toBe(`Case-${n}`);
    // createUser stores it in lower case.
    const stored = `case-${n}`;
    for (const variant of [stored, stored.toUpperCase(), `  ${stored}\t`, ` CaSe-${n} `]) {
      const payload = await loginOk(t, variant, PASSWORD);
      expect(payload.user.username).toBe(stored);
      expect(decodeJwt(payload.accessToken).sub).toBe(u.id);
    }
  });

  it('does not treat the password case-insensitively or trim it', async () => {
    const u = await newUser();
    for (const password of [PASSWORD.toUpperCase(), ` ${PASSWORD} `]) {
      const res = await login(t, u.username, password);
      expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    }
    await loginOk(t, u.username, PASSWORD);
  });

  it('records the time of each successful login in lastLoginAt', async () => {
    const u = await newUser();
    expect(await lastLoginAt(u.id)).toBeNull();

    const t0 = Date.now();
    const first = await loginOk(t, u.username, PASSWORD);
    const t1 = Date.now();
    const stored = await lastLoginAt(u.id);
    expect(stored).not.toBeNull();
    expect(stored!.getTime()).toBeGreaterThanOrEqual(t0 - 5);
    expect(stored!.getTime()).toBeLessThanOrEqual(t1 + 5);
    expect(first.user.lastLoginAt).toBe(stored!.toISOString());

    // A failed attempt leaves it alone.
    await login(t, u.username, 'not-the-password-123');
    expect(await lastLoginAt(u.id)).toEqual(stored);

    await new Promise((r) => setTimeout(r, 20));
    const second = await loginOk(t, u.username, PASSWORD);
    const again = await lastLoginAt(u.id);
    expect(again!.getTime()).toBeGreaterThan(stored!.getTime());
    expect(second.user.lastLoginAt).toBe(again!.toISOString());
  });
});
