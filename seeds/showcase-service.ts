/**
 * The third work measure in the showcase [D 四(三), A 四(二)] (docs/service.md): service teams in
 * several provinces with their members, the quality teams selected last year and this year, service
 * stations at demonstration enterprises (open in Guangdong and Shenzhen, one closed in Guangdong after
 * a year, a request waiting in Zhejiang), commissioners (at `demo-enterprise` now with monthly visits;
 * a completed term and one ended early; one following the closed station; national dispatches in
 * Jiangsu and Zhejiang) and the service records their work leaves, each step by the account that
 * would take it: the demo accounts, the national bureau, and the enterprises' own staff accounts.
 *
 * Relative to the demo's today T: everything from January of last year (L) on, so that the dates
 * hold whenever the demo is loaded. `demo-enterprise` is a demonstration enterprise from the end of
 * September of L (seeds/showcase.ts), so its station is asked for in November. The other stations'
 * enterprises hold demonstration titles from the September before L: such titles are older than the
 * showcase, so, like the bulk, they are rows; the enterprises (industry leaders, designated on the
 * direct route [D 三(二)3]) are registered by the national bureau, with their staff accounts. No other
 * account is added: the Jiangsu and Zhejiang teams are registered, staffed and dispatched by the
 * national bureau, and the Shenzhen team's work is entered by the Shenzhen bureau.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { enterpriseService } from '../src/modules/enterprise/enterprise.service.js';
import type { SizeClass } from '../src/modules/enterprise/enterprise.entity.js';
import { lastDayOfYears } from '../src/modules/designation/designation.rules.js';
import { OrganizationKind, OrganizationStatus } from '../src/modules/organization/organization.entity.js';
import { organizationService } from '../src/modules/organization/organization.service.js';
import { PersonCategory, Specialty } from '../src/modules/person/person.entity.js';
import { personService } from '../src/modules/person/person.service.js';
import { dispatchService } from '../src/modules/service/dispatch.service.js';
import { recordService } from '../src/modules/service/record.service.js';
import { ServiceType } from '../src/modules/service/service-record.entity.js';
import { stationService } from '../src/modules/service/station.service.js';
import { TeamRole } from '../src/modules/service/team.entity.js';
import { teamService } from '../src/modules/service/team.service.js';
import { addDays, validUntil } from './factories.js';
import { creditCodeOf, insertStaff, minDate, staffAccount, type Company, type Timeline } from './showcase-timeline.js';
import type { DemoRefs } from './showcase.js';

const NATIONAL = 'national-admin';
const GUANGDONG = 'guangdong-admin';
const SHENZHEN = 'shenzhen-admin';
const DEMO_PROVIDER = 'demo-provider';

export interface ServicePlan {
  demo: DemoRefs;
  /** Shared hash of the accounts written as rows (seeds/showcase-timeline.ts). */
  staffHash: string;
}

/** The teams: the two of the demo data (rows of seeds/demo.ts) and three registered here. */
interface Team {
  key: string;
  name: string;
  kind: OrganizationKind;
  region: string;
  bureau: string;
  specialties: Specialty[];
  served: string[];
  contact: string;
  /** A row of seeds/demo.ts, updated rather than registered. */
  existing?: boolean;
}

