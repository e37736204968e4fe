/**
 * Volunteer observer enterprises [D 四(二)三]: "建立志愿者观察员企业制度" — the national bureau appoints
 * enterprises to observe the IP environment of countries, choosing demonstration enterprises first
 * (another enterprise only with a reason); one current appointment per enterprise; an observer files
 * reports on its countries, seen by itself, the workstation covering the country, its bureau and the
 * national bureau. The observers' list is public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { insertOrganization } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const APPOINT = `mutation($input: AppointObserverInput!) { appointObserver(input: $input) { observer { id countryCodes appointedOn endedOn demonstration reason enterpriseName version } } }`;
const END = `mutation($input: EndObserverInput!) { endObserver(input: $input) { observer { id endedOn } } }`;
const FILE = `mutation($input: FileObserverReportInput!) { fileObserverReport(input: $input) { report { id countryCode title reportedOn enterpriseName } } }`;
const REPORTS = `query { observerReports(first: 50) { totalCount edges { node { id } } } }`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('volunteer observer enterprises', () => {
  let t: TestApp;
  let demo: string;
  let plain: string;
  let germanStation: string;
  let usStation: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const rng = randomFor(17);
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000' });
    await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    demo = e.id;
    plain = (await makeEnterprise(t.orm.em, rng, { regionCode: '320000' })).id;
    germanStation = await insertOrganization(t.orm.em, { name: '驻德国工作站', kind: 'OVERSEAS_STATION', country: '德国' });
    usStation = await insertOrganization(t.orm.em, { name: '驻美国工作站', kind: 'OVERSEAS_STATION', country: '美国' });
    const profile = (org: string, country: string, zone: string) => ({ organizationId: toGlobalId('ServiceOrganization', org), hostOffice: '代表处', countryCode: country, city: '首都', countriesCovered: [country], languages: ['zh'], timeZone: zone, weeklyHours: [{ weekday: 1, from: '09:00', to: '17:00' }] });
    await t.ok(`mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { id } } }`, { input: profile(germanStation, 'DE', 'Europe/Berlin') });
    await t.ok(`mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { id } } }`, { input: profile(usStation, 'US', 'America/New_York') });
  });
  afterAll(() => t.close());

  it('demonstration enterprises first; another one only with a reason; one appointment at a time', async () => {
    const o = (await t.ok(APPOINT, { input: { enterpriseId: toGlobalId('Enterprise', demo), countryCodes: ['de', 'FR'], appointedOn: '2026-03-01' } })).appointObserver.observer;
    expect(o).toMatchObject({ countryCodes: ['DE', 'FR'], demonstration: true, reason: null });
    expect(errorOf(await t.gql(APPOINT, { input: { enterpriseId: toGlobalId('Enterprise', demo), countryCodes: ['US'], appointedOn: '2026-03-01' } })).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(APPOINT, { input: { enterpriseId: toGlobalId('Enterprise', plain), countryCodes: ['US'], appointedOn: '2026-03-01' } })).code).toBe('BAD_USER_INPUT');
    const other = (await t.ok(APPOINT, { input: { enterpriseId: toGlobalId('Enterprise', plain), countryCodes: ['US'], appointedOn: '2026-03-01', reason: '对美出口额居本省前列，熟悉当地市场' } })).appointObserver.observer;
    expect(other).toMatchObject({ demonstration: false });
    for (const bad of [{ countryCodes: [] }, { countryCodes: ['ZZ'] }, { appointedOn: '2026-06-16' }]) {
      expect(errorOf(await t.gql(APPOINT, { input: { enterpriseId: toGlobalId('Enterprise', plain), countryCodes: ['JP'], appointedOn: '2026-03-01', reason: 'x', ...bad } })).code).toBe('BAD_USER_INPUT');
    }
    expect(errorOf(await t.gql(APPOINT, { input: { enterpriseId: toGlobalId('Enterprise', demo), countryCodes: ['US'], appointedOn: '2026-03-01' } }, as.provincial('440000'))).code).toBe('FORBIDDEN');
    const list = (await t.ok(`{ overseasObservers(first: 10, countryCode: "fr") { edges { node { enterpriseName countryCodes } } } }`, {}, as.anonymous)).overseasObservers.edges;
    expect(list).toHaveLength(1);
  });

  it('an observer files reports on its countries; the workstation of the country, its bureau and the national bureau read them', async () => {
    const [{ id: observerId }] = (await t.ok(`{ overseasObservers(first: 10, countryCode: "DE") { edges { node { id } } } }`)).overseasObservers.edges.map((e: { node: { id: string } }) => e.node);
    const file = (viewer: Viewer, countryCode: string) => t.gql<any>(FILE, { input: { observerId, countryCode, title: '德国汽车零部件专利诉讼动向', body: '近期德国法院针对中国企业的专利禁令案件增多……' } }, viewer);
    const r = (await file(as.enterprise(demo), 'de')).data.fileObserverReport.report;
    expect(r).toMatchObject({ countryCode: 'DE', reportedOn: '2026-06-15' });
    expect(errorOf(await file(as.enterprise(demo), 'US')).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await file(as.enterprise(plain), 'DE')).code).toBe('FORBIDDEN');
    const sees = async (viewer: Viewer) => ((await t.gql<any>(REPORTS, {}, viewer)).data?.observerReports.edges ?? []).some((e: { node: { id: string } }) => e.node.id === r.id);
    for (const viewer of [as.enterprise(demo), as.provincial('440000'), as.national(), as.user('SERVICE_PROVIDER', { organizationId: germanStation })]) expect(await sees(viewer)).toBe(true);
    for (const viewer of [as.enterprise(plain), as.provincial('320000'), as.user('SERVICE_PROVIDER', { organizationId: usStation })]) expect(await sees(viewer)).toBe(false);
    expect(errorOf(await t.gql(REPORTS, {}, as.anonymous)).code).toBe('UNAUTHENTICATED');
    const o = (await t.ok(`query($id: ID!) { node(id: $id) { ... on OverseasObserver { version } } }`, { id: observerId })).node;
    await t.ok(END, { input: { id: observerId, version: o.version, endedOn: '2026-06-15' } });
    expect(errorOf(await file(as.enterprise(demo), 'DE')).code).toBe('CONFLICT');
  });
});
