import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../logger';
import { clientIp } from './client-ip';
import { readBody, sendJson, type RouteHandler } from './server';

/** The shell caps a message at 2,000 characters; the rest of a report is small. */
export const CLIENT_ERROR_MAX_BODY_BYTES = 8 * 1024;
/** Bounds the limiter's memory under a flood from many addresses; see `FixedWindowLimiter`. */
const MAX_TRACKED_CLIENTS = 10_000;

const ClientErrorReport = z.object({
  app: z.string().min(1).max(100),
  kind: z.enum(['load', 'mount', 'timeout', 'runtime']),
  message: z.string().max(2_000),
  url: z.string().max(2_000),
  at: z.string().max(40),
});

/**
 * Requests per key and minute, counted in this process's memory. Good enough here: the reports only
 * feed a log, a client that exceeds the limit loses nothing it needs, and several gateway processes
 * each allowing the limit only multiplies a small number. (Sign-in throttling, where the count must
 * hold across processes, lives in PostgreSQL instead.)
 */
export class FixedWindowLimiter {
  private windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
  ) {}

  /** True when the request may proceed; counts it either way. */
  take(key: string, now: number): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (!window && this.windows.size >= MAX_TRACKED_CLIENTS) this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.perWindow;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    // Still full: a flood from many addresses. Forgetting everyone is the lesser harm than growing.
    if (this.windows.size >= MAX_TRACKED_CLIENTS) this.windows.clear();
  }
}

/** Scheme, host and path only: query strings and fragments can carry tokens or personal data. */
export function pageWithoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.split(/[?#]/, 1)[0]!.slice(0, 200);
  }
}

/**
 * POST /api/client-errors: a front end reports that one of its parts failed (see the shell's
 * `reportClientError`). Logged at warn with the request id, so a broken deployment shows up in the
 * gateway's log; answered 204. JSON only, which also keeps cross-site forms out (no CORS preflight
 * is ever answered here).
 */
export function clientErrorsRoute(options: { logger: Logger; perMinute: number; trustProxyHops: number; now?: () => number }): RouteHandler {
  const limiter = new FixedWindowLimiter(options.perMinute);
  const now = options.now ?? Date.now;
  return async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: '仅支持POST' }, { allow: 'POST' });
    const ip = clientIp(req, options.trustProxyHops);
    if (!limiter.take(ip, now())) {
      return sendJson(res, 429, { error: 'RATE_LIMITED', message: '操作过于频繁,请稍后再试' }, { 'retry-after': '60' });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { error: 'UNSUPPORTED_MEDIA_TYPE', message: '请求须为JSON' });
    }
    const raw = await readBody(req, CLIENT_ERROR_MAX_BODY_BYTES);
    let report: z.infer<typeof ClientErrorReport>;
    try {
      report = ClientErrorReport.parse(JSON.parse(raw.toString('utf8')));
    } catch {
      return sendJson(res, 400, { error: 'BAD_REQUEST', message: '错误报告格式不正确' });
    }
    options.logger.warn(
      {
        requestId,
        ip,
        userAgent: req.headers['user-agent']?.slice(0, 300),
        clientError: { app: report.app, kind: report.kind, message: report.message, page: pageWithoutQuery(report.url), at: report.at },
      },
      'client error report',
    );
    res.writeHead(204, { 'cache-control': 'no-store', 'x-request-id': requestId });
    res.end();
  };
}
