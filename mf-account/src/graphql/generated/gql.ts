/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DocumentTypes {\n    documentTypes {\n      value\n      label\n    }\n  }\n": typeof types.DocumentTypesDocument,
    "\n  mutation SendSmsCode($phone: String!, $purpose: SmsCodePurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ok\n      errorCode\n      message\n      field\n      retryAfterSeconds\n      expiresAt\n    }\n  }\n": typeof types.SendSmsCodeDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Captcha {\n    captcha {\n      id\n      svg\n      expiresAt\n    }\n  }\n": typeof types.CaptchaDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query RareCharacters($query: String!, $first: Int) {\n    rareCharacters(query: $query, first: $first) {\n      char\n      codePoint\n      pinyin\n      block\n    }\n  }\n": typeof types.RareCharactersDocument,
    "\n  query MyRealName {\n    myRealName {\n      verified\n      verifiedAt\n      latest {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n": typeof types.MyRealNameDocument,
    "\n  query RealNameVerification($id: ID!) {\n    realNameVerification(id: $id) {\n      id\n      method\n      status\n      certifyUrl\n      failureReason\n      expiresAt\n    }\n  }\n": typeof types.RealNameVerificationDocument,
    "\n  mutation StartAlipayRealName($consent: Boolean!) {\n    startAlipayRealNameVerification(consent: $consent) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n      }\n    }\n  }\n": typeof types.StartAlipayRealNameDocument,
    "\n  query MyProfile {\n    myProfile {\n      realNameVerified\n      saved\n      documentGender\n      birthDate\n      managementUnitCode\n      updatedAt\n      personalInfo {\n        basic {\n          gender\n          ethnicity\n          politicalStatus\n          email\n          mailingAddress\n          postalCode\n        }\n        educations {\n          level\n          school\n          major\n          graduationDate\n          certificateNumber\n        }\n        degrees {\n          degree\n          school\n          major\n          obtainedDate\n          certificateNumber\n        }\n        work {\n          employer\n          employerNature\n          position\n          accountantTitleSince\n          records {\n            employer\n            start\n            end\n            isAccounting\n            partTimeWhileStudying\n          }\n          otherQualifications {\n            field\n            obtainedDate\n            certificateNumber\n          }\n        }\n      }\n    }\n    ethnicGroups\n    managementUnits {\n      code\n      name\n    }\n  }\n": typeof types.MyProfileDocument,
    "\n  mutation SaveProfile($input: ProfileInput!) {\n    saveProfile(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      profile {\n        saved\n        updatedAt\n      }\n    }\n  }\n": typeof types.SaveProfileDocument,
    "\n  mutation CreateWeChatLoginTicket {\n    createWeChatLoginTicket {\n      ok\n      errorCode\n      message\n      ticket {\n        ticketId\n        qrContent\n        expiresAt\n        simulated\n      }\n    }\n  }\n": typeof types.CreateWeChatLoginTicketDocument,
    "\n  mutation PollWeChatLogin($ticketId: ID!) {\n    pollWeChatLogin(ticketId: $ticketId) {\n      ok\n      errorCode\n      message\n      status\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": typeof types.PollWeChatLoginDocument,
    "\n  mutation BindWeChatAndLogin($input: WeChatBindInput!) {\n    bindWeChatAndLogin(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": typeof types.BindWeChatAndLoginDocument,
    "\n  query RealNameRegions {\n    realNameRegions {\n      code\n      name\n      cities {\n        code\n        name\n      }\n    }\n  }\n": typeof types.RealNameRegionsDocument,
    "\n  mutation RequestRealNameUploadToken($side: RealNameDocumentSide!) {\n    requestRealNameUploadToken(side: $side) {\n      ok\n      errorCode\n      message\n      uploadUrl\n      maxBytes\n    }\n  }\n": typeof types.RequestRealNameUploadTokenDocument,
    "\n  mutation SubmitOnlineRealName($input: OnlineRealNameInput!) {\n    submitOnlineRealNameVerification(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n": typeof types.SubmitOnlineRealNameDocument,
};
const documents: Documents = {
    "\n  query DocumentTypes {\n    documentTypes {\n      value\n      label\n    }\n  }\n": types.DocumentTypesDocument,
    "\n  mutation SendSmsCode($phone: String!, $purpose: SmsCodePurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ok\n      errorCode\n      message\n      field\n      retryAfterSeconds\n      expiresAt\n    }\n  }\n": types.SendSmsCodeDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Captcha {\n    captcha {\n      id\n      svg\n      expiresAt\n    }\n  }\n": types.CaptchaDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  query RareCharacters($query: String!, $first: Int) {\n    rareCharacters(query: $query, first: $first) {\n      char\n      codePoint\n      pinyin\n      block\n    }\n  }\n": types.RareCharactersDocument,
    "\n  query MyRealName {\n    myRealName {\n      verified\n      verifiedAt\n      latest {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n": types.MyRealNameDocument,
    "\n  query RealNameVerification($id: ID!) {\n    realNameVerification(id: $id) {\n      id\n      method\n      status\n      certifyUrl\n      failureReason\n      expiresAt\n    }\n  }\n": types.RealNameVerificationDocument,
    "\n  mutation StartAlipayRealName($consent: Boolean!) {\n    startAlipayRealNameVerification(consent: $consent) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n      }\n    }\n  }\n": types.StartAlipayRealNameDocument,
    "\n  query MyProfile {\n    myProfile {\n      realNameVerified\n      saved\n      documentGender\n      birthDate\n      managementUnitCode\n      updatedAt\n      personalInfo {\n        basic {\n          gender\n          ethnicity\n          politicalStatus\n          email\n          mailingAddress\n          postalCode\n        }\n        educations {\n          level\n          school\n          major\n          graduationDate\n          certificateNumber\n        }\n        degrees {\n          degree\n          school\n          major\n          obtainedDate\n          certificateNumber\n        }\n        work {\n          employer\n          employerNature\n          position\n          accountantTitleSince\n          records {\n            employer\n            start\n            end\n            isAccounting\n            partTimeWhileStudying\n          }\n          otherQualifications {\n            field\n            obtainedDate\n            certificateNumber\n          }\n        }\n      }\n    }\n    ethnicGroups\n    managementUnits {\n      code\n      name\n    }\n  }\n": types.MyProfileDocument,
    "\n  mutation SaveProfile($input: ProfileInput!) {\n    saveProfile(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      profile {\n        saved\n        updatedAt\n      }\n    }\n  }\n": types.SaveProfileDocument,
    "\n  mutation CreateWeChatLoginTicket {\n    createWeChatLoginTicket {\n      ok\n      errorCode\n      message\n      ticket {\n        ticketId\n        qrContent\n        expiresAt\n        simulated\n      }\n    }\n  }\n": types.CreateWeChatLoginTicketDocument,
    "\n  mutation PollWeChatLogin($ticketId: ID!) {\n    pollWeChatLogin(ticketId: $ticketId) {\n      ok\n      errorCode\n      message\n      status\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": types.PollWeChatLoginDocument,
    "\n  mutation BindWeChatAndLogin($input: WeChatBindInput!) {\n    bindWeChatAndLogin(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n": types.BindWeChatAndLoginDocument,
    "\n  query RealNameRegions {\n    realNameRegions {\n      code\n      name\n      cities {\n        code\n        name\n      }\n    }\n  }\n": types.RealNameRegionsDocument,
    "\n  mutation RequestRealNameUploadToken($side: RealNameDocumentSide!) {\n    requestRealNameUploadToken(side: $side) {\n      ok\n      errorCode\n      message\n      uploadUrl\n      maxBytes\n    }\n  }\n": types.RequestRealNameUploadTokenDocument,
    "\n  mutation SubmitOnlineRealName($input: OnlineRealNameInput!) {\n    submitOnlineRealNameVerification(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n": types.SubmitOnlineRealNameDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentTypes {\n    documentTypes {\n      value\n      label\n    }\n  }\n"): (typeof documents)["\n  query DocumentTypes {\n    documentTypes {\n      value\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendSmsCode($phone: String!, $purpose: SmsCodePurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ok\n      errorCode\n      message\n      field\n      retryAfterSeconds\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation SendSmsCode($phone: String!, $purpose: SmsCodePurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ok\n      errorCode\n      message\n      field\n      retryAfterSeconds\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Captcha {\n    captcha {\n      id\n      svg\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Captcha {\n    captcha {\n      id\n      svg\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      unmetPasswordRules\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RareCharacters($query: String!, $first: Int) {\n    rareCharacters(query: $query, first: $first) {\n      char\n      codePoint\n      pinyin\n      block\n    }\n  }\n"): (typeof documents)["\n  query RareCharacters($query: String!, $first: Int) {\n    rareCharacters(query: $query, first: $first) {\n      char\n      codePoint\n      pinyin\n      block\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRealName {\n    myRealName {\n      verified\n      verifiedAt\n      latest {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyRealName {\n    myRealName {\n      verified\n      verifiedAt\n      latest {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealNameVerification($id: ID!) {\n    realNameVerification(id: $id) {\n      id\n      method\n      status\n      certifyUrl\n      failureReason\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query RealNameVerification($id: ID!) {\n    realNameVerification(id: $id) {\n      id\n      method\n      status\n      certifyUrl\n      failureReason\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartAlipayRealName($consent: Boolean!) {\n    startAlipayRealNameVerification(consent: $consent) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartAlipayRealName($consent: Boolean!) {\n    startAlipayRealNameVerification(consent: $consent) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProfile {\n    myProfile {\n      realNameVerified\n      saved\n      documentGender\n      birthDate\n      managementUnitCode\n      updatedAt\n      personalInfo {\n        basic {\n          gender\n          ethnicity\n          politicalStatus\n          email\n          mailingAddress\n          postalCode\n        }\n        educations {\n          level\n          school\n          major\n          graduationDate\n          certificateNumber\n        }\n        degrees {\n          degree\n          school\n          major\n          obtainedDate\n          certificateNumber\n        }\n        work {\n          employer\n          employerNature\n          position\n          accountantTitleSince\n          records {\n            employer\n            start\n            end\n            isAccounting\n            partTimeWhileStudying\n          }\n          otherQualifications {\n            field\n            obtainedDate\n            certificateNumber\n          }\n        }\n      }\n    }\n    ethnicGroups\n    managementUnits {\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query MyProfile {\n    myProfile {\n      realNameVerified\n      saved\n      documentGender\n      birthDate\n      managementUnitCode\n      updatedAt\n      personalInfo {\n        basic {\n          gender\n          ethnicity\n          politicalStatus\n          email\n          mailingAddress\n          postalCode\n        }\n        educations {\n          level\n          school\n          major\n          graduationDate\n          certificateNumber\n        }\n        degrees {\n          degree\n          school\n          major\n          obtainedDate\n          certificateNumber\n        }\n        work {\n          employer\n          employerNature\n          position\n          accountantTitleSince\n          records {\n            employer\n            start\n            end\n            isAccounting\n            partTimeWhileStudying\n          }\n          otherQualifications {\n            field\n            obtainedDate\n            certificateNumber\n          }\n        }\n      }\n    }\n    ethnicGroups\n    managementUnits {\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveProfile($input: ProfileInput!) {\n    saveProfile(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      profile {\n        saved\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveProfile($input: ProfileInput!) {\n    saveProfile(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      profile {\n        saved\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWeChatLoginTicket {\n    createWeChatLoginTicket {\n      ok\n      errorCode\n      message\n      ticket {\n        ticketId\n        qrContent\n        expiresAt\n        simulated\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWeChatLoginTicket {\n    createWeChatLoginTicket {\n      ok\n      errorCode\n      message\n      ticket {\n        ticketId\n        qrContent\n        expiresAt\n        simulated\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PollWeChatLogin($ticketId: ID!) {\n    pollWeChatLogin(ticketId: $ticketId) {\n      ok\n      errorCode\n      message\n      status\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PollWeChatLogin($ticketId: ID!) {\n    pollWeChatLogin(ticketId: $ticketId) {\n      ok\n      errorCode\n      message\n      status\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BindWeChatAndLogin($input: WeChatBindInput!) {\n    bindWeChatAndLogin(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BindWeChatAndLogin($input: WeChatBindInput!) {\n    bindWeChatAndLogin(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      lockedUntil\n      remainingAttempts\n      viewer {\n        id\n        maskedName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealNameRegions {\n    realNameRegions {\n      code\n      name\n      cities {\n        code\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RealNameRegions {\n    realNameRegions {\n      code\n      name\n      cities {\n        code\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestRealNameUploadToken($side: RealNameDocumentSide!) {\n    requestRealNameUploadToken(side: $side) {\n      ok\n      errorCode\n      message\n      uploadUrl\n      maxBytes\n    }\n  }\n"): (typeof documents)["\n  mutation RequestRealNameUploadToken($side: RealNameDocumentSide!) {\n    requestRealNameUploadToken(side: $side) {\n      ok\n      errorCode\n      message\n      uploadUrl\n      maxBytes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitOnlineRealName($input: OnlineRealNameInput!) {\n    submitOnlineRealNameVerification(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitOnlineRealName($input: OnlineRealNameInput!) {\n    submitOnlineRealNameVerification(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      verification {\n        id\n        method\n        status\n        certifyUrl\n        failureReason\n        expiresAt\n        provinceCode\n        cityCode\n        provinceName\n        cityName\n        documents {\n          side\n          uploadId\n          url\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;