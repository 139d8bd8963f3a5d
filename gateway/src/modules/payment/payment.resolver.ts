import { Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { PaymentChannelCode } from './payment-channel.entity';
import type { PaymentService } from './payment.service';

registerEnumType(PaymentChannelCode, { name: 'PaymentChannelCode' });

@ObjectType('PaymentChannelOption', { description: '支付平台' })
export class PaymentChannelOption {
  @Field(() => PaymentChannelCode) code!: PaymentChannelCode;
  @Field(() => String) name!: string;
}

@Resolver()
export class PaymentResolver {
  constructor(private readonly payments: PaymentService) {}

  @Query(() => [PaymentChannelOption], { description: 'Payment platforms currently enabled' })
  paymentChannels(@Ctx() ctx: RequestContext): Promise<PaymentChannelOption[]> {
    return this.payments.listEnabledChannels(ctx);
  }
}
