import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An issued image captcha, until it is answered (right or wrong) or expires. */
@Entity({ tableName: 'captcha_challenge' })
export class CaptchaChallenge {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Keyed hash of the answer, bound to the captcha id. */
  @Property({ type: 'blob' })
  answerHash!: Buffer;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Property({ type: 'datetime' })
  @Index()
  expiresAt!: Date;
}

/** Captcha answers for GET /dev/outbox, written only while the dev outbox is enabled. */
@Entity({ tableName: 'captcha_outbox' })
export class CaptchaOutboxEntry {
  @PrimaryKey({ type: 'uuid' })
  captchaId!: string;

  @Property({ type: 'string', length: 10 })
  answer!: string;

  @Property({ type: 'datetime' })
  @Index()
  issuedAt!: Date;
}
