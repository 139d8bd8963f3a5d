import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { OpsAuthService } from './ops-auth.service';
import { OpsLoginResultType, OpsPrincipalType } from './ops.types';

function principalType(p: { id: string; username: string; roles: OpsPrincipalType['roles']; unitCodes: string[] }): OpsPrincipalType {
  return { id: p.id, username: p.username, roles: p.roles, unitCodes: p.unitCodes };
}

@Resolver()
export class OpsResolver {
  constructor(private readonly opsAuth: OpsAuthService) {}

  @Public('the ops sign-in form: whoever signs in is not signed in yet')
  @Mutation(() => OpsLoginResultType, { description: 'Ops sign-in (explorer): sets the ccap_ops_sid session cookie' })
  async opsLogin(
    @Ctx() ctx: RequestContext,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Arg('totp', () => String, { description: '6-digit code of the authenticator app' }) totp: string,
  ): Promise<OpsLoginResultType> {
    const result = await this.opsAuth.login(ctx, { username, password, totp });
    if (!result.ok) {
      return {
        ok: false,
        errorCode: result.errorCode,
        message: result.message,
        lockedUntil: result.lockedUntil ?? null,
        remainingAttempts: result.remainingAttempts ?? null,
        principal: null,
      };
    }
    return { ok: true, errorCode: null, message: '登录成功', lockedUntil: null, remainingAttempts: null, principal: principalType(result.principal) };
  }

  @Public('signing out must work with an expired session too; without one it only clears the cookie')
  @Mutation(() => Boolean, { description: 'Ends this ops session; true even when there was none' })
  async opsLogout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await this.opsAuth.logout(ctx);
    return true;
  }

  @Public('tells the explorer whether to show the sign-in form; null for everyone but ops staff')
  @Query(() => OpsPrincipalType, { nullable: true, description: 'The signed-in ops staff member, or null' })
  opsMe(@Ctx() ctx: RequestContext): OpsPrincipalType | null {
    return ctx.ops && principalType(ctx.ops);
  }
}
