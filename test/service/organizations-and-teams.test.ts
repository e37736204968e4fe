/**
 * Service organisations, their members and the selected quality teams [D 四(三), A 四(二)] through
 * GraphQL: registration by the national bureau or the bureau of the jurisdiction, statuses, the
 * public directory (contacts not public), members with roles, qualifications and terms (a person's
 * contact data stays protected), and the yearly selection of quality teams (public, no personal data).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { ADD_MEMBER, CREATE_ORG, END_MEMBER, expert, GD, JS, member, organization, person, provider, refusal, SELECT, SZ, UPDATE_ORG } from './steps.js';

const DIRECTORY = `query($filter: ServiceOrganizationFilter) { serviceOrganizations(first: 50, filter: $filter) { totalCount edges { node { id name status contactName contactPhone members { name person { id phone } } } } } }`;
const MEMBERS = `query($filter: OrganizationMemberFilter) { organizationMembers(first: 50, filter: $filter) { totalCount edges { node { id name role current person { id phone } organization { id } } } } }`;
const SELECTED = `query($filter: SelectedServiceTeamFilter) { selectedServiceTeams(first: 50, filter: $filter) { totalCount edges { node { id year bureauCode current revokedOn organization { id name contactPhone members { name } } } } } }`;
const REVOKE = `mutation($input: RevokeTeamSelectionInput!) { revokeTeamSelection(input: $input) { selection { id revokedOn revokeReason current } } }`;
const AUDIT = `query($id: String!) { auditLog(first: 10, filter: { objectId: $id }) { edges { node { operation changes } } } }`;

describe('service organisations, members and selected teams', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  it('D 四(三): a bureau registers organisations of its jurisdiction (the national bureau any, overseas stations too); training bases and duplicates are refused', async () => {
    const org = (await t.ok(CREATE_ORG, { input: { name: '广东贯标服务团队', kind: 'SERVICE_TEAM', specialties: ['MANAGEMENT_STANDARD', 'STRATEGY'], regionCodesServed: [GD, SZ], contactName: '李四', contactPhone: '020-88880000' } }, as.provincial(GD))).createServiceOrganization.organization;
    expect(org).toMatchObject({ status: 'ACTIVE', region: { code: GD }, specialties: ['MANAGEMENT_STANDARD', 'STRATEGY'], regionsServed: [{ code: GD }, { code: SZ }], contactName: '李四' });
    // Another jurisdiction: FORBIDDEN; a training base: BAD_USER_INPUT; the same name and kind: CONFLICT.
    expect(refusal(await t.gql(CREATE_ORG, { input: { name: '江苏团队', kind: 'SERVICE_TEAM', regionCode: JS } }, as.provincial(GD))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(CREATE_ORG, { input: { name: '某培训基地', kind: 'TRAINING_BASE' } }, as.provincial(GD))).code).toBe('BAD_USER_INPUT');
    expect(refusal(await t.gql(CREATE_ORG, { input: { name: '广东贯标服务团队', kind: 'SERVICE_TEAM' } }, as.provincial(GD))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(CREATE_ORG, { input: { name: '驻日工作站', kind: 'OVERSEAS_STATION', country: '日本' } }, as.provincial(GD))).code).toBe('FORBIDDEN');
    expect((await t.ok(CREATE_ORG, { input: { name: '驻日工作站', kind: 'OVERSEAS_STATION', country: '日本' } })).createServiceOrganization.organization.region).toBeNull();
    for (const viewer of [as.enterprise(org.id), as.anonymous, provider(org.id)]) expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(refusal(await t.gql(CREATE_ORG, { input: { name: 'x', kind: 'AGENCY' } }, viewer)).code);
  });

  it('D 四(三): statuses — suspension and dissolution need a reason, a dissolved organisation stays dissolved, a bureau cannot move one out of its jurisdiction; contacts are audited as changed only', async () => {
    const org = await organization(t, GD);
    const stale = { id: org.id, version: org.version };
    const suspended = (await t.ok(UPDATE_ORG, { input: { ...stale, status: 'SUSPENDED', statusNote: '年度考核不合格，暂停承接新任务', contactPhone: '020-99990000' } }, as.provincial(GD))).updateServiceOrganization.organization;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusChangedOn: '2026-06-15', contactPhone: '020-99990000' });
    expect(refusal(await t.gql(UPDATE_ORG, { input: { ...stale, name: '新名' } }, as.provincial(GD))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(UPDATE_ORG, { input: { id: org.id, version: suspended.version, status: 'DISSOLVED' } }, as.provincial(GD)))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal(await t.gql(UPDATE_ORG, { input: { id: org.id, version: suspended.version, regionCode: JS } }, as.provincial(GD))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(UPDATE_ORG, { input: { id: org.id, version: suspended.version, name: '改名' } }, as.provincial(JS))).code).toBe('FORBIDDEN');
    const dissolved = (await t.ok(UPDATE_ORG, { input: { id: org.id, version: suspended.version, status: 'DISSOLVED', statusNote: '机构注销' } }, as.provincial(GD))).updateServiceOrganization.organization;
    expect(refusal(await t.gql(UPDATE_ORG, { input: { id: org.id, version: dissolved.version, status: 'ACTIVE' } }, as.provincial(GD))).code).toBe('CONFLICT');
    const audit = (await t.ok(AUDIT, { id: org.id })).auditLog.edges.map((e: any) => e.node);
    const change = audit.find((a: any) => a.operation === 'updateServiceOrganization' && a.changes.contactPhone);
    expect(change.changes.contactPhone).toEqual({ before: '（已隐藏）', after: '（已修改）' });
  });

  it('the public directory: filters by region with roll-up, status and specialty; contacts only for the bureaus and the organisation itself', async () => {
    const gd = await organization(t, GD, { name: '目录测试广东团队', specialties: ['LITIGATION'] });
    const sz = await organization(t, SZ, { name: '目录测试深圳团队', specialties: ['LITIGATION'] });
    const names = async (filter: object, viewer = as.anonymous) => (await t.ok(DIRECTORY, { filter }, viewer)).serviceOrganizations.edges.map((e: any) => e.node.name).sort();
    expect(await names({ nameContains: '目录测试', regionCodes: [GD] })).toEqual(['目录测试广东团队']);
    expect(await names({ nameContains: '目录测试', regionCodes: [GD], includeSubJurisdictions: true })).toEqual(['目录测试广东团队', '目录测试深圳团队']);
    expect(await names({ nameContains: '目录测试', specialties: ['OVERSEAS_PROTECTION'] })).toEqual([]);
    expect(await names({ nameContains: '目录测试', statuses: ['SUSPENDED'] })).toEqual([]);
    const contact = async (viewer: any) => (await t.ok(DIRECTORY, { filter: { nameContains: '目录测试广东' } }, viewer)).serviceOrganizations.edges[0].node.contactPhone;
    expect(await contact(as.anonymous)).toBeNull();
    expect(await contact(as.enterprise(gd.id))).toBeNull();
    expect(await contact(provider(sz.id))).toBeNull();
    expect(await contact(as.provincial(SZ))).toBeNull();
    expect(await contact(provider(gd.id))).toBe('020-12345678');
    expect(await contact(as.provincial(GD))).toBe('020-12345678');
    expect(await contact(as.national())).toBe('020-12345678');
  });

  it('D 四(三): members with a role, qualifications and a term; overlapping terms are CONFLICT; who sees members (never a person\'s contact data)', async () => {
    const org = await organization(t, GD);
    const other = await organization(t, GD);
    const zhang = await person(t, GD, '张服务');
    const m = await member(t, GD, org.id, zhang, '2026-01-01', '2027-12-31');
    expect(m).toMatchObject({ role: 'MEMBER', qualifications: ['专利代理师'], current: true, name: '张服务' });
    expect(refusal(await t.gql(ADD_MEMBER, { input: { organizationId: org.id, personId: zhang, role: 'LEADER', startsOn: '2027-06-01' } }, as.provincial(GD))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(ADD_MEMBER, { input: { organizationId: org.id, personId: zhang, role: 'LEADER', startsOn: '2028-01-01' } }, as.provincial(JS))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(ADD_MEMBER, { input: { organizationId: org.id, personId: zhang, role: 'LEADER', startsOn: '2028-01-01' } }, provider(org.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(ADD_MEMBER, { input: { organizationId: org.id, personId: zhang, role: 'LEADER', startsOn: '2028-01-01', endsOn: '2027-01-01' } }, as.provincial(GD))).code).toBe('BAD_USER_INPUT');
    // A later term is fine.
    await t.ok(ADD_MEMBER, { input: { organizationId: org.id, personId: zhang, role: 'LEADER', startsOn: '2028-01-01' } }, as.provincial(GD));

    const seen = async (viewer: any) => {
      const r = await t.gql(MEMBERS, { filter: { organizationId: org.id } }, viewer);
      return r.data?.organizationMembers ?? r.errors;
    };
    const bureau = await seen(as.provincial(JS));
    expect(bureau.totalCount).toBe(2);
    expect(bureau.edges[0].node.person).toMatchObject({ id: zhang, phone: null });
    expect((await seen(as.national())).edges[0].node.person.phone).toBe('13900001111');
    expect((await seen(provider(org.id))).totalCount).toBe(2);
    expect((await seen(provider(org.id))).edges[0].node.person).toBeNull();
    expect((await seen(provider(other.id))).totalCount).toBe(0);
    expect((await seen(expert(zhang))).totalCount).toBe(2);
    expect((await seen(as.enterprise(org.id))).totalCount).toBe(0);
    expect((await seen(as.anonymous)).totalCount).toBe(0);
    const members = async (viewer: any) => (await t.ok(DIRECTORY, { filter: { nameContains: org.name } }, viewer)).serviceOrganizations.edges[0].node.members;
    expect(await members(as.anonymous)).toBeNull();
    expect(await members(provider(other.id))).toBeNull();
    expect(await members(provider(org.id))).toEqual([{ name: '张服务', person: null }]);
    expect(await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: m.id }, as.anonymous)).toEqual({ node: null });
    expect(await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: m.id }, provider(org.id))).toEqual({ node: { id: m.id } });

    // Ending early: a reason, not before the start, once.
    expect(refusal(await t.gql(END_MEMBER, { input: { id: m.id, version: m.version, lastDay: '2025-12-31', reason: '调离' } }, as.provincial(GD))).code).toBe('BAD_USER_INPUT');
    const ended = (await t.ok(END_MEMBER, { input: { id: m.id, version: m.version, lastDay: '2026-06-10', reason: '调离' } }, as.provincial(GD))).endOrganizationMembership.member;
    expect(ended).toMatchObject({ endedOn: '2026-06-10', current: false });
    expect(refusal(await t.gql(END_MEMBER, { input: { id: m.id, version: ended.version, lastDay: '2026-06-12', reason: '再次' } }, as.provincial(GD))).code).toBe('CONFLICT');
    expect((await t.ok(MEMBERS, { filter: { organizationId: org.id, currentOn: '2026-06-15' } })).organizationMembers.totalCount).toBe(0);
  });

  it('D 四(三) 遴选优秀服务队伍: a bureau lists an ACTIVE organisation of or serving its jurisdiction for a year with a term (SV2); once per year and bureau; the public list carries no personal data', async () => {
    const team = await organization(t, GD, { name: '遴选测试团队', regionCodesServed: [GD, SZ] });
    const jsTeam = await organization(t, JS, { name: '遴选测试江苏团队' });
    const input = { organizationId: team.id, year: 2026, termStartsOn: '2026-03-01', termEndsOn: '2027-02-28', note: '面向示范企业开展问诊咨询' };
    const chosen = (await t.ok(SELECT, { input }, as.provincial(GD))).selectServiceTeam.selection;
    expect(chosen).toMatchObject({ year: 2026, bureauCode: GD, current: true, bureau: { code: GD } });
    // Serving Shenzhen: the Shenzhen bureau may list it too; Jiangsu may not; the same bureau twice: CONFLICT.
    expect((await t.ok(SELECT, { input }, as.provincial(SZ))).selectServiceTeam.selection.bureauCode).toBe(SZ);
    expect(refusal(await t.gql(SELECT, { input }, as.provincial(JS))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(SELECT, { input }, as.provincial(GD))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(SELECT, { input: { ...input, termStartsOn: '2027-03-01', termEndsOn: '2027-12-31' } }, as.national())).code).toBe('BAD_USER_INPUT');
    const national = (await t.ok(SELECT, { input: { ...input, organizationId: jsTeam.id } }, as.national())).selectServiceTeam.selection;
    expect(national.bureauCode).toBe('100000');
    // A suspended organisation cannot be selected (SV2).
    const suspended = await organization(t, GD, { name: '遴选测试暂停团队' });
    await t.ok(UPDATE_ORG, { input: { id: suspended.id, version: suspended.version, status: 'SUSPENDED', statusNote: '整改' } }, as.provincial(GD));
    expect(refusal(await t.gql(SELECT, { input: { ...input, organizationId: suspended.id } }, as.provincial(GD)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SV2' });

    const list = async (filter: object) => (await t.ok(SELECTED, { filter }, as.anonymous)).selectedServiceTeams;
    const all = await list({ year: 2026 });
    expect(all.totalCount).toBe(3);
    expect(all.edges.every((e: any) => e.node.organization.contactPhone === null && e.node.organization.members === null)).toBe(true);
    expect((await list({ year: 2026, bureauCodes: [GD] })).totalCount).toBe(1);
    expect((await list({ year: 2026, bureauCodes: [GD], includeSubJurisdictions: true })).totalCount).toBe(2);
    expect((await list({ year: 2026, regionCodes: [JS] })).totalCount).toBe(1);
    expect((await list({ year: 2025 })).totalCount).toBe(0);

    // Revocation by the bureau that selected; another bureau: FORBIDDEN; then out of the default list.
    expect(refusal(await t.gql(REVOKE, { input: { id: chosen.id, version: chosen.version, reason: '服务质量投诉' } }, as.provincial(SZ))).code).toBe('FORBIDDEN');
    const revoked = (await t.ok(REVOKE, { input: { id: chosen.id, version: chosen.version, reason: '服务质量投诉' } }, as.provincial(GD))).revokeTeamSelection.selection;
    expect(revoked).toMatchObject({ revokedOn: '2026-06-15', current: false });
    expect((await list({ year: 2026 })).totalCount).toBe(2);
    expect((await list({ year: 2026, includeRevoked: true })).totalCount).toBe(3);
  });
});
