import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { EvaluationSheet } from './evaluation-sheet.entity.js';
import { createEvaluationLoaders } from './evaluation.loaders.js';
import { evaluationPolicy, sheetVisibility } from './evaluation.policy.js';
import { EvaluationSheetResolver, IndicatorScoreResolver, ItemCheckResolver } from './evaluation.resolver.js';

export { EvaluationSheet, EvaluationTable } from './evaluation-sheet.entity.js';

/** The evaluation index system (tables A and B by year), the item-by-item self-assessment and the provincial check. */
export const evaluationModule = defineModule({
  name: 'evaluation',
  entities: [EvaluationSheet],
  createLoaders: createEvaluationLoaders,
  resolvers: [EvaluationSheetResolver, IndicatorScoreResolver, ItemCheckResolver],
  nodes: {
    // Public, like the lists (evaluationSheets).
    EvaluationSheet: fetchVisibleByIds(EvaluationSheet, 's', sheetVisibility),
  },
  policy: evaluationPolicy,
});