const TEAMS: Team[] = [
  { key: 'gd', name: '广东省知识产权保护中心服务团队', kind: OrganizationKind.SERVICE_TEAM, region: '440000', bureau: GUANGDONG, specialties: [Specialty.STRATEGY, Specialty.PATENT_ANALYSIS_NAVIGATION, Specialty.OVERSEAS_PROTECTION, Specialty.LITIGATION], served: ['440000', '440300'], contact: '梁主任', existing: true },
  { key: 'sz', name: '深圳市知识产权贯标服务团队', kind: OrganizationKind.SERVICE_TEAM, region: '440300', bureau: SHENZHEN, specialties: [Specialty.MANAGEMENT_STANDARD, Specialty.STANDARDS], served: ['440300'], contact: '何经理', existing: true },
  { key: 'js', name: '江苏省企业知识产权管理服务团队', kind: OrganizationKind.SERVICE_TEAM, region: '320000', bureau: NATIONAL, specialties: [Specialty.MANAGEMENT_STANDARD, Specialty.LICENSING_TRANSACTIONS, Specialty.VALUATION_FINANCING], served: ['320000'], contact: '顾老师' },
  { key: 'zj', name: '浙江省知识产权贯标服务团队', kind: OrganizationKind.SERVICE_TEAM, region: '330000', bureau: NATIONAL, specialties: [Specialty.MANAGEMENT_STANDARD, Specialty.TRADEMARKS_COPYRIGHT], served: ['330000', '330200'], contact: '沈工' },
  { key: 'sc', name: '四川天府知识产权代理有限公司', kind: OrganizationKind.AGENCY, region: '510000', bureau: NATIONAL, specialties: [Specialty.PATENT_ANALYSIS_NAVIGATION], served: ['510000', '500000'], contact: '罗律师' },
];

/** The people of the teams: [name, team, role, title, qualification]. */
const PEOPLE: [string, string, TeamRole, string, string][] = [
  ['林志远', 'gd', TeamRole.LEADER, '高级知识产权师', '专利代理师'],
  ['黄敏', 'gd', TeamRole.MEMBER, '知识产权分析师', '专利代理师'],
  ['郭涛', 'gd', TeamRole.MEMBER, '贯标审核员', '知识产权管理体系审核员'],
  ['邓丽', 'sz', TeamRole.LEADER, '贯标咨询师', '知识产权管理体系审核员'],
  ['周建国', 'js', TeamRole.LEADER, '研究员', '专利代理师'],
  ['钱雯', 'js', TeamRole.MEMBER, '知识产权运营师', '技术经纪人'],
  ['吴晓燕', 'zj', TeamRole.LEADER, '贯标咨询师', '知识产权管理体系审核员'],
];

/** Demonstration enterprises of the stations besides `demo-enterprise` (industry leaders; credit-code serials 80 on). */
const company = (name: string, handle: string, region: string, industry: string, serial: number, address: string): Company => ({
  name, handle, region, industry, size: 'LARGE', serial, founded: `${1998 + (serial % 9)}-05-18`, certified: `${2015 + (serial % 4)}-10-12`, address, leader: true, exportOriented: true,
});
const YUEHAI = company('广东粤海智能装备股份有限公司', 'yuehai', '440000', '34', 84, '广东省佛山市顺德区北滘镇工业大道 16 号');
const YUANHANG = company('浙江远航智能装备有限公司', 'yuanhang', '330000', '34', 82, '浙江省杭州市滨江区江南大道 588 号');
const PENGCHENG = company('深圳鹏程通信技术有限公司', 'pengcheng', '440300', '39', 83, '深圳市南山区科技园高新南一道 9 号');

const ent = (handle: string) => `enterprise:${handle}`;
const orgKey = (key: string) => `organization:${key}`;
const personKey = (name: string) => `person:${name}`;
const gid = (type: string, id: string) => toGlobalId(type, id);

async function versionOf(ctx: Context, table: 'service_organization' | 'service_station' | 'commissioner_dispatch' | 'service_record', id: string): Promise<number> {
  const [row] = await ctx.em.execute<{ version: number }[]>(`select version from ${table} where id = ?`, [id], 'all');
  if (!row) throw new Error(`demo showcase: no ${table} ${id}`);
  return row.version;
}

/** The last day of this part's steps: three days before today (the showcase's last step, a notice, is then). */
const lastStep = (today: string) => addDays(today, -3);

/** Every `stepDays` days from `from` while not after `until` (nor the last step day), as ISO dates. */
function every(from: string, until: string, stepDays: number, today: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= until && d <= lastStep(today); d = addDays(d, stepDays)) out.push(d);
  return out;
}

