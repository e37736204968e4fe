import { defineModule, type LoaderContext } from '../../common/module.js';
import { AuditResolver } from './audit.resolver.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { auditEntryVisibility, auditPolicy } from './audit.policy.js';
import { AuditEntry } from './audit-entry.entity.js';
import { createHistoryLoader } from './history.js';

export { AuditEntry } from './audit-entry.entity.js';

function createAuditLoaders({ em }: LoaderContext) {
  return { historyByObject: createHistoryLoader(em) };
}

export const auditModule = defineModule({
  name: 'audit',
  entities: [AuditEntry],
  createLoaders: createAuditLoaders,
  resolvers: [AuditResolver],
  nodes: { AuditEntry: fetchVisibleByIds(AuditEntry, 'a', auditEntryVisibility) },
  policy: auditPolicy,
});

declare module '../../common/module.js' {
  interface ModuleLoaders {
    audit: ReturnType<typeof createAuditLoaders>;
  }
}
