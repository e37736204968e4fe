/**
 * Collaborative innovation [D 四(一)二]: "建立示范企业与高校院所、金融机构、专利服务机构等知识产权协同创新工作
 * 机制，围绕关键技术领域集中突破并形成知识产权" — an agreement led by the enterprise with at least one
 * university, institute, financial institution or service agency, its key technology fields, its period
 * and the IP it produced; standards [D 四(一)四] "指导企业积极构建和参与标准制定" — with the patents the
 * enterprise declared essential. Recorded by the enterprise, its bureau or the national bureau; seen by
 * them only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { applicationCheckCharacter } from '../../src/common/patent-number.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const TODAY = '2026-06-15';
const number = (serial: number) => {
  const digits = `20241${String(serial).padStart(7, '0')}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};
const AGREEMENT = `id title description partners { name kind role } ipcClasses startsOn endsOn applicationNumbers enterpriseName version`;
const STANDARD = `id standardNumber title level role publishedOn essentialPatents enterpriseName version`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('collaborative innovation and standards', () => {
  let t: TestApp;
  let gd: string;
  let js: string;
  const agreement = (over: Record<string, unknown> = {}) => ({
    title: '高端数控系统联合攻关',
    description: '围绕五轴联动数控系统开展联合研发，形成核心专利组合',
    partners: [
      { name: '华中科技大学', kind: 'UNIVERSITY', role: '算法研发' },
      { name: '国家开发银行广东分行', kind: 'FINANCIAL_INSTITUTION', role: '研发贷款' },
    ],
    ipcClasses: ['G05B 19/4155'],
    startsOn: '2025-03-01',
    ...over,
  });
  const standard = (over: Record<string, unknown> = {}) => ({ standardNumber: 'GB/T 39001-2025', title: '工业机器人 通信协议', level: 'NATIONAL', role: 'LEAD', ...over });
  const recordAgreement = (viewer: Viewer, enterpriseId: string, over: Record<string, unknown> = {}) =>
    t.gql<any>(`mutation($input: RecordCollaborationAgreementInput!) { recordCollaborationAgreement(input: $input) { agreement { ${AGREEMENT} } } }`, { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), agreement: agreement(over) } }, viewer);
  const recordStandard = (viewer: Viewer, enterpriseId: string, over: Record<string, unknown> = {}) =>
    t.gql<any>(`mutation($input: RecordStandardParticipationInput!) { recordStandardParticipation(input: $input) { standard { ${STANDARD} } } }`, { input: { enterpriseId: toGlobalId('Enterprise', enterpriseId), standard: standard(over) } }, viewer);

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(61);
    gd = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
    js = (await makeEnterprise(t.orm.em, rng, { regionCode: '320000' })).id;
  });
  afterAll(() => t.close());

  it('an enterprise records an agreement with its partners, then the IP it produced', async () => {
    const a = (await recordAgreement(as.enterprise(gd), gd)).data.recordCollaborationAgreement.agreement;
    expect(a).toMatchObject({ ipcClasses: ['G05B 19/4155'], applicationNumbers: [], endsOn: null });
    expect(a.partners).toEqual([
      { name: '华中科技大学', kind: 'UNIVERSITY', role: '算法研发' },
      { name: '国家开发银行广东分行', kind: 'FINANCIAL_INSTITUTION', role: '研发贷款' },
    ]);
    const updated = (
      await t.ok(`mutation($input: UpdateCollaborationAgreementInput!) { updateCollaborationAgreement(input: $input) { agreement { ${AGREEMENT} } } }`, { input: { id: a.id, version: a.version, agreement: agreement({ applicationNumbers: [number(1), number(2), number(1)], endsOn: '2027-02-28' }) } }, as.provincial('440000'))
    ).updateCollaborationAgreement.agreement;
    expect(updated).toMatchObject({ applicationNumbers: [number(1), number(2)], endsOn: '2027-02-28' });
    const found = (await t.ok(`query($f: CooperationFilter) { collaborationAgreements(filter: $f, first: 10) { totalCount } }`, { f: { applicationNumber: number(2) } }, as.enterprise(gd))).collaborationAgreements;
    expect(found.totalCount).toBe(1);
  });

  it('an agreement needs a research, financial or service partner, valid IPC classes and dates; nothing stored otherwise', async () => {
    const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from collaboration_agreement'))[0]!.n);
    const before = await count();
    for (const over of [{ partners: [{ name: '另一企业', kind: 'ENTERPRISE' }] }, { partners: [] }, { ipcClasses: ['X99'] }, { startsOn: '2026-06-16' }, { endsOn: '2025-01-01' }, { title: '' }, { applicationNumbers: ['202410000001.0'] }]) {
      expect(errorOf(await recordAgreement(as.enterprise(gd), gd, over)).code, JSON.stringify(over)).toBe('BAD_USER_INPUT');
    }
    expect(await count()).toBe(before);
  });

  it('standards with declared essential patents; one record per standard and enterprise', async () => {
    const s = (await recordStandard(as.enterprise(gd), gd, { standardNumber: 'T/CAB 0001-2026', level: 'GROUP', role: 'PARTICIPANT' })).data.recordStandardParticipation.standard;
    expect(s).toMatchObject({ publishedOn: null, essentialPatents: [] });
    expect(errorOf(await recordStandard(as.enterprise(gd), gd, { standardNumber: 'T/CAB 0001-2026' })).code).toBe('CONFLICT');
    expect(errorOf(await recordStandard(as.enterprise(gd), gd, { standardNumber: 'x', publishedOn: '2026-07-01' })).code).toBe('BAD_USER_INPUT');
    const published = (
      await t.ok(`mutation($input: UpdateStandardParticipationInput!) { updateStandardParticipation(input: $input) { standard { ${STANDARD} } } }`, { input: { id: s.id, version: s.version, standard: standard({ standardNumber: 'T/CAB 0001-2026', level: 'GROUP', role: 'PARTICIPANT', publishedOn: '2026-05-20', essentialPatents: [number(7)] }) } }, as.enterprise(gd))
    ).updateStandardParticipation.standard;
    expect(published).toMatchObject({ publishedOn: '2026-05-20', essentialPatents: [number(7)] });
    const declared = (await t.ok(`query($f: CooperationFilter) { standardParticipations(filter: $f, first: 10) { edges { node { id } } } }`, { f: { applicationNumber: number(7) } }, as.national())).standardParticipations.edges;
    expect(declared.map((e: any) => e.node.id)).toEqual([s.id]);
  });

  it('recorded and seen by the enterprise, its bureau and the national bureau only', async () => {
    const a = (await recordAgreement(as.national(), js)).data.recordCollaborationAgreement.agreement;
    expect(errorOf(await recordAgreement(as.enterprise(gd), js)).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errorOf(await recordAgreement(as.provincial('440000'), js)).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errorOf(await recordStandard(as.user('SERVICE_PROVIDER', { organizationId: js }), js)).code).toBe('FORBIDDEN');
    const sees = async (viewer: Viewer) => ((await t.gql<any>(`{ collaborationAgreements(first: 50) { edges { node { id } } } }`, {}, viewer)).data?.collaborationAgreements.edges ?? []).some((e: any) => e.node.id === a.id);
    for (const viewer of [as.enterprise(js), as.provincial('320000'), as.national()]) expect(await sees(viewer)).toBe(true);
    for (const viewer of [as.enterprise(gd), as.provincial('440000')]) expect(await sees(viewer)).toBe(false);
    expect(errorOf(await t.gql(`{ standardParticipations(first: 5) { totalCount } }`, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect((await t.gql<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: a.id }, as.enterprise(gd))).data.node).toBeNull();
  });
});