/** Plans the service measure's showcase (see the top of the file). */
export function planService(plan: Timeline, o: ServicePlan): void {
  const L = Number(plan.today.slice(0, 4)) - 1;
  plan.set(ent('huachuang'), o.demo.enterpriseId);
  plan.set(orgKey('gd'), o.demo.providerOrganizationId);
  // The demonstration enterprises of the other stations: registered by the national bureau, their titles (older than the showcase) rows.
  for (const c of [YUEHAI, YUANHANG, PENGCHENG]) {
    plan.on(`${L}-01-12`, NATIONAL, `registers ${c.name} (a demonstration enterprise since ${L - 1})`, async (ctx) => {
      const e = await enterpriseService.create(ctx, {
        creditCode: creditCodeOf(c), name: c.name, regionCode: c.region, industryCode: c.industry, sizeClass: c.size as SizeClass,
        address: c.address, foundedOn: c.founded, exportOriented: true, industryLeader: true, standardCertifiedOn: c.certified,
      });
      const from = `${L - 1}-09-26`;
      await ctx.em.execute(`insert into designation (id, created_at, updated_at, enterprise_id, level, status, batch_year, valid_from, valid_until) values (?, now(), now(), ?, 'DEMONSTRATION', 'ACTIVE', ?, ?, ?)`, [
        uuidv7(), e.id, L - 1, from, validUntil(from, 3),
      ], 'run');
      await insertStaff(ctx.em, c, e.id, o.staffHash);
      plan.set(ent(c.handle), e.id);
    });
  }
  planTeams(plan, o, L);
  planStations(plan, L);
  planCommissioners(plan, L);
  planRecords(plan, L);
}

