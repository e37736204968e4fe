/**
 * The Node cases of patent navigation and IP operation (issue 16) for
 * test/architecture/node-implementations.test.ts.
 */
import { as } from '../../harness/app.js';
import { makeDesignation, makeEnterprise } from '../../harness/factories.js';
import { applicationCheckCharacter } from '../../../src/common/patent-number.js';
import { gid, JS, rng, type Case } from './world.js';

let serial = 7_000_000;
const applicationNumber = () => {
  const digits = `20262${serial++}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};

const PROJECT = `mutation($input: CreateNavigationProjectInput!) { createNavigationProject(input: $input) { project { id version } } }`;
const project = async (t: Parameters<Case['create']>[0]['t'], enterpriseId: string) =>
  (
    await t.ok<{ createNavigationProject: { project: { id: string; version: number } } }>(
      PROJECT,
      { input: { enterpriseId: gid('Enterprise', enterpriseId), title: '专利导航', area: 'IP_STRATEGY', objective: '支撑知识产权战略', ipcClasses: ['G06N'] } },
      as.enterprise(enterpriseId),
    )
  ).createNavigationProject.project;

let countries = ['FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'SE', 'NO', 'FI', 'DK'];
/** A titled enterprise of Jiangsu (R20's reporters) and a workstation covering Japan, made once. */
let caseWorld: { enterpriseId: string } | null = null;
async function titledWithStation(t: Parameters<Case['create']>[0]['t']): Promise<{ enterpriseId: string }> {
  if (caseWorld) return caseWorld;
  const e = await makeEnterprise(t.orm.em, rng, { regionCode: JS });
  await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
  const [org] = await t.sql<{ id: string }>(`insert into service_organization (id, created_at, updated_at, name, kind, country) values (gen_random_uuid(), now(), now(), '驻日本工作站', 'OVERSEAS_STATION', '日本') returning id`);
  await t.ok(`mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { id } } }`, {
    input: { organizationId: gid('ServiceOrganization', org!.id), hostOffice: '代表处', countryCode: 'JP', city: '东京', countriesCovered: ['JP'], languages: ['ja'], timeZone: 'Asia/Tokyo', weeklyHours: [{ weekday: 1, from: '09:00', to: '17:00' }] },
  });
  caseWorld = { enterpriseId: e.id };
  return caseWorld;
}

export const NAVIGATION_CASES: Record<string, Case> = {
  // Issue 17's cases: confidential to the enterprise, the handler, its bureau and the national bureau.
  ProtectionCase: {
    create: async ({ t }) => {
      const { enterpriseId } = await titledWithStation(t);
      return (
        await t.ok<{ reportProtectionCase: { protectionCase: { id: string } } }>(
          `mutation($input: ReportProtectionCaseInput!) { reportProtectionCase(input: $input) { protectionCase { id } } }`,
          { input: { channel: 'OVERSEAS', type: 'INFORMATION_NEED', urgency: 'NORMAL', countryCode: 'JP', title: '信息需求', description: '日本实用新型制度' } },
          as.enterprise(enterpriseId),
        )
      ).reportProtectionCase.protectionCase.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  OverseasConsultation: {
    create: async ({ t }) => {
      const { enterpriseId } = await titledWithStation(t);
      return (
        await t.ok<{ requestOverseasConsulting: { consultation: { id: string } } }>(
          `mutation($input: RequestOverseasConsultingInput!) { requestOverseasConsulting(input: $input) { consultation { id } } }`,
          { input: { topic: 'LAYOUT', countryCodes: ['KR'], question: '韩国专利布局' } },
          as.enterprise(enterpriseId),
        )
      ).requestOverseasConsulting.consultation.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  // A dishonesty record whose publicity ended: no longer public.
  CreditRecord: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok<{ recordCredit: { creditRecord: { id: string } } }>(
          `mutation($input: RecordCreditInput!) { recordCredit(input: $input) { creditRecord { id } } }`,
          { input: { enterpriseId: gid('Enterprise', enterpriseId), kind: 'DISHONESTY', title: '失信', authority: '某局', decidedOn: '2026-01-05', publicUntil: '2026-03-01', description: '情况' } },
        )
      ).recordCredit.creditRecord.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  OverseasPublication: {
    // A draft of the national bureau's own: only the national bureau sees it.
    create: async ({ t }) =>
      (
        await t.ok<{ draftOverseasPublication: { publication: { id: string } } }>(
          `mutation($input: DraftOverseasPublicationInput!) { draftOverseasPublication(input: $input) { publication { id } } }`,
          { input: { publication: { kind: 'OPERATION_GUIDE', countryCodes: ['DE'], title: '指引', summary: '摘要', language: 'zh' } } },
        )
      ).draftOverseasPublication.publication.id,
    seenBy: ['national'],
    hiddenFrom: ['anonymous', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  OverseasObserver: {
    create: async ({ t, enterpriseId }) => {
      await t.sql(`update overseas_observer set ended_on = appointed_on where enterprise_id = ? and ended_on is null`, [enterpriseId]);
      return (
        await t.ok<{ appointObserver: { observer: { id: string } } }>(
          `mutation($input: AppointObserverInput!) { appointObserver(input: $input) { observer { id } } }`,
          { input: { enterpriseId: gid('Enterprise', enterpriseId), countryCodes: ['DE'], appointedOn: '2026-03-01', reason: '外贸企业' } },
        )
      ).appointObserver.observer.id;
    },
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'the observer enterprises are a published list [D 四(二)三]' },
  },
  ObserverReport: {
    create: async ({ t, enterpriseId }) => {
      await t.sql(`update overseas_observer set ended_on = appointed_on where enterprise_id = ? and ended_on is null`, [enterpriseId]);
      const observer = (
        await t.ok<{ appointObserver: { observer: { id: string } } }>(
          `mutation($input: AppointObserverInput!) { appointObserver(input: $input) { observer { id } } }`,
          { input: { enterpriseId: gid('Enterprise', enterpriseId), countryCodes: ['JP'], appointedOn: '2026-03-01', reason: '外贸企业' } },
        )
      ).appointObserver.observer.id;
      return (
        await t.ok<{ fileObserverReport: { report: { id: string } } }>(
          `mutation($input: FileObserverReportInput!) { fileObserverReport(input: $input) { report { id } } }`,
          { input: { observerId: observer, countryCode: 'JP', title: '观察', body: '内容' } },
          as.enterprise(enterpriseId),
        )
      ).fileObserverReport.report.id;
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  // Issue 17's types, kept with their neighbours of issue 16.
  OverseasWorkstation: {
    create: async ({ t }) => {
      const [country] = countries;
      countries = countries.slice(1);
      const [org] = await t.sql<{ id: string }>(`insert into service_organization (id, created_at, updated_at, name, kind, country) values (gen_random_uuid(), now(), now(), ?, 'OVERSEAS_STATION', ?) returning id`, [`驻外工作站 ${country}`, country]);
      return (
        await t.ok<{ setOverseasWorkstation: { workstation: { id: string } } }>(
          `mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { id } } }`,
          { input: { organizationId: gid('ServiceOrganization', org!.id), hostOffice: '代表处', countryCode: country, city: '首都', countriesCovered: [country], languages: ['zh'], timeZone: 'Europe/Paris', weeklyHours: [{ weekday: 1, from: '09:00', to: '17:00' }] } },
        )
      ).setOverseasWorkstation.workstation.id;
    },
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'the workstations directory is public [D 四(二)一]' },
  },
  IndustryAnalysisReport: {
    // A draft: its publisher, the bureau of the publisher's jurisdiction and the national bureau.
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok<{ draftIndustryReport: { report: { id: string } } }>(
          `mutation($input: DraftIndustryReportInput!) { draftIndustryReport(input: $input) { report { id } } }`,
          { input: { report: { industryCode: '39', title: '行业分析', summary: '摘要' } } },
          as.enterprise(enterpriseId),
        )
      ).draftIndustryReport.report.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  CollaborationAgreement: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok<{ recordCollaborationAgreement: { agreement: { id: string } } }>(
          `mutation($input: RecordCollaborationAgreementInput!) { recordCollaborationAgreement(input: $input) { agreement { id } } }`,
          { input: { enterpriseId: gid('Enterprise', enterpriseId), agreement: { title: '协同创新', description: '联合攻关', partners: [{ name: '某大学', kind: 'UNIVERSITY' }], ipcClasses: ['G06N'], startsOn: '2026-01-01' } } },
          as.enterprise(enterpriseId),
        )
      ).recordCollaborationAgreement.agreement.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  StandardParticipation: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok<{ recordStandardParticipation: { standard: { id: string } } }>(
          `mutation($input: RecordStandardParticipationInput!) { recordStandardParticipation(input: $input) { standard { id } } }`,
          { input: { enterpriseId: gid('Enterprise', enterpriseId), standard: { standardNumber: `T/CAB ${serial++}-2026`, title: '团体标准', level: 'GROUP', role: 'LEAD' } } },
          as.enterprise(enterpriseId),
        )
      ).recordStandardParticipation.standard.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  PatentAlliance: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok<{ createPatentAlliance: { alliance: { id: string } } }>(
          `mutation($input: CreatePatentAllianceInput!) { createPatentAlliance(input: $input) { alliance { id } } }`,
          { input: { name: '产业专利联盟', industryCode: '39', leadEnterpriseId: gid('Enterprise', enterpriseId), purpose: '联合维权', foundedOn: '2026-01-10' } },
          as.enterprise(enterpriseId),
        )
      ).createPatentAlliance.alliance.id,
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'alliances and their members are public [D 四(一)四]; their defence funds are not (PatentAlliance.fund)' },
  },
  IpOperation: {
    create: async ({ t, enterpriseId }) =>
      (
        await t.ok<{ recordIpOperation: { operation: { id: string } } }>(
          `mutation($input: RecordIpOperationInput!) { recordIpOperation(input: $input) { operation { id } } }`,
          { input: { enterpriseId: gid('Enterprise', enterpriseId), operation: { kind: 'PLEDGE', counterparty: '银行', amount: 1000000, signedOn: '2026-05-01', termMonths: 12, applicationNumbers: [applicationNumber()] } } },
          as.enterprise(enterpriseId),
        )
      ).recordIpOperation.operation.id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  NavigationProject: {
    create: async ({ t, enterpriseId }) => (await project(t, enterpriseId)).id,
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  NavigationReport: {
    // Not published: seen with its project.
    create: async ({ t, enterpriseId }) => {
      const p = await project(t, enterpriseId);
      await t.ok(`mutation($input: AdvanceNavigationProjectInput!) { advanceNavigationProject(input: $input) { project { id } } }`, { input: { id: p.id, version: p.version, status: 'ANALYSING' } }, as.enterprise(enterpriseId));
      return (
        await t.ok<{ submitNavigationReport: { report: { id: string } } }>(
          `mutation($input: SubmitNavigationReportInput!) { submitNavigationReport(input: $input) { report { id } } }`,
          { input: { projectId: p.id, title: '分析报告', summary: '摘要', deliveredOn: '2026-06-01' } },
          as.enterprise(enterpriseId),
        )
      ).submitNavigationReport.report.id;
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  PriorityExaminationRequest: {
    // A titled enterprise of Jiangsu of its own (the shared one holds no title): seen by it, its bureau and the national bureau.
    create: async ({ t }) => {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: JS });
      await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      const input = { enterpriseId: gid('Enterprise', e.id), applicationNumber: applicationNumber(), title: '一种电池管理方法', ipcClasses: ['H01M 10/42'], reason: '新能源关键技术' };
      return (await t.ok<{ requestPriorityExamination: { request: { id: string } } }>(`mutation($input: RequestPriorityExaminationInput!) { requestPriorityExamination(input: $input) { request { id } } }`, { input }, as.enterprise(e.id)))
        .requestPriorityExamination.request.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
};
