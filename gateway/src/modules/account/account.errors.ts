import { registerEnumType } from 'type-graphql';

/**
 * Expected failures of the account area (注册, 登录, 找回密码, 验证码). They are returned in the
 * mutation's result as `errorCode` + Chinese `message`, never thrown.
 */
export enum AccountErrorCode {
  ID_NUMBER_FORMAT = 'ID_NUMBER_FORMAT',
  ID_NUMBER_REGION = 'ID_NUMBER_REGION',
  ID_NUMBER_BIRTH_DATE = 'ID_NUMBER_BIRTH_DATE',
  ID_NUMBER_CHECK_DIGIT = 'ID_NUMBER_CHECK_DIGIT',
  DOCUMENT_NUMBER_FORMAT = 'DOCUMENT_NUMBER_FORMAT',
  NATIONALITY_CODE = 'NATIONALITY_CODE',
  NAME_LENGTH = 'NAME_LENGTH',
  NAME_CHARACTERS = 'NAME_CHARACTERS',
  PASSWORD_WEAK = 'PASSWORD_WEAK',
  PASSWORD_MISMATCH = 'PASSWORD_MISMATCH',
  PHONE_FORMAT = 'PHONE_FORMAT',
  SMS_TOO_FREQUENT = 'SMS_TOO_FREQUENT',
  SMS_SEND_FAILED = 'SMS_SEND_FAILED',
  SMS_CODE_INVALID = 'SMS_CODE_INVALID',
  SMS_CODE_EXPIRED = 'SMS_CODE_EXPIRED',
  CAPTCHA_INVALID = 'CAPTCHA_INVALID',
  DOCUMENT_ALREADY_REGISTERED = 'DOCUMENT_ALREADY_REGISTERED',
  PHONE_ALREADY_REGISTERED = 'PHONE_ALREADY_REGISTERED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  CLIENT_LOCKED = 'CLIENT_LOCKED',
  RESET_DETAILS_MISMATCH = 'RESET_DETAILS_MISMATCH',
  WECHAT_UNAVAILABLE = 'WECHAT_UNAVAILABLE',
  WECHAT_TICKET_NOT_FOUND = 'WECHAT_TICKET_NOT_FOUND',
  WECHAT_TICKET_EXPIRED = 'WECHAT_TICKET_EXPIRED',
  WECHAT_TICKET_USED = 'WECHAT_TICKET_USED',
  WECHAT_TICKET_OTHER_BROWSER = 'WECHAT_TICKET_OTHER_BROWSER',
  WECHAT_NOT_CONFIRMED = 'WECHAT_NOT_CONFIRMED',
  WECHAT_ALREADY_BOUND = 'WECHAT_ALREADY_BOUND',
}

registerEnumType(AccountErrorCode, {
  name: 'AccountErrorCode',
  description: 'Why an account operation (register, login, reset password, codes) did not succeed',
});

/** A failure as services return it; `field` names the form input it belongs to, when there is one. */
export interface AccountFailure {
  ok: false;
  errorCode: AccountErrorCode;
  message: string;
  field?: string;
}

export function accountFailure(errorCode: AccountErrorCode, message: string, field?: string): AccountFailure {
  return { ok: false, errorCode, message, ...(field ? { field } : {}) };
}

export const ACCOUNT_MESSAGES = {
  PASSWORD_MISMATCH: '两次输入的密码不一致',
  NATIONALITY_REQUIRED: '请选择国籍',
  SMS_CODE_INVALID: '短信验证码不正确',
  SMS_CODE_ATTEMPTS_EXHAUSTED: '短信验证码错误次数过多,已失效,请重新获取',
  SMS_CODE_EXPIRED: '短信验证码已失效,请重新获取',
  SMS_SEND_FAILED: '短信发送失败,请稍后重试',
  CAPTCHA_INVALID: '图片验证码不正确或已过期,请刷新后重新输入',
  DOCUMENT_ALREADY_REGISTERED: '该证件号码已注册,请直接登录;如忘记密码,请使用“忘记密码”找回',
  PHONE_ALREADY_REGISTERED: '该手机号已被其他账号注册,请更换手机号',
  RESET_DETAILS_MISMATCH: '填写的信息与注册信息不一致,请核对后重新输入',
  WECHAT_UNAVAILABLE: '微信扫码登录暂不可用,请使用账号密码登录',
  WECHAT_TICKET_NOT_FOUND: '二维码无效,请刷新二维码后重新扫码',
  WECHAT_TICKET_EXPIRED: '二维码已过期,请刷新二维码后重新扫码',
  WECHAT_TICKET_USED: '二维码已使用,请刷新二维码后重新扫码',
  WECHAT_TICKET_OTHER_BROWSER: '该二维码不是在当前浏览器中生成的,请刷新二维码后重新扫码',
  WECHAT_NOT_CONFIRMED: '请先在手机微信上确认登录',
  WECHAT_ALREADY_BOUND: '该账号已绑定其他微信,或该微信已绑定其他账号',
} as const;
