/**
 * Patent navigation and priority examination in the showcase (docs/navigation.md), each step as
 * the user who takes it, after `demo-enterprise` (广东华创) became a demonstration enterprise:
 *
 * - priority examination (R21): the national bureau sets Guangdong's number for this year; 广东华创
 *   asks for four applications; the Guangdong bureau recommends three (one accepted and granted, one
 *   not accepted, one waiting for its outcome) and declines one; a fifth request waits for the bureau;
 * - navigation projects with `demo-provider` (广东服务团队) analysing: one closed (its report
 *   published in the public catalogue, the decision it fed and its outcome), one reported, one in
 *   analysis with milestones, one planned, one cancelled; the Guangdong bureau selects the closed
 *   and the reported one as this year's pilots;
 * - IP operation [D 四(一)四]: 广东华创 licenses two patents exclusively, pledges three for a bank loan
 *   and buys one from a university; the Guangdong bureau records the pledge's renewal;
 * - an industry patent alliance led by 广东华创 with a university, a service agency and (added by
 *   the Guangdong bureau) a supplier; its joint defence fund takes contributions and pays out once
 *   to defend a member abroad;
 * - a collaborative-innovation agreement with a university and a bank that produced two applications,
 *   a group standard it leads (published, two patents declared essential) and a national one it joins;
 * - an industry patent analysis report published by 广东服务团队 and a draft of 广东华创's own.
 */
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { applicationCheckCharacter } from '../src/common/patent-number.js';
import { priorityService } from '../src/modules/navigation/priority.service.js';
import { projectService } from '../src/modules/navigation/project.service.js';
import { NavigationArea, NavigationProjectStatus } from '../src/modules/navigation/project.entity.js';
import { PriorityExaminationOutcome } from '../src/modules/navigation/priority.entity.js';
import { operationService } from '../src/modules/navigation/operation.service.js';
import { IpOperationDirection, IpOperationKind, LicenceType } from '../src/modules/navigation/operation.entity.js';
import { allianceService } from '../src/modules/navigation/alliance.service.js';
import { AllianceMemberKind, FundEntryKind } from '../src/modules/navigation/alliance.entity.js';
import { cooperationService } from '../src/modules/navigation/cooperation.service.js';
import { PartnerKind, StandardLevel, StandardRole } from '../src/modules/navigation/cooperation.entity.js';
import { industryReportService } from '../src/modules/navigation/industry-report.service.js';
import { addDays } from './factories.js';
import { between, daysFrom, maxDate, type Timeline } from './showcase-timeline.js';

const NATIONAL = 'national-admin';
const BUREAU = 'guangdong-admin';
const ENTERPRISE = 'demo-enterprise';
const PROVIDER = 'demo-provider';

const number = (year: number, kind: number, serial: number) => {
  const digits = `${year}${kind}${String(serial).padStart(7, '0')}`;
  return `${digits}.${applicationCheckCharacter(digits)}`;
};

async function versionOf(ctx: Context, table: 'priority_examination' | 'navigation_project' | 'navigation_report', id: string): Promise<number> {
  const [row] = await ctx.em.execute<{ version: number }[]>(`select version from ${table} where id = ?`, [id], 'all');
  if (!row) throw new Error(`demo showcase (navigation): no ${table} ${id}`);
  return row.version;
}

