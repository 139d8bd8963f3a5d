import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';
import { Application } from './application.entity';

export enum UploadPurpose {
  /** 个人照片 (JPEG only, > 10 KB, at least 295×413 px). */
  PHOTO = 'PHOTO',
  /** 证明材料 (JPEG or PNG), for one material requirement. */
  MATERIAL = 'MATERIAL',
  /** 线上实名认证 (JPEG or PNG, no application): 证件人像面. */
  ID_PORTRAIT = 'ID_PORTRAIT',
  /** 线上实名认证: 证件国徽面/非人像面. */
  ID_EMBLEM = 'ID_EMBLEM',
  /** 线上实名认证: 手持证件人像面. */
  ID_HANDHELD = 'ID_HANDHELD',
}

/** Purposes whose files belong to the account alone (no application): the 线上实名认证 images. */
export const ACCOUNT_UPLOAD_PURPOSES: readonly UploadPurpose[] = [UploadPurpose.ID_PORTRAIT, UploadPurpose.ID_EMBLEM, UploadPurpose.ID_HANDHELD];

export function isAccountUploadPurpose(purpose: UploadPurpose): boolean {
  return ACCOUNT_UPLOAD_PURPOSES.includes(purpose);
}

/** Application uploads name their application; account uploads (线上实名认证) name none. */
// Written as PostgreSQL prints it back, so the migration check sees no difference.
const APPLICATION_PRESENT_CHECK = `(application_id IS NULL) = (purpose = ANY (ARRAY['ID_PORTRAIT'::text, 'ID_EMBLEM'::text, 'ID_HANDHELD'::text]))`;

/**
 * A file a candidate uploaded for an application, or for the account itself (线上实名认证, no
 * application; the table keeps its name). The bytes live in the StorageProvider under
 * `storageKey` (server-generated, never derived from anything the client sent); metadata was
 * stripped before storing. Deleted or replaced files keep their row with `deletedAt` set.
 */
@Entity({ tableName: 'application_upload' })
@Index({ name: 'application_upload_live_index', properties: ['application', 'purpose', 'deletedAt'] })
@Check({ name: 'application_upload_application_present', expression: APPLICATION_PRESENT_CHECK })
export class ApplicationUpload {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CandidateAccount, ref: true })
  @Index()
  account!: Ref<CandidateAccount>;

  @ManyToOne({ entity: () => Application, ref: true, nullable: true, deleteRule: 'no action' })
  application: Ref<Application> | null = null;

  @Enum({ items: () => UploadPurpose, type: 'string' })
  purpose!: UploadPurpose;

  /** MaterialRequirement.code for MATERIAL uploads. */
  @Property({ type: 'string', length: 40, nullable: true })
  materialCode: string | null = null;

  @Property({ type: 'string', length: 100 })
  storageKey!: string;

  @Property({ type: 'string', length: 30 })
  contentType!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: 'integer' })
  width!: number;

  @Property({ type: 'integer' })
  height!: number;

  /** SHA-256 of the stored bytes. */
  @Property({ type: 'blob' })
  sha256!: Buffer;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;
}

/**
 * A short-lived, single-use permission to upload one file (issued by a GraphQL mutation, spent by
 * POST /api/uploads). Only the SHA-256 of the token is stored.
 */
@Entity({ tableName: 'upload_token' })
@Check({ name: 'upload_token_application_present', expression: APPLICATION_PRESENT_CHECK })
export class UploadToken {
  @PrimaryKey({ type: 'blob' })
  tokenHash!: Buffer;

  @ManyToOne({ entity: () => CandidateAccount, ref: true, deleteRule: 'cascade' })
  @Index()
  account!: Ref<CandidateAccount>;

  @ManyToOne({ entity: () => Application, ref: true, deleteRule: 'cascade', nullable: true })
  @Index()
  application: Ref<Application> | null = null;

  @Enum({ items: () => UploadPurpose, type: 'string' })
  purpose!: UploadPurpose;

  @Property({ type: 'string', length: 40, nullable: true })
  materialCode: string | null = null;

  /** The upload this one replaces (marked deleted when the new one is stored). */
  @Property({ type: 'uuid', nullable: true })
  replacesUploadId: string | null = null;

  @Property({ type: 'datetime' })
  @Index()
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
