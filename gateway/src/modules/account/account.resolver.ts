import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Public } from '../../graphql/access';
import type { AccountFailure } from './account.errors';
import { RegisterInput, LoginInput, ResetPasswordInput } from './account.inputs';
import { AppError, ErrorCode } from '../../common/errors';
import type { AccountProfile, AccountService, LoginResult } from './account.service';
import {
  DocumentTypeEnum,
  DocumentTypeOption,
  LoginResultType,
  RegisterResultType,
  ResetPasswordResultType,
  ViewerType,
} from './account.types';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './identity-document';
import { maskName } from './person-name';

function failureFields(result: AccountFailure) {
  return { ok: false, errorCode: result.errorCode, message: result.message, field: result.field ?? null };
}

/** The `Viewer` of a signed-in account: id and name at hand, the rest read when asked for (ViewerType.profile). */
export function viewerOf(ctx: RequestContext, accounts: AccountService, accountId: string, name: string): ViewerType {
  let profile: Promise<AccountProfile> | undefined;
  const readProfile = async () => {
    const found = await accounts.profile(ctx, accountId);
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, '账号不存在');
    return found;
  };
  return { id: accountId, maskedName: maskName(name), profile: () => (profile ??= readProfile()) };
}

@Resolver(() => ViewerType)
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

  private viewer(ctx: RequestContext, accountId: string, name: string): ViewerType {
    return viewerOf(ctx, this.accounts, accountId, name);
  }

  @FieldResolver(() => DocumentTypeEnum)
  async documentType(@Root() viewer: ViewerType): Promise<DocumentType> {
    return (await viewer.profile()).documentType;
  }

  @FieldResolver(() => String, { description: '证件号码 masked: 1101**********1234' })
  async maskedDocumentNumber(@Root() viewer: ViewerType): Promise<string> {
    return (await viewer.profile()).maskedDocumentNumber;
  }

  @FieldResolver(() => String, { description: '手机号 masked: 138****1234' })
  async maskedPhone(@Root() viewer: ViewerType): Promise<string> {
    return (await viewer.profile()).maskedPhone;
  }

  @Public('registration form options')
  @Query(() => [DocumentTypeOption], { description: '证件类型 accepted at registration' })
  documentTypes(): DocumentTypeOption[] {
    return (Object.keys(DOCUMENT_TYPE_LABELS) as DocumentType[]).map((value) => ({
      value,
      label: DOCUMENT_TYPE_LABELS[value],
    }));
  }

  @Public('the top bar asks on every page; null when nobody is signed in')
  @Query(() => ViewerType, { nullable: true, description: 'The signed-in candidate, or null' })
  me(@Ctx() ctx: RequestContext): ViewerType | null {
    return ctx.viewer && this.viewer(ctx, ctx.viewer.id, ctx.viewer.name);
  }

  @Public('注册: the caller has no account yet (SMS code required)')
  @Mutation(() => RegisterResultType, { description: '注册: creates the account and signs it in (session cookie)' })
  async register(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterInput) input: RegisterInput): Promise<RegisterResultType> {
    const result = await this.accounts.register(ctx, input);
    if (!result.ok) return { ...failureFields(result), unmetPasswordRules: result.unmetPasswordRules ?? null, viewer: null };
    return { ok: true, errorCode: null, message: '注册成功', field: null, unmetPasswordRules: null, viewer: this.viewer(ctx, result.accountId, result.name) };
  }

  @Public('登录: the caller is not signed in yet (captcha, lockout)')
  @Mutation(() => LoginResultType, { description: '登录 with 证件号码 or 手机号, password and 图片验证码' })
  async login(@Ctx() ctx: RequestContext, @Arg('input', () => LoginInput) input: LoginInput): Promise<LoginResultType> {
    const result: LoginResult = await this.accounts.login(ctx, input);
    if (!result.ok) {
      return { ...failureFields(result), lockedUntil: result.lockedUntil ?? null, remainingAttempts: result.remainingAttempts ?? null, viewer: null };
    }
    return {
      ok: true,
      errorCode: null,
      message: '登录成功',
      field: null,
      lockedUntil: null,
      remainingAttempts: null,
      viewer: this.viewer(ctx, result.accountId, result.name),
    };
  }

  @Public('signing out must work with an expired session too')
  @Mutation(() => Boolean, { description: '退出登录: ends this session; true even when there was none' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await this.accounts.logout(ctx);
    return true;
  }

  @Public('忘记密码: the caller cannot sign in (SMS code required)')
  @Mutation(() => ResetPasswordResultType, { description: '忘记密码 → 确认重置密码; signs out every session of the account' })
  async resetPassword(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ResetPasswordInput) input: ResetPasswordInput,
  ): Promise<ResetPasswordResultType> {
    const result = await this.accounts.resetPassword(ctx, input);
    if (!result.ok) return { ...failureFields(result), unmetPasswordRules: result.unmetPasswordRules ?? null };
    return { ok: true, errorCode: null, message: '密码重置成功,请使用新密码登录', field: null, unmetPasswordRules: null };
  }
}
