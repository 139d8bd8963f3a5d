import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';
import { ApplicationUpload } from '../registration/upload.entity';

/** 支付宝扫码认证 or 线上实名认证 (uploaded 证件 images, decided by a reviewer of the unit). */
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
@Index({ name: 'real_name_verification_review_queue_index', properties: ['method', 'status', 'unitCode', 'createdAt', 'id'] })
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

  /** 支付宝: when the attempt lapses. 线上实名认证 waits for its reviewer and never lapses (null). */
  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  /** 线上实名认证: 所在省市 (GB/T 2260 codes) as the candidate chose them. */
  @Property({ type: 'string', length: 12, nullable: true })
  provinceCode: string | null = null;

  @Property({ type: 'string', length: 12, nullable: true })
  cityCode: string | null = null;

  /** 线上实名认证: the registration unit whose reviewers decide (a 计划单列市 when the city is one, else the province). */
  @Property({ type: 'string', length: 12, nullable: true })
  unitCode: string | null = null;

  /** 线上实名认证: 证件人像面, 证件国徽面/非人像面, 手持证件人像面. */
  @ManyToOne({ entity: () => ApplicationUpload, ref: true, nullable: true })
  portraitUpload: Ref<ApplicationUpload> | null = null;

  @ManyToOne({ entity: () => ApplicationUpload, ref: true, nullable: true })
  emblemUpload: Ref<ApplicationUpload> | null = null;

  @ManyToOne({ entity: () => ApplicationUpload, ref: true, nullable: true })
  handheldUpload: Ref<ApplicationUpload> | null = null;

  /** 线上实名认证: the ops account that approved or rejected it. */
  @Property({ type: 'uuid', nullable: true })
  reviewedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
