import { defineModule } from '../../common/module.js';
import { advantageReporting } from './advantage.reporting.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { AdvantageApplication, AdvantageBatch, CultivationReport, MidTermCheck } from './advantage.entity.js';
import { advantagePolicy, advantageRecordVisibility, batchVisibility } from './advantage.policy.js';
import { createAdvantageLoaders } from './advantage.loaders.js';
import { AdvantageApplicationResolver, CultivationReportResolver, DesignationCultivationResolver, EnterpriseAdvantageResolver } from './advantage.resolver.js';

export const advantageModule = defineModule({
  name: 'advantage',
  entities: [AdvantageBatch, AdvantageApplication, CultivationReport, MidTermCheck],
  createLoaders: createAdvantageLoaders,
  policy: advantagePolicy,
  reporting: advantageReporting,
  resolvers: [AdvantageApplicationResolver, CultivationReportResolver, DesignationCultivationResolver, EnterpriseAdvantageResolver],
  nodes: {
    AdvantageBatch: fetchVisibleByIds(AdvantageBatch, 'b', batchVisibility),
    // Applications and reports go with the whole record of their enterprise.
    AdvantageApplication: fetchVisibleByIds(AdvantageApplication, 'a', advantageRecordVisibility),
    CultivationReport: fetchVisibleByIds(CultivationReport, 'r', advantageRecordVisibility),
  },
});
