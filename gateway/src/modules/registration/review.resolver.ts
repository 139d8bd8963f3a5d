import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { ApplicationReadService } from './application-read.service';
import type { ApplicationReviewService, ReviewDecision } from './application-review.service';
import { ReviewApplicationsFilter } from './registration.inputs';
import { ReviewApplicationDetailType, ReviewApplicationPageType, ReviewDecisionResultType } from './registration.types';

function decisionView(decision: ReviewDecision): ReviewDecisionResultType {
  if (decision.ok) return { applicationId: decision.applicationId, ok: true, errorCode: null, message: '审核完成', field: null, status: decision.status };
  return { applicationId: decision.applicationId, ok: false, errorCode: decision.errorCode, message: decision.message, field: decision.field ?? null, status: null };
}

/** 审核 for reviewers, scoped to the units they cover (admins: all). */
@Resolver()
export class ReviewResolver {
  constructor(
    private readonly review: ApplicationReviewService,
    private readonly reads: ApplicationReadService,
  ) {}

  @Query(() => ReviewApplicationPageType, { description: 'Submitted applications of your units, oldest submission first (keyset pages)' })
  @Allow('REVIEWER')
  async reviewApplications(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReviewApplicationsFilter, { nullable: true }) filter: ReviewApplicationsFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ReviewApplicationPageType> {
    const page = await this.review.list(ctx, filter ?? {}, first, after);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({ ...row, unit: { id: row.unitId, code: row.unitCode, name: row.unitName } })),
    };
  }

  @Query(() => ReviewApplicationDetailType, { description: 'One application with the unmasked identity of the applicant' })
  @Allow('REVIEWER')
  async reviewApplication(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ReviewApplicationDetailType> {
    await this.review.requireReviewable(ctx, applicationId);
    const [application, candidate] = await Promise.all([this.reads.byId(ctx, applicationId), this.review.candidateOf(ctx, applicationId)]);
    return { application, candidate };
  }

  @Mutation(() => ReviewDecisionResultType, { description: '审核通过' })
  @Allow('REVIEWER')
  async approveApplication(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ReviewDecisionResultType> {
    await this.review.requireReviewable(ctx, applicationId);
    const [decision] = await this.review.approve(ctx, [applicationId]);
    return decisionView(decision!);
  }

  @Mutation(() => ReviewDecisionResultType, { description: '审核不通过, with the reason the candidate will see' })
  @Allow('REVIEWER')
  async rejectApplication(
    @Ctx() ctx: RequestContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<ReviewDecisionResultType> {
    await this.review.requireReviewable(ctx, applicationId);
    const [decision] = await this.review.reject(ctx, [applicationId], reason);
    return decisionView(decision!);
  }

  @Mutation(() => [ReviewDecisionResultType], { description: '批量审核通过: one result per application, each decided on its own' })
  @Allow('REVIEWER')
  async approveApplications(
    @Ctx() ctx: RequestContext,
    @Arg('applicationIds', () => [ID]) applicationIds: string[],
  ): Promise<ReviewDecisionResultType[]> {
    return (await this.review.approve(ctx, applicationIds)).map(decisionView);
  }

  @Mutation(() => [ReviewDecisionResultType], { description: '批量审核不通过 with one reason' })
  @Allow('REVIEWER')
  async rejectApplications(
    @Ctx() ctx: RequestContext,
    @Arg('applicationIds', () => [ID]) applicationIds: string[],
    @Arg('reason', () => String) reason: string,
  ): Promise<ReviewDecisionResultType[]> {
    return (await this.review.reject(ctx, applicationIds, reason)).map(decisionView);
  }
}
