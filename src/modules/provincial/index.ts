import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { AnnualSummary, CultivationPlan } from './provincial.entity.js';
import { dutyVisibility, provincialPolicy } from './provincial.policy.js';
import { AnnualSummaryResolver, CultivationPlanResolver } from './provincial.resolver.js';

/** The provincial bureaus' duties [D 三(三)1, 五(一)]: cultivation plans and annual summaries (R15): docs/provincial.md. */
export const provincialModule = defineModule({
  name: 'provincial',
  entities: [CultivationPlan, AnnualSummary],
  policy: provincialPolicy,
  resolvers: [CultivationPlanResolver, AnnualSummaryResolver],
  nodes: {
    CultivationPlan: fetchVisibleByIds(CultivationPlan, 'p', dutyVisibility),
    AnnualSummary: fetchVisibleByIds(AnnualSummary, 's', dutyVisibility),
  },
});
