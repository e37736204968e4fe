/**
 * The provincial bureaus' duties (docs/permissions.md, docs/provincial.md): each provincial bureau
 * writes its own cultivation plan and annual summary; the national bureau reads every bureau's and
 * accepts or returns the summaries. Nobody else sees them.
 */
import { action, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { isNational, jurisdictionOf } from '../../common/viewer.policy.js';
import { reportVisibility } from '../reporting/reporting.policy.js';

export const provincialActions = {
  read: action({
    name: 'provincial.duties.read',
    description: '查看省局的培育工作总体方案和年度总结：国家局全部，省局本局的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只有国家局和省局可以查看培育工作方案和年度总结',
  }),
  writePlan: action<{ regionCode: string } | void>({
    name: 'provincial.plan.write',
    description: '起草、修改、发布本区域示范企业培育工作总体方案（D 三(三)1、五(一)）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只有省局可以制定本区域的培育工作总体方案',
  }),
  writeSummary: action<{ regionCode: string } | void>({
    name: 'provincial.summary.write',
    description: '编写并报送本局的示范企业培育工作年度总结（R15：每年 11 月底前）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只有省局可以编写和报送本局的年度总结',
  }),
  assess: action({
    name: 'provincial.assessment.write',
    description: '制定年度考核指标和权重，为各省局评分、记录与支持政策挂钩的结果，发布考核和排名（D 五(一)）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以考核省局',
  }),
  readAssessments: action({
    name: 'provincial.assessment.read',
    description: '查看考核：国家局全部；省局在发布后看本局的考核和排名',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只有国家局和省局可以查看考核',
  }),
  commend: action({
    name: 'provincial.commendation.write',
    description: '表扬表现突出的省局和示范企业，发布经验推广案例（D 五(一)）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以表扬和发布经验推广案例',
  }),
  reviewSummary: action({
    name: 'provincial.summary.review',
    description: '接收或退回省局报送的年度总结（接收后锁定）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以接收或退回年度总结',
  }),
};

/** Plans and summaries (alias with a bureau_code): the national bureau all, a provincial bureau its own. */
export const dutyVisibility = reportVisibility;

/** Assessments (alias): the national bureau all; a provincial bureau its own, once the year's are published. */
export const assessmentVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`(${trusted(alias)}.bureau_code = ${region} and ${trusted(alias)}.published)` : FALSE;
};

export const provincialPolicy: Policy = {
  actions: Object.values(provincialActions) as Action<never>[],
  visibility: {
    CultivationPlan: dutyVisibility,
    AnnualSummary: dutyVisibility,
    BureauAssessment: assessmentVisibility,
    // Commendations and experience cases are published for everyone.
    Commendation: () => null,
    ExperienceCase: () => null,
  },
};
