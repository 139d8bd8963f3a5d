import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from '../../graphql/context';
import { isWithinWindow } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
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
import { REGISTRATION_MESSAGES, RegistrationErrorCode, registrationFailure, type RegistrationFailure } from './registration.errors';
import type { StorageProvider } from './storage-provider';
import { UploadPurpose } from './upload.entity';

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

export interface PendingUpload {
  tokenHash: Buffer;
  accountId: string;
  applicationId: string;
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

export function uploadFailureStatus(code: RegistrationErrorCode): number {
  return STATUS_OF[code] ?? 409;
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
  PHOTO_TOO_SMALL: '照片文件须大于10KB,请上传清晰的原始照片',
  PHOTO_RESOLUTION: `照片尺寸须不小于${PHOTO_MIN_WIDTH}×${PHOTO_MIN_HEIGHT}像素(宽×高)`,
} as const;

/**
 * Photo and 证明材料 uploads. A GraphQL mutation issues a short-lived, single-use token bound to the
 * candidate, the application and the purpose; the file itself goes to POST /api/uploads?token=…
 * (no multipart, no GraphQL upload: CSRF protection stays intact). Files are recognised by their
 * bytes, checked, stripped of metadata and stored under a server-generated key.
 */
export class UploadService {
  constructor(
    private readonly storage: StorageProvider,
    private readonly options: { maxBytes: number; tokenTtlMs: number },
  ) {}

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
        const token = randomBytes(32).toString('base64url');
        const expiresAt = new Date(tx.clock.now().getTime() + this.options.tokenTtlMs);
        await tx.em.execute(
          `insert into upload_token (token_hash, account_id, application_id, purpose, material_code, replaces_upload_id, expires_at, used_at)
           values (?, ?, ?, ?, ?, ?, ?, null)`,
          [
            hashToken(token),
            app.accountId,
            app.id,
            request.purpose,
            request.purpose === UploadPurpose.MATERIAL ? request.materialCode : null,
            request.replacesUploadId ?? null,
            expiresAt,
          ],
        );
        issued = { token, expiresAt };
      },
    );
    if (!outcome.ok) return outcome;
    return {
      ok: true,
      token: issued!.token,
      uploadUrl: `${UPLOAD_PATH}?token=${issued!.token}`,
      expiresAt: issued!.expiresAt,
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
   * that records the file, after the application was locked and checked again (its state may have
   * changed since the token was issued); if that fails the stored bytes are removed.
   */
  async store(ctx: RequestContext, pending: PendingUpload, body: Buffer): Promise<{ ok: true; upload: ApplicationUploadRow } | RegistrationFailure> {
    const inspected = inspectImage(body);
    if (!inspected.ok) {
      return inspected.problem === 'NOT_AN_IMAGE'
        ? registrationFailure(RegistrationErrorCode.UPLOAD_TYPE_NOT_ALLOWED, pending.purpose === UploadPurpose.PHOTO ? UPLOAD_MESSAGES.PHOTO_NOT_JPEG : UPLOAD_MESSAGES.NOT_AN_IMAGE)
        : registrationFailure(RegistrationErrorCode.UPLOAD_CORRUPT, UPLOAD_MESSAGES.CORRUPT);
    }
    if (pending.purpose === UploadPurpose.PHOTO) {
      if (inspected.contentType !== 'image/jpeg') return registrationFailure(RegistrationErrorCode.UPLOAD_TYPE_NOT_ALLOWED, UPLOAD_MESSAGES.PHOTO_NOT_JPEG);
      // Measured after stripping: padding a tiny picture with EXIF must not pass the size rule.
      if (inspected.stripped.length <= PHOTO_MIN_BYTES_EXCLUSIVE) {
        return registrationFailure(RegistrationErrorCode.PHOTO_FILE_TOO_SMALL, UPLOAD_MESSAGES.PHOTO_TOO_SMALL);
      }
      if (inspected.width < PHOTO_MIN_WIDTH || inspected.height < PHOTO_MIN_HEIGHT) {
        return registrationFailure(RegistrationErrorCode.PHOTO_RESOLUTION_TOO_LOW, `${UPLOAD_MESSAGES.PHOTO_RESOLUTION},当前为${inspected.width}×${inspected.height}`);
      }
    }

    const storageKey = this.storage.newKey();
    await this.storage.put(storageKey, inspected.stripped);
    let replacedKeys: string[] = [];
    let result: { ok: true; upload: ApplicationUploadRow } | RegistrationFailure;
    try {
      result = await ctx.em.transactional(async (em) => {
        const tx: RequestContext = { ...ctx, em };
        const now = ctx.clock.now();
        const spent = await em.execute(
          `update upload_token set used_at = ? where token_hash = ? and used_at is null and expires_at > ? returning 1`,
          [now, pending.tokenHash, now],
        );
        if (spent.length === 0) return registrationFailure(RegistrationErrorCode.UPLOAD_TOKEN_INVALID, UPLOAD_MESSAGES.TOKEN_INVALID);
        const app = await lockApplication(tx, pending.applicationId);
        if (!app || app.accountId !== pending.accountId) return registrationFailure(RegistrationErrorCode.UPLOAD_TOKEN_INVALID, UPLOAD_MESSAGES.TOKEN_INVALID);
        const problem = this.stillAccepting(now, app, pending.purpose);
        if (problem) return problem;
        // One photo per application: a new one replaces whatever photo there was.
        const replaced = await em.execute<Array<{ storage_key: string }>>(
          `update application_upload set deleted_at = ?
            where application_id = ? and deleted_at is null and (id = ? or (? = 'PHOTO' and purpose = 'PHOTO'))
            returning storage_key`,
          [now, app.id, pending.replacesUploadId, pending.purpose],
        );
        replacedKeys = replaced.map((r) => r.storage_key);
        const [row] = await em.execute<Array<Record<string, unknown>>>(
          `insert into application_upload (id, account_id, application_id, purpose, material_code, storage_key, content_type,
                                           size_bytes, width, height, sha256, created_at, deleted_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)
           returning id, application_id as "applicationId", account_id as "accountId", purpose, material_code as "materialCode",
                     content_type as "contentType", size_bytes as "sizeBytes", width, height, created_at as "createdAt"`,
          [
            app.accountId,
            app.id,
            pending.purpose,
            pending.materialCode,
            storageKey,
            inspected.contentType,
            inspected.stripped.length,
            inspected.width,
            inspected.height,
            createHash('sha256').update(inspected.stripped).digest(),
            now,
          ],
        );
        await ApplicationService.stepBackAfterFileChange(tx, app, pending.purpose);
        await em.execute(`update application set updated_at = ? where id = ?`, [now, app.id]);
        return { ok: true as const, upload: withDates(row!, ['createdAt']) as unknown as ApplicationUploadRow };
      });
    } catch (err) {
      await this.removeQuietly(ctx, [storageKey]);
      throw err;
    }
    if (!result.ok) await this.removeQuietly(ctx, [storageKey]);
    else await this.removeQuietly(ctx, replacedKeys);
    return result;
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
          `select application_id, purpose from application_upload where id = ? and account_id = ? and deleted_at is null`,
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
   * application's unit (admins: any). 'unauthenticated' when nobody is signed in; 'not_found' hides
   * whether a file the caller may not see exists.
   */
  async openForDownload(
    ctx: RequestContext,
    uploadId: string,
  ): Promise<{ kind: 'ok'; contentType: string; size: number; stream: NodeJS.ReadableStream } | { kind: 'unauthenticated' } | { kind: 'not_found' }> {
    if (!ctx.viewer && !ctx.ops) return { kind: 'unauthenticated' };
    const [row] = UUID_PATTERN.test(uploadId)
      ? await ctx.em.execute<Array<{ account_id: string; storage_key: string; content_type: string; unit_code: string }>>(
          `select up.account_id, up.storage_key, up.content_type, u.code as unit_code
             from application_upload up
             join application a on a.id = up.application_id
             join exam_unit eu on eu.id = a.exam_unit_id
             join registration_unit u on u.id = eu.unit_id
            where up.id = ? and up.deleted_at is null`,
          [uploadId],
        )
      : [];
    if (!row) return { kind: 'not_found' };
    const isOwner = ctx.viewer?.id === row.account_id;
    const ops = ctx.ops;
    const isReviewerOfUnit =
      hasOpsRole(ops, 'REVIEWER') && (ops.roles.includes('ADMIN') || ops.unitCodes.includes(row.unit_code));
    if (!isOwner && !isReviewerOfUnit) return { kind: 'not_found' };
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
