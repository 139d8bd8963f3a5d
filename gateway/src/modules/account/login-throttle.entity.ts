import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed-login bookkeeping for one key: an account (`account:<id>`), an identifier that matches no
 * account (`identifier:<hash>`, so unknown accounts lock exactly like real ones) or a client address
 * (`ip:<address>`). Kept in PostgreSQL so that every gateway process sees the same lock.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 120 })
  key!: string;

  /** Attempts counted in the current window. */
  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'datetime' })
  windowStartedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;
}
