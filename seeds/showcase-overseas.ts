/**
 * Overseas workstations in the showcase (docs/overseas.md): early this year the national bureau
 * completes the profiles of the two workstations seeds/demo.ts registers (Germany, covering the
 * German-speaking countries; the United States, covering North America), and their public
 * holidays of this year and the next are loaded from date-holidays; the German workstation publishes
 * an operation guide, the national bureau an environment report on the United States; 广东华创
 * (`demo-enterprise`) is appointed an observer enterprise for Germany and files a report.
 */
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { workstationService } from '../src/modules/overseas/workstation.service.js';
import { publicationService } from '../src/modules/overseas/publication.service.js';
import { PublicationKind } from '../src/modules/overseas/publication.entity.js';
import { observerService } from '../src/modules/overseas/observer.service.js';
import { maxDate, type Timeline } from './showcase-timeline.js';
import { addDays } from './factories.js';

const NATIONAL = 'national-admin';
const WEEKDAYS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, from: '09:00', to: '12:30' },
  { weekday, from: '13:30', to: '17:30' },
]);
const STATIONS = [
  { name: '中国贸促会驻德国代表处知识产权工作站', hostOffice: '中国国际贸易促进委员会驻德国代表处', countryCode: 'DE', city: '柏林', countriesCovered: ['DE', 'AT', 'CH', 'LI'], languages: ['zh', 'de', 'en'], timeZone: 'Europe/Berlin' },
  { name: '中国贸促会驻美国代表处知识产权工作站', hostOffice: '中国国际贸易促进委员会驻美国代表处', countryCode: 'US', city: '纽约', countriesCovered: ['US', 'CA', 'MX'], languages: ['zh', 'en', 'es'], timeZone: 'America/New_York' },
];

async function organizationId(ctx: Context, name: string): Promise<string | null> {
  const [row] = await ctx.em.execute<{ id: string }[]>(`select id from service_organization where name = ? and kind = 'OVERSEAS_STATION'`, [name], 'all');
  return row?.id ?? null;
}

export function planOverseas(plan: Timeline, demo: { enterpriseId: string }): void {
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
}
