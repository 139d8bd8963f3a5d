import type { RequestContext } from '../../graphql/context';

/**
 * 实名认证 gate for registration: an account counts as verified exactly when
 * `candidate_account.real_name_verified_at` is set, which modules/identity does when a 支付宝扫码认证
 * succeeds (IdentityService.handleCallback). 线上实名认证 (manual review) will set the same column.
 */
export async function isRealNameVerified(ctx: RequestContext, accountId: string): Promise<boolean> {
  const [row] = await ctx.em.execute<Array<{ verified: boolean }>>(
    `select real_name_verified_at is not null as verified from candidate_account where id = ?`,
    [accountId],
  );
  return row?.verified === true;
}
