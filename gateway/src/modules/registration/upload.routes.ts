import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../../graphql/context';
import { sendJson, type RouteHandler } from '../../http/server';
import { RegistrationErrorCode, type RegistrationFailure } from './registration.errors';
import { UPLOAD_MESSAGES, UPLOAD_PATH, uploadFailureStatus, type UploadRefusal, type UploadService } from './upload.service';

type ContextFactory = (req: IncomingMessage, requestId: string) => Promise<RequestContext>;

const UUID_IN_PATH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendFailure(res: ServerResponse, failure: UploadRefusal, close = false): void {
  sendJson(res, uploadFailureStatus(failure.errorCode), { ok: false, errorCode: failure.errorCode, message: failure.message }, close ? { connection: 'close' } : {});
}

/**
 * Answers without reading the rest of the body and then drops the connection: reading on would let a
 * client stream gigabytes at us, answering alone would leave it writing into a socket nobody reads.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, failure: RegistrationFailure): void {
  res.once('finish', () => setImmediate(() => req.destroy()));
  sendFailure(res, failure, true);
}

/** Reads the body until `limit`; null as soon as it grows past it (the rest is never read). */
async function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /api/uploads?token=… with the raw file as the body (Content-Type is ignored: the bytes
 * decide), answered with `{ ok, upload: { id, … } }` or `{ ok: false, errorCode, message }`;
 * GET /api/uploads/<id> serves a stored file to its owner or a reviewer of its unit.
 */
export function uploadRoutes(uploads: UploadService, createContext: ContextFactory): { exact: Record<string, RouteHandler>; prefix: Record<string, RouteHandler> } {
  const upload: RouteHandler = async (req, res, requestId) => {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: 'METHOD_NOT_ALLOWED', message: '请使用POST上传文件' }, { allow: 'POST' });
      return;
    }
    const token = new URL(req.url ?? '/', 'http://gateway').searchParams.get('token') ?? '';
    const ctx = await createContext(req, requestId);
    const pending = await uploads.pendingUpload(ctx, token);
    if (!pending) return refuseBody(req, res, { ok: false, errorCode: RegistrationErrorCode.UPLOAD_TOKEN_INVALID, message: UPLOAD_MESSAGES.TOKEN_INVALID });
    const tooLarge: RegistrationFailure = { ok: false, errorCode: RegistrationErrorCode.UPLOAD_TOO_LARGE, message: UPLOAD_MESSAGES.TOO_LARGE(uploads.maxBytes) };
    if (Number(req.headers['content-length'] ?? 0) > uploads.maxBytes) return refuseBody(req, res, tooLarge);
    const body = await readCapped(req, uploads.maxBytes);
    if (!body) return refuseBody(req, res, tooLarge);
    const result = await uploads.store(ctx, pending, body);
    if (!result.ok) return sendFailure(res, result);
    const { id, purpose, materialCode, contentType, sizeBytes, width, height, createdAt } = result.upload;
    sendJson(res, 201, { ok: true, upload: { id, purpose, materialCode, contentType, sizeBytes, width, height, createdAt, url: `${UPLOAD_PATH}/${id}` } });
  };

  const download: RouteHandler = async (req, res, requestId) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' }, { allow: 'GET, HEAD' });
      return;
    }
    const id = (req.url ?? '').split('?')[0]!.slice(UPLOAD_PATH.length + 1);
    const ctx = await createContext(req, requestId);
    const file = UUID_IN_PATH.test(id) ? await uploads.openForDownload(ctx, id) : ({ kind: 'not_found' } as const);
    if (file.kind === 'unauthenticated') return sendJson(res, 401, { ok: false, error: 'UNAUTHENTICATED', message: '请先登录' });
    if (file.kind === 'not_found') return sendJson(res, 404, { ok: false, error: 'NOT_FOUND', message: '文件不存在' });
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.size,
      // Personal data: never in a shared cache, never sniffed into something executable, never framed elsewhere.
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `inline; filename="${id}.${file.contentType === 'image/png' ? 'png' : 'jpg'}"`,
      'x-request-id': requestId,
    });
    if (req.method === 'HEAD') {
      (file.stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      res.end();
      return;
    }
    file.stream.pipe(res);
  };

  return { exact: { [UPLOAD_PATH]: upload }, prefix: { [`${UPLOAD_PATH}/`]: download } };
}
