import { describe, expect, it } from 'vitest';
import { checkOpsPasswordStrength } from './ops-password-policy';

describe('checkOpsPasswordStrength', () => {
  it('asks for 12 code points where candidates need 8', () => {
    expect(checkOpsPasswordStrength('Kuaiji#2026', 'admin')).toEqual({ ok: false, message: '密码不能少于12位' });
    expect(checkOpsPasswordStrength('Kuaiji#20261', 'admin')).toEqual({ ok: true });
  });

  it('keeps the candidates’ class rule and refuses the username inside the password', () => {
    expect(checkOpsPasswordStrength('kuaijikuaiji2026', 'admin')).toMatchObject({ ok: false, message: expect.stringContaining('至少三类') });
    expect(checkOpsPasswordStrength('Reviewer-BJ#2026', 'reviewer-bj')).toEqual({ ok: false, message: '密码不能包含用户名' });
  });

  it('reports every unmet rule at once', () => {
    const result = checkOpsPasswordStrength('admin', 'admin');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.split(';')).toHaveLength(3);
  });
});
