/**
 * Overseas IP workstations [D 四(二)一]: "依托中国国际贸易促进委员会驻外代表处建立驻外知识产权工作站，建立集重大
 * 知识产权问题需求收集、信息反馈、协调应对于一体的工作机制". The national bureau sets a workstation's
 * profile (host office, country and city, countries covered — one workstation per country, so a
 * problem abroad is routed unambiguously — languages, time zone, weekly hours); its calendar holds
 * the local public holidays (date-holidays; China's from the programme's calendar) and make-up days;
 * deadlines run in its business time. The directory is public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { insertOrganization } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';

const WORKSTATION = `id hostOffice countryCode city countriesCovered languages timeZone version weeklyHours { weekday from to } organization { name }`;
const SET = `mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { ${WORKSTATION} } } }`;
const LOAD = `mutation($input: LoadWorkstationHolidaysInput!) { loadWorkstationHolidays(input: $input) { days { day kind name source } } }`;
const CALENDAR = `mutation($input: SetWorkstationCalendarInput!) { setWorkstationCalendar(input: $input) { days { day kind hoursOf name source } } }`;
const DEADLINE = `query($id: ID!, $from: DateTime!, $h: Float!) { overseasWorkstationDeadline(workstationId: $id, from: $from, businessHours: $h) { deadline localDeadline } }`;
const WEEKDAYS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, from: '09:00', to: '12:30' },
  { weekday, from: '13:30', to: '18:00' },
]);

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('overseas workstations', () => {
  let t: TestApp;
  let germany: string;
  let usa: string;
  let agency: string;
  const input = (organizationId: string, over: Record<string, unknown> = {}) => ({
    organizationId: toGlobalId('ServiceOrganization', organizationId),
    hostOffice: '中国贸促会驻德国代表处',
    countryCode: 'de',
    city: '柏林',
    countriesCovered: ['DE', 'AT', 'CH'],
    languages: ['zh', 'de', 'en'],
    timeZone: 'Europe/Berlin',
    weeklyHours: WEEKDAYS,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-09-28');
    germany = await insertOrganization(t.orm.em, { name: '中国贸促会驻德国代表处知识产权工作站', kind: 'OVERSEAS_STATION', country: '德国' });
    usa = await insertOrganization(t.orm.em, { name: '中国贸促会驻美国代表处知识产权工作站', kind: 'OVERSEAS_STATION', country: '美国' });
    agency = await insertOrganization(t.orm.em, { name: '某代理机构', kind: 'AGENCY', regionCode: '440000' });
  });
  afterAll(() => t.close());

  it('the national bureau sets a profile; the directory and routing by country are public', async () => {
    const w = (await t.ok(SET, { input: input(germany) }, as.national())).setOverseasWorkstation.workstation;
    expect(w).toMatchObject({ countryCode: 'DE', countriesCovered: ['DE', 'AT', 'CH'], timeZone: 'Europe/Berlin', organization: { name: '中国贸促会驻德国代表处知识产权工作站' } });
    expect(w.weeklyHours[0]).toEqual({ weekday: 1, from: '09:00', to: '12:30' });
    const routed = (await t.ok(`{ overseasWorkstationFor(countryCode: "at") { id city } }`, {}, as.anonymous)).overseasWorkstationFor;
    expect(routed).toEqual({ id: w.id, city: '柏林' });
    expect((await t.ok(`{ overseasWorkstationFor(countryCode: "JP") { id } }`, {}, as.anonymous)).overseasWorkstationFor).toBeNull();
    expect(errorOf(await t.gql(`{ overseasWorkstationFor(countryCode: "XX") { id } }`, {}, as.anonymous)).code).toBe('BAD_USER_INPUT');
    const listed = (await t.ok(`{ overseasWorkstations(first: 10, countryCode: "CH") { totalCount edges { node { id } } } }`, {}, as.anonymous)).overseasWorkstations;
    expect(listed.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([w.id]);
    // Updating needs the version; a country already covered elsewhere is refused.
    expect(errorOf(await t.gql(SET, { input: input(germany) }, as.national())).code).toBe('CONFLICT');
    const clash = await t.gql(SET, { input: input(usa, { hostOffice: '中国贸促会驻美国代表处', countryCode: 'US', city: '纽约', countriesCovered: ['US', 'CA', 'AT'], timeZone: 'America/New_York' }) }, as.national());
    expect(errorOf(clash)).toMatchObject({ code: 'CONFLICT', countries: ['AT'] });
    const us = (await t.ok(SET, { input: input(usa, { hostOffice: '中国贸促会驻美国代表处', countryCode: 'US', city: '纽约', countriesCovered: ['US', 'CA'], timeZone: 'America/New_York' }) }, as.national())).setOverseasWorkstation.workstation;
    expect(us.countriesCovered).toEqual(['US', 'CA']);
  });

  it('bad profiles are BAD_USER_INPUT and only the national bureau sets them', async () => {
    const bad: Record<string, unknown>[] = [
      { countryCode: 'XX' },
      { countriesCovered: ['FR'] },
      { timeZone: 'Europe/Atlantis' },
      { languages: ['Deutsch'] },
      { weeklyHours: [] },
      { weeklyHours: [{ weekday: 8, from: '09:00', to: '18:00' }] },
      { weeklyHours: [{ weekday: 1, from: '18:00', to: '09:00' }] },
      { weeklyHours: [{ weekday: 1, from: '09:00', to: '13:00' }, { weekday: 1, from: '12:00', to: '18:00' }] },
      { weeklyHours: [{ weekday: 1, from: '9:00', to: '18:00' }] },
    ];
    for (const over of bad) expect(errorOf(await t.gql(SET, { input: input(germany, { ...over, version: 1 }) }, as.national())).code, JSON.stringify(over)).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(SET, { input: input(agency, { countriesCovered: ['FR'], countryCode: 'FR', timeZone: 'Europe/Paris' }) }, as.national())).code).toBe('BAD_USER_INPUT');
    for (const viewer of [as.provincial('440000'), as.user('SERVICE_PROVIDER', { organizationId: germany })]) expect(errorOf(await t.gql(SET, { input: input(germany, { version: 1 }) }, viewer)).code).toBe('FORBIDDEN');
  });

  it('holidays from date-holidays, China’s from the programme calendar; deadlines run on them', async () => {
    const w = (await t.ok(`{ overseasWorkstationFor(countryCode: "DE") { id } }`)).overseasWorkstationFor;
    const days = (await t.ok(LOAD, { input: { workstationId: w.id, year: 2026 } }, as.user('SERVICE_PROVIDER', { organizationId: germany }))).loadWorkstationHolidays.days;
    expect(days).toContainEqual({ day: '2026-10-03', kind: 'HOLIDAY', name: 'Tag der Deutschen Einheit', source: 'DATE_HOLIDAYS' });
    expect(days).toContainEqual(expect.objectContaining({ day: '2026-12-25', kind: 'HOLIDAY' }));
    expect(errorOf(await t.gql(LOAD, { input: { workstationId: w.id, year: 2026 } }, as.user('SERVICE_PROVIDER', { organizationId: usa }))).code).toBe('FORBIDDEN');
    // Friday 2 October 2026 16:00 Berlin (14:00Z) + 4 business hours: 2 h on Friday; Saturday, Sunday and the
    // 3rd are closed (the 3rd is a Saturday anyway); Monday 5 October 09:00–11:00.
    const d = (await t.ok(DEADLINE, { id: w.id, from: '2026-10-02T14:00:00Z', h: 4 }, as.anonymous)).overseasWorkstationDeadline;
    expect({ deadline: new Date(d.deadline).toISOString(), localDeadline: d.localDeadline }).toEqual({ deadline: '2026-10-05T09:00:00.000Z', localDeadline: '2026-10-05 11:00' });
    // A make-up Saturday set by hand (with Monday's hours) brings it forward; a holiday on that Monday pushes it back.
    await t.ok(CALENDAR, { input: { workstationId: w.id, year: 2026, days: [...days.map((x: any) => ({ day: x.day, kind: x.kind, name: x.name })), { day: '2026-10-05', kind: 'HOLIDAY', name: '假设的假日' }] } }, as.national());
    expect((await t.ok(DEADLINE, { id: w.id, from: '2026-10-02T14:00:00Z', h: 4 })).overseasWorkstationDeadline.localDeadline).toBe('2026-10-06 11:00');
    const withMakeUp = (await t.ok(CALENDAR, { input: { workstationId: w.id, year: 2026, days: [{ day: '2026-10-03', kind: 'WORKDAY', hoursOf: 1, name: '调休' }] } }, as.national())).setWorkstationCalendar.days;
    expect(withMakeUp).toEqual([{ day: '2026-10-03', kind: 'WORKDAY', hoursOf: 1, name: '调休', source: 'MANUAL' }]);
    expect((await t.ok(DEADLINE, { id: w.id, from: '2026-10-02T14:00:00Z', h: 4 })).overseasWorkstationDeadline.localDeadline).toBe('2026-10-03 11:00');
    for (const bad of [[{ day: '2027-01-01', kind: 'HOLIDAY', name: 'x' }], [{ day: '2026-05-02', kind: 'WORKDAY', name: 'x' }], [{ day: '2026-05-02', kind: 'HOLIDAY', name: 'x', hoursOf: 1 }]]) {
      expect(errorOf(await t.gql(CALENDAR, { input: { workstationId: w.id, year: 2026, days: bad } }, as.national())).code).toBe('BAD_USER_INPUT');
    }
    const year = (await t.ok(`query($id: ID!) { node(id: $id) { ... on OverseasWorkstation { calendar(year: 2026) { day } } } }`, { id: w.id }, as.anonymous)).node.calendar;
    expect(year).toEqual([{ day: '2026-10-03' }]);
  });
});
