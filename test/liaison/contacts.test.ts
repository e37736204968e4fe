/**
 * Daily contact [D 五(一) 建立示范企业日常工作联系机制; 国家局…建立示范企业重大事项联系及议事机制]: the
 * provincial bureaus record contacts with the enterprises of their jurisdiction, the national bureau
 * with any, and only it records major matters with their decision; follow-ups are tracked; the
 * enterprise sees its own contacts without the bureaus' internal notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { buildWorld, errorOf, GD, type World } from './world.js';

const RECORD = `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id version major decision internalNote bureau { code } recordedBy followUps { text dueOn done doneOn } } } }`;
const UPDATE = `mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id version summary decision internalNote followUps { text done doneOn } } } }`;
const LIST = `query($filter: ContactRecordFilter) { contactRecords(first: 50, filter: $filter) { totalCount edges { node { id contactedOn channel subject major decision internalNote enterprise { name } bureau { code } } } } }`;

describe('contact records [D 五(一)]', () => {
  let t: TestApp;
  let w: World;
  let visit: { id: string; version: number };
  let major: { id: string; version: number };
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 19);
  });
  afterAll(() => t.close());

  const base = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
    enterpriseId,
    contactedOn: '2026-11-18',
    channel: 'VISIT',
    subject: '走访了解海外布局进展',
    summary: '企业反映在德国遭遇专利侵权警告函，需要应对指导。',
    ...extra,
  });
  const list = async (viewer: any, filter?: Record<string, unknown>) => (await t.ok(LIST, { filter }, viewer)).contactRecords;

  it('a provincial bureau records a visit with follow-ups and an internal note; the enterprise sees it without the note', async () => {
    const result = await t.ok(RECORD, {
      input: base(w.firms.gd.gid, {
        followUps: [{ text: '联系驻德国工作站', dueOn: '2026-11-30' }, { text: '提供应诉指引', done: true }],
        internalNote: '企业应对能力较弱，需重点跟踪。',
      }),
    }, w.viewers.gd);
    const contact = result.recordContact.contact;
    expect(contact).toMatchObject({ major: false, decision: null, bureau: { code: GD }, recordedBy: 'test-provincial_admin', internalNote: '企业应对能力较弱，需重点跟踪。' });
    expect(contact.followUps).toEqual([
      { text: '联系驻德国工作站', dueOn: '2026-11-30', done: false, doneOn: null },
      { text: '提供应诉指引', dueOn: null, done: true, doneOn: '2026-11-20' },
    ]);
    visit = contact;
    const own = (await list(w.firms.gd.viewer)).edges.map((e: any) => e.node);
    expect(own).toEqual([expect.objectContaining({ id: contact.id, subject: '走访了解海外布局进展', internalNote: null })]);
    for (const viewer of [w.viewers.gd, w.viewers.national]) expect((await list(viewer)).edges[0].node.internalNote).toBe('企业应对能力较弱，需重点跟踪。');
    for (const viewer of [w.firms.gd2.viewer, w.viewers.sz, w.viewers.js]) expect((await list(viewer)).totalCount).toBe(0);
    for (const viewer of [w.viewers.providerGd, w.viewers.expert]) expect(errorOf(await t.gql(LIST, {}, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(LIST, {}, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
    for (const viewer of [w.viewers.sz, w.firms.gd2.viewer, w.viewers.anonymous, w.viewers.providerGd]) {
      expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: contact.id }, viewer)).node).toBeNull();
    }
  });

  it('the national bureau’s major matter: a contact with major and its decision; only the national bureau records one', async () => {
    const input = base(w.firms.js.gid, { channel: 'MEETING', subject: '重大事项议事：海外纠纷联合应对', major: true, decision: '由国家局协调驻外工作站，省局跟踪落实。' });
    major = (await t.ok(RECORD, { input }, w.viewers.national)).recordContact.contact;
    expect(major).toMatchObject({ major: true, decision: '由国家局协调驻外工作站，省局跟踪落实。', bureau: { code: '100000' } });
    // The province of the enterprise sees the national bureau's record too.
    expect((await list(w.viewers.js, { major: true })).edges.map((e: any) => e.node.id)).toEqual([major.id]);
    expect(errorOf(await t.gql(RECORD, { input }, w.viewers.js))).toMatchObject({ code: 'FORBIDDEN', action: 'liaison.contact.major' });
    expect((errorOf(await t.gql(RECORD, { input: { ...input, decision: null } }, w.viewers.national)).fields as any[]).map((f) => f.field)).toEqual(['decision']);
    expect((errorOf(await t.gql(RECORD, { input: { ...input, major: false } }, w.viewers.national)).fields as any[]).map((f) => f.field)).toEqual(['decision']);
  });

  it('failure paths: another jurisdiction’s enterprise, a future date, an enterprise or provider recording, too many follow-ups', async () => {
    expect(errorOf(await t.gql(RECORD, { input: base(w.firms.js.gid) }, w.viewers.gd)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(RECORD, { input: base(w.firms.sz.gid) }, w.viewers.gd)).code).toBe('FORBIDDEN');
    // An enterprise outside the public directory and the jurisdiction is not even visible.
    expect(errorOf(await t.gql(RECORD, { input: base(w.firms.gdExpired.gid) }, w.viewers.js)).code).toBe('NOT_FOUND');
    expect((errorOf(await t.gql(RECORD, { input: base(w.firms.gd.gid, { contactedOn: '2026-11-21' }) }, w.viewers.gd)).fields as any[]).map((f) => f.field)).toEqual(['contactedOn']);
    for (const viewer of [w.firms.gd.viewer, w.viewers.providerGd]) expect(errorOf(await t.gql(RECORD, { input: base(w.firms.gd.gid) }, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(RECORD, { input: base(w.firms.gd.gid) }, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
    const many = Array.from({ length: 21 }, (_, i) => ({ text: `事项 ${i}` }));
    expect(errorOf(await t.gql(RECORD, { input: base(w.firms.gd.gid, { followUps: many }) }, w.viewers.gd)).code).toBe('BAD_USER_INPUT');
    // Contacts may be with any enterprise of the jurisdiction, not only demonstration ones.
    expect((await t.ok(RECORD, { input: base(w.firms.gdAdvantage.gid, { channel: 'PHONE' }) }, w.viewers.gd)).recordContact.contact.major).toBe(false);
  });

  it('only the recording bureau updates its record: follow-ups done, decision kept for a major matter, version checked', async () => {
    const done = await t.ok(UPDATE, { input: { id: visit.id, version: visit.version, followUps: [{ text: '联系驻德国工作站', done: true, doneOn: '2026-11-19' }, { text: '提供应诉指引', done: true }] } }, w.viewers.gd);
    expect(done.updateContact.contact.followUps.every((f: any) => f.done)).toBe(true);
    expect(errorOf(await t.gql(UPDATE, { input: { id: visit.id, version: visit.version, summary: '过期' } }, w.viewers.gd))).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(errorOf(await t.gql(UPDATE, { input: { id: visit.id, version: done.updateContact.contact.version, summary: '国家局改' } }, w.viewers.national))).toMatchObject({ code: 'FORBIDDEN', action: 'liaison.contact.update' });
    expect(errorOf(await t.gql(UPDATE, { input: { id: visit.id, version: done.updateContact.contact.version, summary: '外省改' } }, w.viewers.sz)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(UPDATE, { input: { id: visit.id, version: done.updateContact.contact.version, summary: '企业改' } }, w.firms.gd.viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(UPDATE, { input: { id: major.id, version: major.version, decision: null } }, w.viewers.national)).code).toBe('BAD_USER_INPUT');
    const decided = await t.ok(UPDATE, { input: { id: major.id, version: major.version, decision: '议定：专项资金支持应诉。', internalNote: '已报分管局领导' } }, w.viewers.national);
    expect(decided.updateContact.contact).toMatchObject({ decision: '议定：专项资金支持应诉。', internalNote: '已报分管局领导' });
    const log = await t.ok(`query($id: String!) { auditLog(first: 5, filter: { objectId: $id }) { edges { node { operation changes } } } }`, { id: major.id });
    expect(log.auditLog.edges.map((e: any) => e.node.operation)).toEqual(['updateContact', 'recordContact']);
  });

  it('filters: channel, major, open follow-ups, dates, enterprise, region with roll-up', async () => {
    const count = async (filter: Record<string, unknown>, viewer = w.viewers.national) => (await list(viewer, filter)).totalCount;
    expect(await count({})).toBe(3);
    expect(await count({ channels: ['PHONE'] })).toBe(1);
    expect(await count({ major: false })).toBe(2);
    expect(await count({ openFollowUps: true })).toBe(0);
    expect(await count({ openFollowUps: false })).toBe(3);
    expect(await count({ contactedFrom: '2026-11-19' })).toBe(0);
    expect(await count({ contactedTo: '2026-11-18', enterpriseId: w.firms.gd.gid })).toBe(1);
    expect(await count({ regionCodes: [GD] })).toBe(2);
    expect(await count({ regionCodes: ['320000'] })).toBe(1);
    expect(errorOf(await t.gql(LIST, { filter: { contactedFrom: '2026-11-19', contactedTo: '2026-11-18' } }, w.viewers.national)).code).toBe('BAD_USER_INPUT');
  });
});
