/**
 * Every object type that implements `Node` answers `node(id)` and `nodes(ids)` with the same
 * visibility as its lists (docs/architecture.md, "Global object identification"). The types are
 * read from the built schema, so a new Node type fails here until
 * - its module registers a fetcher for it (`nodes: { Type: … }` in its index.ts), and
 * - CASES below says how to create one in a fresh database, who sees it and who does not.
 *
 * For each type an instance is created through GraphQL (factories where no mutation makes one);
 * then node(id) must give it (`__typename` the type, the same id) to the viewers that see it in its
 * lists and null to those that do not, and for every viewer below it must agree with the type's
 * visibility SQL in its module's policy (what lists, counts and loaders use; a type without one is
 * public).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { as, createTestApp, TEST_PASSWORD, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise } from '../harness/factories.js';
import { calendarsAndWindow, fileRecommendationPackage, noticeWithObjections, submitted } from '../application/flow.js';
import { creditCodeFor, insertPerson } from '../../seeds/factories.js';
import { sheetInput } from '../../seeds/evaluation-sheets.js';
import { createSchema } from '../../src/schema.js';
import { MODULES } from '../../src/modules/index.js';
import { ENTITIES } from '../../src/entities.js';
import type { AppModule } from '../../src/common/module.js';
import type { Visibility } from '../../src/common/policy.js';
import { fromGlobalId } from '../../src/common/node.js';
import { and, query, sql, trusted } from '../../src/common/sql.js';
import type { Viewer } from '../../src/context.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { gid, JS, rng, TODAY, ZJ, type Case, type ViewerName, type World } from './node-cases/world.js';
import { SERVICE_MEASURE_CASES } from './node-cases/service-measure.js';
import { CONSULTING_CASES } from './node-cases/consulting.js';
import { ASSIGNMENT_CASES } from './node-cases/assignment.js';
import { REPORTING_CASES } from './node-cases/reporting.js';
import { PROVINCIAL_CASES } from './node-cases/provincial.js';
import { NAVIGATION_CASES } from './node-cases/navigation.js';


const modules = MODULES as readonly AppModule[];
const schema = await createSchema();
/** The object types that implement Node, by name. */
const NODE_TYPES = Object.values(schema.getTypeMap())
  .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
  .map((t) => t.name)
  .sort();


/**
 * How to make one of each Node type. A type added to the schema without an entry here fails the
 * test: add one (through the mutation that creates it where there is one).
 */
