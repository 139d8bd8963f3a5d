import { describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { viewerOf } from './account.resolver';
import type { AccountProfile, AccountService } from './account.service';

const ctx = {} as RequestContext;
const PROFILE: AccountProfile = { documentType: 'RESIDENT_ID', maskedDocumentNumber: '1101**********123X', maskedPhone: '138****5678' };

function accountsWith(profile: AccountProfile | null) {
  const read = vi.fn(async (_ctx: RequestContext, _accountId: string) => profile);
  return { accounts: { profile: read } as unknown as AccountService, read };
}

describe('viewerOf', () => {
  it('answers id and masked name without reading the account (登录 asks for nothing else)', () => {
    const { accounts, read } = accountsWith(PROFILE);
    const viewer = viewerOf(ctx, accounts, 'account-1', '欧阳娜娜');
    expect({ id: viewer.id, maskedName: viewer.maskedName }).toEqual({ id: 'account-1', maskedName: '欧阳**' });
    expect(read).not.toHaveBeenCalled();
  });

  it('reads the account once however many of its fields a selection asks for', async () => {
    const { accounts, read } = accountsWith(PROFILE);
    const viewer = viewerOf(ctx, accounts, 'account-1', '张三');
    const [a, b, c] = await Promise.all([viewer.profile(), viewer.profile(), viewer.profile()]);
    expect([a, b, c]).toEqual([PROFILE, PROFILE, PROFILE]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith(ctx, 'account-1');
  });

  it('a removed account is NOT_FOUND, not a crash', async () => {
    const { accounts } = accountsWith(null);
    const failure = await viewerOf(ctx, accounts, 'gone', '张三').profile().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).extensions.code).toBe(ErrorCode.NOT_FOUND);
  });
});
