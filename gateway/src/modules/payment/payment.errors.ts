import { registerEnumType } from 'type-graphql';

/** Expected failures of 网上缴费, returned as `errorCode` + Chinese `message`. */
export enum PaymentErrorCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  NOT_APPROVED = 'NOT_APPROVED',
  ALREADY_PAID = 'ALREADY_PAID',
  PAYMENT_WINDOW_CLOSED = 'PAYMENT_WINDOW_CLOSED',
  CHANNEL_NOT_AVAILABLE = 'CHANNEL_NOT_AVAILABLE',
  FEE_RULE_MISSING = 'FEE_RULE_MISSING',
}

registerEnumType(PaymentErrorCode, { name: 'PaymentErrorCode', description: 'Why a 网上缴费 operation did not succeed' });

export const PAYMENT_MESSAGES: Record<PaymentErrorCode, string> = {
  APPLICATION_NOT_FOUND: '报名信息不存在',
  NOT_APPROVED: '报名信息审核通过后才能缴费',
  ALREADY_PAID: '该报名已缴费成功,无需重复缴费',
  PAYMENT_WINDOW_CLOSED: '当前不在缴费时间内',
  CHANNEL_NOT_AVAILABLE: '所选支付平台暂不可用,请选择其他支付平台',
  FEE_RULE_MISSING: '该报名单位尚未公布收费标准,请稍后再试',
};

export interface PaymentFailure {
  ok: false;
  errorCode: PaymentErrorCode;
  message: string;
}

export function paymentFailure(errorCode: PaymentErrorCode, message: string = PAYMENT_MESSAGES[errorCode]): PaymentFailure {
  return { ok: false, errorCode, message };
}
