/**
 * The daily contact between bureaus and enterprises in the showcase [D 五(一)] (docs/liaison.md),
 * planned on the showcase's timeline (seeds/showcase-timeline.ts), each step as the account that
 * takes it, after `demo-enterprise`'s demonstration title began:
 *
 * - liaisons (R16): the Guangdong bureau reminds 广东华创 (`demo-enterprise`), which names its IP
 *   officer and later changes to its IP director (history kept); 广东远景 and 广东卓越精工 (records
 *   without staff accounts) have none and are reminded (and 广东远景 called); most demonstration enterprises of the bulk
 *   have one (rows, like the rest of the bulk), every sixth has none and the national bureau
 *   reminds the first of those;
 * - work reports: 广东华创 reports each finished quarter about ten days after it ends; the current
 *   quarter is a draft;
 * - needs of 广东华创 in every status: submitted, accepted, rejected, forwarded to the national bureau,
 *   assigned by the national bureau to the German workstation, resolved by `demo-provider`,
 *   reopened, closed;
 * - contacts: a visit by the Guangdong bureau with follow-ups (one later marked done), a call to 广东远景 about its liaison,
 *   the national bureau's major-matters meeting with its decision.
 *
 * Every step lies at least four days before the demo's today. Nothing here creates an account.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { contactService } from '../src/modules/liaison/contact.service.js';
import { ContactChannel } from '../src/modules/liaison/contact.entity.js';
import { liaisonService } from '../src/modules/liaison/liaison.service.js';
import { needService } from '../src/modules/liaison/need.service.js';
import { NeedCategory, NeedUrgency } from '../src/modules/liaison/need.entity.js';
import { reportService } from '../src/modules/liaison/report.service.js';
import { periodDates, WorkReportCategory, WorkReportPeriod } from '../src/modules/liaison/work-report.entity.js';
import { addDays, insertPerson } from './factories.js';
import { between, daysFrom, maxDate, minDate, type Timeline } from './showcase-timeline.js';

const NATIONAL = 'national-admin';
const BUREAU = 'guangdong-admin';
const ENTERPRISE = 'demo-enterprise';
const PROVIDER = 'demo-provider';

/** Showcase enterprises the steps below (or seeds/showcase.ts) act on: not part of the bulk's rows. */
const SHOWCASE_NAMES = ['广东华创智能装备股份有限公司', '广东远景新能源科技有限公司', '广东卓越精工科技股份有限公司', '浙江恒泰新材料股份有限公司'];
const YUANJING = '广东远景新能源科技有限公司';
const ZHUOYUE = '广东卓越精工科技股份有限公司';
const GERMAN_STATION = '中国贸促会驻德国代表处知识产权工作站';

export interface LiaisonShowcaseOptions {
  today: string;
  demo: { enterpriseId: string };
}

const enterpriseGid = (id: string) => toGlobalId('Enterprise', id);

async function idOf(ctx: Context, sql: string, params: unknown[]): Promise<string> {
  const [row] = await ctx.em.execute<{ id: string }[]>(sql, params, 'all');
  if (!row) throw new Error(`demo showcase (liaison): nothing for ${sql} ${JSON.stringify(params)}`);
  return row.id;
}

const needVersion = async (ctx: Context, id: string) => {
  const [row] = await ctx.em.execute<{ version: number }[]>('select version from enterprise_need where id = ?', [id], 'all');
  return row!.version;
};

/**
 * Plans the liaison showcase on `plan` and writes the bulk's liaisons as rows (inside the loader's
 * transaction, `em`).
 */
export async function planLiaison(plan: Timeline, em: EntityManager, o: LiaisonShowcaseOptions): Promise<void> {
  const today = o.today;
  const last = Number(today.slice(0, 4)) - 1;
  // 广东华创's title began on 26 September last year (seeds/showcase.ts); its liaison story starts after it.
  const from = `${last}-10-10`;
  const to = addDays(today, -4);
  await insertBulkLiaisons(plan, em, today);
  planMissing(plan, to);
  if (daysFrom(from, to) < 40) return;
  const at = (fraction: number) => between(from, to, fraction);
  const huachuang = enterpriseGid(o.demo.enterpriseId);
  planHuachuangLiaison(plan, o, at);
  planReports(plan, huachuang, from, to);
  planNeeds(plan, huachuang, at);
  planContacts(plan, o, at, to);
}