const CASES: Record<string, Case> = {
  ...SERVICE_MEASURE_CASES,
  ...CONSULTING_CASES,
  ...ASSIGNMENT_CASES,
  ...REPORTING_CASES,
  ...PROVINCIAL_CASES,
  ...NAVIGATION_CASES,
  Region: {
    create: async ({ t }) => (await t.ok(`{ region(code: "${JS}") { id } }`)).region.id,
    seenBy: ['anonymous', 'national'],
    hiddenFrom: { public: 'reference data' },
  },
  Bureau: {
    create: async ({ t }) => (await t.ok(`{ bureaus { id code } }`)).bureaus.find((b: { code: string }) => b.code === JS).id,
    seenBy: ['anonymous', 'national'],
    hiddenFrom: { public: 'reference data' },
  },
  Industry: {
    create: async ({ t }) => (await t.ok(`{ industry(code: "39") { id } }`)).industry.id,
    seenBy: ['anonymous', 'national'],
    hiddenFrom: { public: 'reference data' },
  },
  Enterprise: {
    // Not designated: outside the public directory.
    create: async ({ t, nextCode }) => createEnterprise(t, nextCode()),
    // ('enterprise' is another enterprise of Jiangsu.)
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'expert', 'serviceProvider'],
  },
  EnterpriseStatistics: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok(`mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { statistics { id } } }`, {
          input: { enterpriseId: gid('Enterprise', enterpriseId), year: 2025, inventionGrants: 7 },
        })
      ).setEnterpriseStatistics.statistics.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  Designation: {
    // Designations are made by publishing a notice's list; an expired one (its enterprise is then
    // outside the public directory) from the factory.
    create: async ({ t, enterpriseId }) => {
      const d = await makeDesignation(t.orm.em, { id: enterpriseId } as Enterprise, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2020, validFrom: '2020-12-01', validUntil: '2023-11-30' });
      return gid('Designation', d.id);
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  RevocationIncident: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok(`mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`, {
          input: { enterpriseId: gid('Enterprise', enterpriseId), kind: 'FALSE_MATERIAL', occurredOn: '2026-01-15', description: '虚报数据', evidence: '核查报告' },
        })
      ).recordIncident.incident.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  ApplicationBan: {
    // Revoking a demonstration title starts a ban.
    create: async ({ t }) => {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: JS });
      const d = await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-12-01', validUntil: '2027-11-30' });
      const incident = (
        await t.ok(`mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { incident { id } } }`, {
          input: { enterpriseId: gid('Enterprise', e.id), kind: 'FALSE_MATERIAL', occurredOn: '2026-01-15', description: '虚报数据', evidence: '核查报告' },
        })
      ).recordIncident.incident.id;
      return (
        await t.ok(`mutation($input: RevokeDesignationInput!) { revokeDesignation(input: $input) { ban { id } } }`, {
          input: { designationId: gid('Designation', d.id), incidentIds: [incident], reason: '提供虚假材料' },
        })
      ).revokeDesignation.ban.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise'],
  },
  AuditEntry: {
    // The entry of an enterprise's creation (jurisdiction Jiangsu).
    create: async ({ t, nextCode }) => {
      const enterprise = await createEnterprise(t, nextCode());
      return (await t.ok(`query($id: String!) { auditLog(first: 1, filter: { objectId: $id }) { edges { node { id } } } }`, { id: enterprise })).auditLog.edges[0].node.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'expert', 'serviceProvider'],
  },
  DemonstrationApplication: {
    create: async ({ t }) => (await submitted(t, rng, JS)).id,
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  AdvantageApplication: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok(`mutation($input: SaveAdvantageApplicationInput!) { saveAdvantageApplication(input: $input) { application { id } } }`, {
          input: { enterpriseId: gid('Enterprise', enterpriseId), year: Number(TODAY.slice(0, 4)), formContent: '申报书', workPlan: '培育方案' },
        }, as.enterprise(enterpriseId))
      ).saveAdvantageApplication.application.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  AdvantageBatch: {
    create: async ({ t }) => {
      const year = Number(TODAY.slice(0, 4));
      const found = (await t.ok(`query($y: Int!) { advantageBatches(year: $y) { id } }`, { y: year }, as.provincial(JS))).advantageBatches[0]?.id;
      return found ?? (await t.ok(`mutation($input: SetAdvantageBatchInput!) { setAdvantageBatch(input: $input) { batch { id } } }`, { input: { year, opensOn: `${year}-01-01`, closesOn: `${year}-06-30` } }, as.provincial(JS))).setAdvantageBatch.batch.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise'],
  },
  CultivationReport: {
    // A report of the first year of an advantage cultivation that began a year ago and has since
    // been left (so that the enterprise stays outside the public directory).
    create: async ({ t, enterpriseId }) => {
      const from = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;
      const d = await makeDesignation(t.orm.em, { id: enterpriseId } as Enterprise, { level: 'ADVANTAGE', status: 'WITHDRAWN', batchYear: Number(from.slice(0, 4)), validFrom: from, validUntil: `${Number(from.slice(0, 4)) + 3}${from.slice(4)}` });
      await t.sql(`update designation set ended_on = ?::date where id = ?`, [TODAY, d.id]);
      return (
        await t.ok(`mutation($input: SubmitCultivationReportInput!) { submitCultivationReport(input: $input) { report { id } } }`, {
          input: { designationId: gid('Designation', d.id), cultivationYear: 1, progress: '进展', nextSteps: '计划' },
        }, as.enterprise(enterpriseId))
      ).submitCultivationReport.report.id;
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  PublicNotice: {
    // Opened by the national bureau through openPublicNotice, as the application flow does.
    create: async ({ t }) => (await noticeWithObjections(t, rng, TODAY, 0)).notice.id,
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'a public notice is public (R6)' },
  },
  Objection: {
    create: async ({ t }) => (await noticeWithObjections(t, rng, TODAY, 1)).objections[0]!,
    seenBy: ['national'],
    hiddenFrom: ['anonymous', 'jiangsu', 'zhejiang', 'enterprise'],
  },
  EvaluationSheet: {
    // Kept by the national bureau through saveEvaluationSheet (for a year no application uses).
    create: async ({ t }) =>
      (await t.ok(`mutation($input: SaveEvaluationSheetInput!) { saveEvaluationSheet(input: $input) { sheet { id } } }`, { input: sheetInput(2030, 'A') })).saveEvaluationSheet.sheet.id,
    seenBy: ['anonymous', 'national', 'jiangsu', 'enterprise'],
    hiddenFrom: { public: 'the evaluation index system is public' },
  },
  RecommendationPackage: {
    create: async ({ t }) => (await fileRecommendationPackage(t, JS)).saveRecommendationPackage.package.id,
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise'],
  },
  StoredFile: {
    // Uploaded by a user of the enterprise through POST /files.
    create: async ({ t, enterpriseId }) => {
      const { accessToken } = await t.login('ENTERPRISE_USER', { enterpriseId });
      const boundary = `----iptest${randomUUID()}`;
      const body = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="node.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        body,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.app.fastify.inject({ method: 'POST', url: '/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${accessToken}` } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  Person: {
    // No mutation creates a person record: the demo data's factory.
    create: async ({ t, enterpriseId }) => gid('Person', await insertPerson(t.orm.em, { name: '节点测试人员', employerEnterpriseId: enterpriseId, category: 'IP_MANAGER' })),
    seenBy: ['national'],
    hiddenFrom: ['anonymous', 'otherEnterprise', 'serviceProvider'],
  },
  PoolMembership: {
    create: async ({ t, enterpriseId, personId }) =>
      (
        await t.ok(
          `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id } } }`,
          { input: { personId: gid('Person', personId), pool: 'EXPERT_POOL', reason: '业务骨干' } },
          as.enterprise(enterpriseId),
        )
      ).nominateToPool.membership.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  ServiceOrganization: {
    create: async ({ t }) => (await t.ok(`mutation { createTrainingBase(input: { name: "国家知识产权培训（节点）基地", regionCode: "${JS}" }) { base { id } } }`)).createTrainingBase.base.id,
    seenBy: ['anonymous', 'national', 'zhejiang'],
    hiddenFrom: { public: 'the directory of service organisations is public (their contacts are not)' },
  },
  TrainingTextbook: {
    create: async ({ t }) =>
      (
        await t.ok(`mutation($input: CreateTrainingTextbookInput!) { createTrainingTextbook(input: $input) { textbook { id } } }`, {
          input: { title: '节点教材', edition: '第1版', editors: '国家知识产权局', publishedYear: 2025, tier: 'IP_MANAGER' },
        })
      ).createTrainingTextbook.textbook.id,
    seenBy: ['anonymous', 'national'],
    hiddenFrom: { public: 'the training catalogue is public' },
  },
  TrainingProgram: {
    create: async ({ t }) => createProgram(t),
    seenBy: ['anonymous', 'national'],
    hiddenFrom: { public: 'the training catalogue is public' },
  },
  TrainingSession: {
    create: async ({ t }) => createSession(t),
    seenBy: ['anonymous', 'national'],
    hiddenFrom: { public: 'the training catalogue is public' },
  },
  Enrolment: {
    create: async ({ t, enterpriseId, personId }) =>
      (
        await t.ok(
          `mutation($input: EnrolInput!) { enrol(input: $input) { enrolment { id } } }`,
          { input: { sessionId: await createSession(t), personId: gid('Person', personId) } },
          as.enterprise(enterpriseId),
        )
      ).enrol.enrolment.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise'],
  },
  User: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok(`mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`, {
          input: { username: `node-${randomUUID().slice(0, 8)}`, displayName: '节点测试用户', role: 'ENTERPRISE_USER', enterpriseId: gid('Enterprise', enterpriseId), password: TEST_PASSWORD },
        })
      ).createUser.user.id,
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'expert'],
  },
};

