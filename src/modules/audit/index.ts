import type { AppModule } from '../../common/module.js';
import { AuditResolver } from './audit.resolver.js';

export { AuditEntry } from './audit-entry.entity.js';

export const auditModule: AppModule = { name: 'audit', resolvers: [AuditResolver], nodes: {} };
