/**
 * What statistics count of overseas protection (docs/reporting.md, docs/overseas.md): protection
 * cases by country, channel, type and status (public counts), their response times in business
 * hours and their missed deadlines; observer reports by country; consulting requests by topic;
 * credit records by kind.
 */
import { enumDomain, type ReportingContribution } from '../../common/reporting.js';
import { sql } from '../../common/sql.js';
import { placeDimensions } from '../enterprise/enterprise.reporting.js';
import { CaseChannel, CaseStatus, CaseType, CaseUrgency } from './case.entity.js';
import { ConsultingTopic } from './consultation.entity.js';
import { CreditRecordKind } from './credit.entity.js';
import { isCountry } from './workstation.service.js';

const NAMES = new Intl.DisplayNames(['zh'], { type: 'region', fallback: 'none' });
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Every ISO 3166-1 alpha-2 country the runtime knows, with its Chinese name, by code. */
const COUNTRIES = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b)).filter(isCountry).map((value) => ({ value, label: NAMES.of(value) ?? value }));

export const overseasReporting: ReportingContribution = {
  dimensions: [
    { name: 'COUNTRY', label: '国家（地区）', public: true, domain: { kind: 'enum', values: COUNTRIES } },
    { name: 'CASE_CHANNEL', label: '维权案件渠道', public: true, domain: enumDomain(CaseChannel) },
    { name: 'CASE_TYPE', label: '维权案件类型', public: true, domain: enumDomain(CaseType) },
    { name: 'CASE_STATUS', label: '维权案件状态', public: true, domain: enumDomain(CaseStatus) },
    { name: 'CASE_URGENCY', label: '维权案件紧急程度', public: false, domain: enumDomain(CaseUrgency) },
    { name: 'CONSULTING_TOPIC', label: '海外专家咨询内容', public: false, domain: enumDomain(ConsultingTopic) },
    { name: 'CREDIT_KIND', label: '信用记录类别', public: false, domain: enumDomain(CreditRecordKind) },
  ],
  facts: [
    {
      name: 'protectionCase',
      label: '维权案件',
      // One first-response and one resolution deadline per case (never more rows than cases).
      from: sql`protection_case pc left join enterprise pce on pce.id = pc.enterprise_id
        left join protection_case_deadline pcf on pcf.protection_case_id = pc.id and pcf.clock = 'FIRST_RESPONSE'
        left join protection_case_deadline pcr on pcr.protection_case_id = pc.id and pcr.clock = 'RESOLUTION'`,
      alias: 'pc',
      visibleAs: 'ProtectionCase',
      // The public sees counts of every case (never one case: small cells are suppressed).
      publicScope: () => null,
      dimensions: {
        ...placeDimensions('pce'),
        COUNTRY: () => sql`pc.country_code`,
        CASE_CHANNEL: () => sql`pc.channel`,
        CASE_TYPE: () => sql`pc.type`,
        CASE_STATUS: () => sql`pc.status`,
        CASE_URGENCY: () => sql`pc.urgency`,
      },
      time: { expression: () => sql`pc.received_at`, type: 'timestamptz', label: '接收时间' },
    },
    {
      name: 'observerReport',
      label: '观察报告',
      from: sql`observer_report orp join overseas_observer oro on oro.id = orp.observer_id left join enterprise ore on ore.id = oro.enterprise_id`,
      alias: 'orp',
      visibleAs: 'ObserverReport',
      dimensions: { ...placeDimensions('ore'), COUNTRY: () => sql`orp.country_code` },
      time: { expression: () => sql`orp.reported_on`, type: 'date', label: '报送日期' },
    },
    {
      name: 'overseasConsultation',
      label: '海外专家咨询请求',
      from: sql`overseas_consultation oc left join enterprise oce on oce.id = oc.enterprise_id`,
      alias: 'oc',
      visibleAs: 'OverseasConsultation',
      dimensions: { ...placeDimensions('oce'), CONSULTING_TOPIC: () => sql`oc.topic` },
      time: { expression: () => sql`oc.created_at`, type: 'timestamptz', label: '提出时间' },
    },
    {
      name: 'creditRecord',
      label: '信用记录',
      from: sql`credit_record cr left join enterprise cre on cre.id = cr.enterprise_id`,
      alias: 'cr',
      visibleAs: 'CreditRecord',
      dimensions: { ...placeDimensions('cre'), CREDIT_KIND: () => sql`cr.kind` },
      time: { expression: () => sql`cr.decided_on`, type: 'date', label: '决定日期' },
    },
  ],
  measures: [
    { name: 'PROTECTION_CASES', label: '维权案件数', fact: 'protectionCase', aggregate: () => sql`count(*)`, additive: true, public: true, unit: '件' },
    { name: 'PROTECTION_CASES_CLOSED', label: '已结案的维权案件数', fact: 'protectionCase', aggregate: () => sql`count(*) filter (where pc.status = 'CLOSED')`, additive: true, public: true, unit: '件' },
    {
      name: 'CASE_DEADLINE_BREACHES',
      label: '有时限超期的维权案件数（超期后完成，或截至统计日零时超期未完成）',
      fact: 'protectionCase',
      // As of the start of the as-of day in China (statistics are as of a date, not an instant).
      aggregate: (c) =>
        sql`count(*) filter (where exists (select 1 from protection_case_deadline d where d.protection_case_id = pc.id
          and d.due_at < coalesce(d.met_at, (${c.asOf}::date)::timestamp at time zone 'Asia/Shanghai')))`,
      additive: true,
      public: false,
      unit: '件',
    },
    {
      name: 'CASE_FIRST_RESPONSE_HOURS',
      label: '平均首次响应用时（工作小时，已响应的）',
      fact: 'protectionCase',
      aggregate: () => sql`(avg(pcf.met_business_hours))::float8`,
      additive: false,
      public: false,
      unit: '工作小时',
    },
    {
      name: 'CASE_RESOLUTION_HOURS',
      label: '平均结案用时（工作小时，已结案的）',
      fact: 'protectionCase',
      aggregate: () => sql`(avg(pcr.met_business_hours))::float8`,
      additive: false,
      public: false,
      unit: '工作小时',
    },
    { name: 'OBSERVER_REPORTS', label: '观察报告数', fact: 'observerReport', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '份' },
    { name: 'OVERSEAS_CONSULTATIONS', label: '海外专家咨询请求数', fact: 'overseasConsultation', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '件' },
    { name: 'OVERSEAS_CONSULTATIONS_ANSWERED', label: '已答复的海外专家咨询请求数', fact: 'overseasConsultation', aggregate: () => sql`count(*) filter (where oc.status = 'ANSWERED')`, additive: true, public: false, unit: '件' },
    { name: 'CREDIT_RECORDS', label: '信用记录数', fact: 'creditRecord', aggregate: () => sql`count(*)`, additive: true, public: false, unit: '条' },
  ],
};
