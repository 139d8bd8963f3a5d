import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export enum PaymentChannelCode {
  ALIPAY = 'ALIPAY',
  WECHAT_PAY = 'WECHAT_PAY',
  UNIONPAY = 'UNIONPAY',
}

@Entity({ tableName: 'payment_channel' })
export class PaymentChannel {
  @PrimaryKey({ type: 'string', length: 20 })
  @Enum({ items: () => PaymentChannelCode, type: 'string' })
  code!: PaymentChannelCode;

  @Property({ type: 'string', length: 20 })
  name!: string;

  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  @Property({ type: 'integer' })
  sortOrder!: number;
}