async function createEnterprise(t: TestApp, creditCode: string): Promise<string> {
  return (
    await t.ok(`mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id } } }`, {
      input: { creditCode, name: `江苏节点测试科技有限公司${creditCode.slice(-4)}`, regionCode: JS, industryCode: '39', sizeClass: 'SMALL', foundedOn: '2015-03-01' },
    })
  ).createEnterprise.enterprise.id;
}

async function createProgram(t: TestApp): Promise<string> {
  return (
    await t.ok(`mutation($input: CreateTrainingProgramInput!) { createTrainingProgram(input: $input) { program { id } } }`, {
      input: { title: '企业知识产权管理实务（节点）', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' },
    })
  ).createTrainingProgram.program.id;
}

async function createSession(t: TestApp): Promise<string> {
  const input = { programId: await createProgram(t), startsOn: '2026-09-10', endsOn: '2026-09-11', capacity: 30, registrationClosesOn: '2026-09-01', place: '南京', regionCode: JS };
  return (await t.ok(`mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { id } } }`, { input })).createTrainingSession.session.id;
}

/** Per GraphQL type, the visibility its module's policy declares (what its lists use). */
const VISIBILITY = new Map<string, Visibility>(modules.flatMap((m) => Object.entries(m.policy.visibility ?? {})));

/** Whether the policy lets `viewer` see the row behind `globalId` (a type without a declared visibility is public). */
async function policySees(t: TestApp, type: string, globalId: string, viewer: Viewer): Promise<boolean> {
  const entity = ENTITIES.find((e) => e.name === type);
  if (!entity) throw new Error(`no entity class is named ${type}: say here which table a ${type} is read from`);
  const meta = t.orm.getMetadata().get(entity as EntityClass<object>);
  const key = meta.props.find((p) => p.primary)!.fieldNames[0]!;
  const condition = VISIBILITY.get(type)?.(viewer, TODAY, 'nv') ?? null;
  const em = t.orm.em.fork() as EntityManager;
  const rows = await query(em, sql`select 1 from ${trusted(`"${meta.tableName}" as nv`)} where ${and(sql`${trusted(`nv."${key}"`)}::text = ${fromGlobalId(globalId)!.key}`, condition)}`);
  return rows.length > 0;
}

describe('node(id) for every type that implements Node', () => {
  let t: TestApp;
  let world: World;
  let viewers: Record<ViewerName, Viewer>;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await calendarsAndWindow(t);
    let serial = 880_000;
    const nextCode = () => creditCodeFor(JS, serial++);
    const enterpriseId = (await makeEnterprise(t.orm.em, rng, { regionCode: JS, industryCode: '39' })).id;
    const personId = await insertPerson(t.orm.em, { name: '节点测试员工', employerEnterpriseId: enterpriseId, category: 'IP_MANAGER' });
    const baseGid = (await t.ok(`mutation { createTrainingBase(input: { name: "国家知识产权培训（江苏节点）基地", regionCode: "${JS}" }) { base { id } } }`)).createTrainingBase.base.id;
    viewers = {
      anonymous: as.anonymous,
      national: as.national(),
      jiangsu: as.provincial(JS),
      zhejiang: as.provincial(ZJ),
      enterprise: as.enterprise(enterpriseId),
      otherEnterprise: as.enterprise(randomUUID()),
      expert: as.user('EXPERT', { personId: randomUUID() }),
      serviceProvider: as.user('SERVICE_PROVIDER', { organizationId: fromGlobalId(baseGid)!.key }),
    };
    world = { t, enterpriseId, personId, baseId: fromGlobalId(baseGid)!.key, nextCode, viewers };
  });
  afterAll(() => t?.close());

  it('the schema has Node types (so the checks below are not empty)', () => {
    expect(NODE_TYPES.length).toBeGreaterThan(10);
    expect(NODE_TYPES).toContain('PublicNotice');
  });

  it('every Node type has a fetcher registered by exactly one module, and every fetcher a Node type', () => {
    const owners = new Map<string, string[]>();
    for (const m of modules) for (const type of Object.keys(m.nodes)) owners.set(type, [...(owners.get(type) ?? []), m.name]);
    const missing = NODE_TYPES.filter((type) => !owners.has(type));
    expect(missing, `Node types without a fetcher: add \`nodes: { ${missing.join(', ')}: fetchVisibleByIds(…, <its policy's visibility>) }\` to the owning module's index.ts`).toEqual([]);
    expect([...owners].filter(([, by]) => by.length > 1), 'a Node type registered by more than one module').toEqual([]);
    expect([...owners.keys()].filter((type) => !NODE_TYPES.includes(type)), 'fetchers registered for types that do not implement Node').toEqual([]);
  });

  it('every Node type has a case in this test, and every case a Node type', () => {
    const missing = NODE_TYPES.filter((type) => !CASES[type]);
    expect(missing, `Node types without a case: add ${missing.join(', ')} to CASES in test/architecture/node-implementations.test.ts (how to create one, who sees it, who does not)`).toEqual([]);
    expect(Object.keys(CASES).filter((type) => !NODE_TYPES.includes(type)), 'cases for types that no longer implement Node').toEqual([]);
  });

  it('every case names who sees it, and who does not unless the type is public', () => {
    for (const [type, c] of Object.entries(CASES)) {
      expect(c.seenBy.length, type).toBeGreaterThan(0);
      if (Array.isArray(c.hiddenFrom)) {
        expect(c.hiddenFrom.length, `${type}: a type that is not public names at least one viewer who does not see it`).toBeGreaterThan(0);
        expect(c.hiddenFrom.filter((v) => c.seenBy.includes(v)), type).toEqual([]);
      } else {
        expect(c.seenBy, `${type} is public: the anonymous viewer sees it`).toContain('anonymous');
        expect(VISIBILITY.get(type)?.(as.anonymous, TODAY, 'nv') ?? null, `${type} is public: its policy's visibility has no condition`).toBeNull();
      }
    }
  });

  const LOOKUP = `query($id: ID!) { node(id: $id) { __typename id } nodes(ids: [$id]) { __typename id } }`;

  it.each(NODE_TYPES)('%s: node(id) answers it to whoever sees it in its lists, and null to whoever does not', async (type) => {
    const c = CASES[type];
    if (!c) throw new Error(`${type} implements Node but has no case: add it to CASES in test/architecture/node-implementations.test.ts`);
    const id = await c.create(world);
    expect(fromGlobalId(id)?.type, `${type} ids encode their type`).toBe(type);

    const answer = async (viewer: Viewer) => {
      const r = await t.gql(LOOKUP, { id }, viewer);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data!.nodes, 'nodes(ids) answers as node(id)').toEqual([r.data!.node]);
      return r.data!.node as { __typename: string; id: string } | null;
    };
    for (const name of c.seenBy) expect(await answer(viewers[name]), `${type} by node(id) as ${name}`).toEqual({ __typename: type, id });
    if (Array.isArray(c.hiddenFrom)) for (const name of c.hiddenFrom) expect(await answer(viewers[name]), `${type} by node(id) as ${name}`).toBeNull();

    // Every viewer: node(id) answers exactly when the policy's visibility (the lists' condition) lets it see the row.
    const disagreements: string[] = [];
    for (const [name, viewer] of Object.entries(viewers)) {
      const listed = await policySees(t, type, id, viewer);
      const found = (await answer(viewer)) !== null;
      if (listed !== found) disagreements.push(`${name}: the policy ${listed ? 'shows' : 'hides'} it, node(id) ${found ? 'answers it' : 'answers null'}`);
    }
    expect(disagreements, type).toEqual([]);
  });
});
