import { createHash, randomBytes } from 'node:crypto';
import { type RequestContext, withEntityManager } from '../../graphql/context';
import { isWithinWindow } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { auditUnmaskedRead } from '../audit/audit.service';
import { hasOpsRole } from '../ops/ops-principal';
import { ApplicationStep } from './application.entity';
import { hasReached, isEditable } from './application-rules';
import { withDates, type ApplicationUploadRow } from './application-read.service';
import {
  ApplicationService,
  candidateTransition,
  lockApplication,
  requireViewer,
  type ApplicationOutcome,
  type LockedApplication,
} from './application.service';
import { inspectImage } from './image-inspection';
import { REENCODE_MAX_MEGAPIXELS } from './image-reencode';
import type { ImageReencoder } from './image-reencode-workers';
import { REGISTRATION_MESSAGES, RegistrationErrorCode, registrationFailure, type RegistrationFailure } from './registration.errors';
import type { StorageProvider } from './storage-provider';
import { isAccountUploadPurpose, UploadPurpose } from './upload.entity';
import type { InspectedImage } from './image-inspection';

/** 报名照片: JPG, larger than 10 KB, at least 295×413 pixels (1寸). */
export const PHOTO_MIN_BYTES_EXCLUSIVE = 10 * 1024;
export const PHOTO_MIN_WIDTH = 295;
export const PHOTO_MIN_HEIGHT = 413;

export const UPLOAD_PATH = '/api/uploads';

export interface UploadTokenRequest {
  applicationId: string;
  purpose: UploadPurpose;
  materialCode?: string | null;
  /** A live upload of the same application and purpose (and material) that the new file replaces. */
  replacesUploadId?: string | null;
}

export type UploadTokenOutcome =
  | { ok: true; token: string; uploadUrl: string; expiresAt: Date; maxBytes: number }
  | RegistrationFailure;

/** Why a file was not accepted: a registration failure, or the refusal of an account-upload policy. */
export interface UploadRefusal {
  ok: false;
  errorCode: string;
  message: string;
  field?: string;
}

export type UploadStoreOutcome = { ok: true; upload: ApplicationUploadRow } | UploadRefusal;

export type AccountUploadTokenOutcome = { ok: true; token: string; uploadUrl: string; expiresAt: Date; maxBytes: number } | UploadRefusal;

/**
 * Decides on uploads that belong to the account rather than to an application (the 线上实名认证
 * images): when they may be uploaded, and which reviewers may see one. Implemented by the module
 * that uses them (identity), so the upload pipeline stays one.
 */
export interface AccountUploadPolicy {
  /**
   * Null when the account may upload a file of this purpose now. Called when the token is issued and
   * again in the transaction that records the file (it should lock what it reads).
   */
  accepts(tx: RequestContext, accountId: string, purpose: UploadPurpose): Promise<UploadRefusal | null>;
  /** Live uploads of the account that the new one of `purpose` makes useless (marked deleted, files removed). */
  superseded(tx: RequestContext, accountId: string, purpose: UploadPurpose): Promise<string[]>;
  /** The registration unit whose reviewers may see this upload, or null when only its owner may. */
  reviewUnitOf(ctx: RequestContext, uploadId: string): Promise<string | null>;
}

export interface PendingUpload {
  tokenHash: Buffer;
  accountId: string;
  /** null for account uploads (线上实名认证). */
  applicationId: string | null;
  purpose: UploadPurpose;
  materialCode: string | null;
  replacesUploadId: string | null;
}

/** HTTP status for each failure the upload endpoint can answer. */
const STATUS_OF: Partial<Record<RegistrationErrorCode, number>> = {
  UPLOAD_TOKEN_INVALID: 401,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_TYPE_NOT_ALLOWED: 415,
  UPLOAD_CORRUPT: 422,
  PHOTO_FILE_TOO_SMALL: 422,
  PHOTO_RESOLUTION_TOO_LOW: 422,
};

