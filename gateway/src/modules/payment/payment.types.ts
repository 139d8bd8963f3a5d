import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ApplicationStatus } from '../registration/application.entity';
import { PaymentChannelCode } from './payment-channel.entity';
import { PaymentCloseReason, PaymentNotificationOutcome, PaymentOrderStatus } from './payment-order.entity';
import { PaymentErrorCode } from './payment.errors';

registerEnumType(PaymentOrderStatus, { name: 'PaymentOrderStatus', description: 'PENDING → PAID | CLOSED' });
registerEnumType(PaymentCloseReason, { name: 'PaymentCloseReason', description: 'EXPIRED: 超过支付时限; WINDOW_ENDED: 缴费时间结束; CANCELLED' });
registerEnumType(PaymentNotificationOutcome, { name: 'PaymentNotificationOutcome' });

export enum PaymentState {
  NO_ORDER = 'NO_ORDER',
  UNPAID = 'UNPAID',
  PAID = 'PAID',
  CLOSED = 'CLOSED',
}
registerEnumType(PaymentState, { name: 'PaymentState', description: '缴费状态: NO_ORDER 未生成订单, UNPAID 待支付, PAID 支付成功, CLOSED 订单已关闭' });

export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  NO_ORDER: '未缴费',
  UNPAID: '待支付',
  PAID: '支付成功',
  CLOSED: '订单已关闭',
};

@ObjectType('PaymentOrder', { description: '订单基本信息' })
export class PaymentOrderType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '订单号码' }) orderNo!: string;
  @Field(() => Int, { description: '订单金额 in fen' }) amountFen!: number;
  @Field(() => Date, { description: '创建时间' }) createdAt!: Date;
  @Field(() => Date, { description: 'After this the order can no longer be paid' }) expiresAt!: Date;
  @Field(() => PaymentChannelCode) channel!: PaymentChannelCode;
  @Field(() => PaymentOrderStatus) status!: PaymentOrderStatus;
  @Field(() => PaymentCloseReason, { nullable: true }) closeReason!: PaymentCloseReason | null;
  @Field(() => Date, { nullable: true }) paidAt!: Date | null;
  @Field(() => String, { nullable: true, description: "The channel's transaction id, once paid" }) channelTradeNo!: string | null;
}

@ObjectType('PaymentSubject')
export class PaymentSubjectType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('PaymentChannelInfo', { description: '支付平台' })
export class PaymentChannelInfoType {
  @Field(() => PaymentChannelCode) code!: PaymentChannelCode;
  @Field(() => String) name!: string;
}

@ObjectType('MyPayment', { description: '网上缴费 page of one application' })
export class MyPaymentType {
  @Field(() => ID) applicationId!: string;
  @Field(() => String, { description: '考生姓名, masked' }) maskedName!: string;
  @Field(() => String) examName!: string;
  @Field(() => String) unitCode!: string;
  @Field(() => String) unitName!: string;
  @Field(() => [PaymentSubjectType]) subjects!: PaymentSubjectType[];
  @Field(() => ApplicationStatus) applicationStatus!: ApplicationStatus;
  @Field(() => String) applicationStatusLabel!: string;
  @Field(() => Int, { nullable: true, description: 'What an order would cost now, in fen' }) feeFen!: number | null;
  @Field(() => Date) paymentStartsAt!: Date;
  @Field(() => Date) paymentEndsAt!: Date;
  @Field(() => Boolean) paymentOpen!: boolean;
  @Field(() => PaymentOrderType, { nullable: true, description: 'The paid order, else the live one, else the latest closed one' })
  order!: PaymentOrderType | null;
  @Field(() => String, { nullable: true, description: '支付: the payment page of the live order' }) payUrl!: string | null;
  @Field(() => [PaymentChannelInfoType], { description: '支付平台 of the unit' }) channels!: PaymentChannelInfoType[];
  @Field(() => PaymentState, { description: '缴费状态' }) state!: PaymentState;
  @Field(() => String) stateLabel!: string;
  @Field(() => Boolean, { description: '报名成功 (fee paid)' }) registrationComplete!: boolean;
  @Field(() => Boolean, { description: '生成订单 is possible now' }) canCreateOrder!: boolean;
}

@ObjectType('PayableApplication')
export class PayableApplicationType {
  @Field(() => ID) applicationId!: string;
  @Field(() => String) examName!: string;
  @Field(() => String) unitName!: string;
  @Field(() => ApplicationStatus) status!: ApplicationStatus;
  @Field(() => String) statusLabel!: string;
}

@ObjectType('PaymentOrderResult')
export class PaymentOrderResultType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => PaymentErrorCode, { nullable: true }) errorCode!: PaymentErrorCode | null;
  @Field(() => String) message!: string;
  @Field(() => Boolean, { description: 'false when the live order already existed (second tab, second device)' }) created!: boolean;
  @Field(() => MyPaymentType, { nullable: true }) payment!: MyPaymentType | null;
}

@ObjectType('PaymentNotificationRecord')
export class PaymentNotificationType {
  @Field(() => ID) id!: string;
  @Field(() => PaymentChannelCode) channel!: PaymentChannelCode;
  @Field(() => String, { nullable: true }) channelTradeNo!: string | null;
  @Field(() => String, { nullable: true }) orderNo!: string | null;
  @Field(() => Int, { nullable: true }) amountFen!: number | null;
  @Field(() => String, { description: 'NOTIFY or QUERY' }) source!: string;
  @Field(() => PaymentNotificationOutcome) outcome!: PaymentNotificationOutcome;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Int) deliveryCount!: number;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date) lastReceivedAt!: Date;
}

@ObjectType('OpsPaymentOrder')
export class OpsPaymentOrderType extends PaymentOrderType {
  @Field(() => ID) applicationId!: string;
  @Field(() => String) unitCode!: string;
  @Field(() => [PaymentNotificationType]) notifications!: PaymentNotificationType[];
}

@ObjectType('PaymentReconciliationItem', { description: 'A difference between orders and channel transactions' })
export class PaymentReconciliationItemType {
  @Field(() => String, { description: 'PAID_WITHOUT_CHANNEL_TRADE | CHANNEL_PAID_ORDER_NOT_PAID | CHANNEL_TRADE_WITHOUT_ORDER | AMOUNT_OR_TRADE_MISMATCH' }) kind!: string;
  @Field(() => String) orderNo!: string;
  @Field(() => PaymentChannelCode) channel!: PaymentChannelCode;
  @Field(() => PaymentOrderStatus, { nullable: true }) orderStatus!: PaymentOrderStatus | null;
  @Field(() => Int, { nullable: true }) orderAmountFen!: number | null;
  @Field(() => Int, { nullable: true }) channelAmountFen!: number | null;
  @Field(() => String, { nullable: true }) channelTradeNo!: string | null;
}