/**
 * The bulk's demonstration enterprises (rows, like the bulk itself): a liaison of their staff for
 * five in six of them, named some weeks after their title began; every sixth has none.
 */
async function insertBulkLiaisons(plan: Timeline, em: EntityManager, today: string): Promise<void> {
  const rows = await em.execute<{ id: string; name: string; region_code: string; valid_from: string }[]>(
    `select e.id, e.name, e.region_code, min(d.valid_from)::text as valid_from
       from enterprise e join designation d on d.enterprise_id = e.id
      where d.level = 'DEMONSTRATION' and d.ended_on is null and d.status = 'ACTIVE' and d.valid_from <= ?::date and d.valid_until >= ?::date
        and e.name not in (?)
      group by e.id order by e.credit_code`,
    [addDays(today, -30), today, SHOWCASE_NAMES],
    'all',
  );
  const surnames = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
  const given = ['静', '伟', '敏', '磊', '婷', '强', '丽', '军', '燕', '涛'];
  for (const [i, e] of rows.entries()) {
    if (i % 6 === 5) {
      if (!plan.has('liaison:bulk-missing')) plan.set('liaison:bulk-missing', e.id);
      continue;
    }
    const personId = await insertPerson(em, {
      name: `${surnames[i % 10]}${given[Math.floor(i / 10) % 10]}`,
      employer: e.name,
      title: '知识产权部经理',
      employerEnterpriseId: e.id,
      regionCode: e.region_code,
      category: 'IP_MANAGER',
    });
    const startsOn = minDate(addDays(e.valid_from, 20), addDays(today, -5));
    await em.execute(
      `insert into enterprise_liaison (id, created_at, updated_at, enterprise_id, person_id, phone, email, starts_on, named_by) values (?, now(), now(), ?, ?, ?, ?, ?, 'demo-data')`,
      [uuidv7(), e.id, personId, `139${String(10_000_000 + i * 7919).slice(-8)}`, `liaison${i + 1}@example.cn`, startsOn],
      'run',
    );
  }
}

/**
 * Demonstration enterprises without a liaison, reminded: 广东远景 by its bureau (which also calls it,
 * planContacts), 广东卓越精工 and one of the bulk by the national bureau. (Few steps by the Guangdong
 * bureau: test/seeds/showcase.test.ts reads its newest 100 audit entries.)
 */
function planMissing(plan: Timeline, to: string): void {
  const remind = (on: string, actor: string, name: string | null, message: string) =>
    plan.on(on, actor, `reminds ${name ?? 'a bulk enterprise'} to name its liaison`, async (ctx) => {
      const id = name ? await idOf(ctx, 'select id from enterprise where name = ?', [name]) : plan.get('liaison:bulk-missing');
      await liaisonService.remind(ctx, { enterpriseId: enterpriseGid(id), message });
    });
  remind(addDays(to, -20), BUREAU, YUANJING, '根据示范企业联络员制度（五(一)），请于两周内指定联络员并报送联系方式。');
  remind(addDays(to, -8), NATIONAL, ZHUOYUE, '贵公司复核通过、新一轮示范期已开始，请指定联络员。');
  if (plan.has('liaison:bulk-missing')) remind(addDays(to, -2), NATIONAL, null, '请尽快指定示范工作联络员，以便建立日常工作联系。');
}

