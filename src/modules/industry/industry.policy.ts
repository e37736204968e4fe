/** Industries (GB/T 4754) are reference data: public, changed only with the reference seed (no action). */
import type { Policy } from '../../common/policy.js';

export const industryPolicy: Policy = {
  actions: [],
  visibility: { Industry: () => null },
};
