/** `deadlines(from, to)`: windows closing, notices ending, re-examinations and filings due, bans ending — each with its object, in the viewer's scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

const Q = `query($from: Date!, $to: Date!) { deadlines(from: $from, to: $to) { kind date objectType objectId regionCode } }`;

describe('deadlines', () => {
  let t: TestApp;
  let jiangsuRound: string;
  let zhejiangEnterprise: string;
  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(31415);
    await t.ok(`mutation { setApplicationWindow(input: { year: 2027, opensOn: "2027-03-01" }) { window { year } } }`);
    const js = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    const d = await makeDesignation(t.orm.em, js, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-09-26', validUntil: '2027-09-25' });
    jiangsuRound = toGlobalId('Designation', d.id);
    const zj = await makeEnterprise(t.orm.em, rng, { regionCode: '330000' });
    zhejiangEnterprise = zj.id;
    await makeDesignation(t.orm.em, zj, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-10-10', validUntil: '2027-10-09' });
  });
  afterAll(() => t.close());

  it('a provincial admin sees the window and its own jurisdiction’s re-examination milestones, in date order', async () => {
    const data = await t.ok(Q, { from: '2027-06-01', to: '2028-05-31' }, as.provincial('320000'));
    expect(data.deadlines).toEqual([
      { kind: 'REEXAMINATION_OPENS', date: '2027-06-27', objectType: 'Designation', objectId: jiangsuRound, regionCode: '320000' },
      { kind: 'APPLICATION_WINDOW_CLOSES', date: '2027-07-31', objectType: 'ApplicationWindow', objectId: '2027', regionCode: null },
      { kind: 'ROUND_ENDS', date: '2027-09-25', objectType: 'Designation', objectId: jiangsuRound, regionCode: '320000' },
      { kind: 'FILING_DEADLINE', date: '2028-03-25', objectType: 'Designation', objectId: jiangsuRound, regionCode: '320000' },
    ]);
  });

  it('the national admin sees every jurisdiction; an enterprise its own; the public only windows and notices', async () => {
    const national = await t.ok(Q, { from: '2027-09-01', to: '2027-10-31' }, as.national());
    expect(national.deadlines.map((d: any) => [d.kind, d.regionCode])).toEqual([
      ['ROUND_ENDS', '320000'],
      ['ROUND_ENDS', '330000'],
    ]);
    const own = await t.ok(Q, { from: '2027-09-01', to: '2027-10-31' }, as.enterprise(zhejiangEnterprise));
    expect(own.deadlines.map((d: any) => d.regionCode)).toEqual(['330000']);
    const pub = await t.ok(Q, { from: '2027-01-01', to: '2027-12-31' }, as.anonymous);
    expect(pub.deadlines.map((d: any) => d.kind)).toEqual(['APPLICATION_WINDOW_CLOSES']);
  });

  it('a period longer than 366 days, or reversed, is BAD_USER_INPUT', async () => {
    expect((await t.gql(Q, { from: '2027-01-01', to: '2028-01-03' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(Q, { from: '2027-02-01', to: '2027-01-01' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
