import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../graphql/context';
import type { SmsMessagePurpose } from './sms-code.entity';

export interface SmsMeta {
  purpose: SmsMessagePurpose;
  /** The one-time code inside `message`, for the simulator's outbox; a real provider ignores it. */
  code?: string;
  requestId?: string;
}

/** Sends text messages. Resolves once the provider has accepted the message; rejects when it refused it. */
export interface SmsProvider {
  send(phone: string, message: string, meta: SmsMeta): Promise<void>;
}

/**
 * The default provider outside a real SMS contract: "delivers" into the `sms_outbox` table, read by
 * GET /dev/outbox. A random delay up to `maxDelayMs` stands in for a real provider's API latency, so
 * the front end meets a waiting button during development.
 */
export class SimulatedSmsProvider implements SmsProvider {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly options: { maxDelayMs: number },
  ) {}

  async send(phone: string, message: string, meta: SmsMeta): Promise<void> {
    if (this.options.maxDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * this.options.maxDelayMs)));
    }
    // Its own statement on the global connection: a real provider is outside the caller's transaction too.
    await this.orm.em
      .getConnection()
      .execute(`insert into sms_outbox (phone, purpose, code, message, sent_at) values (?, ?, ?, ?, ?)`, [
        phone,
        meta.purpose,
        meta.code ?? null,
        message,
        this.clock.now(),
      ]);
  }
}
