/**
 * Who sees and does what of the assignment module, per role (docs/assignment.md, "Who can do
 * what"): every read answers rows / null / UNAUTHENTICATED / FORBIDDEN / NOT_FOUND as the table
 * promises; every write is done by the bureau that owns the object (its admin, or the officer's own
 * account, which is an admin of that bureau) and refused to everyone else; and a refusal stores
 * nothing (a digest of the module's tables and of the audit log is unchanged).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { insertOrganization } from '../../seeds/factories.js';
import { errorOf } from '../liaison/world.js';
import { assign, debuggable, demonstrationEnterprise, NATIONAL, registerOfficer, staffUser } from './fixtures.js';

const GD = '440000';
const ZJ = '330000';
const SECRET = '配偶任该企业副总经理';
type Who = 'anonymous' | 'expert' | 'provider' | 'enterprise' | 'otherEnterprise' | 'gd' | 'zj' | 'national' | 'officer';
const WHO: Who[] = ['anonymous', 'expert', 'provider', 'enterprise', 'otherEnterprise', 'gd', 'zj', 'national', 'officer'];
/** What one viewer gets: an error code, or what it saw. */
type Outcome = string | boolean | boolean[] | Record<string, unknown> | null;

const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const OFFICERS = `{ liaisonOfficers(first: 100) { edges { node { id } } } }`;
const ASSIGNMENTS = `{ liaisonAssignments(first: 100) { edges { node { id } } } }`;
const ASSIGNMENT_FIELDS = `query($id: ID!) { node(id: $id) { ... on LiaisonAssignment { officerName officer { id } factors { total } } } }`;
const DECLARATIONS = `{ liaisonConflictDeclarations(first: 100) { edges { node { id detail } } } }`;
const CONFLICTS = `query($id: ID!) { liaisonOfficerConflicts(officerId: $id) { kind detail } }`;
const CANDIDATES = `query($id: ID!, $bureau: String) { liaisonCandidates(enterpriseId: $id, bureauCode: $bureau) { bureauCode candidates { officer { id } exclusions { code message } } } }`;
const PLANS = `{ assignmentPlans(first: 100) { edges { node { id } } } }`;
const REPORT = `query($bureau: String) { liaisonAssignmentReport(bureauCode: $bureau) { bureauCode } }`;

