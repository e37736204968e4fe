/**
 * The schema's conventions (docs/architecture.md, "GraphQL conventions"), checked on the built
 * schema, so that a new operation that breaks one fails here:
 * - every mutation is `verbNoun(input: VerbNounInput!): VerbNounPayload!` (or takes no argument);
 * - a list of objects is a Relay connection (with totalCount) unless it is bounded by nature, and
 *   then it is listed below with what bounds it;
 * - every type, field, argument and enum value has a description.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../../src/schema.js';

/** Lists of objects that are not connections, and why that is fine. */
const BOUNDED_LISTS: Record<string, string> = {
  'Query.regions': 'reference data: 37 jurisdictions and their parents',
  'Query.bureaus': 'reference data: 38 bureaus',
  'Query.industries': 'reference data: GB/T 4754 sections and divisions',
  'Query.priorityExaminationQuotas': 'one row per provincial-level bureau (37) for the year asked',
  'PriorityExaminationRequest.history': 'the changes of one request: a handful (request, decision, outcome, grant)',
  'NavigationProject.history': 'the status changes of one project: a handful',
  'ProtectionCase.deadlines': 'exactly three: first response, feedback, resolution',
  'ProtectionCase.participants': 'at most 50 a case (the service refuses more)',
  'CaseEvent.attachments': 'at most 30 files an event',
  'Query.overseasConsultingCandidates': 'at most `first` (≤ 20) experts and as many organisations',
  'Query.caseDeadlineTargets': 'one row per channel, type and urgency: 36',
  'NavigationProject.milestones': 'at most 30 (input limit)',
  'NavigationProject.reports': 'the analysis reports of one project: a few',
  'NavigationReport.attachments': 'at most 30 files (input limit)',
  'PatentAlliance.members': 'the members of one alliance over its life: tens',
  'CollaborationAgreement.partners': 'at most 30 (input limit)',
  'IndustryAnalysisReport.attachments': 'at most 30 files (input limit)',
  'OverseasWorkstation.weeklyHours': 'at most 21 intervals (input limit)',
  'OverseasPublication.attachments': 'at most 30 files (input limit)',
  'OverseasWorkstation.calendar': 'one year of exception days: at most 120 (input limit)',
  'Region.children': 'reference data',
  'Industry.children': 'reference data',
  'Query.liaisonOfficerConflicts': 'one officer’s conflicts with its bureau’s demonstration enterprises, capped at 1,000',
  'LiaisonCandidates.candidates': 'the officers of one bureau (at most 500)',
  'AssignmentPlan.officers': 'the officers of one bureau (at most 500)',
  'AssignmentPlan.shortfalls': 'at most two per region (short of seats; no eligible officer) and one for the regions together',
  'LiaisonAssignmentReport.officers': 'the officers of one bureau (at most 500)',
  'StatisticsResult.measures': 'the measures asked for (at most 12)',
  'StatisticsResult.dimensions': 'the dimensions asked for (at most 3)',
  'StatisticsResult.rows': 'grouped figures, refused above 10,000 groups before any SQL (STATISTICS_LIMITS)',
  'StatisticsResult.comparison': 'one row per measure and value of one dimension (at most 6 × 120)',
  'StatisticsRow.keys': 'one per dimension asked for (at most 3)',
  'StatisticsRow.values': 'one per measure asked for (at most 12)',
  'StatisticsCatalogue.measures': 'the registry: measures declared by the modules',
  'StatisticsCatalogue.dimensions': 'the registry: dimensions declared by the modules',
  'AnnualSummaryOverview.bureaus': 'the 37 provincial-level bureaus (reference data)',
  'AssessmentYear.criteria': 'one year’s criteria (at most 30)',
  'AssessmentYear.ranking': 'at most the 37 provincial-level bureaus',
  'BureauAssessment.scores': 'one per criterion (at most 30)',
  'LiaisonAssignmentReport.regions': 'one per jurisdiction (37 at most)',
  'LiaisonOfficer.absences': 'at most 20 periods (input check)',
  'LiaisonCandidate.exclusions': 'at most five reasons',
  'Query.publicNotices': 'the notices of one year (one or two a year)',
  'Query.deadlines': 'a window of at most 366 days',
  'Query.poolShares': 'one row per pool',
  'Query.trainingSummary': 'one row per tier',
  'Enterprise.designations': 'an enterprise holds a handful of designations over its life',
  'Enterprise.statistics': 'one row per year',
  'Enterprise.incidents': 'a handful per enterprise',
  'Enterprise.bans': 'a handful per enterprise',
  'Enterprise.demonstrationApplications': 'one per year',
  'Designation.history': 'the transitions of one designation',
  'DemonstrationApplication.indicators': 'at most 200 indicator scores',
  'DemonstrationApplication.attachments': 'at most 30 attachments',
  'DemonstrationApplication.history': 'the transitions of one application',
  'PublicNotice.entries': 'at most 500 applications per notice',
  'TrainingProgram.targetIndustries': 'at most 20 industries',
  'TrainingProgram.textbooks': 'at most 50 textbooks',
  'TrainingSession.instructors': 'at most 20 instructors',
  'Enrolment.history': 'the changes of one enrolment',
  'WorkingDayCalendar.days': 'at most 100 exception days a year',
  'DemonstrationEligibility.unmet': 'the unmet conditions (a handful)',
  'Query.evaluationSheets': 'the sheets of one year (table A and table B)',
  'EvaluationSheet.sections': 'at most 20 sections a sheet',
  'EvaluationSection.items': 'at most 30 items a section',
  'IndicatorScore.evidence': 'at most 10 evidence files an item',
  'ReexaminationRecord.incidents': 'the incidents of one enterprise within the look-back (a handful)',
  'Enterprise.advantageApplications': 'one per year',
  'AdvantageApplication.indicators': 'at most 200 indicator scores',
  'AdvantageApplication.attachments': 'at most 30 attachments',
  'AdvantageApplication.history': 'the transitions of one application',
  'AdvantageEligibility.unmet': 'the unmet conditions (a handful)',
  'CultivationReport.attachments': 'at most 30 attachments',
  'Cultivation.years': 'the years of one cultivation period (3 by default, at most 10)',
  'Query.advantageBatches': 'the batches of one year (at most one per jurisdiction: 37)',
  'WorkReport.sections': 'at most one per category (6)',
  'WorkReport.attachments': 'at most 30 attachments',
  'EnterpriseNeed.events': 'the steps of one need (at most 3 reopenings, L3)',
  'ContactRecord.followUps': 'at most 20 follow-ups',
  'Enterprise.standardImplementations': 'one under way at a time (S3); a handful over its life',
  'StandardImplementation.history': 'the steps of one implementation',
  'ServiceOrganization.regionsServed': 'at most the 37 jurisdictions',
  'ServiceOrganization.members': 'the members of one organisation today (at most 200 now or to come)',
  'ServiceStation.history': 'the transitions of one station',
  'CommissionerDispatch.history': 'the transitions of one dispatch',
  'ServiceRecord.deliveredBy': 'at most 20 people',
  'ServiceRecord.attachments': 'at most 30 attachments',
  'ServiceRecord.history': 'the transitions of one record',
  'ConsultingSession.history': 'the transitions of one session',
  'ConsultingBooking.history': 'the transitions of one booking',
};