/** 广东华创: reminded, names its IP officer, later its IP director (the officer's term ends that day). */
function planHuachuangLiaison(plan: Timeline, o: LiaisonShowcaseOptions, at: (f: number) => string): void {
  const huachuang = enterpriseGid(o.demo.enterpriseId);
  const staff = (ctx: Context, name: string) => idOf(ctx, 'select id from person where employer_enterprise_id = ? and name = ?', [o.demo.enterpriseId, name]);
  plan.on(at(0), BUREAU, 'reminds 广东华创 to name its liaison', (ctx) =>
    liaisonService.remind(ctx, { enterpriseId: huachuang, message: '贵公司已认定为国家知识产权示范企业，请按联络员制度（五(一)）指定联络员。' }),
  );
  plan.on(at(0.04), ENTERPRISE, '广东华创 names 赵敏 its liaison', async (ctx) =>
    liaisonService.name(ctx, { enterpriseId: huachuang, personId: toGlobalId('Person', await staff(ctx, '赵敏')), phone: '020-88886601', email: 'zhaomin@huachuang.example.cn' }),
  );
  plan.on(at(0.55), ENTERPRISE, '广东华创 makes its IP director 陈华 its liaison', async (ctx) =>
    liaisonService.name(ctx, { enterpriseId: huachuang, personId: toGlobalId('Person', await staff(ctx, '陈华')), phone: '020-88886666', email: 'chenhua@huachuang.example.cn' }),
  );
}

const QUARTER_TEXT: Record<WorkReportPeriod, { category: WorkReportCategory; content: string }[]> = {
  Q1: [
    { category: WorkReportCategory.STRATEGY, content: '修订《知识产权战略规划（三年）》，明确海外布局重点市场。' },
    { category: WorkReportCategory.CREATION, content: '提交发明专利申请 46 件，PCT 申请 8 件。' },
  ],
  Q2: [
    { category: WorkReportCategory.OPERATION, content: '与两家高校签订专利许可合同，许可收入 320 万元。' },
    { category: WorkReportCategory.TALENT, content: '组织知识产权实务培训 2 期，参训 85 人次。' },
  ],
  Q3: [
    { category: WorkReportCategory.PROTECTION, content: '对 3 起侵权行为发出律师函，1 起进入诉讼。' },
    { category: WorkReportCategory.OVERSEAS, content: '在德国、美国进入国家阶段 6 件；应对德国展会侵权警告 1 起。' },
  ],
  Q4: [
    { category: WorkReportCategory.CREATION, content: '全年新增发明专利授权 58 件，有效发明专利 412 件。' },
    { category: WorkReportCategory.STRATEGY, content: '完成知识产权管理体系监督审核。' },
  ],
};

/** 广东华创's quarterly reports: each quarter after its title began, submitted ten days after the quarter ends; the current one a draft. */
function planReports(plan: Timeline, huachuang: string, from: string, to: string): void {
  const periods = Object.values(WorkReportPeriod);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const period of periods) {
      const { startsOn, endsOn } = periodDates(year, period);
      if (endsOn < from || startsOn > to) continue;
      const saveOn = maxDate(addDays(endsOn, 3), from);
      const submitOn = addDays(endsOn, 10);
      const draft = saveOn > to;
      const key = `liaison:report:${year}:${period}`;
      plan.on(draft ? maxDate(startsOn, addDays(to, -1)) : saveOn, ENTERPRISE, `广东华创 drafts its ${year} ${period} work report`, async (ctx) => {
        const report = await reportService.save(ctx, { enterpriseId: huachuang, year, period, sections: QUARTER_TEXT[period] });
        plan.set(key, report.id);
      });
      if (!draft && submitOn <= to) {
        plan.on(submitOn, ENTERPRISE, `广东华创 submits its ${year} ${period} work report`, async (ctx) => {
          const [row] = await ctx.em.execute<{ version: number }[]>('select version from work_report where id = ?', [plan.get(key)], 'all');
          await reportService.submit(ctx, { id: toGlobalId('WorkReport', plan.get(key)), version: row!.version });
        });
      }
    }
  }
}

interface NeedStory {
  key: string;
  title: string;
  category: NeedCategory;
  urgency: NeedUrgency;
  description: string;
  /** When it is submitted (a fraction of the story's span) and what happens after, in order. */
  on: number;
  then: ('accept' | 'reject' | 'forward' | 'assign' | 'assignNationally' | 'resolve' | 'reopen' | 'close')[];
}

