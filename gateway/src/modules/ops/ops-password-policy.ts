import { checkPasswordStrength, PASSWORD_MAX_LENGTH } from '../account/password-policy';

/**
 * Ops staff can unmask personal data of millions of candidates, so their passwords are longer than
 * candidates' (12 code points instead of 8); the class and length rules are the candidates' own.
 */
export const OPS_PASSWORD_MIN_LENGTH = 12;

export type OpsPasswordCheck = { ok: true } | { ok: false; message: string };

export function checkOpsPasswordStrength(password: string, username: string): OpsPasswordCheck {
  const problems: string[] = [];
  if (Array.from(password).length < OPS_PASSWORD_MIN_LENGTH) problems.push(`密码不能少于${OPS_PASSWORD_MIN_LENGTH}位`);
  const shared = checkPasswordStrength(password);
  if (!shared.ok) {
    // LENGTH is the candidates' minimum of 8: the stricter message above already says it.
    if (shared.unmet.includes('TOO_LONG')) problems.push(`密码不能超过${PASSWORD_MAX_LENGTH}位`);
    if (shared.unmet.includes('CLASSES')) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems.length === 0 ? { ok: true } : { ok: false, message: problems.join(';') };
}