export function uploadFailureStatus(code: string): number {
  return STATUS_OF[code as RegistrationErrorCode] ?? 409;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const UPLOAD_MESSAGES = {
  TOKEN_INVALID: '上传凭证无效或已过期,请重新选择文件上传',
  TOO_LARGE: (maxBytes: number) =>
    `文件过大,请上传不超过${maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / 1024 / 1024)}MB` : `${Math.floor(maxBytes / 1024)}KB`}的文件`,
  NOT_AN_IMAGE: '仅支持JPG或PNG格式的图片',
  PHOTO_NOT_JPEG: '个人照片须为JPG格式',
  CORRUPT: '文件已损坏或不完整,请重新选择',
  TOO_MANY_PIXELS: `图片像素过多(超过${REENCODE_MAX_MEGAPIXELS}00万像素),请缩小后重新上传`,
  PHOTO_TOO_SMALL: '照片文件须大于10KB,请上传清晰的原始照片',
  PHOTO_RESOLUTION: `照片尺寸须不小于${PHOTO_MIN_WIDTH}×${PHOTO_MIN_HEIGHT}像素(宽×高)`,
} as const;

/**
 * Photo and 证明材料 uploads. A GraphQL mutation issues a short-lived, single-use token bound to the
 * candidate, the application and the purpose; the file itself goes to POST /api/uploads?token=…
 * (no multipart, no GraphQL upload: CSRF protection stays intact). Files are recognised by their
 * bytes, checked, stripped of metadata, re-encoded and stored under a server-generated key.
 */
export class UploadService {
  private accountPolicy: AccountUploadPolicy | null = null;

  constructor(
    private readonly storage: StorageProvider,
    private readonly options: { maxBytes: number; tokenTtlMs: number },
    private readonly reencoder: ImageReencoder,
  ) {}

  /** The module owning account uploads registers its policy at start-up; without one they are refused. */
  setAccountUploadPolicy(policy: AccountUploadPolicy): void {
    this.accountPolicy = policy;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** The step a purpose belongs to: the photo to 报名信息填写, materials to 证明材料上传. */
  private static stepOf(purpose: UploadPurpose): ApplicationStep {
    return purpose === UploadPurpose.PHOTO ? ApplicationStep.DETAILS : ApplicationStep.MATERIALS;
  }

  /** Checks that `request` names something this application may receive now; null when it does. */
  private async checkTarget(tx: RequestContext, app: LockedApplication, request: UploadTokenRequest): Promise<RegistrationFailure | null> {
    if (request.purpose === UploadPurpose.MATERIAL) {
      const [material] = request.materialCode
        ? await tx.em.execute(`select 1 from material_requirement where exam_unit_id = ? and code = ?`, [app.examUnitId, request.materialCode])
        : [];
      if (!material) {
        return registrationFailure(RegistrationErrorCode.MATERIAL_NOT_REQUESTED, '本省份未要求该证明材料', { field: 'materialCode' });
      }
    }
    if (request.replacesUploadId) {
      const [replaced] = UUID_PATTERN.test(request.replacesUploadId)
        ? await tx.em.execute(
            `select 1 from application_upload
              where id = ? and application_id = ? and purpose = ? and material_code is not distinct from ? and deleted_at is null`,
            [request.replacesUploadId, app.id, request.purpose, request.purpose === UploadPurpose.MATERIAL ? request.materialCode : null],
          )
        : [];
      if (!replaced) {
        return registrationFailure(RegistrationErrorCode.UPLOAD_NOT_FOUND, REGISTRATION_MESSAGES.UPLOAD_NOT_FOUND, { field: 'replacesUploadId' });
      }
    }
    return null;
  }

  async issueToken(ctx: RequestContext, request: UploadTokenRequest): Promise<UploadTokenOutcome> {
    let issued: { token: string; expiresAt: Date } | undefined;
    const outcome = await candidateTransition(
      ctx,
      request.applicationId,
      { step: UploadService.stepOf(request.purpose), editable: true },
      async (tx, app) => {
        const problem = await this.checkTarget(tx, app, request);
        if (problem) return problem;
        issued = await this.insertToken(tx, {
          accountId: app.accountId,
          applicationId: app.id,
          purpose: request.purpose,
          materialCode: request.purpose === UploadPurpose.MATERIAL ? (request.materialCode ?? null) : null,
          replacesUploadId: request.replacesUploadId ?? null,
        });
      },
    );
    if (!outcome.ok) return outcome;
    return this.tokenAnswer(issued!);
  }

  /** A token for a file of the signed-in account that belongs to no application (线上实名认证). */
  async issueAccountToken(ctx: RequestContext, purpose: UploadPurpose): Promise<AccountUploadTokenOutcome> {
    const accountId = requireViewer(ctx).id;
    const policy = this.accountPolicy;
    if (!isAccountUploadPurpose(purpose) || !policy) {
      return registrationFailure(RegistrationErrorCode.NOT_PERMITTED, '该文件不能单独上传', { field: 'purpose' });
    }
    const issued = await ctx.em.transactional(async (em) => {
      const tx: RequestContext = withEntityManager(ctx, em);
      const refused = await policy.accepts(tx, accountId, purpose);
      if (refused) return refused;
      return this.insertToken(tx, { accountId, applicationId: null, purpose, materialCode: null, replacesUploadId: null });
    });
    return 'token' in issued ? this.tokenAnswer(issued) : issued;
  }

  private async insertToken(tx: RequestContext, pending: Omit<PendingUpload, 'tokenHash'>): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(tx.clock.now().getTime() + this.options.tokenTtlMs);
    await tx.em.execute(
      `insert into upload_token (token_hash, account_id, application_id, purpose, material_code, replaces_upload_id, expires_at, used_at)
       values (?, ?, ?, ?, ?, ?, ?, null)`,
      [hashToken(token), pending.accountId, pending.applicationId, pending.purpose, pending.materialCode, pending.replacesUploadId, expiresAt],
    );
    return { token, expiresAt };
  }

  private tokenAnswer(issued: { token: string; expiresAt: Date }) {
    return {
      ok: true as const,
      token: issued.token,
      uploadUrl: `${UPLOAD_PATH}?token=${issued.token}`,
      expiresAt: issued.expiresAt,
      maxBytes: this.options.maxBytes,
    };
  }

  /**
   * The token of an upload about to be read, or null when it is unknown, spent, expired or belongs
   * to someone else than the signed-in candidate. Checked before the body is read, so a stranger
   * cannot make the gateway buffer megabytes.
   */
  async pendingUpload(ctx: RequestContext, token: string): Promise<PendingUpload | null> {
    if (!ctx.viewer || !TOKEN_PATTERN.test(token)) return null;
    const tokenHash = hashToken(token);
    const [row] = await ctx.em.execute<Array<Record<string, any>>>(
      `select account_id, application_id, purpose, material_code, replaces_upload_id from upload_token
        where token_hash = ? and used_at is null and expires_at > ?`,
      [tokenHash, ctx.clock.now()],
    );
    if (!row || row.account_id !== ctx.viewer.id) return null;
    return {
      tokenHash,
      accountId: row.account_id,
      applicationId: row.application_id,
      purpose: row.purpose,
      materialCode: row.material_code,
      replacesUploadId: row.replaces_upload_id,
    };
  }

  /**
   * Checks, strips and stores one file, then records it. The token is spent in the same transaction
   * that records the file, after its target (the application, or for account uploads the policy) was
   * locked and checked again (its state may have changed since the token was issued); if that fails
   * the stored bytes are removed.
   */
  async store(ctx: RequestContext, pending: PendingUpload, body: Buffer): Promise<UploadStoreOutcome> {
    const inspected = await this.inspect(pending.purpose, body);
    if (!inspected.ok) return inspected;

    const storageKey = this.storage.newKey();
    await this.storage.put(storageKey, inspected.stripped);
    let replacedKeys: string[] = [];
    let result: UploadStoreOutcome;
    try {
      result = await ctx.em.transactional(async (em): Promise<UploadStoreOutcome> => {
        const tx: RequestContext = withEntityManager(ctx, em);
        const now = ctx.clock.now();
        const spent = await em.execute(
          `update upload_token set used_at = ? where token_hash = ? and used_at is null and expires_at > ? returning 1`,
          [now, pending.tokenHash, now],
        );
        if (spent.length === 0) return registrationFailure(RegistrationErrorCode.UPLOAD_TOKEN_INVALID, UPLOAD_MESSAGES.TOKEN_INVALID);
        const recorded = pending.applicationId === null
          ? await this.recordForAccount(tx, pending, storageKey, inspected)
          : await this.recordForApplication(tx, { ...pending, applicationId: pending.applicationId }, storageKey, inspected);
        if (!recorded.ok) return recorded;
        replacedKeys = recorded.replacedKeys;
        return { ok: true, upload: recorded.upload };
      });
    } catch (err) {
      await this.removeQuietly(ctx, [storageKey]);
      throw err;
    }
    if (!result.ok) await this.removeQuietly(ctx, [storageKey]);
    else await this.removeQuietly(ctx, replacedKeys);
    return result;
  }

  /**
   * Recognises the file by its bytes, applies the purpose's rules, strips it and encodes its pixels
   * anew; `stripped` of the result is what gets stored.
   */
  private async inspect(purpose: UploadPurpose, body: Buffer): Promise<InspectedImage | RegistrationFailure> {
    const inspected = inspectImage(body);
    if (!inspected.ok) {
      return inspected.problem === 'NOT_AN_IMAGE'
        ? registrationFailure(RegistrationErrorCode.UPLOAD_TYPE_NOT_ALLOWED, purpose === UploadPurpose.PHOTO ? UPLOAD_MESSAGES.PHOTO_NOT_JPEG : UPLOAD_MESSAGES.NOT_AN_IMAGE)
        : registrationFailure(RegistrationErrorCode.UPLOAD_CORRUPT, UPLOAD_MESSAGES.CORRUPT);
    }
    if (purpose === UploadPurpose.PHOTO) {
      if (inspected.contentType !== 'image/jpeg') return registrationFailure(RegistrationErrorCode.UPLOAD_TYPE_NOT_ALLOWED, UPLOAD_MESSAGES.PHOTO_NOT_JPEG);
      // Measured after stripping: padding a tiny picture with EXIF must not pass the size rule.
      if (inspected.stripped.length <= PHOTO_MIN_BYTES_EXCLUSIVE) {
        return registrationFailure(RegistrationErrorCode.PHOTO_FILE_TOO_SMALL, UPLOAD_MESSAGES.PHOTO_TOO_SMALL);
      }
      if (inspected.width < PHOTO_MIN_WIDTH || inspected.height < PHOTO_MIN_HEIGHT) {
        return registrationFailure(RegistrationErrorCode.PHOTO_RESOLUTION_TOO_LOW, `${UPLOAD_MESSAGES.PHOTO_RESOLUTION},当前为${inspected.width}×${inspected.height}`);
      }
    }
    // What is stored is the pixels encoded anew, never the candidate's file (see image-reencode.ts).
    const reencoded = await this.reencoder.reencode(inspected);
    if (!reencoded.ok) {
      return reencoded.problem === 'TOO_MANY_PIXELS'
        ? registrationFailure(RegistrationErrorCode.UPLOAD_TOO_LARGE, UPLOAD_MESSAGES.TOO_MANY_PIXELS)
        : registrationFailure(RegistrationErrorCode.UPLOAD_CORRUPT, UPLOAD_MESSAGES.CORRUPT);
    }
    return { ...inspected, stripped: reencoded.bytes };
  }

  private async recordForApplication(
    tx: RequestContext,
    pending: PendingUpload & { applicationId: string },
    storageKey: string,
    inspected: InspectedImage,
  ): Promise<{ ok: true; upload: ApplicationUploadRow; replacedKeys: string[] } | RegistrationFailure> {
    const now = tx.clock.now();
    const app = await lockApplication(tx, pending.applicationId);
    if (!app || app.accountId !== pending.accountId) return registrationFailure(RegistrationErrorCode.UPLOAD_TOKEN_INVALID, UPLOAD_MESSAGES.TOKEN_INVALID);
    const problem = this.stillAccepting(now, app, pending.purpose);
    if (problem) return problem;
    // One photo per application: a new one replaces whatever photo there was.
    const replaced = await tx.em.execute<Array<{ storage_key: string }>>(
      `update application_upload set deleted_at = ?
        where application_id = ? and deleted_at is null and (id = ? or (? = 'PHOTO' and purpose = 'PHOTO'))
        returning storage_key`,
      [now, app.id, pending.replacesUploadId, pending.purpose],
    );
    const upload = await this.insertUpload(tx, pending, storageKey, inspected);
    await ApplicationService.stepBackAfterFileChange(tx, app, pending.purpose);
    await tx.em.execute(`update application set updated_at = ? where id = ?`, [now, app.id]);
    return { ok: true, upload, replacedKeys: replaced.map((r) => r.storage_key) };
  }

  private async recordForAccount(
    tx: RequestContext,
    pending: PendingUpload,
    storageKey: string,
    inspected: InspectedImage,
  ): Promise<{ ok: true; upload: ApplicationUploadRow; replacedKeys: string[] } | UploadRefusal> {
    const policy = this.accountPolicy;
    if (!policy || !isAccountUploadPurpose(pending.purpose)) return registrationFailure(RegistrationErrorCode.UPLOAD_TOKEN_INVALID, UPLOAD_MESSAGES.TOKEN_INVALID);
    const refused = await policy.accepts(tx, pending.accountId, pending.purpose);
    if (refused) return refused;
    const supersededIds = await policy.superseded(tx, pending.accountId, pending.purpose);
    const replaced = supersededIds.length
      ? await tx.em.execute<Array<{ storage_key: string }>>(
          `update application_upload set deleted_at = ?
            where id in (?) and account_id = ? and application_id is null and deleted_at is null returning storage_key`,
          [tx.clock.now(), supersededIds, pending.accountId],
        )
      : [];
    const upload = await this.insertUpload(tx, pending, storageKey, inspected);
    return { ok: true, upload, replacedKeys: replaced.map((r) => r.storage_key) };
  }

  private async insertUpload(tx: RequestContext, pending: PendingUpload, storageKey: string, inspected: InspectedImage): Promise<ApplicationUploadRow> {
    const [row] = await tx.em.execute<Array<Record<string, unknown>>>(
      `insert into application_upload (id, account_id, application_id, purpose, material_code, storage_key, content_type,
                                       size_bytes, width, height, sha256, created_at, deleted_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)
       returning id, application_id as "applicationId", account_id as "accountId", purpose, material_code as "materialCode",
                 content_type as "contentType", size_bytes as "sizeBytes", width, height, created_at as "createdAt"`,
      [
        pending.accountId,
        pending.applicationId,
        pending.purpose,
        pending.materialCode,
        storageKey,
        inspected.contentType,
        inspected.stripped.length,
        inspected.width,
        inspected.height,
        createHash('sha256').update(inspected.stripped).digest(),
        tx.clock.now(),
      ],
    );
    return withDates(row!, ['createdAt']) as unknown as ApplicationUploadRow;
  }

  private stillAccepting(now: Date, app: LockedApplication, purpose: UploadPurpose): RegistrationFailure | null {
    if (!isWithinWindow(now, app.registrationStartsAt, app.registrationEndsAt)) {
      return registrationFailure(RegistrationErrorCode.REGISTRATION_CLOSED, '报名已结束,不能再上传文件');
    }
    if (!isEditable(app.status)) return registrationFailure(RegistrationErrorCode.NOT_EDITABLE, REGISTRATION_MESSAGES.NOT_EDITABLE);
    if (!hasReached(app.currentStep, UploadService.stepOf(purpose))) {
      return registrationFailure(RegistrationErrorCode.STEP_OUT_OF_ORDER, REGISTRATION_MESSAGES.STEP_OUT_OF_ORDER);
    }
    return null;
  }

  /** 删除 a photo or material while the application can still change. */
  async delete(ctx: RequestContext, uploadId: string): Promise<ApplicationOutcome> {
    requireViewer(ctx);
    const [target] = UUID_PATTERN.test(uploadId)
      ? await ctx.em.execute<Array<{ application_id: string; purpose: UploadPurpose }>>(
          `select application_id, purpose from application_upload where id = ? and account_id = ? and application_id is not null and deleted_at is null`,
          [uploadId, ctx.viewer!.id],
        )
      : [];
    if (!target) return registrationFailure(RegistrationErrorCode.UPLOAD_NOT_FOUND, REGISTRATION_MESSAGES.UPLOAD_NOT_FOUND);
    let removedKey: string | undefined;
    const outcome = await candidateTransition(ctx, target.application_id, { step: UploadService.stepOf(target.purpose), editable: true }, async (tx, app) => {
      const [removed] = await tx.em.execute<Array<{ storage_key: string }>>(
        `update application_upload set deleted_at = ? where id = ? and application_id = ? and deleted_at is null returning storage_key`,
        [tx.clock.now(), uploadId, app.id],
      );
      if (!removed) return registrationFailure(RegistrationErrorCode.UPLOAD_NOT_FOUND, REGISTRATION_MESSAGES.UPLOAD_NOT_FOUND);
      removedKey = removed.storage_key;
      await ApplicationService.stepBackAfterFileChange(tx, app, target.purpose);
    });
    if (outcome.ok && removedKey) await this.removeQuietly(ctx, [removedKey]);
    return outcome;
  }

  /**
   * A stored file for GET /api/uploads/<id>: to the candidate who uploaded it, or to a reviewer of the
   * unit it belongs to (the application's, or for 线上实名认证 images the submission's; admins: any).
   * A reviewer's view is personal data shown unmasked: its audit record is written before the file is
   * opened (no record, no file). 'unauthenticated' when nobody is signed in; 'not_found' hides
   * whether a file the caller may not see exists.
   */
  async openForDownload(
    ctx: RequestContext,
    uploadId: string,
  ): Promise<{ kind: 'ok'; contentType: string; size: number; stream: NodeJS.ReadableStream } | { kind: 'unauthenticated' } | { kind: 'not_found' }> {
    if (!ctx.viewer && !ctx.ops) return { kind: 'unauthenticated' };
    const [row] = UUID_PATTERN.test(uploadId)
      ? await ctx.em.execute<Array<{ account_id: string; application_id: string | null; purpose: UploadPurpose; storage_key: string; content_type: string; unit_code: string | null }>>(
          `select up.account_id, up.application_id, up.purpose, up.storage_key, up.content_type, u.code as unit_code
             from application_upload up
             left join application a on a.id = up.application_id
             left join exam_unit eu on eu.id = a.exam_unit_id
             left join registration_unit u on u.id = eu.unit_id
            where up.id = ? and up.deleted_at is null`,
          [uploadId],
        )
      : [];
    if (!row) return { kind: 'not_found' };
    const isOwner = ctx.viewer?.id === row.account_id;
    const ops = ctx.ops;
    let isReviewerOfUnit = false;
    if (!isOwner && hasOpsRole(ops, 'REVIEWER')) {
      const unitCode = row.application_id === null ? await this.accountPolicy?.reviewUnitOf(ctx, uploadId) : row.unit_code;
      isReviewerOfUnit = !!unitCode && (ops.roles.includes('ADMIN') || ops.unitCodes.includes(unitCode));
    }
    if (!isOwner && !isReviewerOfUnit) return { kind: 'not_found' };
    if (!isOwner) {
      await auditUnmaskedRead(ctx, {
        targetType: row.application_id === null ? 'ACCOUNT_UPLOAD' : 'APPLICATION_UPLOAD',
        targetId: uploadId,
        fields: [row.purpose],
        reason: row.application_id === null ? '实名认证审核' : '报名审核',
        details: { accountId: row.account_id, ...(row.application_id ? { applicationId: row.application_id } : {}) },
      });
    }
    const file = await this.storage.open(row.storage_key);
    if (!file) {
      ctx.logger.error({ uploadId }, 'upload row without stored file');
      return { kind: 'not_found' };
    }
    return { kind: 'ok', contentType: row.content_type, size: file.size, stream: file.stream };
  }

  /** Stored bytes nobody refers to any more; a failure leaves an orphan file, logged, never an error to the candidate. */
  private async removeQuietly(ctx: RequestContext, keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.storage.delete(key);
      } catch (err) {
        ctx.logger.warn({ err }, 'could not remove a stored upload');
      }
    }
  }
}
