import type { RequestContext } from '../../graphql/context';
import type { PaymentChannelCode } from './payment-channel.entity';

export class PaymentService {
  async listEnabledChannels(ctx: RequestContext): Promise<Array<{ code: PaymentChannelCode; name: string }>> {
    return ctx.em
      .getConnection()
      .execute(`select code, name from payment_channel where enabled order by sort_order`);
  }
}
