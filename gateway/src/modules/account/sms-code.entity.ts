import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What a one-time SMS code is for; a code issued for one purpose is never accepted for another. */
export enum SmsCodePurpose {
  REGISTER = 'REGISTER',
  RESET_PASSWORD = 'RESET_PASSWORD',
}

/** Every kind of text message the platform sends: the code purposes plus plain notifications. */
export type SmsMessagePurpose = SmsCodePurpose | 'NOTIFICATION';

/**
 * The live code of one phone for one purpose. One row per phone+purpose is what makes the send
 * throttle atomic across gateway processes: a send is a conditional upsert of this row, and a resend
 * overwrites (so invalidates) the previous code.
 */
@Entity({ tableName: 'sms_code' })
export class SmsCode {
  /** PiiProtector.lookupHash('PHONE', …): the phone itself is not needed here. */
  @PrimaryKey({ type: 'blob' })
  phoneLookup!: Buffer;

  @PrimaryKey({ type: 'string', length: 20 })
  @Enum({ items: () => SmsCodePurpose, type: 'string' })
  purpose!: SmsCodePurpose;

  /** Keyed hash of the code, bound to phone and purpose; never the code itself. */
  @Property({ type: 'blob' })
  codeHash!: Buffer;

  @Property({ type: 'datetime' })
  sentAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'integer', default: 0 })
  failedAttempts: number = 0;

  @Property({ type: 'datetime', nullable: true })
  consumedAt: Date | null = null;
}

/**
 * Messages "delivered" by the local SMS simulator, for developers and end-to-end tests (GET
 * /dev/outbox). A real provider has no such table: this is the only place a plain code is written.
 */
@Entity({ tableName: 'sms_outbox' })
export class SmsOutboxMessage {
  /** Insertion order: breaks ties between messages sent in the same millisecond (or on a test clock). */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 20 })
  phone!: string;

  @Property({ type: 'string', length: 20 })
  purpose!: SmsMessagePurpose;

  @Property({ type: 'string', length: 10, nullable: true })
  code: string | null = null;

  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'datetime' })
  @Index()
  sentAt!: Date;
}
