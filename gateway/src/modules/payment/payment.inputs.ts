import { Field, ID, InputType, Int } from 'type-graphql';
import { PaymentOrderStatus } from './payment-order.entity';

@InputType('PaymentOrderFilter')
export class PaymentOrderFilterInput {
  @Field(() => String, { nullable: true, description: 'Registration unit code; reviewers see their units only' }) unitCode?: string | null;
  @Field(() => PaymentOrderStatus, { nullable: true }) status?: PaymentOrderStatus | null;
  @Field(() => String, { nullable: true }) orderNo?: string | null;
  @Field(() => ID, { nullable: true }) applicationId?: string | null;
  @Field(() => Int, { nullable: true, description: 'At most 200; 50 by default' }) limit?: number | null;
}
