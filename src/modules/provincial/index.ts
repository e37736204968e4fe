import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { AnnualSummary, CultivationPlan } from './provincial.entity.js';
import { AssessmentScheme, BureauAssessment, Commendation, ExperienceCase } from './assessment.entity.js';
import { AssessmentResolver } from './assessment.resolver.js';
import { assessmentVisibility, dutyVisibility, provincialPolicy } from './provincial.policy.js';
import { AnnualSummaryResolver, CultivationPlanResolver } from './provincial.resolver.js';

/** The provincial bureaus' duties [D 三(三)1, 五(一)]: cultivation plans, annual summaries (R15), the national bureau's assessment, commendations, experience cases: docs/provincial.md. */
export const provincialModule = defineModule({
  name: 'provincial',
  entities: [CultivationPlan, AnnualSummary, AssessmentScheme, BureauAssessment, Commendation, ExperienceCase],
  policy: provincialPolicy,
  resolvers: [CultivationPlanResolver, AnnualSummaryResolver, AssessmentResolver],
  nodes: {
    CultivationPlan: fetchVisibleByIds(CultivationPlan, 'p', dutyVisibility),
    AnnualSummary: fetchVisibleByIds(AnnualSummary, 's', dutyVisibility),
    BureauAssessment: fetchVisibleByIds(BureauAssessment, 'a', assessmentVisibility),
    Commendation: fetchVisibleByIds(Commendation, 'c', () => null),
    ExperienceCase: fetchVisibleByIds(ExperienceCase, 'x', () => null),
  },
});
