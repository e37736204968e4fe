/**
 * GB/T 29490 implementation in the showcase (docs/standard.md) [A 四(二)]: `guangdong-admin`
 * matches the Guangdong service team (`demo-provider`'s organisation) with two advantage enterprises
 * that applied while implementing the standard; `demo-provider` reports the progress:
 *
 * - 广东智通 (cultivation year 2): matched ten months ago, implemented, audited, certified two
 *   months ago — its `standardCertifiedOn` comes from that step;
 * - 广东德赛 (cultivation year 1): matched three weeks ago, implementation under way.
 *
 * Dates are relative to the demo's today, inside the titles' periods (seeds/showcase-advantage.ts).
 */
import { toGlobalId } from '../src/common/node.js';
import { addDays } from '../src/modules/programme/working-days.js';
import { StandardImplementationStatus } from '../src/modules/standard/standard.entity.js';
import { standardService } from '../src/modules/standard/standard.service.js';
import { versionOf, type Timeline } from './showcase-timeline.js';

const GUANGDONG = 'guangdong-admin';
const PROVIDER = 'demo-provider';

export function planStandard(plan: Timeline, o: { providerOrganizationId: string }): void {
  const today = plan.today;
  const team = toGlobalId('ServiceOrganization', o.providerOrganizationId);
  const key = (handle: string) => `standard:${handle}`;
  const match = (handle: string, on: string, targetOn: string, note: string) =>
    plan.on(on, GUANGDONG, `matches the Guangdong team with ${handle} for GB/T 29490`, async (ctx) => {
      const i = await standardService.match(ctx, { enterpriseId: toGlobalId('Enterprise', plan.get(`enterprise:${handle}`)), organizationId: team, targetOn, note });
      plan.set(key(handle), i.id);
    });
  const progress = (handle: string, on: string, status: StandardImplementationStatus, note: string) =>
    plan.on(on, PROVIDER, `reports ${handle}'s 贯标 ${status}`, async (ctx) => {
      const id = plan.get(key(handle));
      await standardService.progress(ctx, { id: toGlobalId('StandardImplementation', id), version: await versionOf(ctx, 'standard_implementation', id), status, note });
    });

  match('zhitong', addDays(today, -300), addDays(today, -45), '按 GB/T 29490 建立知识产权管理体系：体系诊断、文件编制、内审和管理评审。');
  progress('zhitong', addDays(today, -285), StandardImplementationStatus.IMPLEMENTING, '完成体系诊断，管理手册和程序文件已发布实施。');
  progress('zhitong', addDays(today, -120), StandardImplementationStatus.AUDITING, '内审和管理评审完成，已向认证机构提交认证申请。');
  plan.on(addDays(today, -60), GUANGDONG, "records zhitong's GB/T 29490 certification", async (ctx) => {
    const id = plan.get(key('zhitong'));
    await standardService.certify(ctx, { id: toGlobalId('StandardImplementation', id), version: await versionOf(ctx, 'standard_implementation', id), certifiedOn: addDays(today, -62), certificationBody: '中知（北京）认证有限公司', certificateNumber: `165IP${today.slice(2, 4)}0318` });
  });
  match('desai', addDays(today, -21), addDays(today, 240), '新工厂纳入知识产权管理体系；研发项目全流程专利管控。');
  progress('desai', addDays(today, -10), StandardImplementationStatus.IMPLEMENTING, '体系诊断完成，正在编制体系文件。');
}
