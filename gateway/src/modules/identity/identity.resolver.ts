import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Allow } from '../../graphql/access';
import type { IdentityService } from './identity.service';
import { RealNameStateType, RealNameVerificationType, StartRealNameVerificationResultType } from './identity.types';

@Resolver()
export class IdentityResolver {
  constructor(private readonly identity: IdentityService) {}

  @Allow('CANDIDATE')
  @Query(() => RealNameStateType, { description: '实名认证: whether the signed-in candidate is verified, and their latest attempt' })
  myRealName(@Ctx() ctx: RequestContext): Promise<RealNameStateType> {
    return this.identity.state(ctx);
  }

  @Allow('CANDIDATE')
  @Query(() => RealNameVerificationType, { nullable: true, description: 'One attempt of the signed-in candidate (polled while 扫码); null for others' })
  realNameVerification(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RealNameVerificationType | null> {
    return this.identity.verification(ctx, id);
  }

  @Allow('CANDIDATE')
  @Mutation(() => StartRealNameVerificationResultType, {
    description: '支付宝扫码认证: starts an attempt; `consent` is the separate consent to send name and 证件号码 to the provider (must be true)',
  })
  async startAlipayRealNameVerification(
    @Ctx() ctx: RequestContext,
    @Arg('consent', () => Boolean) consent: boolean,
  ): Promise<StartRealNameVerificationResultType> {
    const result = await this.identity.startAlipay(ctx, consent);
    if (!result.ok) return { ok: false, errorCode: result.errorCode, message: result.message, field: result.field ?? null, verification: null };
    return { ok: true, errorCode: null, message: '请使用支付宝扫码完成认证', field: null, verification: result.verification };
  }
}
