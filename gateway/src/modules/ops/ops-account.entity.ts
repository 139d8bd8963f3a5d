import { randomUUID } from 'node:crypto';
import { ArrayType, Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { OpsRole } from './ops-principal';

export const OPS_ROLES: readonly OpsRole[] = ['REVIEWER', 'ADMIN'];

/**
 * A member of the ops staff (审核人员 / 管理员), separate from candidate accounts: a candidate session
 * never becomes an ops one. Accounts are created with the CLI (`create-ops-account`), never through
 * the API, and are disabled rather than deleted so the audit trail keeps naming real accounts.
 */
@Entity({ tableName: 'ops_account' })
@Check({ name: 'ops_account_roles_check', expression: `cardinality(roles) > 0 and roles <@ array['REVIEWER', 'ADMIN']::text[]` })
export class OpsAccount {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Lower case ASCII (see OPS_USERNAME_PATTERN), so "Admin" and "admin" cannot both exist. */
  @Property({ type: 'string', length: 32 })
  @Unique()
  username!: string;

  /** argon2id PHC string, as for candidates. */
  @Property({ type: 'text' })
  passwordHash!: string;

  /** The TOTP key, AES-256-GCM under the PII key (PiiProtector field OPS_TOTP_SECRET). */
  @Property({ type: 'blob' })
  totpSecretEncrypted!: Buffer;

  /** The last TOTP step that signed in: a code is accepted only for a later step, so none works twice. */
  @Property({ type: 'bigint', nullable: true })
  totpLastUsedStep: string | null = null;

  @Property({ type: ArrayType })
  roles!: OpsRole[];

  /** Registration unit codes a REVIEWER acts for (GB/T 2260 codes, e.g. 110000 北京市); empty for admins. */
  @Property({ type: ArrayType, defaultRaw: `'{}'` })
  unitCodes: string[] = [];

  @Property({ type: 'boolean', default: false })
  disabled: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/**
 * A signed-in ops browser. Like candidate sessions, only the SHA-256 of the cookie's random token is
 * stored; the idle timeout is shorter (OPS_SESSION_IDLE_TIMEOUT_MINUTES).
 */
@Entity({ tableName: 'ops_session' })
export class OpsSession {
  @PrimaryKey({ type: 'blob' })
  tokenHash!: Buffer;

  @ManyToOne({ entity: () => OpsAccount, ref: true, deleteRule: 'cascade' })
  @Index()
  account!: Ref<OpsAccount>;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 45, nullable: true })
  ip: string | null = null;
}
