import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';
import { Application } from './application.entity';

export enum UploadPurpose {
  /** 个人照片 (JPEG only, > 10 KB, at least 295×413 px). */
  PHOTO = 'PHOTO',
  /** 证明材料 (JPEG or PNG), for one material requirement. */
  MATERIAL = 'MATERIAL',
}

/**
 * A file a candidate uploaded for an application. The bytes live in the StorageProvider under
 * `storageKey` (server-generated, never derived from anything the client sent); metadata was
 * stripped before storing. Deleted or replaced files keep their row with `deletedAt` set.
 */
@Entity({ tableName: 'application_upload' })
@Index({ name: 'application_upload_live_index', properties: ['application', 'purpose', 'deletedAt'] })
export class ApplicationUpload {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CandidateAccount, ref: true })
  @Index()
  account!: Ref<CandidateAccount>;

  @ManyToOne({ entity: () => Application, ref: true })
  application!: Ref<Application>;

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
export class UploadToken {
  @PrimaryKey({ type: 'blob' })
  tokenHash!: Buffer;

  @ManyToOne({ entity: () => CandidateAccount, ref: true, deleteRule: 'cascade' })
  @Index()
  account!: Ref<CandidateAccount>;

  @ManyToOne({ entity: () => Application, ref: true, deleteRule: 'cascade' })
  @Index()
  application!: Ref<Application>;

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
