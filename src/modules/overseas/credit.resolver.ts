import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/node.js';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { CreditRecord } from './credit.entity.js';
import { CreditRecordConnection, CreditRecordFilter, RecordCreditInput, RecordCreditPayload, RepairCreditInput, RepairCreditPayload } from './credit.inputs.js';
import { creditService } from './credit.service.js';

@Resolver(() => CreditRecord)
export class CreditRecordResolver {
  @Query(() => CreditRecordConnection, { description: '企业知识产权信用记录，新记录的在前：公示期内未修复的公开；企业本身、其所在辖区省局和国家局看全部。' })
  async creditRecords(
    @Ctx() ctx: Context,
    @Arg('filter', () => CreditRecordFilter, { nullable: true, description: '筛选。' }) filter: CreditRecordFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return CreditRecordConnection.from(await creditService.list(ctx, filter, args));
  }

  @Mutation(() => RecordCreditPayload, { description: '记录企业知识产权信用（诚信公示或失信记录）；属撤销称号情形的失信记录同时记为违规情形（三(四)），不必重复录入。' })
  async recordCredit(@Ctx() ctx: Context, @Arg('input', () => RecordCreditInput, { description: '信用记录。' }) input: RecordCreditInput): Promise<RecordCreditPayload> {
    return Object.assign(new RecordCreditPayload(), await creditService.record(ctx, input));
  }

  @Mutation(() => RepairCreditPayload, { description: '信用修复：失信记录自修复日起不再公示。' })
  async repairCredit(@Ctx() ctx: Context, @Arg('input', () => RepairCreditInput, { description: '修复。' }) input: RepairCreditInput): Promise<RepairCreditPayload> {
    return Object.assign(new RepairCreditPayload(), { creditRecord: await creditService.repair(ctx, input) });
  }

  @FieldResolver(() => String, { description: '企业名称。' })
  async enterpriseName(@Root() r: CreditRecord, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.service.enterpriseFacts.load(r.enterprise.id))?.name ?? '';
  }

  @FieldResolver(() => ID, { nullable: true, description: '同时记录的违规情形的全局 ID（有权查看违规情形的可用 node 查询，撤销称号时作为依据）。' })
  incidentId(@Root() r: CreditRecord): string | null {
    return r.incident ? toGlobalId('RevocationIncident', r.incident.id) : null;
  }
}
