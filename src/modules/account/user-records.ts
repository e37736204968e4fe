/**
 * What both halves of the account module (authentication and user administration) need of an
 * account: where its scope lies (for the policy's facts and the audit log), and the audit entry of
 * a change to it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import type { UserFacts } from './account.policy.js';
import type { User } from './user.entity.js';

/** The fields of a user that the audit log follows (the password hash only as changed). */
const USER_AUDIT_FIELDS = ['username', 'displayName', 'role', 'region', 'enterprise', 'organization', 'person', 'phone', 'email', 'disabled', 'passwordHash'] as const;

/** The jurisdiction a user's scope lies in (also for a user not yet stored); the rule of userJurisdiction in account.policy.ts. */
export async function jurisdictionOfUser(em: EntityManager, user: User): Promise<string | null> {
  if (user.region) return user.region.unwrap().code;
  if (user.enterprise) return (await em.findOneOrFail(Enterprise, user.enterprise.id)).region.unwrap().code;
  if (user.organization) return (await em.findOneOrFail(ServiceOrganization, user.organization.id)).region?.unwrap().code ?? null;
  return null;
}

/** The facts of a user for the account actions. */
export async function factsOfUser(em: EntityManager, user: User): Promise<UserFacts> {
  return { userId: user.id, role: user.role, regionCode: await jurisdictionOfUser(em, user) };
}

/** The fields of a user before a change, for auditUserChange. */
export function userSnapshot(user: User): Record<string, unknown> {
  return snapshot(user, USER_AUDIT_FIELDS);
}

/** Records the audit entry of `operation` on `user` (`before`: its userSnapshot before the change; null when created). */
export async function auditUserChange(em: EntityManager, ctx: Context, operation: string, user: User, before: Record<string, unknown> | null): Promise<void> {
  recordAudit(em, ctx, {
    operation,
    objectType: 'User',
    objectId: user.id,
    jurisdiction: await jurisdictionOfUser(em, user),
    changes: changedFields(before, userSnapshot(user), USER_AUDIT_FIELDS),
  });
}
