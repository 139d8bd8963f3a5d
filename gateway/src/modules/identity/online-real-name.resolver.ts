import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow, Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { IdentityErrorCode } from './identity.errors';
import { IDENTITY_MESSAGES } from './identity.errors';
import type { IdentityService } from './identity.service';
import {
  RealNameProvinceType,
  RealNameReviewDecisionResultType,
  RealNameReviewDetailType,
  RealNameReviewPageType,
  RealNameUploadTokenResultType,
  StartRealNameVerificationResultType,
} from './identity.types';
import { OnlineRealNameInput, RealNameReviewFilter } from './online-real-name.inputs';
import type { OnlineRealNameService, ReviewDecision } from './online-real-name.service';
import { RealNameDocumentSide } from './real-name-documents';
import { PROVINCES } from './real-name-regions';

function decisionView(decision: ReviewDecision): RealNameReviewDecisionResultType {
  if (decision.ok) return { verificationId: decision.verificationId, ok: true, errorCode: null, message: '审核完成', status: decision.status };
  return { verificationId: decision.verificationId, ok: false, errorCode: decision.errorCode, message: decision.message, status: null };
}

/** 线上实名认证: the candidate's upload and submission, and the reviewers' queue. */
@Resolver()
export class OnlineRealNameResolver {
  constructor(
    private readonly online: OnlineRealNameService,
    private readonly identity: IdentityService,
  ) {}

  @Public('所在省市 choices of 线上实名认证: the public GB/T 2260 division list')
  @Query(() => [RealNameProvinceType], { description: '所在省市 of 线上实名认证: provinces and their cities' })
  realNameRegions(): RealNameProvinceType[] {
    return PROVINCES as RealNameProvinceType[];
  }

  @Allow('CANDIDATE')
  @Mutation(() => RealNameUploadTokenResultType, {
    description: '线上实名认证: permission to POST one 证件 image to uploadUrl (refused once verified or while a submission waits)',
  })
  async requestRealNameUploadToken(
    @Ctx() ctx: RequestContext,
    @Arg('side', () => RealNameDocumentSide) side: RealNameDocumentSide,
  ): Promise<RealNameUploadTokenResultType> {
    const outcome = await this.online.requestUploadToken(ctx, side);
    if (!outcome.ok) return { ok: false, errorCode: outcome.errorCode as IdentityErrorCode, message: outcome.message, uploadUrl: null, expiresAt: null, maxBytes: null };
    return { ok: true, errorCode: null, message: '请上传文件', uploadUrl: outcome.uploadUrl, expiresAt: outcome.expiresAt, maxBytes: outcome.maxBytes };
  }

  @Allow('CANDIDATE')
  @Mutation(() => StartRealNameVerificationResultType, {
    description: '线上实名认证 提交 (and 重新提交 after 审核未通过): the three images and 所在省市 go to the reviewers of the unit (待审核)',
  })
  async submitOnlineRealNameVerification(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OnlineRealNameInput) input: OnlineRealNameInput,
  ): Promise<StartRealNameVerificationResultType> {
    const outcome = await this.online.submit(ctx, input);
    if (!outcome.ok) return { ok: false, errorCode: outcome.errorCode, message: outcome.message, field: outcome.field ?? null, verification: null };
    return { ok: true, errorCode: null, message: IDENTITY_MESSAGES.SUBMITTED, field: null, verification: await this.identity.verification(ctx, outcome.verificationId) };
  }

  @Allow('REVIEWER')
  @Query(() => RealNameReviewPageType, { description: '线上实名认证 submissions of your units, oldest first (keyset pages; default 待审核)' })
  realNameReviews(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RealNameReviewFilter, { nullable: true }) filter: RealNameReviewFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<RealNameReviewPageType> {
    return this.online.list(ctx, filter ?? {}, first, after);
  }

  @Allow('REVIEWER')
  @Query(() => RealNameReviewDetailType, { description: 'One submission with the unmasked 证件号码 and the images (audited)' })
  realNameReview(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RealNameReviewDetailType> {
    return this.online.detail(ctx, id);
  }

  @Allow('REVIEWER')
  @Mutation(() => RealNameReviewDecisionResultType, { description: '实名认证 审核通过: the candidate is verified (信息采集 opens)' })
  async approveRealNameVerification(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RealNameReviewDecisionResultType> {
    return decisionView((await this.online.approve(ctx, [id]))[0]!);
  }

  @Allow('REVIEWER')
  @Mutation(() => RealNameReviewDecisionResultType, { description: '实名认证 审核未通过, with the reason the candidate will see (2–500 characters)' })
  async rejectRealNameVerification(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<RealNameReviewDecisionResultType> {
    return decisionView((await this.online.reject(ctx, [id], reason))[0]!);
  }

  @Allow('REVIEWER')
  @Mutation(() => [RealNameReviewDecisionResultType], { description: '批量审核通过 (at most 100): one result per submission, each decided on its own' })
  async approveRealNameVerifications(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID]) ids: string[]): Promise<RealNameReviewDecisionResultType[]> {
    return (await this.online.approve(ctx, ids)).map(decisionView);
  }

  @Allow('REVIEWER')
  @Mutation(() => [RealNameReviewDecisionResultType], { description: '批量审核未通过 with one reason' })
  async rejectRealNameVerifications(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('reason', () => String) reason: string,
  ): Promise<RealNameReviewDecisionResultType[]> {
    return (await this.online.reject(ctx, ids, reason)).map(decisionView);
  }
}
