/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** DRAFT → SUBMITTED → APPROVED | REJECTED → PAID; WITHDRAWN (重新报名) */
export type ApplicationStatus =
  | 'APPROVED'
  | 'DRAFT'
  | 'PAID'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type PaymentChannelCode =
  | 'ALIPAY'
  | 'UNIONPAY'
  | 'WECHAT_PAY';

/** EXPIRED: 超过支付时限; WINDOW_ENDED: 缴费时间结束; CANCELLED */
export type PaymentCloseReason =
  | 'CANCELLED'
  | 'EXPIRED'
  | 'WINDOW_ENDED';

/** Why a 网上缴费 operation did not succeed */
export type PaymentErrorCode =
  | 'ALREADY_PAID'
  | 'APPLICATION_NOT_FOUND'
  | 'CHANNEL_NOT_AVAILABLE'
  | 'FEE_RULE_MISSING'
  | 'NOT_APPROVED'
  | 'PAYMENT_WINDOW_CLOSED';

/** PENDING → PAID | CLOSED */
export type PaymentOrderStatus =
  | 'CLOSED'
  | 'PAID'
  | 'PENDING';

/** 缴费状态: NO_ORDER 未生成订单, UNPAID 待支付, PAID 支付成功, CLOSED 订单已关闭 */
export type PaymentState =
  | 'CLOSED'
  | 'NO_ORDER'
  | 'PAID'
  | 'UNPAID';

export type MyPayableApplicationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPayableApplicationsQuery = { myPayableApplications: Array<{ applicationId: string, examName: string, unitName: string, status: ApplicationStatus, statusLabel: string }> };

export type PaymentFieldsFragment = { applicationId: string, maskedName: string, examName: string, unitName: string, applicationStatus: ApplicationStatus, feeFen: number | null, paymentStartsAt: string, paymentEndsAt: string, paymentOpen: boolean, payUrl: string | null, state: PaymentState, stateLabel: string, registrationComplete: boolean, canCreateOrder: boolean, subjects: Array<{ code: string, name: string }>, order: { id: string, orderNo: string, amountFen: number, createdAt: string, expiresAt: string, channel: PaymentChannelCode, status: PaymentOrderStatus, closeReason: PaymentCloseReason | null, paidAt: string | null } | null, channels: Array<{ code: PaymentChannelCode, name: string }> };

export type MyPaymentQueryVariables = Exact<{
  applicationId: string | number;
}>;


export type MyPaymentQuery = { myPayment: { applicationId: string, maskedName: string, examName: string, unitName: string, applicationStatus: ApplicationStatus, feeFen: number | null, paymentStartsAt: string, paymentEndsAt: string, paymentOpen: boolean, payUrl: string | null, state: PaymentState, stateLabel: string, registrationComplete: boolean, canCreateOrder: boolean, subjects: Array<{ code: string, name: string }>, order: { id: string, orderNo: string, amountFen: number, createdAt: string, expiresAt: string, channel: PaymentChannelCode, status: PaymentOrderStatus, closeReason: PaymentCloseReason | null, paidAt: string | null } | null, channels: Array<{ code: PaymentChannelCode, name: string }> } | null };

export type CreatePaymentOrderMutationVariables = Exact<{
  applicationId: string | number;
  channel: PaymentChannelCode;
}>;


export type CreatePaymentOrderMutation = { createPaymentOrder: { ok: boolean, errorCode: PaymentErrorCode | null, message: string, created: boolean, payment: { applicationId: string, maskedName: string, examName: string, unitName: string, applicationStatus: ApplicationStatus, feeFen: number | null, paymentStartsAt: string, paymentEndsAt: string, paymentOpen: boolean, payUrl: string | null, state: PaymentState, stateLabel: string, registrationComplete: boolean, canCreateOrder: boolean, subjects: Array<{ code: string, name: string }>, order: { id: string, orderNo: string, amountFen: number, createdAt: string, expiresAt: string, channel: PaymentChannelCode, status: PaymentOrderStatus, closeReason: PaymentCloseReason | null, paidAt: string | null } | null, channels: Array<{ code: PaymentChannelCode, name: string }> } | null } };

export const PaymentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MyPayment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}},{"kind":"Field","name":{"kind":"Name","value":"examName"}},{"kind":"Field","name":{"kind":"Name","value":"unitName"}},{"kind":"Field","name":{"kind":"Name","value":"subjects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"applicationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"feeFen"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStartsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentOpen"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payUrl"}},{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"stateLabel"}},{"kind":"Field","name":{"kind":"Name","value":"registrationComplete"}},{"kind":"Field","name":{"kind":"Name","value":"canCreateOrder"}}]}}]} as unknown as DocumentNode<PaymentFieldsFragment, unknown>;
export const MyPayableApplicationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPayableApplications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myPayableApplications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"examName"}},{"kind":"Field","name":{"kind":"Name","value":"unitName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}}]}}]}}]} as unknown as DocumentNode<MyPayableApplicationsQuery, MyPayableApplicationsQueryVariables>;
export const MyPaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"applicationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MyPayment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}},{"kind":"Field","name":{"kind":"Name","value":"examName"}},{"kind":"Field","name":{"kind":"Name","value":"unitName"}},{"kind":"Field","name":{"kind":"Name","value":"subjects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"applicationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"feeFen"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStartsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentOpen"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payUrl"}},{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"stateLabel"}},{"kind":"Field","name":{"kind":"Name","value":"registrationComplete"}},{"kind":"Field","name":{"kind":"Name","value":"canCreateOrder"}}]}}]} as unknown as DocumentNode<MyPaymentQuery, MyPaymentQueryVariables>;
export const CreatePaymentOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePaymentOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentChannelCode"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPaymentOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"applicationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MyPayment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}},{"kind":"Field","name":{"kind":"Name","value":"examName"}},{"kind":"Field","name":{"kind":"Name","value":"unitName"}},{"kind":"Field","name":{"kind":"Name","value":"subjects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"applicationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"feeFen"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStartsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentOpen"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payUrl"}},{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"stateLabel"}},{"kind":"Field","name":{"kind":"Name","value":"registrationComplete"}},{"kind":"Field","name":{"kind":"Name","value":"canCreateOrder"}}]}}]} as unknown as DocumentNode<CreatePaymentOrderMutation, CreatePaymentOrderMutationVariables>;