const NEEDS: NeedStory[] = [
  { key: 'closed', title: '专利质押融资对接', category: NeedCategory.IP_OPERATION, urgency: NeedUrgency.NORMAL, description: '拟以核心专利组合申请质押融资约 5000 万元，需要评估机构和银行对接。', on: 0.1, then: ['accept', 'assign', 'resolve', 'close'] },
  { key: 'reopened', title: '工业机器人领域专利导航', category: NeedCategory.PATENT_NAVIGATION, urgency: NeedUrgency.HIGH, description: '新一代协作机器人立项前需要专利导航分析，识别规避设计空间。', on: 0.2, then: ['accept', 'assign', 'resolve', 'reopen'] },
  { key: 'rejected', title: '申请研发补助资金', category: NeedCategory.POLICY, urgency: NeedUrgency.LOW, description: '希望获得研发项目财政补助。', on: 0.3, then: ['reject'] },
  { key: 'national', title: '德国展会专利侵权警告应对', category: NeedCategory.OVERSEAS, urgency: NeedUrgency.URGENT, description: '参加汉诺威工业博览会期间收到竞争对手的专利侵权警告函，需要当地法律支持。', on: 0.4, then: ['accept', 'forward', 'assignNationally'] },
  { key: 'resolved', title: '关键技术专利申请优先审查推荐', category: NeedCategory.PRIORITY_EXAMINATION, urgency: NeedUrgency.HIGH, description: '3 件涉及焊接机器人核心算法的发明专利申请，申请推荐优先审查。', on: 0.6, then: ['accept', 'assign', 'resolve'] },
  { key: 'forwarded', title: '标准必要专利许可谈判指导', category: NeedCategory.IP_OPERATION, urgency: NeedUrgency.NORMAL, description: '参与制定的行业标准涉及多家企业专利，需要许可谈判和费率指导。', on: 0.7, then: ['accept', 'forward'] },
  { key: 'accepted', title: '知识产权管理体系升级辅导', category: NeedCategory.MANAGEMENT_STANDARD, urgency: NeedUrgency.NORMAL, description: '按新版《企业知识产权合规管理体系》要求升级管理体系。', on: 0.8, then: ['accept'] },
  { key: 'submitted', title: '海外知识产权纠纷应对培训', category: NeedCategory.TALENT_TRAINING, urgency: NeedUrgency.LOW, description: '希望为海外销售团队组织一次知识产权风险培训。', on: 0.93, then: [] },
];

/** 广东华创's needs, one in each status; the steps follow each submission a few days apart. */
function planNeeds(plan: Timeline, huachuang: string, at: (f: number) => string): void {
  for (const story of NEEDS) {
    const key = `liaison:need:${story.key}`;
    const submittedOn = at(story.on);
    plan.on(submittedOn, ENTERPRISE, `广东华创 states the need "${story.title}"`, async (ctx) => {
      const need = await needService.submit(ctx, { enterpriseId: huachuang, category: story.category, title: story.title, description: story.description, urgency: story.urgency });
      plan.set(key, need.id);
    });
    // Steps every third day, but never past the last day of the span (at(1)).
    story.then.forEach((step, i) => {
      const on = minDate(addDays(submittedOn, 3 * (i + 1)), at(1));
      const input = async (ctx: Context) => ({ id: toGlobalId('EnterpriseNeed', plan.get(key)), version: await needVersion(ctx, plan.get(key)) });
      const organization = async (ctx: Context, name: string) => toGlobalId('ServiceOrganization', await idOf(ctx, 'select id from service_organization where name = ?', [name]));
      const acts = {
        accept: [BUREAU, async (ctx: Context) => needService.accept(ctx, { ...(await input(ctx)), note: '已受理，将尽快安排。' })],
        reject: [BUREAU, async (ctx: Context) => needService.reject(ctx, { ...(await input(ctx)), reason: '财政补助不属于知识产权服务需求，请向科技部门咨询。' })],
        forward: [BUREAU, async (ctx: Context) => needService.forward(ctx, { ...(await input(ctx)), note: '涉及跨国协调，提请国家局办理。' })],
        assign: [BUREAU, async (ctx: Context) => needService.assign(ctx, { ...(await input(ctx)), organizationId: await organization(ctx, '广东省知识产权保护中心服务团队'), note: '请一周内联系企业。' })],
        assignNationally: [NATIONAL, async (ctx: Context) => needService.assign(ctx, { ...(await input(ctx)), organizationId: await organization(ctx, GERMAN_STATION), note: '请驻德国工作站协助对接当地律师。' })],
        resolve: [PROVIDER, async (ctx: Context) => needService.resolve(ctx, { ...(await input(ctx)), resolution: `已就“${story.title}”上门服务两次，提交书面意见。` })],
        reopen: [ENTERPRISE, async (ctx: Context) => needService.reopen(ctx, { ...(await input(ctx)), reason: '分析报告未覆盖欧洲市场，请补充。' })],
        close: [ENTERPRISE, async (ctx: Context) => needService.close(ctx, { ...(await input(ctx)), note: '已解决，感谢。' })],
      } as const;
      const [actor, act] = acts[step];
      plan.on(on, actor, `${step} the need "${story.title}"`, act);
    });
  }
}

