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

/** 实名认证 state: verified or not, and the latest attempt. */
export const MyRealNameQuery = graphql(`
  query MyRealName {
    myRealName {
      verified
      verifiedAt
      latest {
        id
        method
        status
        certifyUrl
        failureReason
        expiresAt
        provinceCode
        cityCode
        provinceName
        cityName
        documents {
          side
          uploadId
          url
        }
      }
    }
  }
`);

/** Polled while the 扫码 panel is open. */
export const RealNameVerificationQuery = graphql(`
  query RealNameVerification($id: ID!) {
    realNameVerification(id: $id) {
      id
      method
      status
      certifyUrl
      failureReason
      expiresAt
    }
  }
`);

/** 支付宝扫码认证: starts an attempt after the separate consent. */
export const StartAlipayRealNameMutation = graphql(`
  mutation StartAlipayRealName($consent: Boolean!) {
    startAlipayRealNameVerification(consent: $consent) {
      ok
      errorCode
      message
      field
      verification {
        id
        method
        status
        certifyUrl
        failureReason
        expiresAt
      }
    }
  }
`);

/** 信息采集: the saved profile (or what the 证件 gives), with the form's options. */
export const MyProfileQuery = graphql(`
  query MyProfile {
    myProfile {
      realNameVerified
      saved
      documentGender
      birthDate
      managementUnitCode
      updatedAt
      personalInfo {
        basic {
          gender
          ethnicity
          politicalStatus
          email
          mailingAddress
          postalCode
        }
        educations {
          level
          school
          major
          graduationDate
          certificateNumber
        }
        degrees {
          degree
          school
          major
          obtainedDate
          certificateNumber
        }
        work {
          employer
          employerNature
          position
          accountantTitleSince
          records {
            employer
            start
            end
            isAccounting
            partTimeWhileStudying
          }
          otherQualifications {
            field
            obtainedDate
            certificateNumber
          }
        }
      }
    }
    ethnicGroups
    managementUnits {
      code
      name
    }
  }
`);

/** 信息采集 保存. */
export const SaveProfileMutation = graphql(`
  mutation SaveProfile($input: ProfileInput!) {
    saveProfile(input: $input) {
      ok
      errorCode
      message
      field
      profile {
        saved
        updatedAt
      }
    }
  }
`);

/** 微信扫码登录: a new QR code (ticket) for this browser. */
export const CreateWeChatLoginTicketMutation = graphql(`
  mutation CreateWeChatLoginTicket {
    createWeChatLoginTicket {
      ok
      errorCode
      message
      ticket {
        ticketId
        qrContent
        expiresAt
        simulated
      }
    }
  }
`);

/** 微信扫码登录: polled; signs this browser in once a bound WeChat user confirmed. */
export const PollWeChatLoginMutation = graphql(`
  mutation PollWeChatLogin($ticketId: ID!) {
    pollWeChatLogin(ticketId: $ticketId) {
      ok
      errorCode
      message
      status
      viewer {
        id
        maskedName
      }
    }
  }
`);

/** 微信扫码登录 → 绑定已有账号. */
export const BindWeChatAndLoginMutation = graphql(`
  mutation BindWeChatAndLogin($input: WeChatBindInput!) {
    bindWeChatAndLogin(input: $input) {
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

/** 线上实名认证: 所在省市 choices. */
export const RealNameRegionsQuery = graphql(`
  query RealNameRegions {
    realNameRegions {
      code
      name
      cities {
        code
        name
      }
    }
  }
`);

/** 线上实名认证: permission to upload one 证件 image (the file then goes to uploadUrl with progress). */
export const RequestRealNameUploadTokenMutation = graphql(`
  mutation RequestRealNameUploadToken($side: RealNameDocumentSide!) {
    requestRealNameUploadToken(side: $side) {
      ok
      errorCode
      message
      uploadUrl
      maxBytes
    }
  }
`);

/** 线上实名认证 提交 / 重新提交. */
export const SubmitOnlineRealNameMutation = graphql(`
  mutation SubmitOnlineRealName($input: OnlineRealNameInput!) {
    submitOnlineRealNameVerification(input: $input) {
      ok
      errorCode
      message
      field
      verification {
        id
        method
        status
        certifyUrl
        failureReason
        expiresAt
        provinceCode
        cityCode
        provinceName
        cityName
        documents {
          side
          uploadId
          url
        }
      }
    }
  }
`);
