import type { Policy, Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { isNational, jurisdictionOf } from '../../common/viewer.policy.js';

/** Public notices are public. */
export const noticeVisibility: Visibility = () => null;

/** Objections, with their objectors' contact details, are for the national bureau, which decides them. */
export const objectionVisibility: Visibility = (viewer) => (isNational(viewer) ? null : FALSE);

/** A bureau's recommendation package (alias): the national admin and that bureau. */
export const packageVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`${trusted(alias)}.region_code = ${region}` : FALSE;
};

export const applicationPolicy: Policy = {
  actions: [],
  visibility: { PublicNotice: noticeVisibility, Objection: objectionVisibility, RecommendationPackage: packageVisibility },
};