describe('schema conventions', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('every mutation takes one non-null `input: <Name>Input!` (or nothing) and returns `<Name>Payload!`', () => {
    const wrong: string[] = [];
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const name = field.name[0]!.toUpperCase() + field.name.slice(1);
      const input = field.args.length === 0 || (field.args.length === 1 && field.args[0]!.name === 'input' && isNonNullType(field.args[0]!.type) && getNamedType(field.args[0]!.type).name === `${name}Input`);
      const payload = isNonNullType(field.type) && isObjectType(field.type.ofType) && field.type.ofType.name === `${name}Payload`;
      if (!input || !payload) wrong.push(`${field.name}(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')}): ${field.type}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every list of objects is a connection, unless bounded by nature (and then listed here)', () => {
    const wrong: string[] = [];
    const listed = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation' || type.name.endsWith('Connection') || type.name.endsWith('Payload')) continue;
      for (const field of Object.values(type.getFields())) {
        const t = isNonNullType(field.type) ? field.type.ofType : field.type;
        if (!isListType(t) || !(isObjectType(getNamedType(t)) || isInterfaceType(getNamedType(t)))) continue;
        const key = `${type.name}.${field.name}`;
        if (key === 'Query.nodes') continue; // Relay's own: as many as ids asked for (at most 100)
        if (BOUNDED_LISTS[key]) listed.add(key);
        else wrong.push(`${key}: ${field.type}`);
      }
    }
    expect(wrong).toEqual([]);
    // The list above names only fields that exist (a connection that replaced one is struck off).
    expect(Object.keys(BOUNDED_LISTS).filter((k) => !listed.has(k))).toEqual([]);
  });

  it('connections have edges, pageInfo and totalCount', () => {
    const wrong = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && t.name.endsWith('Connection'))
      .filter((t) => !['edges', 'pageInfo', 'totalCount'].every((f) => f in (t as { getFields(): object }).getFields()))
      .map((t) => t.name);
    expect(wrong).toEqual([]);
  });

  it('every type, field, argument and enum value has a description', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      // The root types are described by their fields (type-graphql gives them no description).
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});
