/**
 * The liaison tests' world: demonstration enterprises in Guangdong (two), Shenzhen (a separately
 * planned city: its own jurisdiction, rolled up under 440000 when asked) and Jiangsu; a Guangdong
 * advantage enterprise and one whose demonstration title has expired; staff of each; service
 * organisations of Guangdong, Shenzhen, Jiangsu and one without a jurisdiction (national); and a
 * viewer of every kind.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../harness/app.js';
import { as } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { insertOrganization, insertPerson } from '../../seeds/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

export const TODAY = '2026-11-20';
export const GD = '440000';
export const SZ = '440300';
export const JS = '320000';

export interface Firm {
  id: string;
  gid: string;
  name: string;
  region: string;
  /** Two people of its staff. */
  staff: [string, string];
  viewer: Viewer;
}

export interface World {
  firms: { gd: Firm; gd2: Firm; sz: Firm; js: Firm; gdAdvantage: Firm; gdExpired: Firm };
  orgs: { gd: string; sz: string; js: string; national: string };
  viewers: {
    anonymous: Viewer;
    national: Viewer;
    gd: Viewer;
    sz: Viewer;
    js: Viewer;
    providerGd: Viewer;
    providerJs: Viewer;
    expert: Viewer;
  };
}

let counter = 0;

export async function buildWorld(t: TestApp, seed = 16): Promise<World> {
  t.setToday(TODAY);
  const rng = randomFor(seed);
  const firm = async (name: string, region: string, title: 'DEMONSTRATION' | 'ADVANTAGE' | 'EXPIRED'): Promise<Firm> => {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode: region, name: `${name}${++counter}` });
    if (title === 'DEMONSTRATION') await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    if (title === 'ADVANTAGE') await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
    if (title === 'EXPIRED') await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2022, validFrom: '2022-09-26', validUntil: '2025-09-25' });
    const staff = [] as unknown as [string, string];
    for (const who of ['王芳', '李强']) {
      staff.push(await insertPerson(t.orm.em, { name: `${who}${counter}`, employer: e.name, title: '知识产权专员', employerEnterpriseId: e.id, regionCode: region, category: 'IP_MANAGER', phone: '13900000000' }));
    }
    return { id: e.id, gid: toGlobalId('Enterprise', e.id), name: e.name, region, staff, viewer: as.enterprise(e.id) };
  };
  const firms = {
    gd: await firm('广东示范甲', GD, 'DEMONSTRATION'),
    gd2: await firm('广东示范乙', GD, 'DEMONSTRATION'),
    sz: await firm('深圳示范', SZ, 'DEMONSTRATION'),
    js: await firm('江苏示范', JS, 'DEMONSTRATION'),
    gdAdvantage: await firm('广东优势', GD, 'ADVANTAGE'),
    gdExpired: await firm('广东期满', GD, 'EXPIRED'),
  };
  const orgs = {
    gd: await insertOrganization(t.orm.em, { name: '广东服务团队', kind: 'SERVICE_TEAM', regionCode: GD }),
    sz: await insertOrganization(t.orm.em, { name: '深圳贯标服务团队', kind: 'SERVICE_TEAM', regionCode: SZ }),
    js: await insertOrganization(t.orm.em, { name: '江苏代理机构', kind: 'AGENCY', regionCode: JS }),
    national: await insertOrganization(t.orm.em, { name: '驻德国工作站', kind: 'OVERSEAS_STATION', country: '德国' }),
  };
  const viewers = {
    anonymous: as.anonymous,
    national: as.national(),
    gd: as.provincial(GD),
    sz: as.provincial(SZ),
    js: as.provincial(JS),
    providerGd: as.user('SERVICE_PROVIDER', { organizationId: orgs.gd }),
    providerJs: as.user('SERVICE_PROVIDER', { organizationId: orgs.js }),
    expert: as.user('EXPERT', { personId: randomUUID() }),
  };
  return { firms, orgs, viewers };
}

/** The first error's code and extensions of a result (fails when there is none). */
export function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string; message: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code), message: error.message };
}

export const NAME = `mutation($input: NameLiaisonInput!) { nameLiaison(input: $input) { liaison { id phone email startsOn endedOn current person { id name } } previous { id endedOn current } } }`;

/** Names a liaison for a firm (as the firm) and returns the new liaison's global id. */
export async function nameLiaison(t: TestApp, f: Firm, person = f.staff[0], phone = '020-88886666'): Promise<string> {
  const data = await t.ok(NAME, { input: { enterpriseId: f.gid, personId: toGlobalId('Person', person), phone, email: 'ip@example.cn' } }, f.viewer);
  return data.nameLiaison.liaison.id;
}

export const SUBMIT_NEED = `mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id version status } } }`;

/** A need submitted by a firm; returns its id and version. */
export async function submitNeed(t: TestApp, f: Firm, title = '海外专利布局咨询'): Promise<{ id: string; version: number }> {
  const data = await t.ok(SUBMIT_NEED, { input: { enterpriseId: f.gid, category: 'OVERSEAS', title, description: '拟进入欧洲市场，需要海外专利布局建议。', urgency: 'HIGH' } }, f.viewer);
  return data.submitNeed.need;
}

/** Takes a step of a need (`mutation` e.g. acceptNeed) and returns the need's new id/version/status. */
export async function needStep(t: TestApp, mutation: string, input: Record<string, unknown>, viewer: Viewer): Promise<{ id: string; version: number; status: string }> {
  const name = mutation[0]!.toUpperCase() + mutation.slice(1);
  const data = await t.ok(`mutation($input: ${name}Input!) { ${mutation}(input: $input) { need { id version status } } }`, { input }, viewer);
  return data[mutation].need;
}

/** The same step, returning the raw result (for failure paths). */
export function tryNeedStep(t: TestApp, mutation: string, input: Record<string, unknown>, viewer: Viewer) {
  const name = mutation[0]!.toUpperCase() + mutation.slice(1);
  return t.gql(`mutation($input: ${name}Input!) { ${mutation}(input: $input) { need { id version status } } }`, { input }, viewer);
}
