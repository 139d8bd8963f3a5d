import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One entry of the audit trail: an ops action, a sign-in attempt, or an unmasked read of personal
 * data. Append-only: a trigger (see the `ops` migration) refuses UPDATE, DELETE and TRUNCATE, so
 * neither a bug nor a stray SQL console can rewrite history; only a role that may disable the trigger
 * (owner, superuser) can.
 */
@Entity({ tableName: 'audit_record' })
@Index({ properties: ['actorId', 'id'] })
@Index({ properties: ['targetType', 'targetId', 'id'] })
@Index({ properties: ['action', 'id'] })
@Index({ properties: ['occurredAt'] })
export class AuditRecord {
  /** Keyset pagination runs on it (newest first). */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** OPS, CANDIDATE, ANONYMOUS (e.g. a failed sign-in) or SYSTEM (the CLI). */
  @Property({ type: 'string', length: 16 })
  actorType!: string;

  /** ops_account.id or candidate_account.id; null for ANONYMOUS and SYSTEM. */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** Copied, not joined: the record must still say who it was if the account is renamed. */
  @Property({ type: 'string', length: 64, nullable: true })
  actorUsername: string | null = null;

  /** The role the actor acted in (ADMIN, REVIEWER, CANDIDATE). */
  @Property({ type: 'string', length: 16, nullable: true })
  actorRole: string | null = null;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  targetType: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  targetId: string | null = null;

  @Property({ type: 'string', length: 45 })
  ip!: string;

  @Property({ type: 'text', nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId: string | null = null;

  /** Why (required for unmasked reads): what the staff member typed. */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  /** Never plaintext personal data: masked values and ids only. */
  @Property({ type: 'json', defaultRaw: `'{}'` })
  details: Record<string, unknown> = {};
}
