/**
 * Overseas workstations in the showcase (docs/overseas.md): early this year the national bureau
 * completes the profiles of the three workstations seeds/demo.ts registers (Germany, covering the
 * German-speaking countries; the United States, covering North America; Japan, with Korea), and their public
 * holidays of this year and the next are loaded from date-holidays; the German workstation publishes
 * an operation guide, the national bureau an environment report on the United States; 广东华创
 * (`demo-enterprise`) is appointed an observer enterprise for Germany and files a report.
 *
 * Protection cases (R20) in every state: 广东华创 reports problems abroad to the German workstation
 * (`demo-station`) and the American one; one closed after waiting on the enterprise, with an expert,
 * an agency and its alliance's defence fund taking part; one responding; one with information fed
 * back; one acknowledged and waiting on the enterprise; one never acknowledged, its first response
 * breached; at home, a Guangdong advantage enterprise's case (reported by `guangdong-admin`) at the
 * Guangdong assistance centre with rapid-response measures. Expert consulting abroad (one answered by `demo-expert`, one open);
 * credit records (an integrity publicity for 广东华创; a dishonesty record of an abnormal patent
 * application that is the revocation incident too).
 */
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { workstationService } from '../src/modules/overseas/workstation.service.js';
import { publicationService } from '../src/modules/overseas/publication.service.js';
import { PublicationKind } from '../src/modules/overseas/publication.entity.js';
import { observerService } from '../src/modules/overseas/observer.service.js';
import { maxDate, type Timeline } from './showcase-timeline.js';
import { addDays } from './factories.js';
import { caseService } from '../src/modules/overseas/case.service.js';
import { caseParticipantService } from '../src/modules/overseas/case-participant.service.js';
import { CaseChannel, CaseOutcome, CaseStatus, CaseType, CaseUrgency, RapidResponseMeasure } from '../src/modules/overseas/case.entity.js';
import { ParticipantKind } from '../src/modules/overseas/case-parts.entity.js';
import { consultationService } from '../src/modules/overseas/consultation.service.js';
import { ConsultingTopic } from '../src/modules/overseas/consultation.entity.js';
import { creditService } from '../src/modules/overseas/credit.service.js';
import { CreditRecordKind } from '../src/modules/overseas/credit.entity.js';
import { IncidentKind } from '../src/modules/designation/incident.entity.js';
import { userAdminService } from '../src/modules/account/user-admin.service.js';
import { UserRole } from '../src/modules/account/user.entity.js';
import { ProtectionCase } from '../src/modules/overseas/case.entity.js';
import { holdsTitleOn } from '../src/modules/designation/designation.rules.js';
import { DesignationLevel } from '../src/modules/designation/designation.entity.js';
import { query, sql } from '../src/common/sql.js';

const NATIONAL = 'national-admin';
const WEEKDAYS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, from: '09:00', to: '12:30' },
  { weekday, from: '13:30', to: '17:30' },
]);
const STATIONS = [
  { name: '中国贸促会驻德国代表处知识产权工作站', hostOffice: '中国国际贸易促进委员会驻德国代表处', countryCode: 'DE', city: '柏林', countriesCovered: ['DE', 'AT', 'CH', 'LI'], languages: ['zh', 'de', 'en'], timeZone: 'Europe/Berlin' },
  { name: '中国贸促会驻美国代表处知识产权工作站', hostOffice: '中国国际贸易促进委员会驻美国代表处', countryCode: 'US', city: '纽约', countriesCovered: ['US', 'CA', 'MX'], languages: ['zh', 'en', 'es'], timeZone: 'America/New_York' },
  { name: '中国贸促会驻日本代表处知识产权工作站', hostOffice: '中国国际贸易促进委员会驻日本代表处', countryCode: 'JP', city: '东京', countriesCovered: ['JP', 'KR'], languages: ['zh', 'ja', 'ko'], timeZone: 'Asia/Tokyo' },
];

async function organizationId(ctx: Context, name: string): Promise<string | null> {
  const [row] = await ctx.em.execute<{ id: string }[]>(`select id from service_organization where name = ? and kind = 'OVERSEAS_STATION'`, [name], 'all');
  return row?.id ?? null;
}

