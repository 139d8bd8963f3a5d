import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from './candidate-account.entity';

/**
 * A signed-in browser. The cookie carries a random 256-bit token; only its SHA-256 is stored, so a
 * copy of this table cannot be replayed as cookies.
 */
@Entity({ tableName: 'candidate_session' })
export class CandidateSession {
  @PrimaryKey({ type: 'blob' })
  tokenHash!: Buffer;

  @ManyToOne({ entity: () => CandidateAccount, ref: true, deleteRule: 'cascade' })
  @Index()
  account!: Ref<CandidateAccount>;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Refreshed at most once a minute; the idle timeout counts from here. */
  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  /** Absolute end, whatever the activity. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
