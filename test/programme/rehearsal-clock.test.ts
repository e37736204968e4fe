/**
 * The rehearsal clock (issue 12, item 4): CLOCK_TODAY / CLOCK_OFFSET_DAYS are refused in production;
 * a rehearsal server shows its date in every response header, /readyz, GraphiQL's title and the
 * public `programmeClock` query; only the national admin moves it, only forward, only on a rehearsal
 * server; the move is audited, stored, kept across a restart and followed by the other instances.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../harness/start-server.js';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { ConfigError, loadConfig, type RehearsalSetting } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { createContext } from '../../src/context.js';
import { todayInChina } from '../../src/common/scalars.js';
import { daysBetween, joinProgrammeClock, openProgrammeClock, RehearsalClock, readStoredRehearsal } from '../../src/common/rehearsal-clock.js';

const CLOCK = `{ programmeClock { today rehearsal offsetDays } }`;
const ADVANCE = `mutation($input: AdvanceProgrammeClockInput!) { advanceProgrammeClock(input: $input) { previousDate clock { today rehearsal offsetDays } transitions { ran noticesConcluded } } }`;


describe('rehearsal clock: configuration', () => {
  it('CLOCK_TODAY or CLOCK_OFFSET_DAYS with NODE_ENV=production is a configuration error naming both', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    for (const extra of [{ CLOCK_TODAY: '2026-07-15' }, { CLOCK_OFFSET_DAYS: '-30' }, { CLOCK_OFFSET_DAYS: '0' }]) {
      expect(() => loadConfig({ ...production, ...extra } as NodeJS.ProcessEnv)).toThrow(ConfigError);
      expect(() => loadConfig({ ...production, ...extra } as NodeJS.ProcessEnv)).toThrow(/rehearsal clock.*NODE_ENV=production/);
    }
    expect(loadConfig(production as NodeJS.ProcessEnv).rehearsal).toBeNull();
    expect(loadConfig({ ...production, CLOCK_TODAY: '' } as NodeJS.ProcessEnv).rehearsal).toBeNull();
  });

  it('outside production: one of the two, a real date or a whole number of days', () => {
    expect(loadConfig({ CLOCK_TODAY: '2026-07-15' } as NodeJS.ProcessEnv).rehearsal).toEqual({ today: '2026-07-15' });
    expect(loadConfig({ CLOCK_OFFSET_DAYS: '-140' } as NodeJS.ProcessEnv).rehearsal).toEqual({ offsetDays: -140 });
    expect(loadConfig({ CLOCK_OFFSET_DAYS: '+3' } as NodeJS.ProcessEnv).rehearsal).toEqual({ offsetDays: 3 });
    expect(loadConfig({} as NodeJS.ProcessEnv).rehearsal).toBeNull();
    for (const env of [
      { CLOCK_TODAY: '2026-07-15', CLOCK_OFFSET_DAYS: '1' },
      { CLOCK_TODAY: '2026-02-30' },
      { CLOCK_TODAY: '15/07/2026' },
      { CLOCK_TODAY: '1999-12-31' },
      { CLOCK_OFFSET_DAYS: '1.5' },
      { CLOCK_OFFSET_DAYS: 'soon' },
      { CLOCK_OFFSET_DAYS: '99999' },
    ]) {
      expect(() => loadConfig(env as NodeJS.ProcessEnv), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env as NodeJS.ProcessEnv), JSON.stringify(env)).toThrow(/CLOCK_/);
    }
  });

  it('the server refuses to start in production with a rehearsal clock, before touching a database', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipapi-rehearsal-'));
    try {
      const { code, lines } = await startServer({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CLOCK_TODAY: '2026-07-15', DATA_DIR: dataDir });
      expect(code).toBe(1);
      const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages.some((m) => m.includes('CLOCK_TODAY') && m.includes('NODE_ENV=production'))).toBe(true);
      expect(await fs.readdir(dataDir)).toEqual([]);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('rehearsal clock: a server running on it', () => {
  let t: TestApp;
  let national: string;
  let provincial: string;
  let enterprise: string;
  let first: RehearsalClock;
  const servers: FastifyInstance[] = [];
  const setting: RehearsalSetting = { today: '2026-07-15' };

  /** A server of the application on the test database, on the programme clock `setting` opens (as src/main.ts does). */
  async function rehearsalServer(s: RehearsalSetting | null) {
    const opened = await openProgrammeClock(t.orm.em.fork(), s);
    const { fastify } = await buildApp({ config: { ...t.config, rehearsal: s }, orm: t.orm, reference: t.reference, clock: opened.clock });
    await fastify.ready();
    servers.push(fastify);
    return { fastify, ...opened };
  }

  async function post<T = Record<string, any>>(fastify: FastifyInstance, query: string, variables?: Record<string, unknown>, token?: string) {
    const res = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    return { status: res.statusCode, body: res.json() as GraphQLResult<T>, headers: res.headers };
  }

  beforeAll(async () => {
    t = await createTestApp();
    national = (await t.login('NATIONAL_ADMIN')).accessToken;
    provincial = (await t.login('PROVINCIAL_ADMIN', { regionCode: '320000' })).accessToken;
    const e = await makeEnterprise(t.orm.em, randomFor(1204), { regionCode: '320000' });
    enterprise = (await t.login('ENTERPRISE_USER', { enterpriseId: e.id })).accessToken;
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await t.close();
  });

  it('a server on the real date says so: its date in the header and /readyz, no rehearsal, nothing to advance', async () => {
    const real = todayInChina();
    const res = await t.http(CLOCK);
    expect(res.headers['x-programme-date']).toBe(real);
    expect(res.body.data).toEqual({ programmeClock: { today: real, rehearsal: false, offsetDays: 0 } });
    const ready = await t.app.fastify.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready', programmeDate: real, rehearsal: false });
    const refused = await t.http(ADVANCE, { input: { days: 1 } }, national);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'NOT_REHEARSAL' });
    const ide = await t.app.fastify.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
    expect(ide.body).not.toContain('演练时钟');
  });

  it('CLOCK_TODAY: the date runs from that day, shown in every response header, /readyz, GraphiQL and programmeClock', async () => {
    const { fastify, outcome, clock } = await rehearsalServer(setting);
    expect(outcome).toBe('started');
    first = clock as RehearsalClock;
    expect(clock.today()).toBe('2026-07-15');
    const offsetDays = daysBetween(todayInChina(), '2026-07-15');
    const res = await post(fastify, CLOCK);
    expect(res.headers['x-programme-date']).toBe('2026-07-15');
    expect(res.body.data).toEqual({ programmeClock: { today: '2026-07-15', rehearsal: true, offsetDays } });
    const ready = await fastify.inject({ method: 'GET', url: '/readyz' });
    expect(ready.headers['x-programme-date']).toBe('2026-07-15');
    expect(ready.json()).toEqual({ status: 'ready', programmeDate: '2026-07-15', rehearsal: true });
    for (const url of ['/healthz', '/no-such-route']) expect((await fastify.inject({ method: 'GET', url })).headers['x-programme-date']).toBe('2026-07-15');
    const ide = await fastify.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
    expect(ide.body).toMatch(/<title>演练时钟 2026-07-15 · GraphQL[^<]*<\/title>/);
    // The stored state, so that a restart resumes it.
    expect(await readStoredRehearsal(t.orm.em.fork())).toMatchObject({ anchor: 'CLOCK_TODAY=2026-07-15', offsetDays, advancedDays: 0, startedOn: '2026-07-15' });
  });

  it('only the national admin advances it, forward only, 1–400 days', async () => {
    const fastify = servers[0]!;
    expect((await post(fastify, ADVANCE, { input: { days: 1 } })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(fastify, ADVANCE, { input: { days: 1 } }, provincial)).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', action: 'programme.clock.advance' });
    expect((await post(fastify, ADVANCE, { input: { days: 1 } }, enterprise)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const days of [0, -1, 401]) {
      const res = await post(fastify, ADVANCE, { input: { days } }, national);
      expect(res.body.errors?.[0]?.extensions?.code, String(days)).toBe('BAD_USER_INPUT');
    }
    expect((await post(fastify, CLOCK)).body.data?.programmeClock.today).toBe('2026-07-15');
  });

  it('an advance moves the date at once on this server, is audited and stored', async () => {
    const fastify = servers[0]!;
    const before = await readStoredRehearsal(t.orm.em.fork());
    const res = await post(fastify, ADVANCE, { input: { days: 5 } }, national);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.advanceProgrammeClock).toEqual({ previousDate: '2026-07-15', clock: { today: '2026-07-20', rehearsal: true, offsetDays: before!.offsetDays + 5 }, transitions: null });
    const next = await post(fastify, CLOCK);
    expect(next.headers['x-programme-date']).toBe('2026-07-20');
    expect(next.body.data?.programmeClock.today).toBe('2026-07-20');
    expect((await fastify.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ programmeDate: '2026-07-20', rehearsal: true });
    expect(await readStoredRehearsal(t.orm.em.fork())).toMatchObject({ anchor: 'CLOCK_TODAY=2026-07-15', offsetDays: before!.offsetDays + 5, advancedDays: 5 });
    const audit = await t.sql<{ role: string; object_id: string; changes: Record<string, unknown> }>("select role, object_id, changes from audit_entry where operation = 'advanceProgrammeClock'");
    expect(audit).toEqual([
      {
        role: 'NATIONAL_ADMIN',
        object_id: 'CLOCK_TODAY=2026-07-15',
        changes: { programmeDate: { before: '2026-07-15', after: '2026-07-20' }, offsetDays: { before: before!.offsetDays, after: before!.offsetDays + 5 } },
      },
    ]);
  });

  it('a restart with the same setting resumes the stored date (with its advances); other instances follow an advance', async () => {
    const restarted = await rehearsalServer(setting);
    expect(restarted.outcome).toBe('resumed');
    expect((await post(restarted.fastify, CLOCK)).headers['x-programme-date']).toBe('2026-07-20');
    // Two instances: an advance on one reaches the other when it reads the stored offset (every 10 s, and before each scheduled run).
    const other = restarted.clock as RehearsalClock;
    const res = await post(servers[0]!, ADVANCE, { input: { days: 2 } }, national);
    expect(res.body.data?.advanceProgrammeClock.clock.today).toBe('2026-07-22');
    expect(other.today()).toBe('2026-07-20');
    expect(await other.refresh(t.orm.em.fork())).toBe('moved');
    expect((await post(restarted.fastify, CLOCK)).headers['x-programme-date']).toBe('2026-07-22');
    // Advances from both instances add up (the stored offset is the base, under a row lock).
    const both = await Promise.all([post(servers[0]!, ADVANCE, { input: { days: 1 } }, national), post(restarted.fastify, ADVANCE, { input: { days: 1 } }, national)]);
    expect(both.map((r) => r.body.errors)).toEqual([undefined, undefined]);
    expect((await readStoredRehearsal(t.orm.em.fork()))!.advancedDays).toBe(9);
    await other.refresh(t.orm.em.fork());
    await first.refresh(t.orm.em.fork());
    expect(first.today()).toBe('2026-07-24');
    expect((await post(restarted.fastify, CLOCK)).body.data?.programmeClock.today).toBe('2026-07-24');
    // A stale stored value never moves a clock back.
    expect(other.adopt(other.offsetDays - 3)).toBe(false);
    expect(other.today()).toBe('2026-07-24');
    // npm run jobs with no setting of its own follows the servers' stored clock (never in production).
    const jobs = await joinProgrammeClock(t.orm.em.fork(), null, false);
    expect([jobs.source, jobs.clock.today()]).toEqual(['stored', '2026-07-24']);
    const inProduction = await joinProgrammeClock(t.orm.em.fork(), null, true);
    expect([inProduction.source, inProduction.clock.rehearsal, inProduction.ignored?.anchor]).toEqual(['system', undefined, 'CLOCK_TODAY=2026-07-15']);
  });

  it('another setting starts a new rehearsal; the old instances keep their date and may not advance; a server without one ends it', async () => {
    const old = servers[0]!;
    const renewed = await rehearsalServer({ offsetDays: 400 });
    expect(renewed.outcome).toBe('started');
    const expected = todayInChina(new Date(Date.now() + 400 * 86_400_000));
    expect((await post(renewed.fastify, CLOCK)).body.data?.programmeClock).toEqual({ today: expected, rehearsal: true, offsetDays: 400 });
    expect((await post(old, CLOCK)).body.data?.programmeClock.today).toBe('2026-07-24');
    expect((await post(old, ADVANCE, { input: { days: 1 } }, national)).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const real = await rehearsalServer(null);
    expect(real.outcome).toBe('ended');
    expect(await readStoredRehearsal(t.orm.em.fork())).toBeNull();
    expect((await post(real.fastify, CLOCK)).body.data?.programmeClock).toEqual({ today: todayInChina(), rehearsal: false, offsetDays: 0 });
    expect((await joinProgrammeClock(t.orm.em.fork(), null, false)).source).toBe('system');
  });

  it('a production configuration never advances, whatever clock it was handed', async () => {
    const clock = new RehearsalClock('CLOCK_TODAY=2026-07-15', 0);
    const ctx = createContext({ em: t.orm.em, reference: t.reference, config: { ...t.config, nodeEnv: 'production' }, clock }, { viewer: as.national() });
    const res = await t.app.apollo.executeOperation({ query: ADVANCE, variables: { input: { days: 1 } } }, { contextValue: ctx });
    const errors = res.body.kind === 'single' ? res.body.singleResult.errors : undefined;
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'NOT_REHEARSAL' });
    expect(clock.offsetDays).toBe(0);
  });
});