export function planOverseas(plan: Timeline, demo: { enterpriseId: string; expertPersonId: string }, password: string): void {
  const year = Number(plan.today.slice(0, 4));
  const day = `${year}-01-06` <= plan.today ? `${year}-01-06` : plan.today;
  for (const s of STATIONS) {
    plan.on(day, NATIONAL, `completes the profile of ${s.name}`, async (ctx) => {
      const org = await organizationId(ctx, s.name);
      if (!org) return;
      const { name: _name, ...profile } = s;
      const w = await workstationService.set(ctx, { organizationId: toGlobalId('ServiceOrganization', org), ...profile, weeklyHours: WEEKDAYS });
      for (const y of [year, year + 1]) await workstationService.loadHolidays(ctx, { workstationId: toGlobalId('OverseasWorkstation', w.id), year: y });
    });
  }
  plan.on(day, NATIONAL, 'publishes guides and an environment report', async (ctx) => {
    const germany = await organizationId(ctx, STATIONS[0]!.name);
    const items = [
      { organizationId: germany, kind: PublicationKind.OPERATION_GUIDE, countryCodes: ['DE', 'AT', 'CH'], title: '德语国家专利许可与转让实务指引', summary: '德国、奥地利、瑞士专利许可、转让、质押的法律要点，合同条款和登记程序，常见纠纷与应对。', language: 'zh' },
      { organizationId: null, kind: PublicationKind.ENVIRONMENT_REPORT, countryCodes: ['US'], title: `美国知识产权环境报告（${year - 1}）`, summary: '美国专利诉讼、337 调查和海关执法的最新动态，对我国出口企业的风险提示。', language: 'zh' },
    ];
    for (const item of items) {
      const { organizationId: org, ...publication } = item;
      const p = await publicationService.draft(ctx, { organizationId: org ? toGlobalId('ServiceOrganization', org) : null, publication });
      await publicationService.publish(ctx, { id: toGlobalId('OverseasPublication', p.id), version: p.version, published: true });
    }
  });
  // A demonstration enterprise first [D 四(二)三]: 广东华创 holds its title since last September.
  plan.on(day, NATIONAL, 'appoints 广东华创 an observer enterprise for the German-speaking countries', async (ctx) => {
    const o = await observerService.appoint(ctx, { enterpriseId: toGlobalId('Enterprise', demo.enterpriseId), countryCodes: ['DE', 'AT'], appointedOn: day });
    plan.set('observer', o.id);
  });
  // A few days before the demo's today (the showcase's last steps are then; tests date the audit log by them).
  const reported = maxDate(day, addDays(plan.today, -5));
  plan.on(reported, 'demo-enterprise', 'files an observation report on Germany', async (ctx) => {
    await observerService.file(ctx, {
      observerId: toGlobalId('OverseasObserver', plan.get('observer')),
      countryCode: 'DE',
      title: '德国工业机器人领域专利诉讼动向',
      body: '近一年德国慕尼黑、杜塞尔多夫地区法院受理的工业机器人专利侵权案件增多，原告多为欧洲本土企业，常在展会期间申请临时禁令。建议参展企业提前开展自由实施（FTO）分析并准备保护函。',
    });
  });

  planCases(plan, demo, password, day);
}

const STATION = 'demo-station';
const EXPERT = 'demo-expert';
const ENTERPRISE = 'demo-enterprise';
const gid = toGlobalId;

/** The case's current version (each step reads it afresh). */
async function caseRef(ctx: Context, id: string) {
  const c = await ctx.em.findOneOrFail(ProtectionCase, id, { refresh: true });
  return { caseId: gid('ProtectionCase', id), version: c.version };
}

