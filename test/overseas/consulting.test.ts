/**
 * Expert consulting abroad [D 四(二)四 "构建企业海外知识产权工作专家咨询服务机制。根据企业需求开展企业海外知识产权布局、
 * 维权咨询服务和展会知识产权法律服务"]: an enterprise holding a valid title asks (R20); the national bureau or
 * a workstation covering one of the countries matches it with an expert of the talent pools (a current
 * member) and/or a service organisation, the best fit first; the matched expert or organisation answers;
 * the enterprise may cancel until it is answered. Confidential: the enterprise, its bureau, the national
 * bureau, the covering workstations and the matched expert and organisation only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { errorOf, titledEnterprises } from './world.js';
import { insertOrganization, insertPerson } from '../../seeds/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const FIELDS = `id version status topic countryCodes question exhibition exhibitionOpensOn matchedAt advice answeredAt enterpriseName expert { id name pools } organization { id name }`;
const REQUEST = `mutation($input: RequestOverseasConsultingInput!) { requestOverseasConsulting(input: $input) { consultation { ${FIELDS} } } }`;
const MATCH = `mutation($input: MatchOverseasConsultingInput!) { matchOverseasConsulting(input: $input) { consultation { ${FIELDS} } } }`;
const ANSWER = `mutation($input: AnswerOverseasConsultingInput!) { answerOverseasConsulting(input: $input) { consultation { ${FIELDS} } } }`;
const CANCEL = `mutation($input: CancelOverseasConsultingInput!) { cancelOverseasConsulting(input: $input) { consultation { ${FIELDS} } } }`;
const LIST = `query($filter: OverseasConsultationFilter) { overseasConsultations(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on OverseasConsultation { status } } }`;
const candidatesQuery = (first = 10) => `query($id: ID!) { overseasConsultingCandidates(id: $id, first: ${first}) { expert { id name pools } organization { id name } matchedSpecialties } }`;
const SET_WS = `mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { id } } }`;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d);
const fieldsOf = (e: Record<string, unknown>) => ((e.fields as { field: string }[] | undefined) ?? []).map((f) => f.field);

type Consultation = { id: string; version: number; status: string; [k: string]: unknown };
type Candidate = { expert: { id: string; name: string; pools: string[] } | null; organization: { id: string; name: string } | null; matchedSpecialties: string[] };

describe('expert consulting abroad (D 四(二)四)', () => {
  let t: TestApp;
  let demo: string; // demonstration enterprise, Guangdong
  let adv: string; // advantage enterprise, Jiangsu
  let untitled: string; // Guangdong, no title
  let germany: string; // workstation covering DE, AT
  let usa: string; // workstation covering US
  let alpha: string; // agency: overseas protection, litigation
  let bravo: string; // agency: litigation
  let lima: string; // agency: strategy
  let suspended: string; // agency, suspended: overseas protection
  let centre: string; // rights-protection centre: overseas protection (not a kind that is matched)
  // Experts
  let pA: string; // EXPERT_POOL, overseas protection + litigation + strategy
  let pB: string; // EXPERT_ADVISORY_COMMITTEE, litigation
  let pC: string; // FACULTY_POOL, overseas protection
  let pExpired: string; // term ended
  let pNominated: string; // only nominated
  let pFuture: string; // term not begun
  let pStandards: string; // admitted, no matching specialty
  let pNone: string; // in no pool

  const org = (id: string) => toGlobalId('ServiceOrganization', id);
  const station = (id: string) => as.user('SERVICE_PROVIDER', { organizationId: id });
  const expert = (personId: string) => as.user('EXPERT', { personId });
  const request = (viewer: Viewer, input: Record<string, unknown> = {}) =>
    t.gql<any>(REQUEST, { input: { topic: 'RIGHTS_PROTECTION', countryCodes: ['DE'], question: '我司产品在德国被诉侵犯实用新型，如何应对？', ...input } }, viewer);
  const requestOk = async (viewer: Viewer, input: Record<string, unknown> = {}): Promise<Consultation> => {
    const result = await request(viewer, input);
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data.requestOverseasConsulting.consultation;
  };
  const match = (c: Consultation, input: Record<string, unknown>, viewer: Viewer = as.national()) => t.gql<any>(MATCH, { input: { id: c.id, version: c.version, ...input } }, viewer);
  const answer = (c: Consultation, viewer: Viewer, input: Record<string, unknown> = {}) => t.gql<any>(ANSWER, { input: { id: c.id, version: c.version, advice: '建议先行提出不侵权抗辩并评估无效宣告的可能。', ...input } }, viewer);
  const cancel = (c: Consultation, viewer: Viewer, input: Record<string, unknown> = {}) => t.gql<any>(CANCEL, { input: { id: c.id, version: c.version, ...input } }, viewer);
  const candidates = async (c: Consultation, viewer: Viewer = as.national(), first = 10) => t.gql<{ overseasConsultingCandidates: Candidate[] }>(candidatesQuery(first), { id: c.id }, viewer);
  const rows = async () => (await t.sql<{ n: number }>(`select count(*)::int as n from overseas_consultation`))[0]!.n;
  const stored = async (c: Consultation) => (await t.sql<{ status: string; version: number; expert_id: string | null; organization_id: string | null }>(`select status, version, expert_id, organization_id from overseas_consultation where id = ?`, [fromGlobalId(c.id)!.key]))[0]!;
  const sees = async (viewer: Viewer, c: Consultation) => ((await t.gql<any>(LIST, {}, viewer)).data?.overseasConsultations.edges ?? []).some((e: { node: { id: string } }) => e.node.id === c.id);
  const node = async (viewer: Viewer, c: Consultation) => (await t.gql<any>(NODE, { id: c.id }, viewer)).data?.node ?? null;

  async function member(name: string, specialties: string[], membership: { pool: string; status: string; termStart: string | null; termEnd: string | null } | null): Promise<string> {
    const id = await insertPerson(t.orm.em, { name, employer: '某律师事务所', title: '合伙人', regionCode: '110000', specialties });
    if (membership) {
      await t.sql(
        `insert into pool_membership (id, created_at, updated_at, person_id, pool, status, employer_level, reason, nominated_by, nominator_role, nominated_at, term_start, term_end, version)
         values (?, now(), now(), ?, ?, ?, 'NONE', '涉外知识产权业务经验丰富', 'x', 'NATIONAL_ADMIN', now(), ?, ?, 1)`,
        [randomUUID(), id, membership.pool, membership.status, membership.termStart, membership.termEnd],
      );
    }
    return id;
  }
  const admitted = (pool: string) => ({ pool, status: 'ADMITTED', termStart: '2026-01-01', termEnd: '2028-12-31' });

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const rng = randomFor(44);
    ({ demo, adv, untitled } = await titledEnterprises(t, rng));

    germany = await insertOrganization(t.orm.em, { name: '驻德国工作站', kind: 'OVERSEAS_STATION', country: '德国' });
    usa = await insertOrganization(t.orm.em, { name: '驻美国工作站', kind: 'OVERSEAS_STATION', country: '美国' });
    alpha = await insertOrganization(t.orm.em, { name: 'Alpha 知识产权代理', kind: 'AGENCY', regionCode: '440000' });
    bravo = await insertOrganization(t.orm.em, { name: 'Bravo 律师事务所', kind: 'AGENCY', regionCode: '440000' });
    lima = await insertOrganization(t.orm.em, { name: 'Lima 战略咨询', kind: 'AGENCY', regionCode: '110000' });
    suspended = await insertOrganization(t.orm.em, { name: 'Echo 代理（暂停）', kind: 'AGENCY', regionCode: '110000' });
    centre = await insertOrganization(t.orm.em, { name: '广东省知识产权维权援助中心', kind: 'RIGHTS_PROTECTION_CENTER', regionCode: '440000' });
    const specialties = async (id: string, list: string[], status = 'ACTIVE') =>
      t.sql(`update service_organization set specialties = ?::jsonb, status = ? where id = ?`, [JSON.stringify(list), status, id]);
    await specialties(alpha, ['OVERSEAS_PROTECTION', 'LITIGATION']);
    await specialties(bravo, ['LITIGATION']);
    await specialties(lima, ['STRATEGY']);
    await specialties(suspended, ['OVERSEAS_PROTECTION', 'LITIGATION'], 'SUSPENDED');
    await specialties(centre, ['OVERSEAS_PROTECTION', 'LITIGATION']);
    const profile = (o: string, country: string, covered: string[], zone: string) => ({ organizationId: org(o), hostOffice: '代表处', countryCode: country, city: '首都', countriesCovered: covered, languages: ['zh'], timeZone: zone, weeklyHours: [{ weekday: 1, from: '09:00', to: '17:00' }] });
    await t.ok(SET_WS, { input: profile(germany, 'DE', ['DE', 'AT'], 'Europe/Berlin') });
    await t.ok(SET_WS, { input: profile(usa, 'US', ['US'], 'America/New_York') });

    pA = await member('甲专家', ['OVERSEAS_PROTECTION', 'LITIGATION', 'STRATEGY'], admitted('EXPERT_POOL'));
    pB = await member('乙专家', ['LITIGATION'], admitted('EXPERT_ADVISORY_COMMITTEE'));
    pC = await member('丙专家', ['OVERSEAS_PROTECTION'], admitted('FACULTY_POOL'));
    pExpired = await member('丁专家', ['OVERSEAS_PROTECTION', 'LITIGATION'], { pool: 'EXPERT_POOL', status: 'ADMITTED', termStart: '2023-01-01', termEnd: '2025-12-31' });
    pNominated = await member('戊专家', ['OVERSEAS_PROTECTION', 'LITIGATION'], { pool: 'EXPERT_POOL', status: 'NOMINATED', termStart: null, termEnd: null });
    pFuture = await member('己专家', ['OVERSEAS_PROTECTION', 'LITIGATION'], { pool: 'EXPERT_POOL', status: 'ADMITTED', termStart: '2026-07-01', termEnd: '2029-06-30' });
    pStandards = await member('庚专家', ['STANDARDS'], admitted('EXPERT_POOL'));
    pNone = await member('辛专家', ['OVERSEAS_PROTECTION', 'LITIGATION'], null);
  });
  afterAll(() => t.close());

  it('an enterprise holding a valid title asks; the request is checked; R20 without a title', async () => {
    t.setToday('2026-06-15');
    const c = await requestOk(as.enterprise(demo), { countryCodes: ['de', ' fr ', 'DE'] });
    expect(c).toMatchObject({ status: 'OPEN', topic: 'RIGHTS_PROTECTION', countryCodes: ['DE', 'FR'], exhibition: null, exhibitionOpensOn: null, expert: null, organization: null, matchedAt: null, advice: null, version: 1 });
    expect(c.enterpriseName).not.toBe('');
    const fair = await requestOk(as.enterprise(adv), { topic: 'EXHIBITION_LEGAL', countryCodes: ['DE'], exhibition: ' 汉诺威工业博览会 ', exhibitionOpensOn: '2027-04-12' });
    expect(fair).toMatchObject({ status: 'OPEN', topic: 'EXHIBITION_LEGAL', exhibition: '汉诺威工业博览会', exhibitionOpensOn: '2027-04-12' });
    expect((await requestOk(as.enterprise(adv), { topic: 'LAYOUT', countryCodes: ['US', 'JP'] })).countryCodes).toEqual(['US', 'JP']);

    const before = await rows();
    const bad: [Record<string, unknown>, string[]][] = [
      [{ topic: 'EXHIBITION_LEGAL' }, ['exhibition', 'exhibitionOpensOn']],
      [{ topic: 'EXHIBITION_LEGAL', exhibition: '汉诺威工业博览会' }, ['exhibitionOpensOn']],
      [{ topic: 'EXHIBITION_LEGAL', exhibitionOpensOn: '2027-04-12' }, ['exhibition']],
      [{ topic: 'LAYOUT', exhibition: '汉诺威工业博览会' }, ['exhibition']],
      [{ topic: 'RIGHTS_PROTECTION', exhibitionOpensOn: '2027-04-12' }, ['exhibition']],
      [{ countryCodes: ['CN'] }, ['countryCodes.0']],
      [{ countryCodes: ['DE', 'XX'] }, ['countryCodes.1']],
      [{ countryCodes: ['ZZ'] }, ['countryCodes.0']],
      [{ countryCodes: ['DEU'] }, ['countryCodes.0']],
      [{ countryCodes: [] }, ['countryCodes']],
      [{ question: '   ' }, ['question']],
    ];
    for (const [input, fields] of bad) {
      const error = errorOf(await request(as.enterprise(demo), input));
      expect(error.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(error), JSON.stringify(input)).toEqual(fields);
    }
    expect(errorOf(await request(as.enterprise(untitled)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R20', condition: 'NO_TITLE' });
    for (const viewer of [as.national(), as.provincial('440000'), station(germany), expert(pA)]) expect(errorOf(await request(viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await request(as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(await rows()).toBe(before);
  });

  it('candidates: current public-pool experts and organisations, the best fit first, for the national bureau and the covering workstation', async () => {
    t.setToday('2026-06-15');
    const c = await requestOk(as.enterprise(demo), { topic: 'RIGHTS_PROTECTION', countryCodes: ['FR', 'DE'] });
    const list = (await candidates(c)).data!.overseasConsultingCandidates;
    expect(list).toEqual([
      // Two of the topic's specialties, then one — the topic's first (overseas protection) before another.
      { expert: { id: toGlobalId('ExpertDirectoryEntry', pA), name: '甲专家', pools: ['EXPERT_POOL'] }, organization: null, matchedSpecialties: ['OVERSEAS_PROTECTION', 'LITIGATION'] },
      { expert: { id: toGlobalId('ExpertDirectoryEntry', pC), name: '丙专家', pools: ['FACULTY_POOL'] }, organization: null, matchedSpecialties: ['OVERSEAS_PROTECTION'] },
      { expert: { id: toGlobalId('ExpertDirectoryEntry', pB), name: '乙专家', pools: ['EXPERT_ADVISORY_COMMITTEE'] }, organization: null, matchedSpecialties: ['LITIGATION'] },
      // The workstation covering one of the countries first, whatever its specialties; then by fit. Not the suspended one, not the centre.
      { expert: null, organization: { id: org(germany), name: '驻德国工作站' }, matchedSpecialties: [] },
      { expert: null, organization: { id: org(alpha), name: 'Alpha 知识产权代理' }, matchedSpecialties: ['OVERSEAS_PROTECTION', 'LITIGATION'] },
      { expert: null, organization: { id: org(bravo), name: 'Bravo 律师事务所' }, matchedSpecialties: ['LITIGATION'] },
    ]);
    // 庚专家 is in the public directory, but without any of the topic's specialties.
    const directory = (await t.ok(`{ expertDirectory(first: 50) { edges { node { id } } } }`, {}, as.anonymous)).expertDirectory.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(directory).toContain(toGlobalId('ExpertDirectoryEntry', pStandards));
    expect(list.map((x) => x.expert?.id)).not.toContain(toGlobalId('ExpertDirectoryEntry', pStandards));
    // The covering workstation gets the same list; `first` limits each kind.
    expect((await candidates(c, station(germany))).data!.overseasConsultingCandidates).toEqual(list);
    expect((await candidates(c, as.national(), 1)).data!.overseasConsultingCandidates).toEqual([list[0], list[3]]);
    for (const first of [0, 21]) expect(errorOf(await candidates(c, as.national(), first)).code).toBe('BAD_USER_INPUT');

    // Another topic, another ranking: layout wants overseas protection, patent navigation, strategy.
    const layout = await requestOk(as.enterprise(adv), { topic: 'LAYOUT', countryCodes: ['US'] });
    const forLayout = (await candidates(layout, station(usa))).data!.overseasConsultingCandidates;
    expect(forLayout.map((x) => [x.expert?.name ?? x.organization?.name, x.matchedSpecialties])).toEqual([
      ['甲专家', ['OVERSEAS_PROTECTION', 'STRATEGY']],
      ['丙专家', ['OVERSEAS_PROTECTION']],
      ['驻美国工作站', []],
      ['Alpha 知识产权代理', ['OVERSEAS_PROTECTION']],
      ['Lima 战略咨询', ['STRATEGY']],
    ]);

    // A workstation not covering the countries does not see the request; other audiences may not ask.
    expect(errorOf(await candidates(c, station(usa))).code).toBe('NOT_FOUND');
    expect(errorOf(await candidates(c, station(alpha))).code).toBe('NOT_FOUND');
    for (const viewer of [as.enterprise(demo), as.provincial('440000'), expert(pA)]) expect(errorOf(await candidates(c, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await candidates(c, as.anonymous)).code).toBe('UNAUTHENTICATED');
  });

  it('match with a current pool member; the matched expert sees it and answers, no other expert', async () => {
    t.setToday('2026-06-15');
    const c = await requestOk(as.enterprise(demo), { countryCodes: ['DE'] });
    expect(errorOf(await match(c, {}))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'expertId' }] });
    for (const person of [pExpired, pNominated, pFuture, pNone]) {
      expect(errorOf(await match(c, { expertId: toGlobalId('Person', person) }, station(germany)))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'expertId' }] });
    }
    expect(errorOf(await match(c, { expertId: toGlobalId('Enterprise', demo) })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await match(c, { organizationId: org(suspended) }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'organizationId' }] });
    expect(errorOf(await match(c, { organizationId: org(randomUUID()) })).code).toBe('NOT_FOUND');
    const byA = { expertId: toGlobalId('ExpertDirectoryEntry', pA) };
    expect(errorOf(await match(c, byA, station(usa))).code).toBe('NOT_FOUND');
    expect(errorOf(await match(c, byA, station(alpha))).code).toBe('NOT_FOUND');
    for (const viewer of [as.enterprise(demo), as.provincial('440000'), expert(pA)]) expect(errorOf(await match(c, byA, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await match(c, byA, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await match({ ...c, version: c.version + 1 }, byA, station(germany)))).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect(await stored(c)).toEqual({ status: 'OPEN', version: 1, expert_id: null, organization_id: null });
    // An answer before any match: nobody is matched yet.
    expect(errorOf(await answer(c, station(germany))).code).toBe('FORBIDDEN');

    // The workstation matches the expert it found among the candidates (directory id).
    const matched: Consultation = (await match(c, byA, station(germany))).data.matchOverseasConsulting.consultation;
    expect(matched).toMatchObject({ status: 'MATCHED', version: 2, expert: { id: toGlobalId('ExpertDirectoryEntry', pA), name: '甲专家', pools: ['EXPERT_POOL'] }, organization: null, advice: null, answeredAt: null });
    expect(iso(matched.matchedAt)).toBe('2026-06-14T16:00:00.000Z');
    expect(await stored(c)).toEqual({ status: 'MATCHED', version: 2, expert_id: pA, organization_id: null });

    expect(await sees(expert(pA), c)).toBe(true);
    expect(await node(expert(pA), c)).toEqual({ id: c.id, status: 'MATCHED' });
    expect(await sees(expert(pB), c)).toBe(false);
    expect(await node(expert(pB), c)).toBeNull();
    expect(errorOf(await answer(matched, expert(pB))).code).toBe('NOT_FOUND');
    // The covering workstation sees it but is not the one that answers.
    expect(errorOf(await answer(matched, station(germany))).code).toBe('FORBIDDEN');
    expect(errorOf(await answer(matched, as.enterprise(demo))).code).toBe('FORBIDDEN');
    expect(errorOf(await answer(c, expert(pA)))).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(errorOf(await answer(matched, expert(pA), { advice: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'advice' }] });

    t.setToday('2026-06-16T02:00:00Z');
    const answered: Consultation = (await answer(matched, expert(pA), { advice: '  建议提出不侵权抗辩。 ' })).data.answerOverseasConsulting.consultation;
    expect(answered).toMatchObject({ status: 'ANSWERED', version: 3, advice: '建议提出不侵权抗辩。' });
    expect(iso(answered.answeredAt)).toBe('2026-06-16T02:00:00.000Z');
    expect(iso(answered.matchedAt)).toBe('2026-06-14T16:00:00.000Z');
    expect(errorOf(await answer(answered, expert(pA))).code).toBe('CONFLICT');
    expect(errorOf(await match(answered, { expertId: toGlobalId('Person', pB) })).code).toBe('CONFLICT');
    expect(errorOf(await cancel(answered, as.enterprise(demo))).code).toBe('CONFLICT');
    expect(errorOf(await candidates(answered)).code).toBe('CONFLICT');
    expect(await stored(c)).toMatchObject({ status: 'ANSWERED', version: 3, expert_id: pA });
    const audit = await t.sql<{ operation: string }>(`select operation from audit_entry where object_id = ? order by at, id`, [fromGlobalId(c.id)!.key]);
    expect(audit.map((x) => x.operation)).toEqual(['requestOverseasConsulting', 'matchOverseasConsulting', 'answerOverseasConsulting']);
  });

  it('a matched service organisation answers; a re-match before the answer replaces the former match', async () => {
    t.setToday('2026-06-15');
    const c = await requestOk(as.enterprise(adv), { topic: 'LAYOUT', countryCodes: ['US'] });
    // Person ids are accepted as well as directory ids; an expert and an organisation together.
    const first: Consultation = (await match(c, { expertId: toGlobalId('Person', pC), organizationId: org(lima) })).data.matchOverseasConsulting.consultation;
    expect(first).toMatchObject({ status: 'MATCHED', expert: { name: '丙专家' }, organization: { id: org(lima), name: 'Lima 战略咨询' } });
    expect(await node(expert(pC), c)).not.toBeNull();
    expect(await node(station(lima), c)).not.toBeNull();
    // Re-matched by the US workstation to Alpha alone: the expert and Lima are out.
    const second: Consultation = (await match(first, { organizationId: org(alpha) }, station(usa))).data.matchOverseasConsulting.consultation;
    expect(second).toMatchObject({ status: 'MATCHED', expert: null, organization: { id: org(alpha), name: 'Alpha 知识产权代理' } });
    expect(await node(expert(pC), c)).toBeNull();
    expect(await node(station(lima), c)).toBeNull();
    expect(errorOf(await answer(second, expert(pC))).code).toBe('NOT_FOUND');
    expect(errorOf(await answer(second, station(lima))).code).toBe('NOT_FOUND');
    expect(errorOf(await answer(second, station(usa))).code).toBe('FORBIDDEN');
    const answered = (await answer(second, station(alpha), { advice: '建议通过 PCT 途径进入美国。' })).data.answerOverseasConsulting.consultation;
    expect(answered).toMatchObject({ status: 'ANSWERED', advice: '建议通过 PCT 途径进入美国。', organization: { name: 'Alpha 知识产权代理' } });
  });

  it('the enterprise cancels while not answered; only it; with the current version', async () => {
    t.setToday('2026-06-15');
    const open = await requestOk(as.enterprise(demo), { countryCodes: ['AT'], question: '奥地利商标布局' });
    expect(errorOf(await cancel({ ...open, version: 7 }, as.enterprise(demo)))).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    for (const viewer of [as.provincial('440000'), as.national(), station(germany)]) expect(errorOf(await cancel(open, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await cancel(open, as.enterprise(adv))).code).toBe('NOT_FOUND');
    expect(errorOf(await cancel(open, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(await stored(open)).toMatchObject({ status: 'OPEN', version: 1 });
    const cancelled: Consultation = (await cancel(open, as.enterprise(demo))).data.cancelOverseasConsulting.consultation;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(errorOf(await cancel(cancelled, as.enterprise(demo))).code).toBe('CONFLICT');
    expect(errorOf(await match(cancelled, { expertId: toGlobalId('Person', pB) })).code).toBe('CONFLICT');
    expect(errorOf(await candidates(cancelled)).code).toBe('CONFLICT');

    // Matched but not answered: still the enterprise's to cancel; then the expert may not answer.
    const m = await requestOk(as.enterprise(demo), { countryCodes: ['DE'] });
    const matched: Consultation = (await match(m, { expertId: toGlobalId('Person', pB) })).data.matchOverseasConsulting.consultation;
    const gone: Consultation = (await cancel(matched, as.enterprise(demo))).data.cancelOverseasConsulting.consultation;
    expect(gone).toMatchObject({ status: 'CANCELLED', expert: { name: '乙专家' } });
    expect(errorOf(await answer(gone, expert(pB))).code).toBe('CONFLICT');
    expect(await stored(m)).toMatchObject({ status: 'CANCELLED', version: 3 });
  });

  it('is confidential: the enterprise, its bureau, the national bureau, the covering workstation, the matched expert and organisation', async () => {
    t.setToday('2026-06-15');
    const c0 = await requestOk(as.enterprise(demo), { countryCodes: ['AT'], question: '保密咨询' });
    const c = (await match(c0, { expertId: toGlobalId('Person', pA), organizationId: org(alpha) })).data.matchOverseasConsulting.consultation as Consultation;
    for (const viewer of [as.enterprise(demo), as.provincial('440000'), as.national(), station(germany), expert(pA), station(alpha)]) {
      expect(await sees(viewer, c)).toBe(true);
      expect(await node(viewer, c)).toEqual({ id: c.id, status: 'MATCHED' });
    }
    for (const viewer of [as.enterprise(adv), as.enterprise(untitled), as.provincial('320000'), station(usa), station(bravo), station(centre), expert(pB), expert(randomUUID())]) {
      expect(await sees(viewer, c)).toBe(false);
      expect(await node(viewer, c)).toBeNull();
    }
    expect(await node(as.anonymous, c)).toBeNull();
    expect(errorOf(await t.gql(LIST, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');

    // Filters (national bureau): country, status, topic.
    const ids = async (filter: Record<string, unknown>) => ((await t.ok(LIST, { filter })).overseasConsultations.edges as { node: { id: string } }[]).map((e) => e.node.id);
    const atRows = await t.sql<{ id: string; status: string }>(`select id, status from overseas_consultation where country_codes @> '["AT"]'::jsonb`);
    expect((await ids({ countryCode: 'at' })).map((id) => fromGlobalId(id)!.key).sort()).toEqual(atRows.map((r) => r.id).sort());
    expect(atRows).toHaveLength(2); // this one and the cancelled one of the test above
    expect(await ids({ countryCode: 'AT', statuses: ['MATCHED'] })).toEqual([c.id]);
    expect(await ids({ countryCode: 'AT', topics: ['LAYOUT'] })).toEqual([]);
    const layoutRows = await t.sql<{ n: number }>(`select count(*)::int as n from overseas_consultation where topic = 'LAYOUT'`);
    expect((await t.ok(LIST, { filter: { topics: ['LAYOUT'] } })).overseasConsultations.totalCount).toBe(layoutRows[0]!.n);
    expect(errorOf(await t.gql(LIST, { filter: { countryCode: 'XX' } })).code).toBe('BAD_USER_INPUT');
    // The US workstation sees only what concerns the US.
    const usIds = (await t.ok(LIST, {}, station(usa))).overseasConsultations.edges.map((e: { node: { id: string } }) => fromGlobalId(e.node.id)!.key).sort();
    const usRows = await t.sql<{ id: string }>(`select id from overseas_consultation where country_codes @> '["US"]'::jsonb or organization_id = ?`, [usa]);
    expect(usIds).toEqual(usRows.map((r) => r.id).sort());
    expect(usIds.length).toBeGreaterThan(0);
  });
});
