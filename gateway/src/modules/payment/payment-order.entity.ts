import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { ExamUnit } from '../exam/exam.entity';
import { Application } from '../registration/application.entity';
import { PaymentChannel, PaymentChannelCode } from './payment-channel.entity';

/** PENDING → PAID | CLOSED. Only one PENDING and at most one PAID order per application (partial unique indexes). */
export enum PaymentOrderStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  CLOSED = 'CLOSED',
}

/** Why an order was closed. */
export enum PaymentCloseReason {
  EXPIRED = 'EXPIRED',
  WINDOW_ENDED = 'WINDOW_ENDED',
  CANCELLED = 'CANCELLED',
}

/** 订单: one attempt to pay the fee of one application. */
@Entity({ tableName: 'payment_order' })
@Index({
  name: 'payment_order_live_per_application_unique',
  expression: `create unique index "payment_order_live_per_application_unique" on "payment_order" ("application_id") where "status" = 'PENDING'`,
})
@Index({
  name: 'payment_order_paid_per_application_unique',
  expression: `create unique index "payment_order_paid_per_application_unique" on "payment_order" ("application_id") where "status" = 'PAID'`,
})
// The reconciler's scan: pending orders, oldest first.
@Index({ name: 'payment_order_status_created_index', properties: ['status', 'createdAt'] })
export class PaymentOrder {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** 订单号码: KJ + yyMMdd (China) + 10 random characters. */
  @Property({ type: 'string', length: 24 })
  @Unique()
  orderNo!: string;

  @ManyToOne({ entity: () => Application, ref: true })
  @Index()
  application!: Ref<Application>;

  /** Copied from the application, so ops filters by unit need no join. */
  @ManyToOne({ entity: () => ExamUnit, ref: true })
  @Index()
  examUnit!: Ref<ExamUnit>;

  @ManyToOne({ entity: () => PaymentChannel, ref: true, fieldName: 'channel' })
  channel!: Ref<PaymentChannel>;

  /** 订单金额 in fen, computed on the server. */
  @Property({ type: 'integer' })
  amountFen!: number;

  @Enum({ items: () => PaymentOrderStatus, type: 'string' })
  status: PaymentOrderStatus = PaymentOrderStatus.PENDING;

  @Enum({ items: () => PaymentCloseReason, type: 'string', nullable: true })
  closeReason: PaymentCloseReason | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** created + TTL, never after the unit's payment window end. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  /** The channel's transaction id, once paid. */
  @Property({ type: 'string', length: 64, nullable: true })
  channelTradeNo: string | null = null;

  /** When the reconciler last asked the channel about this order. */
  @Property({ type: 'datetime', nullable: true })
  lastQueriedAt: Date | null = null;
}

export enum PaymentNotificationOutcome {
  /** Verified and moved the order to PAID. */
  ACCEPTED = 'ACCEPTED',
  /** Verified, but the order was already PAID by this transaction: answered with success. */
  DUPLICATE = 'DUPLICATE',
  /** Refused (signature, merchant, unknown order, amount, closed order …): changed nothing. */
  REJECTED = 'REJECTED',
}

/** Every notification a channel sent (and every payment found by the reconciler's active query). */
@Entity({ tableName: 'payment_notification' })
// One verified record per channel transaction; repeats bump delivery_count. Rejected ones (possibly forged) are all kept.
@Index({
  name: 'payment_notification_trade_unique',
  expression: `create unique index "payment_notification_trade_unique" on "payment_notification" ("channel", "channel_trade_no") where "outcome" <> 'REJECTED'`,
})
export class PaymentNotification {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Enum({ items: () => PaymentChannelCode, type: 'string' })
  channel!: PaymentChannelCode;

  @Property({ type: 'string', length: 64, nullable: true })
  channelTradeNo: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Index()
  orderNo: string | null = null;

  @Property({ type: 'integer', nullable: true })
  amountFen: number | null = null;

  /** NOTIFY (pushed by the channel) or QUERY (found by the reconciler). */
  @Property({ type: 'string', length: 10 })
  source!: string;

  @Enum({ items: () => PaymentNotificationOutcome, type: 'string' })
  outcome!: PaymentNotificationOutcome;

  /** Why it was rejected (SIGNATURE_INVALID, MERCHANT_MISMATCH, ORDER_NOT_FOUND, AMOUNT_MISMATCH, ORDER_CLOSED, …). */
  @Property({ type: 'string', length: 40, nullable: true })
  reason: string | null = null;

  @Property({ type: 'text', nullable: true })
  rawBody: string | null = null;

  @Property({ type: 'integer', default: 1 })
  deliveryCount: number = 1;

  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Property({ type: 'datetime' })
  lastReceivedAt!: Date;
}

/** The local payment simulator's own ledger (what a real channel keeps on its side). */
@Entity({ tableName: 'payment_sim_trade' })
export class SimulatedTrade {
  @PrimaryKey({ type: 'string', length: 64 })
  tradeNo!: string;

  @Property({ type: 'string', length: 24 })
  @Unique()
  orderNo!: string;

  @Enum({ items: () => PaymentChannelCode, type: 'string' })
  channel!: PaymentChannelCode;

  @Property({ type: 'integer' })
  amountFen!: number;

  /** SUCCESS or CLOSED. */
  @Property({ type: 'string', length: 10 })
  status!: string;

  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Property({ type: 'integer', default: 0 })
  notifyAttempts: number = 0;

  @Property({ type: 'datetime', nullable: true })
  notifiedAt: Date | null = null;
}
