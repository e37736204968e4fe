/**
 * The industry dimensions (GB/T 4754-2017): INDUSTRY_DIVISION (大类), the code facts carry, and
 * INDUSTRY_SECTION (门类) derived from it (docs/reporting.md).
 */
import type { DimensionSpec } from '../../common/reporting.js';
import type { ReferenceData } from '../../common/reference-data.js';
import { sql, trusted, type Sql } from '../../common/sql.js';
import { INDUSTRIES } from '../../../seeds/reference/industries.js';

/** The section of a division's code, as a CASE from the reference list (no lookup per row); a section stays itself. */
export function sectionOf(code: Sql): Sql {
  const branches = INDUSTRIES.filter((i) => i.parentCode).map((i) => `when '${i.code}' then '${i.parentCode}'`);
  return sql`(case ${code} ${trusted(branches.join(' '))} else ${code} end)`;
}

const industry = { family: 'industry', source: sql`(select code, parent_code from industry where level = 'DIVISION') i` } as const;
/** Values of one level only: a division is never a section value, nor the reverse. */
const describe = (level: 'SECTION' | 'DIVISION') => (code: string, ref: ReferenceData) => {
  const i = ref.industry(code);
  return i && i.level === level ? { label: i.name, sort: i.sortOrder } : undefined;
};

export const industryDimensions: DimensionSpec[] = [
  {
    name: 'INDUSTRY_DIVISION',
    label: '行业大类',
    // Not public: INDUSTRY_SECTION is (coarser, so fewer small cells), and one of a roll-up pair may be.
    public: false,
    domain: { kind: 'reference', ...industry, value: sql`i.code`, describe: describe('DIVISION'), size: (ref) => ref.industries.filter((i) => i.level === 'DIVISION').length },
  },
  {
    name: 'INDUSTRY_SECTION',
    label: '行业门类',
    public: true,
    derivedFrom: { dimension: 'INDUSTRY_DIVISION', expression: sectionOf },
    domain: { kind: 'reference', ...industry, value: sql`i.parent_code`, describe: describe('SECTION'), size: (ref) => ref.industries.filter((i) => i.level === 'SECTION').length },
  },
];
