import type { RequestContext } from '../../graphql/context';

/**
 * 实名认证 gate for registration. Verification itself (Alipay, or the manual 线上实名认证 review) is not
 * built yet: until it is, an account counts as verified exactly when
 * `candidate_account.real_name_verified_at` is set, which nothing in the product sets today (tests
 * and operators do). Replace the body, not the callers, when verification arrives.
 */
export async function isRealNameVerified(ctx: RequestContext, accountId: string): Promise<boolean> {
  const [row] = await ctx.em.execute<Array<{ verified: boolean }>>(
    `select real_name_verified_at is not null as verified from candidate_account where id = ?`,
    [accountId],
  );
  return row?.verified === true;
}
