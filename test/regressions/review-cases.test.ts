/**
 * Probes of a hostile review of the protection cases (issue 17, R20: case.service.ts, case.rules.ts,
 * overseas.policy.ts caseVisibility, the calendar hooks of workstation.service.ts and
 * programme.service.ts, sla.ts, the append-only timeline): races, who sees and touches a case,
 * deadlines through pauses, calendar changes, reassignment and daylight saving, abusive input, and
 * the cost of a page of cases. Expected deadlines are computed independently with sla.ts on
 * calendars built here by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { multipart, PDF } from '../harness/multipart.js';
import { insertOrganization } from '../../seeds/factories.js';
import { CALENDAR, caseMutations, SET_WS } from '../overseas/world.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { addBusinessMs, businessMsBetween, type BusinessCalendar, type Interval, type Pause } from '../../src/modules/overseas/sla.js';

const CASE_FIELDS = `id version status outcome channel countryCode type urgency waitingOnEnterprise pausedSince receivedAt closedAt enterpriseName handler { name }
  deadlines { clock targetBusinessHours dueAt warnAt metAt metBusinessHours state }
  participants { kind role endedAt participantId organization { name } }
  timeline(first: 50) { totalCount edges { node { kind side body at attachments { id } } } }`;
const { REPORT, ADVANCE, WAIT, RESUME, NOTE, WITHDRAW, REASSIGN } = caseMutations(CASE_FIELDS);
const PARTICIPANT = `mutation($input: AddCaseParticipantInput!) { addCaseParticipant(input: $input) { participant { kind role participantId } } }`;
const END_PARTICIPANT = `mutation($input: EndCaseParticipantInput!) { endCaseParticipant(input: $input) { participant { endedAt } } }`;
const LIST = `query($filter: ProtectionCaseFilter, $first: Int) { protectionCases(first: $first, filter: $filter) { totalCount edges { node { id status } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on ProtectionCase { ${CASE_FIELDS} } } }`;
const FILE_NODE = `query($id: ID!) { node(id: $id) { id ... on StoredFile { fileName } } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`;
const PROGRAMME_CALENDAR = `query($year: Int!) { workingDayCalendar(year: $year) { days { date kind name } } }`;
const SET_PROGRAMME_CALENDAR = `mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`;

type Deadline = { clock: string; dueAt: string | null; warnAt: string | null; metAt: string | null; state: string; metBusinessHours: number | null; targetBusinessHours: number };
type Case = {
  id: string;
  version: number;
  status: string;
  outcome: string | null;
  waitingOnEnterprise: boolean;
  pausedSince: string | null;
  receivedAt: string;
  handler: { name: string };
  deadlines: Deadline[];
  participants: { kind: string; participantId: string; endedAt: string | null }[];
  timeline: { totalCount: number; edges: { node: { kind: string; attachments: { id: string }[] } }[] };
};

const codeOf = (r: GraphQLResult<unknown>) => (r.errors?.length ? String(r.errors[0]!.extensions?.code) : 'OK');
const iso = (d: unknown) => (d == null ? null : new Date(d as string).toISOString());
const at = (s: string) => new Date(s);
const HOUR = 3_600_000;
const key = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
const byClock = (c: Case, clock: string) => c.deadlines.find((d) => d.clock === clock)!;
const kinds = (c: Case) => c.timeline.edges.map((e) => e.node.kind);

// ---- calendars built by hand (what the deadlines must follow) ----
const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const WEEKDAYS_9_17: Record<number, Interval[]> = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [[hm('09:00'), hm('17:00')] as Interval]]));
const ALL_DAY: Record<number, Interval[]> = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [[0, 1440] as Interval]]));
const CENTRE: Record<number, Interval[]> = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [[hm('09:00'), hm('12:00')] as Interval, [hm('13:30'), hm('17:30')] as Interval]]));
const calendar = (timeZone: string, holidays: string[] = [], weeklyHours: Record<number, Interval[]> = WEEKDAYS_9_17, workdays: Map<string, number> = new Map()): BusinessCalendar => ({ timeZone, weeklyHours, holidays: new Set(holidays), workdays });
/** Default targets (business hours) of a NORMAL, URGENT, CRITICAL case. */
const TARGETS: Record<string, [number, number, number]> = { NORMAL: [16, 40, 400], URGENT: [8, 24, 200], CRITICAL: [4, 8, 80] };
const CLOCKS = ['FIRST_RESPONSE', 'FEEDBACK', 'RESOLUTION'] as const;
const due = (cal: BusinessCalendar, from: string | Date, hours: number, pauses: Pause[] = []) => addBusinessMs(cal, new Date(from), Math.round(hours * HOUR), pauses)?.toISOString() ?? null;

const WEEK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' }));
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '24:00' }));

