import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from './candidate-account.entity';

/** Where a 微信扫码登录 ticket is: shown → 已扫码 → 已确认 / 已取消; CONSUMED once it signed a browser in. */
export enum WeChatTicketStatus {
  PENDING = 'PENDING',
  SCANNED = 'SCANNED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  CONSUMED = 'CONSUMED',
}

/**
 * One QR code on one login page. It belongs to the browser that asked for it: only the SHA-256 of a
 * random nonce kept in that browser's HttpOnly cookie is stored, and only a request carrying the
 * nonce may turn the confirmed ticket into a session.
 */
@Entity({ tableName: 'wechat_login_ticket' })
export class WeChatLoginTicket {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'blob' })
  browserNonceHash!: Buffer;

  @Enum({ items: () => WeChatTicketStatus, type: 'string' })
  status!: WeChatTicketStatus;

  /** The WeChat identity that confirmed on the phone (set with CONFIRMED). */
  @Property({ type: 'string', length: 128, nullable: true })
  openid: string | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  scannedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  consumedAt: Date | null = null;
}

/** A WeChat identity (openid) bound to one candidate account; an account has at most one. */
@Entity({ tableName: 'wechat_binding' })
export class WeChatBinding {
  @PrimaryKey({ type: 'string', length: 128 })
  openid!: string;

  @ManyToOne({ entity: () => CandidateAccount, ref: true, deleteRule: 'cascade', unique: true })
  account!: Ref<CandidateAccount>;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