/** Teams registered or completed by their bureaus, their people and members; the selections of L and of this year. */
function planTeams(plan: Timeline, o: ServicePlan, L: number): void {
  const today = plan.today;
  const Y = L + 1;
  for (const team of TEAMS) {
    plan.on(`${L}-02-10`, team.bureau, `${team.existing ? 'completes' : 'registers'} ${team.name}`, async (ctx) => {
      const details = { specialties: team.specialties, regionCodesServed: team.served, contactName: team.contact, description: `${team.name}：为示范企业、优势企业提供${team.kind === OrganizationKind.AGENCY ? '专利代理、专利分析' : '知识产权管理咨询、贯标辅导和维权指导'}等服务。` };
      if (team.existing) {
        const [row] = await ctx.em.execute<{ id: string }[]>('select id from service_organization where name = ?', [team.name], 'all');
        if (!row) throw new Error(`demo showcase: no organisation ${team.name}`);
        await organizationService.update(ctx, { id: gid('ServiceOrganization', row.id), version: await versionOf(ctx, 'service_organization', row.id), ...details });
        plan.set(orgKey(team.key), row.id);
      } else {
        const created = await organizationService.create(ctx, { name: team.name, kind: team.kind, regionCode: team.region, contactPhone: '0' + team.region.slice(0, 3) + '-66880000', ...details });
        plan.set(orgKey(team.key), created.id);
      }
    });
  }
  // An agency suspended by the national bureau a month ago.
  plan.on(addDays(today, -30), NATIONAL, 'suspends 四川天府知识产权代理有限公司', async (ctx) => {
    const id = plan.get(orgKey('sc'));
    await organizationService.update(ctx, { id: gid('ServiceOrganization', id), version: await versionOf(ctx, 'service_organization', id), status: OrganizationStatus.SUSPENDED, statusNote: '年度服务质量评价不合格，暂停承接新的服务任务，限期整改。' });
  });

  for (const [name, key, role, title, qualification] of PEOPLE) {
    const team = TEAMS.find((t) => t.key === key)!;
    plan.on(`${L}-02-25`, team.bureau, `registers ${name}`, async (ctx) => {
      const p = await personService.create(ctx, { name, employer: team.name, title, regionCode: team.region, category: PersonCategory.OTHER, specialties: team.specialties.slice(0, 2), qualifications: [qualification], phone: `1390000${String(PEOPLE.findIndex((x) => x[0] === name)).padStart(4, '0')}` });
      plan.set(personKey(name), p.id);
    });
    plan.on(`${L}-03-01`, team.bureau, `adds ${name} to ${team.name}`, (ctx) =>
      teamService.addMember(ctx, { organizationId: gid('ServiceOrganization', plan.get(orgKey(key))), personId: gid('Person', plan.get(personKey(name))), role, qualifications: [qualification], startsOn: `${L}-03-01` }),
    );
  }
  plan.on(`${L}-03-01`, GUANGDONG, 'adds 张明 to the Guangdong team as its advisor', (ctx) =>
    teamService.addMember(ctx, { organizationId: gid('ServiceOrganization', o.demo.providerOrganizationId), personId: gid('Person', o.demo.expertPersonId), role: TeamRole.ADVISOR, qualifications: ['专利代理师'], startsOn: `${L}-03-01`, endsOn: `${Y + 1}-12-31` }),
  );
  plan.on(`${L}-09-01`, GUANGDONG, 'ends 郭涛\'s membership', async (ctx) => {
    const [row] = await ctx.em.execute<{ id: string; version: number }[]>('select id, version from organization_member where person_id = ?', [plan.get(personKey('郭涛'))], 'all');
    await teamService.endMembership(ctx, { id: gid('OrganizationMember', row!.id), version: row!.version, lastDay: `${L}-08-31`, reason: '调往省局知识产权保护处工作。' });
  });

  // 遴选优秀服务队伍: Guangdong's list of last year; this year's of Guangdong, Shenzhen and the national bureau.
  const select = (on: string, bureau: string, key: string, year: number, note: string) =>
    plan.on(on, bureau, `selects ${key} as a quality team of ${year}`, (ctx) =>
      teamService.select(ctx, { organizationId: gid('ServiceOrganization', plan.get(orgKey(key))), year, termStartsOn: `${year}-03-01`, termEndsOn: `${year + 1}-02-28`, note }),
    );
  select(`${L}-02-20`, GUANGDONG, 'gd', L, '面向示范企业开展海外布局与维权问诊');
  const thisYear = minDate(`${Y}-02-20`, lastStep(today));
  select(thisYear, GUANGDONG, 'gd', Y, '面向示范企业开展海外布局与维权问诊');
  select(thisYear, SHENZHEN, 'sz', Y, '面向计划单列市示范企业开展贯标辅导');
  select(thisYear, NATIONAL, 'js', Y, '知识产权运营与价值评估问诊');
  select(thisYear, NATIONAL, 'zj', Y, '面向优势企业开展贯标对接');
}

