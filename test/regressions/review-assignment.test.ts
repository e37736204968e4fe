/**
 * Probes of a hostile review of src/modules/assignment (docs/assignment.md): leaks of a conflict's
 * reason, one bureau reaching into another's, plan rows and commits against a changed world,
 * concurrency, bad input, titles ending, and internal errors (every call here fails the test on
 * INTERNAL_SERVER_ERROR). The plan probes each run in a province of their own, so the plans do not interfere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { insertUser } from '../../seeds/factories.js';
import { errorOf } from '../liaison/world.js';
import { ASSIGN, assign, debuggable, demonstrationEnterprise, NATIONAL, registerOfficer, staffUser } from '../assignment/fixtures.js';

type Firm = Awaited<ReturnType<typeof demonstrationEnterprise>>;
type Officer = Awaited<ReturnType<typeof registerOfficer>>;

const GD = '440000';
const SECRET = '其兄为该企业实际控制人';
const CANDIDATES = `query($id: ID!, $bureau: String) { liaisonCandidates(enterpriseId: $id, bureauCode: $bureau) { candidates { officer { id } exclusions { code message } } } }`;
const DECLARE = `mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { declaration { id } ended } }`;
const COMPUTE = `mutation($input: ComputeAssignmentPlanInput!) { computeAssignmentPlan(input: $input) { plan { id version feasible shortfalls { regionCode enterprises demand capacity } } } }`;
const EDIT = `mutation($input: EditAssignmentPlanRowInput!) { editAssignmentPlanRow(input: $input) { plan { version } } }`;
const COMMIT = `mutation($input: CommitAssignmentPlanInput!) { commitAssignmentPlan(input: $input) { started ended kept } }`;
const UPDATE = `mutation($input: UpdateLiaisonOfficerInput!) { updateLiaisonOfficer(input: $input) { officer { id capacity regions industrySections languages } } }`;
const STATUS = `mutation($input: SetLiaisonOfficerStatusInput!) { setLiaisonOfficerStatus(input: $input) { ended } }`;
const REGISTER = `mutation($input: RegisterLiaisonOfficerInput!) { registerLiaisonOfficer(input: $input) { officer { id industrySections languages } } }`;
const HISTORY = `query($id: ID!) { liaisonAssignments(first: 20, filter: { enterpriseId: $id }) { edges { node { bureauCode current endedOn endReason endNote officer { id } factors { total } } } } }`;

describe('review: liaison officer assignment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(...debuggable());
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  /** Runs an operation; an internal error is always a bug. */
  const call = async (query: string, variables: Record<string, unknown>, viewer: Viewer = as.national()) => {
    const result = await t.gql<any>(query, variables, viewer);
    expect.soft(result.errors?.map((e) => e.extensions?.code) ?? [], `${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
    return result;
  };
  /** The error (code and extensions) of a result, or { code: 'OK' } when it succeeded. */
  const outcome = (result: { errors?: any[] }): Record<string, any> => (result.errors?.length ? errorOf(result) : { code: 'OK' });
  const codeOf = async (query: string, variables: Record<string, unknown>, viewer?: Viewer) => {
    const result = await call(query, variables, viewer);
    return result.errors?.length ? errorOf(result).code : 'OK';
  };
  const versionOf = async (id: string) => (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonOfficer { version } ... on AssignmentPlan { version } } }`, { id })).node.version as number;
  const planRows = async (planId: string) =>
    (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on AssignmentPlan { rows(first: 100) { edges { node { enterprise { id } officer { id } } } } } } }`, { id: planId })).node.rows.edges.map((e: any) => e.node);
  const bureauTables = async (bureau: string) =>
    (
      await t.sql<{ d: string }>(
        `select (select count(*) || '/' || count(*) filter (where ended_on is null) from liaison_assignment where bureau_code = ?) || ' ' ||
                (select string_agg(status || version, ',' order by id) from liaison_assignment_plan where bureau_code = ?) as d`,
        [bureau, bureau],
      )
    )[0]!.d;

  it('a conflict’s reason never reaches its province (not the officer) through candidates, refusals or plan edits', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const o = await registerOfficer(t, { bureau: GD, name: '冲突联络', regions: [GD] });
    await t.ok(DECLARE, { input: { officerId: o.id, kind: 'RELATIVE', enterpriseId: e.gid, detail: SECRET } }, o.viewer);
    const gd = as.provincial(GD);
    const seen: unknown[] = [];
    seen.push((await call(CANDIDATES, { id: e.gid }, gd)).data);
    const refused = await call(ASSIGN, { input: { enterpriseId: e.gid, officerId: o.id, reason: '试图指派' } }, gd);
    expect.soft(errorOf(refused)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17', condition: 'CONFLICT_OF_INTEREST' });
    seen.push(refused.errors);
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gd)).computeAssignmentPlan.plan;
    const edit = await call(EDIT, { input: { planId: plan.id, enterpriseId: e.gid, officerId: o.id, version: plan.version } }, gd);
    expect.soft(errorOf(edit)).toMatchObject({ code: 'RULE_VIOLATION', condition: 'CONFLICT_OF_INTEREST' });
    seen.push(edit.errors);
    for (const answer of seen) expect.soft(JSON.stringify(answer)).not.toContain(SECRET);
    // The officer itself and the national bureau are told why.
    expect.soft(JSON.stringify((await call(CANDIDATES, { id: e.gid }, o.viewer)).data)).toContain(SECRET);
    expect.soft(JSON.stringify((await call(CANDIDATES, { id: e.gid, bureau: GD }, as.national())).data)).toContain(SECRET);
    await t.ok(`mutation($input: DiscardAssignmentPlanInput!) { discardAssignmentPlan(input: $input) { plan { status } } }`, { input: { planId: plan.id } }, gd);
  });

  it('the audit log a province reads says a conflict was declared, not what kind of conflict it is', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const o = await registerOfficer(t, { bureau: GD, regions: [GD] });
    await t.ok(DECLARE, { input: { officerId: o.id, kind: 'SHAREHOLDING', enterpriseId: e.gid, detail: SECRET } }, o.viewer);
    const log = await t.ok<any>(`{ auditLog(first: 50, filter: { operations: ["declareLiaisonConflict"] }) { edges { node { objectType changes } } } }`, {}, as.provincial(GD));
    expect.soft(log.auditLog.edges.length).toBeGreaterThan(0);
    const text = JSON.stringify(log);
    expect.soft(text).not.toContain(SECRET);
    expect.soft(text, 'the kind (SHAREHOLDING) is part of the reason a province may not read').not.toContain('SHAREHOLDING');
  });

  it('a province withdrawing its officer’s declaration is not answered with the reason it may not read', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const o = await registerOfficer(t, { bureau: GD, regions: [GD] });
    const declared = await t.ok<any>(DECLARE, { input: { officerId: o.id, kind: 'RELATIVE', enterpriseId: e.gid, detail: SECRET } }, o.viewer);
    const id = declared.declareLiaisonConflict.declaration.id;
    const result = await call(`mutation($input: WithdrawLiaisonConflictInput!) { withdrawLiaisonConflict(input: $input) { declaration { id kind detail enterpriseName } } }`, { input: { declarationId: id } }, as.provincial(GD));
    expect.soft(JSON.stringify(result)).not.toContain(SECRET);
    const after = (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonConflictDeclaration { withdrawnAt } } }`, { id })).node;
    expect.soft(after.withdrawnAt, 'the withdrawal itself is the province’s to make').not.toBeNull();
  });

  it('one bureau never reaches another’s: provinces, Shenzhen, the national bureau’s officers, its plans and figures', async () => {
    const gd = as.provincial(GD);
    const gdOfficer = await registerOfficer(t, { bureau: GD, regions: [GD] });
    const natOfficer = await registerOfficer(t, { bureau: NATIONAL });
    const zjFirm = await demonstrationEnterprise(t, '330000');
    const szFirm = await demonstrationEnterprise(t, '440300');
    const gdFirm = await demonstrationEnterprise(t, GD);
    const before = await bureauTables(GD);
    for (const firm of [zjFirm, szFirm]) {
      const r = errorOf(await call(ASSIGN, { input: { enterpriseId: firm.gid, officerId: gdOfficer.id, reason: '跨辖区' } }, gd));
      expect.soft(r).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17', condition: 'OUTSIDE_JURISDICTION' });
    }
    expect.soft(await codeOf(ASSIGN, { input: { enterpriseId: gdFirm.gid, officerId: natOfficer.id, reason: '借用国家局联络员' } }, gd)).toBe('NOT_FOUND');
    expect.soft(await codeOf(ASSIGN, { input: { enterpriseId: gdFirm.gid, officerId: gdOfficer.id, reason: '国家局代省局指派' } }, as.national())).toBe('FORBIDDEN');
    expect.soft(await bureauTables(GD)).toBe(before);
    expect.soft(await codeOf(CANDIDATES, { id: gdFirm.gid, bureau: NATIONAL }, gd)).toBe('FORBIDDEN');
    expect.soft(await codeOf(`query($id: ID!) { liaisonOfficerConflicts(officerId: $id) { kind } }`, { id: natOfficer.id }, gd)).toBe('NOT_FOUND');
    expect.soft(await codeOf(`{ liaisonAssignmentReport(bureauCode: "100000") { bureauCode } }`, {}, gd)).toBe('FORBIDDEN');
    const officers = await t.ok<any>(`{ liaisonOfficers(first: 100, filter: { bureauCode: "100000" }) { edges { node { id } } } }`, {}, gd);
    expect.soft(officers.liaisonOfficers.edges).toEqual([]);
    // The national bureau’s assignment of a Zhejiang enterprise is not Guangdong’s to see.
    const zjAssignment = await assign(t, NATIONAL, zjFirm.gid, natOfficer.id);
    expect.soft((await t.ok<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: zjAssignment }, gd)).node).toBeNull();
    expect.soft(await codeOf(`mutation($input: EndLiaisonAssignmentInput!) { endLiaisonAssignment(input: $input) { assignment { id } } }`, { input: { assignmentId: zjAssignment, reason: '越权' } }, gd)).toBe('NOT_FOUND');
  });

  it('plan rows are checked like a manual assignment: another bureau’s, a conflicted or a left officer; notes and ids are validated', async () => {
    const SC = '510000';
    const sc = as.provincial(SC);
    const e1 = await demonstrationEnterprise(t, SC);
    await demonstrationEnterprise(t, SC);
    const a = await registerOfficer(t, { bureau: SC, regions: [SC], capacity: 5 });
    const conflicted = await registerOfficer(t, { bureau: SC, regions: [SC], capacity: 5 });
    const gone = await registerOfficer(t, { bureau: SC, regions: [SC], capacity: 5 });
    await t.ok(DECLARE, { input: { officerId: conflicted.id, kind: 'FORMER_EMPLOYER', enterpriseId: e1.gid, detail: '曾在该企业任职' } }, sc);
    await t.ok(DECLARE, { input: { officerId: gone.id, kind: 'OTHER', enterpriseId: e1.gid, detail: '曾为该企业评审' } }, sc);
    await t.ok(STATUS, { input: { officerId: gone.id, status: 'LEFT', note: '调离', version: await versionOf(gone.id) } }, sc);
    const national = await registerOfficer(t, { bureau: NATIONAL });
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, sc)).computeAssignmentPlan.plan;
    const edit = async (input: Record<string, unknown>) => call(EDIT, { input: { planId: plan.id, enterpriseId: e1.gid, version: await versionOf(plan.id), ...input } }, sc);
    expect.soft(outcome(await edit({ officerId: conflicted.id }))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17', condition: 'CONFLICT_OF_INTEREST' });
    const both = outcome(await edit({ officerId: gone.id }));
    expect.soft(both).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17' });
    expect.soft(both.conditions, 'conditions lists every reason, as the manual assignment does').toEqual(expect.arrayContaining(['LEFT', 'CONFLICT_OF_INTEREST']));
    // Another bureau's officer: FORBIDDEN, or NOT_FOUND to a bureau that cannot see it (docs: never a bad input).
    expect.soft(['FORBIDDEN', 'NOT_FOUND']).toContain(outcome(await edit({ officerId: national.id })).code);
    expect.soft(outcome(await edit({ officerId: a.id, enterpriseId: (await demonstrationEnterprise(t, '320000')).gid })).code).toBe('NOT_FOUND');
    expect.soft(outcome(await edit({ officerId: e1.gid })).code).toBe('BAD_USER_INPUT');
    expect.soft(await versionOf(plan.id), 'no refused edit changed the plan').toBe(plan.version);
    // A note longer than the 500 characters the input allows is refused, not cut short silently.
    expect.soft(outcome(await edit({ officerId: a.id, note: '说'.repeat(501) }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'note' })] });
    // A national plan edited to a provincial officer: the national bureau sees it, so FORBIDDEN, as assignLiaisonOfficer answers.
    const nplan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, as.national())).computeAssignmentPlan.plan;
    const nrow = (await planRows(nplan.id))[0];
    expect.soft(outcome(await call(EDIT, { input: { planId: nplan.id, enterpriseId: nrow.enterprise.id, officerId: a.id, version: nplan.version } }, as.national())).code).toBe('FORBIDDEN');
  });

  it('a plan is not committed once the world it was computed from changed; nothing is stored by the refusal', async () => {
    const HB = '420000';
    const hb = as.provincial(HB);
    const firms: Firm[] = [];
    for (let i = 0; i < 3; i++) firms.push(await demonstrationEnterprise(t, HB));
    const officers: Officer[] = [];
    for (let i = 0; i < 5; i++) officers.push(await registerOfficer(t, { bureau: HB, regions: [HB], capacity: 5 }));
    const refusedAfter = async (what: string, change: () => Promise<unknown>) => {
      const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, hb)).computeAssignmentPlan.plan;
      await change();
      const before = await bureauTables(HB);
      const r = await call(COMMIT, { input: { planId: plan.id, version: plan.version } }, hb);
      expect.soft(r.errors ? errorOf(r) : r.data, what).toMatchObject({ code: 'CONFLICT', reason: 'DATA_CHANGED' });
      expect.soft(await bureauTables(HB), what).toBe(before);
    };
    await refusedAfter('an officer left', async () => t.ok(STATUS, { input: { officerId: officers[0]!.id, status: 'LEFT', note: '退休', version: await versionOf(officers[0]!.id) } }, hb));
    await refusedAfter('a conflict was declared', () => t.ok(DECLARE, { input: { officerId: officers[1]!.id, kind: 'RELATIVE', enterpriseId: firms[0]!.gid, detail: '亲属' } }, hb));
    await refusedAfter('a capacity was lowered', async () => t.ok(UPDATE, { input: { officerId: officers[2]!.id, version: await versionOf(officers[2]!.id), capacity: 1 } }, hb));
    await refusedAfter('an absence was entered', async () => t.ok(UPDATE, { input: { officerId: officers[3]!.id, version: await versionOf(officers[3]!.id), absences: [{ from: '2026-06-01', until: '2026-06-30' }] } }, hb));
    await refusedAfter('a title was revoked', async () => {
      const incident = (await t.ok<any>(`mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`, { input: { enterpriseId: firms[2]!.gid, kind: 'FALSE_MATERIAL', occurredOn: '2026-01-15', description: '虚报数据', evidence: '核查报告' } })).recordIncident.incident.id;
      const [d] = await t.sql<{ id: string }>(`select id from designation where enterprise_id = ?`, [firms[2]!.id]);
      await t.ok(`mutation($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { status } } }`, { input: { designationId: toGlobalId('Designation', d!.id), incidentIds: [incident], reason: '提供虚假材料' } });
    });
    await t.sql(`update designation set valid_until = '2026-06-15' where enterprise_id = ?`, [firms[1]!.id]);
    try {
      await refusedAfter('a title expired overnight', async () => t.setToday('2026-06-16'));
    } finally {
      t.setToday('2026-06-15');
      await t.sql(`update designation set valid_until = '2028-09-25' where enterprise_id = ?`, [firms[1]!.id]);
    }
    // The seats an enterprise uses follow the programme setting: a plan computed under another basis is stale.
    const settings = async () => (await t.ok<any>(`{ programmeSettings { version liaisonCapacityBasis } }`)).programmeSettings;
    const basis = (value: string) => async () => t.ok(`mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version } } }`, { input: { version: (await settings()).version, liaisonCapacityBasis: value } });
    try {
      await refusedAfter('the capacity basis changed', basis('SIZE'));
    } finally {
      await basis('COUNT')();
    }
  });

  it('concurrency: the same plan committed twice, two plans at once, commits racing assignments and a capacity cut', async () => {
    const GX = '450000';
    const gx = as.provincial(GX);
    const firms: Firm[] = [];
    for (let i = 0; i < 4; i++) firms.push(await demonstrationEnterprise(t, GX));
    await registerOfficer(t, { bureau: GX, regions: [GX], capacity: 2 });
    await registerOfficer(t, { bureau: GX, regions: [GX], capacity: 10 });
    const plan = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gx)).computeAssignmentPlan.plan;
    const twice = await Promise.all([1, 2].map(() => call(COMMIT, { input: { planId: plan.id, version: plan.version } }, gx)));
    expect.soft(twice.filter((r) => !r.errors).length).toBe(1);
    expect.soft(errorOf(twice.find((r) => r.errors)!).code).toBe('CONFLICT');
    const current = async () => (await t.sql<{ n: number }>(`select count(*)::int as n from liaison_assignment where bureau_code = ? and ended_on is null`, [GX]))[0]!.n;
    expect.soft(await current()).toBe(4);

    // Two plans from the same world for two new enterprises: the second must not apply on top of the first.
    for (let i = 0; i < 2; i++) firms.push(await demonstrationEnterprise(t, GX));
    const p1 = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gx)).computeAssignmentPlan.plan;
    const p2 = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gx)).computeAssignmentPlan.plan;
    const pair = await Promise.all([p1, p2].map((p) => call(COMMIT, { input: { planId: p.id, version: p.version } }, gx)));
    expect.soft(pair.filter((r) => !r.errors).length).toBe(1);
    expect.soft(errorOf(pair.find((r) => r.errors)!)).toMatchObject({ code: 'CONFLICT', reason: 'DATA_CHANGED' });
    expect.soft(await current()).toBe(6);

    // A commit racing hand assignments and a capacity cut of the same officer: whatever wins, R17 holds afterwards.
    const racer = await registerOfficer(t, { bureau: GX, regions: [GX], capacity: 3 });
    for (let i = 0; i < 3; i++) firms.push(await demonstrationEnterprise(t, GX));
    const p3 = (await t.ok<any>(COMPUTE, { input: { mode: 'UNASSIGNED' } }, gx)).computeAssignmentPlan.plan;
    const racerVersion = await versionOf(racer.id);
    const raced = await Promise.all([
      call(COMMIT, { input: { planId: p3.id, version: p3.version } }, gx),
      ...firms.slice(6).map((f) => call(ASSIGN, { input: { enterpriseId: f.gid, officerId: racer.id, reason: '并发指派' } }, gx)),
      call(UPDATE, { input: { officerId: racer.id, version: racerVersion, capacity: 1 } }, gx),
    ]);
    for (const r of raced) if (r.errors) expect.soft(['CONFLICT', 'RULE_VIOLATION', 'BAD_USER_INPUT']).toContain(errorOf(r).code);
    const loads = await t.sql<{ seats: number; capacity: number }>(
      `select sum(a.seats)::int as seats, o.capacity from liaison_assignment a join liaison_officer o on o.id = a.officer_id where a.bureau_code = ? and a.ended_on is null group by o.id, o.capacity`,
      [GX],
    );
    for (const l of loads) expect.soft(l.seats).toBeLessThanOrEqual(l.capacity);
    const dupes = await t.sql(`select enterprise_id from liaison_assignment where bureau_code = ? and ended_on is null group by enterprise_id having count(*) > 1`, [GX]);
    expect.soft(dupes).toEqual([]);
  });

  it('a conflict declared while the same pair is being assigned never leaves a conflicted current assignment', async () => {
    const HN = '430000';
    const hn = as.provincial(HN);
    for (let round = 0; round < 3; round++) {
      const e = await demonstrationEnterprise(t, HN);
      const o = await registerOfficer(t, { bureau: HN, regions: [HN] });
      await Promise.all([
        call(ASSIGN, { input: { enterpriseId: e.gid, officerId: o.id, reason: '并发' } }, hn),
        call(DECLARE, { input: { officerId: o.id, kind: 'SHAREHOLDING', enterpriseId: e.gid, detail: '持股' } }, o.viewer),
      ]);
      const rows = await t.sql(`select 1 from liaison_assignment where enterprise_id = ? and ended_on is null`, [e.id]);
      expect.soft(rows, `round ${round}`).toEqual([]);
    }
  });

  it('bad input is BAD_USER_INPUT naming the field, and stores nothing; harmless spellings are normalised', async () => {
    const gd = as.provincial(GD);
    const { userId } = await staffUser(t, GD);
    const base = { userId: toGlobalId('User', userId), capacity: 3 };
    const count = async () => (await t.sql<{ n: string }>(`select (select count(*) from liaison_officer) || '/' || (select count(*) from audit_entry) as n`))[0]!.n;
    const before = await count();
    const cases: [Record<string, unknown>, string | null][] = [
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 501 }, 'capacity'],
      [{ capacity: 1.5 }, null],
      [{ regions: ['999999'] }, 'regions'],
      [{ regions: ['440100'] }, 'regions'],
      [{ regions: ['guangdong'] }, null],
      [{ industrySections: ['Z'] }, 'industrySections'],
      [{ industrySections: ['C13'] }, 'industrySections'],
      [{ languages: ['zho'] }, 'languages'],
      [{ languages: ['中文'] }, 'languages'],
      [{ languages: [''] }, 'languages'],
      [{ absences: [{ from: '2026-07-10', until: '2026-07-01' }] }, 'absences.0'],
      [{ absences: [{ from: '2026-02-30', until: '2026-03-01' }] }, null],
      [{ name: '  ' }, 'name'],
      [{ name: '名'.repeat(101) }, 'name'],
      [{ personId: toGlobalId('Person', userId) }, 'personId'],
      [{ personId: toGlobalId('Enterprise', userId) }, 'personId'],
      [{ userId: toGlobalId('Enterprise', userId) }, 'userId'],
      [{ userId: toGlobalId('User', '0190e6c4-0000-7000-8000-000000000000') }, 'userId'],
    ];
    for (const [patch, field] of cases) {
      const error = errorOf(await call(REGISTER, { input: { ...base, ...patch } }, gd));
      expect.soft(error.code, JSON.stringify(patch)).toBe('BAD_USER_INPUT');
      if (field) expect.soft(JSON.stringify(error.fields), JSON.stringify(patch)).toContain(`"${field}"`);
    }
    // Accounts that cannot be Guangdong's officers.
    const firm = await demonstrationEnterprise(t, GD);
    const enterpriseUser = await insertUser(t.orm.em, { username: `review-ent-${firm.id.slice(0, 8)}`, passwordHash: 'x', role: 'ENTERPRISE_USER', enterpriseId: firm.id });
    expect.soft(errorOf(await call(REGISTER, { input: { ...base, userId: toGlobalId('User', enterpriseUser) } }, gd)).code).toBe('BAD_USER_INPUT');
    const disabled = await insertUser(t.orm.em, { username: `review-disabled-${firm.id.slice(0, 8)}`, passwordHash: 'x', role: 'PROVINCIAL_ADMIN', regionCode: GD, disabled: true });
    expect.soft(errorOf(await call(REGISTER, { input: { ...base, userId: toGlobalId('User', disabled) } }, gd)).code).toBe('BAD_USER_INPUT');
    const zjAdmin = await staffUser(t, '330000');
    expect.soft(errorOf(await call(REGISTER, { input: { ...base, userId: toGlobalId('User', zjAdmin.userId) } }, gd)).code).toBe('FORBIDDEN');
    expect.soft(await count(), 'nothing stored by any refusal').toBe(before);
    // Lower-case sections and upper-case languages are the same codes.
    const ok = await t.ok<any>(REGISTER, { input: { ...base, industrySections: ['c', ' m '], languages: [' EN ', 'zh'] } }, gd);
    expect.soft(ok.registerLiaisonOfficer.officer).toMatchObject({ industrySections: ['C', 'M'], languages: ['en', 'zh'] });
    expect.soft(errorOf(await call(REGISTER, { input: base }, gd)).code).toBe('CONFLICT');
  });

  it('bad input to conflicts, assignments, plans and queries', async () => {
    const gd = as.provincial(GD);
    const e = await demonstrationEnterprise(t, GD);
    const o = await registerOfficer(t, { bureau: GD, regions: [GD] });
    const declare = (input: Record<string, unknown>) => codeOf(DECLARE, { input: { officerId: o.id, kind: 'OTHER', enterpriseId: e.gid, detail: '说明', ...input } }, gd);
    expect.soft(await declare({ kind: 'EMPLOYED' })).toBe('BAD_USER_INPUT');
    expect.soft(await declare({ kind: 'COMMISSIONER' })).toBe('BAD_USER_INPUT');
    expect.soft(await declare({ detail: '' })).toBe('BAD_USER_INPUT');
    expect.soft(await declare({ detail: '长'.repeat(501) })).toBe('BAD_USER_INPUT');
    expect.soft(await declare({ organizationId: toGlobalId('ServiceOrganization', e.id) })).toBe('BAD_USER_INPUT');
    expect.soft(await declare({ kind: 'SERVICE_ORGANIZATION', enterpriseId: null, organizationId: e.gid })).toBe('BAD_USER_INPUT');
    const assignWith = (input: Record<string, unknown>) => codeOf(ASSIGN, { input: { enterpriseId: e.gid, officerId: o.id, reason: '理由', ...input } }, gd);
    expect.soft(await assignWith({ reason: '' })).toBe('BAD_USER_INPUT');
    expect.soft(await assignWith({ reason: '理'.repeat(10_000) })).toBe('BAD_USER_INPUT');
    expect.soft(await assignWith({ officerId: e.gid })).toBe('BAD_USER_INPUT');
    expect.soft(await assignWith({ enterpriseId: o.id })).toBe('BAD_USER_INPUT');
    expect.soft(await codeOf(STATUS, { input: { officerId: o.id, status: 'LEFT', version: 1 } }, gd)).toBe('BAD_USER_INPUT');
    expect.soft(await codeOf(`mutation($input: EndLiaisonAssignmentInput!) { endLiaisonAssignment(input: $input) { assignment { id } } }`, { input: { assignmentId: toGlobalId('LiaisonAssignment', e.id), reason: '无' } }, gd)).toBe('NOT_FOUND');
    for (const input of [{ stabilityWeight: 101 }, { stabilityWeight: -1 }, { balanceWeight: 50.5 }, { balanceWeight: -0.1 }]) {
      expect.soft(await codeOf(COMPUTE, { input: { mode: 'UNASSIGNED', ...input } }, gd), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect.soft(await codeOf(`{ liaisonAssignments(first: 5, filter: { bureauCode: "abc" }) { totalCount } }`, {}, gd)).toBe('BAD_USER_INPUT');
    expect.soft(await codeOf(`query($id: ID!) { liaisonConflictDeclarations(first: 5, officerId: $id) { totalCount } }`, { id: e.gid }, gd)).toBe('BAD_USER_INPUT');
    // Stale versions and repeated ends are CONFLICT; absurd page sizes are answered, never an internal error.
    expect.soft(await codeOf(UPDATE, { input: { officerId: o.id, version: (await versionOf(o.id)) + 1, capacity: 4 } }, gd)).toBe('CONFLICT');
    const END = `mutation($input: EndLiaisonAssignmentInput!) { endLiaisonAssignment(input: $input) { assignment { id } } }`;
    const ended = await assign(t, GD, e.gid, o.id);
    expect.soft(await codeOf(END, { input: { assignmentId: ended, reason: '结束' } }, gd)).toBe('OK');
    expect.soft(await codeOf(END, { input: { assignmentId: ended, reason: '再结束' } }, gd)).toBe('CONFLICT');
    for (const first of [100_000, -1, 0]) await codeOf(`{ liaisonAssignments(first: ${first}) { totalCount } liaisonOfficers(first: ${first}) { totalCount } }`, {}, gd);
    // An unknown bureau is a bad input, not a jurisdiction rule about the enterprise.
    expect.soft(await codeOf(CANDIDATES, { id: e.gid, bureau: 'abc' }, as.national())).toBe('BAD_USER_INPUT');
  });

  it('a bureau without any officer still gets a plan that says why no enterprise could be placed', async () => {
    const YN = '530000';
    await demonstrationEnterprise(t, YN);
    await demonstrationEnterprise(t, YN);
    const result = await call(COMPUTE, { input: { mode: 'UNASSIGNED' } }, as.provincial(YN));
    const plan = result.data!.computeAssignmentPlan.plan;
    expect.soft(plan.feasible).toBe(false);
    expect.soft(plan.shortfalls).toEqual([{ regionCode: YN, enterprises: 2, demand: 2, capacity: 0 }]);
    const committed = await t.ok<any>(COMMIT, { input: { planId: plan.id, version: plan.version } }, as.provincial(YN));
    expect.soft(committed.commitAssignmentPlan).toEqual({ started: 0, ended: 0, kept: 0 });
  });

  it('a title that expires: no longer a candidate the next day, the assignments end at the scheduled transitions, the seats come back', async () => {
    const FJ = '350000';
    const fj = as.provincial(FJ);
    const e = await demonstrationEnterprise(t, FJ);
    await t.sql(`update designation set valid_from = '2023-06-20', valid_until = '2026-06-19' where enterprise_id = ?`, [e.id]);
    const mine = await registerOfficer(t, { bureau: FJ, regions: [FJ], capacity: 1 });
    const national = await registerOfficer(t, { bureau: NATIONAL, capacity: 1 });
    await assign(t, FJ, e.gid, mine.id);
    await assign(t, NATIONAL, e.gid, national.id);
    t.setToday('2026-06-20');
    try {
      expect.soft(errorOf(await call(CANDIDATES, { id: e.gid }, fj))).toMatchObject({ code: 'RULE_VIOLATION', condition: 'NOT_DEMONSTRATION' });
      const report = (await t.ok<any>(`{ liaisonAssignmentReport { regions { region { code } enterprises } } }`, {}, fj)).liaisonAssignmentReport;
      expect.soft(report.regions.find((r: any) => r.region.code === FJ)?.enterprises ?? 0).toBe(0);
      const run = await t.ok<any>(`mutation { runScheduledTransitions { assignmentsEnded } }`);
      expect.soft(run.runScheduledTransitions.assignmentsEnded).toBe(2);
      const history = (await t.ok<any>(HISTORY, { id: e.gid })).liaisonAssignments.edges.map((x: any) => x.node);
      expect.soft(history.map((h: any) => [h.current, h.endReason, h.endedOn])).toEqual([
        [false, 'TITLE_ENDED', '2026-06-20'],
        [false, 'TITLE_ENDED', '2026-06-20'],
      ]);
      const load = (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonOfficer { load enterpriseCount } } }`, { id: mine.id }, fj)).node;
      expect.soft(load).toEqual({ load: 0, enterpriseCount: 0 });
      expect.soft((await t.ok<any>(`mutation { runScheduledTransitions { assignmentsEnded } }`)).runScheduledTransitions.assignmentsEnded).toBe(0);
    } finally {
      t.setToday('2026-06-15');
    }
  });

  it('the enterprise learns who its officer is and why it changed, never the officer’s profile (its status note) or the fit', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const o = await registerOfficer(t, { bureau: GD, name: '甲联络', regions: [GD] });
    await assign(t, GD, e.gid, o.id);
    const privateNote = '因病长期休养';
    await t.ok(STATUS, { input: { officerId: o.id, status: 'LEFT', note: privateNote, version: await versionOf(o.id) } }, as.provincial(GD));
    const seen = await t.ok<any>(HISTORY, { id: e.gid }, as.enterprise(e.id));
    const [row] = seen.liaisonAssignments.edges.map((x: any) => x.node);
    expect.soft(row).toMatchObject({ current: false, endReason: 'OFFICER_LEFT', officer: null, factors: null });
    expect.soft(JSON.stringify(seen), 'the status note is part of the officer’s profile, the bureaus’ only').not.toContain(privateNote);
    expect.soft((await t.ok<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: o.id }, as.enterprise(e.id))).node).toBeNull();
  });
});
