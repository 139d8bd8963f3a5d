import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from '../logger';
import { AppError, ErrorCode } from '../common/errors';
import { isClientFault } from '../graphql/plugins';
import type { CachedResponse, PublicResponseCache, ResponseMark } from '../graphql/public-response-cache';
import type { ViewerResponseCache } from '../graphql/viewer-response-cache';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void> | void;

export interface HttpAppOptions<TContext extends object> {
  logger: Logger;
  maxBodyBytes: number;
  apollo: ApolloServer<TContext>;
  createContext: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  /**
   * Set-Cookie values a request's resolvers asked for. Written here rather than through Apollo's
   * response headers: those are a map of single strings, and cookies must not be joined into one header.
   */
  responseCookies: (context: TContext) => readonly string[];
  /** Exact path → handler, for everything that is not GraphQL (health checks, callbacks, dev tools). */
  routes: Record<string, RouteHandler>;
  /** Path prefix (ending in "/") → handler, tried when no exact route matches (static files: /explorer/assets/…). */
  prefixRoutes?: Record<string, RouteHandler>;
  /** Whole answers to anonymous reads of published data; the context carries the request's mark as `responseMark`. */
  publicResponses?: PublicResponseCache;
  /** Whole answers to signed-in candidates' reads of their own application (the mark again as `responseMark`). */
  viewerResponses?: {
    cache: ViewerResponseCache;
    /** Whether the cookies allow the cache at all: a candidate session, no fresh-reads cookie, no ops session. */
    mayLookup(cookieHeader: string): boolean;
    /** The account whose answers the request may get (a signed-in candidate with nothing to send back), or null. */
    accountOf(context: TContext): string | null;
    /** The fresh-reads cookie for a candidate's write outside GraphQL (uploads), or null when the request has no candidate session. */
    freshReadsCookieFor(cookieHeader: string | undefined): string | null;
  };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * graphql-armor's token limit throws inside the parser, and Apollo answers that outside its plugin
 * pipeline with a 500. A response made only of client faults is the client's problem: 400. (Other
 * statuses were chosen on purpose: 503 for a busy process.)
 */
