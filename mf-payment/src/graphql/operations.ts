import { graphql } from './generated';

/** The candidate's applications that can be (or were) paid: 审核通过 or 已缴费. */
export const MyPayableApplicationsQuery = graphql(`
  query MyPayableApplications {
    myPayableApplications {
      applicationId
      examName
      unitName
      status
      statusLabel
    }
  }
`);

/** Everything the 网上缴费 page of one application shows. */
export const PaymentFieldsFragment = graphql(`
  fragment PaymentFields on MyPayment {
    applicationId
    maskedName
    examName
    unitName
    subjects {
      code
      name
    }
    applicationStatus
    feeFen
    paymentStartsAt
    paymentEndsAt
    paymentOpen
    order {
      id
      orderNo
      amountFen
      createdAt
      expiresAt
      channel
      status
      closeReason
      paidAt
    }
    payUrl
    channels {
      code
      name
    }
    state
    stateLabel
    registrationComplete
    canCreateOrder
  }
`);

export const MyPaymentQuery = graphql(`
  query MyPayment($applicationId: ID!) {
    myPayment(applicationId: $applicationId) {
      ...PaymentFields
    }
  }
`);

/** 生成订单: returns the live order when there already is one (a second press, another tab). */
export const CreatePaymentOrderMutation = graphql(`
  mutation CreatePaymentOrder($applicationId: ID!, $channel: PaymentChannelCode!) {
    createPaymentOrder(applicationId: $applicationId, channel: $channel) {
      ok
      errorCode
      message
      created
      payment {
        ...PaymentFields
      }
    }
  }
`);
