/**
 * The bureaus' liaison officers in the showcase [D 五(一), R17] (docs/assignment.md), each step as
 * the account that takes it, in the last month before the demo's today:
 *
 * - the national bureau creates five staff accounts and registers them as liaison officers (regions,
 *   industry sections, languages, one with an absence), and one declares a shareholding conflict;
 * - it assigns 广东华创 by hand and reassigns it with a reason, then computes a plan for every
 *   demonstration enterprise without a liaison officer and commits it (each with its fit factors;
 *   in a large demo the seats run out and the plan says where);
 * - one officer opts out (its enterprises go back to the unassigned list, the history says why), and
 *   the national bureau leaves a REBALANCE plan as a draft to preview;
 * - the Guangdong bureau registers its administrator as its officer and assigns 广东华创
 *   (`demo-enterprise`, which sees who its officers are).
 *
 * Staff accounts get a random password (nobody signs in as them in the demo).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { UserRole } from '../src/modules/account/user.entity.js';
import { userAdminService } from '../src/modules/account/user-admin.service.js';
import { assignmentService } from '../src/modules/assignment/assignment.service.js';
import { officerService } from '../src/modules/assignment/officer.service.js';
import { LiaisonConflictKind, LiaisonOfficerStatus } from '../src/modules/assignment/officer.entity.js';
import { planService } from '../src/modules/assignment/plan.service.js';
import { AssignmentPlanMode } from '../src/modules/assignment/plan.entity.js';
import { addDays } from './factories.js';
import type { Timeline } from './showcase-timeline.js';

const NATIONAL = 'national-admin';
const BUREAU = 'guangdong-admin';

/** The national bureau's officers: account, name, regions, sections, languages, capacity. */
const OFFICERS = [
  { username: 'liaison-wang', name: '王建国', regions: ['440000', '440300', '450000', '460000'], sections: ['C', 'I'], languages: ['zh', 'en'], capacity: 15 },
  { username: 'liaison-li', name: '李晓梅', regions: ['320000', '330000', '310000', '340000'], sections: ['C', 'M'], languages: ['zh', 'en', 'ja'], capacity: 15 },
  { username: 'liaison-zhang', name: '张伟', regions: ['110000', '120000', '130000', '370000', '210000'], sections: ['C', 'D'], languages: ['zh'], capacity: 15 },
  { username: 'liaison-ayixiamu', name: '阿依夏木', regions: ['650000', '660000', '620000', '630000', '640000', '540000'], sections: ['A', 'B', 'C'], languages: ['zh', 'ug'], capacity: 12 },
  { username: 'liaison-chen', name: '陈志远', regions: ['510000', '500000', '420000', '430000', '610000'], sections: ['C', 'I', 'M'], languages: ['zh', 'en'], capacity: 15 },
];

async function one<T>(ctx: Context, sql: string, params: unknown[]): Promise<T> {
  const [row] = await ctx.em.execute<T[]>(sql, params, 'all');
  if (!row) throw new Error(`demo showcase (assignment): nothing for ${sql} ${JSON.stringify(params)}`);
  return row;
}

const officerGid = async (ctx: Context, username: string) =>
  toGlobalId('LiaisonOfficer', (await one<{ id: string }>(ctx, 'select o.id from liaison_officer o join app_user u on u.id = o.user_id where u.username = ?', [username])).id);
const officerVersion = async (ctx: Context, gid: string) => (await assignmentService.officerFor(ctx.em, ctx, gid)).version;

