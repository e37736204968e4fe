/**
 * Overseas IP publications [D 四(二)三]: "编制发布海外知识产权运营指南、国外知识产权环境报告". A workstation (or any
 * service organisation) drafts a guide or an environment report for its countries, publishes it to the
 * public catalogue — searched by country, kind and text — and may withdraw it with a reason; the
 * national bureau writes its own or acts for any. Drafts are seen by their writer and the national bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { insertOrganization } from '../../seeds/factories.js';

const FIELDS = `id kind countryCodes title summary language status publishedAt withdrawReason publisherName version`;
const DRAFT = `mutation($input: DraftOverseasPublicationInput!) { draftOverseasPublication(input: $input) { publication { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateOverseasPublicationInput!) { updateOverseasPublication(input: $input) { publication { ${FIELDS} } } }`;
const PUBLISH = `mutation($input: PublishOverseasPublicationInput!) { publishOverseasPublication(input: $input) { publication { ${FIELDS} } } }`;
const LIST = `query($f: OverseasPublicationFilter, $n: Int) { overseasPublications(filter: $f, first: $n) { totalCount edges { node { id title publisherName } } } }`;

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

describe('overseas publications', () => {
  let t: TestApp;
  let station: string;
  let other: string;
  const staff = () => as.user('SERVICE_PROVIDER', { organizationId: station });
  const guide = (over: Record<string, unknown> = {}) => ({ kind: 'OPERATION_GUIDE', countryCodes: ['de', 'AT'], title: '德国知识产权运营实务指引', summary: '德国专利许可、转让和质押的法律要点与常见问题', language: 'zh', ...over });
  const ids = async (viewer = as.anonymous, f: Record<string, unknown> = {}) => (await t.ok(LIST, { f, n: 50 }, viewer)).overseasPublications.edges.map((e: { node: { id: string } }) => e.node.id);

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    station = await insertOrganization(t.orm.em, { name: '中国贸促会驻德国代表处知识产权工作站', kind: 'OVERSEAS_STATION', country: '德国' });
    other = await insertOrganization(t.orm.em, { name: '另一驻外工作站', kind: 'OVERSEAS_STATION', country: '美国' });
  });
  afterAll(() => t.close());

  it('a workstation drafts, publishes and withdraws a guide; the public finds it by country, kind and text while published', async () => {
    const p = (await t.ok(DRAFT, { input: { publication: guide() } }, staff())).draftOverseasPublication.publication;
    expect(p).toMatchObject({ countryCodes: ['DE', 'AT'], status: 'DRAFT', publisherName: '中国贸促会驻德国代表处知识产权工作站' });
    expect(await ids()).not.toContain(p.id);
    expect(await ids(as.user('SERVICE_PROVIDER', { organizationId: other }))).not.toContain(p.id);
    expect(await ids(as.national())).toContain(p.id);
    const fixed = (await t.ok(UPDATE, { input: { id: p.id, version: p.version, publication: guide({ title: '德国专利运营实务指引（2026）' }) } }, staff())).updateOverseasPublication.publication;
    const published = (await t.ok(PUBLISH, { input: { id: p.id, version: fixed.version, published: true } }, staff())).publishOverseasPublication.publication;
    expect(published.status).toBe('PUBLISHED');
    expect(await ids(as.anonymous, { countryCode: 'at', kinds: ['OPERATION_GUIDE'], search: '实务' })).toEqual([p.id]);
    expect(await ids(as.anonymous, { countryCode: 'US' })).toEqual([]);
    expect(await ids(as.anonymous, { kinds: ['ENVIRONMENT_REPORT'] })).toEqual([]);
    expect(errorOf(await t.gql(UPDATE, { input: { id: p.id, version: published.version, publication: guide() } }, staff())).code).toBe('CONFLICT');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: p.id, version: published.version, published: false } }, staff())).code).toBe('BAD_USER_INPUT');
    await t.ok(PUBLISH, { input: { id: p.id, version: published.version, published: false, reason: '法律修订，待更新' } }, as.national());
    expect(await ids()).not.toContain(p.id);
  });

  it('the national bureau publishes its own; others may not write; bad input stores nothing', async () => {
    const own = (await t.ok(DRAFT, { input: { publication: guide({ kind: 'ENVIRONMENT_REPORT', countryCodes: ['US'], title: '美国知识产权环境报告（2026）', language: 'zh' }) } }, as.national())).draftOverseasPublication.publication;
    expect(own.publisherName).toBe('国家知识产权局');
    expect(errorOf(await t.gql(PUBLISH, { input: { id: own.id, version: own.version, published: true } }, staff())).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    for (const viewer of [as.enterprise(station), as.provincial('440000')]) expect(errorOf(await t.gql(DRAFT, { input: { publication: guide() } }, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(DRAFT, { input: { publication: guide() } }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from overseas_publication'))[0]!.n);
    const before = await count();
    for (const over of [{ countryCodes: [] }, { countryCodes: ['XX'] }, { language: 'Chinese' }, { title: '' }, { summary: 'x'.repeat(2001) }]) {
      expect(errorOf(await t.gql(DRAFT, { input: { publication: guide(over) } }, staff())).code, JSON.stringify(over)).toBe('BAD_USER_INPUT');
    }
    expect(await count()).toBe(before);
  });

  it('a page of the catalogue costs the same statements for 1 publication as for 4', async () => {
    for (let i = 0; i < 4; i++) {
      const p = (await t.ok(DRAFT, { input: { publication: guide({ title: `指引 ${i}` }) } }, staff())).draftOverseasPublication.publication;
      await t.ok(PUBLISH, { input: { id: p.id, version: p.version, published: true } }, staff());
    }
    const statements = async (n: number) => (await t.countQueries(() => t.ok(LIST, { f: {}, n }, as.anonymous))).queries.length;
    expect(await statements(4)).toBe(await statements(1));
  });
});
