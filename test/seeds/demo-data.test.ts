/** The demo data set: deterministic, valid, spread over the jurisdictions, with history from 2019 on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData, demoDataLoaded } from '../../seeds/demo.js';
import { designationRows, enterpriseRow } from '../../seeds/factories.js';
import { Random } from '../../seeds/random.js';
import { isValidCreditCode } from '../../src/common/credit-code.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';
import path from 'node:path';

describe('demo data set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect(await demoDataLoaded(t.orm.em.fork())).toBe(false);
    await loadDemoData(t.orm.em.fork(), { enterprises: 1500, seed: 7, today: '2026-11-22', storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  });
  afterAll(() => t.close());

  it('is deterministic for a seed and a date', () => {
    const gen = () => {
      const rng = new Random(42);
      return Array.from({ length: 200 }, (_, i) => {
        const e = enterpriseRow(rng, i + 1);
        return { e, d: designationRows(rng, e, '2026-11-22') };
      });
    };
    expect(gen()).toEqual(gen());
  });

  it('records that it was loaded', async () => {
    expect(await demoDataLoaded(t.orm.em.fork())).toBe(true);
  });

  it('has valid, unique credit codes', async () => {
    const rows = await t.sql<{ credit_code: string }>('select credit_code from enterprise');
    // Plus demo-enterprise's and the showcase's 33 (seeds/showcase.ts, seeds/showcase-advantage.ts, seeds/showcase-service.ts).
    expect(rows).toHaveLength(1534);
    expect(rows.every((r) => isValidCreditCode(r.credit_code))).toBe(true);
  });

  it('spreads enterprises over every jurisdiction and many industries', async () => {
    const [spread] = await t.sql<{ regions: number; industries: number; sections: number }>(
      `select count(distinct e.region_code)::int as regions, count(distinct e.industry_code)::int as industries,
              count(distinct i.parent_code)::int as sections
         from enterprise e join industry i on i.code = e.industry_code`,
    );
    expect(spread!.regions).toBe(37);
    expect(spread!.industries).toBeGreaterThan(50);
    expect(spread!.sections).toBeGreaterThan(10);
  });

  it('has designations from 2019 on, demonstration only after a completed advantage period or for industry leaders', async () => {
    const [range] = await t.sql<{ first: number; last: number; demo: number; adv: number }>(
      `select min(batch_year)::int as first, max(batch_year)::int as last,
              count(*) filter (where level = 'DEMONSTRATION')::int as demo, count(*) filter (where level = 'ADVANTAGE')::int as adv
         from designation`,
    );
    expect(range!.first).toBe(2019);
    expect(range!.last).toBeLessThanOrEqual(2026);
    expect(range!.demo).toBeGreaterThan(20);
    expect(range!.adv).toBeGreaterThan(200);
    const violations = await t.sql(
      `select d.id from designation d join enterprise e on e.id = d.enterprise_id
        where d.level = 'DEMONSTRATION' and not e.industry_leader
          and not exists (select 1 from designation a where a.enterprise_id = d.enterprise_id and a.level = 'ADVANTAGE'
                            and a.valid_until < (select min(valid_from) from designation x where x.enterprise_id = d.enterprise_id and x.level = 'DEMONSTRATION'))`,
    );
    expect(violations).toEqual([]);
  });

  it('has five years of statistics for every enterprise', async () => {
    const rows = await t.sql<{ years: number; n: number }>(
      'select years::int, count(*)::int as n from (select count(*) as years from enterprise_statistics group by enterprise_id) s group by years',
    );
    expect(rows).toEqual([{ years: 5, n: 1501 }, { years: 0, n: 0 }].filter((r) => r.n > 0));
  });

  it('has one account per role, all with the documented demo password', async () => {
    const users = await t.sql<{ username: string; role: string; region_code: string | null }>(`select username, role, region_code from app_user where username not like '%-ip' and username not like 'liaison-%' order by username`);
    expect(users.map((u) => [u.username, u.role, u.region_code])).toEqual([
      ['demo-enterprise', 'ENTERPRISE_USER', null],
      ['demo-expert', 'EXPERT', null],
      ['demo-provider', 'SERVICE_PROVIDER', null],
      ['demo-station', 'SERVICE_PROVIDER', null],
      ['demo-training-base', 'SERVICE_PROVIDER', null],
      ['guangdong-admin', 'PROVINCIAL_ADMIN', '440000'],
      ['national-admin', 'NATIONAL_ADMIN', null],
      ['shenzhen-admin', 'PROVINCIAL_ADMIN', '440300'],
    ]);
    for (const u of users) {
      const { status, body } = await t.http(`mutation { login(input: { username: "${u.username}", password: "demo-password-2026" }) { user { role } } }`);
      expect(status).toBe(200);
      expect(body.data?.login.user.role).toBe(u.role);
    }
    // The showcase enterprises' staff accounts (one each) have a password nobody knows.
    const staff = await t.sql<{ username: string; role: string; enterprise: boolean }>(`select username, role, enterprise_id is not null as enterprise from app_user where username like '%-ip'`);
    expect(staff).toHaveLength(29);
    expect(staff.every((u) => u.role === 'ENTERPRISE_USER' && u.enterprise)).toBe(true);
    // The national bureau's liaison officers (seeds/showcase-assignment.ts): staff accounts, passwords unknown too.
    const officers = await t.sql<{ username: string; role: string }>(`select username, role from app_user where username like 'liaison-%' order by username`);
    expect(officers.map((u) => u.username)).toEqual(['liaison-ayixiamu', 'liaison-chen', 'liaison-li', 'liaison-wang', 'liaison-zhang']);
    expect(officers.every((u) => u.role === 'NATIONAL_ADMIN')).toBe(true);
    expect((await t.http(`mutation { login(input: { username: "liaison-wang", password: "demo-password-2026" }) { user { role } } }`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { body } = await t.http(`mutation { login(input: { username: "huayu-ip", password: "demo-password-2026" }) { user { role } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('makes demo-enterprise a demonstration enterprise in Guangdong, valid today', async () => {
    const [row] = await t.sql<{ region_code: string; valid: boolean }>(
      `select e.region_code, exists (select 1 from designation d where d.enterprise_id = e.id and d.level = 'DEMONSTRATION' and d.status = 'ACTIVE'
         and d.valid_from <= '2026-11-22' and d.valid_until >= '2026-11-22') as valid
         from app_user u join enterprise e on e.id = u.enterprise_id where u.username = 'demo-enterprise'`,
    );
    expect(row).toEqual({ region_code: '440000', valid: true });
  });

  it('shows a revoked demonstration title with its incident and the 2-year ban [D 三(四)]', async () => {
    const rows = await t.sql<{ status: string; ended_on: string; ban_ends: string; incidents: number }>(
      `select d.status, d.ended_on::text, b.ends_on::text as ban_ends, (select count(*)::int from revocation_incident i where i.enterprise_id = d.enterprise_id) as incidents
         from designation d join application_ban b on b.designation_id = d.id where d.level = 'DEMONSTRATION' and b.reason = 'REVOKED'`,
    );
    expect(rows).toEqual([{ status: 'REVOKED', ended_on: '2026-09-23', ban_ends: '2028-09-22', incidents: 1 }]);
  });

  it('has this year’s application window and applications submitted and in draft', async () => {
    expect(await t.sql('select opens_on::text, closes_on::text from application_window where year = 2026')).toEqual([{ opens_on: '2026-03-01', closes_on: '2026-07-31' }]);
    // Every step of the lifecycle so far.
    expect((await t.sql<{ status: string }>('select status from demonstration_application order by status')).map((r) => r.status)).toEqual([
      'DESIGNATED',
      'DRAFT',
      'FAILED_REVIEW',
      'IN_NOTICE',
      'OBJECTION_UPHELD',
      'PASSED_REVIEW',
      'RECOMMENDED',
      'REJECTED_BY_PROVINCE',
      'SUBMITTED',
    ]);
    expect(await t.sql("select year from recommendation_package where region_code = '440000'")).toEqual([{ year: 2026 }]);
  });

  it('has a notice running today and a demonstration round due for re-examination', async () => {
    t.setToday('2026-11-22');
    try {
      const notices = await t.ok(`{ publicNotices(year: 2026) { startsOn endsOn entries { enterpriseName status } } }`);
      expect(notices.publicNotices).toEqual([{ startsOn: '2026-11-19', endsOn: '2026-12-02', entries: [{ enterpriseName: '湖北光启光电科技股份有限公司', status: 'IN_NOTICE' }] }]);
      const due = await t.ok(`{ reexaminationsDue(regionCode: "440000") { edges { node { validUntil enterprise { name } } } } }`);
      expect(due.reexaminationsDue.edges.map((e: any) => e.node)).toContainEqual({ validUntil: '2026-12-22', enterprise: { name: '广东远景新能源科技有限公司' } });
    } finally {
      t.setToday(null);
    }
  });

  it('has talent pools: admitted experts in the public directory, a nomination pending', async () => {
    const dir = await t.ok(`{ expertDirectory { edges { node { name pools } } } }`);
    expect(dir.expertDirectory.edges.map((e: any) => e.node.name).sort()).toEqual(['张明', '陈华']);
    expect(await t.sql("select pool, status from pool_membership where status = 'NOMINATED'")).toEqual([{ pool: 'LEADING_TALENT_POOL', status: 'NOMINATED' }]);
  });

  it('has tiered training over three years: certificates to verify, upcoming sessions in the catalogue, a request to review [D 四(四)二, A 四(四)]', async () => {
    t.setToday('2026-11-22');
    const [{ id }] = await t.sql<{ id: string }>("select id from enterprise where name = '广东华创智能装备股份有限公司'");
    const enterprise = (await t.ok<any>(`{ enterprises(filter: { search: "华创智能" }) { edges { node { id } } } }`, {}, as.enterprise(id))).enterprises.edges[0].node.id;
    const { node } = await t.ok<any>(
      `query ($id: ID!) { node(id: $id) { ... on Enterprise { trainingRecords { edges { node { personName programTitle tier year status certificateNumber } } } trainingEnrolments(statuses: [REQUESTED, APPROVED]) { edges { node { personName status } } } } } }`,
      { id: enterprise },
      as.enterprise(id),
    );
    const records = node.trainingRecords.edges.map((e: any) => e.node);
    expect(records.map((r: any) => [r.year, r.personName, r.tier, r.status])).toEqual([
      [2026, '陈华', 'IP_MANAGER', 'COMPLETED'],
      [2025, '刘洋', 'IP_PRACTITIONER', 'COMPLETED'],
      [2024, '王强', 'SENIOR_EXECUTIVE', 'COMPLETED'],
    ]);
    for (const r of records) {
      const verified = await t.ok<any>(`query ($n: String!) { verifyCertificate(number: $n) { holderName programTitle } }`, { n: r.certificateNumber });
      expect(verified.verifyCertificate).toEqual({ holderName: r.personName, programTitle: r.programTitle });
    }
    // Completions counted by the enterprise's title when each person enrolled: none yet in 2024, demonstration since its designation in 2025.
    const summary = await t.ok<any>(`{ y2024: trainingSummary(year: 2024) { completed completedFromDemonstration } y2025: trainingSummary(year: 2025) { completed completedFromDemonstration } }`);
    expect([summary.y2024, summary.y2025].map((rows: any[]) => rows.reduce((a, r) => [a[0] + r.completed, a[1] + r.completedFromDemonstration], [0, 0]))).toEqual([[1, 0], [1, 1]]);
    expect(node.trainingEnrolments.edges.map((e: any) => e.node)).toEqual([{ personName: '赵敏', status: 'REQUESTED' }, { personName: '刘洋', status: 'APPROVED' }]);
    const catalogue = await t.ok<any>(`{ upcomingTrainingSessions { edges { node { startsOn regionCode onlineUrl seatsLeft approvalRequired program { tier format host { name } textbooks { title } } instructors { name } } } } }`);
    expect(catalogue.upcomingTrainingSessions.edges.map((e: any) => e.node)).toEqual([
      { startsOn: '2026-12-20', regionCode: '440000', onlineUrl: null, seatsLeft: 19, approvalRequired: true, program: { tier: 'IP_PRACTITIONER', format: 'EXPORT_PRACTICE', host: null, textbooks: [{ title: '专利信息分析与导航实务' }] }, instructors: [{ name: '张明' }] },
      { startsOn: '2026-12-22', regionCode: '440300', onlineUrl: null, seatsLeft: 29, approvalRequired: false, program: { tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING', host: { name: '国家知识产权培训（广东）基地' }, textbooks: [{ title: '企业知识产权管理实务' }] }, instructors: [{ name: '张明' }] },
      { startsOn: '2027-01-06', regionCode: null, onlineUrl: 'https://training.example.cn/forum', seatsLeft: 300, approvalRequired: false, program: { tier: 'SENIOR_EXECUTIVE', format: 'MANAGER_FORUM', host: null, textbooks: [{ title: '企业知识产权战略管理' }] }, instructors: [{ name: '张明' }] },
    ]);
    const bases = await t.ok<any>(`{ trainingBases { edges { node { name region { code } } } } trainingTextbooks { totalCount } }`);
    expect(bases.trainingBases.edges.map((e: any) => e.node.region.code).sort()).toEqual(['320000', '440000']);
    expect(bases.trainingTextbooks.totalCount).toBe(4);
  });

  it('is what the directory shows', async () => {
    const data = await t.ok<any>(`{ enterprises(filter: { designation: { levels: [DEMONSTRATION], statuses: [ACTIVE] } }) { totalCount } all: enterprises { totalCount } }`);
    expect(data.all.totalCount).toBe(1534);
    expect(data.enterprises.totalCount).toBeGreaterThan(0);
  });
});
