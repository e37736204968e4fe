/** "Today" comes from the request's clock: validity, the public directory and statuses move with it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

describe('a pinned clock', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    const e = await makeEnterprise(t.orm.em, randomFor(5), { name: '时钟测试科技有限公司', regionCode: '320000' });
    await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2023, validFrom: '2023-12-01', validUntil: '2026-11-30' });
    id = toGlobalId('Enterprise', e.id);
  });
  afterAll(() => t.close());

  const Q = `query($id: ID!) { enterprise(id: $id) { stage currentDesignation { level } designations { status before: status(asOf: "2023-11-30") } } }`;

  it('on the last valid day the designation is ACTIVE and the enterprise is in the public directory', async () => {
    t.setToday('2026-11-30');
    const data = await t.ok(Q, { id }, as.anonymous);
    expect(data.enterprise).toEqual({ stage: 'ADVANTAGE', currentDesignation: { level: 'ADVANTAGE' }, designations: [{ status: 'ACTIVE', before: 'ACTIVE' }] });
  });

  it('the day after, it reads EXPIRED and the public no longer sees the enterprise', async () => {
    t.setToday('2026-12-01');
    expect((await t.ok(Q, { id }, as.anonymous)).enterprise).toBeNull();
    const data = await t.ok(Q, { id });
    expect(data.enterprise.currentDesignation).toBeNull();
    expect(data.enterprise.designations[0].status).toBe('EXPIRED');
    const filtered = await t.ok(`{ enterprises(filter: { designation: { statuses: [EXPIRED] } }) { totalCount } }`);
    expect(filtered.enterprises.totalCount).toBe(1);
  });

  it('the same through HTTP (the app reads the same clock)', async () => {
    t.setToday('2026-11-01');
    const { body } = await t.http(`query($id: ID!) { enterprise(id: $id) { name } }`, { id });
    expect(body.data?.enterprise).toEqual({ name: '时钟测试科技有限公司' });
    t.setToday(null);
  });
});
