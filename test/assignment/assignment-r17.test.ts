/**
 * R17 [D 五(一) 建立示范企业日常工作联系机制…示范企业要建立示范工作联络员制度]: the national bureau assigns its
 * liaison officers to demonstration enterprises anywhere; a provincial bureau its own officers to
 * those of its jurisdiction. By hand, with a reason and history; conflicts (declared and derived),
 * status and capacity refuse with the candidate list's reasons; capacity and "one current per
 * enterprise and bureau" hold under concurrency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { errorOf } from '../liaison/world.js';
import { insertPerson } from '../../seeds/factories.js';
import { ASSIGN, assign, bureauViewer, demonstrationEnterprise, NATIONAL, registerOfficer } from './fixtures.js';
import { debuggable } from './fixtures.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';

const GD = '440000';
const JS = '320000';
const CANDIDATES = `query($id: ID!, $bureau: String) { liaisonCandidates(enterpriseId: $id, bureauCode: $bureau) { bureauCode candidates { officer { id name } eligible current load seats factors { region industry continuity language load total } exclusions { code message } } } }`;
const HISTORY = `query($filter: LiaisonAssignmentFilter) { liaisonAssignments(first: 20, filter: $filter) { totalCount edges { node { id bureauCode current startsOn endedOn endReason endNote reason source officerName officer { id } factors { total } enterprise { id } } } } }`;

describe('liaison officer assignment by hand (R17)', () => {
  let t: TestApp;
  const national = bureauViewer(NATIONAL);
  const guangdong = bureauViewer(GD);
  beforeAll(async () => {
    t = await createTestApp(...debuggable());
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  it('the national bureau assigns its officer anywhere; candidates rank by named factors; a reassignment ends the previous one', async () => {
    const e = await demonstrationEnterprise(t, GD, { industryCode: 'C' });
    const knowsGd = await registerOfficer(t, { bureau: NATIONAL, name: '王联络', regions: [GD], industrySections: ['C'], capacity: 3 });
    const other = await registerOfficer(t, { bureau: NATIONAL, name: '李联络', regions: [JS], capacity: 3 });
    const list = (await t.ok<any>(CANDIDATES, { id: e.gid }, national)).liaisonCandidates;
    expect(list.bureauCode).toBe(NATIONAL);
    const mine = list.candidates.filter((c: any) => [knowsGd.id, other.id].includes(c.officer.id));
    expect(mine.map((c: any) => c.officer.name)).toEqual(['王联络', '李联络']);
    expect(mine[0]).toMatchObject({ eligible: true, current: false, load: 0, seats: 1, exclusions: [], factors: { region: 40, industry: 25, continuity: 0, load: 10 } });
    expect(mine[1].factors).toMatchObject({ region: 0, industry: 0 });

    const first = await t.ok<any>(ASSIGN, { input: { enterpriseId: e.gid, officerId: other.id, reason: '临时安排' } }, national);
    expect(first.assignLiaisonOfficer).toMatchObject({ assignment: { bureauCode: NATIONAL, seats: 1, officerName: '李联络', current: true }, previous: null });
    const again = await t.gql(ASSIGN, { input: { enterpriseId: e.gid, officerId: other.id, reason: '重复' } }, national);
    expect(errorOf(again).code).toBe('CONFLICT');
    const second = await t.ok<any>(ASSIGN, { input: { enterpriseId: e.gid, officerId: knowsGd.id, reason: '改由熟悉广东的联络员' } }, national);
    expect(second.assignLiaisonOfficer.previous).toMatchObject({ id: first.assignLiaisonOfficer.assignment.id, endReason: 'REASSIGNED', endedOn: '2026-06-15' });
    const history = (await t.ok<any>(HISTORY, { filter: { enterpriseId: e.gid } }, national)).liaisonAssignments;
    expect(history.edges.map((x: any) => [x.node.officerName, x.node.current, x.node.endReason])).toEqual([
      ['王联络', true, null],
      ['李联络', false, 'REASSIGNED'],
    ]);
    // The continuity factor now names the previous officer.
    const after = (await t.ok<any>(CANDIDATES, { id: e.gid }, national)).liaisonCandidates.candidates;
    expect(after.find((c: any) => c.officer.id === other.id).factors.continuity).toBe(10);
    expect(after.find((c: any) => c.officer.id === knowsGd.id)).toMatchObject({ current: true, load: 1, factors: { continuity: 15 } });
    // Audit: both steps recorded.
    const audit = await t.sql<{ operation: string }>(`select operation from audit_entry where object_type = 'LiaisonAssignment' and operation = 'assignLiaisonOfficer'`);
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('a provincial bureau assigns its own officers to its jurisdiction only; neither bureau touches the other’s officers', async () => {
    const gdFirm = await demonstrationEnterprise(t, GD);
    const jsFirm = await demonstrationEnterprise(t, JS);
    const gdOfficer = await registerOfficer(t, { bureau: GD, regions: [GD] });
    const nationalOfficer = await registerOfficer(t, { bureau: NATIONAL });
    await assign(t, GD, gdFirm.gid, gdOfficer.id);
    const outside = errorOf(await t.gql(ASSIGN, { input: { enterpriseId: jsFirm.gid, officerId: gdOfficer.id, reason: '试图跨辖区' } }, guangdong));
    // The Jiangsu enterprise is outside Guangdong's view (NOT_FOUND) or, were it visible, outside its jurisdiction (R17).
    expect(['NOT_FOUND', 'RULE_VIOLATION']).toContain(outside.code);
    expect(errorOf(await t.gql(ASSIGN, { input: { enterpriseId: gdFirm.gid, officerId: nationalOfficer.id, reason: '省局指派国家局联络员' } }, guangdong)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(ASSIGN, { input: { enterpriseId: gdFirm.gid, officerId: gdOfficer.id, reason: '国家局指派省局联络员' } }, national))).toMatchObject({ code: 'FORBIDDEN' });
    // Both bureaus may have a current assignment of the same enterprise (one each).
    await assign(t, NATIONAL, gdFirm.gid, nationalOfficer.id);
    const current = (await t.ok<any>(HISTORY, { filter: { enterpriseId: gdFirm.gid, current: true } }, national)).liaisonAssignments;
    expect(current.edges.map((x: any) => x.node.bureauCode).sort()).toEqual([NATIONAL, GD].sort());
    // The Guangdong bureau sees the national bureau's assignment of its enterprise, too.
    expect((await t.ok<any>(HISTORY, { filter: { enterpriseId: gdFirm.gid, current: true } }, guangdong)).liaisonAssignments.totalCount).toBe(2);
  });

  it('R17 refuses an enterprise that is not a demonstration enterprise today', async () => {
    const plain = await makeEnterprise(t.orm.em, randomFor(7), { regionCode: GD });
    const officer = await registerOfficer(t, { bureau: NATIONAL });
    const error = errorOf(await t.gql(ASSIGN, { input: { enterpriseId: toGlobalId('Enterprise', plain.id), officerId: officer.id, reason: '试一试' } }, national));
    expect(error).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17', paragraph: '五(一)', condition: 'NOT_DEMONSTRATION' });
    expect(errorOf(await t.gql(ASSIGN, { input: { enterpriseId: toGlobalId('Enterprise', plain.id), officerId: officer.id, reason: '  ' } }, national)).code).toBe('BAD_USER_INPUT');
  });

  it('conflicts (declared and derived) exclude an officer; the reason is told to the national admin and the officer only', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const person = await insertPerson(t.orm.em, { name: '前员工', employerEnterpriseId: e.id, category: 'IP_MANAGER' });
    const employed = await registerOfficer(t, { bureau: GD, name: '赵联络', personId: toGlobalId('Person', person) });
    const declared = await registerOfficer(t, { bureau: GD, name: '钱联络' });
    await t.ok(`mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { ended } }`, { input: { officerId: declared.id, kind: 'RELATIVE', enterpriseId: e.gid, detail: '配偶任该企业财务总监' } }, declared.viewer);
    const seen = async (viewer: any) => {
      const c = (await t.ok<any>(CANDIDATES, { id: e.gid, bureau: GD }, viewer)).liaisonCandidates.candidates;
      return Object.fromEntries(c.filter((x: any) => ['赵联络', '钱联络'].includes(x.officer.name)).map((x: any) => [x.officer.name, x.exclusions]));
    };
    const byNational = await seen(national);
    expect(byNational['赵联络']).toEqual([{ code: 'CONFLICT_OF_INTEREST', message: expect.stringContaining('人员记录的工作单位为该企业') }]);
    expect(byNational['钱联络']).toEqual([{ code: 'CONFLICT_OF_INTEREST', message: expect.stringContaining('配偶任该企业财务总监') }]);
    const byProvince = await seen(guangdong);
    expect(byProvince['钱联络'][0].code).toBe('CONFLICT_OF_INTEREST');
    expect(byProvince['钱联络'][0].message).not.toContain('配偶');
    const refused = errorOf(await t.gql(ASSIGN, { input: { enterpriseId: e.gid, officerId: employed.id, reason: '试图指派' } }, guangdong));
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17', condition: 'CONFLICT_OF_INTEREST' });
    expect(refused.message).not.toContain('工作单位');
    // The conflict list: the national admin and the officer itself; not the provincial admin.
    const CONFLICTS = `query($id: ID!) { liaisonOfficerConflicts(officerId: $id) { kind detail enterprise { id } } }`;
    expect((await t.ok<any>(CONFLICTS, { id: declared.id }, national)).liaisonOfficerConflicts).toEqual([{ kind: 'RELATIVE', detail: '配偶任该企业财务总监', enterprise: { id: e.gid } }]);
    expect((await t.ok<any>(CONFLICTS, { id: declared.id }, declared.viewer)).liaisonOfficerConflicts).toHaveLength(1);
    expect(errorOf(await t.gql(CONFLICTS, { id: declared.id }, guangdong)).code).toBe('FORBIDDEN');
  });

  it('declaring a conflict ends a current assignment with it; withdrawing the declaration makes the pair assignable again', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const officer = await registerOfficer(t, { bureau: GD });
    await assign(t, GD, e.gid, officer.id);
    const declared = await t.ok<any>(`mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { declaration { id } ended } }`, { input: { officerId: officer.id, kind: 'SHAREHOLDING', enterpriseId: e.gid, detail: '持股 2%' } }, officer.viewer);
    expect(declared.declareLiaisonConflict.ended).toBe(1);
    const ended = (await t.ok<any>(HISTORY, { filter: { enterpriseId: e.gid } }, guangdong)).liaisonAssignments.edges[0].node;
    expect(ended).toMatchObject({ current: false, endReason: 'CONFLICT_DECLARED' });
    await t.ok(`mutation($input: WithdrawLiaisonConflictInput!) { withdrawLiaisonConflict(input: $input) { declaration { withdrawnAt } } }`, { input: { declarationId: declared.declareLiaisonConflict.declaration.id } }, guangdong);
    await assign(t, GD, e.gid, officer.id, '股份已转让');
  });

  it('opting out, absence and a full capacity exclude; leaving puts the enterprises back', async () => {
    const [a, b] = [await demonstrationEnterprise(t, GD), await demonstrationEnterprise(t, GD)];
    const officer = await registerOfficer(t, { bureau: GD, capacity: 1, name: '孙联络' });
    await assign(t, GD, a.gid, officer.id);
    const full = errorOf(await t.gql(ASSIGN, { input: { enterpriseId: b.gid, officerId: officer.id, reason: '超额' } }, guangdong));
    expect(full).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R17', condition: 'FULL' });
    const UPDATE = `mutation($input: UpdateLiaisonOfficerInput!) { updateLiaisonOfficer(input: $input) { officer { version capacity absences { from until } } } }`;
    const version = async () => (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonOfficer { version } } }`, { id: officer.id }, guangdong)).node.version;
    const absent = await t.ok<any>(UPDATE, { input: { officerId: officer.id, version: await version(), capacity: 2, absences: [{ from: '2026-06-10', until: '2026-06-20', reason: '休假' }] } }, guangdong);
    expect(absent.updateLiaisonOfficer.officer.capacity).toBe(2);
    expect(errorOf(await t.gql(ASSIGN, { input: { enterpriseId: b.gid, officerId: officer.id, reason: '休假中' } }, guangdong)).condition).toBe('ABSENT');
    expect(errorOf(await t.gql(UPDATE, { input: { officerId: officer.id, version: await version(), capacity: 0 } }, guangdong)).code).toBe('BAD_USER_INPUT');
    const STATUS = `mutation($input: SetLiaisonOfficerStatusInput!) { setLiaisonOfficerStatus(input: $input) { officer { status } ended } }`;
    const left = await t.ok<any>(STATUS, { input: { officerId: officer.id, status: 'LEFT', note: '调离', version: await version() } }, guangdong);
    expect(left.setLiaisonOfficerStatus).toEqual({ officer: { status: 'LEFT' }, ended: 1 });
    expect((await t.ok<any>(HISTORY, { filter: { enterpriseId: a.gid } }, guangdong)).liaisonAssignments.edges[0].node).toMatchObject({ current: false, endReason: 'OFFICER_LEFT', endNote: null });
    expect(errorOf(await t.gql(STATUS, { input: { officerId: officer.id, status: 'ACTIVE', version: await version() } }, guangdong)).code).toBe('CONFLICT');
  });

  it('capacity weighted by size (the programme setting): a large enterprise uses 3 seats, recorded on its assignment', async () => {
    const SETTINGS = `mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version liaisonCapacityBasis } } }`;
    const version = async () => (await t.ok<any>(`{ programmeSettings { version } }`)).programmeSettings.version;
    await t.ok(SETTINGS, { input: { version: await version(), liaisonCapacityBasis: 'SIZE' } });
    try {
      const large = await demonstrationEnterprise(t, GD, { sizeClass: 'LARGE' });
      const small = await registerOfficer(t, { bureau: GD, capacity: 2 });
      expect(errorOf(await t.gql(ASSIGN, { input: { enterpriseId: large.gid, officerId: small.id, reason: '规模大' } }, guangdong))).toMatchObject({ code: 'RULE_VIOLATION', condition: 'FULL' });
      const roomy = await registerOfficer(t, { bureau: GD, capacity: 3 });
      const done = await t.ok<any>(ASSIGN, { input: { enterpriseId: large.gid, officerId: roomy.id, reason: '规模大' } }, guangdong);
      expect(done.assignLiaisonOfficer.assignment.seats).toBe(3);
      expect(errorOf(await t.gql(`mutation($input: UpdateProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { settings { version } } }`, { input: { version: await version(), liaisonStabilityWeight: 101 } })).code).toBe('BAD_USER_INPUT');
    } finally {
      await t.ok(SETTINGS, { input: { version: await version(), liaisonCapacityBasis: 'COUNT' } });
    }
  });

  it('capacity and one current assignment per enterprise hold under concurrency', async () => {
    const firms = await Promise.all([1, 2, 3, 4].map(() => demonstrationEnterprise(t, GD)));
    const officer = await registerOfficer(t, { bureau: GD, capacity: 2 });
    const results = await Promise.all(firms.map((f) => t.gql(ASSIGN, { input: { enterpriseId: f.gid, officerId: officer.id, reason: '并发' } }, guangdong)));
    expect(results.filter((r) => !r.errors).length).toBe(2);
    expect(results.filter((r) => r.errors).map((r) => errorOf(r).condition)).toEqual(['FULL', 'FULL']);
    const others = await Promise.all([1, 2, 3].map(() => registerOfficer(t, { bureau: GD, capacity: 5 })));
    const target = await demonstrationEnterprise(t, GD);
    const same = await Promise.all(others.map((o) => t.gql(ASSIGN, { input: { enterpriseId: target.gid, officerId: o.id, reason: '同时' } }, guangdong)));
    expect(same.filter((r) => !r.errors).length).toBe(3); // serialised: each reassigns the previous
    const rows = await t.sql<{ n: number }>(`select count(*)::int as n from liaison_assignment where enterprise_id = ? and ended_on is null`, [target.id]);
    expect(rows[0]!.n).toBe(1);
    const load = (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonOfficer { load enterpriseCount capacity } } }`, { id: officer.id }, guangdong)).node;
    expect(load).toEqual({ load: 2, enterpriseCount: 2, capacity: 2 });
  });

  it('events: a revocation ends the assignment at once; an expired title at the scheduled transitions', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const officer = await registerOfficer(t, { bureau: NATIONAL });
    await assign(t, NATIONAL, e.gid, officer.id);
    const incident = (await t.ok<any>(`mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`, { input: { enterpriseId: e.gid, kind: 'FALSE_MATERIAL', occurredOn: '2026-01-15', description: '虚报数据', evidence: '核查报告' } })).recordIncident.incident.id;
    const [designation] = await t.sql<{ id: string }>(`select id from designation where enterprise_id = ?`, [e.id]);
    await t.ok(`mutation($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { designation { status } } }`, { input: { designationId: toGlobalId('Designation', designation!.id), incidentIds: [incident], reason: '提供虚假材料' } });
    expect((await t.ok<any>(HISTORY, { filter: { enterpriseId: e.gid } }, national)).liaisonAssignments.edges[0].node).toMatchObject({ current: false, endReason: 'TITLE_ENDED' });

    const expiring = await demonstrationEnterprise(t, GD);
    await t.sql(`update designation set valid_from = '2023-06-20', valid_until = '2026-06-19' where enterprise_id = ?`, [expiring.id]);
    await assign(t, NATIONAL, expiring.gid, officer.id);
    t.setToday('2026-06-20');
    try {
      const run = await t.ok<any>(`mutation { runScheduledTransitions { assignmentsEnded } }`);
      expect(run.runScheduledTransitions.assignmentsEnded).toBeGreaterThanOrEqual(1);
      expect((await t.ok<any>(HISTORY, { filter: { enterpriseId: expiring.gid } }, national)).liaisonAssignments.edges[0].node).toMatchObject({ current: false, endReason: 'TITLE_ENDED', endedOn: '2026-06-20' });
    } finally {
      t.setToday('2026-06-15');
    }
  });

  it('events: an enterprise registered in another jurisdiction since leaves its former province’s officer at the scheduled transitions', async () => {
    const e = await demonstrationEnterprise(t, GD);
    const officer = await registerOfficer(t, { bureau: GD });
    await assign(t, GD, e.gid, officer.id);
    await t.sql(`update enterprise set region_code = '440300' where id = ?`, [e.id]);
    await t.ok(`mutation { runScheduledTransitions { assignmentsEnded } }`);
    const [row] = await t.sql<{ end_reason: string; end_note: string; ended_by: string }>(`select end_reason, end_note, ended_by from liaison_assignment where enterprise_id = ?`, [e.id]);
    expect(row).toEqual({ end_reason: 'ENDED', end_note: '企业已迁出本辖区', ended_by: 'SYSTEM' });
  });
});