/** Plans the assignment showcase (see the top of the file). */
export function planAssignment(plan: Timeline, o: { demo: { enterpriseId: string } }): void {
  const today = plan.today;
  const day = (n: number) => addDays(today, -n);

  plan.on(day(30), NATIONAL, 'creates the liaison officers’ accounts and registers them', async (ctx) => {
    for (const x of OFFICERS) {
      const { user } = await userAdminService.create(ctx, { username: x.username, displayName: `${x.name}（国家局联络员）`, role: UserRole.NATIONAL_ADMIN, password: randomBytes(18).toString('base64url') });
      await officerService.register(ctx, { userId: user.nodeId, name: x.name, capacity: x.capacity, regions: x.regions, industrySections: x.sections, languages: x.languages });
    }
    const zhang = await officerGid(ctx, 'liaison-zhang');
    await officerService.update(ctx, { officerId: zhang, version: await officerVersion(ctx, zhang), absences: [{ from: addDays(today, 20), until: addDays(today, 34), reason: '参加中央党校培训' }] });
  });

  plan.on(day(28), 'liaison-wang', 'declares a shareholding conflict', async (ctx) => {
    // The officer holds shares in a Guangdong demonstration enterprise of the bulk (the first by name that is not 广东华创).
    const firm = await one<{ id: string }>(ctx, `select e.id from enterprise e join designation d on d.enterprise_id = e.id and d.level = 'DEMONSTRATION' and d.status = 'ACTIVE'
      where e.region_code = '440000' and e.id <> ? order by e.name limit 1`, [o.demo.enterpriseId]);
    await officerService.declareConflict(ctx, { officerId: await officerGid(ctx, 'liaison-wang'), kind: LiaisonConflictKind.SHAREHOLDING, enterpriseId: toGlobalId('Enterprise', firm.id), detail: '本人通过家族信托持有该企业 0.8% 股份' });
  });

  // Before the plan, while every officer has free seats: 广东华创 by hand, then reassigned with a reason.
  plan.on(day(26), NATIONAL, 'assigns 广东华创 by hand', async (ctx) => {
    await assignmentService.assign(ctx, { enterpriseId: toGlobalId('Enterprise', o.demo.enterpriseId), officerId: await officerGid(ctx, 'liaison-zhang'), reason: '新认定的示范企业，先由张伟临时联系' });
  });
  plan.on(day(24), NATIONAL, 'reassigns 广东华创 by hand', async (ctx) => {
    await assignmentService.assign(ctx, { enterpriseId: toGlobalId('Enterprise', o.demo.enterpriseId), officerId: await officerGid(ctx, 'liaison-chen'), reason: '企业海外维权需求增多，改由熟悉出口业务、能用英语沟通的联络员负责' });
  });

  plan.on(day(20), NATIONAL, 'computes and commits the national bureau’s assignment plan', async (ctx) => {
    const draft = await planService.compute(ctx, { mode: AssignmentPlanMode.UNASSIGNED });
    await planService.commit(ctx, { planId: draft.nodeId, version: draft.version });
  });

  plan.on(day(12), NATIONAL, 'records that an officer opts out', async (ctx) => {
    const li = await officerGid(ctx, 'liaison-li');
    await officerService.setStatus(ctx, { officerId: li, status: LiaisonOfficerStatus.OPTED_OUT, note: '借调参加专项核查工作三个月', version: await officerVersion(ctx, li) });
  });

  plan.on(day(8), BUREAU, 'registers its administrator as Guangdong’s liaison officer and assigns 广东华创', async (ctx) => {
    const me = await one<{ id: string }>(ctx, 'select id from app_user where username = ?', [BUREAU]);
    const officer = await officerService.register(ctx, { userId: toGlobalId('User', me.id), name: '广东省局联络员', capacity: 30, regions: ['440000'], industrySections: ['C'], languages: ['zh', 'en'] });
    await assignmentService.assign(ctx, { enterpriseId: toGlobalId('Enterprise', o.demo.enterpriseId), officerId: officer.nodeId, reason: '省局日常联系：本辖区示范企业' });
  });

  plan.on(day(4), NATIONAL, 'computes a rebalancing plan to preview (left as a draft)', async (ctx) => {
    await planService.compute(ctx, { mode: AssignmentPlanMode.REBALANCE });
  });
}
