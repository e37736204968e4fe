import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { ReviewApplicationNationallyInput, ReviewApplicationNationallyPayload } from './national.inputs.js';
import { nationalService } from './national.service.js';

@Resolver()
export class NationalResolver {
  @Mutation(() => ReviewApplicationNationallyPayload, { description: '国家局评审（合格 / 不合格附意见）。' })
  async reviewApplicationNationally(
    @Ctx() ctx: Context,
    @Arg('input', () => ReviewApplicationNationallyInput, { description: '结论。' }) input: ReviewApplicationNationallyInput,
  ): Promise<ReviewApplicationNationallyPayload> {
    return Object.assign(new ReviewApplicationNationallyPayload(), { application: await nationalService.review(ctx, input) });
  }
}
