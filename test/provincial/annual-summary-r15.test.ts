/**
 * R15 [D 五(一)]: "各省局于每年 11 月底前将示范企业培育工作年度总结报送专利管理司". A provincial bureau
 * starts its summary of a year (the figures of its own jurisdiction pre-filled from statistics),
 * writes it and submits it; a first submission after 30 November (Asia/Shanghai) is late, and a
 * return and resubmission do not change that. The national bureau accepts it (then it is locked, in
 * the service and by a trigger) or returns it with a reason. Each test uses bureaus and years of
 * its own, since a bureau has one summary a year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { insertEnrolment, insertPerson, insertProgram, insertSession, type DesignationRow } from '../../seeds/factories.js';
import type { Viewer } from '../../src/context.js';

const GD = '440000';
const JS = '320000';
const SZ = '440300';
const TODAY = '2026-11-20';

const FIELDS = `id bureauCode year status figures workDone results problems nextYearPlan submittedAt submittedBy late returnReason acceptedAt acceptedBy version`;
const START = `mutation($input: StartAnnualSummaryInput!) { startAnnualSummary(input: $input) { summary { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateAnnualSummaryInput!) { updateAnnualSummary(input: $input) { summary { ${FIELDS} } } }`;
const SUBMIT = `mutation($input: SubmitAnnualSummaryInput!) { submitAnnualSummary(input: $input) { summary { ${FIELDS} } } }`;
const ACCEPT = `mutation($input: AcceptAnnualSummaryInput!) { acceptAnnualSummary(input: $input) { summary { ${FIELDS} } } }`;
const RETURN = `mutation($input: ReturnAnnualSummaryInput!) { returnAnnualSummary(input: $input) { summary { ${FIELDS} } } }`;
const LIST = `query($filter: AnnualSummaryFilter, $first: Int) { annualSummaries(filter: $filter, first: $first) { totalCount edges { node { ${FIELDS} } } } }`;
const OVERVIEW = `query($year: Int!) { annualSummaryOverview(year: $year) { year dueOn bureaus { bureauCode regionName overdue summary { id bureauCode status } } } }`;
const TEXTS = { workDone: '开展走访和培训', results: '新增示范企业', problems: '资金不足', nextYearPlan: '扩大培育范围' };

interface Summary {
  id: string;
  bureauCode: string;
  year: number;
  status: string;
  figures: { asOf: string; regionCode: string; year: number; figures: { measure: string; value: number }[] };
  /** DateTime values come back as Date objects from executeOperation (not serialized). */
  submittedAt: Date | null;
  submittedBy: string | null;
  late: boolean;
  returnReason: string | null;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  version: number;
  [field: string]: unknown;
}

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string; message: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code), message: error.message };
}

const figure = (s: Summary, measure: string) => Number(s.figures.figures.find((f) => f.measure === measure)?.value);
const demonstration = (validFrom: string, validUntil: string): DesignationRow => ({ level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: Number(validFrom.slice(0, 4)), validFrom, validUntil });
const advantage = (validFrom: string, validUntil: string): DesignationRow => ({ ...demonstration(validFrom, validUntil), level: 'ADVANTAGE' });

