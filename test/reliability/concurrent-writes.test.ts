/**
 * Bursts of ordinary writes over real sockets cannot wedge the server (issue: twelve parallel
 * objections, or 10–20 parallel updates of one enterprise, held every pooled connection in an idle
 * transaction while each waited for a second one). 50 at once of each kind, with the default pool
 * and with a pool of 2: every request is answered within the request timeout, exactly one write
 * per version wins, and the server is ready afterwards (a login still works).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../harness/app.js';
import { makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { CALENDARS, calendarDays } from '../../seeds/calendars.js';
import { advantagePool, fileRecommendationPackage, recommend, submitted } from '../application/flow.js';

const BURST = 50;
const UPDATE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id version name } } }`;
const STATISTICS = `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { created statistics { id version } } }`;
const OBJECT = `mutation($input: LodgeObjectionInput!) { lodgeObjection(input: $input) { objection { id } } }`;

interface Answer {
  status: number;
  ms: number;
  body: { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
}

async function post(base: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, ms: performance.now() - started, body: (await response.json()) as Answer['body'] };
}

const codes = (answers: Answer[]) => answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'OK');

for (const poolSize of [10, 2]) {
  describe(`50 simultaneous writes of each kind, pool of ${poolSize}`, () => {
    let t: TestApp;
    let base: string;
    let enterpriseToken: string;
    let enterpriseId: string;
    let enterpriseKey: string;
    let applicationId: string;

    beforeAll(async () => {
      t = await createTestApp({ dbPoolSize: poolSize, rateLimitPerAddress: 10_000, rateLimitPerUser: 10_000 });
      base = await t.listen();
      const rng = randomFor(9000 + poolSize);
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '330000' });
      await makeStatistics(t.orm.em, e, { year: 2024, ipStaff: 3 });
      enterpriseKey = e.id;
      enterpriseId = toGlobalId('Enterprise', e.id);
      enterpriseToken = (await t.login('ENTERPRISE_USER', { enterpriseId: e.id })).accessToken;

      // An application under public notice, open to objections today.
      t.setToday('2026-06-15');
      for (const seed of CALENDARS) await t.ok(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: seed.year, days: calendarDays(seed) } });
      await t.ok(`mutation { setApplicationWindow(input: { year: 2026, opensOn: "2026-03-01" }) { window { year } } }`);
      await advantagePool(t, rng, '320000', 20);
      await fileRecommendationPackage(t, '320000');
      let app = await submitted(t, rng, '320000');
      app = { ...app, ...(await recommend(t, app, '320000')).data!.reviewApplicationByProvince.application };
      const passed = await t.ok(`mutation($input: ReviewApplicationNationallyInput!) { reviewApplicationNationally(input: $input) { application { id } } }`, {
        input: { id: app.id, version: app.version, decision: 'PASS' },
      });
      applicationId = passed.reviewApplicationNationally.application.id;
      await t.ok(`mutation($input: OpenPublicNoticeInput!) { openPublicNotice(input: $input) { notice { id } } }`, {
        input: { year: 2026, title: '公示', startsOn: '2026-06-15', applicationIds: [applicationId] },
      });
    });
    afterAll(() => t.close());

    async function expectStillServing() {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      const login = await post(base, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: 'nobody-here', password: TEST_PASSWORD } });
      expect(login.status).toBe(200);
      expect(codes([login])).toEqual(['UNAUTHENTICATED']);
    }

    it('objections on the application under notice: every one is recorded', async () => {
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          post(base, OBJECT, { input: { applicationId, content: `第 ${i} 条异议：请核查该企业的申报数据。`, contactName: '王先生', contactPhone: '13900001111' } }),
        ),
      );
      expect(codes(answers)).toEqual(Array(BURST).fill('OK'));
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(t.config.requestTimeoutMs);
      expect(await t.sql('select count(*)::int as n from objection')).toEqual([{ n: BURST }]);
      await expectStillServing();
    });

    it('updateEnterprise by the enterprise on its own record, all with version 1: exactly one wins, the rest CONFLICT', async () => {
      const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => post(base, UPDATE, { input: { id: enterpriseId, version: 1, address: `杭州市第 ${i} 号` } }, enterpriseToken)));
      const outcome = codes(answers);
      expect(outcome.filter((c) => c === 'OK')).toHaveLength(1);
      expect(outcome.filter((c) => c !== 'OK')).toEqual(Array(BURST - 1).fill('CONFLICT'));
      const winner = answers.find((a) => a.body.data?.updateEnterprise)!.body.data!.updateEnterprise.enterprise;
      expect(winner.version).toBe(2);
      expect(await t.sql('select version from enterprise where id = ?', [enterpriseKey])).toEqual([{ version: 2 }]);
      await expectStillServing();
    });

    it('setEnterpriseStatistics: 50 first entries for one year make one record; 50 updates of it with one version make one change', async () => {
      const create = await Promise.all(Array.from({ length: BURST }, (_, i) => post(base, STATISTICS, { input: { enterpriseId, year: 2025, ipStaff: i } }, enterpriseToken)));
      const created = codes(create);
      expect(created.filter((c) => c === 'OK')).toHaveLength(1);
      expect(created.filter((c) => c !== 'OK')).toEqual(Array(BURST - 1).fill('CONFLICT'));
      const record = create.find((a) => a.body.data?.setEnterpriseStatistics)!.body.data!.setEnterpriseStatistics.statistics;
      const update = await Promise.all(
        Array.from({ length: BURST }, (_, i) => post(base, STATISTICS, { input: { enterpriseId, year: 2025, version: record.version, ipStaff: 100 + i } }, enterpriseToken)),
      );
      const updated = codes(update);
      expect(updated.filter((c) => c === 'OK')).toHaveLength(1);
      expect(updated.filter((c) => c !== 'OK')).toEqual(Array(BURST - 1).fill('CONFLICT'));
      expect(await t.sql('select count(*)::int as n, max(version) as v from enterprise_statistics where year = 2025')).toEqual([{ n: 1, v: record.version + 1 }]);
      await expectStillServing();
    });

    it('a provincial admin updating the same enterprise alongside the enterprise: still one winner, nothing hangs', async () => {
      const admin = (await t.login('PROVINCIAL_ADMIN', { regionCode: '330000' })).accessToken;
      const [{ version }] = await t.sql<{ version: number }>('select version from enterprise where id = ?', [enterpriseKey]) as [{ version: number }];
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) => post(base, UPDATE, { input: { id: enterpriseId, version, contactName: `联系人${i}` } }, i % 2 ? admin : enterpriseToken)),
      );
      expect(codes(answers).filter((c) => c === 'OK')).toHaveLength(1);
      expect(codes(answers).filter((c) => c !== 'OK').every((c) => c === 'CONFLICT')).toBe(true);
      await expectStillServing();
    });

    it('the public directory keeps answering during a write burst', async () => {
      const writes = Array.from({ length: BURST }, (_, i) => post(base, OBJECT, { input: { applicationId, content: `并发异议 ${i}：请核查。`, contactName: '李女士', contactPhone: '13800002222' } }));
      const read = post(base, '{ enterprises(first: 1) { totalCount } }', {});
      const [answer] = await Promise.all([read, ...writes]);
      expect(answer!.status).toBe(200);
      expect(answer!.body.errors).toBeUndefined();
    });
  });
}