function planCases(plan: Timeline, demo: { enterpriseId: string; expertPersonId: string }, password: string, setUp: string): void {
  const today = plan.today;
  // Every step at least three days before the demo's today (tests date the audit log by the last steps).
  const at = (daysAgo: number) => maxDate(setUp, addDays(today, -daysAgo));
  const enterprise = gid('Enterprise', demo.enterpriseId);
  plan.on(setUp, NATIONAL, 'opens an account for the German workstation', async (ctx) => {
    const org = await organizationId(ctx, STATIONS[0]!.name);
    if (org) await userAdminService.create(ctx, { username: STATION, displayName: '驻德国工作站（演示）', role: UserRole.SERVICE_PROVIDER, organizationId: gid('ServiceOrganization', org), password });
  });
  const report = (key: string, daysAgo: number, actor: string, input: Parameters<typeof caseService.report>[1]) =>
    plan.on(at(daysAgo), actor, `reports the case "${input.title}"`, async (ctx) => plan.set(key, (await caseService.report(ctx, input)).id));
  const advance = (key: string, daysAgo: number, actor: string, to: CaseStatus, body: string, outcome?: CaseOutcome) =>
    plan.on(at(daysAgo), actor, `moves the case ${key} to ${to}`, async (ctx) => caseService.advance(ctx, { ...(await caseRef(ctx, plan.get(key))), to, body, outcome: outcome ?? null }));
  const wait = (key: string, daysAgo: number, actor: string, request: string) =>
    plan.on(at(daysAgo), actor, `waits on the enterprise in ${key}`, async (ctx) => caseService.waitOnEnterprise(ctx, { ...(await caseRef(ctx, plan.get(key))), request }));
  const note = (key: string, daysAgo: number, actor: string, body: string, measure: RapidResponseMeasure | null = null) =>
    plan.on(at(daysAgo), actor, `adds a note to ${key}`, async (ctx) => caseService.addNote(ctx, { caseId: gid('ProtectionCase', plan.get(key)), body, measure }));

  // 1. Closed: goods seized at Hamburg, released after the workstation's lawyer's objection.
  report('case-seizure', 60, ENTERPRISE, { channel: CaseChannel.OVERSEAS, type: CaseType.CUSTOMS_SEIZURE, urgency: CaseUrgency.URGENT, countryCode: 'DE', title: '汉堡港海关扣押焊接机器人', description: '发往德国客户的 12 台焊接机器人被汉堡海关以涉嫌侵犯外观设计为由扣押，权利人为一家德国企业。请求协助了解扣押依据并提出异议。', counterparty: '汉堡港海关' });
  advance('case-seizure', 59, STATION, CaseStatus.ACKNOWLEDGED, '已受理，正联系汉堡海关了解扣押通知。');
  wait('case-seizure', 59, STATION, '请提供扣押通知书、产品外观设计图和我方在欧盟的设计注册证书。');
  note('case-seizure', 57, ENTERPRISE, '扣押通知书、产品图和欧盟外观设计注册证书已上传，请查收。');
  plan.on(at(57), STATION, 'invites the expert and the agency to the seizure case', async (ctx) => {
    const caseId = gid('ProtectionCase', plan.get('case-seizure'));
    await caseParticipantService.addParticipant(ctx, { caseId, kind: ParticipantKind.EXPERT, personId: gid('Person', demo.expertPersonId), role: '外观设计比对意见' });
    const [agency] = await ctx.em.execute<{ id: string }[]>(`select id from service_organization where name = '北京华夏知识产权代理有限公司'`, [], 'all');
    if (agency) await caseParticipantService.addParticipant(ctx, { caseId, kind: ParticipantKind.ORGANIZATION, organizationId: gid('ServiceOrganization', agency.id), role: '欧盟外观设计稳定性检索' });
    if (plan.has('alliance')) await caseParticipantService.addParticipant(ctx, { caseId, kind: ParticipantKind.ALLIANCE_FUND, allianceId: gid('PatentAlliance', plan.get('alliance')), role: '承担当地律师费用' });
  });
  advance('case-seizure', 55, STATION, CaseStatus.FEEDBACK_GIVEN, '扣押依据为权利人的海关保护申请；我方产品与其设计整体视觉印象不同，且我方有在先注册。');
  advance('case-seizure', 54, STATION, CaseStatus.RESPONDING, '委托汉堡当地律师向海关提出异议并提交比对意见。');
  advance('case-seizure', 45, STATION, CaseStatus.CLOSED, '海关认可异议，货物已放行交付客户。', CaseOutcome.RESOLVED);

  // 2. Responding: an exhibition dispute in Munich.
  report('case-fair', 25, ENTERPRISE, { channel: CaseChannel.OVERSEAS, type: CaseType.EXHIBITION_DISPUTE, urgency: CaseUrgency.URGENT, countryCode: 'DE', title: '慕尼黑展会收到临时禁令申请威胁', description: '在慕尼黑自动化展会上，一家欧洲企业称我方展出的协作机器人侵犯其欧洲专利，威胁申请临时禁令。', counterparty: '某欧洲机器人企业' });
  advance('case-fair', 25, STATION, CaseStatus.ACKNOWLEDGED, '已受理，工作人员今日到展位了解情况。');
  advance('case-fair', 24, STATION, CaseStatus.FEEDBACK_GIVEN, '德国法院展会期间临时禁令的条件和应对要点已反馈，建议立即提交保护函。');
  advance('case-fair', 23, STATION, CaseStatus.RESPONDING, '已协调当地律师向慕尼黑地区法院提交保护函，正在进行自由实施分析。');

  // 3. Information fed back: Austrian utility-model law.
  report('case-info', 15, ENTERPRISE, { channel: CaseChannel.OVERSEAS, type: CaseType.INFORMATION_NEED, urgency: CaseUrgency.NORMAL, countryCode: 'AT', title: '奥地利实用新型保护咨询', description: '计划在奥地利申请实用新型保护，请介绍审查制度、保护期限和维权途径。' });
  advance('case-info', 14, STATION, CaseStatus.ACKNOWLEDGED, '已受理。');
  advance('case-info', 12, STATION, CaseStatus.FEEDBACK_GIVEN, '奥地利实用新型不经实质审查，保护期 10 年；已附上申请要点和当地代理机构名单。');

  // 4. Acknowledged and waiting on the enterprise: a US litigation (the national bureau for the US workstation, which has no demo account).
  report('case-us', 10, ENTERPRISE, { channel: CaseChannel.OVERSEAS, type: CaseType.LITIGATION, urgency: CaseUrgency.URGENT, countryCode: 'US', title: '美国得克萨斯东区专利诉讼应诉', description: '收到美国得克萨斯东区联邦法院的专利侵权起诉书，涉及我方出口的视觉检测模块。', counterparty: '某美国非专利实施主体' });
  advance('case-us', 9, NATIONAL, CaseStatus.ACKNOWLEDGED, '已受理，驻美国工作站将协助了解原告的诉讼历史。');
  wait('case-us', 8, NATIONAL, '请提供起诉书全文、涉案产品的出口记录和技术资料。');

  // 5. Received and never acknowledged: the first response is breached.
  report('case-swiss', 20, ENTERPRISE, { channel: CaseChannel.OVERSEAS, type: CaseType.INFRINGEMENT_CLAIM, urgency: CaseUrgency.NORMAL, countryCode: 'CH', title: '瑞士客户转来的侵权警告函', description: '瑞士客户转来一封警告函，称我方供应的控制器侵犯其瑞士专利，要求停止供货。' });

  // 6. At home: the Guangdong bureau reports for a Guangdong advantage enterprise; the Guangdong assistance centre responds (A 四(三)).
  plan.on(at(18), 'guangdong-admin', 'reports a domestic case for an advantage enterprise', async (ctx) => {
    const [row] = await query<{ id: string }>(ctx.em, sql`select e.id from enterprise e where e.region_code = '440000' and ${holdsTitleOn('e.id', ctx.clock.today(), [DesignationLevel.ADVANTAGE])} order by e.name limit 1`);
    if (!row) return;
    const c = await caseService.report(ctx, { enterpriseId: gid('Enterprise', row.id), channel: CaseChannel.DOMESTIC, type: CaseType.RIGHTS_INFRINGED, urgency: CaseUrgency.URGENT, title: '电商平台大量仿冒产品', description: '多家网店销售仿冒我方专利产品，请求快速维权援助。' });
    plan.set('case-home', c.id);
  });
  // The centre has no demo account: the national bureau acts for it.
  plan.on(at(17), NATIONAL, 'acknowledges the domestic case and takes rapid-response measures', async (ctx) => {
    if (!plan.has('case-home')) return;
    const id = plan.get('case-home');
    await caseService.advance(ctx, { ...(await caseRef(ctx, id)), to: CaseStatus.ACKNOWLEDGED, body: '维权援助中心已受理，启动快速反应。' });
    await caseService.addNote(ctx, { caseId: gid('ProtectionCase', id), body: '对主要电商平台的侵权链接开展全面监测，已固定 37 条侵权证据。', measure: RapidResponseMeasure.MONITORING });
    await caseService.addNote(ctx, { caseId: gid('ProtectionCase', id), body: '向平台提交侵权投诉，跟踪下架进度。', measure: RapidResponseMeasure.FAST_PROTECTION });
  });
  plan.on(at(16), NATIONAL, 'feeds back on the domestic case', async (ctx) => {
    if (!plan.has('case-home')) return;
    await caseService.advance(ctx, { ...(await caseRef(ctx, plan.get('case-home'))), to: CaseStatus.FEEDBACK_GIVEN, body: '平台已下架 29 条链接；其余 8 条的卖家提出异议，中心正在准备专题指导。' });
  });

  // Expert consulting abroad [D 四(二)四]: one answered, one open.
  plan.on(at(12), ENTERPRISE, 'asks for legal service at the Hanover fair', async (ctx) => {
    const c = await consultationService.request(ctx, { topic: ConsultingTopic.EXHIBITION_LEGAL, countryCodes: ['DE'], question: '明年 4 月参加汉诺威工业博览会，如何做好展前专利风险排查和展会期间的应对准备？', exhibition: '汉诺威工业博览会', exhibitionOpensOn: `${Number(today.slice(0, 4)) + 1}-04-20` });
    plan.set('consultation', c.id);
  });
  plan.on(at(11), STATION, 'matches the request with 张明', async (ctx) => {
    const c = await consultationService.candidates(ctx, gid('OverseasConsultation', plan.get('consultation')), 5);
    const expert = c.find((x) => x.expert)?.expert;
    const version = (await ctx.em.execute<{ version: number }[]>('select version from overseas_consultation where id = ?', [plan.get('consultation')], 'all'))[0]!.version;
    await consultationService.match(ctx, { id: gid('OverseasConsultation', plan.get('consultation')), version, expertId: expert ? expert.id : gid('Person', demo.expertPersonId) });
  });
  plan.on(at(9), EXPERT, 'answers the request', async (ctx) => {
    const version = (await ctx.em.execute<{ version: number }[]>('select version from overseas_consultation where id = ?', [plan.get('consultation')], 'all'))[0]!.version;
    await consultationService.answer(ctx, { id: gid('OverseasConsultation', plan.get('consultation')), version, advice: '展前三个月完成展品的自由实施分析；准备保护函并委托当地律师；展位备好专利证书和购买凭证；遇到海关或法院人员到场，第一时间联系驻德国工作站。' });
  });
  plan.on(at(4), ENTERPRISE, 'asks about a patent layout in the United States and Mexico', async (ctx) =>
    consultationService.request(ctx, { topic: ConsultingTopic.LAYOUT, countryCodes: ['US', 'MX'], question: '计划在北美设厂，如何规划美国和墨西哥的专利布局？' }),
  );

  // Credit records [A 四(三)].
  plan.on(at(30), 'guangdong-admin', 'publishes 广东华创 on the integrity list', async (ctx) =>
    creditService.record(ctx, { enterpriseId: enterprise, kind: CreditRecordKind.INTEGRITY, title: '广东省知识产权守信激励名单', authority: '广东省市场监督管理局（知识产权局）', documentNumber: `粤知〔${today.slice(0, 4)}〕12 号`, decidedOn: at(30), publicUntil: addDays(at(30), 364), description: '连续三年无知识产权失信行为，积极开展海外知识产权维权。' }),
  );
  plan.on(at(28), NATIONAL, 'records an abnormal patent application as a dishonesty record', async (ctx) => {
    const [row] = await query<{ id: string }>(ctx.em, sql`select e.id from enterprise e where e.region_code = '330000' and e.id <> ${demo.enterpriseId}::uuid order by e.name desc limit 1`);
    if (!row) return;
    await creditService.record(ctx, { enterpriseId: gid('Enterprise', row.id), kind: CreditRecordKind.DISHONESTY, title: '非正常专利申请', authority: '国家知识产权局', documentNumber: '国知发保字〔2026〕3 号', decidedOn: at(28), publicUntil: addDays(at(28), 3 * 365), description: '提交非正常专利申请 23 件，经通知未撤回。', incidentKind: IncidentKind.ABNORMAL_PATENT_APPLICATION });
  });
}
