import { graphql } from './generated';

/** 支付平台: the payment channels currently enabled. */
export const PaymentChannelsQuery = graphql(`
  query PaymentChannels {
    paymentChannels {
      code
      name
    }
  }
`);
