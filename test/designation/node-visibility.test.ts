/**
 * node(id) per viewer for what hangs off an enterprise: a designation is visible wherever its
 * enterprise is (the public directory, the jurisdiction, the enterprise itself); a demonstration
 * application, a revocation incident and an application ban go with the enterprise's whole record
 * (the national bureau, the provincial bureau of the jurisdiction, the enterprise itself).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { ApplicationBan, BanReason } from '../../src/modules/designation/ban.entity.js';

const TODAY = '2026-06-15';

describe('node(id) of designations, applications, incidents and bans, per viewer', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const viewers: Record<string, Viewer> = {};
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    const rng = randomFor(4242);
    // A: in the public directory (an advantage title valid today); B: not (its only title expired).
    const a = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    const b = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
    ids.publicDesignation = toGlobalId('Designation', (await makeDesignation(t.orm.em, a, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' })).id);
    ids.hiddenDesignation = toGlobalId('Designation', (await makeDesignation(t.orm.em, b, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2020, validFrom: '2020-12-01', validUntil: '2023-11-30' })).id);
    const eid = toGlobalId('Enterprise', a.id);
    ids.application = (
      await t.ok(`mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) { application { id } } }`, { input: { enterpriseId: eid, year: 2026, formContent: '申报书' } }, as.enterprise(a.id))
    ).saveDemonstrationApplication.application.id;
    ids.incident = (
      await t.ok(`mutation($id: ID!) { recordIncident(input: { enterpriseId: $id, kind: FALSE_MATERIAL, occurredOn: "2026-01-15", description: "虚报数据", evidence: "核查报告" }) { incident { id } } }`, { id: eid })
    ).recordIncident.incident.id;
    const fork = t.orm.em.fork();
    const ban = fork.create(ApplicationBan, { enterprise: a.id, reason: BanReason.REVOKED, startsOn: '2026-01-20', endsOn: '2028-01-19' });
    await fork.flush();
    ids.ban = toGlobalId('ApplicationBan', ban.id);
    Object.assign(viewers, {
      anonymous: as.anonymous,
      expert: as.user('EXPERT', { personId: '00000000-0000-7000-8000-000000000009' }),
      provider: as.user('SERVICE_PROVIDER', { organizationId: '00000000-0000-7000-8000-000000000008' }),
      enterpriseA: as.enterprise(a.id),
      enterpriseB: as.enterprise(b.id),
      jiangsu: as.provincial('320000'),
      zhejiang: as.provincial('330000'),
      national: as.national(),
    });
  });
  afterAll(() => t.close());

  /** The viewers (by name) to whom node(id) answers the object. */
  async function seenBy(id: string): Promise<string[]> {
    const seen: string[] = [];
    for (const [name, viewer] of Object.entries(viewers)) {
      const r = await t.gql(`query($id: ID!) { node(id: $id) { id } } `, { id }, viewer);
      expect(r.errors).toBeUndefined();
      if (r.data!.node) seen.push(name);
    }
    return seen.sort();
  }
  const WHOLE_RECORD_OF_A = ['enterpriseA', 'jiangsu', 'national'];

  it('a designation of an enterprise in the public directory: everyone', async () => {
    expect(await seenBy(ids.publicDesignation!)).toEqual(Object.keys(viewers).sort());
  });

  it('a designation of an enterprise outside the public directory: whoever sees that enterprise', async () => {
    expect(await seenBy(ids.hiddenDesignation!)).toEqual(['enterpriseB', 'jiangsu', 'national']);
  });

  it('an application, an incident and a ban: the whole record of their enterprise', async () => {
    expect(await seenBy(ids.application!)).toEqual(WHOLE_RECORD_OF_A);
    expect(await seenBy(ids.incident!)).toEqual(WHOLE_RECORD_OF_A);
    expect(await seenBy(ids.ban!)).toEqual(WHOLE_RECORD_OF_A);
  });

  it('nodes(ids) answers the same, position by position', async () => {
    const all = [ids.publicDesignation!, ids.hiddenDesignation!, ids.application!, ids.incident!, ids.ban!];
    const r = await t.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: all }, viewers.zhejiang);
    expect(r.nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual([ids.publicDesignation, null, null, null, null]);
  });
});
