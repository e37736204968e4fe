/** The calendar dimensions (Asia/Shanghai): every fact with a time has them (docs/reporting.md). */
import type { DimensionSpec } from '../../common/reporting.js';

export const timeDimensions: DimensionSpec[] = [
  { name: 'MONTH', label: '月份', public: false, domain: { kind: 'time', grain: 'MONTH' } },
  { name: 'QUARTER', label: '季度', public: false, domain: { kind: 'time', grain: 'QUARTER' } },
  { name: 'YEAR', label: '年度', public: true, domain: { kind: 'time', grain: 'YEAR' } },
];