/** Stations: 华创 (Guangdong) and 鹏程 (Shenzhen) open, 粤海 (Guangdong) open for a year then closed, 远航 (Zhejiang) waiting. */
function planStations(plan: Timeline, L: number): void {
  const today = plan.today;
  const station = (who: { handle: string; account: string }, team: string, bureau: string, opener: string, dates: [string, string, string] | [string], note: string) => {
    const key = `station:${who.handle}`;
    plan.on(dates[0], who.account, `${who.handle} asks for a service station`, async (ctx) => {
      plan.set(key, (await stationService.request(ctx, { enterpriseId: gid('Enterprise', plan.get(ent(who.handle))), note })).id);
    });
    if (dates.length === 1) return;
    plan.on(dates[1], bureau, `approves ${who.handle}'s station`, async (ctx) => {
      const id = plan.get(key);
      await stationService.approve(ctx, { id: gid('ServiceStation', id), version: await versionOf(ctx, 'service_station', id), organizationId: gid('ServiceOrganization', plan.get(orgKey(team))), note: '同意设站，由该团队驻站服务。' });
    });
    plan.on(dates[2], opener, `opens ${who.handle}'s station`, async (ctx) => {
      const id = plan.get(key);
      await stationService.open(ctx, { id: gid('ServiceStation', id), version: await versionOf(ctx, 'service_station', id), openedOn: dates[2] });
    });
  };
  station({ handle: 'huachuang', account: 'demo-enterprise' }, 'gd', GUANGDONG, DEMO_PROVIDER, [`${L}-11-10`, `${L}-11-20`, `${L}-12-01`], '出口业务增长较快，希望服务站提供海外专利布局、展会知识产权纠纷应对和专利导航服务。');
  station({ handle: 'pengcheng', account: staffAccount(PENGCHENG) }, 'sz', SHENZHEN, SHENZHEN, [`${L}-10-15`, `${L}-10-25`, `${L}-11-05`], '希望服务站辅导知识产权管理体系持续改进，并对接标准必要专利许可。');
  station({ handle: 'yuehai', account: staffAccount(YUEHAI) }, 'gd', GUANGDONG, DEMO_PROVIDER, [`${L}-03-02`, `${L}-03-10`, `${L}-04-01`], '希望服务站协助建立专利运营和质押融资工作机制。');
  station({ handle: 'yuanhang', account: staffAccount(YUANHANG) }, 'zj', NATIONAL, NATIONAL, [addDays(today, -6)], '新产品线即将出口欧洲，希望设立服务站开展侵权风险排查和专利布局。');
  plan.on(closingOf(today, L), GUANGDONG, 'closes 粤海\'s station', async (ctx) => {
    const id = plan.get('station:yuehai');
    await stationService.close(ctx, { id: gid('ServiceStation', id), version: await versionOf(ctx, 'service_station', id), closedOn: ctx.clock.today(), reason: '驻站服务一年期满，工作机制已建立，转由特派员跟踪服务。' });
  });
}

/** The day 粤海's station closes: at the end of March after a year, or twenty days ago when that is earlier. */
const closingOf = (today: string, L: number) => minDate(`${L + 1}-03-31`, addDays(today, -20));

/**
 * Commissioners: 林志远 at 华创 for a year from December of L, visiting monthly, and at 粤海 after its
 * station closed; 黄敏 at 华宇 (a completed term) and at 思源 (ended early); the national bureau's
 * 周建国 at 江苏瑞康 and 吴晓燕 at 浙江远航 (since fifty days ago).
 */