describe('assignment module: visibility and writes per role', () => {
  let t: TestApp;
  let viewers: Record<Who, Viewer>;
  let firm: Awaited<ReturnType<typeof demonstrationEnterprise>>;
  let other: Awaited<ReturnType<typeof demonstrationEnterprise>>;
  let gdOfficer: Awaited<ReturnType<typeof registerOfficer>>;
  let natOfficer: Awaited<ReturnType<typeof registerOfficer>>;
  /** The officer the write cases assign (plenty of seats). */
  let writer: Awaited<ReturnType<typeof registerOfficer>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(...debuggable());
    t.setToday('2026-06-15');
    firm = await demonstrationEnterprise(t, GD);
    other = await demonstrationEnterprise(t, GD);
    const org = await insertOrganization(t.orm.em, { name: '广东知识产权服务中心', kind: 'SERVICE_TEAM', regionCode: GD });
    gdOfficer = await registerOfficer(t, { bureau: GD, name: '粤联络', regions: [GD], capacity: 10 });
    await registerOfficer(t, { bureau: GD, name: '粤备用', regions: [GD], capacity: 10 });
    natOfficer = await registerOfficer(t, { bureau: NATIONAL, name: '国联络', capacity: 10 });
    writer = await registerOfficer(t, { bureau: GD, name: '粤写入', regions: [GD], capacity: 100 });
    viewers = {
      anonymous: as.anonymous,
      expert: as.user('EXPERT', { personId: randomUUID() }),
      provider: as.user('SERVICE_PROVIDER', { organizationId: org }),
      enterprise: as.enterprise(firm.id),
      otherEnterprise: as.enterprise(other.id),
      gd: as.provincial(GD),
      zj: as.provincial(ZJ),
      national: as.national(),
      officer: gdOfficer.viewer,
    };
    // The officer itself declares a conflict with the other enterprise: its reason is the secret.
    const declared = await t.ok<any>(`mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { declaration { id } } }`, { input: { officerId: gdOfficer.id, kind: 'RELATIVE', enterpriseId: other.gid, detail: SECRET } }, gdOfficer.viewer);
    ids.declaration = declared.declareLiaisonConflict.declaration.id;
    ids.gdAssignment = await assign(t, GD, firm.gid, gdOfficer.id);
    ids.natAssignment = await assign(t, NATIONAL, firm.gid, natOfficer.id);
    const compute = `mutation { computeAssignmentPlan(input: { mode: UNASSIGNED }) { plan { id } } }`;
    ids.gdPlan = (await t.ok<any>(compute, {}, viewers.gd)).computeAssignmentPlan.plan.id;
    ids.natPlan = (await t.ok<any>(compute, {}, viewers.national)).computeAssignmentPlan.plan.id;
  });
  afterAll(() => t.close());

  /** Each viewer's outcome of `fn`: the error code when the answer is an error, else what fn reads from the data. */
  const each = async (query: string, variables: Record<string, unknown>, read: (data: any, who: Who) => Outcome): Promise<Record<Who, Outcome>> => {
    const out = {} as Record<Who, Outcome>;
    for (const who of WHO) {
      const result = await t.gql<any>(query, variables, viewers[who]);
      out[who] = result.errors?.length ? errorOf(result).code : read(result.data, who);
    }
    return out;
  };
  const listed = (field: string, wanted: string[]) => (data: any) => wanted.map((id) => data[field].edges.some((e: any) => e.node.id === id));
  const nodes = async (wanted: string[]) => {
    const out = {} as Record<Who, Outcome>;
    for (const who of WHO) out[who] = await Promise.all(wanted.map(async (id) => !!(await t.ok<any>(NODE, { id }, viewers[who])).node));
    return out;
  };
  const table = (values: Record<Who, Outcome>) => values;
  const OUTSIDERS = { expert: 'FORBIDDEN', provider: 'FORBIDDEN', enterprise: 'FORBIDDEN', otherEnterprise: 'FORBIDDEN' } as const;

  it('LiaisonOfficer: the national bureau all, a provincial bureau (and its officer) its own; nobody else', async () => {
    const wanted = [gdOfficer.id, natOfficer.id];
    expect(await each(OFFICERS, {}, listed('liaisonOfficers', wanted))).toEqual(
      table({ anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, gd: [true, false], zj: [false, false], national: [true, true], officer: [true, false] }),
    );
    expect(await nodes(wanted)).toEqual(
      table({ anonymous: [false, false], expert: [false, false], provider: [false, false], enterprise: [false, false], otherEnterprise: [false, false], gd: [true, false], zj: [false, false], national: [true, true], officer: [true, false] }),
    );
  });

  it('LiaisonAssignment: national all; provincial its own and the national bureau’s of its jurisdiction; the enterprise its own', async () => {
    const wanted = [ids.gdAssignment!, ids.natAssignment!];
    expect(await each(ASSIGNMENTS, {}, listed('liaisonAssignments', wanted))).toEqual(
      table({ anonymous: 'UNAUTHENTICATED', expert: 'FORBIDDEN', provider: 'FORBIDDEN', enterprise: [true, true], otherEnterprise: [false, false], gd: [true, true], zj: [false, false], national: [true, true], officer: [true, true] }),
    );
    expect(await nodes(wanted)).toEqual(
      table({ anonymous: [false, false], expert: [false, false], provider: [false, false], enterprise: [true, true], otherEnterprise: [false, false], gd: [true, true], zj: [false, false], national: [true, true], officer: [true, true] }),
    );
  });

  it('LiaisonAssignment.officer and .factors: the enterprise gets the officer’s name only; a province does not get the national officer’s profile', async () => {
    const fields = async (id: string) =>
      each(ASSIGNMENT_FIELDS, { id }, (data) => (data.node ? { name: data.node.officerName, officer: !!data.node.officer, factors: data.node.factors != null } : null));
    const none = { anonymous: null, expert: null, provider: null, otherEnterprise: null, zj: null };
    expect(await fields(ids.gdAssignment!)).toEqual(
      table({
        ...none,
        enterprise: { name: '粤联络', officer: false, factors: false },
        gd: { name: '粤联络', officer: true, factors: true },
        national: { name: '粤联络', officer: true, factors: true },
        officer: { name: '粤联络', officer: true, factors: true },
      }),
    );
    expect(await fields(ids.natAssignment!)).toEqual(
      table({
        ...none,
        enterprise: { name: '国联络', officer: false, factors: false },
        gd: { name: '国联络', officer: false, factors: true },
        national: { name: '国联络', officer: true, factors: true },
        officer: { name: '国联络', officer: false, factors: true },
      }),
    );
  });

  it('LiaisonConflictDeclaration: the national bureau and the officer itself, nobody else (not the officer’s own province)', async () => {
    // The doc gives the others no access at all: an empty list and FORBIDDEN both tell them nothing.
    const seen = await each(DECLARATIONS, {}, (data) => data.liaisonConflictDeclarations.edges.some((e: any) => e.node.id === ids.declaration && e.node.detail === SECRET));
    for (const who of WHO) if (seen[who] === 'FORBIDDEN') seen[who] = false;
    expect(seen).toEqual(table({ anonymous: 'UNAUTHENTICATED', expert: false, provider: false, enterprise: false, otherEnterprise: false, gd: false, zj: false, national: true, officer: true }));
    expect(await nodes([ids.declaration!])).toEqual(
      table({ anonymous: [false], expert: [false], provider: [false], enterprise: [false], otherEnterprise: [false], gd: [false], zj: [false], national: [true], officer: [true] }),
    );
  });

  it('liaisonOfficerConflicts: the reasons for the national bureau and the officer; FORBIDDEN to its province; NOT_FOUND to whoever cannot see the officer', async () => {
    const answers = await each(CONFLICTS, { id: gdOfficer.id }, (data) => data.liaisonOfficerConflicts.some((c: any) => c.kind === 'RELATIVE' && c.detail === SECRET));
    expect(answers).toEqual(
      table({ anonymous: 'UNAUTHENTICATED', expert: 'NOT_FOUND', provider: 'NOT_FOUND', enterprise: 'NOT_FOUND', otherEnterprise: 'NOT_FOUND', gd: 'FORBIDDEN', zj: 'NOT_FOUND', national: true, officer: true }),
    );
  });

  it('liaisonCandidates: the bureaus only; a conflict’s reason for the national bureau and the officer, “excluded: conflict” for its province', async () => {
    const read = (data: any) => {
      const entry = data.liaisonCandidates.candidates.find((c: any) => c.officer.id === gdOfficer.id);
      if (!entry) return data.liaisonCandidates.bureauCode;
      const conflict = entry.exclusions.find((x: any) => x.code === 'CONFLICT_OF_INTEREST');
      return conflict ? (conflict.message.includes(SECRET) ? 'reason' : 'conflict') : 'eligible';
    };
    expect(await each(CANDIDATES, { id: other.gid }, read)).toEqual(
      table({ anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, gd: 'conflict', zj: 'RULE_VIOLATION', national: NATIONAL, officer: 'reason' }),
    );
    expect(await each(CANDIDATES, { id: other.gid, bureau: GD }, read)).toEqual(
      table({ anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, gd: 'conflict', zj: 'FORBIDDEN', national: 'reason', officer: 'reason' }),
    );
    const outside = errorOf(await t.gql(CANDIDATES, { id: other.gid }, viewers.zj));
    expect(outside).toMatchObject({ rule: 'R17', condition: 'OUTSIDE_JURISDICTION' });
  });

  it('AssignmentPlan: the national bureau all, a provincial bureau its own; nobody else', async () => {
    const wanted = [ids.gdPlan!, ids.natPlan!];
    expect(await each(PLANS, {}, listed('assignmentPlans', wanted))).toEqual(
      table({ anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, gd: [true, false], zj: [false, false], national: [true, true], officer: [true, false] }),
    );
    expect(await nodes(wanted)).toEqual(
      table({ anonymous: [false, false], expert: [false, false], provider: [false, false], enterprise: [false, false], otherEnterprise: [false, false], gd: [true, false], zj: [false, false], national: [true, true], officer: [true, false] }),
    );
  });

  it('liaisonAssignmentReport: any bureau for the national bureau, its own for a province; FORBIDDEN (not a bad input) for everyone else', async () => {
    const read = (data: any) => data.liaisonAssignmentReport.bureauCode;
    expect(await each(REPORT, {}, read)).toEqual(table({ anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, gd: GD, zj: ZJ, national: NATIONAL, officer: GD }));
    expect(await each(REPORT, { bureau: GD }, read)).toEqual(table({ anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, gd: GD, zj: 'FORBIDDEN', national: GD, officer: GD }));
  });

  // ---- writes -------------------------------------------------------------------------------

  const TABLES = ['liaison_officer', 'liaison_conflict', 'liaison_assignment', 'liaison_assignment_plan', 'liaison_assignment_plan_row', 'audit_entry'];
  /** Every row of the module's tables and of the audit log, as one digest per table. */
  const digest = async () =>
    (await t.sql<Record<string, string>>(`select ${TABLES.map((tb) => `(select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x.id::text)), '') from ${tb} x) as "${tb}"`).join(', ')}`))[0];
  const versionOf = async (id: string) => (await t.ok<any>(`query($id: ID!) { node(id: $id) { ... on LiaisonOfficer { version } ... on AssignmentPlan { version } } }`, { id }, as.national())).node.version as number;
  const freshOfficer = async () => {
    const o = await registerOfficer(t, { bureau: GD, regions: [GD], capacity: 5 });
    return { officerId: o.id, version: await versionOf(o.id) };
  };
  const gdPlan = async () => {
    const plan = (await t.ok<any>(`mutation { computeAssignmentPlan(input: { mode: UNASSIGNED }) { plan { id version } } }`, {}, as.provincial(GD))).computeAssignmentPlan.plan;
    return { planId: plan.id as string, version: plan.version as number };
  };
  /** The bureau-owned object's refusals: who cannot see it gets NOT_FOUND; the national bureau sees it but may not act for Guangdong. */
  const OWNED = { anonymous: 'UNAUTHENTICATED', expert: 'NOT_FOUND', provider: 'NOT_FOUND', enterprise: 'NOT_FOUND', otherEnterprise: 'NOT_FOUND', zj: 'NOT_FOUND', national: 'FORBIDDEN' } as const;

  interface WriteCase {
    mutation: string;
    input: string;
    /** A fresh input (and viewers to use instead of the defaults, e.g. the enterprise of a fresh assignment). */
    setup: () => Promise<{ input: Record<string, unknown>; viewers?: Partial<Record<Who, Viewer>> }>;
    allowed: Who[];
    refused: Partial<Record<Who, string>>;
  }
  const CASES: WriteCase[] = [
    {
      mutation: 'registerLiaisonOfficer',
      input: 'RegisterLiaisonOfficerInput',
      setup: async () => ({ input: { userId: toGlobalId('User', (await staffUser(t, GD)).userId), capacity: 3, regions: [GD], languages: ['zh'] } }),
      allowed: ['gd', 'officer'],
      refused: { anonymous: 'UNAUTHENTICATED', ...OUTSIDERS, zj: 'FORBIDDEN', national: 'FORBIDDEN' },
    },
    { mutation: 'updateLiaisonOfficer', input: 'UpdateLiaisonOfficerInput', setup: async () => ({ input: { ...(await freshOfficer()), capacity: 7 } }), allowed: ['gd', 'officer'], refused: OWNED },
    {
      mutation: 'setLiaisonOfficerStatus',
      input: 'SetLiaisonOfficerStatusInput',
      setup: async () => ({ input: { ...(await freshOfficer()), status: 'OPTED_OUT', note: '借调三个月' } }),
      allowed: ['gd', 'officer'],
      refused: OWNED,
    },
    {
      mutation: 'declareLiaisonConflict',
      input: 'DeclareLiaisonConflictInput',
      setup: async () => ({ input: { officerId: (await freshOfficer()).officerId, kind: 'OTHER', enterpriseId: firm.gid, detail: '曾参与该企业的项目评审' } }),
      allowed: ['gd', 'officer'],
      refused: OWNED,
    },
    {
      mutation: 'withdrawLiaisonConflict',
      input: 'WithdrawLiaisonConflictInput',
      setup: async () => {
        const { officerId } = await freshOfficer();
        const declared = await t.ok<any>(`mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { declaration { id } } }`, { input: { officerId, kind: 'SHAREHOLDING', enterpriseId: firm.gid, detail: '持股 1%' } }, as.provincial(GD));
        return { input: { declarationId: declared.declareLiaisonConflict.declaration.id } };
      },
      allowed: ['gd', 'officer'],
      // The national bureau reads every declaration: it sees this one, so a refusal is FORBIDDEN.
      refused: OWNED,
    },
    {
      mutation: 'assignLiaisonOfficer',
      input: 'AssignLiaisonOfficerInput',
      setup: async () => ({ input: { enterpriseId: (await demonstrationEnterprise(t, GD)).gid, officerId: writer.id, reason: '熟悉该企业所在地区' } }),
      allowed: ['gd', 'officer'],
      refused: OWNED,
    },
    {
      mutation: 'endLiaisonAssignment',
      input: 'EndLiaisonAssignmentInput',
      setup: async () => {
        const f = await demonstrationEnterprise(t, GD);
        return { input: { assignmentId: await assign(t, GD, f.gid, writer.id), reason: '企业搬迁' }, viewers: { enterprise: as.enterprise(f.id) } };
      },
      allowed: ['gd', 'officer'],
      // The enterprise sees its own assignment: it is refused, not told it does not exist.
      refused: { ...OWNED, enterprise: 'FORBIDDEN' },
    },
    {
      mutation: 'computeAssignmentPlan',
      input: 'ComputeAssignmentPlanInput',
      setup: async () => ({ input: { mode: 'UNASSIGNED' } }),
      allowed: ['gd', 'zj', 'national', 'officer'],
      refused: { anonymous: 'UNAUTHENTICATED', ...OUTSIDERS },
    },
    {
      mutation: 'editAssignmentPlanRow',
      input: 'EditAssignmentPlanRowInput',
      setup: async () => {
        const f = await demonstrationEnterprise(t, GD);
        return { input: { ...(await gdPlan()), enterpriseId: f.gid, officerId: null, note: '暂缓指派' } };
      },
      allowed: ['gd', 'officer'],
      refused: OWNED,
    },
    { mutation: 'commitAssignmentPlan', input: 'CommitAssignmentPlanInput', setup: async () => ({ input: await gdPlan() }), allowed: ['gd', 'officer'], refused: OWNED },
    {
      mutation: 'discardAssignmentPlan',
      input: 'DiscardAssignmentPlanInput',
      setup: async () => ({ input: { planId: (await gdPlan()).planId } }),
      allowed: ['gd', 'officer'],
      refused: OWNED,
    },
  ];
  for (const c of CASES) {
    it(`${c.mutation}: done by ${c.allowed.join(', ')}; refused to the others, storing nothing`, async () => {
      expect(Object.keys(c.refused).sort(), 'every viewer is either allowed or refused').toEqual(WHO.filter((w) => !c.allowed.includes(w)).sort());
      const query = `mutation($input: ${c.input}!) { ${c.mutation}(input: $input) { __typename } }`;
      const { input, viewers: override } = await c.setup();
      const before = await digest();
      const got: Partial<Record<Who, string>> = {};
      for (const who of Object.keys(c.refused) as Who[]) {
        const result = await t.gql(query, { input }, override?.[who] ?? viewers[who]);
        got[who] = result.errors?.length ? errorOf(result).code : 'DONE';
      }
      expect(got).toEqual(c.refused);
      expect(await digest(), 'a refusal stores nothing').toEqual(before);
      for (const who of c.allowed) {
        const fresh = await c.setup();
        const prior = await digest();
        const result = await t.gql(query, { input: fresh.input }, fresh.viewers?.[who] ?? viewers[who]);
        expect(result.errors, `${c.mutation} as ${who}`).toBeUndefined();
        expect((await digest())!.audit_entry, `${c.mutation} as ${who} is audited`).not.toEqual(prior!.audit_entry);
      }
    });
  }
});
