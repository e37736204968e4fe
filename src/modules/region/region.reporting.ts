/**
 * The region dimensions every fact with a jurisdiction shares (docs/reporting.md): REGION, the
 * 37 provincial-level jurisdictions (separately planned cities and the XPCC on their own), and
 * PROVINCE, the same rolled up (a planned city into its province, the XPCC into Xinjiang).
 */
import type { DimensionSpec } from '../../common/reporting.js';
import { sql, trusted, type Sql } from '../../common/sql.js';
import { REGIONS } from '../../../seeds/reference/regions.js';

/**
 * The province of a jurisdiction's code, as an expression: the reference hierarchy (the same list
 * the region table is seeded from) written as a CASE, so that grouping 1,000,000 rows by province
 * costs no lookup per row.
 */
export function provinceOf(code: Sql): Sql {
  const children = REGIONS.filter((r) => r.parentCode);
  return sql`(case ${code} ${trusted(children.map((r) => `when '${r.code}' then '${r.parentCode}'`).join(' '))} else ${code} end)`;
}

const region = { family: 'region', source: sql`region r` } as const;

export const regionDimensions: DimensionSpec[] = [
  {
    name: 'REGION',
    label: '辖区',
    public: true,
    domain: {
      kind: 'reference',
      ...region,
      value: sql`r.code`,
      describe: (code, ref) => {
        const r = ref.region(code);
        return r && { label: r.name, sort: r.sortOrder };
      },
      size: (ref) => ref.regions.length,
    },
  },
  {
    name: 'PROVINCE',
    label: '省级行政区（含计划单列市、兵团）',
    // Not public: REGION is (a province is the sum of its regions, and the two tables together would subtract to hidden cells).
    public: false,
    derivedFrom: { dimension: 'REGION', expression: provinceOf },
    domain: {
      kind: 'reference',
      ...region,
      value: sql`coalesce(r.parent_code, r.code)`,
      // Only provincial-level units: a planned city or the XPCC is a REGION value, never a PROVINCE.
      describe: (code, ref) => {
        const r = ref.region(code);
        if (!r || r.parent) return undefined;
        return { label: ref.childRegions(code).length ? `${r.name}（含${ref.childRegions(code).map((c) => c.shortName).join('、')}）` : r.name, sort: r.sortOrder };
      },
      size: (ref) => ref.regions.filter((r) => !r.parent).length,
    },
  },
];
