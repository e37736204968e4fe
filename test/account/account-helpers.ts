/**
 * Shared pieces of the account tests: GraphQL documents, HTTP requests with a chosen client
 * address and request id, and rows for the scope of users (enterprises, organisations, people).
 */
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { GraphQLResult, TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertOrganization, insertPerson } from '../../seeds/factories.js';

export const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) {
    accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
    user { id username role disabled lastLoginAt }
  }
}`;
export const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken user { username } } }`;
export const LOGOUT = `mutation($input: LogoutInput) { logout(input: $input) { revoked } }`;
export const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) {
  changePassword(input: $input) { session { accessToken refreshToken user { username } } }
}`;
export const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) {
    user { id username displayName role disabled region { code } enterprise { id } organization { id } person { id } }
    generatedPassword
  }
}`;
export const SET_DISABLED = `mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { user { id disabled } } }`;
export const RESET_PASSWORD = `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } temporaryPassword } }`;
export const ME = `query { me { authenticated role user { username } } }`;

/** The password the tests give to the users they create through createUser. */
export const PASSWORD = 'Correct-Horse-Battery-9';

export interface HttpResponse<T = Record<string, any>> {
  status: number;
  body: GraphQLResult<T>;
  headers: Record<string, unknown>;
}

/** POST /graphql through the real HTTP stack, with an optional token, client address and request id. */
export async function post<T = Record<string, any>>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; address?: string; requestId?: string } = {},
): Promise<HttpResponse<T>> {
  const response = await t.app.fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.requestId ? { 'x-request-id': opts.requestId } : {}),
    },
    ...(opts.address ? { remoteAddress: opts.address } : {}),
    payload: JSON.stringify({ query, variables }),
  });
  return { status: response.statusCode, body: response.json() as GraphQLResult<T>, headers: response.headers };
}

/** Logs in over HTTP (optionally from a given client address). */
export function login(t: TestApp, username: string, password: string, address?: string) {
  return post<{ login: LoginResult }>(t, LOGIN, { input: { username, password } }, { address });
}

export interface LoginResult {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: { id: string; username: string; role: string; disabled: boolean; lastLoginAt: string | null };
}

/** Logs in and fails the test unless it worked. */
export async function loginOk(t: TestApp, username: string, password: string, address?: string): Promise<LoginResult> {
  const res = await login(t, username, password, address);
  expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
  return res.body.data!.login;
}

/** The single error of a result, failing the test when there is none or more than one. */
export function onlyError(result: GraphQLResult): { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> } {
  expect(result.errors, JSON.stringify(result)).toBeDefined();
  expect(result.errors, JSON.stringify(result.errors)).toHaveLength(1);
  return result.errors![0]!;
}

export function codeOf(result: GraphQLResult): unknown {
  return onlyError(result).extensions?.code;
}

export function requestId(): string {
  return `req-${randomUUID()}`;
}

export function userGlobalId(id: string): string {
  return toGlobalId('User', id);
}

let seed = 1;

/** An enterprise in `regionCode`; returns its global id and key. */
export async function enterpriseIn(t: TestApp, regionCode: string): Promise<{ id: string; key: string }> {
  const e = await makeEnterprise(t.orm.em, randomFor(seed++), { regionCode, industryCode: '39' });
  return { id: toGlobalId('Enterprise', e.id), key: e.id };
}

/** An enterprise in `regionCode` that is in the public directory (an advantage designation valid today): visible to everyone. */
export async function publicEnterpriseIn(t: TestApp, regionCode: string): Promise<{ id: string; key: string }> {
  const e = await makeEnterprise(t.orm.em, randomFor(seed++), { regionCode, industryCode: '39' });
  const from = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
  const until = new Date(Date.now() + 600 * 86_400_000).toISOString().slice(0, 10);
  await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: Number(from.slice(0, 4)), validFrom: from, validUntil: until });
  return { id: toGlobalId('Enterprise', e.id), key: e.id };
}

/** A service organisation (region null: an overseas station). */
export async function organizationIn(t: TestApp, regionCode: string | null): Promise<{ id: string; key: string }> {
  const key = randomUUID();
  await insertOrganization(t.orm.em, { name: `测试服务机构 ${key.slice(0, 8)}`, kind: regionCode ? 'AGENCY' : 'OVERSEAS_STATION', regionCode, country: regionCode ? null : '德国' }, key);
  return { id: toGlobalId('ServiceOrganization', key), key };
}

export async function personRecord(t: TestApp): Promise<{ id: string; key: string }> {
  const key = randomUUID();
  await insertPerson(t.orm.em, { name: '张专家', employer: '某大学' }, key);
  return { id: toGlobalId('Person', key), key };
}

export async function countRows(t: TestApp, table: 'app_user' | 'audit_entry' | 'session'): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`select count(*)::text as n from ${table}`);
  return Number(row!.n);
}