describe('R15 [D 五(一)]: the provincial bureaus’ annual summaries, due by 30 November', () => {
  let t: TestApp;
  const rng = randomFor(1515);
  const national = as.national();
  const bureau = (region: string): Viewer => as.provincial(region);
  let enterpriseId = '';

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const em = t.orm.em;
    // Guangdong: two demonstration enterprises on TODAY (one designated in 2026), one advantage enterprise designated in 2026.
    const gd1 = await makeEnterprise(em, rng, { regionCode: GD });
    enterpriseId = gd1.id;
    await makeDesignation(em, gd1, demonstration('2026-03-01', '2029-02-28'));
    const gd2 = await makeEnterprise(em, rng, { regionCode: GD });
    await makeDesignation(em, gd2, demonstration('2024-01-01', '2026-12-31'));
    const gd3 = await makeEnterprise(em, rng, { regionCode: GD });
    await makeDesignation(em, gd3, advantage('2026-05-01', '2029-04-30'));
    // Elsewhere (Jiangsu; Shenzhen, a bureau of its own inside Guangdong): none of it is Guangdong's.
    const js1 = await makeEnterprise(em, rng, { regionCode: JS });
    await makeDesignation(em, js1, demonstration('2026-03-01', '2029-02-28'));
    const js2 = await makeEnterprise(em, rng, { regionCode: JS });
    await makeDesignation(em, js2, demonstration('2026-04-01', '2029-03-31'));
    const sz1 = await makeEnterprise(em, rng, { regionCode: SZ });
    await makeDesignation(em, sz1, demonstration('2026-02-01', '2029-01-31'));
    // Training in 2026: two Guangdong trainees (one completed), one Jiangsu trainee; one Guangdong trainee in 2025.
    const program = await insertProgram(em, { title: '知识产权管理实务', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' });
    const session = (startsOn: string) => insertSession(em, { programId: program, startsOn, endsOn: startsOn, capacity: 50, registrationClosesOn: startsOn, regionCode: null });
    const s2026 = await session('2026-05-10');
    const s2025 = await session('2025-05-10');
    const enrol = async (sessionId: string, employer: string, status: string) =>
      insertEnrolment(em, { sessionId, personId: await insertPerson(em, { name: '学员', employerEnterpriseId: employer, category: 'IP_MANAGER' }), statuses: [status], priority: 'NONE', requestedAt: new Date('2026-02-20T02:00:00Z'), requestedBy: 'someone' });
    await enrol(s2026, gd1.id, 'COMPLETED');
    await enrol(s2026, gd2.id, 'BOOKED');
    await enrol(s2026, js1.id, 'COMPLETED');
    await enrol(s2025, gd1.id, 'COMPLETED');
  });
  afterAll(() => t.close());

  async function start(region: string, year: number): Promise<Summary> {
    return (await t.ok(START, { input: { year } }, bureau(region))).startAnnualSummary.summary;
  }
  async function write(s: Summary, sections: Record<string, string | null> = TEXTS, extra: Record<string, unknown> = {}): Promise<Summary> {
    return (await t.ok(UPDATE, { input: { id: s.id, version: s.version, sections, ...extra } }, bureau(s.bureauCode))).updateAnnualSummary.summary;
  }
  async function submit(s: Summary): Promise<Summary> {
    return (await t.ok(SUBMIT, { input: { id: s.id, version: s.version } }, bureau(s.bureauCode))).submitAnnualSummary.summary;
  }
  const review = async (mutation: 'acceptAnnualSummary' | 'returnAnnualSummary', input: Record<string, unknown>): Promise<Summary> =>
    (await t.ok(mutation === 'acceptAnnualSummary' ? ACCEPT : RETURN, { input }, national))[mutation].summary;
  /** The stored row (every column) and its audit entries. */
  async function stored(region: string, year: number) {
    const [row] = await t.sql<{ id: string; json: string }>(`select s.id, row_to_json(s)::text as json from annual_summary s where bureau_code = ? and year = ?`, [region, year]);
    if (!row) return { row: null, audit: 0 };
    const [{ n }] = (await t.sql<{ n: number }>(`select count(*)::int as n from audit_entry where object_id = ?`, [row.id])) as [{ n: number }];
    return { row: row.json, audit: n };
  }
  const count = async () => (await t.sql<{ n: number }>(`select count(*)::int as n from annual_summary`))[0]!.n;

  it('start: a bureau starts its summary of a year with the figures of its own jurisdiction pre-filled', async () => {
    t.setToday(TODAY);
    const gd = await start(GD, 2026);
    expect(gd).toMatchObject({ bureauCode: GD, year: 2026, status: 'DRAFT', late: false, submittedAt: null, version: 1, workDone: null });
    expect(gd.figures).toMatchObject({ asOf: TODAY, regionCode: GD, year: 2026 });
    // Guangdong's only: not Jiangsu's, not Shenzhen's (a bureau of its own).
    expect(figure(gd, 'DEMONSTRATION_ENTERPRISES')).toBe(2);
    expect(figure(gd, 'ADVANTAGE_ENTERPRISES')).toBe(1);
    expect(figure(gd, 'DESIGNATIONS')).toBe(2);
    expect(figure(gd, 'ENROLMENTS')).toBe(2);
    expect(figure(gd, 'COMPLETIONS')).toBe(1);
    const js = await start(JS, 2026);
    expect([figure(js, 'DEMONSTRATION_ENTERPRISES'), figure(js, 'DESIGNATIONS'), figure(js, 'ENROLMENTS'), figure(js, 'COMPLETIONS')]).toEqual([2, 2, 1, 1]);
    const sz = await start(SZ, 2026);
    expect([figure(sz, 'DEMONSTRATION_ENTERPRISES'), figure(sz, 'DESIGNATIONS'), figure(sz, 'ENROLMENTS')]).toEqual([1, 1, 0]);
    // A past year: its flows only, its stocks at the year's end.
    const gd2025 = await start(GD, 2025);
    expect(gd2025.figures).toMatchObject({ asOf: '2025-12-31', year: 2025 });
    expect([figure(gd2025, 'DEMONSTRATION_ENTERPRISES'), figure(gd2025, 'DESIGNATIONS'), figure(gd2025, 'ENROLMENTS'), figure(gd2025, 'COMPLETIONS')]).toEqual([1, 0, 1, 1]);
    const before = await count();
    // One summary a bureau a year; no summary of a year to come.
    expect(errorOf(await t.gql(START, { input: { year: 2026 } }, bureau(GD))).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(START, { input: { year: 2027 } }, bureau(GD)))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'year' }] });
    expect(errorOf(await t.gql(START, { input: { year: 1999 } }, bureau(GD))).code).toBe('BAD_USER_INPUT');
    // Only a provincial bureau writes one.
    expect(errorOf(await t.gql(START, { input: { year: 2026 } }, national)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(START, { input: { year: 2026 } }, as.enterprise(enterpriseId))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(START, { input: { year: 2026 } }, as.user('EXPERT'))).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(START, { input: { year: 2026 } }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
  });

  it('refreshFigures: true recomputes the figures after new data; without it they stay as filled in', async () => {
    t.setToday(TODAY);
    const s = await start('330000', 2026);
    expect([figure(s, 'DEMONSTRATION_ENTERPRISES'), figure(s, 'DESIGNATIONS')]).toEqual([0, 0]);
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '330000' });
    await makeDesignation(t.orm.em, e, demonstration('2026-06-01', '2029-05-31'));
    const kept = await write(s, { workDone: '走访' });
    expect(kept.figures).toEqual(s.figures);
    expect(kept.workDone).toBe('走访');
    const refreshed = await write(kept, {}, { refreshFigures: true });
    expect([figure(refreshed, 'DEMONSTRATION_ENTERPRISES'), figure(refreshed, 'DESIGNATIONS')]).toEqual([1, 1]);
    expect(refreshed.workDone).toBe('走访');
    expect(refreshed.version).toBe(kept.version + 1);
  });

  it('R15 [D 五(一)] "11 月底前": submitted on 30 November is on time, on 1 December (Asia/Shanghai) late', async () => {
    t.setToday('2026-11-01');
    const bj = await write(await start('110000', 2026));
    const tj = await write(await start('120000', 2026));
    const hb = await write(await start('130000', 2026));
    // The last minute of 30 November in Beijing, and the first of 1 December (still 30 November in UTC).
    t.setToday('2026-11-30T23:59:00+08:00');
    const onTime = await submit(bj);
    expect(onTime).toMatchObject({ status: 'SUBMITTED', late: false, submittedBy: 'test-provincial_admin', submittedAt: new Date('2026-11-30T15:59:00.000Z') });
    t.setToday('2026-11-30T16:00:00Z');
    const late = await submit(tj);
    expect(late).toMatchObject({ status: 'SUBMITTED', late: true, submittedAt: new Date('2026-11-30T16:00:00.000Z') });
    t.setToday('2026-12-01');
    expect((await submit(hb)).late).toBe(true);
    // Lateness is decided at the first submission: a return and a resubmission change neither it nor submittedAt.
    t.setToday('2026-12-10');
    for (const s of [onTime, late]) {
      const returned = await review('returnAnnualSummary', { id: s.id, version: s.version, reason: '请补充成效数据' });
      const again = await submit(await write(returned, { results: '新增示范企业 3 家' }));
      expect(again).toMatchObject({ status: 'SUBMITTED', late: s.late, submittedAt: s.submittedAt, results: '新增示范企业 3 家' });
    }
    expect((await t.ok(LIST, { filter: { year: 2026, late: true } }, national)).annualSummaries.edges.map((e: any) => e.node.bureauCode).sort()).toEqual(['120000', '130000']);
  });

  it('R15: submitting with empty sections is refused, naming the missing parts, and stores nothing', async () => {
    t.setToday(TODAY);
    const s = await write(await start('140000', 2026), { workDone: '开展走访', results: '成效', problems: '   ' });
    expect(s.problems).toBeNull();
    const before = await stored('140000', 2026);
    const refused = errorOf(await t.gql(SUBMIT, { input: { id: s.id, version: s.version } }, bureau('140000')));
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R15', paragraph: '五(一)', missing: ['problems', 'nextYearPlan'] });
    expect(refused.message).toContain('nextYearPlan');
    expect(await stored('140000', 2026)).toEqual(before);
    // Clearing a part that was written makes it missing again.
    const cleared = await write(s, { problems: '问题', nextYearPlan: '计划', results: '' });
    expect(errorOf(await t.gql(SUBMIT, { input: { id: s.id, version: cleared.version } }, bureau('140000')))).toMatchObject({ code: 'RULE_VIOLATION', missing: ['results'] });
  });

  it('review: the national bureau returns with a reason (the bureau edits and resubmits) or accepts; a provincial bureau cannot', async () => {
    t.setToday(TODAY);
    const draft = await write(await start('150000', 2026));
    // Nothing to review before it is submitted; a provincial bureau never reviews.
    expect(errorOf(await t.gql(ACCEPT, { input: { id: draft.id, version: draft.version } }, national)).code).toBe('CONFLICT');
    const s = await submit(draft);
    expect(errorOf(await t.gql(UPDATE, { input: { id: s.id, version: s.version, sections: { results: '改' } } }, bureau('150000'))).code).toBe('CONFLICT');
    for (const viewer of [bureau('150000'), bureau(GD)]) {
      expect(errorOf(await t.gql(ACCEPT, { input: { id: s.id, version: s.version } }, viewer)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(RETURN, { input: { id: s.id, version: s.version, reason: '不行' } }, viewer)).code).toBe('FORBIDDEN');
    }
    expect(errorOf(await t.gql(RETURN, { input: { id: s.id, version: s.version, reason: '  ' } }, national))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    const returned = await review('returnAnnualSummary', { id: s.id, version: s.version, reason: '请补充资金使用情况' });
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: '请补充资金使用情况', acceptedAt: null });
    const edited = await write(returned, { workDone: '开展走访；资金使用 200 万元' });
    const resubmitted = await submit(edited);
    expect(resubmitted).toMatchObject({ status: 'SUBMITTED', workDone: '开展走访；资金使用 200 万元' });
    const accepted = await review('acceptAnnualSummary', { id: s.id, version: resubmitted.version });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedBy: 'test-national_admin', acceptedAt: new Date(`${TODAY}T00:00:00+08:00`) });
    const log = await t.sql<{ operation: string }>(`select operation from audit_entry where object_id = (select id::text from annual_summary where bureau_code = '150000' and year = 2026) order by at, id`);
    expect(log.map((r) => r.operation).sort()).toEqual(['acceptAnnualSummary', 'returnAnnualSummary', 'startAnnualSummary', 'submitAnnualSummary', 'submitAnnualSummary', 'updateAnnualSummary', 'updateAnnualSummary']);
  });

  it('R15: once accepted, every change is refused (RULE_VIOLATION R15) and stores nothing; the database refuses it too', async () => {
    t.setToday(TODAY);
    const submitted = await submit(await write(await start('210000', 2026)));
    const s = await review('acceptAnnualSummary', { id: submitted.id, version: submitted.version });
    const before = await stored('210000', 2026);
    expect(before.row).toContain('"ACCEPTED"');
    const attempts: [string, Record<string, unknown>, Viewer][] = [
      [UPDATE, { id: s.id, version: s.version, sections: { results: '改' } }, bureau('210000')],
      [UPDATE, { id: s.id, version: s.version, refreshFigures: true }, bureau('210000')],
      [SUBMIT, { id: s.id, version: s.version }, bureau('210000')],
      [RETURN, { id: s.id, version: s.version, reason: '再改改' }, national],
      [ACCEPT, { id: s.id, version: s.version }, national],
    ];
    for (const [mutation, input, viewer] of attempts) {
      expect(errorOf(await t.gql(mutation, { input }, viewer)), mutation).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R15', paragraph: '五(一)' });
    }
    expect(await stored('210000', 2026)).toEqual(before);
    // The trigger: whoever writes to the table.
    await expect(t.sql(`update annual_summary set results = 'x' where status = 'ACCEPTED'`)).rejects.toThrow(/locked/);
    await expect(t.sql(`delete from annual_summary where bureau_code = '210000' and year = 2026`)).rejects.toThrow(/locked/);
    expect(await stored('210000', 2026)).toEqual(before);
  });

  it('a stale version is CONFLICT; another bureau gets NOT_FOUND and cannot see it; the national bureau cannot write it', async () => {
    t.setToday(TODAY);
    const s = await start('220000', 2026);
    const current = await write(s, { workDone: '第一稿' });
    expect(errorOf(await t.gql(UPDATE, { input: { id: s.id, version: s.version, sections: { workDone: '旧版本' } } }, bureau('220000')))).toMatchObject({ code: 'CONFLICT', currentVersion: current.version });
    expect(errorOf(await t.gql(SUBMIT, { input: { id: s.id, version: s.version } }, bureau('220000'))).code).toBe('CONFLICT');
    const before = await stored('220000', 2026);
    for (const other of [bureau(GD), bureau('230000')]) {
      expect(errorOf(await t.gql(UPDATE, { input: { id: s.id, version: current.version, sections: { workDone: '别人改' } } }, other)).code).toBe('NOT_FOUND');
      expect(errorOf(await t.gql(SUBMIT, { input: { id: s.id, version: current.version } }, other)).code).toBe('NOT_FOUND');
      expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: s.id }, other)).node).toBeNull();
    }
    expect(errorOf(await t.gql(UPDATE, { input: { id: s.id, version: current.version, sections: { workDone: '国家局改' } } }, national)).code).toBe('FORBIDDEN');
    expect(await stored('220000', 2026)).toEqual(before);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on AnnualSummary { workDone } } }`, { id: s.id }, national)).node.workDone).toBe('第一稿');
  });

  it('visibility: the national bureau lists every bureau’s summaries, a provincial bureau its own; nobody else', async () => {
    t.setToday(TODAY);
    await start('230000', 2026);
    const all = (await t.ok(LIST, { first: 100 }, national)).annualSummaries;
    expect(all.totalCount).toBe(await count());
    expect(new Set(all.edges.map((e: any) => e.node.bureauCode)).size).toBeGreaterThan(5);
    const gd = (await t.ok(LIST, { first: 100 }, bureau(GD))).annualSummaries;
    expect(gd.edges.map((e: any) => `${e.node.bureauCode}:${e.node.year}`).sort()).toEqual([`${GD}:2025`, `${GD}:2026`]);
    expect(gd.totalCount).toBe(2);
    expect((await t.ok(LIST, { first: 100 }, bureau('230000'))).annualSummaries.edges.map((e: any) => e.node.bureauCode)).toEqual(['230000']);
    expect((await t.ok(LIST, { first: 100 }, bureau('620000'))).annualSummaries.totalCount).toBe(0);
    for (const viewer of [as.enterprise(enterpriseId), as.user('EXPERT'), as.user('SERVICE_PROVIDER')]) {
      expect(errorOf(await t.gql(LIST, {}, viewer)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(OVERVIEW, { year: 2026 }, viewer)).code).toBe('FORBIDDEN');
    }
    expect(errorOf(await t.gql(LIST, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
  });

  it('R15: the overview lists the 37 bureaus, overdue after 30 November without a submission; a bureau sees its own row', async () => {
    t.setToday('2025-11-10');
    const submitted = await write(await start('310000', 2025));
    await start('340000', 2025);
    t.setToday('2025-11-25');
    await submit(submitted);
    t.setToday('2025-11-30');
    const before = (await t.ok(OVERVIEW, { year: 2025 }, national)).annualSummaryOverview;
    expect(before).toMatchObject({ year: 2025, dueOn: '2025-11-30' });
    expect(before.bureaus).toHaveLength(37);
    expect(before.bureaus.filter((b: any) => b.overdue)).toEqual([]);
    expect(before.bureaus.find((b: any) => b.bureauCode === '310000')).toMatchObject({ summary: { bureauCode: '310000', status: 'SUBMITTED' } });
    expect(before.bureaus.find((b: any) => b.bureauCode === '110000')).toMatchObject({ summary: null, overdue: false });
    t.setToday('2025-12-01');
    const after = (await t.ok(OVERVIEW, { year: 2025 }, national)).annualSummaryOverview;
    expect(after.bureaus).toHaveLength(37);
    // Started or not, without a submission: overdue. Guangdong started its 2025 summary above and never submitted it.
    expect(after.bureaus.filter((b: any) => !b.overdue).map((b: any) => b.bureauCode)).toEqual(['310000']);
    expect(after.bureaus.find((b: any) => b.bureauCode === '340000')).toMatchObject({ overdue: true, summary: { status: 'DRAFT' } });
    const own = (await t.ok(OVERVIEW, { year: 2025 }, bureau('340000'))).annualSummaryOverview.bureaus;
    expect(own).toEqual([{ bureauCode: '340000', regionName: expect.any(String), overdue: true, summary: expect.objectContaining({ status: 'DRAFT' }) }]);
    expect((await t.ok(OVERVIEW, { year: 2025 }, bureau('310000'))).annualSummaryOverview.bureaus).toMatchObject([{ bureauCode: '310000', overdue: false }]);
    expect(errorOf(await t.gql(OVERVIEW, { year: 2025 }, as.anonymous)).code).toBe('UNAUTHENTICATED');
  });

  it('two concurrent starts of the same bureau and year: one summary and one CONFLICT', async () => {
    t.setToday(TODAY);
    const results = await Promise.all([0, 1].map(() => t.gql(START, { input: { year: 2026 } }, bureau('350000'))));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map((r) => errorOf(r).code)).toEqual(['CONFLICT']);
    expect((await t.sql<{ n: number }>(`select count(*)::int as n from annual_summary where bureau_code = '350000' and year = 2026`))[0]!.n).toBe(1);
  });

  it('a page of annualSummaries costs the same statements for 1 row as for 10', async () => {
    t.setToday(TODAY);
    const regions = ['360000', '370000', '410000', '420000', '430000', '450000', '460000', '500000', '510000', '520000', '530000', '540000'];
    for (const region of regions) await start(region, 2024);
    const statements = async (first: number) => {
      const { result, queries } = await t.countQueries(() => t.ok(LIST, { first, filter: { year: 2024 } }, national));
      return { edges: (result as any).annualSummaries.edges.length as number, total: (result as any).annualSummaries.totalCount as number, count: queries.length };
    };
    const one = await statements(1);
    const ten = await statements(10);
    expect([one.edges, ten.edges, ten.total]).toEqual([1, 10, regions.length]);
    expect(ten.count, `${ten.count} statements for 10 rows, ${one.count} for 1`).toBe(one.count);
  });

  it('a part may be as long as the schema says (“每部分至多 20000 字”): 5,000 characters are accepted', async () => {
    t.setToday(TODAY);
    const s = await start('610000', 2026);
    const result = await t.gql(UPDATE, { input: { id: s.id, version: s.version, sections: { workDone: '培'.repeat(5000) } } }, bureau('610000'));
    expect(result.errors, JSON.stringify(result.errors?.[0]?.extensions)).toBeUndefined();
    expect(result.data?.updateAnnualSummary.summary.workDone).toHaveLength(5000);
  });
});