/** The Guangdong bureau's visit and call, the national bureau's major-matters meeting. */
function planContacts(plan: Timeline, o: LiaisonShowcaseOptions, at: (f: number) => string, to: string): void {
  const huachuang = enterpriseGid(o.demo.enterpriseId);
  const visitOn = at(0.35);
  plan.on(visitOn, BUREAU, 'visits 广东华创', (ctx) =>
    contactService.record(ctx, {
      enterpriseId: huachuang,
      contactedOn: visitOn,
      channel: ContactChannel.VISIT,
      subject: '走访了解示范企业培育进展',
      summary: '企业反映海外展会知识产权风险突出，希望加强预警；专利质押融资进展顺利。',
      followUps: [
        { text: '协调保护中心开展海外风险预警培训', dueOn: addDays(visitOn, 30) },
        { text: '跟踪德国展会警告函应对情况', dueOn: addDays(visitOn, 60) },
      ],
      internalNote: '企业海外业务增长快，纳入重点跟踪名单。',
    }).then((contact) => plan.set('liaison:visit', contact.id)),
  );
  const trainedOn = minDate(addDays(visitOn, 20), to);
  plan.on(trainedOn, BUREAU, 'marks the visit\'s first follow-up done', async (ctx) => {
    const [row] = await ctx.em.execute<{ version: number }[]>('select version from contact_record where id = ?', [plan.get('liaison:visit')], 'all');
    await contactService.update(ctx, {
      id: toGlobalId('ContactRecord', plan.get('liaison:visit')),
      version: row!.version,
      followUps: [
        { text: '协调保护中心开展海外风险预警培训', dueOn: addDays(visitOn, 30), done: true, doneOn: trainedOn },
        { text: '跟踪德国展会警告函应对情况', dueOn: addDays(visitOn, 60) },
      ],
    });
  });
  const meetingOn = at(0.5);
  plan.on(meetingOn, NATIONAL, 'holds a major-matters meeting with 广东华创', (ctx) =>
    contactService.record(ctx, {
      enterpriseId: huachuang,
      contactedOn: meetingOn,
      channel: ContactChannel.MEETING,
      subject: '示范企业重大事项议事：海外专利纠纷联合应对',
      summary: '国家局、广东省局与企业共同研究德国展会专利侵权警告的应对方案。',
      major: true,
      decision: '由国家局协调驻德国工作站提供当地法律资源，省局跟踪落实，企业每月报送进展。',
      followUps: [{ text: '企业报送应对进展', dueOn: addDays(meetingOn, 30) }],
    }),
  );
  const callOn = addDays(to, -5);
  plan.on(callOn, BUREAU, 'calls 广东远景 about its liaison', async (ctx) =>
    contactService.record(ctx, {
      enterpriseId: enterpriseGid(await idOf(ctx, 'select id from enterprise where name = ?', [YUANJING])),
      contactedOn: callOn,
      channel: ContactChannel.PHONE,
      subject: '电话提醒指定联络员、准备复核材料',
      summary: '企业表示正在确定联络员人选；示范期将于下月届满，已提醒准备复核材料。',
      followUps: [{ text: '确认联络员人选', dueOn: addDays(callOn, 14) }],
    }),
  );
}
