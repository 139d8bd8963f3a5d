import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';

/** 支付宝扫码认证 or 线上实名认证 (manual review of uploaded 证件 images; not built yet). */
export enum RealNameMethod {
  ALIPAY = 'ALIPAY',
  ONLINE = 'ONLINE',
}

/** PENDING → SUCCEEDED | FAILED | EXPIRED. */
export enum RealNameStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

/**
 * One 实名认证 attempt of a candidate. `consentedAt` records the separate consent (PIPL art. 29) the
 * candidate gave to send their name and 证件号码 to the verification provider; no attempt exists
 * without it. On SUCCEEDED the account's `real_name_verified_at` is set in the same transaction.
 */
@Entity({ tableName: 'real_name_verification' })
@Index({ name: 'real_name_verification_account_created_index', properties: ['account', 'createdAt'] })
export class RealNameVerification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CandidateAccount, ref: true, deleteRule: 'cascade' })
  account!: Ref<CandidateAccount>;

  @Enum({ items: () => RealNameMethod, type: 'string' })
  method!: RealNameMethod;

  @Enum({ items: () => RealNameStatus, type: 'string' })
  status: RealNameStatus = RealNameStatus.PENDING;

  /** When the candidate ticked the separate consent for this attempt. */
  @Property({ type: 'datetime' })
  consentedAt!: Date;

  /** Provider's certification id (the simulator reuses this row's id). */
  @Property({ type: 'string', length: 64, nullable: true })
  providerReference: string | null = null;

  /** What the candidate's phone opens (the QR code's content), as the provider returned it at start. */
  @Property({ type: 'text', nullable: true })
  certifyUrl: string | null = null;

  /** Chinese text shown to the candidate when FAILED. */
  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
