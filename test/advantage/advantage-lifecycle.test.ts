/**
 * The advantage-enterprise programme [A 一, 三, 四] end to end through GraphQL: the province's batch,
 * application (GB/T 29490 certified or implementing with a plan, A 四(二)), provincial review,
 * the national confirmation of the yearly list, the cultivation period (yearly reports, mid-term
 * check), completion — which satisfies demonstration condition 1 [D 三(一)1] (R2) — and the exits
 * (failed check, voluntary withdrawal, revocation with the ban of D 三(四)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { publishSheets, selfAssessed } from '../evaluation/steps.js';
import { sheetInput } from '../../seeds/evaluation-sheets.js';

const BATCH = `mutation($input: SetAdvantageBatchInput!) { setAdvantageBatch(input: $input) { batch { id year opensOn closesOn version submittedAt } } }`;
const SAVE = `mutation($input: SaveAdvantageApplicationInput!) { saveAdvantageApplication(input: $input) { application { id version status standardPath } } }`;
const SUBMIT = `mutation($input: SubmitAdvantageApplicationInput!) { submitAdvantageApplication(input: $input) { application { id version status } } }`;
const REVIEW = `mutation($input: ReviewAdvantageApplicationInput!) { reviewAdvantageApplication(input: $input) { application { id version status provincialComments } designation { id level validFrom validUntil } } }`;
const SEND = `mutation($input: SubmitAdvantageBatchInput!) { submitAdvantageBatch(input: $input) { batch { id version submittedAt } } }`;
const CONFIRM = `mutation($input: ConfirmAdvantageBatchInput!) { confirmAdvantageBatch(input: $input) { batch { confirmedAt } designations { id level status batchYear validFrom validUntil enterprise { id } } } }`;
const REPORT = `mutation($input: SubmitCultivationReportInput!) { submitCultivationReport(input: $input) { report { id version cultivationYear } } }`;
const MID_TERM = `mutation($input: RecordMidTermCheckInput!) { recordMidTermCheck(input: $input) { check { checkedOn passed } designation { status endedOn } } }`;
const WITHDRAW = `mutation($input: WithdrawFromCultivationInput!) { withdrawFromCultivation(input: $input) { designation { status endedOn } } }`;
const CULTIVATION = `query($id: ID!) { node(id: $id) { ... on Designation { level status cultivation { startsOn endsOn completed endedOn midTermOpensOn midTermCheck { passed } years { cultivationYear startsOn endsOn reportDueOn overdue report { cultivationYear } } } history { operation } } } }`;
const APPLICATION = `query($id: ID!) { node(id: $id) { ... on AdvantageApplication { status nationalComments history { operation } } } }`;
const ELIGIBILITY = `query($id: ID!) { demonstrationEligibility(enterpriseId: $id) { eligible unmet { rule } } }`;
const ADV_ELIGIBILITY = `query($id: ID!) { advantageEligibility(enterpriseId: $id) { eligible unmet { rule } } }`;
const SETTINGS = `query { programmeSettings { version advantageApproval } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version advantageApproval } } }`;
const REVOKE = `mutation($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { status } ban { reason startsOn endsOn } } }`;
const INCIDENT = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`;

const REGION = '320000';
const content = { formContent: '优势企业申报书', workPlan: '三年培育方案：贯标、专利布局、人才', scoreA: 70, scoreB: 72 };

describe('advantage-enterprise programme', () => {
  let t: TestApp;
  const rng = randomFor(3030);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const eid = (e: Enterprise) => toGlobalId('Enterprise', e.id);
  const certified = () => makeEnterprise(t.orm.em, rng, { regionCode: REGION, standardCertifiedOn: '2024-05-10' });

  /** A submitted application of a certified enterprise of the region for `year`. */
  async function applied(year: number, e?: Enterprise) {
    const enterprise = e ?? (await certified());
    const draft = (await t.ok(SAVE, { input: { enterpriseId: eid(enterprise), year, standardPath: 'CERTIFIED', ...content } }, as.enterprise(enterprise.id))).saveAdvantageApplication.application;
    const sent = (await t.ok(SUBMIT, { input: { id: draft.id, version: draft.version } }, as.enterprise(enterprise.id))).submitAdvantageApplication.application;
    return { ...sent, enterprise };
  }
  const approve = async (app: { id: string; version: number }, decision = 'APPROVE', comments: string | null = null) =>
    (await t.ok(REVIEW, { input: { id: app.id, version: app.version, decision, comments } }, as.provincial(REGION))).reviewAdvantageApplication;

  it('A 三, A 四(二): the province opens its batch; an application needs GB/T 29490 certification or an implementation plan, inside the window', async () => {
    t.setToday('2026-03-10');
    const batch = (await t.ok(BATCH, { input: { year: 2026, opensOn: '2026-03-01', closesOn: '2026-06-30' } }, as.provincial(REGION))).setAdvantageBatch.batch;
    expect(batch).toMatchObject({ year: 2026, opensOn: '2026-03-01', closesOn: '2026-06-30', submittedAt: null });
    expect((await t.gql(BATCH, { input: { year: 2026, opensOn: '2026-03-01', closesOn: '2026-06-30' } }, as.national())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Not certified but claims to be: A1, nothing submitted.
    const uncertified = await makeEnterprise(t.orm.em, rng, { regionCode: REGION, standardCertifiedOn: null });
    const viewer = as.enterprise(uncertified.id);
    const draft = (await t.ok(SAVE, { input: { enterpriseId: eid(uncertified), year: 2026, standardPath: 'CERTIFIED', ...content } }, viewer)).saveAdvantageApplication.application;
    const refused = await t.gql(SUBMIT, { input: { id: draft.id, version: draft.version } }, viewer);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A1', unmet: [{ rule: 'A1', paragraph: '优势 四(二)' }] });
    // Implementing: the plan is required; a partial save keeps the rest.
    const implementing = (await t.ok(SAVE, { input: { enterpriseId: eid(uncertified), year: 2026, version: draft.version, standardPath: 'IMPLEMENTING' } }, viewer)).saveAdvantageApplication.application;
    const noPlan = await t.gql(SUBMIT, { input: { id: implementing.id, version: implementing.version } }, viewer);
    expect(noPlan.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'implementationPlan' }] });
    const planned = (await t.ok(SAVE, { input: { enterpriseId: eid(uncertified), year: 2026, version: implementing.version, implementationPlan: '2026 年底前通过贯标认证' } }, viewer)).saveAdvantageApplication.application;
    expect((await t.ok(SUBMIT, { input: { id: planned.id, version: planned.version } }, viewer)).submitAdvantageApplication.application.status).toBe('SUBMITTED');

    // Outside the window: A2.
    const late = await certified();
    const lateDraft = (await t.ok(SAVE, { input: { enterpriseId: eid(late), year: 2026, standardPath: 'CERTIFIED', ...content } }, as.enterprise(late.id))).saveAdvantageApplication.application;
    t.setToday('2026-07-01');
    expect((await t.gql(SUBMIT, { input: { id: lateDraft.id, version: lateDraft.version } }, as.enterprise(late.id))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A2', closesOn: '2026-06-30' });
    // Another enterprise cannot draft for it, nor read it.
    const other = await certified();
    expect((await t.gql(SAVE, { input: { enterpriseId: eid(late), year: 2026, ...content } }, as.enterprise(other.id))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.ok(APPLICATION, { id: lateDraft.id }, as.enterprise(other.id))).node).toBeNull();
    expect((await t.ok(APPLICATION, { id: lateDraft.id }, as.provincial('330000'))).node).toBeNull();
  });

  it('A 三 (default: the province recommends, the national bureau confirms the yearly list); R12 again at confirmation; the cultivation period follows', async () => {
    t.setToday('2027-03-10');
    const batch = (await t.ok(BATCH, { input: { year: 2027, opensOn: '2027-03-01', closesOn: '2027-06-30' } }, as.provincial(REGION))).setAdvantageBatch.batch;
    const [a, b, c, d] = [await applied(2027), await applied(2027), await applied(2027), await applied(2027)];
    // Another bureau does not see them; a rejection needs comments.
    expect((await t.gql(REVIEW, { input: { id: a.id, version: a.version, decision: 'APPROVE' } }, as.provincial('330000'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(REVIEW, { input: { id: a.id, version: a.version, decision: 'REJECT' } }, as.provincial(REGION))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ra = await approve(a);
    expect(ra).toMatchObject({ application: { status: 'RECOMMENDED' }, designation: null });
    await approve(b);
    await approve(c);
    // The list cannot go while an application is unreviewed.
    expect((await t.gql(SEND, { input: { year: 2027, version: batch.version } }, as.provincial(REGION))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A4', unreviewed: 1 });
    await approve(d, 'REJECT', '知识产权管理制度尚不健全');
    const sent = (await t.ok(SEND, { input: { year: 2027, version: batch.version } }, as.provincial(REGION))).submitAdvantageBatch.batch;
    expect(sent.submittedAt).not.toBeNull();
    // An incident of c after the province's review: the national bureau must list it as not confirmed.
    t.setToday('2027-04-15');
    await t.ok(INCIDENT, { input: { enterpriseId: eid(c.enterprise), kind: 'ABNORMAL_PATENT_APPLICATION', penaltyArea: null, occurredOn: '2027-03-20', description: '非正常专利申请', evidence: '通报' } });
    const blocked = await t.gql(CONFIRM, { input: { batchId: sent.id, version: sent.version } });
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R12' });
    expect((await t.gql(CONFIRM, { input: { batchId: sent.id, version: sent.version } }, as.provincial(REGION))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const confirmed = (await t.ok(CONFIRM, { input: { batchId: sent.id, version: sent.version, designatedOn: '2027-04-15', notConfirmed: [{ applicationId: c.id, reason: '公示前发现非正常专利申请' }] } })).confirmAdvantageBatch;
    expect(confirmed.designations.map((x: { enterprise: { id: string } }) => x.enterprise.id).sort()).toEqual([eid(a.enterprise), eid(b.enterprise)].sort());
    expect(confirmed.designations[0]).toMatchObject({ level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2027, validFrom: '2027-04-15', validUntil: '2030-04-14' });
    expect((await t.ok(APPLICATION, { id: c.id })).node).toMatchObject({ status: 'NOT_CONFIRMED', nationalComments: '公示前发现非正常专利申请' });
    expect((await t.ok(APPLICATION, { id: a.id }, as.enterprise(a.enterprise.id))).node.history.map((h: { operation: string }) => h.operation)).toEqual([
      'saveAdvantageApplication', 'submitAdvantageApplication', 'reviewAdvantageApplication', 'confirmAdvantageBatch',
    ]);
    // Already in cultivation: a second application is refused (A3).
    expect((await t.ok(ADV_ELIGIBILITY, { id: eid(a.enterprise) }, as.enterprise(a.enterprise.id))).advantageEligibility.unmet.map((u: { rule: string }) => u.rule)).toContain('A3');

    const title = confirmed.designations.find((x: { enterprise: { id: string } }) => x.enterprise.id === eid(a.enterprise)).id as string;
    const reportInput = { designationId: title, cultivationYear: 1, progress: '完成贯标复审，新增发明专利 12 件', nextSteps: '开展专利导航' };
    // Year 2 has not begun: A5. Year 1's report: by the enterprise only.
    expect((await t.gql(REPORT, { input: { ...reportInput, cultivationYear: 2 } }, as.enterprise(a.enterprise.id))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A5', startsOn: '2028-04-15' });
    expect((await t.gql(REPORT, { input: reportInput }, as.provincial(REGION))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const report = (await t.ok(REPORT, { input: reportInput }, as.enterprise(a.enterprise.id))).submitCultivationReport.report;
    expect(report.cultivationYear).toBe(1);
    // Mid-term check: from 18 months after the start.
    const mid = { designationId: title, passed: true, notes: '中期检查通过' };
    expect((await t.gql(MID_TERM, { input: mid }, as.provincial(REGION))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A6', opensOn: '2028-10-15' });
    t.setToday('2028-10-20');
    // The bureau's follow-up list: the mid-term check is due for both titles of the batch; b never
    // reported its first year (due 2028-06-13): overdue.
    const FOLLOW = `query($filter: AdvantageCultivationFilter) { advantageCultivations(filter: $filter, first: 50) { totalCount edges { node { id } } } }`;
    const followed = async (filter: Record<string, unknown>, viewer = as.provincial(REGION)) => (await t.ok(FOLLOW, { filter: { batchYear: 2027, ...filter } }, viewer)).advantageCultivations.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    const both = confirmed.designations.map((x: { id: string }) => x.id).sort();
    const others = both.filter((id: string) => id !== confirmed.designations.find((x: { enterprise: { id: string } }) => x.enterprise.id === eid(a.enterprise)).id);
    expect(await followed({ midTermCheckDue: true })).toEqual(both);
    expect(await followed({ reportOverdue: true })).toEqual(others);
    expect(await followed({ reportOverdue: false })).toEqual(both.filter((id: string) => !others.includes(id)));
    expect(await followed({ current: true }, as.national())).toEqual(both);
    expect((await t.gql(FOLLOW, { filter: { regionCode: REGION } }, as.provincial('330000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(FOLLOW, {}, as.enterprise(a.enterprise.id))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Year 1's report was in; year 2 ends 2029-04-14, not yet due: the check passes.
    expect((await t.gql(MID_TERM, { input: mid }, as.provincial('330000'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.ok(MID_TERM, { input: mid }, as.provincial(REGION))).recordMidTermCheck).toEqual({ check: { checkedOn: '2028-10-20', passed: true }, designation: { status: 'ACTIVE', endedOn: null } });
    expect((await t.gql(MID_TERM, { input: mid }, as.provincial(REGION))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await followed({ midTermCheckDue: true })).toEqual(others);

    // During the period R2 is not met; after it, the completed cultivation satisfies D 三(一)1.
    expect((await t.ok(ELIGIBILITY, { id: eid(a.enterprise) }, as.enterprise(a.enterprise.id))).demonstrationEligibility.unmet.map((u: { rule: string }) => u.rule)).toContain('R2');
    t.setToday('2030-05-01');
    expect(await followed({ reportOverdue: true })).toEqual(both);
    expect(await followed({ current: false })).toEqual(both);
    const done = (await t.ok(CULTIVATION, { id: title }, as.enterprise(a.enterprise.id))).node;
    expect(done.cultivation).toMatchObject({ startsOn: '2027-04-15', endsOn: '2030-04-14', completed: true, endedOn: null, midTermCheck: { passed: true } });
    expect(done.cultivation.years.map((y: { cultivationYear: number; overdue: boolean; report: unknown }) => [y.cultivationYear, y.overdue, !!y.report])).toEqual([[1, false, true], [2, true, false], [3, false, false]]);
    expect(done.history.map((h: { operation: string }) => h.operation)).toEqual(['confirmAdvantageBatch', 'recordMidTermCheck']);
    const eligibility = (await t.ok(ELIGIBILITY, { id: eid(a.enterprise) }, as.enterprise(a.enterprise.id))).demonstrationEligibility;
    expect(eligibility.unmet.map((u: { rule: string }) => u.rule)).not.toContain('R2');
    // … and the enterprise's demonstration application on the provincial route goes in because of it.
    await t.ok(`mutation { setApplicationWindow(input: { year: 2030, opensOn: "2030-03-01" }) { window { year } } }`);
    const demo = (await t.ok(`mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) { application { id version route } } }`, {
      input: { enterpriseId: eid(a.enterprise), year: 2030, formContent: '示范企业申报书', workFoundation: '培育期成效', goalsAndTasks: '目标', measures: '措施', scoreA: 82, scoreB: 86 },
    }, as.enterprise(a.enterprise.id))).saveDemonstrationApplication.application;
    expect(demo.route).toBe('PROVINCIAL');
    const submittedDemo = await t.ok(`mutation($input: SubmitDemonstrationApplicationInput!) { submitDemonstrationApplication(input: $input) { application { status } } }`, { input: { id: demo.id, version: demo.version } }, as.enterprise(a.enterprise.id));
    expect(submittedDemo.submitDemonstrationApplication.application.status).toBe('SUBMITTED');
    // The cultivation goes with the whole record: the public sees the designation, not the cultivation.
    expect((await t.ok(CULTIVATION, { id: title }, as.anonymous)).node?.cultivation ?? null).toBeNull();
  });

  it('A 四: a failed mid-term check ends the cultivation (no completion, R2 stays unmet); a title cannot be checked twice', async () => {
    t.setToday('2028-03-10');
    await t.ok(BATCH, { input: { year: 2028, opensOn: '2028-03-01', closesOn: '2028-06-30' } }, as.provincial(REGION));
    const settings = (await t.ok(SETTINGS)).programmeSettings;
    const changed = (await t.ok(UPDATE_SETTINGS, { input: { version: settings.version, advantageApproval: 'PROVINCE_DESIGNATES' } })).updateProgrammeSettings.settings;
    try {
      // The setting: the province designates at once.
      const app = await applied(2028);
      const reviewed = await approve(app);
      expect(reviewed.application.status).toBe('DESIGNATED');
      expect(reviewed.designation).toMatchObject({ level: 'ADVANTAGE', validFrom: '2028-03-10', validUntil: '2031-03-09' });
      const title = reviewed.designation.id;
      t.setToday('2029-10-01');
      // Year 1's report (due 2029-05-08) is missing: the check cannot pass.
      const refused = await t.gql(MID_TERM, { input: { designationId: title, passed: true, notes: '通过' } }, as.provincial(REGION));
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A5', missingYears: [1] });
      const failed = (await t.ok(MID_TERM, { input: { designationId: title, passed: false, notes: '未按期报告进展，培育措施未落实' } }, as.provincial(REGION))).recordMidTermCheck;
      expect(failed.designation).toEqual({ status: 'CANCELLED', endedOn: '2029-10-01' });
      t.setToday('2031-06-01');
      expect((await t.ok(CULTIVATION, { id: title }, as.provincial(REGION))).node.cultivation).toMatchObject({ completed: false, endedOn: '2029-10-01', midTermCheck: { passed: false } });
      expect((await t.ok(ELIGIBILITY, { id: eid(app.enterprise) }, as.provincial(REGION))).demonstrationEligibility.unmet.map((u: { rule: string }) => u.rule)).toContain('R2');
    } finally {
      await t.ok(UPDATE_SETTINGS, { input: { version: changed.version, advantageApproval: 'NATIONAL_CONFIRMS' } });
    }
  });

  it('A 四, D 三(四): exits — voluntary withdrawal (no ban) and revocation for an incident (the same 2-year ban)', async () => {
    t.setToday('2028-03-10');
    const settings = (await t.ok(SETTINGS)).programmeSettings;
    const changed = (await t.ok(UPDATE_SETTINGS, { input: { version: settings.version, advantageApproval: 'PROVINCE_DESIGNATES' } })).updateProgrammeSettings.settings;
    try {
      const leaving = await applied(2028);
      const revoked = await applied(2028);
      const t1 = (await approve(leaving)).designation.id;
      const t2 = (await approve(revoked)).designation.id;
      t.setToday('2028-09-01');
      expect((await t.gql(WITHDRAW, { input: { designationId: t1, reason: '企业战略调整' } }, as.enterprise(revoked.enterprise.id))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.ok(WITHDRAW, { input: { designationId: t1, reason: '企业战略调整，主动退出' } }, as.enterprise(leaving.enterprise.id))).withdrawFromCultivation.designation).toEqual({ status: 'WITHDRAWN', endedOn: '2028-09-01' });
      expect((await t.ok(`query($id: ID!) { enterprise(id: $id) { activeBan { reason } } }`, { id: eid(leaving.enterprise) }, as.provincial(REGION))).enterprise.activeBan).toBeNull();
      const inc = (await t.ok(INCIDENT, { input: { enterpriseId: eid(revoked.enterprise), kind: 'SUBSIDY_FRAUD', penaltyArea: null, occurredOn: '2028-08-01', description: '骗取资助', evidence: '通报' } }, as.provincial(REGION))).recordIncident.incident.id;
      const r = (await t.ok(REVOKE, { input: { designationId: t2, incidentIds: [inc], reason: '骗取专利资助' } }, as.provincial(REGION))).revokeDesignation;
      expect(r).toEqual({ designation: { status: 'REVOKED' }, ban: { reason: 'REVOKED', startsOn: '2028-09-01', endsOn: '2030-08-31' } });
      // The ban holds for a new advantage application too (R13), with the incident (R12).
      expect((await t.ok(ADV_ELIGIBILITY, { id: eid(revoked.enterprise) }, as.enterprise(revoked.enterprise.id))).advantageEligibility.unmet.map((u: { rule: string }) => u.rule)).toEqual(['R12', 'R13']);
    } finally {
      await t.ok(UPDATE_SETTINGS, { input: { version: changed.version, advantageApproval: 'NATIONAL_CONFIRMS' } });
    }
  });

  it('D 三(一)2 on the advantage side: in a year with sheets the application is self-assessed item by item, SHEET_IN_USE freezes them, and the province checks each item before approving', async () => {
    t.setToday('2029-03-10');
    await publishSheets(t, 2029);
    await t.ok(BATCH, { input: { year: 2029, opensOn: '2029-03-01', closesOn: '2029-06-30' } }, as.provincial(REGION));
    const e = await certified();
    const viewer = as.enterprise(e.id);
    // Typed totals alone are refused in a year with sheets; items give the totals.
    const typed = await t.gql(SAVE, { input: { enterpriseId: eid(e), year: 2029, standardPath: 'CERTIFIED', ...content } }, viewer);
    expect(typed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const items = [...selfAssessed('A', 70), ...selfAssessed('B', 72)];
    const draft = (await t.ok(`mutation($input: SaveAdvantageApplicationInput!) { saveAdvantageApplication(input: $input) { application { id version scoreA scoreB } } }`, { input: { enterpriseId: eid(e), year: 2029, standardPath: 'CERTIFIED', formContent: '申报书', workPlan: '方案', indicators: items } }, viewer)).saveAdvantageApplication.application;
    expect(draft).toMatchObject({ scoreA: 70, scoreB: 72 });
    const sent = (await t.ok(SUBMIT, { input: { id: draft.id, version: draft.version } }, viewer)).submitAdvantageApplication.application;
    // The year's sheets are now frozen by the advantage submission too.
    const frozen = await t.gql(`mutation($input: SaveEvaluationSheetInput!) { saveEvaluationSheet(input: $input) { sheet { id } } }`, { input: { ...sheetInput(2029, 'A'), version: 1 } });
    expect(frozen.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SHEET_IN_USE' });
    // Approving needs the item check; an adjustment needs a reason.
    expect((await t.gql(REVIEW, { input: { id: sent.id, version: sent.version, decision: 'APPROVE' } }, as.provincial(REGION))).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ITEMS_NOT_CHECKED' });
    const checks = items.map((x, i) => ({ table: x.table, code: x.code, checkedScore: i === 0 ? Math.max(0, x.score - 1) : x.score, ...(i === 0 ? { reason: '佐证材料不足' } : {}) }));
    const noReason = checks.map((c, i) => (i === 0 ? { table: c.table, code: c.code, checkedScore: c.checkedScore } : c));
    expect((await t.gql(REVIEW, { input: { id: sent.id, version: sent.version, decision: 'APPROVE', itemChecks: noReason } }, as.provincial(REGION))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const approved = await t.ok(`mutation($input: ReviewAdvantageApplicationInput!) { reviewAdvantageApplication(input: $input) { application { status scoreA checkedScoreA checkedScoreB indicators { checkedScore checkReason } } } }`, { input: { id: sent.id, version: sent.version, decision: 'APPROVE', itemChecks: checks } }, as.provincial(REGION));
    expect(approved.reviewAdvantageApplication.application).toMatchObject({ status: 'RECOMMENDED', scoreA: 70, checkedScoreA: 69, checkedScoreB: 72 });
    expect(approved.reviewAdvantageApplication.application.indicators[0]).toEqual({ checkedScore: items[0]!.score - 1, checkReason: '佐证材料不足' });
  });

  it('A 一 (A3) and concurrency: two reviews at once give one answer and one CONFLICT; a second list cannot give an enterprise a second title', async () => {
    t.setToday('2031-11-10');
    await t.ok(BATCH, { input: { year: 2031, opensOn: '2031-11-01', closesOn: '2031-12-31' } }, as.provincial(REGION));
    const e = await certified();
    const first = await applied(2031, e);
    const [r1, r2] = await Promise.all([
      t.gql(REVIEW, { input: { id: first.id, version: first.version, decision: 'APPROVE' } }, as.provincial(REGION)),
      t.gql(REVIEW, { input: { id: first.id, version: first.version, decision: 'REJECT', comments: '同时审核' } }, as.provincial(REGION)),
    ]);
    const codes = [r1, r2].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(['RECOMMENDED', 'REJECTED_BY_PROVINCE']).toContain((await t.ok(APPLICATION, { id: first.id })).node.status);
    // Another enterprise recommended in 2031 …
    const e2 = await certified();
    await approve(await applied(2031, e2));
    const batch31 = (await t.ok(`query { advantageBatches(year: 2031) { id version } }`, undefined, as.provincial(REGION))).advantageBatches[0];
    const sent31 = (await t.ok(SEND, { input: { year: 2031, version: batch31.version } }, as.provincial(REGION))).submitAdvantageBatch.batch;
    // Next year, before the national confirmation, the same enterprise applies again (no title yet).
    t.setToday('2032-01-10');
    await t.ok(BATCH, { input: { year: 2032, opensOn: '2032-01-01', closesOn: '2032-06-30' } }, as.provincial(REGION));
    const second = await applied(2032, e2);
    await approve(second);
    const batch32 = (await t.ok(`query { advantageBatches(year: 2032) { id version } }`, undefined, as.provincial(REGION))).advantageBatches[0];
    const sent32 = (await t.ok(SEND, { input: { year: 2032, version: batch32.version } }, as.provincial(REGION))).submitAdvantageBatch.batch;
    t.setToday('2032-01-20');
    await t.ok(CONFIRM, { input: { batchId: sent31.id, version: sent31.version } });
    const refused = await t.gql(CONFIRM, { input: { batchId: sent32.id, version: sent32.version } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'A3', subjects: [{ applicationId: second.id }] });
    const ok = await t.ok(CONFIRM, { input: { batchId: sent32.id, version: sent32.version, notConfirmed: [{ applicationId: second.id, reason: '已在培育期内' }] } });
    expect(ok.confirmAdvantageBatch.designations).toEqual([]);
  });
});
