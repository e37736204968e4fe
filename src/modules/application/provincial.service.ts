import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { holdsTitleOn } from '../designation/designation.rules.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { query, sql, type Sql } from '../../common/sql.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { programmeService } from '../programme/programme.service.js';
import { Region } from '../region/region.entity.js';
import { ApplicationWindow } from './application-window.entity.js';
import { ApplicationRoute, ApplicationStatus, DemonstrationApplication } from './application.entity.js';
import { ProvincialDecision, type ReviewApplicationByProvinceInput, type SaveRecommendationPackageInput } from './provincial.inputs.js';
import { RecommendationPackage } from './recommendation-package.entity.js';
import { assertGoodStanding, describeUnmet, scoreConditions, scoresOf } from './eligibility.js';
import { assertCheckedForRecommendation } from '../evaluation/assessment.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { applicationActions, ownJurisdictionFor } from './application.policy.js';

const REVIEW_FIELDS = ['status', 'provincialRejectionReason', 'recommendationRank'] as const;
const PLAN_FIELDS = ['goals', 'workPlan', 'organization', 'policySupport', 'funding', 'supervision'] as const;

/** Enterprises of a jurisdiction holding an advantage designation valid on `date`. */
async function validAdvantageEnterprises(em: EntityManager, regionCode: string, date: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    em,
    sql`select count(*)::int as n from enterprise e where e.region_code = ${regionCode} and ${holdsTitleOn('e.id', date, [DesignationLevel.ADVANTAGE])}`,
  );
  return row?.n ?? 0;
}

/** Applications (alias `a`) of the jurisdiction's enterprises recommended for the year. */
function recommendedOf(regionCode: string, year: number): Sql {
  return sql`a.year = ${year} and a.status = ${ApplicationStatus.RECOMMENDED}
    and exists (select 1 from enterprise re where re.id = a.enterprise_id and re.region_code = ${regionCode})`;
}

async function recommendedCount(em: EntityManager, regionCode: string, year: number): Promise<number> {
  const [row] = await query<{ n: number }>(em, sql`select count(*)::int as n from demonstration_application a where ${recommendedOf(regionCode, year)}`);
  return row?.n ?? 0;
}

