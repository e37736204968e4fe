/**
 * Reporting (docs/permissions.md): who may ask for figures. Which rows a figure counts is not
 * decided here but by the visibility rule of the type each fact's rows are listed as, so that a
 * viewer's totals are the totals of what it can list.
 */
import { action, type Action, type Policy, type Visibility } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { isNational, jurisdictionOf } from '../../common/viewer.policy.js';
import { NATIONAL_BUREAU } from '../liaison/liaison.policy.js';

export const reportingActions = {
  statistics: action({
    name: 'reporting.statistics.read',
    description: '分组统计（statistics）：在本人可见的行上计算，与列表的可见范围相同（国家局全部，省局本辖区及公开部分，企业本企业，机构本机构，专家本人）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own', EXPERT: 'self' },
    refusal: '请登录后查看统计；公众可查看公开统计（publicStatistics）',
  }),
  publicStatistics: action({
    name: 'reporting.publicStatistics.read',
    description: '公开统计（publicStatistics）：公开指标按公开维度的合计数，涉及单位少于阈值的格子及其关联格子不公布',
    scopes: { ANONYMOUS: 'public', EXPERT: 'public', SERVICE_PROVIDER: 'public', ENTERPRISE_USER: 'public', PROVINCIAL_ADMIN: 'public', NATIONAL_ADMIN: 'public' },
    refusal: '无权查看公开统计',
  }),
  readReports: action({
    name: 'reporting.report.read',
    description: '查看保存的统计报表和定稿：国家局全部，省局本局的',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只有国家局和省局有统计报表',
  }),
  /** The bureau's own reports: save, change, freeze (the national bureau its own too: a snapshot is counted under the saver's visibility). */
  writeReports: action<{ regionCode: string } | void>({
    name: 'reporting.report.write',
    description: '保存、修改统计报表并定稿（本局的报表；数字按本局的可见范围计算）',
    scopes: { NATIONAL_ADMIN: 'own', PROVINCIAL_ADMIN: 'jurisdiction' },
    allows: (viewer, target, scope) => !target || (scope === 'own' ? isNational(viewer) && target.regionCode === NATIONAL_BUREAU : jurisdictionOf(viewer) === target.regionCode),
    refusal: '只能修改本局的统计报表',
  }),
  /** Exports of what the viewer can see (statistics, snapshots, lists); the file is the owner's alone. */
  exportData: action({
    name: 'reporting.export.create',
    description: '导出本人可见的统计结果、报表定稿和列表（CSV、XLSX）；导出文件只有本人能下载',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction', ENTERPRISE_USER: 'own', SERVICE_PROVIDER: 'own', EXPERT: 'self' },
    refusal: '请登录后导出',
  }),
  /** A jurisdiction's own figures beside the nation's, without small-count suppression. */
  unsuppressedOwnFigures: action<{ regionCode: string }>({
    name: 'reporting.ownFigures.unsuppressed',
    description: '与全国对比时看到不经小数保护的辖区数字：国家局全部辖区，省局本辖区',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '只能看到本辖区不经小数保护的数字',
  }),
};

/** Saved reports and snapshots (alias with a bureau_code): all for the national bureau, its own for a provincial bureau, none for anyone else. */
export const reportVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`${trusted(alias)}.bureau_code = ${region}` : FALSE;
};

/** Export jobs (alias): the owner's only, whoever else asks (the national bureau included). */
export const exportVisibility: Visibility = (viewer, _today, alias) => (viewer.kind === 'USER' ? sql`${trusted(alias)}.owner_id = ${viewer.userId}::uuid` : FALSE);

export const reportingPolicy: Policy = {
  actions: Object.values(reportingActions) as Action<never>[],
  visibility: { Report: reportVisibility, ReportSnapshot: reportVisibility, ExportJob: exportVisibility },
};
