import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditEntryConnection, AuditLogFilter } from './audit.inputs.js';
import { auditService } from './audit.service.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: '审计日志，最新的在前：国家局看全部，省局看本辖区对象的记录。' })
  async auditLog(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: '筛选。' }) filter?: AuditLogFilter | null,
  ) {
    return AuditEntryConnection.from(await auditService.log(ctx, args, filter));
  }
}
