import type { Policy, Visibility } from '../../common/policy.js';
import { action } from '../../common/policy.js';
import { FALSE, sql, trusted } from '../../common/sql.js';
import { isNational, jurisdictionOf } from '../../common/viewer.policy.js';

/** Audit entries (alias `a`): all for the national admin, those about its jurisdiction for a provincial admin. */
export const auditEntryVisibility: Visibility = (viewer, _today, alias) => {
  if (isNational(viewer)) return null;
  const region = jurisdictionOf(viewer);
  return region ? sql`${trusted(alias)}.jurisdiction = ${region}` : FALSE;
};

export const auditActions = {
  read: action({
    name: 'audit.read',
    description: '查看审计日志（谁在何时修改了什么）',
    scopes: { NATIONAL_ADMIN: 'all', PROVINCIAL_ADMIN: 'jurisdiction' },
    refusal: '无权查看审计日志',
  }),
};

export const auditPolicy: Policy = {
  actions: Object.values(auditActions),
  visibility: { AuditEntry: auditEntryVisibility },
};
