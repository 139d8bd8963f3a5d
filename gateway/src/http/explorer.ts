import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { RouteHandler } from './server';

/** Where `npm run build -w @ccap/gateway` (vite, explorer/vite.config.ts) writes the explorer. */
export const EXPLORER_DIST = fileURLToPath(new URL('../../explorer/dist/', import.meta.url));
export const EXPLORER_PATH = '/explorer';

const gzipAsync = promisify(gzip);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.ttf']);

/**
 * Everything comes from this origin: the page must work on networks without Internet access, and a
 * policy that names no other host also makes any stray CDN reference fail loudly in testing.
 * 'unsafe-inline' styles: Monaco and GraphiQL set style attributes at run time.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': EXPLORER_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

interface StaticFile {
  path: string;
  contentType: string;
  /** Hashed names under assets/ never change: cached for a year. index.html is revalidated. */
  immutable: boolean;
  gzipped?: Promise<Buffer>;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/**
 * Serves the built explorer at /explorer and /explorer/assets/*. The files are listed once at start:
 * a request is looked up by exact name in that list and never joined to a path, so no URL can reach
 * outside the build folder.
 */
export function explorerRoutes(distDir = EXPLORER_DIST): { exact: Record<string, RouteHandler>; prefix: Record<string, RouteHandler> } {
  const files = new Map<string, StaticFile>();
  if (existsSync(join(distDir, 'index.html'))) {
    for (const full of listFiles(distDir)) {
      const rel = relative(distDir, full).split(sep).join('/');
      files.set(`${EXPLORER_PATH}/${rel}`, {
        path: full,
        contentType: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream',
        immutable: rel.startsWith('assets/'),
      });
    }
  }
  const index = files.get(`${EXPLORER_PATH}/index.html`);

  const serve = async (req: IncomingMessage, res: ServerResponse, file: StaticFile | undefined) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('method not allowed');
      return;
    }
    if (!file) {
      const status = index ? 404 : 503;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
      res.end(index ? 'not found' : 'The explorer is not built: run `npm run build -w @ccap/gateway`.');
      return;
    }
    let body: Buffer = await readFile(file.path);
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...SECURITY_HEADERS,
    };
    // Monaco alone is megabytes: compressed once, on first request, and kept.
    if (COMPRESSIBLE.has(extname(file.path)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      file.gzipped ??= gzipAsync(body, { level: 9 });
      body = await file.gzipped;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const page: RouteHandler = (req, res) => serve(req, res, index);
  return {
    exact: { [EXPLORER_PATH]: page, [`${EXPLORER_PATH}/`]: page },
    prefix: { [`${EXPLORER_PATH}/`]: (req, res) => serve(req, res, files.get((req.url ?? '').split('?')[0]!)) },
  };
}
