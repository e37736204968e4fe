/**
 * No query per row in the advantage lists: applications (with their enterprise, attachments and
 * history) and the cultivation of advantage titles (years, reports, mid-term check) cost the same
 * number of SQL statements for a few rows as for many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

const REGION = '320000';
const LIST = `{ advantageApplications(first: 50, filter: { year: 2026 }) { totalCount edges { node { id status attachments { id } enterprise { name } history { operation } } } } }`;
const TITLES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Designation { id cultivation { completed years { cultivationYear overdue report { id cultivationYear } } midTermCheck { passed } } } } }`;
const PEOPLE = `{ people(first: 50) { totalCount edges { node { id name employerEnterprise { name } } } } }`;

describe('SQL statements do not grow with the rows of the advantage lists', () => {
  let t: TestApp;
  const rng = randomFor(8080);
  const titles: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-04-01');
    await t.ok(`mutation { setAdvantageBatch(input: { year: 2026, opensOn: "2026-03-01", closesOn: "2026-06-30" }) { batch { id } } }`, undefined, as.provincial(REGION));
  });
  afterAll(() => t.close());

  async function more(n: number) {
    for (let i = 0; i < n; i++) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: REGION, standardCertifiedOn: '2024-01-01' });
      const viewer = as.enterprise(e.id);
      const draft = (await t.ok(`mutation($input: SaveAdvantageApplicationInput!) { saveAdvantageApplication(input: $input) { application { id version } } }`, { input: { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, formContent: '申报书', workPlan: '方案', standardPath: 'CERTIFIED', scoreA: 70, scoreB: 70 } }, viewer)).saveAdvantageApplication.application;
      await t.ok(`mutation($input: SubmitAdvantageApplicationInput!) { submitAdvantageApplication(input: $input) { application { id } } }`, { input: { id: draft.id, version: draft.version } }, viewer);
      const d = await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-03-01', validUntil: '2027-02-28' });
      titles.push(toGlobalId('Designation', d.id));
      await t.ok(`mutation($input: SubmitCultivationReportInput!) { submitCultivationReport(input: $input) { report { id } } }`, { input: { designationId: titles.at(-1), cultivationYear: 1, progress: '进展', nextSteps: '计划' } }, viewer);
      await t.ok(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`, { input: { name: `员工${titles.length}` } }, viewer);
    }
  }

  it('advantageApplications, cultivation by node(id) and people: the same statements for 2 rows as for 6', async () => {
    await more(2);
    const few = { list: await t.countQueries(() => t.ok(LIST, undefined, as.provincial(REGION))), titles: await t.countQueries(() => t.ok(TITLES, { ids: titles }, as.provincial(REGION))), people: await t.countQueries(() => t.ok(PEOPLE, undefined, as.provincial(REGION))) };
    expect(few.list.result.advantageApplications.totalCount).toBe(2);
    await more(4);
    const many = { list: await t.countQueries(() => t.ok(LIST, undefined, as.provincial(REGION))), titles: await t.countQueries(() => t.ok(TITLES, { ids: titles }, as.provincial(REGION))), people: await t.countQueries(() => t.ok(PEOPLE, undefined, as.provincial(REGION))) };
    expect(many.list.result.advantageApplications.totalCount).toBe(6);
    expect(many.titles.result.nodes.every((d: { cultivation: { years: { report: unknown }[] } }) => d.cultivation.years[0]!.report)).toBe(true);
    expect(many.people.result.people.totalCount).toBe(6);
    for (const key of ['list', 'titles', 'people'] as const) expect(many[key].queries.length, key).toBe(few[key].queries.length);
  });
});