function planCommissioners(plan: Timeline, L: number): void {
  const today = plan.today;
  const dispatch = (key: string, name: string, team: string, handle: string, bureau: string, on: string, startsOn: string, endsOn: string, purpose: string, visitor: string, visits: string[]) => {
    plan.on(on, bureau, `dispatches ${name} to ${handle}`, async (ctx) => {
      const d = await dispatchService.dispatch(ctx, { enterpriseId: gid('Enterprise', plan.get(ent(handle))), personId: gid('Person', plan.get(personKey(name))), organizationId: gid('ServiceOrganization', plan.get(orgKey(team))), startsOn, endsOn, purpose });
      plan.set(key, d.id);
    });
    visits.forEach((day, i) =>
      plan.on(day, visitor, `${name} visits ${handle}`, (ctx) =>
        dispatchService.recordVisit(ctx, {
          dispatchId: gid('CommissionerDispatch', plan.get(key)),
          visitedOn: day,
          hours: [3, 4, 2.5, 6][i % 4]!,
          summary: ['走访研发中心，梳理在研项目的专利挖掘点', '参加企业知识产权工作例会，讲解专利布局策略', '与法务部门研讨海外参展的侵权风险排查方案', '指导企业开展核心技术专利导航分析'][i % 4]!,
          outcome: ['形成专利挖掘清单 12 项', '企业确定下一季度专利申请计划', '制定展会知识产权应急预案', '完成导航分析提纲，下月提交报告'][i % 4]!,
        }),
      ),
    );
  };
  const yearFrom = (d: string) => lastDayOfYears(d, 1);
  const lin = `${L}-12-01`;
  dispatch('dispatch:lin', '林志远', 'gd', 'huachuang', GUANGDONG, `${L}-11-20`, lin, yearFrom(lin), '跟踪服务示范企业：专利导航、海外布局和展会纠纷应对。', DEMO_PROVIDER, every(`${L}-12-15`, yearFrom(lin), 30, today));
  const after = addDays(closingOf(today, L), 1);
  dispatch('dispatch:lin-yuehai', '林志远', 'gd', 'yuehai', GUANGDONG, closingOf(today, L), after, yearFrom(after), '服务站撤站后的跟踪服务：专利运营和质押融资。', DEMO_PROVIDER, every(addDays(after, 9), yearFrom(after), 45, today));
  dispatch('dispatch:huang-huayu', '黄敏', 'gd', 'huayu', GUANGDONG, `${L}-03-10`, `${L}-03-15`, `${L}-12-31`, '辅导优势企业完善知识产权管理体系，筹备示范企业申报。', DEMO_PROVIDER, [`${L}-04-20`, `${L}-07-20`, `${L}-10-20`]);
  dispatch('dispatch:huang-siyuan', '黄敏', 'gd', 'siyuan', GUANGDONG, `${L}-05-25`, `${L}-06-01`, `${L + 1}-05-31`, '协助企业开展环保技术专利布局。', GUANGDONG, [`${L}-06-20`, `${L}-09-18`]);
  plan.on(`${L}-11-02`, GUANGDONG, 'ends 黄敏\'s dispatch to 思源 early', async (ctx) => {
    const id = plan.get('dispatch:huang-siyuan');
    await dispatchService.end(ctx, { id: gid('CommissionerDispatch', id), version: await versionOf(ctx, 'commissioner_dispatch', id), lastDay: `${L}-10-31`, reason: '企业调整研发方向，经协商暂停特派服务。' });
  });
  const zhou = `${L}-04-15`;
  dispatch('dispatch:zhou', '周建国', 'js', 'ruikang', NATIONAL, `${L}-04-05`, zhou, lastDayOfYears(zhou, 2), '指导企业建立专利运营和质押融资机制，为示范企业申报做准备。', NATIONAL, every(`${L}-05-10`, lastDayOfYears(zhou, 2), 61, today));
  const wu = addDays(today, -50);
  dispatch('dispatch:wu', '吴晓燕', 'zj', 'yuanhang', NATIONAL, addDays(today, -60), wu, yearFrom(wu), '辅导企业贯标并排查出口产品的侵权风险。', NATIONAL, [addDays(today, -30), addDays(today, -9)]);
}

