/**
 * The demo's showcase (seeds/showcase.ts) is made through the services by the demo accounts over the
 * past years: histories and the audit log read like real use, and the advantage programme is shown
 * at each stage of a cultivation. Loaded with few enterprises: the showcase does not lean on the bulk.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { toGlobalId } from '../../src/common/node.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';

const TODAY = '2026-11-22';
const GD = as.provincial('440000');

interface Step {
  at: string;
  operation: string;
  actor: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

const APPLICATION = `query($id: ID!) { node(id: $id) { ... on DemonstrationApplication { status history { at operation actor changes } attachments { fileName } } } }`;
const ENTERPRISE = `query($id: ID!) { node(id: $id) { ... on Enterprise {
  designations { id level status validFrom validUntil endedOn history { at operation actor changes }
    cultivation { startsOn endsOn completed endedOn midTermCheck { passed checkedOn checkedBy }
      years { cultivationYear startsOn endsOn reportDueOn overdue report { cultivationYear submittedBy } } } }
  advantageApplications { year status history { operation actor } }
  bans { reason startsOn endsOn }
} } }`;

describe('demo showcase', () => {
  let t: TestApp;
  const enterpriseId = async (name: string) => {
    const [row] = await t.sql<{ id: string }>('select id from enterprise where name = ?', [name]);
    expect(row, name).toBeDefined();
    return row!.id;
  };
  const application = async (name: string, year: number) => {
    const [row] = await t.sql<{ id: string }>('select a.id from demonstration_application a join enterprise e on e.id = a.enterprise_id where e.name = ? and a.year = ?', [name, year]);
    expect(row, `${name} ${year}`).toBeDefined();
    return (await t.ok<any>(APPLICATION, { id: toGlobalId('DemonstrationApplication', row!.id) })).node as { status: string; history: Step[]; attachments: { fileName: string }[] };
  };
  const enterprise = async (name: string, viewer = GD) => (await t.ok<any>(ENTERPRISE, { id: toGlobalId('Enterprise', await enterpriseId(name)) }, viewer)).node;
  const steps = (history: Step[]) => history.map((h) => [h.operation, h.actor]);
  const day = (h: Step) => new Date(h.at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await loadDemoData(t.orm.em.fork(), { enterprises: 30, today: TODAY, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
  });
  afterAll(() => t.close());

  it('D 三(二): the applications went through every step by the accounts that take it, on their dates', async () => {
    const designated = await application('广东华创智能装备股份有限公司', 2025);
    expect(designated.status).toBe('DESIGNATED');
    expect(steps(designated.history)).toEqual([
      ['saveDemonstrationApplication', 'demo-enterprise'],
      ['submitDemonstrationApplication', 'demo-enterprise'],
      ['reviewApplicationNationally', 'national-admin'],
      ['openPublicNotice', 'national-admin'],
      ['publishDesignationList', 'national-admin'],
    ]);
    expect(designated.history.map(day)).toEqual(['2025-03-10', '2025-03-20', '2025-08-10', '2025-09-01', '2025-09-26']);

    const upheld = await application('福建永新食品科技有限公司', 2025);
    expect(upheld.status).toBe('OBJECTION_UPHELD');
    expect(steps(upheld.history)).toEqual([
      ['saveDemonstrationApplication', 'yongxin-ip'],
      ['submitDemonstrationApplication', 'yongxin-ip'],
      ['reviewApplicationNationally', 'national-admin'],
      ['openPublicNotice', 'national-admin'],
      ['decideObjection', 'national-admin'],
    ]);
    expect(upheld.history.at(-1)!.changes.reason).toEqual({ before: null, after: '经核查异议属实，不予认定。' });

    const recommended = await application('广东华宇机器人有限公司', 2026);
    expect(recommended.status).toBe('RECOMMENDED');
    expect(steps(recommended.history)).toEqual([
      ['saveDemonstrationApplication', 'huayu-ip'],
      ['submitDemonstrationApplication', 'huayu-ip'],
      ['checkApplicationItems', 'guangdong-admin'],
      ['reviewApplicationByProvince', 'guangdong-admin'],
    ]);
    expect(recommended.attachments).toEqual([{ fileName: '知识产权管理体系认证证书.pdf' }]);

    const expected: [string, string, string[][]][] = [
      ['广东思源环保科技有限公司', 'REJECTED_BY_PROVINCE', [['saveDemonstrationApplication', 'siyuan-ip'], ['submitDemonstrationApplication', 'siyuan-ip'], ['reviewApplicationByProvince', 'guangdong-admin']]],
      ['江苏瑞康精密机械股份有限公司', 'SUBMITTED', [['saveDemonstrationApplication', 'ruikang-ip'], ['submitDemonstrationApplication', 'ruikang-ip']]],
      ['山东宏图生物医药有限公司', 'DRAFT', [['saveDemonstrationApplication', 'hongtu-ip']]],
      ['四川天合智能科技有限公司', 'PASSED_REVIEW', [['saveDemonstrationApplication', 'tianhe-ip'], ['submitDemonstrationApplication', 'tianhe-ip'], ['reviewApplicationNationally', 'national-admin']]],
      ['湖南同方机械有限公司', 'FAILED_REVIEW', [['saveDemonstrationApplication', 'tongfang-ip'], ['submitDemonstrationApplication', 'tongfang-ip'], ['reviewApplicationNationally', 'national-admin']]],
      ['湖北光启光电科技股份有限公司', 'IN_NOTICE', [['saveDemonstrationApplication', 'guangqi-ip'], ['submitDemonstrationApplication', 'guangqi-ip'], ['reviewApplicationNationally', 'national-admin'], ['openPublicNotice', 'national-admin']]],
    ];
    for (const [name, status, history] of expected) {
      const app = await application(name, 2026);
      expect([name, app.status, steps(app.history)]).toEqual([name, status, history]);
      const days = app.history.map(day);
      expect(days).toEqual([...days].sort());
      expect(days.every((d) => d >= '2026-03-01' && d <= TODAY)).toBe(true);
    }
    // The Guangdong bureau's recommendation letter, uploaded by it, filed with its plan.
    expect(await t.sql(`select f.file_name, f.region_code from recommendation_package p join stored_file f on f.id = p.letter_file_id where p.year = 2026`)).toEqual([{ file_name: '广东省推荐函.pdf', region_code: '440000' }]);
  });

  it('Designation.history: titles created, ended and renewed through the services, by who did it', async () => {
    const huachuang = await enterprise('广东华创智能装备股份有限公司');
    const title = huachuang.designations.find((d: any) => d.level === 'DEMONSTRATION');
    expect(title).toMatchObject({ status: 'ACTIVE', validFrom: '2025-09-26', validUntil: '2028-09-25' });
    expect(steps(title.history)).toEqual([['publishDesignationList', 'national-admin']]);

    const hengtai = await enterprise('浙江恒泰新材料股份有限公司', as.national());
    const revoked = hengtai.designations.find((d: any) => d.level === 'DEMONSTRATION');
    expect(revoked).toMatchObject({ status: 'REVOKED', endedOn: '2026-09-23' });
    expect(steps(revoked.history)).toEqual([['revokeDesignation', 'national-admin']]);
    expect(day(revoked.history[0])).toBe('2026-09-23');
    expect(revoked.history[0].changes.ban).toEqual({ before: null, after: '2026-09-23–2028-09-22' });

    const renewed = await enterprise('广东卓越精工科技股份有限公司');
    const rounds = renewed.designations.filter((d: any) => d.level === 'DEMONSTRATION').sort((a: any, b: any) => a.validFrom.localeCompare(b.validFrom));
    expect(rounds.map((d: any) => [d.status, steps(d.history)])).toEqual([
      ['EXPIRED', [['recordReexamination', 'guangdong-admin']]],
      ['ACTIVE', [['recordReexamination', 'guangdong-admin']]],
    ]);
    expect(rounds[1].history[0].changes.predecessor).toEqual({ before: null, after: expect.any(String) });

    const failed = await enterprise('广东国瑞化工有限公司');
    const cancelled = failed.designations.find((d: any) => d.level === 'DEMONSTRATION');
    expect([cancelled.status, cancelled.endedOn, steps(cancelled.history)]).toEqual(['CANCELLED', '2026-11-07', [['recordReexamination', 'guangdong-admin']]]);
    expect(failed.bans).toEqual([{ reason: 'REEXAMINATION_FAILED', startsOn: '2026-11-07', endsOn: '2028-11-06' }]);
  });

  it('the advantage programme at each stage of a cultivation (Designation.cultivation), as guangdong-admin sees it', async () => {
    const advantage = async (name: string) => {
      const e = await enterprise(name);
      const titles = e.designations.filter((d: any) => d.level === 'ADVANTAGE');
      expect(titles, name).toHaveLength(1);
      return { ...titles[0], applications: e.advantageApplications, bans: e.bans };
    };
    const current = (c: any) => c.years.find((y: any) => y.startsOn <= TODAY && TODAY <= y.endsOn)?.cultivationYear;

    // Year 1: last year's list, confirmed by the national bureau.
    const desai = await advantage('广东德赛精密电子有限公司');
    expect([desai.status, desai.validFrom, current(desai.cultivation)]).toEqual(['ACTIVE', '2025-12-01', 1]);
    expect(steps(desai.history)).toEqual([['confirmAdvantageBatch', 'national-admin']]);
    expect(desai.applications.map((a: any) => [a.year, a.status, a.history.map((h: any) => h.actor)])).toEqual([
      [2025, 'DESIGNATED', ['desai-ip', 'desai-ip', 'guangdong-admin', 'national-admin']],
    ]);
    // Year 2, with the year-1 report; another whose report is overdue.
    const zhitong = await advantage('广东智通物联科技有限公司');
    expect([current(zhitong.cultivation), zhitong.cultivation.years[0].report, zhitong.cultivation.years[0].overdue]).toEqual([2, { cultivationYear: 1, submittedBy: 'zhitong-ip' }, false]);
    const jincheng = await advantage('广东锦程纺织科技有限公司');
    expect([current(jincheng.cultivation), jincheng.cultivation.years[0].report, jincheng.cultivation.years[0].overdue]).toEqual([2, null, true]);
    // Year 3 after a passed mid-term check; the one that failed it; the one revoked, with its ban.
    const xinghe = await advantage('广东星河智能科技有限公司');
    expect([xinghe.status, current(xinghe.cultivation), xinghe.cultivation.midTermCheck]).toEqual(['ACTIVE', 3, { passed: true, checkedOn: '2025-06-15', checkedBy: 'guangdong-admin' }]);
    expect(xinghe.cultivation.years.map((y: any) => y.report?.cultivationYear ?? null)).toEqual([1, 2, null]);
    const kaisheng = await advantage('广东凯盛陶瓷有限公司');
    expect([kaisheng.status, kaisheng.endedOn, kaisheng.cultivation.midTermCheck.passed, steps(kaisheng.history)]).toEqual([
      'CANCELLED', '2025-06-15', false, [['confirmAdvantageBatch', 'national-admin'], ['recordMidTermCheck', 'guangdong-admin']],
    ]);
    const antai = await advantage('广东安泰新能源有限公司');
    expect([antai.status, antai.endedOn, steps(antai.history)]).toEqual(['REVOKED', '2026-05-26', [['confirmAdvantageBatch', 'national-admin'], ['revokeDesignation', 'guangdong-admin']]]);
    expect(antai.bans).toEqual([{ reason: 'REVOKED', startsOn: '2026-05-26', endsOn: '2028-05-25' }]);
    // Withdrew (the enterprise itself).
    const haina = await advantage('广东海纳新材料有限公司');
    expect([haina.status, haina.endedOn, steps(haina.history).at(-1)]).toEqual(['WITHDRAWN', '2026-09-08', ['withdrawFromCultivation', 'haina-ip']]);
    // Completed: the period ran its course (reports, mid-term check); now a demonstration applicant.
    const huayu = await advantage('广东华宇机器人有限公司');
    expect([huayu.cultivation.completed, huayu.cultivation.endsOn, huayu.cultivation.years.map((y: any) => !!y.report), huayu.cultivation.midTermCheck.passed]).toEqual([true, '2025-11-30', [true, true, true], true]);

    // What the bureau follows: the titles in cultivation, a report overdue, a mid-term check due.
    const followed = await t.ok<any>(
      `{ current: advantageCultivations(filter: { current: true }, first: 50) { totalCount }
         overdue: advantageCultivations(filter: { reportOverdue: true }, first: 50) { edges { node { enterprise { name } } } }
         midTerm: advantageCultivations(filter: { midTermCheckDue: true }, first: 50) { edges { node { enterprise { name } } } } }`,
      {},
      GD,
    );
    const names = (list: any) => list.edges.map((e: any) => e.node.enterprise.name);
    expect(followed.current.totalCount).toBeGreaterThanOrEqual(10); // what Guangdong's recommendation quota (R5) counts
    expect(names(followed.overdue)).toContain('广东锦程纺织科技有限公司');
    expect(names(followed.overdue)).not.toEqual(expect.arrayContaining(['广东智通物联科技有限公司']));
    expect(names(followed.overdue)).not.toEqual(expect.arrayContaining(['广东星河智能科技有限公司']));
    expect(names(followed.midTerm)).toEqual(expect.arrayContaining(['广东智通物联科技有限公司', '广东锦程纺织科技有限公司']));
    expect(names(followed.midTerm)).not.toEqual(expect.arrayContaining(['广东星河智能科技有限公司']));
    // This year's batch is open (nothing sent yet); last year's was sent and confirmed, one application not confirmed.
    const batches = await t.ok<any>(`{ y2025: advantageBatches(year: 2025) { regionCode submittedAt confirmedAt } y2026: advantageBatches(year: 2026) { regionCode opensOn closesOn submittedAt } }`, {}, GD);
    // Sent on 30 September, confirmed on 1 December, both at the start of office hours.
    expect(batches.y2025).toEqual([{ regionCode: '440000', submittedAt: new Date('2025-09-30T09:00:00+08:00'), confirmedAt: new Date('2025-12-01T09:00:00+08:00') }]);
    expect(batches.y2026).toEqual([{ regionCode: '440000', opensOn: '2026-03-01', closesOn: '2026-06-30', submittedAt: null }]);
    const list = async (year: number) =>
      (await t.ok<any>(`query($year: Int!) { advantageApplications(filter: { year: $year }, first: 50) { edges { node { status nationalComments enterprise { name } } } } }`, { year }, GD)).advantageApplications.edges.map((e: any) => e.node);
    expect((await list(2026)).map((a: any) => a.status).sort()).toEqual(['DRAFT', 'RECOMMENDED', 'REJECTED_BY_PROVINCE', 'SUBMITTED']);
    const lastYear = await list(2025);
    expect(lastYear.filter((a: any) => a.status === 'DESIGNATED')).toHaveLength(7);
    expect(lastYear.filter((a: any) => a.status === 'NOT_CONFIRMED')).toEqual([
      { status: 'NOT_CONFIRMED', nationalComments: '申报材料中的研发投入与年度统计数据不符，经核实不予确认。', enterprise: { name: '广东宇通化工有限公司' } },
    ]);
  });

  it('D 三(一)1 (R2): a completed cultivation satisfies demonstration condition 1; one still running does not', async () => {
    const eligibility = async (name: string) =>
      (await t.ok<any>(`query($id: ID!) { demonstrationEligibility(enterpriseId: $id) { unmet { rule date } } }`, { id: toGlobalId('Enterprise', await enterpriseId(name)) }, GD)).demonstrationEligibility.unmet;
    expect((await eligibility('广东华宇机器人有限公司')).map((u: any) => u.rule)).not.toContain('R2');
    expect(await eligibility('广东德赛精密电子有限公司')).toContainEqual({ rule: 'R2', date: '2028-11-30' });
  });

  it('A 四(二): the Guangdong team implements GB/T 29490 at two advantage enterprises — one certified through it, one under way', async () => {
    const list = (await t.ok<any>(`{ standardImplementations(first: 10) { edges { node { status matchedOn certifiedOn enterprise { name standardCertifiedOn } organization { name } history { operation actor } } } } }`, {}, GD)).standardImplementations.edges.map((e: any) => e.node);
    const of = (name: string) => list.find((i: any) => i.enterprise.name === name);
    expect(of('广东智通物联科技有限公司')).toMatchObject({ status: 'CERTIFIED', certifiedOn: '2026-09-21', enterprise: { standardCertifiedOn: '2026-09-21' }, organization: { name: '广东省知识产权保护中心服务团队' } });
    expect(steps(of('广东智通物联科技有限公司').history)).toEqual([
      ['matchStandardTeam', 'guangdong-admin'], ['recordStandardProgress', 'demo-provider'], ['recordStandardProgress', 'demo-provider'], ['certifyStandardImplementation', 'guangdong-admin'],
    ]);
    expect(of('广东德赛精密电子有限公司')).toMatchObject({ status: 'IMPLEMENTING', certifiedOn: null, enterprise: { standardCertifiedOn: null } });
  });

  it('the audit log holds the demo accounts’ steps, dated over the years they describe', async () => {
    const log = async (username: string) =>
      (await t.ok<any>(`query($u: String!) { auditLog(filter: { username: $u }, first: 100) { totalCount edges { node { at operation } } } }`, { u: username })).auditLog;
    for (const [username, operation] of [
      ['national-admin', 'createUser'],
      ['guangdong-admin', 'confirmAdvantageBatch'],
      ['demo-enterprise', 'submitDemonstrationApplication'],
      ['huayu-ip', 'submitCultivationReport'],
    ] as const) {
      const entries = (await log(username)).edges.map((e: any) => e.node);
      expect(entries.length, username).toBeGreaterThan(0);
      if (username !== 'guangdong-admin') expect(entries.map((e: any) => e.operation), username).toContain(operation);
    }
    // Every operation of the bureau's (more than a page of them): the distinct ones.
    const bureau = (await t.sql<{ operation: string }>(`select distinct operation from audit_entry where username = 'guangdong-admin'`)).map((r) => r.operation);
    expect(bureau).toEqual(expect.arrayContaining(['createEnterprise', 'setAdvantageBatch', 'reviewAdvantageApplication', 'submitAdvantageBatch', 'recordMidTermCheck', 'checkApplicationItems', 'saveRecommendationPackage', 'recordReexamination']));
    // Every entry is a showcase step, dated to its step (the national admin's first step, four years back).
    const [span] = await t.sql<{ n: number; showcase: number; first: string; last: string }>(
      `select count(*)::int as n, count(*) filter (where request_id like 'demo-showcase-%')::int as showcase,
              min(at at time zone 'Asia/Shanghai')::date::text as first, max(at at time zone 'Asia/Shanghai')::date::text as last from audit_entry`,
    );
    expect(span).toEqual({ n: span!.showcase, showcase: span!.showcase, first: '2022-01-05', last: '2026-11-19' });
    // The bureau sees its jurisdiction's entries too.
    const own = await t.ok<any>(`{ auditLog(first: 1) { totalCount } }`, {}, GD);
    expect(own.auditLog.totalCount).toBeGreaterThan(100);
  });
});