export function planNavigation(plan: Timeline, demo: { enterpriseId: string; providerOrganizationId: string }): void {
  const today = plan.today;
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  const from = `${last}-10-15`;
  const to = addDays(today, -3);
  if (daysFrom(from, to) < 60) return;
  const at = (fraction: number) => between(from, to, fraction);
  const enterpriseId = toGlobalId('Enterprise', demo.enterpriseId);
  const providerId = toGlobalId('ServiceOrganization', demo.providerOrganizationId);
  const gid = (type: string, id: string) => toGlobalId(type, id);
  // A step that would fall after the demo's today (a short history) is left out, with the steps after it.
  const on: Timeline['on'] = (date, actor, label, act) => {
    if (date <= to && date >= from) plan.on(date, actor, label, act);
  };

  // --- Priority examination (R21) ---
  const APPLICATIONS = [
    { key: 'pe1', number: number(last, 1, 512_301), title: '一种多轴协同的工业机器人轨迹规划方法', ipc: ['B25J 9/16', 'G05B 19/4155'], outcome: 'granted' },
    { key: 'pe2', number: number(last, 1, 512_877), title: '一种基于视觉的焊缝缺陷检测方法', ipc: ['G06T 7/00'], outcome: 'not accepted' },
    { key: 'pe3', number: number(year, 1, 108_420), title: '一种伺服电机的自适应控制装置', ipc: ['H02P 21/00'], outcome: 'pending' },
    { key: 'pe4', number: number(year, 3, 30_118), title: '工业机器人控制柜（外观）', ipc: ['B25J 19/00'], outcome: 'declined' },
  ] as const;
  on(`${year}-01-05`, NATIONAL, 'sets Guangdong’s priority-examination number for the year', async (ctx) => {
    await priorityService.setQuota(ctx, { bureauCode: '440000', year, quota: 30 });
  });
  APPLICATIONS.forEach((a, i) => {
    // Applications of this year are asked about in this year.
    const asked = a.key === 'pe3' || a.key === 'pe4' ? maxDate(`${year}-01-10`, at(0.55 + i * 0.02)) : at(0.05 + i * 0.05);
    on(asked, ENTERPRISE, `asks for priority examination of ${a.title}`, async (ctx) => {
      const r = await priorityService.request(ctx, { enterpriseId, applicationNumber: a.number, title: a.title, ipcClasses: [...a.ipc], reason: '企业核心产品的关键技术，拟同步开展海外布局' });
      plan.set(a.key, r.id);
    });
    const decided = addDays(asked, 6);
    on(decided, BUREAU, `decides the request for ${a.title}`, async (ctx) => {
      const id = plan.get(a.key);
      const recommend = a.outcome !== 'declined';
      await priorityService.decide(ctx, {
        id: gid('PriorityExaminationRequest', id),
        version: await versionOf(ctx, 'priority_examination', id),
        recommend,
        note: recommend ? '属于本省智能制造关键技术领域，予以推荐' : '外观设计不属于本次推荐的关键技术领域',
      });
    });
    if (a.outcome === 'granted' || a.outcome === 'not accepted') {
      const outcomeOn = addDays(decided, 20);
      on(outcomeOn, ENTERPRISE, `records the outcome for ${a.title}`, async (ctx) => {
        const id = plan.get(a.key);
        const accepted = a.outcome === 'granted';
        await priorityService.recordOutcome(ctx, {
          id: gid('PriorityExaminationRequest', id),
          version: await versionOf(ctx, 'priority_examination', id),
          outcome: accepted ? PriorityExaminationOutcome.ACCEPTED : PriorityExaminationOutcome.NOT_ACCEPTED,
          outcomeOn,
        });
      });
      if (a.outcome === 'granted') {
        on(addDays(outcomeOn, 45), ENTERPRISE, `records the grant of ${a.title}`, async (ctx) => {
          const id = plan.get(a.key);
          await priorityService.recordOutcome(ctx, {
            id: gid('PriorityExaminationRequest', id),
            version: await versionOf(ctx, 'priority_examination', id),
            outcome: PriorityExaminationOutcome.ACCEPTED,
            outcomeOn,
            grantedOn: addDays(outcomeOn, 44),
          });
        });
      }
    }
  });
  on(at(0.97), ENTERPRISE, 'asks for priority examination of one more application (waiting for the bureau)', async (ctx) => {
    await priorityService.request(ctx, { enterpriseId, applicationNumber: number(year, 1, 231_007), title: '一种协作机器人的碰撞检测方法', ipcClasses: ['B25J 9/16'], reason: '协作机器人关键安全技术' });
  });

  // --- IP operation records [D 四(一)四] ---
  const OPERATIONS = [
    { at: 0.3, actor: ENTERPRISE, kind: IpOperationKind.LICENCE, direction: IpOperationDirection.OUTBOUND, licenceType: LicenceType.EXCLUSIVE, counterparty: '佛山某自动化设备有限公司', amount: 1_800_000, serials: [400_101, 400_102] },
    { at: 0.45, actor: ENTERPRISE, kind: IpOperationKind.PLEDGE, counterparty: '中国建设银行广州分行', amount: 20_000_000, termMonths: 12, serials: [400_201, 400_202, 400_203] },
    { at: 0.6, actor: ENTERPRISE, kind: IpOperationKind.TRANSFER, direction: IpOperationDirection.INBOUND, counterparty: '华南理工大学', amount: 650_000, serials: [400_301] },
    { at: 0.85, actor: BUREAU, kind: IpOperationKind.PLEDGE, counterparty: '广州农村商业银行', amount: 8_000_000, termMonths: 24, serials: [400_401] },
  ];
  for (const o of OPERATIONS) {
    const signedOn = at(o.at);
    on(signedOn, o.actor, `records ${o.kind} with ${o.counterparty}`, async (ctx) => {
      await operationService.record(ctx, {
        enterpriseId,
        operation: {
          kind: o.kind,
          direction: o.direction ?? null,
          licenceType: o.licenceType ?? null,
          counterparty: o.counterparty,
          amount: o.amount,
          signedOn,
          validFrom: signedOn,
          validUntil: o.termMonths ? addDays(signedOn, o.termMonths * 30) : o.kind === IpOperationKind.LICENCE ? addDays(signedOn, 3 * 365) : null,
          termMonths: o.termMonths ?? null,
          applicationNumbers: o.serials.map((n) => number(last - 1, 1, n)),
        },
      });
    });
  }

  // --- An industry patent alliance with a joint defence fund [D 四(一)四, 四(二)二] ---
  const founded = at(0.2);
  on(founded, ENTERPRISE, 'founds the intelligent-equipment patent alliance', async (ctx) => {
    const a = await allianceService.create(ctx, { name: '广东智能装备产业知识产权联盟', industryCode: '34', leadEnterpriseId: enterpriseId, purpose: '构建产业专利池，开展专利导航和海外联合维权，设立联合防御基金', foundedOn: founded });
    plan.set('alliance', a.id);
    const [lead] = await ctx.em.execute<{ id: string }[]>('select id from patent_alliance_member where alliance_id = ? and lead', [a.id], 'all');
    plan.set('alliance-lead', lead!.id);
  });
  const members = [
    { actor: ENTERPRISE, kind: AllianceMemberKind.UNIVERSITY, name: '华南理工大学', key: 'alliance-uni' },
    { actor: ENTERPRISE, kind: AllianceMemberKind.SERVICE_AGENCY, name: '广东省知识产权保护中心', key: 'alliance-agency' },
    { actor: BUREAU, kind: AllianceMemberKind.OTHER, name: '佛山某精密部件有限公司（配套企业）', key: 'alliance-supplier' },
  ];
  members.forEach((m, i) => {
    on(addDays(founded, 5 + i), m.actor, `adds ${m.name} to the alliance`, async (ctx) => {
      const member = await allianceService.addMember(ctx, { allianceId: gid('PatentAlliance', plan.get('alliance')), kind: m.kind, name: m.name, joinedOn: addDays(founded, 5 + i) });
      plan.set(m.key, member.id);
    });
  });
  const fund = [
    { day: 15, kind: FundEntryKind.CONTRIBUTION, amount: 2_000_000, member: 'alliance-lead', purpose: '牵头单位首期出资' },
    { day: 16, kind: FundEntryKind.CONTRIBUTION, amount: 300_000, member: 'alliance-supplier', purpose: '成员首期出资' },
    { day: 120, kind: FundEntryKind.PAYOUT, amount: 450_000, member: 'alliance-lead', purpose: '支持应对德国某公司在杜塞尔多夫地区法院提起的专利侵权诉讼' },
  ];
  for (const f of fund) {
    on(addDays(founded, f.day), ENTERPRISE, `records a fund ${f.kind.toLowerCase()}`, async (ctx) => {
      await allianceService.recordFundEntry(ctx, {
        allianceId: gid('PatentAlliance', plan.get('alliance')),
        kind: f.kind,
        amount: f.amount,
        occurredOn: addDays(founded, f.day),
        memberId: gid('PatentAllianceMember', plan.get(f.member)),
        purpose: f.purpose,
      });
    });
  }

  // --- Collaborative innovation [D 四(一)二] and standards [D 四(一)四] ---
  const started = at(0.12);
  on(started, ENTERPRISE, 'records its collaborative-innovation agreement', async (ctx) => {
    const a = await cooperationService.recordCollaboration(ctx, {
      enterpriseId,
      agreement: {
        title: '高精度伺服驱动联合攻关',
        description: '与高校联合攻关高精度伺服驱动算法，银行提供研发贷款，形成核心专利组合',
        partners: [
          { name: '华南理工大学', kind: PartnerKind.UNIVERSITY, role: '控制算法研发' },
          { name: '中国建设银行广州分行', kind: PartnerKind.FINANCIAL_INSTITUTION, role: '研发贷款' },
        ],
        ipcClasses: ['H02P 21/00', 'G05B 13/04'],
        startsOn: started,
      },
    });
    plan.set('collaboration', a.id);
  });
  on(at(0.7), ENTERPRISE, 'adds the applications its collaboration produced', async (ctx) => {
    const id = plan.get('collaboration');
    const [row] = await ctx.em.execute<{ version: number }[]>('select version from collaboration_agreement where id = ?', [id], 'all');
    await cooperationService.updateCollaboration(ctx, {
      id: gid('CollaborationAgreement', id),
      version: row!.version,
      agreement: {
        title: '高精度伺服驱动联合攻关',
        description: '与高校联合攻关高精度伺服驱动算法，银行提供研发贷款，形成核心专利组合',
        partners: [
          { name: '华南理工大学', kind: PartnerKind.UNIVERSITY, role: '控制算法研发' },
          { name: '中国建设银行广州分行', kind: PartnerKind.FINANCIAL_INSTITUTION, role: '研发贷款' },
        ],
        ipcClasses: ['H02P 21/00', 'G05B 13/04'],
        startsOn: started,
        applicationNumbers: [number(last, 1, 600_101), number(last, 1, 600_102)],
      },
    });
  });
  on(at(0.4), ENTERPRISE, 'records the group standard it leads', async (ctx) => {
    await cooperationService.recordStandard(ctx, {
      enterpriseId,
      standard: { standardNumber: `T/GDRA 0012-${last + 1}`, title: '工业机器人 伺服驱动器 通用技术条件', level: StandardLevel.GROUP, role: StandardRole.LEAD, publishedOn: at(0.4), essentialPatents: [number(last - 1, 1, 400_101), number(last - 1, 1, 400_102)] },
    });
  });
  on(at(0.45), ENTERPRISE, 'records the national standard it joins', async (ctx) => {
    await cooperationService.recordStandard(ctx, { enterpriseId, standard: { standardNumber: `${last + 1}0612-T-604`, title: '协作机器人 安全要求', level: StandardLevel.NATIONAL, role: StandardRole.PARTICIPANT } });
  });

  // --- Industry patent analysis reports [D 四(三)三] ---
  on(at(0.5), PROVIDER, 'publishes an industry patent analysis report', async (ctx) => {
    const r = await industryReportService.draft(ctx, { report: { industryCode: '34', title: '工业机器人产业专利分析报告', summary: '梳理全球工业机器人核心零部件（减速器、伺服、控制器）的专利布局和技术演进，提出国内企业的突破方向。' } });
    await industryReportService.publish(ctx, { id: gid('IndustryAnalysisReport', r.id), version: r.version, published: true });
  });
  on(at(0.95), ENTERPRISE, 'drafts its own industry report', async (ctx) => {
    await industryReportService.draft(ctx, { report: { industryCode: '34', title: '协作机器人安全技术专利分析（初稿）', summary: '协作机器人碰撞检测与力控安全技术的专利分布。' } });
  });

  // --- Navigation projects ---
  const PROJECTS = [
    { key: 'np1', title: '智能装备企业知识产权战略专利导航', area: NavigationArea.IP_STRATEGY, ipc: ['B25J', 'G05B'], end: NavigationProjectStatus.CLOSED, pilot: true },
    { key: 'np2', title: '工业机器人进入欧洲市场专利导航', area: NavigationArea.INTERNATIONAL_MARKET, ipc: ['B25J 9/16'], end: NavigationProjectStatus.REPORTED, pilot: true },
    { key: 'np3', title: '伺服驱动研发路线专利导航', area: NavigationArea.RD_ROUTE, ipc: ['H02P 21/00'], end: NavigationProjectStatus.ANALYSING, pilot: false },
    { key: 'np4', title: '并购某精密减速器企业专利尽职调查', area: NavigationArea.ASSET_RESTRUCTURING, ipc: ['F16H 1/32'], end: NavigationProjectStatus.PLANNED, pilot: false },
    { key: 'np5', title: '省重大专项“智能焊接装备”专利导航', area: NavigationArea.MAJOR_PROJECT, ipc: ['B23K 9/095'], end: NavigationProjectStatus.CANCELLED, pilot: false },
  ];
  PROJECTS.forEach((p, i) => {
    const created = at(0.08 + i * 0.1);
    on(created, i % 2 ? PROVIDER : ENTERPRISE, `plans the navigation project ${p.title}`, async (ctx) => {
      const project = await projectService.create(ctx, {
        enterpriseId,
        organizationId: providerId,
        title: p.title,
        area: p.area,
        objective: `为“${p.title.replace(/专利导航|专利尽职调查/, '')}”决策提供专利分析支撑`,
        ipcClasses: p.ipc,
        milestones: [
          { title: '检索与数据清洗', dueOn: addDays(created, 30) },
          { title: '分析报告', dueOn: addDays(created, 75) },
        ],
      });
      plan.set(p.key, project.id);
    });
    const step = async (ctx: Context, status: NavigationProjectStatus, text?: string, on?: string) => {
      const id = plan.get(p.key);
      await projectService.advance(ctx, { id: gid('NavigationProject', id), version: await versionOf(ctx, 'navigation_project', id), status, text, on });
    };
    if (p.end === NavigationProjectStatus.PLANNED) return;
    if (p.end === NavigationProjectStatus.CANCELLED) {
      on(addDays(created, 20), ENTERPRISE, `cancels ${p.title}`, (ctx) => step(ctx, NavigationProjectStatus.CANCELLED, '省重大专项申报调整，项目暂停'));
      return;
    }
    on(addDays(created, 7), PROVIDER, `starts analysing for ${p.title}`, (ctx) => step(ctx, NavigationProjectStatus.ANALYSING));
    if (p.end === NavigationProjectStatus.ANALYSING) return;
    on(addDays(created, 50), PROVIDER, `delivers the analysis report of ${p.title}`, async (ctx) => {
      const report = await projectService.submitReport(ctx, {
        projectId: gid('NavigationProject', plan.get(p.key)),
        title: `${p.title.replace('专利导航', '')}专利分析报告`,
        summary: '梳理了主要竞争对手的专利布局、技术演进路线和潜在侵权风险，提出了布局和规避建议。',
        deliveredOn: addDays(created, 50),
      });
      plan.set(`${p.key}-report`, report.id);
    });
    on(addDays(created, 52), ENTERPRISE, `marks ${p.title} reported`, (ctx) => step(ctx, NavigationProjectStatus.REPORTED));
    if (p.end === NavigationProjectStatus.CLOSED) {
      on(addDays(created, 60), ENTERPRISE, `records the decision ${p.title} fed`, (ctx) => step(ctx, NavigationProjectStatus.DECIDED, '董事会据此确定“核心部件自主 + 海外同步布局”的知识产权战略', addDays(created, 60)));
      on(addDays(created, 90), ENTERPRISE, `closes ${p.title}`, (ctx) => step(ctx, NavigationProjectStatus.CLOSED, '新增高价值发明专利申请 18 件，PCT 申请 4 件', addDays(created, 90)));
      on(addDays(created, 91), ENTERPRISE, `publishes the report of ${p.title}`, async (ctx) => {
        const id = plan.get(`${p.key}-report`);
        await projectService.publishReport(ctx, { id: gid('NavigationReport', id), version: await versionOf(ctx, 'navigation_report', id), published: true });
      });
    }
    if (p.pilot) {
      on(at(0.9), BUREAU, `selects ${p.title} as a pilot`, async (ctx) => {
        await projectService.selectPilot(ctx, { projectId: gid('NavigationProject', plan.get(p.key)), year, selected: true });
      });
    }
  });
}
