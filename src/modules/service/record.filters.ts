/** The conditions of the service-record lists (top level and nested under an enterprise, a station or a dispatch). */
import { anyOf, FALSE, sql, trusted, type Sql } from '../../common/sql.js';
import { ServiceRecordStatus, type ServiceType } from './service-record.entity.js';

/** A nested list's filter: plain JSON (it is part of the loader's key). */
export interface NestedRecordFilter {
  types: ServiceType[] | null;
  servedFrom: string | null;
  servedTo: string | null;
  includeVoided: boolean;
}

export function nestedFilter(f: { types?: ServiceType[] | null; servedFrom?: string | null; servedTo?: string | null; includeVoided?: boolean | null } | null | undefined): NestedRecordFilter {
  return { types: f?.types ?? null, servedFrom: f?.servedFrom ?? null, servedTo: f?.servedTo ?? null, includeVoided: !!f?.includeVoided };
}

/** The conditions of a filter on service_record alias `alias`. */
export function recordConditions(f: NestedRecordFilter, alias: string): Sql[] {
  const r = trusted(alias);
  return [
    f.types ? (f.types.length ? anyOf(sql`${r}.type`, f.types) : FALSE) : null,
    f.servedFrom ? sql`${r}.served_on >= ${f.servedFrom}::date` : null,
    f.servedTo ? sql`${r}.served_on <= ${f.servedTo}::date` : null,
    f.includeVoided ? null : sql`${r}.status = ${ServiceRecordStatus.RECORDED}`,
  ].filter((c): c is Sql => c !== null);
}
