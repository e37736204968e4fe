import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { OverseasPublication } from './publication.entity.js';
import {
  DraftOverseasPublicationInput,
  DraftOverseasPublicationPayload,
  OverseasPublicationConnection,
  OverseasPublicationFilter,
  PublishOverseasPublicationInput,
  PublishOverseasPublicationPayload,
  UpdateOverseasPublicationInput,
  UpdateOverseasPublicationPayload,
} from './publication.inputs.js';
import { publicationService } from './publication.service.js';

@Resolver(() => OverseasPublication)
export class OverseasPublicationResolver {
  @Query(() => OverseasPublicationConnection, { description: '海外知识产权运营指南和国外知识产权环境报告（公开目录，D 四(二)三），新撰写的在前；按国家、类别和文字查找。撰写机构和国家局另见草稿和撤回的。' })
  async overseasPublications(
    @Ctx() ctx: Context,
    @Arg('filter', () => OverseasPublicationFilter, { nullable: true, description: '筛选。' }) filter: OverseasPublicationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return OverseasPublicationConnection.from(await publicationService.list(ctx, filter, args));
  }

  @Mutation(() => DraftOverseasPublicationPayload, { description: '撰写一份海外知识产权出版物（草稿）。' })
  async draftOverseasPublication(@Ctx() ctx: Context, @Arg('input', () => DraftOverseasPublicationInput, { description: '出版物。' }) input: DraftOverseasPublicationInput): Promise<DraftOverseasPublicationPayload> {
    return Object.assign(new DraftOverseasPublicationPayload(), { publication: await publicationService.draft(ctx, input) });
  }

  @Mutation(() => UpdateOverseasPublicationPayload, { description: '修改出版物的草稿。' })
  async updateOverseasPublication(@Ctx() ctx: Context, @Arg('input', () => UpdateOverseasPublicationInput, { description: '修改。' }) input: UpdateOverseasPublicationInput): Promise<UpdateOverseasPublicationPayload> {
    return Object.assign(new UpdateOverseasPublicationPayload(), { publication: await publicationService.update(ctx, input) });
  }

  @Mutation(() => PublishOverseasPublicationPayload, { description: '发布出版物（进入公开目录），或撤回已发布的（附理由）。' })
  async publishOverseasPublication(@Ctx() ctx: Context, @Arg('input', () => PublishOverseasPublicationInput, { description: '发布或撤回。' }) input: PublishOverseasPublicationInput): Promise<PublishOverseasPublicationPayload> {
    return Object.assign(new PublishOverseasPublicationPayload(), { publication: await publicationService.publish(ctx, input) });
  }

  @FieldResolver(() => String, { description: '撰写机构的名称（国家局自己的为“国家知识产权局”）。' })
  async publisherName(@Root() p: OverseasPublication, @Ctx() ctx: Context): Promise<string> {
    return p.organization ? ((await ctx.loaders.organization.byId.load(p.organization.id))?.name ?? '') : '国家知识产权局';
  }

  @FieldResolver(() => [StoredFile], { description: '附件（按文件的可见范围：已发布的登录即可读）。' })
  async attachments(@Root() p: OverseasPublication, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return (await ctx.loaders.file.visibleById.loadMany(p.attachmentIds)).filter((f): f is StoredFile => f instanceof StoredFile);
  }
}
