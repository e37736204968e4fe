/**
 * The evaluation index system [D 三(一)2, 三(二)2]: the national bureau maintains the year's tables
 * A and B (public to read); the provincial bureau of the enterprise's jurisdiction checks an
 * application's self-assessment item by item and attests the backbone-enterprise condition [D 三(一)1].
 */
import { action, type Policy, type Visibility } from '../../common/policy.js';

/** The sheets are public: anyone may read the index system the scores are given against. */
export const sheetVisibility: Visibility = () => null;

/** An action checked twice: first whether the viewer's audience may do it at all, then on its object. */
type Maybe<T> = T | void;

export const evaluationActions = {
  saveSheet: action({
    name: 'evaluation.sheet.save',
    description: '录入或修改某年度《评价指标体系》的 A 表或 B 表（该年度已有申报提交后不可再改）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以维护评价指标体系',
  }),
  copySheets: action({
    name: 'evaluation.sheet.copy',
    description: '将某年度的评价表复制为另一年度的评价表',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以维护评价指标体系',
  }),
  /** Refused on an application of another jurisdiction: the service answers NOT_FOUND (R14: the bureau does not see it). */
  checkItems: action<Maybe<{ regionCode: string }>>({
    name: 'evaluation.items.check',
    description: '省局逐项核查本辖区申报的自评得分（调整须说明理由），并认定“国内骨干企业，行业影响力较强”（三(一)1、三(二)2）',
    scopes: { PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '申报的逐项核查由企业所在辖区的省局办理',
  }),
};

export const evaluationPolicy: Policy = {
  actions: Object.values(evaluationActions),
  visibility: { EvaluationSheet: sheetVisibility },
};