function statusFor(status: number, body: string): number {
  if (status !== 500) return status;
  try {
    const errors = (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors;
    if (errors?.length && errors.every((e) => isClientFault(e.extensions?.code))) return 400;
  } catch {
    // not JSON: leave the status as it is
  }
  return status;
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function sendCached(res: ServerResponse, requestId: string, hit: CachedResponse): void {
  const headers: OutgoingHttpHeaders = { 'x-request-id': requestId };
  for (const [name, value] of hit.headers) headers[name] = value;
  res.writeHead(hit.status, headers);
  res.end(hit.body);
}

async function handleGraphQL<TContext extends object>(
  options: HttpAppOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  let body: unknown = undefined;
  let mark: ResponseMark | null = null;
  let store: ((mark: ResponseMark, response: Omit<CachedResponse, 'validFrom' | 'expiresAt'>) => void) | undefined;
  // Made once: a signed-in read resolves its session before the cache lookup, and Apollo reuses it.
  let contextPromise: Promise<TContext> | undefined;
  const contextOnce = () => (contextPromise ??= options.createContext(req, requestId));
  if (req.method === 'POST') {
    const raw = await readBody(req, options.maxBodyBytes);
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
      const text = raw.toString('utf8');
      const key = `${req.headers.accept ?? ''}\n${text}`;
      const cookieHeader = req.headers.cookie;
      // Anonymous only (no cookie at all): a signed-in caller's request refreshes their session.
      // A JSON POST is never a CSRF-"simple" request, so Apollo's preflight rule would let it through too.
      if (options.publicResponses && cookieHeader === undefined && contentType.startsWith('application/json')) {
        const hit = options.publicResponses.lookup(key);
        if (hit) return sendCached(res, requestId, hit);
        mark = options.publicResponses.mark(key);
        store = (m, response) => options.publicResponses!.store(m, response);
      } else if (options.viewerResponses?.cache.enabled && cookieHeader && contentType.startsWith('application/json') && options.viewerResponses.mayLookup(cookieHeader)) {
        const viewer = options.viewerResponses;
        // A failed session lookup is left to Apollo's context handling (same promise, same error).
        const accountId = await contextOnce().then((ctx) => viewer.accountOf(ctx), () => null);
        if (accountId) {
          const hit = viewer.cache.lookup(accountId, key);
          if (hit) return sendCached(res, requestId, hit);
          mark = viewer.cache.mark(accountId, key);
          store = (m, response) => viewer.cache.store(m, response);
        }
      }
      try {
        body = raw.length ? JSON.parse(text) : undefined;
      } catch {
        throw new HttpError(400, 'request body is not valid JSON');
      }
    } else {
      body = raw.toString('utf8');
    }
  }
  let context: TContext | undefined;
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: url.search, body },
    context: async () => {
      context = await contextOnce();
      if (mark) (context as { responseMark?: ResponseMark }).responseMark = mark;
      // Apollo copies the context for the operation with Object.assign, which would run every lazy getter
      // (an EntityManager fork, a child logger, DataLoaders) whether the operation needs them or not; a
      // context that inherits everything from ours copies nothing.
      return Object.create(context) as TContext;
    },
  });
  const headers: OutgoingHttpHeaders = { 'x-request-id': requestId };
  for (const [key, value] of response.headers) headers[key] = value;
  const cookies = context ? options.responseCookies(context) : [];
  if (cookies.length > 0) headers['set-cookie'] = [...cookies];
  if (response.body.kind === 'complete') {
    const status = statusFor(response.status ?? 200, response.body.string);
    if (mark && store && status === 200 && cookies.length === 0) {
      store(mark, { status, headers: [...response.headers], body: response.body.string });
    }
    res.writeHead(status, headers);
    res.end(response.body.string);
    return;
  }
  res.writeHead(response.status ?? 200, headers);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function createHttpServer<TContext extends object>(options: HttpAppOptions<TContext>): http.Server {
  return http.createServer(async (req, res) => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || randomUUID();
    const path = (req.url ?? '/').split('?')[0]!;
    try {
      if (path === '/graphql') {
        await handleGraphQL(options, req, res, requestId);
        return;
      }
      const route =
        options.routes[path] ?? Object.entries(options.prefixRoutes ?? {}).find(([prefix]) => path.startsWith(prefix))?.[1];
      if (!route) {
        sendJson(res, 404, { error: 'NOT_FOUND', message: '接口不存在' });
        return;
      }
      // A candidate's write outside GraphQL (an upload): their next reads skip the viewer caches.
      if (req.method !== 'GET' && req.method !== 'HEAD' && options.viewerResponses?.cache.enabled) {
        const fresh = options.viewerResponses.freshReadsCookieFor(req.headers.cookie);
        if (fresh) res.setHeader('set-cookie', fresh);
      }
      await route(req, res, requestId);
    } catch (err) {
      if (err instanceof HttpError) {
        if (!res.headersSent) sendJson(res, err.status, { error: 'BAD_REQUEST', message: err.message });
        return;
      }
      // A route's session lookup refused for a full queue (sessionLookupBusy): nothing was done.
      if (err instanceof AppError && err.extensions.code === ErrorCode.SERVICE_BUSY) {
        if (!res.headersSent) sendJson(res, 503, { error: ErrorCode.SERVICE_BUSY, message: err.message }, { 'retry-after': '1' });
        return;
      }
      options.logger.error({ err, requestId, path }, 'unhandled HTTP error');
      if (!res.headersSent) sendJson(res, 500, { error: 'INTERNAL_SERVER_ERROR', message: '服务器内部错误,请稍后重试', requestId });
      else res.destroy();
    }
  });
}