describe('review: protection cases (issue 17, R20)', () => {
  let t: TestApp;
  let url: string;
  const ent: Record<string, string> = {};
  const org: Record<string, string> = {};
  const ws: Record<string, string> = {};

  const station = (o: string): Viewer => as.user('SERVICE_PROVIDER', { organizationId: o });
  const reportInput = (input: Record<string, unknown>) => ({ channel: 'OVERSEAS', type: 'INFRINGEMENT_CLAIM', urgency: 'NORMAL', countryCode: 'DE', title: '展会被控侵权', description: '在展会上收到警告函，要求撤展。', ...input });
  const report = (viewer: Viewer, input: Record<string, unknown> = {}) => t.gql<any>(REPORT, { input: reportInput(input) }, viewer);
  const reported = async (viewer: Viewer, input: Record<string, unknown> = {}): Promise<Case> => {
    const r = await report(viewer, input);
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data.reportProtectionCase.protectionCase;
  };
  const advance = (viewer: Viewer, c: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) => t.gql<any>(ADVANCE, { input: { caseId: c.id, version: c.version, to, body: '说明', ...extra } }, viewer);
  const load = async (id: string): Promise<Case> => (await t.ok(NODE, { id })).node;
  const setWsCalendar = (workstation: string, holidays: string[], viewer: Viewer = as.national()) =>
    t.gql(CALENDAR, { input: { workstationId: ws[workstation], year: 2026, days: holidays.map((day) => ({ day, kind: 'HOLIDAY', name: '闭馆' })) } }, viewer);

  /** Every open deadline of `c` against the calendar given (from its receipt, with its pauses). */
  function expectDeadlines(c: Case, cal: BusinessCalendar, urgency: keyof typeof TARGETS, pauses: Pause[] = []) {
    const got = CLOCKS.map((clock) => ({ clock, dueAt: iso(byClock(c, clock).dueAt), warnAt: iso(byClock(c, clock).warnAt) }));
    const want = CLOCKS.map((clock, i) => ({ clock, dueAt: due(cal, c.receivedAt, TARGETS[urgency]![i]!, pauses), warnAt: due(cal, c.receivedAt, TARGETS[urgency]![i]! * 0.75, pauses) }));
    expect(got).toEqual(want);
  }

  beforeAll(async () => {
    t = await createTestApp();
    url = t.orm.config.get('clientUrl')!;
    t.setToday('2026-06-15T08:00:00Z');
    const rng = randomFor(1717);
    const titled = async (name: string, region: string, level: 'DEMONSTRATION' | 'ADVANTAGE' | null, validUntil = '2028-09-25', validFrom = '2025-09-26') => {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
      if (level) await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2025, validFrom, validUntil });
      ent[name] = e.id;
    };
    await titled('A', '440000', 'DEMONSTRATION'); // the enterprise whose cases are probed (Guangdong)
    await titled('B', '320000', 'ADVANTAGE'); // another enterprise, Jiangsu
    await titled('U', '440000', null); // untitled, Guangdong (not in the public directory)
    await titled('V', '320000', null); // untitled, Jiangsu
    await titled('X', '440000', 'ADVANTAGE', '2026-06-14', '2023-06-15'); // its title ended yesterday
    const station = async (name: string, label: string, kind = 'OVERSEAS_STATION', regionCode?: string) => {
      org[name] = await insertOrganization(t.orm.em, { name: label, kind: kind as never, country: kind === 'OVERSEAS_STATION' ? label : undefined, regionCode });
    };
    await station('W1', '驻德国工作站');
    await station('W2', '驻美国工作站');
    await station('FR', '驻法国工作站');
    await station('IT', '驻意大利工作站');
    await station('NL', '驻荷兰工作站');
    await station('BE', '驻比利时工作站');
    await station('CH', '驻瑞士工作站（全天）');
    await station('ES', '驻西班牙工作站（暂停）');
    await station('JP', '驻日本工作站');
    await station('BARE', '尚无资料的工作站');
    await station('centreGD', '广东省知识产权维权援助中心', 'RIGHTS_PROTECTION_CENTER', '440000');
    await station('agency', '某专利代理事务所', 'AGENCY', '440000');
    const profile = async (name: string, country: string, covered: string[], timeZone: string, weeklyHours = WEEK) => {
      ws[name] = (await t.ok(SET_WS, { input: { organizationId: toGlobalId('ServiceOrganization', org[name]!), hostOffice: '代表处', countryCode: country, city: '首都', countriesCovered: covered, languages: ['zh'], timeZone, weeklyHours } })).setOverseasWorkstation.workstation.id;
    };
    await profile('W1', 'DE', ['DE', 'AT'], 'Europe/Berlin');
    await profile('W2', 'US', ['US'], 'America/New_York');
    await profile('FR', 'FR', ['FR'], 'Europe/Paris');
    await profile('IT', 'IT', ['IT'], 'Europe/Rome');
    await profile('NL', 'NL', ['NL'], 'Europe/Amsterdam');
    await profile('BE', 'BE', ['BE'], 'Europe/Brussels');
    await profile('CH', 'CH', ['CH'], 'Europe/Zurich', EVERY_DAY);
    await profile('ES', 'ES', ['ES'], 'Europe/Madrid');
    await profile('JP', 'JP', ['JP'], 'Asia/Tokyo');
    await t.sql(`update service_organization set status = 'SUSPENDED' where id = ?`, [org.ES]);
  });
  afterAll(() => t.close());

  // ============================================================================================
  // 1. Concurrency
  // ============================================================================================
  describe('1. concurrency', () => {
    it('two advances on the same version: exactly one wins, the other is CONFLICT, the timeline has one event', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      for (let i = 0; i < 4; i++) {
        const c = await reported(as.enterprise(ent.A!));
        const [x, y] = await Promise.all([
          advance(station(org.W1!), c, 'ACKNOWLEDGED'),
          i % 2 ? advance(as.national(), c, 'CLOSED', { outcome: 'RESOLVED' }) : advance(station(org.W1!), c, 'ACKNOWLEDGED'),
        ]);
        expect([codeOf(x), codeOf(y)].sort()).toEqual(['CONFLICT', 'OK']);
        const after = await load(c.id);
        expect(after.version).toBe(c.version + 1);
        expect(kinds(after)).toHaveLength(2);
        expect(kinds(after)[0]).toBe('REPORTED');
      }
    });

    it('a withdrawal racing an advance on the same version: one wins, the other is CONFLICT', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      for (let i = 0; i < 3; i++) {
        const c = await reported(as.enterprise(ent.A!));
        const [w, a] = await Promise.all([
          t.gql(WITHDRAW, { input: { caseId: c.id, version: c.version, reason: '已自行解决' } }, as.enterprise(ent.A!)),
          advance(station(org.W1!), c, 'ACKNOWLEDGED'),
        ]);
        expect([codeOf(w), codeOf(a)].sort()).toEqual(['CONFLICT', 'OK']);
        expect(kinds(await load(c.id))).toHaveLength(2);
      }
    });

    it('the same organisation invited twice at once: one wins, one participant, one event', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      for (let i = 0; i < 3; i++) {
        const c = await reported(as.enterprise(ent.A!));
        const invite = () => t.gql(PARTICIPANT, { input: { caseId: c.id, kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', org.agency!), role: '当地法律意见' } }, station(org.W1!));
        const results = await Promise.all([invite(), invite(), invite()]);
        expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
        const after = await load(c.id);
        expect(after.participants).toHaveLength(1);
        expect(kinds(after).filter((k) => k === 'PARTICIPANT_ADDED')).toHaveLength(1);
      }
    });

    it('a workstation calendar change racing new reports: every deadline is what the final calendar gives', async () => {
      const T = '2026-07-06T08:00:00Z'; // Monday 10:00 in Rome
      t.setToday(T);
      const sets = [['2026-07-07'], ['2026-07-08', '2026-07-09'], [], ['2026-07-10', '2026-07-13'], ['2026-07-08']];
      const ids: string[] = [];
      for (const holidays of sets) {
        const results = await Promise.all([
          setWsCalendar('IT', holidays),
          report(as.enterprise(ent.A!), { countryCode: 'IT' }),
          report(as.provincial('440000'), { countryCode: 'IT', enterpriseId: toGlobalId('Enterprise', ent.A!) }),
          report(as.enterprise(ent.A!), { countryCode: 'IT' }),
        ]);
        expect(results.map(codeOf)).toEqual(['OK', 'OK', 'OK', 'OK']);
        ids.push(...results.slice(1).map((r: any) => r.data.reportProtectionCase.protectionCase.id));
        const cal = calendar('Europe/Rome', holidays);
        for (const id of ids) expectDeadlines(await load(id), cal, 'NORMAL');
      }
    });

    it('a workstation calendar change racing advances: both succeed (no deadlock), and the deadlines are what the final calendar gives', async () => {
      const T0 = '2026-07-06T07:00:00Z'; // Monday 09:00 in Amsterdam
      const T = '2026-07-06T09:00:00Z'; // two business hours later
      const sets = [['2026-07-08'], ['2026-07-09', '2026-07-10'], [], ['2026-07-07'], ['2026-07-13'], ['2026-07-08', '2026-07-14']];
      const failures: string[] = [];
      for (const holidays of sets) {
        t.setToday(T0);
        const c = await reported(as.enterprise(ent.A!), { countryCode: 'NL' });
        t.setToday(T);
        const [cal, adv] = await Promise.all([setWsCalendar('NL', holidays), advance(station(org.NL!), c, 'ACKNOWLEDGED')]);
        if (codeOf(cal) !== 'OK' || codeOf(adv) !== 'OK') failures.push(`calendar ${codeOf(cal)}, advance ${codeOf(adv)}`);
        const after = await load(c.id);
        if (codeOf(adv) === 'OK' && codeOf(cal) === 'OK') {
          const newCal = calendar('Europe/Amsterdam', holidays);
          expect(byClock(after, 'FIRST_RESPONSE')).toMatchObject({ metAt: new Date(T), metBusinessHours: 2, state: 'MET' });
          expect(iso(byClock(after, 'FEEDBACK').dueAt)).toBe(due(newCal, T0, 40));
          expect(iso(byClock(after, 'RESOLUTION').dueAt)).toBe(due(newCal, T0, 400));
        }
      }
      expect(failures).toEqual([]);
    });

    /**
     * The lock order made deterministic: a calendar change is queued on the office's calendar lock
     * (held for a moment by another connection), then an advance takes the case's row lock and
     * queues on the same calendar lock (shared). When the lock goes, the calendar change runs first
     * and wants the case's row: the advance holds it and waits for the calendar lock — a deadlock
     * PostgreSQL breaks by failing one of them (503 to the user). Both must succeed.
     */
    it('a calendar change queued on the calendar lock while an advance holds the case row: both succeed', async () => {
      t.setToday('2026-07-06T07:00:00Z'); // Monday 09:00 Brussels
      const c = await reported(as.enterprise(ent.A!), { countryCode: 'BE' });
      t.setToday('2026-07-06T09:00:00Z');
      const [cal, adv] = await lockRace(`handler-calendar:${org.BE}`, () => setWsCalendar('BE', ['2026-07-08']), () => advance(station(org.BE!), c, 'ACKNOWLEDGED'));
      expect({ calendar: codeOf(cal), advance: codeOf(adv) }).toEqual({ calendar: 'OK', advance: 'OK' });
      const after = await load(c.id);
      expect(iso(byClock(after, 'FEEDBACK').dueAt)).toBe(due(calendar('Europe/Brussels', ['2026-07-08']), '2026-07-06T07:00:00Z', 40));
    });
  });

  /** Runs `first`, waits until it waits on a lock held by another connection, runs `second`, waits until it waits too, then lets the lock go. */
  async function lockRace<A, B>(lockKey: string, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
    const holder = new pg.Client({ connectionString: url });
    const watcher = new pg.Client({ connectionString: url });
    await holder.connect();
    await watcher.connect();
    let settled = 0;
    const track = <T>(p: Promise<T>) => p.finally(() => settled++);
    const waiting = async (n: number) => {
      for (let i = 0; ; i++) {
        const { rows } = await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`,
          [(holder as unknown as { processID: number }).processID],
        );
        if (rows[0]!.n + settled >= n) return;
        if (i > 2000) throw new Error(`lockRace: only ${rows[0]!.n} of ${n} waiting`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtext($1))', [lockKey]);
      const a = track(first());
      await waiting(1);
      const b = track(second());
      await waiting(2);
      await holder.query('rollback');
      return [await a, await b];
    } finally {
      await holder.end();
      await watcher.end();
    }
  }

  // ============================================================================================
  // 2. Who sees and touches a case
  // ============================================================================================
  describe('2. leak matrix', () => {
    it('a case of enterprise A handled by W1: nobody else sees it, its timeline or its files, nor changes it, and the refusals do not reveal it', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const login = async (role: Parameters<TestApp['login']>[0], scope: Parameters<TestApp['login']>[1] = {}) => (await t.login(role, scope)).accessToken;
      const upload = async (bearer: string, name: string) => {
        const { payload, headers } = multipart(name, PDF);
        const res = await t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { ...headers, authorization: `Bearer ${bearer}` } });
        expect(res.statusCode).toBe(201);
        return res.json() as { id: string; downloadUrl: string };
      };
      const download = async (u: string, bearer: string | null) => (await t.app.fastify.inject({ method: 'GET', url: u, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })).statusCode;
      const expertPerson = key((await t.ok(CREATE_PERSON, { input: { name: '专家甲', regionCode: '440000', phone: '13900001111', qualifications: ['专利代理师'] } }, as.provincial('440000'))).createPerson.person.id);

      const allowed = {
        enterpriseA: await login('ENTERPRISE_USER', { enterpriseId: ent.A }),
        handlerW1: await login('SERVICE_PROVIDER', { organizationId: org.W1 }),
        bureauGD: await login('PROVINCIAL_ADMIN', { regionCode: '440000' }),
        national: await login('NATIONAL_ADMIN'),
      };
      const refused: Record<string, string | null> = {
        otherEnterpriseB: await login('ENTERPRISE_USER', { enterpriseId: ent.B }),
        sameProvinceEnterpriseU: await login('ENTERPRISE_USER', { enterpriseId: ent.U }),
        otherWorkstationW2: await login('SERVICE_PROVIDER', { organizationId: org.W2 }),
        centreOfTheProvince: await login('SERVICE_PROVIDER', { organizationId: org.centreGD }),
        participatingAgency: await login('SERVICE_PROVIDER', { organizationId: org.agency }),
        expert: await login('EXPERT', { personId: expertPerson }),
        bureauJS: await login('PROVINCIAL_ADMIN', { regionCode: '320000' }),
        bureauShenzhen: await login('PROVINCIAL_ADMIN', { regionCode: '440300' }),
        anonymous: null,
      };

      const fileA = await upload(allowed.enterpriseA, '扣押通知书.pdf');
      const fileW = await upload(allowed.handlerW1, '工作站意见.pdf');
      const fileG = await upload(allowed.bureauGD, '省局说明.pdf');
      const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
        const r = await t.http<any>(query, variables, token);
        if (r.body.errors?.length) throw new Error(JSON.stringify(r.body.errors));
        return r.body.data;
      };
      let c: Case = (await ok(REPORT, { input: reportInput({ title: '保密案件', attachmentIds: [fileA.id] }) }, allowed.enterpriseA)).reportProtectionCase.protectionCase;
      const participant = (await ok(PARTICIPANT, { input: { caseId: c.id, kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', org.agency!), role: '当地法律意见' } }, allowed.handlerW1)).addCaseParticipant.participant;
      c = (await ok(ADVANCE, { input: { caseId: c.id, version: c.version, to: 'ACKNOWLEDGED', body: '已受理', attachmentIds: [fileW.id] } }, allowed.handlerW1)).advanceProtectionCase.protectionCase;
      c = (await ok(NOTE, { input: { caseId: c.id, body: '省局补充', attachmentIds: [fileG.id] } }, allowed.bureauGD)).addCaseNote.protectionCase;
      const files = [fileA, fileW, fileG];

      for (const [name, token] of Object.entries(allowed)) {
        const list = (await ok(LIST, { first: 50 }, token)).protectionCases.edges.map((e: any) => e.node.id);
        const node: Case = (await ok(NODE, { id: c.id }, token)).node;
        const attached = node?.timeline.edges.flatMap((e) => e.node.attachments.map((f) => f.id)).sort() ?? [];
        const http = await Promise.all(files.map((f) => download(f.downloadUrl, token)));
        expect({ name, listed: list.includes(c.id), node: node?.id ?? null, attached, http }).toEqual({ name, listed: true, node: c.id, attached: files.map((f) => f.id).sort(), http: [200, 200, 200] });
      }

      const phantom = { id: toGlobalId('ProtectionCase', randomUUID()), version: c.version };
      const phantomParticipant = toGlobalId('CaseParticipant', randomUUID());
      const attempts = (target: { id: string; version: number }, participantId: string): [string, string, Record<string, unknown>][] => [
        ['addCaseNote', NOTE, { input: { caseId: target.id, body: '窥探' } }],
        ['waitOnEnterprise', WAIT, { input: { caseId: target.id, version: target.version, request: '补充' } }],
        ['resumeProtectionCase', RESUME, { input: { caseId: target.id, version: target.version } }],
        ['advanceProtectionCase', ADVANCE, { input: { caseId: target.id, version: target.version, to: 'FEEDBACK_GIVEN', body: 'x' } }],
        ['advanceProtectionCase(CLOSED)', ADVANCE, { input: { caseId: target.id, version: target.version, to: 'CLOSED', body: 'x', outcome: 'RESOLVED' } }],
        ['withdrawProtectionCase', WITHDRAW, { input: { caseId: target.id, version: target.version, reason: 'x' } }],
        ['addCaseParticipant', PARTICIPANT, { input: { caseId: target.id, kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', org.W2!), role: 'x' } }],
        ['endCaseParticipant', END_PARTICIPANT, { input: { caseId: target.id, participantId } }],
        ['reassignProtectionCase', REASSIGN, { input: { caseId: target.id, version: target.version, handlerId: toGlobalId('ServiceOrganization', org.W2!), reason: 'x' } }],
      ];
      // The roles each action is for (overseas.policy.ts): to them, a case they cannot see does not exist.
      const audience: Record<string, RegExp> = {
        addCaseNote: /Enterprise|Workstation|centre|Agency|bureau/,
        withdrawProtectionCase: /Enterprise|bureau/,
        reassignProtectionCase: /^$/,
      };
      const mayAct = (name: string, what: string) => (audience[what] ?? /Workstation|centre|Agency/).test(name);
      const problems: unknown[] = [];
      for (const [name, token] of Object.entries(refused)) {
        const list = await t.http<any>(LIST, { first: 50 }, token ?? undefined);
        const filtered = await t.http<any>(LIST, { first: 50, filter: { enterpriseId: toGlobalId('Enterprise', ent.A!) } }, token ?? undefined);
        const node = (await t.http<any>(NODE, { id: c.id }, token ?? undefined)).body.data?.node ?? null;
        const listed = (list.body.data?.protectionCases?.edges ?? []).some((e: any) => e.node.id === c.id);
        const counted = filtered.body.data?.protectionCases?.totalCount ?? 0;
        const http = await Promise.all(files.map((f) => download(f.downloadUrl, token)));
        const fileNodes = await Promise.all(files.map(async (f) => (await t.http<any>(FILE_NODE, { id: f.id }, token ?? undefined)).body.data?.node ?? null));
        if (listed || counted || node || http.some((s) => s === 200) || fileNodes.some((n) => n)) problems.push({ name, listed, counted, node, http, fileNodes });
        const real = attempts(c, participant.participantId);
        const fake = attempts(phantom, phantomParticipant);
        for (let i = 0; i < real.length; i++) {
          const [what, query, variables] = real[i]!;
          const r = await t.http<any>(query, variables, token ?? undefined);
          const f = await t.http<any>(fake[i]![1], fake[i]![2], token ?? undefined);
          const [rc, fc] = [codeOf(r.body), codeOf(f.body)];
          const extensions = r.body.errors?.[0]?.extensions ?? {};
          // Refused as for a case that does not exist; nothing in the refusal about the case (its version, status…).
          if (rc === 'OK' || rc !== fc || 'currentVersion' in extensions || 'status' in extensions || r.body.errors?.[0]?.message.includes('保密案件')) problems.push({ name, what, real: rc, phantom: fc, extensions });
          // Where the role may do this to the cases it sees, the answer is NOT_FOUND (FORBIDDEN would say "it is there").
          if (mayAct(name, what) && rc !== 'NOT_FOUND') problems.push({ name, what, real: rc, expected: 'NOT_FOUND' });
        }
      }
      expect(problems).toEqual([]);

      // Nothing changed.
      const after = await load(c.id);
      expect({ version: after.version, status: after.status, events: after.timeline.totalCount, participants: after.participants.length, waiting: after.waitingOnEnterprise }).toEqual({
        version: c.version,
        status: 'ACKNOWLEDGED',
        events: c.timeline.totalCount,
        participants: 1,
        waiting: false,
      });

      // Reassigned to W2: W1 no longer reads the enterprise's or the bureau's files (only its own upload); W2 reads them all.
      await ok(REASSIGN, { input: { caseId: c.id, version: after.version, handlerId: toGlobalId('ServiceOrganization', org.W2!), reason: '涉及美国' } }, allowed.national);
      expect(await Promise.all(files.map((f) => download(f.downloadUrl, allowed.handlerW1)))).toEqual([404, 200, 404]);
      expect(await Promise.all(files.map((f) => download(f.downloadUrl, refused.otherWorkstationW2!)))).toEqual([200, 200, 200]);
      expect((await t.http<any>(NODE, { id: c.id }, allowed.handlerW1)).body.data?.node ?? null).toBeNull();
    });
  });

  // ============================================================================================
  // 3. Deadlines
  // ============================================================================================
  describe('3. deadlines', () => {
    it('pause, calendar change while paused, resume: the deadlines equal the independently computed ones', async () => {
      const T0 = '2026-06-15T09:00:00Z'; // Monday 11:00 Paris
      const T1 = '2026-06-15T13:00:00Z'; // 15:00: four business hours used
      const T2 = '2026-06-16T07:00:00Z'; // Tuesday 09:00: Wednesday becomes a holiday
      const T3 = '2026-06-16T12:00:00Z'; // Tuesday 14:00: resumed
      t.setToday(T0);
      let c = await reported(as.enterprise(ent.A!), { countryCode: 'FR' });
      t.setToday(T1);
      c = (await t.ok(WAIT, { input: { caseId: c.id, version: c.version, request: '请提供警告函原件' } }, station(org.FR!))).waitOnEnterprise.protectionCase;
      expect(c.deadlines.map((d) => [d.dueAt, d.state])).toEqual([[null, 'PAUSED'], [null, 'PAUSED'], [null, 'PAUSED']]);
      t.setToday(T2);
      expect(codeOf(await setWsCalendar('FR', ['2026-06-17']))).toBe('OK');
      c = await load(c.id);
      expect({ waiting: c.waitingOnEnterprise, due: c.deadlines.map((d) => d.dueAt), states: c.deadlines.map((d) => d.state) }).toEqual({ waiting: true, due: [null, null, null], states: ['PAUSED', 'PAUSED', 'PAUSED'] });
      t.setToday(T3);
      c = (await t.ok(RESUME, { input: { caseId: c.id, version: c.version } }, station(org.FR!))).resumeProtectionCase.protectionCase;
      // 4 h used before the wait; 12 h left from Tuesday 14:00: Tuesday 3 h, Wednesday closed, Thursday 8 h, Friday 09:00–10:00.
      expect(iso(byClock(c, 'FIRST_RESPONSE').dueAt)).toBe('2026-06-19T08:00:00.000Z');
      expectDeadlines(c, calendar('Europe/Paris', ['2026-06-17']), 'NORMAL', [{ from: at(T1), to: at(T3) }]);
    });

    it('reassigned while paused: still paused; on resumption the time used before the wait is kept and the rest runs on the new office', async () => {
      const T0 = '2026-06-22T08:00:00Z'; // Monday 10:00 Berlin
      const T1 = '2026-06-22T10:00:00Z'; // 12:00: two business hours used
      const T2 = '2026-06-22T14:00:00Z';
      const T3 = '2026-06-23T14:00:00Z'; // Tuesday 10:00 New York
      t.setToday(T0);
      let c = await reported(as.enterprise(ent.A!), { countryCode: 'DE' });
      t.setToday(T1);
      c = (await t.ok(WAIT, { input: { caseId: c.id, version: c.version, request: '请补充' } }, station(org.W1!))).waitOnEnterprise.protectionCase;
      t.setToday(T2);
      c = (await t.ok(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', org.W2!), reason: '美国母公司' } })).reassignProtectionCase.protectionCase;
      expect({ waiting: c.waitingOnEnterprise, due: c.deadlines.map((d) => d.dueAt), states: c.deadlines.map((d) => d.state) }).toEqual({ waiting: true, due: [null, null, null], states: ['PAUSED', 'PAUSED', 'PAUSED'] });
      t.setToday(T3);
      expect(codeOf(await t.gql(RESUME, { input: { caseId: c.id, version: c.version } }, station(org.W1!)))).toBe('NOT_FOUND');
      c = (await t.ok(RESUME, { input: { caseId: c.id, version: c.version } }, station(org.W2!))).resumeProtectionCase.protectionCase;
      const used = businessMsBetween(calendar('Europe/Berlin'), at(T0), at(T1), []);
      expect(used).toBe(2 * HOUR);
      const ny = calendar('America/New_York');
      // 14 h left from Tuesday 10:00 New York: Tuesday 7 h, Wednesday 09:00–16:00.
      expect(iso(byClock(c, 'FIRST_RESPONSE').dueAt)).toBe('2026-06-24T20:00:00.000Z');
      expect(CLOCKS.map((clock) => iso(byClock(c, clock).dueAt))).toEqual(CLOCKS.map((_, i) => addBusinessMs(ny, at(T3), TARGETS.NORMAL![i]! * HOUR - used, [])!.toISOString()));
    });

    it('closed while paused: the wait ends, every clock is met with the time used before it, and none is left without a due date', async () => {
      const T0 = '2026-06-22T07:00:00Z'; // Monday 09:00 Paris
      const T1 = '2026-06-22T09:00:00Z'; // two business hours used
      const T2 = '2026-06-23T09:00:00Z';
      for (const how of ['advance', 'withdraw'] as const) {
        t.setToday(T0);
        let c = await reported(as.enterprise(ent.A!), { countryCode: 'FR' });
        t.setToday(T1);
        c = (await t.ok(WAIT, { input: { caseId: c.id, version: c.version, request: '请补充' } }, station(org.FR!))).waitOnEnterprise.protectionCase;
        t.setToday(T2);
        c =
          how === 'advance'
            ? (await t.ok(ADVANCE, { input: { caseId: c.id, version: c.version, to: 'CLOSED', body: '已解决', outcome: 'RESOLVED' } }, station(org.FR!))).advanceProtectionCase.protectionCase
            : (await t.ok(WITHDRAW, { input: { caseId: c.id, version: c.version, reason: '已和解' } }, as.enterprise(ent.A!))).withdrawProtectionCase.protectionCase;
        expect({ how, status: c.status, waiting: c.waitingOnEnterprise, pausedSince: c.pausedSince }).toEqual({ how, status: 'CLOSED', waiting: false, pausedSince: null });
        expect(c.deadlines.map((d) => ({ metAt: iso(d.metAt), hours: d.metBusinessHours, state: d.state }))).toEqual(CLOCKS.map(() => ({ metAt: new Date(T2).toISOString(), hours: 2, state: 'MET' })));
        // The field says "null while paused": the case is no longer paused, so each clock has its due date (the wait skipped).
        const cal = calendar('Europe/Paris', ['2026-06-17']);
        expect({ how, due: c.deadlines.map((d) => iso(d.dueAt)) }).toEqual({ how, due: CLOCKS.map((_, i) => due(cal, T0, TARGETS.NORMAL![i]!, [{ from: at(T1), to: at(T2) }])) });
      }
    });

    it('a deadline breached before a calendar change keeps its due date; the others keep the time used and move', async () => {
      const T0 = '2026-06-29T07:00:00Z'; // Monday 09:00 Paris
      const T1 = '2026-06-29T13:00:00Z'; // 15:00: six business hours used; the 4-hour first response was due at 13:00
      t.setToday(T0);
      let c = await reported(as.enterprise(ent.A!), { countryCode: 'FR', urgency: 'CRITICAL' });
      const firstDue = iso(byClock(c, 'FIRST_RESPONSE').dueAt);
      expect(firstDue).toBe('2026-06-29T11:00:00.000Z');
      t.setToday(T1);
      // Today (already half worked) and tomorrow declared holidays.
      const before = calendar('Europe/Paris', ['2026-06-17']);
      const next = calendar('Europe/Paris', ['2026-06-17', '2026-06-29', '2026-06-30']);
      expect(codeOf(await setWsCalendar('FR', ['2026-06-17', '2026-06-29', '2026-06-30']))).toBe('OK');
      c = await load(c.id);
      expect(byClock(c, 'FIRST_RESPONSE')).toMatchObject({ state: 'BREACHED' });
      expect(iso(byClock(c, 'FIRST_RESPONSE').dueAt)).toBe(firstDue);
      const used = businessMsBetween(before, at(T0), at(T1), []);
      expect(used).toBe(6 * HOUR);
      // Feedback (8 h): 2 h left, from Wednesday 09:00 Paris.
      expect(iso(byClock(c, 'FEEDBACK').dueAt)).toBe('2026-07-01T09:00:00.000Z');
      expect(iso(byClock(c, 'RESOLUTION').dueAt)).toBe(addBusinessMs(next, at(T1), 80 * HOUR - used, [])!.toISOString());
      expect(kinds(c)).toContain('DEADLINES_MOVED');
      expect((await t.ok(LIST, { first: 50, filter: { deadlineStates: ['BREACHED'], handlerId: toGlobalId('ServiceOrganization', org.FR!) } })).protectionCases.edges.map((e: any) => e.node.id)).toContain(c.id);
    });

    it('a domestic centre case: the national bureau\'s change to the official calendar moves its deadlines (time used kept)', async () => {
      const T0 = '2026-06-15T01:00:00Z'; // Monday 09:00 Shanghai
      const T1 = '2026-06-16T02:00:00Z'; // Tuesday 10:00: 8 business hours used (7 on Monday, 1 on Tuesday)
      t.setToday(T0);
      let c = await reported(as.enterprise(ent.A!), { channel: 'DOMESTIC', countryCode: null, type: 'RIGHTS_INFRINGED' });
      expect(c.handler.name).toBe('广东省知识产权维权援助中心');
      const official = async () => (await t.ok(PROGRAMME_CALENDAR, { year: 2026 })).workingDayCalendar.days as { date: string; kind: string; name: string }[];
      const china = (days: { date: string; kind: string }[]) =>
        calendar('Asia/Shanghai', days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date), CENTRE, new Map(days.filter((d) => d.kind === 'WORKDAY').map((d) => [d.date, 1])));
      const days = await official();
      expectDeadlines(c, china(days), 'NORMAL');
      expect(iso(byClock(c, 'FIRST_RESPONSE').dueAt)).toBe('2026-06-17T03:00:00.000Z'); // Wednesday 11:00
      const overseas = await reported(as.enterprise(ent.A!), { countryCode: 'AT' });
      t.setToday(T1);
      await t.ok(SET_PROGRAMME_CALENDAR, { input: { year: 2026, days: [...days.map(({ date, kind, name }) => ({ date, kind, name })), { date: '2026-06-17', kind: 'HOLIDAY', name: '临时放假' }] } });
      const after = await official();
      expect(after.map((d) => d.date)).toContain('2026-06-17');
      c = await load(c.id);
      // 8 h left from Tuesday 10:00: Tuesday 6 h, Wednesday off, Thursday 09:00–11:00.
      expect(iso(byClock(c, 'FIRST_RESPONSE').dueAt)).toBe('2026-06-18T03:00:00.000Z');
      expectDeadlines(c, china(after), 'NORMAL');
      expect(kinds(c)).toContain('DEADLINES_MOVED');
      // A workstation's case does not run on China's calendar.
      expect((await load(overseas.id)).deadlines.map((d) => d.dueAt)).toEqual(overseas.deadlines.map((d) => d.dueAt));
      expect(kinds(await load(overseas.id))).toEqual(['REPORTED']);
    });

    it('the official calendar changed while a centre advances a case (calendar lock queued first): both succeed', async () => {
      t.setToday('2026-07-06T01:00:00Z');
      const c = await reported(as.enterprise(ent.A!), { channel: 'DOMESTIC', countryCode: null, type: 'INFORMATION_NEED' });
      t.setToday('2026-07-06T03:00:00Z');
      const days = ((await t.ok(PROGRAMME_CALENDAR, { year: 2026 })).workingDayCalendar.days as { date: string; kind: string; name: string }[]).map(({ date, kind, name }) => ({ date, kind, name }));
      const [cal, adv] = await lockRace(
        'working-day-calendar',
        () => t.gql(SET_PROGRAMME_CALENDAR, { input: { year: 2026, days: [...days.filter((d) => d.date !== '2026-07-08'), { date: '2026-07-08', kind: 'HOLIDAY', name: '临时放假' }] } }),
        () => advance(station(org.centreGD!), c, 'ACKNOWLEDGED'),
      );
      expect({ calendar: codeOf(cal), advance: codeOf(adv) }).toEqual({ calendar: 'OK', advance: 'OK' });
    });

    it('daylight saving in Berlin: a first response across the spring and autumn changes keeps 16 business hours', async () => {
      // Friday 27 March 15:00 CET; the clocks go forward on Sunday: 2 h Friday, 8 h Monday, 6 h Tuesday → Tuesday 15:00 CEST.
      t.setToday('2026-03-27T14:00:00Z');
      let c = await reported(as.enterprise(ent.A!), { countryCode: 'DE', title: '春季' });
      expect([iso(byClock(c, 'FIRST_RESPONSE').dueAt), iso(byClock(c, 'FIRST_RESPONSE').warnAt)]).toEqual(['2026-03-31T13:00:00.000Z', '2026-03-31T09:00:00.000Z']);
      expectDeadlines(c, calendar('Europe/Berlin'), 'NORMAL');
      t.setToday('2026-03-30T07:00:00Z'); // Monday 09:00 CEST: 2 business hours
      c = (await advance(station(org.W1!), c, 'ACKNOWLEDGED')).data.advanceProtectionCase.protectionCase;
      expect(byClock(c, 'FIRST_RESPONSE')).toMatchObject({ metBusinessHours: 2, state: 'MET' });
      // Friday 23 October 16:00 CEST; the clocks go back on Sunday: 1 h Friday, 8 h Monday, 7 h Tuesday → Tuesday 16:00 CET.
      t.setToday('2026-10-23T14:00:00Z');
      c = await reported(as.enterprise(ent.A!), { countryCode: 'DE', title: '秋季' });
      expect([iso(byClock(c, 'FIRST_RESPONSE').dueAt), iso(byClock(c, 'FIRST_RESPONSE').warnAt)]).toEqual(['2026-10-27T15:00:00.000Z', '2026-10-27T11:00:00.000Z']);
      expectDeadlines(c, calendar('Europe/Berlin'), 'NORMAL');
      // An office open round the clock counts real hours: 16 h after Saturday 22:00 is 16 real hours later, whatever the wall clock says.
      for (const start of ['2026-03-28T21:00:00Z', '2026-10-24T20:00:00Z']) {
        t.setToday(start);
        const z = await reported(as.enterprise(ent.A!), { countryCode: 'CH' });
        expect(iso(byClock(z, 'FIRST_RESPONSE').dueAt)).toBe(new Date(new Date(start).getTime() + 16 * HOUR).toISOString());
        expectDeadlines(z, calendar('Europe/Zurich', [], ALL_DAY), 'NORMAL');
      }
    });
  });

  // ============================================================================================
  // 4. Input abuse
  // ============================================================================================
  describe('4. input abuse', () => {
    const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from protection_case'))[0]!.n);

    it('long and empty strings, control characters, 31 attachments: BAD_USER_INPUT and nothing stored', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const before = await count();
      const bad: Record<string, unknown>[] = [
        { title: 'x'.repeat(201) },
        { title: '   ' },
        { title: 'a\u0000b' },
        { title: 'a\ud800b' },
        { description: 'x'.repeat(20_001) },
        { description: 'x'.repeat(1_000_000) },
        { description: '' },
        { counterparty: 'x'.repeat(201) },
        { attachmentIds: Array.from({ length: 31 }, () => toGlobalId('StoredFile', randomUUID())) },
        { attachmentIds: [toGlobalId('StoredFile', randomUUID())] },
        { attachmentIds: ['not-an-id'] },
      ];
      const codes = [];
      for (const input of bad) codes.push([Object.keys(input)[0], codeOf(await report(as.enterprise(ent.A!), input))]);
      expect(codes).toEqual(bad.map((input) => [Object.keys(input)[0], 'BAD_USER_INPUT']));
      expect(await count()).toBe(before);
      // 200 characters outside the BMP are 200 characters (as PostgreSQL counts them).
      expect(codeOf(await report(as.enterprise(ent.A!), { title: '𠀀'.repeat(200) }))).toBe('OK');

      const c = await reported(as.enterprise(ent.A!));
      const tooLong: [string, string, Record<string, unknown>, Viewer][] = [
        ['note', NOTE, { input: { caseId: c.id, body: 'x'.repeat(20_001) } }, as.enterprise(ent.A!)],
        ['advance', ADVANCE, { input: { caseId: c.id, version: c.version, to: 'ACKNOWLEDGED', body: 'x'.repeat(20_001) } }, station(org.W1!)],
        ['wait', WAIT, { input: { caseId: c.id, version: c.version, request: 'x'.repeat(2001) } }, station(org.W1!)],
        ['withdraw', WITHDRAW, { input: { caseId: c.id, version: c.version, reason: 'x'.repeat(2001) } }, as.enterprise(ent.A!)],
        ['reassign', REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', org.W2!), reason: 'x'.repeat(2001) } }, as.national()],
        ['participant', PARTICIPANT, { input: { caseId: c.id, kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', org.agency!), role: 'x'.repeat(201) } }, station(org.W1!)],
        ['note attachments', NOTE, { input: { caseId: c.id, body: 'x', attachmentIds: Array.from({ length: 31 }, () => toGlobalId('StoredFile', randomUUID())) } }, as.enterprise(ent.A!)],
      ];
      const got = [];
      for (const [what, query, variables, viewer] of tooLong) got.push([what, codeOf(await t.gql(query, variables, viewer))]);
      expect(got).toEqual(tooLong.map(([what]) => [what, 'BAD_USER_INPUT']));
      const after = await load(c.id);
      expect({ version: after.version, events: after.timeline.totalCount, participants: after.participants.length }).toEqual({ version: c.version, events: 1, participants: 0 });
    });

    it('ids of the wrong type or malformed: BAD_USER_INPUT (or not found), never an internal error', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const c = await reported(as.enterprise(ent.A!));
      const wrong = [toGlobalId('Enterprise', ent.A!), toGlobalId('ProtectionCase', 'not-a-uuid'), 'garbage', toGlobalId('ServiceOrganization', org.W1!), ''];
      const got: unknown[] = [];
      for (const id of wrong) {
        got.push(['advance', id, codeOf(await advance(station(org.W1!), { id, version: 1 }, 'ACKNOWLEDGED'))]);
        got.push(['note', id, codeOf(await t.gql(NOTE, { input: { caseId: id, body: 'x' } }, as.enterprise(ent.A!)))]);
      }
      // (An Enterprise or ServiceOrganization id is a node of its own; the malformed ones are nothing.)
      for (const id of [toGlobalId('ProtectionCase', 'not-a-uuid'), 'garbage', '', toGlobalId('CaseParticipant', randomUUID())]) {
        const node = await t.gql<any>(`query($id: ID!) { node(id: $id) { id } }`, { id });
        got.push(['node', id, codeOf(node) === 'OK' && node.data.node === null ? 'NULL' : codeOf(node)]);
      }
      got.push(['reassign handlerId', codeOf(await t.gql(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('Enterprise', ent.A!), reason: 'x' } }))]);
      got.push(['participant organizationId', codeOf(await t.gql(PARTICIPANT, { input: { caseId: c.id, kind: 'ORGANIZATION', organizationId: c.id, role: 'x' } }, station(org.W1!)))]);
      got.push(['participant personId', codeOf(await t.gql(PARTICIPANT, { input: { caseId: c.id, kind: 'EXPERT', personId: toGlobalId('Enterprise', ent.A!), role: 'x' } }, station(org.W1!)))]);
      got.push(['participant allianceId', codeOf(await t.gql(PARTICIPANT, { input: { caseId: c.id, kind: 'ALLIANCE_FUND', allianceId: 'x', role: 'x' } }, station(org.W1!)))]);
      got.push(['end participantId', codeOf(await t.gql(END_PARTICIPANT, { input: { caseId: c.id, participantId: c.id } }, station(org.W1!)))]);
      got.push(['report enterpriseId', codeOf(await report(as.provincial('440000'), { enterpriseId: toGlobalId('ServiceOrganization', org.W1!) }))]);
      got.push(['filter enterpriseId', codeOf(await t.gql(LIST, { filter: { enterpriseId: 'x' } }))]);
      got.push(['filter handlerId', codeOf(await t.gql(LIST, { filter: { handlerId: toGlobalId('Enterprise', ent.A!) } }))]);
      got.push(['filter countryCode', codeOf(await t.gql(LIST, { filter: { countryCode: 'zz' } }))]);
      const internal = got.filter((g) => (g as string[]).some((x) => x === 'INTERNAL_SERVER_ERROR' || x === 'OK'));
      expect(internal).toEqual([]);
      expect(got.filter((g) => !['BAD_USER_INPUT', 'NOT_FOUND', 'NULL'].includes((g as string[]).at(-1)!))).toEqual([]);
      expect((await load(c.id)).version).toBe(c.version);
    });

    it('country codes: ZZ and malformed ones refused, lower case accepted', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      for (const bad of ['ZZ', 'zz', 'DEU', 'D', '1A', 'CN', 'cn']) expect([bad, codeOf(await report(as.enterprise(ent.A!), { countryCode: bad }))]).toEqual([bad, 'BAD_USER_INPUT']);
      const lower = await reported(as.enterprise(ent.A!), { countryCode: 'de' });
      expect(lower).toMatchObject({ countryCode: 'DE', handler: { name: '驻德国工作站' } });
      expect(await reported(as.enterprise(ent.A!), { countryCode: ' at ' })).toMatchObject({ countryCode: 'AT' });
    });

    it('CLDR pseudo-regions and withdrawn codes are not ISO 3166-1 countries (EU, UN, EZ, QO, XA, SU, AN): BAD_USER_INPUT', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const got = [];
      for (const code of ['EU', 'UN', 'EZ', 'QO', 'XA', 'SU', 'AN']) got.push([code, codeOf(await report(as.enterprise(ent.A!), { countryCode: code }))]);
      expect(got).toEqual(['EU', 'UN', 'EZ', 'QO', 'XA', 'SU', 'AN'].map((code) => [code, 'BAD_USER_INPUT']));
    });

    it('the enterprise reported for: one the reporter cannot see is NOT_FOUND as if it did not exist; an expired title is R20 NO_TITLE; a suspended workstation takes nothing', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const phantom = toGlobalId('Enterprise', randomUUID());
      // The Guangdong bureau and an untitled Jiangsu enterprise it cannot see; enterprise B and an untitled Guangdong one.
      expect(codeOf(await report(as.provincial('440000'), { enterpriseId: toGlobalId('Enterprise', ent.V!) }))).toBe('NOT_FOUND');
      expect(codeOf(await report(as.provincial('440000'), { enterpriseId: phantom }))).toBe('NOT_FOUND');
      expect(codeOf(await report(as.enterprise(ent.B!), { enterpriseId: toGlobalId('Enterprise', ent.U!) }))).toBe('NOT_FOUND');
      expect(codeOf(await report(as.enterprise(ent.B!), { enterpriseId: phantom }))).toBe('NOT_FOUND');
      // Someone else's (public) enterprise: refused.
      expect(codeOf(await report(as.enterprise(ent.B!), { enterpriseId: toGlobalId('Enterprise', ent.A!) }))).toBe('FORBIDDEN');
      // Title ended yesterday (China's date): R20.
      const noTitle = await report(as.enterprise(ent.X!));
      expect(codeOf(noTitle)).toBe('RULE_VIOLATION');
      expect(noTitle.errors![0]!.extensions).toMatchObject({ rule: 'R20', condition: 'NO_TITLE' });
      expect((await report(as.provincial('440000'), { enterpriseId: toGlobalId('Enterprise', ent.X!) })).errors?.[0]?.extensions).toMatchObject({ rule: 'R20', condition: 'NO_TITLE' });
      // 15 June 01:00 in Beijing (still 14 June in UTC): already expired.
      t.setToday('2026-06-14T17:00:00Z');
      expect((await report(as.enterprise(ent.X!))).errors?.[0]?.extensions).toMatchObject({ rule: 'R20', condition: 'NO_TITLE' });
      // 14 June 23:00 in Beijing: its last day, still valid.
      t.setToday('2026-06-14T15:00:00Z');
      expect(codeOf(await report(as.enterprise(ent.X!)))).toBe('OK');
      t.setToday('2026-06-15T08:00:00Z');
      // Spain is covered only by a suspended workstation.
      const es = await report(as.enterprise(ent.A!), { countryCode: 'ES' });
      expect(es.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R20', condition: 'NO_WORKSTATION' });
      // Nor can a case be handed to it, or to a station without a workstation profile.
      const c = await reported(as.enterprise(ent.A!));
      expect(codeOf(await t.gql(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', org.ES!), reason: 'x' } }))).toBe('BAD_USER_INPUT');
      expect(['BAD_USER_INPUT', 'RULE_VIOLATION']).toContain(codeOf(await t.gql(REASSIGN, { input: { caseId: c.id, version: c.version, handlerId: toGlobalId('ServiceOrganization', org.BARE!), reason: 'x' } })));
      expect((await load(c.id)).handler.name).toBe('驻德国工作站');
    });
  });

  // ============================================================================================
  // 5. Other
  // ============================================================================================
  describe('5. other', () => {
    it('a note changes the case\'s version: each note gives a new one, and an advance on the version read before it is CONFLICT', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const c = await reported(as.enterprise(ent.A!));
      const n1 = (await t.ok(NOTE, { input: { caseId: c.id, body: '补充一' } }, as.enterprise(ent.A!))).addCaseNote.protectionCase as Case;
      const n2 = (await t.ok(NOTE, { input: { caseId: c.id, body: '补充二' } }, as.enterprise(ent.A!))).addCaseNote.protectionCase as Case;
      expect([c.version < n1.version, n1.version < n2.version]).toEqual([true, true]);
      expect((await load(c.id)).version).toBe(n2.version);
      expect(codeOf(await advance(station(org.W1!), c, 'ACKNOWLEDGED'))).toBe('CONFLICT');
      expect(codeOf(await advance(station(org.W1!), n2, 'ACKNOWLEDGED'))).toBe('OK');
    });

    it('the timeline cannot be truncated either', async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const before = Number((await client.query('select count(*) as n from protection_case_event')).rows[0].n);
        expect(before).toBeGreaterThan(0);
        await client.query('begin');
        const truncated = await client.query('truncate protection_case_event').then(
          () => 'TRUNCATED',
          (e: Error) => e.message,
        );
        await client.query('rollback');
        expect(truncated).toMatch(/append-only/);
      } finally {
        await client.end();
      }
    });

    it('a page of 50 cases with deadlines, participants, timeline and attachments costs no more statements than a page of 5', async () => {
      t.setToday('2026-06-15T08:00:00Z');
      const token = (await t.login('ENTERPRISE_USER', { enterpriseId: ent.A })).accessToken;
      const { payload, headers } = multipart('材料.pdf', PDF);
      const file = (await t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { ...headers, authorization: `Bearer ${token}` } })).json() as { id: string };
      for (let i = 0; i < 50; i++) {
        const c = await reported(as.enterprise(ent.A!), { countryCode: 'JP', title: `案件 ${i}`, attachmentIds: [file.id] });
        await t.ok(PARTICIPANT, { input: { caseId: c.id, kind: 'ORGANIZATION', organizationId: toGlobalId('ServiceOrganization', org.agency!), role: '律师' } }, station(org.JP!));
        await t.ok(NOTE, { input: { caseId: c.id, body: '补充', attachmentIds: [file.id] } }, as.enterprise(ent.A!));
      }
      const PAGE = `query($first: Int, $filter: ProtectionCaseFilter) { protectionCases(first: $first, filter: $filter) { totalCount edges { node { ${CASE_FIELDS} enterprise { id name } } } } }`;
      const filter = { handlerId: toGlobalId('ServiceOrganization', org.JP!) };
      const cost: Record<string, number[]> = {};
      for (const [name, viewer] of [['national', as.national()], ['handler', station(org.JP!)], ['enterprise', as.enterprise(ent.A!)]] as const) {
        cost[name] = [];
        for (const first of [5, 50]) {
          const { result, queries } = await t.countQueries(() => t.ok(PAGE, { first, filter }, viewer));
          expect(result.protectionCases.edges).toHaveLength(first);
          expect(result.protectionCases.edges.every((e: any) => e.node.participants.length === 1 && e.node.timeline.edges.length === 3 && e.node.timeline.edges[0].node.attachments.length === 1 && e.node.deadlines.length === 3)).toBe(true);
          cost[name]!.push(queries.length);
        }
      }
      expect(Object.fromEntries(Object.entries(cost).map(([k, [five, fifty]]) => [k, fifty === five]))).toEqual({ national: true, handler: true, enterprise: true });
    });
  });
});
