import type { IncomingHttpHeaders } from 'node:http';
import type { PaymentChannelCode } from './payment-channel.entity';

/** What a channel needs to know about an order to take the payment. */
export interface ChannelOrder {
  orderNo: string;
  amountFen: number;
  /** The channel refuses to take payment after this instant (time_expire). */
  expiresAt: Date;
  subject: string;
  /** Relative portal path the channel's page sends the browser back to (e.g. /payment/<applicationId>). */
  returnPath: string;
}

/** A notification whose signature verified, as the channel states it. */
export interface VerifiedNotification {
  merchantId: string;
  orderNo: string;
  tradeNo: string;
  amountFen: number;
  /** SUCCESS: paid. Anything else is recorded and ignored. */
  tradeStatus: string;
  paidAt: Date;
}

export type NotificationCheck = { valid: true; notification: VerifiedNotification } | { valid: false; reason: string };

export type TradeQuery =
  | { status: 'PAID'; tradeNo: string; amountFen: number; paidAt: Date; merchantId: string }
  | { status: 'NOT_PAID' }
  | { status: 'CLOSED' }
  | { status: 'NOT_FOUND' };

/** One line of a channel's statement (对账单) for a day. */
export interface StatementLine {
  orderNo: string;
  tradeNo: string;
  amountFen: number;
  paidAt: Date;
}

/** The surface the payment module uses of Alipay, WeChat Pay, UnionPay (or the local simulator). */
export interface PaymentChannelProvider {
  readonly channel: PaymentChannelCode;
  readonly merchantId: string;
  /** Where the browser goes to pay. */
  createPayment(order: ChannelOrder): Promise<{ payUrl: string }>;
  /** Verifies the signature over the exact raw body FIRST; parses only what verified. */
  verifyNotification(rawBody: Buffer, headers: IncomingHttpHeaders): NotificationCheck;
  /** The channel's reply to a notification it should stop repeating (or not). */
  notificationReply(ok: boolean): { status: number; contentType: string; body: string };
  queryTrade(orderNo: string): Promise<TradeQuery>;
  /** Closes an unpaid trade so it can no longer be paid; 'PAID' when it was paid meanwhile. */
  closeTrade(orderNo: string): Promise<'CLOSED' | 'PAID'>;
  /** The day's statement (China day yyyy-mm-dd). */
  statement(day: string): Promise<StatementLine[]>;
}
