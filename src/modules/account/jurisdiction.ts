/** Users whose scope lies in a jurisdiction (alias u); three parameters, each the region code. */
export const IN_JURISDICTION = `(u.region_code = ? or exists (select 1 from enterprise je where je.id = u.enterprise_id and je.region_code = ?)
  or exists (select 1 from service_organization jo where jo.id = u.organization_id and jo.region_code = ?))`;
