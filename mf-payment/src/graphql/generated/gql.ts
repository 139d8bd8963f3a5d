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
    "\n  query MyPayableApplications {\n    myPayableApplications {\n      applicationId\n      examName\n      unitName\n      status\n      statusLabel\n    }\n  }\n": typeof types.MyPayableApplicationsDocument,
    "\n  fragment PaymentFields on MyPayment {\n    applicationId\n    maskedName\n    examName\n    unitName\n    subjects {\n      code\n      name\n    }\n    applicationStatus\n    feeFen\n    paymentStartsAt\n    paymentEndsAt\n    paymentOpen\n    order {\n      id\n      orderNo\n      amountFen\n      createdAt\n      expiresAt\n      channel\n      status\n      closeReason\n      paidAt\n    }\n    payUrl\n    channels {\n      code\n      name\n    }\n    state\n    stateLabel\n    registrationComplete\n    canCreateOrder\n  }\n": typeof types.PaymentFieldsFragmentDoc,
    "\n  query MyPayment($applicationId: ID!) {\n    myPayment(applicationId: $applicationId) {\n      ...PaymentFields\n    }\n  }\n": typeof types.MyPaymentDocument,
    "\n  mutation CreatePaymentOrder($applicationId: ID!, $channel: PaymentChannelCode!) {\n    createPaymentOrder(applicationId: $applicationId, channel: $channel) {\n      ok\n      errorCode\n      message\n      created\n      payment {\n        ...PaymentFields\n      }\n    }\n  }\n": typeof types.CreatePaymentOrderDocument,
};
const documents: Documents = {
    "\n  query MyPayableApplications {\n    myPayableApplications {\n      applicationId\n      examName\n      unitName\n      status\n      statusLabel\n    }\n  }\n": types.MyPayableApplicationsDocument,
    "\n  fragment PaymentFields on MyPayment {\n    applicationId\n    maskedName\n    examName\n    unitName\n    subjects {\n      code\n      name\n    }\n    applicationStatus\n    feeFen\n    paymentStartsAt\n    paymentEndsAt\n    paymentOpen\n    order {\n      id\n      orderNo\n      amountFen\n      createdAt\n      expiresAt\n      channel\n      status\n      closeReason\n      paidAt\n    }\n    payUrl\n    channels {\n      code\n      name\n    }\n    state\n    stateLabel\n    registrationComplete\n    canCreateOrder\n  }\n": types.PaymentFieldsFragmentDoc,
    "\n  query MyPayment($applicationId: ID!) {\n    myPayment(applicationId: $applicationId) {\n      ...PaymentFields\n    }\n  }\n": types.MyPaymentDocument,
    "\n  mutation CreatePaymentOrder($applicationId: ID!, $channel: PaymentChannelCode!) {\n    createPaymentOrder(applicationId: $applicationId, channel: $channel) {\n      ok\n      errorCode\n      message\n      created\n      payment {\n        ...PaymentFields\n      }\n    }\n  }\n": types.CreatePaymentOrderDocument,
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
export function graphql(source: "\n  query MyPayableApplications {\n    myPayableApplications {\n      applicationId\n      examName\n      unitName\n      status\n      statusLabel\n    }\n  }\n"): (typeof documents)["\n  query MyPayableApplications {\n    myPayableApplications {\n      applicationId\n      examName\n      unitName\n      status\n      statusLabel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentFields on MyPayment {\n    applicationId\n    maskedName\n    examName\n    unitName\n    subjects {\n      code\n      name\n    }\n    applicationStatus\n    feeFen\n    paymentStartsAt\n    paymentEndsAt\n    paymentOpen\n    order {\n      id\n      orderNo\n      amountFen\n      createdAt\n      expiresAt\n      channel\n      status\n      closeReason\n      paidAt\n    }\n    payUrl\n    channels {\n      code\n      name\n    }\n    state\n    stateLabel\n    registrationComplete\n    canCreateOrder\n  }\n"): (typeof documents)["\n  fragment PaymentFields on MyPayment {\n    applicationId\n    maskedName\n    examName\n    unitName\n    subjects {\n      code\n      name\n    }\n    applicationStatus\n    feeFen\n    paymentStartsAt\n    paymentEndsAt\n    paymentOpen\n    order {\n      id\n      orderNo\n      amountFen\n      createdAt\n      expiresAt\n      channel\n      status\n      closeReason\n      paidAt\n    }\n    payUrl\n    channels {\n      code\n      name\n    }\n    state\n    stateLabel\n    registrationComplete\n    canCreateOrder\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPayment($applicationId: ID!) {\n    myPayment(applicationId: $applicationId) {\n      ...PaymentFields\n    }\n  }\n"): (typeof documents)["\n  query MyPayment($applicationId: ID!) {\n    myPayment(applicationId: $applicationId) {\n      ...PaymentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePaymentOrder($applicationId: ID!, $channel: PaymentChannelCode!) {\n    createPaymentOrder(applicationId: $applicationId, channel: $channel) {\n      ok\n      errorCode\n      message\n      created\n      payment {\n        ...PaymentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePaymentOrder($applicationId: ID!, $channel: PaymentChannelCode!) {\n    createPaymentOrder(applicationId: $applicationId, channel: $channel) {\n      ok\n      errorCode\n      message\n      created\n      payment {\n        ...PaymentFields\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;