import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Bureau } from '../region/bureau.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ContactRecord } from './contact.entity.js';
import { ContactRecordConnection, ContactRecordFilter, RecordContactInput, RecordContactPayload, UpdateContactInput, UpdateContactPayload } from './contact.inputs.js';
import { contactService } from './contact.service.js';
import { canReadInternalNote } from './liaison.policy.js';
import { enterpriseOfRecord } from './liaison.resolver.js';

@Resolver(() => ContactRecord)
export class ContactRecordResolver {
  @Query(() => ContactRecordConnection, { description: '知识产权局与企业的联系记录（联系日期新的在前）：省局本辖区的，国家局全部，企业与本企业的。' })
  async contactRecords(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ContactRecordFilter, { nullable: true, description: '筛选条件。' }) filter?: ContactRecordFilter | null,
  ) {
    return ContactRecordConnection.from(await contactService.list(ctx, filter, args));
  }

  @Mutation(() => RecordContactPayload, { description: '记录与企业的一次联系（省局本辖区企业，国家局任何企业；重大事项联系仅国家局，须有议定事项）。' })
  async recordContact(@Ctx() ctx: Context, @Arg('input', () => RecordContactInput, { description: '联系。' }) input: RecordContactInput): Promise<RecordContactPayload> {
    return Object.assign(new RecordContactPayload(), { contact: await contactService.record(ctx, input) });
  }

  @Mutation(() => UpdateContactPayload, { description: '修改本局记录的联系（例如标记跟进事项完成）；只修改给出的字段。' })
  async updateContact(@Ctx() ctx: Context, @Arg('input', () => UpdateContactInput, { description: '修改。' }) input: UpdateContactInput): Promise<UpdateContactPayload> {
    return Object.assign(new UpdateContactPayload(), { contact: await contactService.update(ctx, input) });
  }

  @FieldResolver(() => Enterprise, { description: '联系的企业。' })
  enterprise(@Root() c: ContactRecord, @Ctx() ctx: Context): Promise<Enterprise> {
    return enterpriseOfRecord(ctx, c);
  }

  @FieldResolver(() => Bureau, { description: '记录联系的知识产权局。' })
  bureau(@Root() c: ContactRecord, @Ctx() ctx: Context): Bureau {
    return ctx.reference.bureau(c.bureauCode)!;
  }

  @FieldResolver(() => String, { nullable: true, description: '内部备注：仅知识产权局可见，企业为 null。' })
  internalNote(@Root() c: ContactRecord, @Ctx() ctx: Context): string | null {
    return canReadInternalNote(ctx.viewer) ? (c.internalNote ?? null) : null;
  }
}
