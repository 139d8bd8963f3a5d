import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Allow, Public } from '../../graphql/access';
import { ApplicationStatus } from '../registration/application.entity';
import { PaymentChannelCode } from './payment-channel.entity';
import { PaymentOrderStatus } from './payment-order.entity';
import type { PaymentService, PaymentView } from './payment.service';
import { PaymentOrderFilterInput } from './payment.inputs';
import {
  MyPaymentType,
  OpsPaymentOrderType,
  PayableApplicationType,
  PAYMENT_STATE_LABELS,
  PaymentOrderResultType,
  PaymentReconciliationItemType,
  PaymentState,
} from './payment.types';

registerEnumType(PaymentChannelCode, { name: 'PaymentChannelCode' });

@ObjectType('PaymentChannelOption', { description: '支付平台' })
export class PaymentChannelOption {
  @Field(() => PaymentChannelCode) code!: PaymentChannelCode;
  @Field(() => String) name!: string;
}

@Resolver()
export class PaymentResolver {
  constructor(private readonly payments: PaymentService) {}

  private async view(ctx: RequestContext, v: PaymentView): Promise<MyPaymentType> {
    const o = v.order;
    const state = !o
      ? PaymentState.NO_ORDER
      : o.status === PaymentOrderStatus.PAID
        ? PaymentState.PAID
        : o.status === PaymentOrderStatus.CLOSED || new Date(o.expiresAt).getTime() <= ctx.clock.now().getTime()
          ? PaymentState.CLOSED
          : PaymentState.UNPAID;
    const paid = v.applicationStatus === ApplicationStatus.PAID;
    return {
      ...v,
      order: o,
      payUrl: o && state === PaymentState.UNPAID ? await this.payments.payUrlOf(ctx, o, v.examName) : null,
      state,
      stateLabel: PAYMENT_STATE_LABELS[state],
      registrationComplete: paid,
      canCreateOrder: !paid && v.applicationStatus === ApplicationStatus.APPROVED && v.paymentOpen && state !== PaymentState.UNPAID,
    };
  }

  @Public('published list of payment platforms')
  @Query(() => [PaymentChannelOption], { description: 'Payment platforms currently enabled' })
  paymentChannels(@Ctx() ctx: RequestContext): Promise<PaymentChannelOption[]> {
    return this.payments.listEnabledChannels(ctx);
  }

  @Allow('CANDIDATE')
  @Query(() => MyPaymentType, { nullable: true, description: "网上缴费 of one of the signed-in candidate's applications (null: not theirs / none)" })
  async myPayment(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<MyPaymentType | null> {
    const v = await this.payments.myPayment(ctx, applicationId);
    return v ? this.view(ctx, v) : null;
  }

  @Allow('CANDIDATE')
  @Query(() => [PayableApplicationType], { description: 'The signed-in candidate’s applications that are 审核通过 or 已缴费' })
  myPayableApplications(@Ctx() ctx: RequestContext): Promise<PayableApplicationType[]> {
    return this.payments.myPayableApplications(ctx);
  }

  @Allow('CANDIDATE')
  @Mutation(() => PaymentOrderResultType, { description: '生成订单: the live order of the application, created when there is none' })
  async createPaymentOrder(
    @Ctx() ctx: RequestContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('channel', () => PaymentChannelCode) channel: PaymentChannelCode,
  ): Promise<PaymentOrderResultType> {
    const outcome = await this.payments.createOrder(ctx, applicationId, channel);
    const v = outcome.view !== undefined ? outcome.view : await this.payments.myPayment(ctx, applicationId);
    const payment = v ? await this.view(ctx, v) : null;
    if (!outcome.ok) return { ok: false, errorCode: outcome.errorCode, message: outcome.message, created: false, payment };
    return { ok: true, errorCode: null, message: outcome.created ? '订单已生成' : '已有未支付的订单', created: outcome.created, payment };
  }

  @Allow('REVIEWER')
  @Query(() => [OpsPaymentOrderType], { description: 'Payment orders with every notification received (reviewers: their units)' })
  paymentOrders(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PaymentOrderFilterInput, { nullable: true }) filter: PaymentOrderFilterInput | null,
  ): Promise<OpsPaymentOrderType[]> {
    return this.payments.opsOrders(ctx, filter ?? {});
  }

  @Allow('ADMIN')
  @Query(() => [PaymentReconciliationItemType], { description: 'Differences between orders and channel statements for a China day (yyyy-mm-dd)' })
  paymentReconciliation(@Ctx() ctx: RequestContext, @Arg('date', () => String) date: string): Promise<PaymentReconciliationItemType[]> {
    return this.payments.reconciliation(ctx, date);
  }
}