/** Other services: station work every month, an exhibition, a patent analysis (and a duplicate voided), training, guidance, rights protection, consultation. */
function planRecords(plan: Timeline, L: number): void {
  const today = plan.today;
  const record = (on: string, actor: string, label: string, input: () => Parameters<typeof recordService.record>[1], then?: (ctx: Context, id: string) => Promise<unknown>) =>
    plan.on(on, actor, label, async (ctx) => {
      const r = await recordService.record(ctx, input());
      if (then) await then(ctx, r.id);
    });
  const people = (...names: string[]) => names.map((n) => gid('Person', plan.get(personKey(n))));
  const e = (handle: string) => gid('Enterprise', plan.get(ent(handle)));
  const org = (key: string) => gid('ServiceOrganization', plan.get(orgKey(key)));
  const station = (handle: string) => gid('ServiceStation', plan.get(`station:${handle}`));

  for (const day of every(`${L}-12-08`, `${L + 2}-12-31`, 28, today)) {
    record(day, DEMO_PROVIDER, `station work at 华创 on ${day}`, () => ({ enterpriseId: e('huachuang'), type: ServiceType.STATION_WORK, stationId: station('huachuang'), servedOn: day, hours: 8, summary: '驻站日：解答研发、采购、销售部门的知识产权咨询，审核对外合同中的知识产权条款。', deliveredByIds: people('林志远', '黄敏') }));
  }
  for (const day of every(`${L}-11-12`, `${L + 2}-12-31`, 35, today)) {
    record(day, SHENZHEN, `station work at 鹏程 on ${day}`, () => ({ enterpriseId: e('pengcheng'), organizationId: org('sz'), type: ServiceType.STATION_WORK, stationId: station('pengcheng'), servedOn: day, hours: 6, summary: '驻站辅导：知识产权管理体系内审、标准必要专利清单梳理。', deliveredByIds: people('邓丽') }));
  }
  for (const day of every(`${L}-04-20`, addDays(closingOf(today, L), -1), 60, today)) {
    record(day, DEMO_PROVIDER, `station work at 粤海 on ${day}`, () => ({ enterpriseId: e('yuehai'), type: ServiceType.STATION_WORK, stationId: station('yuehai'), servedOn: day, hours: 8, summary: '驻站：梳理专利资产台账，筛选可质押专利，对接评估机构。', outcome: '推荐质押专利 15 件', deliveredByIds: people('林志远') }));
  }
  record(`${L}-05-20`, NATIONAL, 'a consultation for 瑞康 by the Jiangsu team', () => ({ enterpriseId: e('ruikang'), organizationId: org('js'), type: ServiceType.CONSULTATION, servedOn: `${L}-05-20`, hours: 3, summary: '知识产权质押融资问诊：评估机构选择、银行对接流程。', outcome: '企业与两家银行建立对接', deliveredByIds: people('钱雯') }));
  record(`${L}-12-18`, DEMO_PROVIDER, 'exhibition legal service for 华创', () => ({ enterpriseId: e('huachuang'), type: ServiceType.EXHIBITION_LEGAL_SERVICE, servedOn: `${L}-12-18`, hours: 16, summary: '海外展会前的侵权风险排查和现场知识产权法律服务。', outcome: '排除 2 项潜在侵权风险，准备应诉预案 1 份', deliveredByIds: people('林志远') }));
  record(`${L}-12-20`, DEMO_PROVIDER, 'patent analysis for 华创', () => ({ enterpriseId: e('huachuang'), type: ServiceType.PATENT_ANALYSIS, servedOn: `${L}-12-20`, hours: 40, summary: '工业机器人减速器领域专利分析。', outcome: '提交专利分析报告，提出布局建议 8 条', deliveredByIds: people('黄敏') }));
  record(`${L}-12-21`, DEMO_PROVIDER, 'the same analysis entered twice', () => ({ enterpriseId: e('huachuang'), type: ServiceType.PATENT_ANALYSIS, servedOn: `${L}-12-20`, hours: 40, summary: '工业机器人减速器领域专利分析。', deliveredByIds: people('黄敏') }), (ctx, id) =>
    recordService.void(ctx, { id: gid('ServiceRecord', id), version: 1, reason: '与 12 月 20 日的记录重复登记。' }),
  );
  record(`${L}-05-10`, GUANGDONG, 'training for 华宇 by the Guangdong team', () => ({ enterpriseId: e('huayu'), organizationId: org('gd'), type: ServiceType.TRAINING, servedOn: `${L}-05-10`, hours: 6, summary: '为企业中层管理人员开展知识产权管理实务培训。', outcome: '培训 45 人次', deliveredByIds: people('林志远', '郭涛') }));
  record(`${L}-11-20`, SHENZHEN, 'standard guidance for 鹏程', () => ({ enterpriseId: e('pengcheng'), organizationId: org('sz'), type: ServiceType.STANDARD_GUIDANCE, servedOn: `${L}-11-20`, hours: 8, summary: 'GB/T 29490 监督审核前的辅导。', outcome: '整改不符合项 3 项', deliveredByIds: people('邓丽') }));
  const rights = addDays(today, -15);
  plan.on(rights, NATIONAL, 'rights protection for 远航 by the Zhejiang centre', async (ctx) => {
    const [row] = await ctx.em.execute<{ id: string }[]>(`select id from service_organization where name = '浙江省知识产权维权援助中心'`, [], 'all');
    await recordService.record(ctx, { enterpriseId: e('yuanhang'), organizationId: gid('ServiceOrganization', row!.id), type: ServiceType.RIGHTS_PROTECTION, servedOn: rights, hours: 5, summary: '指导企业应对电商平台上的外观设计侵权投诉。', outcome: '侵权链接已下架' });
  });
}
