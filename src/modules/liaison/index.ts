import { defineModule } from '../../common/module.js';
import { liaisonReporting } from './liaison.reporting.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { Liaison, LiaisonReminder } from './liaison.entity.js';
import { WorkReport } from './work-report.entity.js';
import { EnterpriseNeed, NeedEvent } from './need.entity.js';
import { ContactRecord } from './contact.entity.js';
import { liaisonPolicy, liaisonRecordVisibility, needVisibility, workReportVisibility } from './liaison.policy.js';
import { createLiaisonLoaders } from './liaison.loaders.js';
import { EnterpriseLiaisonResolver, LiaisonReminderResolver, LiaisonResolver, MissingLiaisonResolver } from './liaison.resolver.js';
import { WorkReportResolver } from './report.resolver.js';
import { EnterpriseNeedResolver, NeedEventResolver } from './need.resolver.js';
import { ContactRecordResolver } from './contact.resolver.js';

/**
 * The enterprise side of the daily contact between bureaus and enterprises [D 五(一)]: liaisons
 * (R16) and reminders, work information reports, needs and their routing, contact records
 * (docs/liaison.md).
 */
export const liaisonModule = defineModule({
  name: 'liaison',
  entities: [Liaison, LiaisonReminder, WorkReport, EnterpriseNeed, NeedEvent, ContactRecord],
  createLoaders: createLiaisonLoaders,
  policy: liaisonPolicy,
  reporting: liaisonReporting,
  resolvers: [
    LiaisonResolver,
    LiaisonReminderResolver,
    MissingLiaisonResolver,
    EnterpriseLiaisonResolver,
    WorkReportResolver,
    EnterpriseNeedResolver,
    NeedEventResolver,
    ContactRecordResolver,
  ],
  nodes: {
    Liaison: fetchVisibleByIds(Liaison, 'l', liaisonRecordVisibility),
    LiaisonReminder: fetchVisibleByIds(LiaisonReminder, 'r', liaisonRecordVisibility),
    WorkReport: fetchVisibleByIds(WorkReport, 'r', workReportVisibility),
    EnterpriseNeed: fetchVisibleByIds(EnterpriseNeed, 'n', needVisibility),
    ContactRecord: fetchVisibleByIds(ContactRecord, 'c', liaisonRecordVisibility),
  },
});
