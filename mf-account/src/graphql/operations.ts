import { graphql } from './generated';

/** 证件类型 options of the 注册 and 找回密码 pages. */
export const DocumentTypesQuery = graphql(`
  query DocumentTypes {
    documentTypes {
      value
      label
    }
  }
`);

/** 免费获取验证码 (注册 or 确认重置密码). */
export const SendSmsCodeMutation = graphql(`
  mutation SendSmsCode($phone: String!, $purpose: SmsCodePurpose!) {
    sendSmsCode(phone: $phone, purpose: $purpose) {
      ok
      errorCode
      message
      field
      retryAfterSeconds
      expiresAt
    }
  }
`);

/** 注册: creates the account and signs it in. */
export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ok
      errorCode
      message
      field
      unmetPasswordRules
      viewer {
        id
        maskedName
      }
    }
  }
`);

/** 图片验证码 of the login form; every call issues a new one. */
export const CaptchaMutation = graphql(`
  mutation Captcha {
    captcha {
      id
      svg
      expiresAt
    }
  }
`);

/** 登录 with 证件号码 or 手机号. */
export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ok
      errorCode
      message
      field
      lockedUntil
      remainingAttempts
      viewer {
        id
        maskedName
      }
    }
  }
`);


/** 确认重置密码. */
export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      ok
      errorCode
      message
      field
      unmetPasswordRules
    }
  }
`);

/** 生僻字录入: by pinyin, radical + residual strokes, or code point. */
export const RareCharactersQuery = graphql(`
  query RareCharacters($query: String!, $first: Int) {
    rareCharacters(query: $query, first: $first) {
      char
      codePoint
      pinyin
      block
    }
  }
`);
