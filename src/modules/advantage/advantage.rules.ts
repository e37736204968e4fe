/**
 * The rules of the advantage programme that more than one step applies: the application conditions
 * (A1, A3, R12/R13), the batch lookup with its lock, A3 and good standing at the steps that
 * designate, and the new title itself.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ruleViolation } from '../../common/errors.js';
import { advisoryLock } from '../../common/transaction.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { ProgrammeSettings } from '../programme/programme-settings.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from '../designation/designation.entity.js';
import { lastDayOfYears } from '../designation/designation.rules.js';
import { assertGoodStanding, describeUnmet, standingProblems, UnmetCondition } from '../application/eligibility.js';
import { AdvantageBatch, StandardPath, type AdvantageApplication } from './advantage.entity.js';

/** The fields of an advantage application its history records. */
export const ADVANTAGE_APPLICATION_FIELDS = ['status', 'formContent', 'workPlan', 'standardPath', 'implementationPlan', 'scoreA', 'scoreB', 'indicators', 'checkedScoreA', 'checkedScoreB', 'attachmentIds', 'provincialComments', 'nationalComments', 'designationId', 'noticeId'] as const;

/**
 * What stands between an enterprise and an advantage application on `asOf` [A 四(二), D 三(四)]:
 * `A1` GB/T 29490 certification (or, when implementing, a plan), `A3` a title it already holds
 * (a cultivation period or a demonstration title in force), and R12/R13 as for demonstration.
 */
export async function unmetAdvantageConditions(
  em: EntityManager,
  enterprise: Enterprise,
  asOf: string,
  application: Pick<AdvantageApplication, 'standardPath' | 'implementationPlan'> | null,
  settings: ProgrammeSettings,
): Promise<UnmetCondition[]> {
  const unmet: UnmetCondition[] = [];
  const add = (rule: string, paragraph: string, message: string, date: string | null = null) => unmet.push(Object.assign(new UnmetCondition(), { rule, paragraph, message, date }));
  const path = application?.standardPath ?? null;
  if (path === StandardPath.CERTIFIED && !(enterprise.standardCertifiedOn && enterprise.standardCertifiedOn <= asOf)) {
    add('A1', '优势 四(二)', '企业资料中没有《企业知识产权管理规范》（GB/T 29490）认证日期：已认证的请先在企业资料中填写，正在贯标的请选择“正在贯标”并附实施计划');
  }
  if (path === StandardPath.IMPLEMENTING && !application?.implementationPlan?.trim()) add('A1', '优势 四(二)', '正在贯标的须附贯标实施计划');
  if (!path) add('A1', '优势 四(二)', '须说明贯标情况：已通过 GB/T 29490 认证，或正在贯标并附实施计划');
  const titles = await em.find(Designation, { enterprise: enterprise.id });
  const held = titles.find((d) => d.isValidOn(asOf));
  if (held) {
    add('A3', '优势 一', held.level === DesignationLevel.ADVANTAGE ? `正处于优势企业培育期（至 ${held.validUntil}）` : `已是有效的国家知识产权示范企业（至 ${held.validUntil}）`, held.validUntil);
  }
  unmet.push(...((await standingProblems(em, [enterprise.id], asOf, settings)).get(enterprise.id) ?? []));
  return unmet;
}

export function refuseUnmet(unmet: UnmetCondition[]): never {
  throw ruleViolation(unmet[0]!.rule, `不满足优势企业申报条件：${unmet.map((u) => `${u.rule} ${u.message}`).join('；')}`, { unmet: unmet.map(describeUnmet) });
}

/** The batch of a jurisdiction and year, or null. */
export function batchOf(em: EntityManager, regionCode: string, year: number, lock: 'update' | 'share' | false = false): Promise<AdvantageBatch | null> {
  const lockMode = lock === 'update' ? LockMode.PESSIMISTIC_WRITE : lock === 'share' ? LockMode.PESSIMISTIC_READ : undefined;
  return em.findOne(AdvantageBatch, { regionCode, year }, lockMode ? { lockMode } : {});
}

/**
 * A3 at the step that designates: no title (advantage or demonstration) valid on `dates` for any of
 * the enterprises; one advisory lock per enterprise, so two designating steps cannot both give it one.
 */
export async function assertNoTitleHeld(em: EntityManager, step: string, subjects: readonly { enterpriseId: string; label: string; key?: Record<string, unknown> }[], dates: readonly string[]): Promise<void> {
  for (const id of [...new Set(subjects.map((x) => x.enterpriseId))].sort()) await advisoryLock(em, `designate:${id}`);
  const titles = subjects.length ? await em.find(Designation, { enterprise: { $in: subjects.map((x) => x.enterpriseId) } }) : [];
  const holding = subjects
    .map((x) => ({ ...x, held: titles.find((d) => d.enterprise.id === x.enterpriseId && dates.some((date) => d.isValidOn(date))) }))
    .filter((x) => x.held);
  if (!holding.length) return;
  const describe = (d: Designation) => `已持有有效的${d.level === DesignationLevel.ADVANTAGE ? '优势企业' : '示范企业'}认定（至 ${d.validUntil}）`;
  throw ruleViolation('A3', `${step}：${holding.map((x) => `${x.label}${describe(x.held!)}`).join('；')}`, {
    paragraph: '优势 一',
    subjects: holding.map((x) => ({ ...x.key, unmet: [{ rule: 'A3', paragraph: '优势 一', message: describe(x.held!), date: x.held!.validUntil }] })),
  });
}

/** R12/R13 on the designation date and today (a back-dated designation must not miss an incident recorded since). */
export async function assertStandingThrough(em: EntityManager, step: string, subjects: Parameters<typeof assertGoodStanding>[2], dates: readonly string[], settings: ProgrammeSettings): Promise<void> {
  for (const date of [...new Set(dates)]) await assertGoodStanding(em, step, subjects, date, settings);
}

export function newDesignation(em: EntityManager, enterpriseId: string, year: number, from: string, settings: ProgrammeSettings): Designation {
  return em.create(Designation, {
    enterprise: enterpriseId,
    level: DesignationLevel.ADVANTAGE,
    status: DesignationStatus.ACTIVE,
    batchYear: year,
    validFrom: from,
    validUntil: lastDayOfYears(from, settings.advantageCultivationYears),
  } as never) as Designation;
}