export const provincialService = {
  /** R5 [D 三(二)2]: at most 10 % (a setting) of the jurisdiction's valid advantage enterprises, rounded down. */
  async quota(ctx: Context, regionCode: string, year: number, em: EntityManager = ctx.em) {
    if (!ctx.reference.region(regionCode)) throw badInput([{ field: 'regionCode', message: '未知的省级辖区' }]);
    assertMay(ctx, applicationActions.readQuota, { regionCode });
    const settings = await programmeService.settings(em);
    const valid = await validAdvantageEnterprises(em, regionCode, ctx.clock.today());
    const quota = Math.floor((valid * settings.recommendationQuotaPercent) / 100);
    const used = await recommendedCount(em, regionCode, year);
    return { regionCode, year, validAdvantageEnterprises: valid, percent: settings.recommendationQuotaPercent, quota, used, remaining: Math.max(0, quota - used) };
  },

  async savePackage(ctx: Context, input: SaveRecommendationPackageInput): Promise<RecommendationPackage> {
    const regionCode = ownJurisdictionFor(ctx, applicationActions.savePackage);
    const letterId = expectGlobalId(input.letterFileId, 'StoredFile', 'letterFileId');
    const problems = new InputProblems();
    for (const field of PLAN_FIELDS) {
      const value = input[field].trim();
      if (value.length < 1 || value.length > 20_000) problems.add(field, '应为 1–20000 字');
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const letter = await em.findOne(StoredFile, letterId);
      if (!letter || letter.regionCode !== regionCode) throw badInput([{ field: 'letterFileId', message: '未找到本局上传的该文件' }]);
      let pkg = await em.findOne(RecommendationPackage, { region: regionCode, year: input.year });
      const before = pkg ? snapshot(pkg, [...PLAN_FIELDS, 'letterFileId']) : null;
      if (pkg) {
        if (input.version == null || input.version !== pkg.version) throw conflict('推荐材料已被修改，请刷新后重试', { field: 'version', currentVersion: pkg.version });
      } else {
        pkg = em.create(RecommendationPackage, {
          region: em.getReference(Region, regionCode, { wrapped: true }),
          year: input.year,
          goals: '',
          workPlan: '',
          organization: '',
          policySupport: '',
          funding: '',
          supervision: '',
        });
      }
      for (const field of PLAN_FIELDS) pkg[field] = input[field].trim();
      pkg.letterFileId = letterId;
      recordAudit(em, ctx, { operation: 'saveRecommendationPackage', objectType: 'RecommendationPackage', objectId: pkg.id, jurisdiction: regionCode, changes: changedFields(before, snapshot(pkg, [...PLAN_FIELDS, 'letterFileId']), [...PLAN_FIELDS, 'letterFileId']) });
      await flushOrConflict(em, {
        duplicate: () => conflict('本年度推荐材料已由他人同时提交，请刷新后修改'),
        stale: () => conflict('推荐材料已被修改，请刷新后重试', { field: 'version' }),
      });
      return pkg;
    });
  },

  /** Reorders the jurisdiction's recommended list for a year; the list given must be exactly the recommended applications. */
  async rank(ctx: Context, year: number, applicationIds: string[]): Promise<DemonstrationApplication[]> {
    const regionCode = ownJurisdictionFor(ctx, applicationActions.rank);
    const keys = applicationIds.map((id, i) => expectGlobalId(id, 'DemonstrationApplication', `applicationIds.${i}`));
    if (new Set(keys).size !== keys.length) throw badInput([{ field: 'applicationIds', message: '有重复的申报' }]);
    return transaction(ctx.em, async (em) => {
      await advisoryLock(em, `recommend:${regionCode}:${year}`);
      const rows = await query<{ id: string }>(em, sql`select a.id from demonstration_application a where ${recommendedOf(regionCode, year)}`);
      const recommended = new Set(rows.map((r) => r.id));
      if (recommended.size !== keys.length || keys.some((k) => !recommended.has(k))) {
        throw badInput([{ field: 'applicationIds', message: `应恰好列出本辖区 ${year} 年度全部 ${recommended.size} 项已推荐的申报` }]);
      }
      const apps = await em.find(DemonstrationApplication, { id: { $in: keys } });
      const ordered = keys.map((k) => apps.find((a) => a.id === k)!);
      const before = Object.fromEntries(ordered.map((a) => [a.id, a.recommendationRank]));
      ordered.forEach((a, i) => (a.recommendationRank = i + 1));
      recordAudit(em, ctx, {
        operation: 'rankRecommendations',
        objectType: 'RecommendationList',
        objectId: `${regionCode}:${year}`,
        jurisdiction: regionCode,
        changes: { ranks: { before, after: Object.fromEntries(ordered.map((a) => [a.id, a.recommendationRank])) } },
      });
      await em.flush();
      return ordered;
    });
  },

  /**
   * The provincial review [D 三(二)2]: the jurisdiction's admin (a separately planned city and the
   * XPCC are their own jurisdictions, R14) rejects with a reason or recommends, within the window
   * (R4) and the quota (R5). Recommendations of one jurisdiction and year are serialised by an
   * advisory lock, so two admins recommending at the same moment cannot exceed the quota.
   */
  async review(ctx: Context, input: ReviewApplicationByProvinceInput): Promise<DemonstrationApplication> {
    assertMay(ctx, applicationActions.reviewByProvince);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'DemonstrationApplication', 'id');
    const reason = input.reason?.trim() ?? '';
    if (input.decision === ProvincialDecision.REJECT && (reason.length < 1 || reason.length > 2000)) throw badInput([{ field: 'reason', message: '不予推荐须说明理由（1–2000 字）' }]);
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const application = await em.findOne(DemonstrationApplication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!application) throw notFound('申报', input.id);
      const enterprise = await em.findOneOrFail(Enterprise, application.enterprise.id);
      const regionCode = enterprise.region.unwrap().code;
      // R14: only the bureau of the enterprise's own jurisdiction; others do not see the application.
      if (!may(ctx.viewer, applicationActions.reviewByProvince, { regionCode })) throw notFound('申报', input.id);
      if (application.route !== ApplicationRoute.PROVINCIAL) throw ruleViolation('R3', '直接向专利管理司申报的不经省局推荐', { paragraph: '三(二)3' });
      if (application.status !== ApplicationStatus.SUBMITTED) throw conflict('只能审核已提交、尚未审核的申报', { status: application.status });
      if (application.version !== input.version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      const before = snapshot(application, REVIEW_FIELDS);
      if (input.decision === ProvincialDecision.RECOMMEND) {
        const window = await em.findOne(ApplicationWindow, application.year);
        if (!window || today < window.opensOn || today > window.closesOn) {
          throw ruleViolation('R4', window ? `推荐须在 ${window.closesOn} 前完成（三(二)2：每年 7 月底前）` : `${application.year} 年度受理期尚未发布`, {
            paragraph: '三(二)2',
            ...(window ? { opensOn: window.opensOn, closesOn: window.closesOn } : {}),
          });
        }
        const pkg = await em.findOne(RecommendationPackage, { region: regionCode, year: application.year });
        if (!pkg || !pkg.letterFileId) {
          throw ruleViolation('PACKAGE_MISSING', '推荐前须提交本年度的推荐函和本区域培育工作总体方案（三(三)1）', { paragraph: '三(三)1' });
        }
        // R12/R13 again: an incident or ban recorded since submission stops the recommendation.
        const settings = await programmeService.settings(em);
        await assertGoodStanding(em, '不能推荐', [{ enterpriseId: enterprise.id, label: enterprise.name }], today, settings);
        // D 三(二)2, 三(一)1: in a year with evaluation sheets, the items checked and the backbone condition attested first.
        await assertCheckedForRecommendation(em, application);
        // R1 on the checked totals once the bureau has checked the items (the enterprise's were checked at submission).
        if (application.checkedAt) {
          const r1 = scoreConditions(scoresOf(application), settings);
          if (r1.length) throw ruleViolation('R1', `不能推荐：${r1[0]!.message}`, { paragraph: '三(一)2', unmet: r1.map(describeUnmet) });
        }
        await advisoryLock(em, `recommend:${regionCode}:${application.year}`);
        const quota = await provincialService.quota(ctx, regionCode, application.year, em);
        if (quota.used >= quota.quota) {
          throw ruleViolation('R5', `推荐名额已用完：本辖区有效优势企业 ${quota.validAdvantageEnterprises} 家，名额 ${quota.quota}（${quota.percent}%，向下取整），已推荐 ${quota.used}`, {
            paragraph: '三(二)2',
            quota: quota.quota,
            used: quota.used,
          });
        }
        application.status = ApplicationStatus.RECOMMENDED;
        application.recommendationRank = quota.used + 1;
      } else {
        application.status = ApplicationStatus.REJECTED_BY_PROVINCE;
        application.provincialRejectionReason = reason;
      }
      application.provincialReviewedAt = ctx.clock.now();
      application.provincialReviewer = v.username;
      recordAudit(em, ctx, {
        operation: 'reviewApplicationByProvince',
        objectType: 'DemonstrationApplication',
        objectId: application.id,
        jurisdiction: regionCode,
        changes: changedFields(before, snapshot(application, REVIEW_FIELDS), REVIEW_FIELDS),
      });
      await em.flush();
      return application;
    });
  },
};
