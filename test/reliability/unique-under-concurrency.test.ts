/**
 * Every uniqueness promise is held by the database, not by check-then-insert: 20 simultaneous
 * requests that would each create "the one" record give exactly one record and CONFLICT for the
 * rest (the issue: twenty nominateToPool for one person and pool gave ten open nominations).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { codeSeries } from '../harness/credit-codes.js';
import { insertPerson } from '../../seeds/factories.js';

const N = 20;
const codes = (results: { errors?: { extensions?: Record<string, unknown> }[] }[]) => results.map((r) => (r.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK');

describe('uniqueness under concurrency', () => {
  let t: TestApp;
  const rng = randomFor(2020);
  let enterpriseId: string;
  let personId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    enterpriseId = e.id;
    personId = await insertPerson(t.orm.em, { name: '孙并发', employer: '某公司', employerEnterpriseId: e.id, category: 'IP_MANAGER', specialties: ['STRATEGY'], technicalFields: ['H01L'] });
  });
  afterAll(() => t.close());

  it('20 simultaneous nominations of one person to one pool: exactly one open nomination', async () => {
    const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id status } } }`;
    const viewers = [as.enterprise(enterpriseId), as.provincial('320000')];
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => t.gql(NOMINATE, { input: { personId: toGlobalId('Person', personId), pool: 'EXPERT_POOL', reason: `推荐理由 ${i}` } }, viewers[i % 2])),
    );
    const outcome = codes(results);
    expect(outcome.filter((c) => c === 'OK')).toHaveLength(1);
    expect(outcome.filter((c) => c !== 'OK')).toEqual(Array(N - 1).fill('CONFLICT'));
    expect(await t.sql(`select count(*)::int as n from pool_membership where person_id = ? and pool = 'EXPERT_POOL' and status in ('NOMINATED', 'ADMITTED')`, [personId])).toEqual([{ n: 1 }]);
    // Another pool is another promise.
    const other = await t.gql(NOMINATE, { input: { personId: toGlobalId('Person', personId), pool: 'FACULTY_POOL', reason: '师资' } }, viewers[0]);
    expect(other.errors).toBeUndefined();
  });

  it('the database refuses a second open nomination even when written past the service', async () => {
    const insert = (status: string) =>
      t.sql(
        `insert into pool_membership (id, created_at, updated_at, person_id, pool, status, employer_level, reason, nominated_by, nominator_role, nominated_at, version)
         values (?, now(), now(), ?, 'EXPERT_POOL', ?, 'NONE', 'x', 'x', 'PROVINCIAL_ADMIN', now(), 1)`,
        [randomUUID(), personId, status],
      );
    await expect(insert('NOMINATED')).rejects.toThrow(/pool_membership_open_unique/);
    await expect(insert('ADMITTED')).rejects.toThrow(/pool_membership_open_unique/);
    await insert('DECLINED'); // closed ones may repeat
  });

  it('20 simultaneous createEnterprise with one credit code: one enterprise', async () => {
    const code = codeSeries(777_001, 7, '320100')();
    const CREATE = `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id } } }`;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t.gql(CREATE, { input: { creditCode: code, name: `并发测试企业${i}有限公司`, regionCode: '320000', industryCode: 'C', sizeClass: 'SMALL', foundedOn: '2015-01-01' } }, as.provincial('320000')),
      ),
    );
    const outcome = codes(results);
    expect(outcome.filter((c) => c === 'OK')).toHaveLength(1);
    expect(outcome.filter((c) => c !== 'OK')).toEqual(Array(N - 1).fill('CONFLICT'));
    expect(await t.sql('select count(*)::int as n from enterprise where credit_code = ?', [code])).toEqual([{ n: 1 }]);
  });

  it('20 simultaneous textbooks with one title and edition, and 20 training bases with one name: one each', async () => {
    const BOOK = `mutation($input: CreateTrainingTextbookInput!) { createTrainingTextbook(input: $input) { textbook { id } } }`;
    const books = await Promise.all(
      Array.from({ length: N }, () => t.gql(BOOK, { input: { title: '企业知识产权管理实务（并发）', edition: '第 1 版', editors: '编者', publishedYear: 2025, publisher: '知识产权出版社' } })),
    );
    expect(codes(books).filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes(books).filter((c) => c !== 'OK').every((c) => c === 'CONFLICT')).toBe(true);
    const BASE = `mutation($input: CreateTrainingBaseInput!) { createTrainingBase(input: $input) { base { id } } }`;
    const bases = await Promise.all(Array.from({ length: N }, () => t.gql(BASE, { input: { name: '国家知识产权培训（并发）基地', regionCode: '320000' } })));
    expect(codes(bases).filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes(bases).filter((c) => c !== 'OK').every((c) => c === 'CONFLICT')).toBe(true);
  });

  it('20 simultaneous first settings of a year\'s application window, and of its working-day calendar: all answered, one record each', async () => {
    const windows = await Promise.all(
      Array.from({ length: N }, (_, i) => t.gql(`mutation($input: SetApplicationWindowInput!) { setApplicationWindow(input: $input) { window { year } } }`, { input: { year: 2031, opensOn: `2031-03-${String(1 + (i % 28)).padStart(2, '0')}` } })),
    );
    expect(codes(windows)).toEqual(Array(N).fill('OK'));
    expect(await t.sql('select count(*)::int as n from application_window where year = 2031')).toEqual([{ n: 1 }]);
    const days = [
      { date: '2031-01-01', kind: 'HOLIDAY', name: '元旦' },
      { date: '2031-10-01', kind: 'HOLIDAY', name: '国庆节' },
    ];
    const calendars = await Promise.all(
      Array.from({ length: N }, () => t.gql(`mutation($input: SetWorkingDayCalendarInput!) { setWorkingDayCalendar(input: $input) { calendar { year } } }`, { input: { year: 2031, days } })),
    );
    expect(codes(calendars)).toEqual(Array(N).fill('OK'));
    expect(await t.sql('select count(*)::int as n from calendar_day where year = 2031')).toEqual([{ n: 2 }]);
  });

  it('20 simultaneous first recommendation packages of a bureau for a year: one package, CONFLICT for the rest', async () => {
    const fileId = randomUUID();
    await t.sql(
      `insert into stored_file (id, created_at, updated_at, file_name, content_type, size, sha256, storage_key, uploaded_by, region_code) values (?, now(), now(), '推荐函.pdf', 'application/pdf', 10, ?, ?, ?, '320000')`,
      [fileId, 'a'.repeat(64), `${fileId.slice(0, 2)}/${fileId}`, randomUUID()],
    );
    const plan = { goals: '培育目标', workPlan: '工作计划', organization: '组织管理', policySupport: '政策支持', funding: '资金保障', supervision: '督导检查' };
    const results = await Promise.all(
      Array.from({ length: N }, () =>
        t.gql(`mutation($input: SaveRecommendationPackageInput!) { saveRecommendationPackage(input: $input) { package { id } } }`, { input: { year: 2031, letterFileId: toGlobalId('StoredFile', fileId), ...plan } }, as.provincial('320000')),
      ),
    );
    expect(codes(results).filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes(results).filter((c) => c !== 'OK').every((c) => c === 'CONFLICT')).toBe(true);
  });
});
