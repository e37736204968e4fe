/** Jurisdictions and bureaus are reference data: public, changed only with the reference seed (no action). */
import type { Policy } from '../../common/policy.js';

export const regionPolicy: Policy = {
  actions: [],
  visibility: { Region: () => null, Bureau: () => null },
};
