/**
 * What statistics count of training (docs/reporting.md): enrolments and completions by tier, by
 * the trainee's jurisdiction (their employer's, else their own, as the lists decide) and by the
 * month of the session.
 */
import { enumDomain, fromSources, type FactSource, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { jurisdictionOf } from '../../common/viewer.policy.js';
import { PersonCategory } from '../person/person.entity.js';
import { EnrolmentStatus, FORMATS_BY_TIER } from './training.entity.js';

const ENROLMENT_SOURCES: FactSource[] = [
  { table: 'enrolment', alias: 'en' },
  { table: 'training_session', alias: 'ts', on: 'ts.id = en.session_id' },
  { table: 'training_program', alias: 'tp', on: 'tp.id = ts.program_id' },
  { table: 'person', alias: 'ep', on: 'ep.id = en.person_id', optional: true },
  { table: 'enterprise', alias: 'ee', on: 'ee.id = ep.employer_enterprise_id', optional: true },
];

export const trainingReporting: ReportingContribution = {
  dimensions: [
    { name: 'TRAINING_TIER', label: '培训层级', public: true, domain: enumDomain(PersonCategory, Object.values(PersonCategory).filter((c) => !FORMATS_BY_TIER[c])) },
    { name: 'ENROLMENT_STATUS', label: '报名状态', public: false, domain: enumDomain(EnrolmentStatus) },
  ],
  facts: [
    {
      name: 'enrolment',
      label: '培训报名',
      from: fromSources(ENROLMENT_SOURCES),
      alias: 'en',
      visibleAs: 'Enrolment',
      // Counts of enrolments and completions by tier are published (trainingSummary): every row counts.
      publicScope: () => null,
      dimensions: {
        REGION: () => sql`coalesce(ee.region_code, ep.region_code)`,
        INDUSTRY_DIVISION: () => sql`ee.industry_code`,
        SIZE_CLASS: () => sql`ee.size_class`,
        TRAINING_TIER: () => sql`tp.tier`,
        ENROLMENT_STATUS: () => sql`en.status`,
      },
      time: { expression: () => sql`ts.starts_on`, type: 'date', label: '班次开始日' },
      // The dashboards' enrolments and completions by tier, status, jurisdiction and month: ~20,000 cells for a million rows.
      rollup: {
        table: 'rpt_enrolment',
        sources: ENROLMENT_SOURCES,
        dimensions: ['REGION', 'TRAINING_TIER', 'ENROLMENT_STATUS'],
        time: 'MONTH',
        sums: { completed: { type: 'bigint', aggregate: sql`count(*) filter (where en.status = 'COMPLETED')` } },
        measures: { ENROLMENTS: sql`sum(c.rows)`, COMPLETIONS: sql`sum(c.completed)` },
        // A bureau sees every enrolment of its own region's people (enrolmentVisibility).
        covers: (viewer) => {
          const region = jurisdictionOf(viewer);
          return region ? { dimension: 'REGION', values: [region] } : null;
        },
      },
    },
  ],
  measures: [
    { name: 'ENROLMENTS', label: '报名人次', fact: 'enrolment', aggregate: () => sql`count(*)`, additive: true, public: true, unit: '人次' },
    { name: 'COMPLETIONS', label: '结业人次', fact: 'enrolment', aggregate: () => sql`count(*) filter (where en.status = 'COMPLETED')`, additive: true, public: true, unit: '人次' },
  ],
};
