import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './identity-document';

/**
 * A registered candidate (会计人员). The 证件号码 and 手机号 are sensitive personal information: they are
 * stored encrypted, and found through keyed hashes whose unique indexes also enforce one account per
 * document and one per phone, even when two registrations race.
 */
@Entity({ tableName: 'candidate_account' })
// Ops search by name prefix (modules/ops): LIKE 'prefix%' uses a btree only with text_pattern_ops
// (or the C collation). Created in the `ops` migration.
@Index({
  name: 'candidate_account_name_prefix_index',
  expression: 'create index "candidate_account_name_prefix_index" on "candidate_account" ("name" text_pattern_ops, "id")',
})
export class CandidateAccount {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: Object.keys(DOCUMENT_TYPE_LABELS), type: 'string' })
  documentType!: DocumentType;

  /** AES-256-GCM of the normalised number (PiiProtector, field DOCUMENT_NUMBER). */
  @Property({ type: 'blob' })
  documentNumberEncrypted!: Buffer;

  /**
   * HMAC of the normalised number alone, without the document type: login takes a bare 证件号码, so a
   * number must identify one account whatever document it came from.
   */
  @Property({ type: 'blob' })
  @Unique()
  documentNumberLookup!: Buffer;

  /**
   * HMAC of the number as shown masked (1101**********1234, see maskDocumentNumber): ops find a
   * candidate from a masked number without decrypting anyone. Many accounts share a value.
   */
  @Property({ type: 'blob', nullable: true })
  @Index({ name: 'candidate_account_document_number_masked_lookup_index', properties: ['documentNumberMaskedLookup', 'id'] })
  documentNumberMaskedLookup: Buffer | null = null;

  /** ISO 3166-1 alpha-3, for 护照(外国) only. */
  @Property({ type: 'string', length: 3, nullable: true })
  nationality: string | null = null;

  /** Exactly as validated (code points kept, rare characters included); text, so no length cut-off. */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'blob' })
  phoneEncrypted!: Buffer;

  @Property({ type: 'blob' })
  @Unique()
  phoneLookup!: Buffer;

  /** argon2id PHC string (parameters included, so they can be raised later). */
  @Property({ type: 'text' })
  passwordHash!: string;

  /**
   * When 实名认证 succeeded; null until then. Registration for an exam requires it (see
   * registration/real-name-check.ts). Set by modules/identity when 实名认证 succeeds.
   */
  @Property({ type: 'datetime', nullable: true })
  realNameVerifiedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
