/**
 * The Node cases of the service-team measure and the daily contact [D 四(三), 五(一), A 四(二)]:
 * liaisons, reminders, work reports, needs, contacts, standard implementations (and the service
 * module's types), for test/architecture/node-implementations.test.ts.
 */
import { as } from '../../harness/app.js';
import { makeDesignation, makeEnterprise } from '../../harness/factories.js';
import { insertPerson } from '../../../seeds/factories.js';
import { OrganizationKind, ServiceOrganization } from '../../../src/modules/organization/organization.entity.js';
import type { Enterprise } from '../../../src/modules/enterprise/enterprise.entity.js';
import { gid, JS, rng, type Case, type World } from './world.js';

/** A demonstration enterprise of Jiangsu (a title valid on the test's today) — R16's subjects. */
async function demonstration({ t }: World): Promise<Enterprise> {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode: JS });
  await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
  return e;
}

/** A service team registered in Jiangsu by the national admin: its global id. */
async function createTeam(t: World['t'], name: string): Promise<string> {
  return (await t.ok(`mutation { createServiceOrganization(input: { name: "${name}", kind: SERVICE_TEAM, regionCode: "${JS}" }) { organization { id } } }`)).createServiceOrganization.organization.id;
}

const RECORD_OF_ENTERPRISE = { seenBy: ['national', 'jiangsu'], hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'] } as const;

export const SERVICE_MEASURE_CASES: Record<string, Case> = {
  Liaison: {
    create: async (w) => {
      const e = await demonstration(w);
      const person = await insertPerson(w.t.orm.em, { name: '节点联络员', employerEnterpriseId: e.id, category: 'IP_MANAGER' });
      const input = { enterpriseId: gid('Enterprise', e.id), personId: gid('Person', person), phone: '025-88880000', email: 'ip@example.cn' };
      return (await w.t.ok(`mutation($input: NameLiaisonInput!) { nameLiaison(input: $input) { liaison { id } } }`, { input }, as.enterprise(e.id))).nameLiaison.liaison.id;
    },
    seenBy: [...RECORD_OF_ENTERPRISE.seenBy],
    hiddenFrom: [...RECORD_OF_ENTERPRISE.hiddenFrom],
  },
  LiaisonReminder: {
    create: async (w) => {
      const e = await demonstration(w);
      const input = { enterpriseId: gid('Enterprise', e.id), message: '请尽快指定联络员。' };
      return (await w.t.ok(`mutation($input: RemindLiaisonInput!) { remindLiaison(input: $input) { reminder { id } } }`, { input }, as.provincial(JS))).remindLiaison.reminder.id;
    },
    seenBy: [...RECORD_OF_ENTERPRISE.seenBy],
    hiddenFrom: [...RECORD_OF_ENTERPRISE.hiddenFrom],
  },
  WorkReport: {
    create: async (w) => {
      const e = await demonstration(w);
      const saved = await w.t.ok(`mutation($input: SaveWorkReportInput!) { saveWorkReport(input: $input) { report { id version } } }`, {
        input: { enterpriseId: gid('Enterprise', e.id), year: 2026, period: 'Q1', sections: [{ category: 'STRATEGY', content: '制定知识产权战略规划。' }] },
      }, as.enterprise(e.id));
      const report = saved.saveWorkReport.report;
      await w.t.ok(`mutation($input: SubmitWorkReportInput!) { submitWorkReport(input: $input) { report { id } } }`, { input: { id: report.id, version: report.version } }, as.enterprise(e.id));
      return report.id;
    },
    seenBy: [...RECORD_OF_ENTERPRISE.seenBy],
    hiddenFrom: [...RECORD_OF_ENTERPRISE.hiddenFrom],
  },
  EnterpriseNeed: {
    // Assigned to the world's training base, whose provider then sees it.
    create: async (w) => {
      const e = await demonstration(w);
      const step = async (mutation: string, input: Record<string, unknown>, viewer = as.provincial(JS)) => {
        const name = mutation[0]!.toUpperCase() + mutation.slice(1);
        return (await w.t.ok(`mutation($input: ${name}Input!) { ${mutation}(input: $input) { need { id version } } }`, { input }, viewer))[mutation].need as { id: string; version: number };
      };
      const need = await step('submitNeed', { enterpriseId: gid('Enterprise', e.id), category: 'OVERSEAS', title: '海外布局', description: '拟进入欧洲市场，需要海外专利布局建议。', urgency: 'HIGH' }, as.enterprise(e.id));
      const accepted = await step('acceptNeed', { id: need.id, version: need.version });
      await step('assignNeed', { id: need.id, version: accepted.version, organizationId: gid('ServiceOrganization', w.baseId) });
      return need.id;
    },
    seenBy: ['national', 'jiangsu', 'serviceProvider'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert'],
  },
  ContactRecord: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok(`mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } } }`, {
          input: { enterpriseId: gid('Enterprise', enterpriseId), contactedOn: '2026-06-10', channel: 'PHONE', subject: '了解知识产权工作', summary: '电话了解近况。' },
        }, as.provincial(JS))
      ).recordContact.contact.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  StandardImplementation: {
    // An advantage enterprise matched with a 贯标 team (not the world's training base, so its provider does not see it).
    create: async ({ t }) => {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: JS, standardCertifiedOn: null });
      await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
      const em = t.orm.em.fork();
      const team = em.create(ServiceOrganization, { name: '江苏贯标服务团队（节点）', kind: OrganizationKind.SERVICE_TEAM, region: JS } as never) as ServiceOrganization;
      await em.flush();
      const input = { enterpriseId: gid('Enterprise', e.id), organizationId: gid('ServiceOrganization', team.id) };
      return (await t.ok(`mutation($input: MatchStandardTeamInput!) { matchStandardTeam(input: $input) { implementation { id } } }`, { input }, as.provincial(JS))).matchStandardTeam.implementation.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  OrganizationMember: {
    create: async ({ t, personId, baseId }) =>
      (
        await t.ok(`mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { member { id } } }`, {
          input: { organizationId: gid('ServiceOrganization', baseId), personId: gid('Person', personId), role: 'MEMBER', startsOn: '2026-01-01' },
        })
      ).addOrganizationMember.member.id,
    seenBy: ['national', 'jiangsu', 'zhejiang', 'serviceProvider'],
    hiddenFrom: ['anonymous', 'enterprise', 'otherEnterprise', 'expert'],
  },
  SelectedServiceTeam: {
    create: async ({ t }) => {
      const org = await createTeam(t, '节点测试服务团队');
      const input = { organizationId: org, year: 2026, termStartsOn: '2026-03-01', termEndsOn: '2027-02-28' };
      return (await t.ok(`mutation($input: SelectServiceTeamInput!) { selectServiceTeam(input: $input) { selection { id } } }`, { input })).selectServiceTeam.selection.id;
    },
    seenBy: ['anonymous', 'national', 'zhejiang', 'enterprise', 'serviceProvider'],
    hiddenFrom: { public: 'the selected quality teams are a public list (no personal data)' },
  },
  ServiceStation: {
    // Requested, not yet open: the enterprise's record (an open station is public).
    create: async (w) => {
      const e = await demonstration(w);
      return (await w.t.ok(`mutation($input: RequestServiceStationInput!) { requestServiceStation(input: $input) { station { id } } }`, { input: { enterpriseId: gid('Enterprise', e.id), note: '需求' } }, as.enterprise(e.id))).requestServiceStation.station.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  CommissionerDispatch: {
    create: async ({ t, enterpriseId }) => {
      const org = await createTeam(t, '节点测试特派团队');
      const person = gid('Person', await insertPerson(t.orm.em, { name: '节点测试特派员', regionCode: JS }));
      await t.ok(`mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { member { id } } }`, { input: { organizationId: org, personId: person, role: 'MEMBER', startsOn: '2026-01-01' } });
      const input = { enterpriseId: gid('Enterprise', enterpriseId), personId: person, organizationId: org, startsOn: '2026-07-01', endsOn: '2027-06-30', purpose: '专利导航' };
      return (await t.ok(`mutation($input: DispatchCommissionerInput!) { dispatchCommissioner(input: $input) { dispatch { id } } }`, { input })).dispatchCommissioner.dispatch.id;
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  ServiceRecord: {
    create: async ({ t, enterpriseId, baseId }) =>
      (
        await t.ok(`mutation($input: RecordServiceInput!) { recordService(input: $input) { record { id } } }`, {
          input: { enterpriseId: gid('Enterprise', enterpriseId), organizationId: gid('ServiceOrganization', baseId), type: 'TRAINING', servedOn: '2026-06-01', hours: 6, summary: '知识产权管理实务培训' },
        })
      ).recordService.record.id,
    seenBy: ['national', 'jiangsu', 'enterprise', 'serviceProvider'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert'],
  },
};
